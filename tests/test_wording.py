"""Who is reading: staff audits get staff verdicts, headings and banner in every output; a
checklist may word its own verdicts and headings, translated like its other texts (wording.py)."""

from __future__ import annotations

import json
import re

import pytest
from helpers import FIXTURES, run_cli

from clinic_ready.core import engine
from clinic_ready.io.answers import load_answers
from clinic_ready.io.loading import load_checklist
from clinic_ready.io.translation import localized
from clinic_ready.wording import VERDICT_TEXTS, Words, verdict_of
from tests.render.test_reports import pdf_text

HERE = FIXTURES / "wording"
SLOPPY = HERE / "self-audit-home-sloppy.yaml"
WELL_RUN = FIXTURES.parent.parent / "examples" / "self-audit-well-run.yaml"
#: what a medical director must never read in a staff audit (ux minor 15, clinical N9)
NEVER_FOR_STAFF = re.compile(
    r"before starting|do not take a dose|your prescriber|questions to ask your clinic|"
    r"keep talking with",
    re.IGNORECASE,
)


def _output(fmt: str, answers, tmp_path, *extra) -> str:
    if fmt == "pdf":
        out = tmp_path / "r.pdf"
        done = run_cli("report", str(answers), "-f", "pdf", "-o", str(out), *extra)
        assert done.returncode == 0, done.stderr
        return pdf_text(out.read_bytes())
    done = run_cli(*extra, "run", "-a", str(answers), "--no-input", "-f", fmt)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown", "html", "pdf"])
def test_a_staff_audit_speaks_to_staff_in_every_format(fmt, tmp_path):
    text = " ".join(_output(fmt, SLOPPY, tmp_path).split())
    assert "Fix before the next session" in text  # home-only gaps are critical since 1.3.0 (review N10)
    assert "Questions for the team" in text or fmt == "json"
    assert "questions for the team to review" in text  # the banner
    assert not NEVER_FOR_STAFF.search(text), NEVER_FOR_STAFF.search(text).group(0)


def test_the_well_run_audit_is_not_told_to_keep_talking_with_a_prescriber(tmp_path):
    text = " ".join(_output("markdown", WELL_RUN, tmp_path).split())
    assert "No gaps found by these answers" in text and "not an accreditation" in text
    assert not NEVER_FOR_STAFF.search(text)


def test_staff_verdicts_in_spanish(tmp_path):
    out = run_cli("--lang", "es", "run", "-a", str(SLOPPY), "--no-input", "-f", "json")
    data = json.loads(out.stdout)
    assert data["verdict"]["title"] == "Corregir antes de la próxima sesión"
    assert data["audience"] == "staff"


def test_no_staff_default_speaks_of_doses_or_prescribers():
    for code, t in VERDICT_TEXTS["staff"].items():
        assert not re.search(r"dose|prescriber|before starting", t.title + t.text, re.IGNORECASE), code


def test_a_patient_already_in_a_course_is_not_told_before_starting():
    cl = load_checklist(FIXTURES.parent.parent / "checklists" / "ketamine-clinic.yaml")
    answers, _w = load_answers(FIXTURES.parent.parent / "examples" / "well-run-clinic.yaml", cl)
    answers.values.pop("prepaid_package", None)
    from clinic_ready.io.answers import apply_sets

    apply_sets(answers, cl, ["medicines=benzodiazepine,sleep_medicine"])  # two sedatives: high (1.3.0)
    r = engine.evaluate(cl, answers)
    v = verdict_of(r)
    assert r.verdict.code == "discuss" and "before starting" not in v.title + v.text


def test_a_checklist_words_its_own_verdicts_and_headings_in_each_language(tmp_path):
    en = run_cli(
        "run", str(HERE / "audit.yaml"), "-a", str(HERE / "audit-answers.yaml"), "--no-input", "-f", "markdown"
    )
    assert "Pause sessions until fixed" in en.stdout and "## Questions for the quality lead" in en.stdout
    assert "Fix each critical gap" in en.stdout  # the text left to the staff default
    es = run_cli("--lang", "es", "run", str(HERE / "audit.yaml"), "-a", str(HERE / "audit-answers.yaml"), "--no-input")
    assert "Suspender las sesiones hasta corregirlo" in es.stdout
    assert "Preguntas para el responsable de calidad (2)" in es.stdout


def test_a_translation_without_the_checklists_wording_is_reported(tmp_path):
    (tmp_path / "audit.yaml").write_text((HERE / "audit.yaml").read_text())
    es = (HERE / "audit.es.yaml").read_text()
    (tmp_path / "audit.es.yaml").write_text(es[: es.index("wording:")])
    out = run_cli("validate", str(tmp_path / "audit.yaml"))
    assert out.returncode == 2
    assert "wording.verdicts.stop.title: no 'es' translation of this text" in out.stderr


def test_words_resolve_per_audience():
    cl = load_checklist(HERE / "audit.yaml")
    assert Words(cl).audience == "staff" and Words(cl, "supporter").audience == "staff"
    patient = load_checklist(FIXTURES / "mini.yaml")
    assert Words(patient, "supporter").heading("questions") == "Questions to ask the clinic"
    assert Words(patient).heading("questions") == "Questions to ask your clinic"
    es = localized(cl, HERE / "audit.yaml", "es")
    assert es.wording.headings["questions"] == "Preguntas para el responsable de calidad"
