"""`list`, `validate`, `schema`, `--version` and help."""

from __future__ import annotations

import json

import pytest
from helpers import EXAMPLES, FIXTURES
from typer.testing import CliRunner

from clinic_ready import __version__
from clinic_ready.cli import app

runner = CliRunner()


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"clinic-ready {__version__}"


def test_list_shows_shipped_checklists():
    r = runner.invoke(app, ["list"])
    assert r.exit_code == 0
    assert "ketamine-clinic" in r.stdout and "1.3.0" in r.stdout


def test_validate_good_and_bad(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((FIXTURES / "mini.yaml").read_text().replace("type: yes_no", "type: yesno", 1))
    r = runner.invoke(app, ["validate", str(FIXTURES / "mini.yaml"), str(bad), str(EXAMPLES / "perry-like.yaml")])
    assert r.exit_code == 2
    assert "valid checklist mini 1.0 (5 questions, 4 concerns)" in r.stdout
    assert "valid answers for ketamine-clinic" in r.stdout
    assert (
        f"{bad}:16:15: sections[0].questions[0].type: 'yesno' is not allowed — use one of: yes_no, choice, multi_choice, number or text"
        in r.stderr
    )


def test_answers_schema_lists_question_ids():
    r = runner.invoke(app, ["schema", "--answers", "ketamine-clinic"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    props = doc["properties"]["answers"]["properties"]
    assert "bp_checked" in props
    assert props["where"]["anyOf"][0]["enum"] == ["clinic", "both", "home", "elsewhere"]


def test_checklist_schema():
    r = runner.invoke(app, ["schema"])
    doc = json.loads(r.stdout)
    assert doc["$schema"].startswith("https://json-schema.org/")
    assert "sections" in doc["properties"] and "concerns" in doc["properties"]


@pytest.mark.parametrize("command", ["run", "report", "print", "batch", "list", "validate", "schema"])
def test_every_command_has_help_with_an_example(command):
    r = runner.invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.stdout
    assert "Exit codes" in r.stdout
