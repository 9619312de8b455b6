"""The pure engine: visibility, answer states, ordering, verdicts and --fail-on."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import answers_for

from clinic_ready import i18n
from clinic_ready.core import engine
from clinic_ready.core.model import RESPONDENTS, Answer, Answers, Severity
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.wording import verdict_of


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
    assert "safe" not in " ".join(verdict_of(r)).lower()


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


# ------------------------------------------------------------------------------------ one translation moment
ROOT = Path(__file__).resolve().parents[2]
SUPPORTER = ROOT / "tests" / "fixtures" / "supporter"
#: (checklist, answers file): the shipped examples, a supporter's run (raised urgent concern and
#: shipped checklist), a staff self-audit with gaps, and a held verdict ("Find out first")
CASES = [
    *((None, p) for p in sorted((ROOT / "examples").glob("*.yaml"))),
    (SUPPORTER / "helper.yaml", SUPPORTER / "crisis.yaml"),
    (None, SUPPORTER / "shipped-crisis.yaml"),
    (None, ROOT / "tests" / "fixtures" / "wording" / "self-audit-home-sloppy.yaml"),
    (None, ROOT / "tests" / "fixtures" / "private-declined.yaml"),
]


@contextmanager
def language(lang: str):
    i18n.install(lang)
    try:
        yield
    finally:
        i18n.install("en")


def _checklist_for(checklist_path, answers_path):
    """The checklist an answers file names (loaded once, in English), and its answers."""
    if checklist_path is None:
        checklist_path = shipped()[yaml.safe_load(answers_path.read_text())["checklist"]]
    cl = load_checklist(checklist_path)
    return cl, load_answers(answers_path, cl)[0]


def _in_both_languages(cl, answers):
    with language("en"):
        english = engine.evaluate(cl, answers)
    with language("es"):
        spanish = engine.evaluate(cl, answers)
    return english, spanish


@pytest.mark.parametrize("checklist_path, answers_path", CASES, ids=lambda p: p.name if p else "-")
def test_a_result_is_the_same_in_every_language(checklist_path, answers_path):
    """The engine makes no text: the same checklist and answers give an equal Result whatever the
    process language (renderers make the words, at one moment)."""
    cl, answers = _checklist_for(checklist_path, answers_path)
    english, spanish = _in_both_languages(cl, answers)
    assert english == spanish
    assert (english.first_steps, english.ask_list, english.private, english.verdict) == (
        spanish.first_steps,
        spanish.ask_list,
        spanish.private,
        spanish.verdict,
    )


def test_the_cases_cover_what_they_claim():
    """The parametrised cases reach a supporter's run, a staff audit, an urgent and a held verdict."""
    results = [engine.evaluate(*_checklist_for(c, a)) for c, a in CASES]
    assert any(r.respondent == "supporter" for r in results)
    assert any(r.checklist.reader == "staff" and r.findings for r in results)
    assert {"urgent", "held"} <= {r.verdict.code for r in results}
    assert any(s.kind == "find_out" for r in results for s in r.first_steps)
    assert any(i.question_id for r in results for i in r.ask_list) and any(r.private for r in results)


@lru_cache(maxsize=1)
def _shipped_checklist():
    return load_checklist(shipped()["ketamine-clinic"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_answers_give_the_same_result_in_english_and_spanish(data):
    cl = _shipped_checklist()
    answers = data.draw(answers_for(cl))
    answers.respondent = data.draw(st.sampled_from(RESPONDENTS))
    english, spanish = _in_both_languages(cl, answers)
    assert english == spanish
