"""Answers are health data: no network, ever; nothing written but what the user asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLES, FIXTURES

GUARD = r"""
import os, sys
def hook(event, args):
    if event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.")):
        os.write(2, f"NETWORK ATTEMPT: {event}\n".encode())
        os._exit(99)
sys.addaudithook(hook)
sys.argv = ["clinic-ready"] + sys.argv[1:]
from clinic_ready.cli import main
main()
"""


def run_guarded(args, tmp_path: Path, stdin: str | None = None):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "CLINIC_READY_STATE_DIR": str(tmp_path / "state"), "NO_COLOR": "1"}
    env.pop("XDG_STATE_HOME", None)
    return subprocess.run(
        [sys.executable, "-c", GUARD, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


PERRY = str(EXAMPLES / "perry-like.yaml")
COMMANDS = {
    "version": ["--version"],
    "help": ["--help"],
    "list": ["list"],
    "validate": ["validate", str(FIXTURES / "mini.yaml")],
    "schema": ["schema"],
    "schema answers": ["schema", "--answers", "ketamine-clinic"],
    "run terminal": ["run", "-a", PERRY],
    "run json": ["run", "-a", PERRY, "-f", "json", "-o", "out.json"],
    "run markdown": ["run", "-a", PERRY, "-f", "markdown", "-o", "out.md"],
    "run html": ["run", "-a", PERRY, "-f", "html", "-o", "out.html"],
    "run pdf": ["run", "-a", PERRY, "-f", "pdf", "-o", "out.pdf"],
    "report": ["report", PERRY, "-f", "pdf", "-o", "out.pdf"],
    "print": ["print", "-f", "pdf", "-o", "out.pdf"],
    "batch": ["batch", PERRY, str(EXAMPLES / "well-run-clinic.yaml")],
}
EXPECTED_FILES = {
    "run json": {"out.json"},
    "run markdown": {"out.md"},
    "run html": {"out.html"},
    "run pdf": {"out.pdf"},
    "report": {"out.pdf"},
    "print": {"out.pdf"},
}


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_network_and_no_stray_files(tmp_path, name):
    r = run_guarded(COMMANDS[name], tmp_path)
    assert "NETWORK ATTEMPT" not in r.stderr
    assert r.returncode == 0, r.stderr[-400:]
    assert files_under(tmp_path) == EXPECTED_FILES.get(name, set())
    for f in EXPECTED_FILES.get(name, ()):
        assert oct((tmp_path / f).stat().st_mode & 0o777) == "0o600"


def test_interactive_run_leaves_only_what_was_asked(tmp_path):
    r = run_guarded(
        ["run", str(FIXTURES / "mini.yaml"), "--interactive", "--plain"],
        tmp_path,
        stdin="\nn\n3\n1\n40\n\n1\nmine.yaml\n",
    )
    assert "NETWORK ATTEMPT" not in r.stderr
    assert r.returncode == 0, r.stderr
    assert files_under(tmp_path) == {"mine.yaml"}  # the draft was removed when the run completed
    assert (tmp_path / "state" / "drafts").stat().st_mode & 0o777 == 0o700


def test_interrupted_interactive_run_keeps_only_the_draft(tmp_path):
    r = run_guarded(["run", str(FIXTURES / "mini.yaml"), "--interactive", "--plain"], tmp_path, stdin="\nn\nq\n")
    assert r.returncode == 130
    (draft,) = files_under(tmp_path)  # the draft alone: no lock file, no temporary file
    assert draft.startswith("state/drafts/mini--") and draft.endswith(".yaml")
    assert oct((tmp_path / draft).stat().st_mode & 0o777) == "0o600"


def test_the_guard_itself_catches_a_connection(tmp_path):
    code = GUARD.replace(
        "from clinic_ready.cli import main\nmain()", "import socket; socket.create_connection(('127.0.0.1', 9))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert r.returncode == 99 and "NETWORK ATTEMPT: socket." in r.stderr
