"""End to end in a real pseudo-terminal through the installed entry point (pexpect).

At chosen questions k of the shipped checklist (the first, the last, the first of each section,
the first question an answer opened in each section): interrupt with Ctrl-C at question k, resume,
finish — the JSON result must equal that of an uninterrupted run with the same answers.  The same
property for every k is checked in process (tests/cli/test_resume_everywhere.py).
"""

from __future__ import annotations

import json
import os
import re
import signal
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")

from helpers import EXAMPLES, cli_path, typed_keys  # noqa: E402

from clinic_ready.core import engine  # noqa: E402
from clinic_ready.io.answers import load_answers  # noqa: E402
from clinic_ready.io.catalog import shipped  # noqa: E402
from clinic_ready.io.loading import load_checklist  # noqa: E402

CL = load_checklist(shipped()["ketamine-clinic"])
ANSWERS, _ = load_answers(EXAMPLES / "perry-like.yaml", CL)
BY_PROMPT = {" ".join(q.prompt.split()): q for q in CL.questions.values()}
ASKED = [i for i in engine.evaluate(CL, ANSWERS).items if i.state != "skipped"]  # in the order asked


def chosen_questions() -> list[int]:
    """1-based positions: first, last, each section's first, and in each section the first
    question that an answer opened (its own condition or its section's).  Every other k is
    checked in process (test_resume_everywhere)."""
    picked = {1, len(ASKED)}
    opened: set[str] = set()
    for k, item in enumerate(ASKED, 1):
        if k == 1 or item.section.id != ASKED[k - 2].section.id:
            picked.add(k)
        if (item.question.when or item.section.when) and item.section.id not in opened:
            opened.add(item.section.id)
            picked.add(k)
    return sorted(picked)


WHO = r"Type 1 or 2 \(Enter for 1\): "
QUESTION = re.compile(r"Question (\d+) of (\d+) · [^\r\n]*\r\n([^\r\n]+)\r\n")


def keys_for(qid: str) -> str:
    return typed_keys(CL.questions[qid], ANSWERS.values[qid])


def spawn(state: Path, out: Path, *extra: str):
    env = {**os.environ, "CLINIC_READY_STATE_DIR": str(state), "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(
        cli_path(),
        ["run", "-f", "json", "-o", str(out), *extra],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(60, 400),
    )
    child.delaybeforesend = None  # pexpect waits 50 ms before every send by default
    child.ptyproc.delayafterclose = 0.0
    return child


def drive(child, stop_at: int | None = None, stop_how: str = "intr") -> int:
    """Answer questions until stop_at (1-based count of questions seen), or to the end."""
    seen = 0
    while True:
        i = child.expect([QUESTION, "Review your answers", "Resume it\\? \\[Y/n\\]", WHO])
        if i == 2:
            child.sendline("y")
            continue
        if i == 3:
            child.sendline("")  # the person answers for themselves
            continue
        if i == 1:
            child.expect("press Enter to confirm")
            child.sendline("")
            child.expect("press Enter to skip: ")
            child.sendline("")
            child.expect(pexpect.EOF)
            child.close()
            return seen
        seen += 1
        q = BY_PROMPT[child.match.group(3).strip()]
        child.expect(r"\(or \?, u, d, b, q[^)]*\): ")
        if stop_at is not None and seen == stop_at:
            if stop_how == "intr":
                # CPython can miss a SIGINT that lands just before readline waits for input (the
                # handler only sets a flag); a person presses Ctrl-C again, and so does this test
                for _ in range(3):
                    child.sendintr()
                    if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=2) == 0:
                        break
            elif stop_how == "eof":
                child.sendeof()
            else:
                child.kill(signal.SIGHUP)
            child.expect(pexpect.EOF)
            child.close()
            return seen
        child.sendline(keys_for(q.id))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    base = tmp_path_factory.mktemp("ref")
    out = base / "ref.json"
    child = spawn(base / "state", out)
    total = drive(child)
    assert child.exitstatus == 0
    assert not (base / "state" / "drafts" / "ketamine-clinic.yaml").exists()
    return json.loads(out.read_text()), total


def test_full_run_in_a_real_terminal(reference):
    doc, total = reference
    assert doc["verdict"]["code"] == "stop"
    assert total == sum(1 for a in doc["answers"] if a["state"] != "skipped")


def test_the_chosen_questions_cover_every_kind_of_boundary():
    chosen = chosen_questions()
    sections = {i.section.id for i in ASKED}
    assert chosen[0] == 1 and chosen[-1] == len(ASKED) and len(chosen) >= len(sections) + 1
    assert any(ASKED[k - 1].question.when for k in chosen)  # a question that opens on an answer
    assert any(ASKED[k - 1].section.when for k in chosen)  # a section that opens on an answer
    assert len(chosen) <= 14, chosen  # about ten: the in-process test covers every k


@pytest.mark.parametrize("k", chosen_questions())
def test_interrupt_at_a_chosen_question_then_resume(reference, tmp_path, k):
    doc, total = reference
    assert total == len(ASKED)
    state, out = tmp_path / f"s{k}", tmp_path / f"o{k}.json"
    child = spawn(state, out)
    drive(child, stop_at=k)
    assert child.exitstatus == 130, k
    assert not out.exists()
    draft = state / "drafts" / "ketamine-clinic.yaml"
    assert draft.exists() == (k > 1), k
    drive(spawn(state, out, "--resume"))
    assert json.loads(out.read_text()) == doc, f"interrupted at question {k}"
    assert not draft.exists()


@pytest.mark.parametrize("how", ["hup", "eof"])
def test_hangup_and_end_of_input_keep_the_draft(reference, tmp_path, how):
    doc, _ = reference
    state, out = tmp_path / "s", tmp_path / "o.json"
    child = spawn(state, out)
    drive(child, stop_at=6, stop_how=how)
    assert child.exitstatus == 130 or child.signalstatus is None
    draft = state / "drafts" / "ketamine-clinic.yaml"
    assert draft.exists()
    assert oct(draft.stat().st_mode & 0o777) == "0o600"
    drive(spawn(state, out, "--resume"))
    assert json.loads(out.read_text()) == doc


def test_ctrl_d_at_the_resume_question_exits_130_and_keeps_the_draft(tmp_path):
    state, out = tmp_path / "s", tmp_path / "o.json"
    child = spawn(state, out)
    drive(child, stop_at=3)
    draft = state / "drafts" / "ketamine-clinic.yaml"
    before = draft.read_text()
    child = spawn(state, out)
    child.expect("Resume it\\? \\[Y/n\\]")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert draft.read_text() == before and not out.exists()


def test_a_second_run_of_the_same_checklist_is_told_and_can_keep_a_separate_draft(tmp_path):
    state = tmp_path / "s"
    first = spawn(state, tmp_path / "a.json")
    first.expect(WHO)
    first.sendline("")
    first.expect(r"\(or \?, u, d, b, q[^)]*\): ")
    first.sendline("First clinic")
    first.expect(r"Question 2 of")
    first.expect(r"\(or \?, u, d, b, q[^)]*\): ")
    second = spawn(state, tmp_path / "b.json")
    second.expect("Another run is using this draft")
    second.expect(r"quit \(q\)\? ")
    second.sendline("s")
    second.expect("This run keeps its own draft")
    second.expect(WHO)
    second.sendline("")
    second.expect(r"\(or \?, u, d, b, q[^)]*\): ")
    second.sendline("q")
    second.expect(pexpect.EOF)
    second.close()
    first.sendline("q")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 130 and second.exitstatus == 130
    drafts = sorted(p.name for p in (state / "drafts").iterdir())
    assert drafts == ["ketamine-clinic.yaml"]  # the second run gave no answer; no lock file is left
    assert "First clinic" in (state / "drafts" / "ketamine-clinic.yaml").read_text()


def test_an_html_report_is_not_dumped_into_a_terminal(tmp_path):
    child = pexpect.spawn(cli_path(), ["report", str(EXAMPLES / "well-run-clinic.yaml")], encoding="utf-8", timeout=20)
    child.expect("an HTML report is for a browser, not the terminal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2 and "<html" not in child.before
