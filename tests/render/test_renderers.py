"""Renderers: every format carries the verdict, concerns, notice and crisis lines."""

from __future__ import annotations

import json

import pytest
from helpers import EXAMPLES, ROOT

from clinic_ready.core import engine
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import renderer
from clinic_ready.render.terminal import render as render_terminal
from clinic_ready.wording import verdict_of

GOLDEN = ROOT / "tests" / "golden"


def result_for(example: str):
    cl = load_checklist(shipped()["ketamine-clinic"])
    answers, _ = load_answers(EXAMPLES / example, cl)
    return engine.evaluate(cl, answers)


@pytest.fixture(scope="module")
def perry():
    return result_for("perry-like.yaml")


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown"])
def test_every_format_carries_what_matters(perry, fmt):
    text = renderer(fmt).render(perry)
    flat = " ".join(text.split()).replace("\\", "")
    for f in perry.findings:
        assert " ".join(f.concern.title.split()) in flat
        if fmt == "json":
            assert f.concern.id in text  # ids stay in JSON
        else:
            assert (
                f"[{f.concern.id}]" not in text and f"`{f.concern.id}`" not in text
            )  # patient-facing: titles, not ids
    assert verdict_of(perry).title in text
    for needle in ("988", "1-800-662-4357", "911", "Not medical advice"):
        assert needle in text
    cl = perry.checklist
    assert cl.currency_line() in text or f'"facts_as_of": "{cl.facts_as_of.isoformat()}"' in text
    assert "Funding" in text or '"funding"' in text


def test_json_matches_golden():
    doc = renderer("json").render(result_for("well-run-clinic.yaml"))
    golden = GOLDEN / "well-run-clinic.json"  # made by scripts/regen.py
    assert json.loads(doc) == json.loads(golden.read_text())
    assert doc == golden.read_text()  # key order is part of the format


def test_json_document_shape(perry):
    doc = json.loads(renderer("json").render(perry))
    assert list(doc) == [
        "format_version",
        "tool",
        "checklist",
        "respondent",
        "audience",
        "crisis_heading",
        "supporter_tips",
        "urgent",
        "verdict",
        "counts",
        "concerns",
        "good_to_know",
        "could_apply",
        "first_steps",
        "private_topics",
        "questions_to_ask",
        "not_assessed",
        "answers",
        "scores",
        "ignored_answers",
        "notice",
        "disclaimer",
        "crisis_lines",
    ]
    assert doc["format_version"] == 3
    assert doc["concerns"][0]["severity"] == "critical"
    assert all(c["sources"] and c["sources"][0]["title"] for c in doc["concerns"])
    assert {a["state"] for a in doc["answers"]} >= {"answered", "declined", "skipped"}


def test_terminal_is_readable_at_60_columns_without_colour(perry):
    text = render_terminal(perry, width=60, plain=True)
    assert max(len(line) for line in text.splitlines() if not line.strip().startswith("http")) <= 60
    assert "\x1b[" not in text
    assert "!!! CRITICAL" in text  # severity in words and symbols, not colour alone


def test_markdown_escapes_markup_from_answers(tmp_path):
    from clinic_ready.core.model import Answers
    from clinic_ready.io.answers import apply_sets

    cl = load_checklist(ROOT / "tests" / "fixtures" / "text.yaml")
    a = Answers(cl.id)
    apply_sets(a, cl, ["clinic_name=<script>alert(1)</script> *bold* [x](y)"])
    md = renderer("markdown").render(engine.evaluate(cl, a))
    assert "<script>" not in md
    assert "\\<script\\>" in md


def test_compact_json_equals_the_document():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from clinic_ready.core.model import Answer, Answers
    from clinic_ready.render.json_ import compact, document

    cl = load_checklist(shipped()["ketamine-clinic"])

    def answer_for(q):
        states = st.sampled_from([Answer("unsure"), Answer("declined")])
        if q.type == "multi_choice":
            return st.one_of(states, st.lists(st.sampled_from(q.choice_values), unique=True).map(Answer.of))
        if q.type in ("yes_no", "choice"):
            return st.one_of(states, st.sampled_from(q.choice_values).map(Answer.of))
        return st.one_of(states, st.text(max_size=20).map(Answer.of))

    answers = st.fixed_dictionaries({}, optional={qid: answer_for(q) for qid, q in cl.questions.items()})

    @settings(max_examples=150, deadline=None)
    @given(answers)
    def check(values):
        r = engine.evaluate(cl, Answers(cl.id, cl.version, values))
        assert json.loads(compact(r)) == document(r)
        assert "\n" not in compact(r)

    check()


def test_compact_json_keeps_a_bounded_cache_and_stays_right_when_it_is_full(monkeypatch):
    """A batch's memory stays flat: the fragment cache stops growing at its bound, and what is not
    cached is built each time, the same."""
    from clinic_ready.core.model import Answer, Answers
    from clinic_ready.render import json_

    monkeypatch.setattr(json_, "MAX_FRAGMENTS", 40)
    monkeypatch.setattr(json_, "_CACHES", {})
    cl = load_checklist(shipped()["ketamine-clinic"])
    multi = [q for q in cl.questions.values() if q.type == "multi_choice" and len(q.choice_values) >= 4][:2]
    import itertools

    for q in multi:
        for pick in itertools.combinations(q.choice_values, 2):
            r = engine.evaluate(cl, Answers(cl.id, cl.version, {q.id: Answer.of(list(pick))}))
            assert json.loads(json_.compact(r)) == json_.document(r)
    assert len(json_._CACHES[id(cl)][1]) == 40
