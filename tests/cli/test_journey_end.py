"""The end of an interactive run, through the installed entry point: one prompt to keep the
answers and/or a report, default names in the current folder, replace only when asked, Ctrl-D
writes nothing; and hints that work when pasted (the command as it was actually invoked)."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
from pathlib import Path

import pytest
from helpers import FIXTURES, cli_path, invoke_cli

MINI = str(FIXTURES / "mini.yaml")
ANSWERS = "\nn\n3\n1\n40\n\n"  # who: the person; monitored no; meds none; where clinic; age 40; confirm the review
TODAY = dt.date.today().isoformat()
NO_VENV_PATH = "/usr/local/bin:/usr/bin:/bin"


@pytest.fixture(autouse=True)
def _one_day(monkeypatch):
    """The default file names carry the date: the tool and the test agree on it even across midnight."""
    monkeypatch.setenv("CLINIC_READY_TODAY", TODAY)


def local_venv(folder: Path) -> str:
    """A `.venv/bin/clinic-ready` in the folder, as after the README's install (a link to ours)."""
    bin_dir = folder / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "clinic-ready").symlink_to(cli_path())
    return ".venv/bin/clinic-ready"


def run_here(folder: Path, command: str, *args: str, input: str, path_env: str = NO_VENV_PATH):
    return subprocess.run(
        [command, *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        env={**os.environ, "PATH": path_env, "NO_COLOR": "1"},
    )


def hint_after(text: str, marker: str) -> str:
    """The command printed on its own line after the marker (which the screen may have wrapped)."""
    import re

    found = re.search(r"\s+".join(map(re.escape, marker.split())) + r"[ \t]*\n(.*)", text)
    assert found, text
    return found.group(1).strip()


def test_both_writes_answers_and_pdf_with_default_names_and_the_hint_works_pasted(tmp_path):
    cmd = local_venv(tmp_path)
    r = run_here(tmp_path, cmd, "run", MINI, "--interactive", "--plain", input=ANSWERS + "4\n\n\n")
    assert r.returncode == 0, r.stderr
    assert "What would you like to keep from this run?" in r.stdout
    assert "4) Both: save your answers and write a PDF report" in r.stdout
    answers, pdf = tmp_path / f"clinic-ready-answers-{TODAY}.yaml", tmp_path / f"clinic-ready-report-{TODAY}.pdf"
    assert answers.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert f"Wrote {pdf.name}" in r.stderr
    hint = hint_after(r.stdout, "To make the report again, type:")
    assert hint == f".venv/bin/clinic-ready run {MINI} --answers {answers.name}"
    pasted = subprocess.run(
        ["bash", "-c", hint + " --format json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": NO_VENV_PATH},
        timeout=120,
    )
    assert pasted.returncode == 0, pasted.stderr
    assert '"code": "stop"' in pasted.stdout


def test_on_path_the_hint_says_clinic_ready(tmp_path):
    bin_dir = str(Path(cli_path()).parent)
    r = run_here(
        tmp_path,
        cli_path(),
        "run",
        MINI,
        "--interactive",
        "--plain",
        input=ANSWERS + "1\n\n",
        path_env=f"{bin_dir}:{NO_VENV_PATH}",
    )
    assert r.returncode == 0, r.stderr
    hint = hint_after(r.stdout, "To make the report again, type:")
    assert hint.startswith("clinic-ready run ")
    pasted = subprocess.run(
        ["bash", "-c", hint + " --format json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{bin_dir}:{NO_VENV_PATH}"},
        timeout=120,
    )
    assert pasted.returncode == 0, pasted.stderr


def test_html_report_and_a_name_of_ones_own(tmp_path):
    r = invoke_cli("run", MINI, "--interactive", "--plain", input=ANSWERS + "3\nmine.html\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "<html" in (tmp_path / "mine.html").read_text().lower()
    assert [p.name for p in tmp_path.iterdir()] == ["mine.html"]


def test_an_existing_file_is_replaced_only_when_the_person_says_so(tmp_path):
    taken = tmp_path / f"clinic-ready-answers-{TODAY}.yaml"
    taken.write_text("keep me\n")
    r = invoke_cli("run", MINI, "--interactive", "--plain", input=ANSWERS + "1\n\nn\nother.yaml\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "already exists. Replace it? [y/N]" in r.stdout
    assert taken.read_text() == "keep me\n" and (tmp_path / "other.yaml").exists()
    r = invoke_cli("run", MINI, "--interactive", "--plain", input=ANSWERS + "1\n\ny\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "checklist: mini" in taken.read_text()


def test_enter_or_ctrl_d_at_the_menu_writes_nothing_and_completes_the_run(tmp_path, _isolated_state):
    for tail in ("\n", ""):  # Enter; end of input (Ctrl-D)
        r = invoke_cli(
            "run",
            MINI,
            "--interactive",
            "--plain",
            input=ANSWERS + tail,
            cwd=tmp_path,
            env={"CLINIC_READY_STATE_DIR": str(_isolated_state)},
        )
        assert r.returncode == 0, r.stderr
        assert "VERDICT:" in r.stdout
        assert list(tmp_path.iterdir()) == []
        assert not list((_isolated_state / "drafts").glob("*.yaml"))  # the run is complete: the draft is gone


def test_a_wrong_menu_entry_is_asked_again(tmp_path):
    r = invoke_cli("run", MINI, "--interactive", "--plain", input=ANSWERS + "7\nn\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Please type a number from 1 to 5, or press Enter to write nothing." in r.stdout
    assert list(tmp_path.iterdir()) == []


def test_the_resume_hint_pasted_in_a_terminal_resumes(tmp_path, _isolated_state):
    pexpect = pytest.importorskip("pexpect")
    cmd = local_venv(tmp_path)
    env = {**os.environ, "PATH": NO_VENV_PATH, "NO_COLOR": "1", "CLINIC_READY_STATE_DIR": str(_isolated_state)}
    r = subprocess.run(
        [cmd, "run", MINI, "--interactive", "--plain"],
        input="\nn\nq\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert r.returncode == 130
    hint = hint_after(r.stderr, "To continue, type:")
    assert hint == f".venv/bin/clinic-ready run {shlex.quote(MINI)} --resume"
    child = pexpect.spawn("bash", ["-c", hint], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30)
    child.expect("Question 2 of")  # resumed: the first answer is kept, no resume question, no 'who' question
    for keys in ("3", "1", "40"):
        child.expect(r"\): ")
        child.sendline(keys)
    child.expect("press Enter to confirm")
    child.sendline("")
    child.expect("press Enter to skip: ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Who is answering" not in child.before


def test_invoked_as_forms():
    from clinic_ready.app.console import invoked_as

    venv = "/home/a/proj/.venv/bin/clinic-ready"
    assert invoked_as(venv, "/home/a/proj", "/usr/bin") == ".venv/bin/clinic-ready"
    assert (
        invoked_as(venv, "/tmp/elsewhere", "/usr/bin") == "/home/a/proj/.venv/bin/clinic-ready"
    )  # absolute when shorter
    assert invoked_as("/home/a/my proj/clinic-ready", "/home/a", "/usr/bin") == "'my proj/clinic-ready'"
    assert invoked_as("/x/clinic_ready/__main__.py", "/home/a/proj", "/usr/bin").endswith(" -m clinic_ready")
