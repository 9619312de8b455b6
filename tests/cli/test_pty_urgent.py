"""The urgent interruption in a real pseudo-terminal, through the installed entry point."""

from __future__ import annotations

import json

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")

from helpers import FIXTURES, spawn_cli, spawn_run_to_json  # noqa: E402

CHECKLIST = str(FIXTURES / "urgent.yaml")
PROMPT = r"\(or \?, u, d, b, q[^)]*\): "
WHO = r"Type 1 or 2 \(Enter for 1\): "
STOP_PROMPT = "Type c to continue the questions, or s to stop here"


def spawn(state, out):
    return spawn_run_to_json(CHECKLIST, state, out)


def up_to_the_crisis_answer(child):
    child.expect(WHO)
    child.sendline("")  # the person answers for themselves
    for keys in ("y", "3"):  # blood pressure checked: yes; medicines: none of these
        child.expect(PROMPT)
        child.sendline(keys)
    child.expect("Right now, are you thinking about ending your life")
    child.expect(PROMPT)
    child.sendline("y")
    # the very next screen is the interruption, before any other question
    child.expect("Your safety comes first")
    before_next = child.before
    child.expect(STOP_PROMPT)
    screen = child.before
    assert "Question" not in before_next
    assert "988" in screen and "911" in screen and "1-800-662-4357" in screen
    assert "You can come back to these questions later" in screen
    return screen


def test_urgent_answer_interrupts_at_once_and_the_run_can_continue(tmp_path):
    out = tmp_path / "out.json"
    child = spawn(tmp_path / "state", out)
    up_to_the_crisis_answer(child)
    child.sendline("c")
    child.expect("Where is the dose given?")
    child.expect(PROMPT)
    child.sendline("1")
    child.expect(PROMPT)  # age (optional)
    child.sendline("")
    child.expect("press Enter to confirm")
    child.sendline("")
    child.expect("press Enter to skip: ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    doc = json.loads(out.read_text())
    assert doc["verdict"]["code"] == "urgent" and doc["urgent"][0]["id"] == "crisis_now"


@pytest.mark.parametrize("how", ["intr", "stop"])
def test_stopping_at_the_interruption_keeps_the_draft(tmp_path, how):
    state, out = tmp_path / "state", tmp_path / "out.json"
    child = spawn(state, out)
    up_to_the_crisis_answer(child)
    if how == "intr":
        child.sendintr()
    else:
        child.sendline("s")
    child.expect(pexpect.EOF)
    tail = child.before
    child.close()
    assert child.exitstatus == 130
    assert "are saved in" in tail and "--resume" in tail
    drafts = list((state / "drafts").glob("mini-urgent--*.yaml"))  # a checklist file: id plus a hash of its path
    assert len(drafts) == 1 and "crisis_now: 'yes'" in drafts[0].read_text()
    assert not out.exists()


def test_the_welcome_carries_a_crisis_line_and_no_draft_promises_nothing(tmp_path):
    """ux M2: one crisis line on the welcome; with --no-draft the interruption never says the answers are kept."""
    state = {"CLINIC_READY_STATE_DIR": str(tmp_path / "state"), "NO_COLOR": "1"}
    child = spawn_cli(["run", CHECKLIST, "--no-draft"], state, rows=60, cols=200)
    child.expect(WHO)
    assert "If you are in crisis or danger: 988 Suicide & Crisis Lifeline (US): call or text 988" in child.before
    child.sendline("")
    for keys in ("y", "3"):
        child.expect(PROMPT)
        child.sendline(keys)
    child.expect(PROMPT)
    child.sendline("y")
    child.expect("Type c to continue the questions, or s to stop here: ")
    screen = child.before
    assert "your answers are not being saved (--no-draft)" in screen
    assert "answers so far are kept" not in screen and "(your answers are kept)" not in screen
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
