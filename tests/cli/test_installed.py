"""End to end through the installed `clinic-ready` entry point, run from another folder."""

from __future__ import annotations

import json
import sys

from helpers import EXAMPLES, FIXTURES, cli_path, run_cli


def test_installed_entry_point_from_another_folder(tmp_path):
    r = run_cli("list", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "ketamine-clinic" in r.stdout
    r = run_cli("--version", cwd=tmp_path)
    assert r.stdout.startswith("clinic-ready ")


def test_scripted_run_json_and_markdown(tmp_path):
    r = run_cli("run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["verdict"]["code"] == "stop"
    out = tmp_path / "r.md"
    r = run_cli("run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "markdown", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0 and out.read_text().startswith("# ")


def test_fail_on_exits_1_only_at_or_above_the_level(tmp_path):
    """Exit 1 means one thing: a concern at or above --fail-on (the Perry example raises a
    critical one, the well-run clinic's answers none at low or above)."""
    r = run_cli("run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "json", "--fail-on", "critical", cwd=tmp_path)
    assert r.returncode == 1 and json.loads(r.stdout)["verdict"]["code"] == "stop", r.stderr
    r = run_cli("run", "-a", str(EXAMPLES / "well-run-clinic.yaml"), "-f", "json", "--fail-on", "low", cwd=tmp_path)
    assert r.returncode == 0, r.stderr


def test_no_stdin_no_hang_no_traceback(tmp_path):
    r = run_cli("run", str(FIXTURES / "mini.yaml"), cwd=tmp_path)
    assert r.returncode == 2
    assert "run it in a terminal to answer at the keyboard, or give your answers with --answers" in r.stderr
    assert "Traceback" not in r.stderr and "EOFError" not in r.stderr


def test_bad_checklist_exit_2_located(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\nsections: oops\n")
    r = run_cli("validate", str(bad), cwd=tmp_path)
    assert r.returncode == 2
    assert all(line.startswith(f"{bad}:") for line in r.stderr.splitlines())
    assert "Traceback" not in r.stderr


def test_python_m_works(tmp_path):
    import subprocess

    r = subprocess.run(
        [sys.executable, "-m", "clinic_ready", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert r.returncode == 0 and r.stdout.startswith("clinic-ready ")


def test_schema_answers_subcommand(tmp_path):
    r = run_cli("schema", "--answers", "ketamine-clinic", cwd=tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout)["$id"].endswith("ketamine-clinic")
    assert cli_path()
