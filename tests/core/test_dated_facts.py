"""Facts with dates: a rule with an end date is declared once (``facts:``) and referenced by the
concerns and questions that rely on it; after the date every output shows a calm line next to them,
and ``validate`` lists facts that end within 60 days.  The date is injected (CLINIC_READY_TODAY)."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

from tests.render.test_reports import pdf_text

HERE = FIXTURES / "dated"
CHECKLIST, ANSWERS = HERE / "telehealth.yaml", HERE / "answers.yaml"
LINE = "This rule was set to end on 31 December 2026; check whether it has changed: https://www.federalregister.gov/d/2025-23280"


def _text(fmt, tmp_path, day) -> str:
    env = {"CLINIC_READY_TODAY": day}
    if fmt == "pdf":
        out = tmp_path / "r.pdf"
        done = run_cli("report", str(ANSWERS), "--checklist", str(CHECKLIST), "-f", "pdf", "-o", str(out), env=env)
        assert done.returncode == 0, done.stderr
        return " ".join(pdf_text(out.read_bytes()).split())
    done = run_cli("run", str(CHECKLIST), "-a", str(ANSWERS), "--no-input", "-f", fmt, env=env)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "pdf", "json"])
def test_after_the_date_every_output_shows_the_calm_line(fmt, tmp_path):
    after = _text(fmt, tmp_path, "2027-01-05")
    before = _text(fmt, tmp_path, "2026-12-31")
    if fmt == "json":
        assert json.loads(after)["concerns"][0]["dated_notes"] == [LINE]
        assert json.loads(before)["concerns"][0]["dated_notes"] == []
        return
    flat = after.replace("- ", "-").replace(" -", "-") if fmt == "pdf" else after
    assert LINE.replace(" ", "") in flat.replace(" ", "")
    assert "This rule was set to end" not in before


def test_validate_lists_facts_ending_within_60_days():
    soon = run_cli("validate", str(CHECKLIST), env={"CLINIC_READY_TODAY": "2026-12-07"})
    assert soon.returncode == 0
    assert "Fact dea_telemedicine (DEA telemedicine flexibilities) ends on 2026-12-31, in 24 days" in soon.stdout
    later = run_cli("validate", str(CHECKLIST), env={"CLINIC_READY_TODAY": "2026-06-01"})
    assert "dea_telemedicine" not in later.stdout
    past = run_cli("validate", str(CHECKLIST), env={"CLINIC_READY_TODAY": "2027-02-01"})
    assert "ended on 2026-12-31: check it, then update 'valid_until'" in past.stdout


def test_an_unknown_fact_is_located(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        CHECKLIST.read_text().replace("    facts: [dea_telemedicine]\n", "    facts: [dea_telemedicin]\n", 1)
    )
    done = run_cli("validate", str(path))
    assert (
        done.returncode == 2
        and "no fact has the id 'dea_telemedicin'" in done.stderr
        and "did you mean 'dea_telemedicine'" in done.stderr
    )
