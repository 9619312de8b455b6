"""`clinic-ready run` through Typer's CliRunner: scripted runs, formats, errors and exit codes."""

from __future__ import annotations

import json

import pytest
from helpers import EXAMPLES, FIXTURES
from typer.testing import CliRunner

from clinic_ready.cli import app

runner = CliRunner()


def invoke(*args, **kw):
    return runner.invoke(app, list(args), **kw)


def test_scripted_run_terminal_summary():
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"), "--plain")
    assert r.exit_code == 0, r.output
    assert "VERDICT: Stop: resolve the critical concerns before any dose" in r.stdout
    assert "!!! Ketamine from someone other than your treating clinic" in r.stdout
    assert "call or text 988" in r.stdout


def test_json_to_file_is_private(tmp_path):
    out = tmp_path / "result.json"
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "json", "-o", str(out))
    assert r.exit_code == 0
    assert json.loads(out.read_text())["verdict"]["code"] == "stop"
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary file left


@pytest.mark.parametrize("level, code", [("critical", 1), ("never", 0)])
def test_fail_on(level, code):
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "json", "--fail-on", level)
    assert r.exit_code == code


def test_well_run_clinic_passes_fail_on_low():
    r = invoke("run", "-a", str(EXAMPLES / "well-run-clinic.yaml"), "--fail-on", "low")
    assert r.exit_code == 0


def test_missing_answers_without_terminal_is_one_clear_error():
    r = invoke("run", str(FIXTURES / "mini.yaml"), "--set", "monitored=yes")
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "clinic-ready: 2 required question(s) have no answer: meds, where — add them to the answers "
        "file (--answers FILE) or give them with --set ID=VALUE"
    )
    assert "Traceback" not in r.output


def test_answers_from_stdin():
    text = (EXAMPLES / "well-run-clinic.yaml").read_text()
    r = invoke("run", "-a", "-", "-f", "json", input=text)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["verdict"]["code"] == "none"


def test_bad_answers_file_exit_2_every_problem(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: ketamine-clinic\nanswers:\n  bp_checkd: yes\n  where: moon\n")
    r = invoke("run", "-a", str(f))
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"{f}:3:3: answers.bp_checkd: no question has the id 'bp_checkd' — remove it or fix the id (did you mean 'bp_checked'?)",
        f"{f}:4:10: answers.where: the answer is not one of the choices — use one of: clinic, both, home, elsewhere",
    ]


def test_hidden_answer_is_a_warning(tmp_path):
    f = tmp_path / "a.yaml"
    text = (EXAMPLES / "well-run-clinic.yaml").read_text() + "  rems_certified: yes\n"
    f.write_text(text)
    r = invoke("run", "-a", str(f), "-f", "json")
    assert r.exit_code == 0
    assert "warning: answers.rems_certified: question 'rems_certified' is not asked with these answers" in r.stderr
    assert json.loads(r.stdout)["ignored_answers"] == ["rems_certified"]


def test_unknown_checklist_suggests():
    r = invoke("run", "ketamine-clinc", "-a", str(EXAMPLES / "perry-like.yaml"))
    assert r.exit_code == 2
    assert "no shipped checklist is called 'ketamine-clinc'" in r.stderr
    assert "(did you mean 'ketamine-clinic'?)" in r.stderr


def test_markdown_output():
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "markdown")
    assert r.exit_code == 0
    assert r.stdout.startswith("# Ketamine clinic readiness")
    assert "## Verdict: Stop" in r.stdout


def test_no_color_gives_plain_output(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"))
    assert "╭" not in r.stdout and "\x1b[" not in r.stdout


def test_internal_errors_are_one_line_without_locals(monkeypatch):
    from clinic_ready.core import engine

    secret = "my-private-answer"

    def boom(checklist, answers):
        local_secret = secret  # noqa: F841 - must never be printed
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "evaluate", boom)
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"))
    assert r.exit_code == 3
    assert "internal error (RuntimeError)" in r.stderr and "--debug" in r.stderr
    assert "Traceback" not in r.output
    r = invoke("--debug", "run", "-a", str(EXAMPLES / "perry-like.yaml"))
    assert r.exit_code == 3
    assert "Traceback" in r.stderr and secret not in r.output


def test_interrupt_exits_130(monkeypatch):
    from clinic_ready.core import engine

    def interrupted(*a):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "evaluate", interrupted)
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"))
    assert r.exit_code == 130


def test_ctrl_c_that_python_rewraps_is_still_an_interruption(monkeypatch):
    """A KeyboardInterrupt inside a class body's __set_name__ surfaces as a RuntimeError."""
    from clinic_ready.core import engine
    from clinic_ready.process import caused_by_interrupt

    def interrupted(checklist, answers):
        class Slot:
            def __set_name__(self, owner, name):
                raise KeyboardInterrupt

        type("Late", (), {"slot": Slot()})  # Python 3.11 wraps it: RuntimeError from KeyboardInterrupt

    monkeypatch.setattr(engine, "evaluate", interrupted)
    r = invoke("run", "-a", str(EXAMPLES / "perry-like.yaml"))
    assert r.exit_code == 130
    assert "interrupted" in r.stderr and "bug" not in r.stderr
    assert not caused_by_interrupt(RuntimeError("an ordinary bug"))
