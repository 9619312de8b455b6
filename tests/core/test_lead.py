"""The summary leads with what matters now: the crisis action first and the crisis lines before the
concern list when an urgent concern is raised or could apply; finding out the held item first when
the verdict is held; --fail-on counting a held verdict at its level."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

from clinic_ready.core import engine
from clinic_ready.io.answers import load_answers
from clinic_ready.io.loading import load_checklist
from clinic_ready.render.terminal import closing
from tests.render.test_reports import pdf_text

ROOT = FIXTURES.parent.parent
SUPPORTER = FIXTURES / "supporter" / "shipped-crisis.yaml"
HELPER = FIXTURES / "supporter" / "helper.yaml"


def _held_file(tmp_path):
    text = (ROOT / "examples" / "well-run-clinic.yaml").read_text()
    text = text.replace('als_trained: "yes"', "als_trained: unsure").replace(
        'prepaid_package: "no"', 'prepaid_package: "yes"'
    )
    path = tmp_path / "held.yaml"
    path.write_text(text)
    return path


def _text(fmt, tmp_path, answers, checklist=None) -> str:
    where = ["--checklist", str(checklist)] if checklist else []
    if fmt == "pdf":
        out = tmp_path / "r.pdf"
        assert run_cli("report", str(answers), *where, "-f", "pdf", "-o", str(out)).returncode == 0
        return " ".join(pdf_text(out.read_bytes()).split())
    args = ["run", *([str(checklist)] if checklist else []), "-a", str(answers), "--no-input", "-f", fmt]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.replace("│", " ").split())


def test_urgent_first_step_is_the_crisis_action():
    doc = json.loads(run_cli("run", "-a", str(SUPPORTER), "--no-input", "-f", "json").stdout)
    assert doc["first_steps"][0]["text"].startswith("Stay with them. Call or text 988 together")
    patient = json.loads(
        run_cli("run", "-a", str(SUPPORTER), "--no-input", "-f", "json", "--set", "family_help=no").stdout
    )
    assert "988" in patient["first_steps"][0]["text"]


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "pdf"])
def test_crisis_lines_come_before_the_concern_list(fmt, tmp_path):
    text = _text(fmt, tmp_path, SUPPORTER)
    crisis = text.index("If the person you are helping, or you, are in crisis or danger")
    assert crisis < text.index("Concerns, most serious first")


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_crisis_lines_come_first_when_a_suicide_concern_could_apply(fmt, tmp_path):
    answers = tmp_path / "unsure.yaml"
    answers.write_text("checklist: helper\nanswers: {where: clinic, drugs: 'yes', crisis_now: unsure}\n")
    text = _text(fmt, tmp_path, answers, HELPER)
    assert text.index("If you are in crisis or danger") < text.index("Concerns, most serious first")


def test_no_early_crisis_block_without_an_urgent_concern(tmp_path):
    text = _text("markdown", tmp_path, ROOT / "examples" / "well-run-clinic.yaml")
    assert text.count("If you are in crisis or danger") == 1


def test_the_recap_after_the_pager_repeats_what_to_do_now():
    from rich.console import Console

    cl = load_checklist(ROOT / "checklists" / "ketamine-clinic.yaml")
    answers, _w = load_answers(SUPPORTER, cl)
    console = Console(width=100, record=True, color_system=None)
    for part in closing(engine.evaluate(cl, answers)):
        console.print(part)
    text = " ".join(console.export_text().split())
    assert "What to do now:" in text and "Move the ketamine and other medicines out of their reach." in text
    assert text.index("What to do now:") < text.index("First steps")


def test_a_held_verdict_leads_with_finding_out_the_held_item(tmp_path):
    doc = json.loads(run_cli("run", "-a", str(_held_file(tmp_path)), "--no-input", "-f", "json").stdout)
    assert doc["verdict"]["code"] == "held"
    assert doc["first_steps"][0]["text"].startswith(
        "Find this out from the clinic before any dose: Is someone trained in advanced life support"
    )
    assert (
        doc["first_steps"][1]["text"]
        == "Ask for a written estimate of the cost (a good faith estimate, if you pay yourself) and the refund terms before you pay."
    )


def test_fail_on_counts_a_held_verdict_at_its_level(tmp_path):
    held = _held_file(tmp_path)
    assert run_cli("run", "-a", str(held), "--no-input", "--fail-on", "critical").returncode == 1
    well = ROOT / "examples" / "well-run-clinic.yaml"
    assert run_cli("run", "-a", str(well), "--no-input", "--fail-on", "low").returncode == 0
    helptext = " ".join(run_cli("run", "--help").stdout.split())
    assert "A held verdict" in helptext and "counts at the level it is held at" in helptext
    assert run_cli("batch", str(held), "--fail-on", "critical").returncode == 1
