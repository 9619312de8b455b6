"""The pager, in a real pseudo-terminal through the installed entry point: a summary longer than
the screen goes through $PAGER (LESS=FRX unless LESS is set), then the closing screen; --no-pager,
PAGER=cat or empty, a missing pager and a pipe print it directly; q and Ctrl-C in less end well."""

from __future__ import annotations

import os
import re

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")

from helpers import EXAMPLES, FIXTURES, pager_recorder, pty_finish, run_cli, spawn_cli  # noqa: E402

PERRY = str(EXAMPLES / "perry-like.yaml")
SGR = re.compile(r"\x1b\[[0-9;]*m")
ANY_ESCAPE = re.compile(r"\x1b(?!\[[0-9;]*m)")  # an escape that is not a colour code
#: less's prompt (LESS=FRX, TERM=xterm): a colon, then erase to the end of the line; the summary's
#: own colons are never followed by that erase
LESS_PROMPT = ":\x1b[K"


def test_a_long_summary_goes_through_the_pager_then_the_closing_screen(tmp_path):
    child = spawn_cli(
        ["run", "-a", PERRY, "--no-input"], {"PAGER": pager_recorder(tmp_path), "LESS": None, "COLUMNS": None}
    )
    screen = pty_finish(child)
    assert child.exitstatus == 0
    paged = (tmp_path / "paged").read_text(encoding="utf-8")
    assert (tmp_path / "less-env").read_text() == "FRX"
    assert "\x1b[" in paged and not ANY_ESCAPE.search(paged)  # colour, and no other escape at all
    plain = SGR.sub("", paged)
    for part in ("Questions to ask your clinic (32)", "Concerns, most serious first", "\nSources\n", "1-800-662-4357"):
        assert part in plain
    assert max(len(line) for line in plain.splitlines() if not line.strip().startswith("http")) <= 100
    # what is left on the screen: the closing screen only, never the sources
    shown = SGR.sub("", screen)
    assert "Sources" not in shown and "http" not in shown and "Questions to ask your clinic (" not in shown
    assert "Stop: resolve the critical concerns before any dose" in shown and "First steps" in shown
    assert "988" in shown and "1-800-662-4357" in shown and "911" in shown
    assert len(shown.strip("\r\n").splitlines()) <= 15


def test_less_set_by_the_person_is_kept(tmp_path):
    child = spawn_cli(["run", "-a", PERRY, "--no-input"], {"PAGER": pager_recorder(tmp_path), "LESS": "-i"})
    pty_finish(child)
    assert child.exitstatus == 0
    assert (tmp_path / "less-env").read_text() == "-i"


@pytest.mark.parametrize(
    "how", ["--no-pager", "PAGER=cat", "PAGER=", "PAGER=missing", "TERM=dumb", "--plain", "NO_COLOR=1"]
)
def test_the_pager_can_be_turned_off_and_a_missing_one_prints_directly(tmp_path, how):
    args = ["run", "-a", PERRY, "--no-input"]
    env = {"PAGER": pager_recorder(tmp_path)}
    if how in ("--no-pager", "--plain"):  # the plain modes (--plain, NO_COLOR, TERM=dumb) behave alike
        args.append(how)
    elif how == "NO_COLOR=1":
        env["NO_COLOR"] = "1"
    elif how == "PAGER=missing":
        env["PAGER"] = str(tmp_path / "no-such-pager")
    elif how == "TERM=dumb":
        env["TERM"] = "dumb"
    else:
        env["PAGER"] = how.split("=", 1)[1]
    child = spawn_cli(args, env, rows=24)
    screen = SGR.sub("", pty_finish(child))
    assert child.exitstatus == 0
    assert not (tmp_path / "paged").exists()
    assert "Questions to ask your clinic (32)" in screen and "Sources" in screen  # the whole summary, printed
    at = screen.lower().rindex("verdict: stop")  # the closing screen comes last ("VERDICT:" when plain)
    closing = screen[at:]
    assert at > screen.rindex("Sources") and "http" not in closing
    assert "988" in closing and "1-800-662-4357" in closing and "911" in closing
    assert "Traceback" not in screen


def test_a_summary_that_fits_the_screen_is_printed_without_a_pager(tmp_path):
    child = spawn_cli(["run", "-a", PERRY, "--no-input"], {"PAGER": pager_recorder(tmp_path)}, rows=900)
    screen = SGR.sub("", pty_finish(child))
    assert child.exitstatus == 0
    assert not (tmp_path / "paged").exists()
    assert screen.count("Stop: resolve the critical concerns") == 1  # no closing screen after a summary that fits


def test_a_pipe_never_pages(tmp_path):
    r = run_cli("run", "-a", PERRY, "--no-input", env={"PAGER": pager_recorder(tmp_path)})
    assert r.returncode == 0
    assert not (tmp_path / "paged").exists()
    assert "Questions to ask your clinic (32)" in r.stdout


def test_hostile_checklist_text_reaches_the_pager_made_visible(tmp_path):
    text = (FIXTURES / "mini.yaml").read_text()
    text = text.replace("title: Mini checklist", 'title: "Mini \\e]2;PWNED\\a \\e[2J checklist"')
    (tmp_path / "cl.yaml").write_text(text)
    child = spawn_cli(
        ["run", str(tmp_path / "cl.yaml"), "-a", str(FIXTURES / "mini-answers.yaml"), "--no-input"],
        {"PAGER": pager_recorder(tmp_path)},
        rows=10,
    )
    pty_finish(child)
    paged = (tmp_path / "paged").read_text(encoding="utf-8")
    assert not ANY_ESCAPE.search(paged) and "\x07" not in paged
    assert "␛]2;PWNED␇" in SGR.sub("", paged)


@pytest.mark.skipif(
    not os.path.exists("/usr/bin/less") and not os.path.exists("/bin/less"), reason="less is not installed"
)
@pytest.mark.parametrize("keys", [["q"], ["\x03", "q"], [" ", "\x03", "q"]])
def test_quitting_less_with_q_or_after_ctrl_c_ends_with_exit_0(tmp_path, keys):
    child = spawn_cli(["run", "-a", PERRY, "--no-input"], {"PAGER": None, "LESS": None}, rows=24)
    child.expect("Ketamine clinic readiness")
    child.expect_exact(LESS_PROMPT)  # the first screen is shown and less waits for a key
    *first, last = keys
    for key in first:
        # each key is sent once less has handled the one before (a page, or a Ctrl-C's bell and
        # repaint) and prompts again: less throws away keys typed ahead of a Ctrl-C
        child.send(key)
        child.expect_exact(LESS_PROMPT)
    child.send(last)
    screen = SGR.sub("", pty_finish(child))
    assert child.exitstatus == 0, screen
    assert "Traceback" not in screen and "interrupted" not in screen
    assert "If you are in crisis or danger" in screen.rsplit("Verdict:", 1)[1]
