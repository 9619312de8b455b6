"""Every command agrees on which answers are missing, and clinic-ready's own outputs (a JSON result,
a FHIR Bundle) are read back as answers by --answers, report and validate."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

ROOT = FIXTURES.parent.parent
WELL = ROOT / "examples" / "well-run-clinic.yaml"
FIX = "add them to the answers file (--answers FILE) or give them with --set ID=VALUE"


def test_every_command_names_the_same_missing_answer(tmp_path):
    """ux minor 2: validate said valid while run -a refused, and report, batch and compare accepted silently."""
    path = tmp_path / "no-ride.yaml"
    path.write_text("".join(ln for ln in WELL.read_text().splitlines(keepends=True) if "ride_home" not in ln))
    needle = "1 required question(s) have no answer: ride_home"
    validate = run_cli("validate", str(path))
    run = run_cli("run", "-a", str(path), "--no-input")
    report = run_cli("report", str(path), "-f", "markdown")
    compare = run_cli("compare", str(path), str(WELL))
    assert validate.returncode == 2 and needle in validate.stderr
    assert run.returncode == 2 and needle in run.stderr
    assert report.returncode == 0 and needle in report.stderr  # the report still shows it as not answered
    assert needle in compare.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["jsonl", "jsonl-compact", "fhir-ndjson"])
def test_batch_names_the_missing_answer_on_stderr_and_in_the_line(tmp_path, fmt, jobs):
    """batch agrees with report and compare: the file is evaluated (its line is written, ok), the
    same warning is printed after it, and the line carries it in ``warnings``; a complete file's
    line has ``warnings: []``.  The exit code is not changed by a warning."""
    path = tmp_path / "no-ride.yaml"
    path.write_text("".join(ln for ln in WELL.read_text().splitlines(keepends=True) if "ride_home" not in ln))
    needle = "1 required question(s) have no answer: ride_home"
    done = run_cli("batch", "--jobs", jobs, "-f", fmt, str(path), str(WELL), str(path))
    assert done.returncode == 0, done.stderr
    assert [ln for ln in done.stderr.splitlines() if ln] == [f"{path}: warning: {needle} — {FIX}"] * 2
    lines = [json.loads(ln) for ln in done.stdout.splitlines()]
    assert len(lines) == 3
    if fmt == "fhir-ndjson":  # resources only: the warning is on standard error alone
        assert all(ln["resourceType"] == "QuestionnaireResponse" for ln in lines)
        return
    assert [ln["ok"] for ln in lines] == [True, True, True]
    assert [ln["warnings"] for ln in lines] == [
        [f"{path}: warning: {needle} — {FIX}"],
        [],
        [f"{path}: warning: {needle} — {FIX}"],
    ]


def test_a_bad_batch_line_has_no_warnings_but_its_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("checklist: ketamine-clinic\nanswers:\n  where: moon\n")
    for fmt in ("jsonl", "jsonl-compact"):
        done = run_cli("batch", "-f", fmt, str(bad))
        line = json.loads(done.stdout)
        assert done.returncode == 2 and line["ok"] is False and line["warnings"] == [] and line["errors"]


def test_a_json_result_and_a_fhir_bundle_are_read_back_as_answers(tmp_path):
    result, bundle = tmp_path / "result.json", tmp_path / "bundle.json"
    assert run_cli("run", "-a", str(WELL), "--no-input", "-f", "json", "-o", str(result)).returncode == 0
    assert run_cli("run", "-a", str(WELL), "--no-input", "-f", "fhir", "-o", str(bundle)).returncode == 0
    original = json.loads(result.read_text())
    for path in (result, bundle):
        again = run_cli("run", "-a", str(path), "--no-input", "-f", "json")
        assert again.returncode == 0, again.stderr
        doc = json.loads(again.stdout)
        assert doc["verdict"] == original["verdict"]
        assert [a["value"] for a in doc["answers"]] == [a["value"] for a in original["answers"]]
        assert "valid answers for ketamine-clinic" in run_cli("validate", str(path)).stdout
        assert run_cli("report", str(path), "-f", "markdown").returncode == 0


def test_a_bundle_without_answers_says_what_to_pass(tmp_path):
    path = tmp_path / "empty-bundle.json"
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []}))
    done = run_cli("run", "-a", str(path), "--no-input")
    assert done.returncode == 2
    assert (
        "is a FHIR Bundle without a QuestionnaireResponse" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    )
