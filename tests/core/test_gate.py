"""An opt-in gate: skipping it (Enter at the prompt, or leaving it out of an answers file) means
its ``if_skipped`` answer, so the questions behind it stay closed and nothing "could apply"."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers
from clinic_ready.errors import InputError
from clinic_ready.io.loading import load_checklist, parse_checklist

GATE = FIXTURES / "gate.yaml"
ROOT = FIXTURES.parent.parent


def test_a_gate_left_out_means_no():
    cl = load_checklist(GATE)
    result = engine.evaluate(cl, Answers("gate", "1.0", {"monitored": Answer.of("yes"), "ride": Answer.of("yes")}))
    assert result.verdict.code == "none" and result.could_apply == ()
    item = next(i for i in result.items if i.question.id == "more")
    assert item.state == "answered" and item.answer.value == "no" and item.by_skipping
    assert {i.question.id: i.state for i in result.items}["drinks"] == "skipped"
    assert engine.missing_required(result) == []


def test_an_unsure_gate_is_still_in_doubt():
    cl = load_checklist(GATE)
    result = engine.evaluate(
        cl, Answers("gate", "1.0", {"monitored": Answer.of("yes"), "more": Answer("unsure"), "ride": Answer.of("yes")})
    )
    assert [p.concern.id for p in result.could_apply] == ["drinking"]


def test_the_shipped_well_run_example_without_its_two_gates_is_still_clean(tmp_path):
    """ux M1: deleting family_help and do_self_check from the example used to give 'Find out first'."""
    text = (ROOT / "examples" / "well-run-clinic.yaml").read_text()
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith(("family_help:", "do_self_check:"))]
    path = tmp_path / "no-gates.yaml"
    path.write_text("\n".join(lines) + "\n")
    done = run_cli("run", "-a", str(path), "--no-input", "-f", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["verdict"]["code"] == "none" and doc["could_apply"] == []
    gate = next(a for a in doc["answers"] if a["id"] == "do_self_check")
    assert gate["value"] == "no" and gate["text"] == "No (skipped)"
    md = run_cli("report", str(path), "-f", "markdown")
    assert md.returncode == 0 and "No concerns raised by your answers" in md.stdout


def test_a_wrong_if_skipped_is_located():
    text = GATE.read_text().replace('if_skipped: "no"', 'if_skipped: "maybe"')
    with pytest.raises(InputError) as exc:
        parse_checklist(text, "gate.yaml")
    assert "if_skipped: the answer is not yes or no" in exc.value.lines()[0]
