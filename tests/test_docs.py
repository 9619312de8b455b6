"""Generated files stay current, and the CLI reference documents every command.

Every generated file (CLI reference, schemas, golden JSON, message catalogue) is made by one
command, ``python scripts/regen.py``; its ``--check`` mode is what this test runs.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from helpers import ROOT

from clinic_ready.cli import app

REGEN = ROOT / "scripts" / "regen.py"


def _regen():
    spec = importlib.util.spec_from_file_location("regen", REGEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_generated_file_is_current():
    stale = [str(p.relative_to(ROOT)) for p in _regen().stale()]
    assert stale == [], f"stale: {stale}: run `python scripts/regen.py` and commit what it writes"


def test_regen_check_names_a_stale_file_and_fails(tmp_path, monkeypatch):
    """The check can fail: a generated file changed by hand is reported, and the command exits 1."""
    regen = _regen()
    fake = tmp_path / "cli-reference.md"
    fake.write_text("edited by hand\n")
    make = regen.targets()[ROOT / "docs" / "cli-reference.md"]
    monkeypatch.setattr(regen, "targets", lambda: {fake: make})
    monkeypatch.setattr(regen, "ROOT", tmp_path)
    assert regen.stale() == [fake]
    assert regen.main(["--check"]) == 1


def test_regen_refuses_unknown_arguments():
    r = subprocess.run([sys.executable, str(REGEN), "--frobnicate"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "--check" in r.stdout


def test_every_command_is_documented():
    commands = {c.name for c in app.registered_commands if not c.hidden}
    for group in app.registered_groups:  # web, and its build
        commands |= {group.name} | {f"{group.name} {c.name}" for c in group.typer_instance.registered_commands}
    ref = (ROOT / "docs" / "cli-reference.md").read_text()
    for c in commands:
        assert f"## clinic-ready {c}\n" in ref
