"""Docs generated from the code stay current: the CLI reference and the checklist schema.

Regenerate with:  UPDATE_DOCS=1 python -m pytest tests/test_docs.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from clinic_ready.cli import app

DOCS = Path(__file__).parent.parent / "docs"
COMMANDS = ["run", "report", "print", "batch", "explain", "list", "validate", "schema", "export", "compare", "test", "web", "web build"]


def cli_reference() -> str:
    runner = CliRunner()
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `tests/test_docs.py` (`UPDATE_DOCS=1 python -m pytest tests/test_docs.py`).",
        "",
    ]
    for name, args in [("clinic-ready", [])] + [(f"clinic-ready {c}", c.split()) for c in COMMANDS]:
        out = runner.invoke(app, args + ["--help"], prog_name="clinic-ready", terminal_width=80).stdout
        parts += [f"## {name}", "", "```", out.rstrip(), "```", ""]
    return "\n".join(parts)


def _check(path: Path, expected: str) -> None:
    if os.environ.get("UPDATE_DOCS"):
        path.write_text(expected)
    assert path.read_text() == expected, f"{path} is stale: run UPDATE_DOCS=1 python -m pytest tests/test_docs.py"


def test_cli_reference_is_current():
    _check(DOCS / "cli-reference.md", cli_reference())


def test_checklist_schema_copy_is_current():
    from clinic_ready.schemas import checklist_schema

    _check(DOCS / "checklist.schema.json", json.dumps(checklist_schema(), indent=2, ensure_ascii=False) + "\n")


def test_every_command_is_documented():
    registered = {c.name for c in app.registered_commands}
    for group in app.registered_groups:  # web, and its build
        registered |= {group.name} | {f"{group.name} {c.name}" for c in group.typer_instance.registered_commands}
    assert registered == set(COMMANDS)
    ref = (DOCS / "cli-reference.md").read_text()
    for c in COMMANDS:
        assert f"## clinic-ready {c}" in ref
