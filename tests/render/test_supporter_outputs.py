"""Someone answering for the person is addressed as who they are in every output: the urgent block,
the verdict and the crisis heading in supporter words, the concerns' supporter forms, "How you can
help" (terminal and JSON too), and no prompt hint in any report."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

from clinic_ready.core import engine
from clinic_ready.core.model import strip_hint
from clinic_ready.io.answers import load_answers
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import texts
from clinic_ready.wording import verdict_of
from tests.render.test_reports import pdf_text

HERE = FIXTURES / "supporter"
CHECKLIST = HERE / "helper.yaml"
CRISIS = HERE / "crisis.yaml"
ROOT = FIXTURES.parent.parent


def _out(fmt, tmp_path, checklist=CHECKLIST, answers=CRISIS, *extra) -> str:
    if fmt == "pdf":
        path = tmp_path / "r.pdf"
        done = run_cli(*extra, "report", str(answers), "--checklist", str(checklist), "-f", "pdf", "-o", str(path))
        assert done.returncode == 0, done.stderr
        return " ".join(pdf_text(path.read_bytes()).split())
    done = run_cli(*extra, "run", str(checklist), "-a", str(answers), "--no-input", "-f", fmt)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.replace("│", " ").split())


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "pdf", "json", "fhir"])
def test_the_urgent_block_and_verdict_speak_to_the_supporter_in_every_format(fmt, tmp_path):
    text = _out(fmt, tmp_path)
    assert "Stay with them. Call or text 988 together" in text
    assert "988 also helps people who are worried about someone" in text
    assert "Tell someone near you how you feel" not in text  # the patient's own action
    assert "if you might act on these thoughts" not in text.lower()
    if fmt not in ("fhir",):
        assert "Their safety comes first" in text
        assert "If the person you are helping, or you, are in crisis or danger" in text
        assert "Drive them home" not in text  # the tip for clinic doses: these are at home
        assert "Stay with them at home until the effects wear off." in text


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "pdf", "json", "fhir"])
def test_no_prompt_hint_reaches_a_report(fmt, tmp_path):
    text = _out(fmt, tmp_path)
    assert "in the answers mean" not in text
    # a question about the person is a private topic now: its prompt only in the answers list
    assert "Does the person you are helping use street drugs?" in text or fmt in ("json", "terminal")


def test_how_you_can_help_in_the_terminal_and_json(tmp_path):
    text = _out("terminal", tmp_path)
    assert "How you can help" in text and text.index("How you can help") < text.index("Questions to ask the clinic")
    doc = json.loads(run_cli("run", str(CHECKLIST), "-a", str(CRISIS), "--no-input", "-f", "json").stdout)
    assert doc["respondent"] == "supporter" and doc["audience"] == "supporter"
    assert [t["text"] for t in doc["supporter_tips"]] == [
        "Stay with them at home until the effects wear off.",
        "Keep the crisis numbers by the phone.",
    ]
    assert doc["concerns"][1]["action"] == "Be there, or find another sober adult to be there."
    patient = json.loads(
        run_cli("run", str(CHECKLIST), "-a", str(CRISIS), "--no-input", "-f", "json", "--set", "crisis_now=no").stdout
    )
    assert patient["supporter_tips"]  # still the supporter's answers file
    assert patient["verdict"]["title"] == "Discuss these concerns with the prescriber first"


def test_the_patient_reads_the_patient_forms():
    cl = load_checklist(CHECKLIST)
    answers, _w = load_answers(CRISIS, cl)
    answers.respondent = "patient"
    result = engine.evaluate(cl, answers)
    assert result.tips == ()
    steps = texts.first_steps(result)
    assert steps[0][0].startswith("Call or text 988 now")  # the crisis action leads
    assert steps[1][0] == "Have a sober adult with you."
    assert verdict_of(result).title == "Your safety comes first: talk to someone now"


def test_supporter_labels_and_intros():
    cl = load_checklist(CHECKLIST)
    q = cl.questions["where"]
    assert q.choice_label("home", "supporter") == "At home, on their own"
    assert q.choice_label("home") == "At home, on my own"
    assert cl.sections[1].intro_for("supporter") == "These questions are about the person you are helping."


def test_the_shipped_checklists_hints_never_reach_a_report():
    cl = load_checklist(ROOT / "checklists" / "ketamine-clinic.yaml")
    for q in cl.questions.values():
        assert "in the answers mean" not in q.report_prompt("supporter"), q.id
    assert strip_hint("Do you take an opioid (for pain)?") == "Do you take an opioid (for pain)?"


def test_a_fhir_response_keeps_who_answered(tmp_path):
    from clinic_ready.io.fhir import response

    cl = load_checklist(CHECKLIST)
    answers, _w = load_answers(CRISIS, cl)
    doc = response.response(engine.evaluate(cl, answers))
    assert doc["source"]["type"] == "RelatedPerson"
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(doc))
    again, _w = load_answers(path, cl)
    assert again.respondent == "supporter"


def test_the_shipped_supporter_in_crisis_in_spanish():
    answers = FIXTURES / "supporter" / "shipped-crisis.yaml"
    done = run_cli("--lang", "es", "run", "-a", str(answers), "--no-input")
    text = " ".join(done.stdout.replace("│", " ").split())
    assert "Quédese con ella. Llamen juntos al 988" in text
    assert "Su seguridad es lo primero: busquen ayuda ahora" in text
    assert "Si la persona a la que ayuda, o usted, están en crisis o en peligro" in text
