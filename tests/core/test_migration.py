"""Migrations: answers files, drafts and QuestionnaireResponses saved with an earlier checklist
version are carried over to the current one, with one calm note (migration.py)."""

from __future__ import annotations

import json
import re

import pytest
from helpers import FIXTURES, run_cli

from clinic_ready.core import engine, migration
from clinic_ready.errors import InputError
from clinic_ready.io import drafts
from clinic_ready.io.answers import load_answers
from clinic_ready.io.loading import load_checklist, parse_checklist

HERE = FIXTURES / "migrate"
V2 = HERE / "mini-v2.yaml"


@pytest.fixture
def v2():
    return load_checklist(V2)


def test_answers_saved_with_1_0_are_carried_over(v2):
    answers, warnings = load_answers(HERE / "answers-1.0.yaml", v2)
    values = {k: a.to_data() for k, a in answers.values.items()}
    assert values == {"bp_checked": "no", "meds": ["opioid", "benzodiazepine", "z_drug"], "where": ["home"]}
    assert len(warnings) == 1  # one note, not a warning per answer
    note = str(warnings[0])
    assert "saved with version 1.0; they were carried over to version 2.0" in note
    assert "'monitored' is now 'bp_checked'" in note and "age is no longer asked" in note
    assert "To be asked again: alone." in note
    result = engine.evaluate(v2, answers)
    assert [f.concern.id for f in result.findings] == ["no_bp"]
    assert engine.missing_required(result) == ["alone"]  # asked again, never guessed


def test_every_step_from_the_saved_version_on_in_order(v2):
    answers, warnings = load_answers(HERE / "answers-0.9.yaml", v2)
    assert {k: a.to_data() for k, a in answers.values.items()} == {
        "bp_checked": "unsure",
        "meds": ["benzodiazepine", "z_drug"],
        "where": ["clinic_room"],
    }
    assert "'checked' is now 'monitored'; 'monitored' is now 'bp_checked'" in str(warnings[0])
    assert migration.plan(v2, "2.0") is None and migration.plan(v2, "3.1") is None and migration.plan(v2, None) is None
    assert [m.from_version for m in migration.steps_for(v2, "1.0")] == ["1.0"]


def test_versions_compare_as_numbers():
    assert migration.version_key("1.10.0") > migration.version_key("1.9.2")
    assert migration.version_key("1.2.0") < migration.version_key("1.3.0")


def test_a_value_split_for_a_single_choice_is_asked_again():
    text = (
        V2.read_text()
        .replace("type: multi_choice\n        prompt: Where", "type: choice\n        prompt: Where")
        .replace("to_multi_choice: [where]", "to_multi_choice: []")
        .replace("where: {clinic: clinic_room}", "where: {clinic: [clinic_room, home]}")
        .replace("includes: home", "equals: home")
    )
    cl = parse_checklist(text)
    p = migration.plan(cl, "1.0")
    assert p.carry("where", "clinic") is None and p.ask_again == ["where"]
    assert p.carry("where", "home") == ("where", "home")


def test_a_draft_saved_with_an_earlier_version_is_carried_over(v2):
    path = drafts.draft_path("mini")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "checklist: mini\nchecklist_version: '1.0'\nsaved_at: '2026-12-01T10:00:00+00:00'\n"
        "answers: {monitored: 'yes', where: clinic, age: 30}\n"
    )
    draft = drafts.load(v2)
    assert {k: a.to_data() for k, a in draft.answers.values.items()} == {"bp_checked": "yes", "where": ["clinic_room"]}
    assert draft.dropped == []  # carried, not dropped
    assert draft.carried.startswith("These answers were saved with version 1.0")


def test_a_questionnaire_response_saved_with_an_earlier_version_is_carried_over(v2, tmp_path):
    from clinic_ready.io.fhir import response

    v1 = load_checklist(FIXTURES / "mini.yaml")
    old, _w = load_answers(HERE / "answers-1.0.yaml", v1)
    doc = response.response(engine.evaluate(v1, old))
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(doc))
    answers, warnings = load_answers(path, v2)
    assert {k: a.to_data() for k, a in answers.values.items()} == {
        "bp_checked": "no",
        "meds": ["opioid", "benzodiazepine", "z_drug"],
        "where": ["home"],
    }
    assert [w.code for w in warnings] == ["answers_migrated"]


@pytest.mark.parametrize(
    "change, message",
    [
        ("to_multi_choice: [where]", "to_multi_choice: [bp_checked]"),
        ("meds: {benzo: [benzodiazepine, z_drug]}", "meds: {benzo: [benzos]}"),
        ('from: "1.0"', 'from: "2.0"'),
        ("renamed: {monitored: bp_checked}", "renamed: {monitored: bp_chekced}"),
    ],
)
def test_a_wrong_migration_is_located(change, message):
    with pytest.raises(InputError) as exc:
        parse_checklist(V2.read_text().replace(change, message), "v2.yaml")
    line = exc.value.lines()[0]
    assert line.startswith("v2.yaml:") and "migrations[" in line


def test_validate_reports_what_each_step_would_do():
    out = run_cli("validate", str(V2), str(HERE / "answers-1.0.yaml"))
    assert out.returncode == 2  # 'alone' is to be asked again: the answers are not complete (as run -a says)
    assert "required question(s) have no answer: alone" in out.stderr
    assert "Migration: answers saved with version 1.0 or earlier: 'monitored' becomes 'bp_checked'" in out.stdout
    assert "meds: 'benzo' becomes 'benzodiazepine, z_drug'; age is left out; alone is asked again" in out.stdout
    assert out.stderr.count("carried over to version 2.0") == 1


def test_run_carries_over_with_one_note_and_asks_again_through_the_installed_command():
    out = run_cli("run", str(V2), "-a", str(HERE / "answers-1.0.yaml"), "--set", "alone=no", "--no-input", "-f", "json")
    assert out.returncode == 0, out.stderr
    assert out.stderr.count("carried over") == 1
    data = json.loads(out.stdout)
    assert [c["id"] for c in data["concerns"]] == ["no_bp"]


SAVED = sorted((FIXTURES / "saved-1.2.0").glob("*.yaml"))


@pytest.mark.parametrize("path", SAVED, ids=[p.name for p in SAVED])
def test_every_shipped_example_saved_under_1_2_0_runs_on_the_current_version(path):
    """The examples as they were saved with checklists 1.2.0 (tests/fixtures/saved-1.2.0): each runs
    unattended on today's checklists, with at most one note about the version."""
    out = run_cli("run", "-a", str(path), "--no-input", "-f", "json")
    assert out.stderr.count("warning") <= 1
    if out.returncode == 2:
        # 1.3.0 asks again what 1.2.0 could not say (dose_frequency: a clinic's daily course, or on
        # demand?) and adds questions; unattended, the run names exactly those and nothing else.
        asked_again = {"dose_frequency", "sedation_record", "minors_policy"}
        named = set(re.search(r"have no answer: ([\w, ]+) —", out.stderr).group(1).split(", "))
        assert named <= asked_again, out.stderr
        out = run_cli(
            "run",
            "-a",
            str(path),
            "--no-input",
            "-f",
            "json",
            *[a for q in sorted(named) for a in ("--set", f"{q}=on_demand" if q == "dose_frequency" else f"{q}=yes")],
        )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["verdict"]["code"] in ("none", "ask", "discuss", "stop", "held", "incomplete", "urgent")
