"""``info`` items are "Good to know": after the concerns, never counted as a concern anywhere (the
verdict line, counts, JSON ``concerns``, --fail-on)."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

from tests.render.test_reports import pdf_text

ROOT = FIXTURES.parent.parent
WELL_RUN = ROOT / "examples" / "well-run-clinic.yaml"
INFO_TITLE = "Know the emergency signs after a dose"


def _text(fmt, tmp_path, answers=WELL_RUN) -> str:
    if fmt == "pdf":
        out = tmp_path / "r.pdf"
        assert run_cli("report", str(answers), "-f", "pdf", "-o", str(out)).returncode == 0
        return " ".join(pdf_text(out.read_bytes()).split())
    done = run_cli("run", "-a", str(answers), "--no-input", "-f", fmt)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.replace("│", " ").split())


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "pdf"])
def test_good_to_know_comes_after_the_concerns_and_is_not_counted(fmt, tmp_path):
    text = _text(fmt, tmp_path)
    assert "Good to know" in text and INFO_TITLE in text
    assert "for information" not in text.lower()  # neither counted nor labelled as a level of concern
    assert "No concerns raised by your answers" in text
    if fmt != "pdf":
        assert text.index("Good to know") > text.index("Your answers did not match any concern")


def test_json_keeps_info_out_of_concerns_and_counts():
    doc = json.loads(run_cli("run", "-a", str(WELL_RUN), "--no-input", "-f", "json").stdout)
    assert doc["concerns"] == [] and "info" not in doc["counts"] and not any(doc["counts"].values())
    assert INFO_TITLE in [g["title"] for g in doc["good_to_know"]]
    assert all({"id", "title", "why", "action", "sources"} <= set(g) for g in doc["good_to_know"])


def test_fail_on_never_counts_good_to_know():
    done = run_cli("run", "-a", str(WELL_RUN), "--no-input", "--fail-on", "low")
    assert done.returncode == 0
    info = run_cli("run", "-a", str(WELL_RUN), "--no-input", "--fail-on", "info")
    assert info.returncode in (0, 2)  # never 1: an info item is not a concern
    assert info.returncode != 1


def test_fhir_bundle_has_no_detected_issue_for_good_to_know():
    doc = json.loads(run_cli("run", "-a", str(WELL_RUN), "--no-input", "-f", "fhir").stdout)
    issues = [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == "DetectedIssue"]
    assert issues == []
    assert "Good to know: " + INFO_TITLE in doc["entry"][0]["resource"]["text"]["div"]
