"""What a person sees on the screen at the edges of a run (issue 28): stop messages that tell the
truth and wrap at words at 40 and 80 columns, hanging indents for choices, a kinder line after an
answer about suicidal thoughts, and the message for `run` with no terminal.  Through the installed
command, in a pseudo-terminal, as the person meets them."""

from __future__ import annotations  # noqa: I001

import io
import re

import pytest
from helpers import Keys, pty_finish, run_cli, spawn_cli
from rich.console import Console

from clinic_ready.app.console import wrap_words
from clinic_ready.app.interactive.prompting import Questionnaire
from clinic_ready.core.model import Answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
import contextlib

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")

WORDS = re.compile(r"[A-Za-z~/._-]+")


def _lines_after(screen: str, marker: str) -> list[str]:
    text = screen.replace("\r\n", "\n")
    return text[text.rindex(marker) :].splitlines()


def _no_word_broken(lines: list[str], message: str) -> None:
    """Every word of ``message`` is whole on some line (none is split at a line's end)."""
    shown = [w for line in lines for w in line.split()]
    for word in message.split():
        assert word in shown, (word, lines)


@pytest.mark.parametrize("cols", [40, 80])
def test_ctrl_d_at_a_question_wraps_at_words(tmp_path, cols):
    child = spawn_cli(
        ["run", "--fresh"],
        {"CLINIC_READY_STATE_DIR": str(tmp_path), "HOME": str(tmp_path), "NO_COLOR": "1"},
        rows=30,
        cols=cols,
    )
    child.expect("Type 1 or 2")
    child.sendline("1")
    child.expect(r"\(optional\)")
    child.sendline("Lakeside")
    child.expect("Type a number 1-4")
    child.sendline("1")
    child.expect("Type a number 1-5")
    child.sendeof()
    out = pty_finish(child)
    assert child.exitstatus == 130
    lines = _lines_after(out, "clinic-ready: stopped.")
    _no_word_broken(lines, "clinic-ready: stopped. Your 2 answers are saved in To continue, type:")
    path = next(w for line in lines for w in line.split() if w.endswith("ketamine-clinic.yaml."))
    assert path.startswith("~/")  # the home folder is written ~: shorter, and whole
    assert all(len(line) <= cols or " " not in line.strip() for line in lines[:-1])  # the last: the command, whole
    assert lines[-1].strip().endswith("run --resume")


def test_ctrl_d_at_resume_keeps_the_draft_and_says_so(tmp_path):
    env = {"CLINIC_READY_STATE_DIR": str(tmp_path), "HOME": str(tmp_path), "NO_COLOR": "1"}
    child = spawn_cli(["run", "--fresh"], env, rows=30, cols=40)
    child.expect("Type 1 or 2")
    child.sendline("1")
    child.expect(r"\(optional\)")
    child.sendline("Lakeside")
    child.expect("Type a number 1-4")
    child.sendline("q")
    pty_finish(child)
    draft = tmp_path / "drafts" / "ketamine-clinic.yaml"
    before = draft.read_bytes()
    child = spawn_cli(["run"], env, rows=30, cols=40)
    child.expect(r"Resume it\? \[Y/n\]")
    child.sendeof()
    out = " ".join(pty_finish(child).split())
    assert child.exitstatus == 130
    assert "nothing was saved" not in out
    assert "Your saved draft is kept, unchanged, in ~/drafts/ketamine-clinic.yaml" in out
    assert draft.read_bytes() == before


def test_skipping_only_optional_questions_never_says_zero_answers(tmp_path):
    child = spawn_cli(
        ["run", "--fresh"],
        {"CLINIC_READY_STATE_DIR": str(tmp_path), "HOME": str(tmp_path), "NO_COLOR": "1"},
        rows=30,
        cols=80,
    )
    child.expect("Type 1 or 2")
    child.sendline("1")
    child.expect(r"\(optional\)")
    child.sendline("")
    child.expect("Type a number 1-4")
    child.sendline("q")
    out = " ".join(pty_finish(child).split())
    assert "Your 0 answers" not in out
    assert "The questions you skipped are noted in ~/drafts/ketamine-clinic.yaml" in out


def test_run_without_a_terminal_says_how_to_answer(tmp_path):
    r = run_cli("run", cwd=tmp_path)
    assert r.returncode == 2
    assert "run it in a terminal to answer at the keyboard, or give your answers with --answers FILE" in r.stderr
    assert "have no answer" not in r.stderr
    r = run_cli("run", "--no-input", cwd=tmp_path)  # asked for no keyboard: the list of what is missing
    assert r.returncode == 2 and "have no answer" in r.stderr


def test_wrap_words_never_cuts_a_word_or_a_path():
    text = "clinic-ready: stopped. Your 3 answers are saved in /home/someone/.local/state/clinic-ready/drafts/ketamine-clinic.yaml. To continue, type:\n  clinic-ready run --resume"
    for width in (20, 40, 80, 100):
        out = wrap_words(text, width).splitlines()
        assert " ".join(" ".join(out).split()) == " ".join(text.split())
        for line in out:
            assert len(line) <= width or len(line.split()) == 1 or line.startswith("  clinic-ready run"), (width, line)
        assert out[-1] == "  clinic-ready run --resume"  # a command to paste is never split


# ----------------------------------------------------------------------------- in process

CL = load_checklist(shipped()["ketamine-clinic"])


def _screen(respondent: str, *keys: str, width: int = 40) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True)
    answers = Answers(CL.id, CL.version, respondent=respondent)
    q = Questionnaire(CL, answers, console, Keys(*keys), plain=True)
    with contextlib.suppress(EOFError):
        q._ask_until_done(start="suicidal_thoughts")
    return out.getvalue()


@pytest.mark.parametrize("respondent", ["patient", "supporter"])
def test_yes_to_suicidal_thoughts_is_met_kindly(respondent):
    screen = " ".join(_screen(respondent, "y").split())
    assert "opened 1 more question" not in screen
    assert "Thank you for telling us" in screen and "988" in screen and "911" in screen
    assert ("how they are right now" if respondent == "supporter" else "how you are right now") in screen


def test_wrapped_choices_hang_under_their_text():
    out = io.StringIO()
    q = Questionnaire(CL, Answers(CL.id, CL.version), Console(file=out, width=40, no_color=True), Keys(), plain=True)
    with pytest.raises(EOFError):
        q.ask(CL.questions["product"], 3, 36)
    lines = out.getvalue().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  3) "))
    assert lines[first + 1].startswith("     ") and lines[first + 1].strip().startswith("liquid")


def test_ctrl_c_at_a_save_prompt_says_what_was_and_was_not_written(tmp_path, mini_path):
    """Answers saved, then Ctrl-C at the PDF's file name: the message names the file written, says
    the answers are still in the draft, and how to come back (exit 130)."""
    env = {"CLINIC_READY_STATE_DIR": str(tmp_path / "state"), "HOME": str(tmp_path), "NO_COLOR": "1", "PAGER": "cat"}
    child = spawn_cli(["run", str(mini_path), "--fresh", "--plain"], env, rows=40, cols=80)
    child.expect("Type 1 or 2")
    child.sendline("")
    for keys in ("n", "3", "1", "40"):
        child.expect(r": $")
        child.sendline(keys)
    child.expect("press Enter to confirm")
    child.sendline("")
    child.expect("Type a number 1-5")
    child.sendline("4")  # both: the answers and a PDF
    child.expect(r"File for your answers")
    saved = tmp_path / "mine.yaml"
    child.sendline(str(saved))
    child.expect(r"File for the PDF report")
    child.sendintr()
    out = " ".join(pty_finish(child).split())
    assert child.exitstatus == 130
    assert saved.exists()
    assert f"clinic-ready: stopped. Written: {saved}." in out
    assert re.search(r"Your answers are still kept in the draft ~/state/drafts/mini[-\w]*\.yaml; to come back", out)
    assert out.rstrip().endswith("--resume")
    assert "interrupted." not in out


@pytest.mark.parametrize("cols", ["40", "80"])
def test_urls_in_the_summary_are_never_cut(cols):
    from helpers import EXAMPLES

    r = run_cli("run", "-a", str(EXAMPLES / "perry-like.yaml"), "--no-input", env={"COLUMNS": cols})
    assert r.returncode == 0
    sources = r.stdout.split("\nSources\n", 1)[1]
    urls = [s.url for s in CL.sources if s.url and s.url in r.stdout]
    assert len(urls) >= 10
    for url in urls:
        assert any(url in line for line in sources.splitlines()), url  # whole, on one line
    marks = [line for line in sources.splitlines() if re.match(r"\[\d+\] ", line)]
    following = sources.splitlines()[sources.splitlines().index(marks[0]) + 1]
    assert following.startswith("    ")  # a source's next lines hang under its text


def test_a_long_path_in_a_hint_is_never_cut():
    from clinic_ready.app.interactive.asking import say_whole

    path = "/tmp/pytest-of-someone/pytest-226/popen-gw1/test_full_run_shows_summary_an0/answers.yaml"
    out = io.StringIO()
    say_whole(Console(file=out, width=40), f"Saved your answers in {path}. To make the report again, type:")
    lines = out.getvalue().splitlines()
    assert path + "." in [w for line in lines for w in line.split()]
    assert all(len(line) <= 40 for line in lines if path not in line)
