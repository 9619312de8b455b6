"""Urgent concerns, exclusive options, could-apply concerns, held verdicts, first steps, the ask
list and `explain` — checked in every output format the way a reader sees them."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from helpers import FIXTURES, invoke_cli

from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers
from clinic_ready.errors import InputError
from clinic_ready.io.answers import AnswerRejected, apply_sets, coerce, parse_answers
from clinic_ready.io.loading import load_checklist, parse_checklist
from clinic_ready.render import renderer, texts
from clinic_ready.render.explain import explain, text
from clinic_ready.wording import verdict_of

CL = load_checklist(FIXTURES / "urgent.yaml")
URGENT_PATH = str(FIXTURES / "urgent.yaml")
TODAY = dt.date(2026, 11, 21)


def result(**values):
    a = Answers(CL.id, CL.version)
    for k, v in values.items():
        a.values[k] = Answer(v) if v in ("unsure", "declined") else Answer.of(v)
    return engine.evaluate(CL, a)


def as_text(fmt: str, r, **opts) -> str:
    out = renderer(fmt).render(r, paper="letter", today=TODAY, **opts)
    if fmt == "pdf":
        from pypdf import PdfReader

        out = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out)).pages)
    return " ".join(out.replace("\\", "").split())


# ------------------------------------------------------------------------------------ urgent
CRISIS = dict(monitored="no", meds=["opioid"], crisis_now="yes", where="clinic")


def test_urgent_verdict_is_about_help_now_never_stopping_treatment():
    r = result(**CRISIS)
    assert r.verdict.code == "urgent"
    words = " ".join(verdict_of(r)).lower()
    assert "988" in words and "911" in words
    assert (
        "stop" not in words
        and "dose" not in words
        and "safe" not in words.replace("safety", "").replace("until you are safe", "")
    )
    assert [f.concern.id for f in r.findings][0] == "crisis_now"  # first, whatever its place in the file
    assert r.counts["critical"] == 2
    assert r.worst().value == "critical"


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown", "html", "pdf"])
def test_every_format_puts_urgent_first_with_the_crisis_lines(fmt):
    r = result(**CRISIS)
    flat = as_text(fmt, r)
    urgent = flat.index("Thinking of ending your life right now")
    verdict = flat.index(verdict_of(r).title)
    assert urgent < verdict
    if fmt != "json":
        assert flat.index("988", urgent) < verdict and flat.index("1-800-662-4357", urgent) < verdict
        assert flat.index("911", urgent) < verdict
        ranked = flat[flat.index("First steps") : flat.index("Could apply") if "Could apply" in flat else None]
        assert (
            "Thinking of ending your life right now" not in ranked.split("Questions to ask")[0]
        )  # not repeated in the ranked list
        assert flat.index("First steps") > verdict and flat.index("First steps") < flat.index(
            "No blood pressure checks"
        )
    else:
        doc = json.loads(renderer("json").render(r))
        assert doc["format_version"] == 3 and doc["verdict"]["code"] == "urgent"
        assert doc["concerns"][0]["id"] == "crisis_now" and doc["concerns"][0]["urgent"] is True
        assert list(doc).index("urgent") < list(doc).index("verdict")
        assert "988" in " ".join(doc["urgent"][0]["what_to_do_now"])


# ------------------------------------------------------------------------------------ exclusive
@pytest.mark.parametrize("raw", [["none", "opioid"], "opioid,not_sure", ["not_sure", "none"]])
def test_exclusive_options_cannot_be_combined(raw):
    with pytest.raises(AnswerRejected) as exc:
        coerce(CL.questions["meds"], raw)
    assert "cannot be combined with other choices" in exc.value.what


def test_exclusive_options_alone_are_fine_and_combining_is_rejected_everywhere():
    assert coerce(CL.questions["meds"], ["none"]).value == ["none"]
    assert coerce(CL.questions["meds"], "opioid,benzo").value == ["opioid", "benzo"]
    with pytest.raises(InputError):
        parse_answers({"checklist": CL.id, "answers": {"meds": ["none", "benzo"]}}, CL, "", "a.yaml")
    with pytest.raises(InputError):
        apply_sets(Answers(CL.id), CL, ["meds=benzo,none"])
    r = invoke_cli("run", URGENT_PATH, "--no-input", "--set", "meds=none,opioid")
    assert r.returncode == 2
    assert "“None of these” cannot be combined with other choices" in r.stderr


def test_exclusive_on_a_single_choice_question_is_a_load_error():
    text_ = (
        (FIXTURES / "urgent.yaml")
        .read_text()
        .replace("{value: home, label: At home}", "{value: home, label: At home, exclusive: true}")
    )
    with pytest.raises(InputError) as exc:
        parse_checklist(text_, "x.yaml")
    assert "'exclusive' applies only to multi_choice options" in str(exc.value)


def test_blank_checklist_says_which_box_goes_alone():
    out = renderer("markdown").render_blank(CL, today=TODAY)
    assert "tick “None of these” or “Not sure which” only on its own" in out


# ------------------------------------------------------------------------------------ could apply
def test_unsure_answers_make_could_apply_concerns_with_what_they_depend_on():
    r = result(monitored="unsure", meds=["none"], crisis_now="no", where="unsure")
    assert [f.concern.id for f in r.findings] == ["bp_unsure"]
    possible = {p.concern.id: [i.question.id for i in p.depends_on] for p in r.could_apply}
    assert possible == {"no_bp": ["monitored"], "home_alone": ["where", "alone"]}
    assert r.counts["critical"] == 0  # never counted as raised
    assert not engine.fails(r, None)


def test_a_question_whose_condition_is_unknown_is_asked_but_not_demanded():
    r = result(monitored="yes", meds=["none"], crisis_now="no", where="unsure")
    alone = next(i for i in r.items if i.question.id == "alone")
    assert alone.state == "missing" and alone.in_doubt
    assert engine.missing_required(r) == []  # a scripted run is not an error
    assert alone in r.not_assessed


def test_held_verdict_names_the_level_and_why():
    r = result(monitored="yes", meds=["opioid"], crisis_now="no", where="home", alone="unsure")
    assert r.verdict.code == "held" and r.verdict.held_at == "critical"
    assert "1 critical concern could apply" in verdict_of(r).title
    assert r.verdict.code != "ask" and r.verdict.code != "none"


def test_declined_crisis_answer_holds_the_verdict_but_does_not_interrupt():
    r = result(monitored="yes", meds=["none"], crisis_now="declined", where="clinic")
    assert not r.urgent and r.verdict.code == "held"
    assert [p.concern.id for p in r.could_apply] == ["crisis_now"]


def test_ask_list_is_deduplicated_and_most_serious_first():
    r = result(monitored="unsure", meds=["opioid"], crisis_now="no", where="home", alone="unsure")
    asks = [i.text for i in r.ask_list]
    assert asks == [
        "Is your blood pressure checked?",
        "Will you be alone?",
        "Ask whether they check it.",
        "Is this combination checked?",
    ]
    assert texts.ask_about(r, r.ask_list[0]) == "Could apply: No blood pressure checks (you answered unsure)"


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "pdf"])
def test_every_format_lists_could_apply_with_its_answers(fmt):
    r = result(monitored="unsure", meds=["opioid"], crisis_now="no", where="clinic")
    flat = as_text(fmt, r)
    if fmt == "terminal":
        assert "Could apply — depends on: Is your blood pressure checked? (you answered unsure)" in flat
    else:  # documents: the answer is a numbered question to ask, and the could-apply entry points to it
        n = next(k for k, i in enumerate(r.ask_list, 1) if i.text == "Is your blood pressure checked?")
        assert f"Depends on question {n} in Questions to ask (you answered unsure)." in flat
        assert "Is your blood pressure checked?" in flat and "No blood pressure checks" in flat
    assert flat.index("Could apply") > flat.index(verdict_of(r).title.split(":")[0])
    assert "[no_bp]" not in flat and "no_bp" not in flat  # titles, not ids


def test_json_could_apply_and_questions_to_ask():
    r = result(monitored="unsure", meds=["opioid"], crisis_now="no", where="clinic")
    doc = json.loads(renderer("json").render(r))
    assert doc["could_apply"][0]["id"] == "no_bp"
    assert doc["could_apply"][0]["depends_on"] == [
        {"id": "monitored", "prompt": "Is your blood pressure checked?", "state": "unsure"}
    ]
    assert doc["questions_to_ask"][0]["question"] == "monitored"
    assert doc["verdict"]["held_at"] == "critical"
    from clinic_ready.render.json_ import compact

    assert json.loads(compact(r)) == doc


# ------------------------------------------------------------------------------------ first steps
def test_first_steps_are_at_most_three_distinct_actions():
    r = result(monitored="no", meds=["opioid", "benzo"], crisis_now="yes", where="home", alone="yes")
    steps = [t for t, _ in texts.first_steps(r)]
    # the crisis action leads (issue 25), then the most serious others
    assert steps == [
        "Call or text 988 now, or call 911 if you are in danger.",
        "Do not go ahead without checks.",
        "Have a sober adult present.",
    ]
    assert len(set(steps)) == len(steps) <= 3


# ------------------------------------------------------------------------------------ explain
def test_explain_a_concern_tree_with_values_and_answers():
    r = result(monitored="yes", meds=["none"], crisis_now="no", where="unsure")
    [e] = explain(r, "home_alone")
    assert e["status"] == "could apply"
    out = text([e])
    assert out.startswith("Concern: Alone at home\n")
    assert "[unknown] all of these:" in out
    assert "[unknown] you answered “At home” to “Where is the dose given?”" in out
    assert "your answer: unsure (question id where)" in out


def test_explain_a_question_asked_in_doubt_and_one_skipped():
    [e] = explain(result(monitored="yes", meds=["none"], crisis_now="no", where="unsure"), "alone")
    assert e["asked"] and "when in doubt, ask" in e["summary"]
    [e] = explain(result(monitored="yes", meds=["none"], crisis_now="no", where="clinic"), "alone")
    assert not e["asked"] and e["summary"].startswith("skipped")


def test_explain_through_the_command(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text(
        "checklist: mini-urgent\nanswers:\n  monitored: 'no'\n  meds: [none]\n  crisis_now: 'no'\n  where: clinic\n"
    )
    r = invoke_cli("explain", "no_bp", "--answers", str(f), URGENT_PATH)
    assert r.returncode == 0, r.stderr
    assert "Status: raised" in r.stdout and "[true] you answered “No” to “Is your blood pressure checked?”" in r.stdout
    r = invoke_cli("explain", "no_bp", "--answers", str(f), URGENT_PATH, "--format", "json")
    assert json.loads(r.stdout)["explanations"][0]["condition"]["value"] == "true"
    r = invoke_cli("explain", "no_bpp", "--answers", str(f), URGENT_PATH)
    assert r.returncode == 2 and "did you mean 'no_bp'" in r.stderr
    r = invoke_cli("run", URGENT_PATH, "--answers", str(f), "--explain", "--plain")
    assert r.returncode == 0
    assert "Because you answered “No” to “Is your blood pressure checked?”." in r.stdout


def test_answers_schema_says_an_exclusive_option_stands_alone():
    from clinic_ready.io.schemas import answers_schema

    meds = answers_schema(CL)["properties"]["answers"]["properties"]["meds"]["anyOf"][0]
    assert {"if": {"contains": {"const": "none"}}, "then": {"maxItems": 1}} in meds["allOf"]
