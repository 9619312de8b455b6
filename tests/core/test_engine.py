"""The pure engine: visibility, answer states, ordering, verdicts and --fail-on."""

from __future__ import annotations

import pytest

from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers, Severity
from clinic_ready.io.loading import load_checklist


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


def answers(**values) -> Answers:
    a = Answers("mini")
    for k, v in values.items():
        a.values[k] = Answer(v) if v in ("unsure", "declined") else Answer.of(v)
    return a


def states(result) -> dict:
    return {i.question.id: i.state for i in result.items}


def test_hidden_questions_are_skipped_and_their_answers_ignored(mini):
    r = engine.evaluate(mini, answers(monitored="yes", meds=["none"], where="clinic", alone="yes"))
    assert states(r)["alone"] == "skipped"
    assert r.ignored == ("alone",)
    assert "home_alone" not in [f.concern.id for f in r.findings]


def test_states_and_not_assessed(mini):
    r = engine.evaluate(mini, answers(monitored="unsure", meds="declined", where="home"))
    assert states(r) == {
        "monitored": "unsure",
        "meds": "declined",
        "where": "answered",
        "alone": "missing",
        "age": "missing",
    }
    # optional questions left blank are not "not assessed"
    assert [i.question.id for i in r.not_assessed] == ["monitored", "meds", "alone"]
    assert engine.missing_required(r) == ["alone"]


@pytest.mark.parametrize(
    "values, verdict, ids",
    [
        (dict(monitored="no", meds=["none"], where="clinic"), "stop", ["no_bp"]),
        (dict(monitored="unsure", meds=["none"], where="clinic"), "discuss", ["bp_unsure"]),
        (dict(monitored="yes", meds=["opioid"], where="clinic"), "ask", ["opioid"]),
        (dict(monitored="yes", meds=["none"], where="home"), "held", []),  # "alone" open: a critical could apply
        (dict(monitored="yes", meds=["none"], where="clinic", age="declined"), "incomplete", []),
        (dict(monitored="yes", meds=["none"], where="home", alone="no"), "none", []),
        (
            dict(monitored="no", meds=["opioid", "benzo"], where="home", alone="yes"),
            "stop",
            ["no_bp", "home_alone", "opioid"],  # by severity, then checklist order
        ),
    ],
)
def test_verdict_levels_and_ranking(mini, values, verdict, ids):
    r = engine.evaluate(mini, answers(**values))
    assert r.verdict.code == verdict
    assert [f.concern.id for f in r.findings] == ids
    assert "safe" not in (r.verdict.title + r.verdict.text).lower()


def test_fail_on(mini):
    r = engine.evaluate(mini, answers(monitored="yes", meds=["opioid"], where="clinic"))
    assert engine.fails(r, Severity.moderate)
    assert engine.fails(r, Severity.low)
    assert not engine.fails(r, Severity.high)
    assert not engine.fails(r, None)


def test_sources_are_resolved(mini):
    r = engine.evaluate(mini, answers(monitored="no", meds=["none"], where="clinic"))
    assert r.findings[0].sources[0].url == "https://example.org/s1"


def test_evaluate_is_pure(mini):
    a = answers(monitored="no", meds=["opioid"], where="home", alone="yes")
    assert engine.evaluate(mini, a) == engine.evaluate(mini, a)


def test_urgent_alone_gives_what_evaluate_gives_in_the_same_order():
    """engine.urgent (asked after every answer) orders several urgent concerns as evaluate does:
    most severe first, checklist order within a level."""
    from helpers import FIXTURES

    from clinic_ready.io.loading import parse_checklist

    extra = "".join(
        f"""
  - id: {cid}
    severity: {sev}
    urgent: true
    title: Urgent {cid}
    when: {{question: crisis_now, equals: "yes"}}
    why: W.
    ask: A?
    action: Act now.
    sources: [s1]"""
        for cid, sev in (("second_high", "high"), ("third_critical", "critical"))
    )
    cl = parse_checklist(
        (FIXTURES / "urgent.yaml").read_text(encoding="utf-8").rstrip("\n") + extra + "\n", "urgent+.yaml"
    )
    found = Answers(cl.id, None, {"crisis_now": Answer.of("yes")})
    ids = [f.concern.id for f in engine.urgent(cl, found)]
    assert (
        ids
        == [f.concern.id for f in engine.evaluate(cl, found).urgent]
        == ["crisis_now", "third_critical", "second_high"]
    )
