"""The page's engine (web/bridge.py) in CPython: the same flow as the terminal's questionnaire,
the urgent interruption, answers refused with the terminal's words, drafts, and the outputs."""

from __future__ import annotations

import io
import json
import random

import pytest
from answer_sets import answers_for
from rich.console import Console

from clinic_ready.app import pipeline
from clinic_ready.app.interactive.prompting import Questionnaire
from clinic_ready.core.coercion import coerce
from clinic_ready.core.model import Answer, Answers
from clinic_ready.web import bridge


def call(method, *args):
    reply = json.loads(bridge.call(json.dumps({"method": method, "args": list(args)})))
    assert "error" not in reply, reply
    return reply["value"]


def _answer(cl, raw):
    return Answer(raw) if raw in ("unsure", "declined") else coerce(cl.questions[raw[0]], raw[1])


@pytest.mark.parametrize("checklist", ["ketamine-clinic", "ketamine-clinic-self-audit"])
@pytest.mark.parametrize("seed", range(3))
def test_questions_come_in_the_terminals_order_with_its_numbers(checklist, seed):
    cl = pipeline.load_checklist(checklist)
    chosen = answers_for(cl, random.Random(seed))["answers"]

    class Recorder(Questionnaire):
        def ask(self, q, number, total):
            self.asked.append((q.id, number, total))
            raw = chosen[q.id]
            self.answers.values[q.id] = Answer(raw) if raw in ("unsure", "declined") else coerce(q, raw)

    terminal = Recorder(cl, Answers(cl.id, cl.version), Console(file=io.StringIO()), read=lambda _: "")
    terminal.asked = []
    terminal._ask_until_done(start=None)

    page = []
    state = call("open", checklist, "en", "letter")
    current = state["next"]
    while current:
        shown = next(q for q in state["questions"] if q["id"] == current)
        page.append((current, shown["number"], shown["total"]))
        raw = chosen[current]
        state = call(
            "answer",
            current,
            raw if raw in ("unsure", "declined") else "value",
            None if raw in ("unsure", "declined") else raw,
        )
        assert state["ok"], state
        current = state["next"]
    assert page == terminal.asked


def test_an_urgent_answer_brings_the_crisis_lines_at_once():
    call("open", "ketamine-clinic", "en", "letter")
    assert call("answer", "suicidal_thoughts", "value", "yes")["urgent"] is None
    out = call("answer", "suicidal_now", "value", "yes")
    u = out["urgent"]
    assert u["heading"] == "Your safety comes first"
    assert any("988" in line for line in u["lines"]) and any("911" in line for line in u["lines"])
    assert any("1-800-662-4357" in line for line in u["lines"])
    assert call("answer", "suicidal_now", "value", "yes")["urgent"] is None  # said once, as in the terminal
    call("open", "ketamine-clinic", "en", "letter")
    call("set_respondent", "supporter")
    call("answer", "suicidal_thoughts", "value", "yes")
    u = call("answer", "suicidal_now", "value", "yes")["urgent"]
    assert u["heading"] == "Their safety comes first" and "stay with them" in u["supporter"]


def test_a_refused_answer_is_said_in_the_terminals_words():
    call("open", "ketamine-clinic", "en", "letter")
    out = call("answer", "suicidal_thoughts", "value", "perhaps")
    assert out["ok"] is False
    assert out["error"].endswith(".") and " — " in out["error"]  # "{what} — {fix}.", as the terminal says it
    out = call("answer", "clinic_name", "skip")
    assert out["ok"] is True
    assert call("answer", "suicidal_thoughts", "skip")["ok"] is False  # a required question cannot be skipped


def test_the_welcomes_question_range():
    call("open", "ketamine-clinic", "en", "letter")
    text = call("question_range")
    assert text.startswith("About ") and "minutes" in text and text.endswith("Your answers are saved as you go.")


def test_spanish_words_for_the_page():
    state = call("open", "ketamine-clinic", "es", "a4")
    assert state["ui"]["start"] == "Empezar las preguntas"
    assert state["ui"]["unsure"] == "No sé"
    assert state["crisis_heading"] == "Si está en crisis o en peligro"
    call("open", "ketamine-clinic", "en", "letter")


def test_a_draft_comes_back_and_the_answers_file_is_the_terminals(tmp_path):
    from clinic_ready.app.interactive.asking import answers_text

    call("open", "ketamine-clinic", "en", "letter")
    call("set_respondent", "supporter")
    call("answer", "clinic_name", "value", "Sunrise <b>Clinic</b>")
    call("answer", "suicidal_thoughts", "value", "no")
    kept = call("draft")
    call("open", "ketamine-clinic", "en", "letter")
    state = call("restore", kept)
    assert state["respondent"] == "supporter"
    assert {q["id"]: q["answer"]["value"] for q in state["questions"] if q["answer"]} == {
        "clinic_name": "Sunrise <b>Clinic</b>",
        "suicidal_thoughts": "no",
    }
    page = bridge._pages["current"]
    assert call("output", "answers") == answers_text(page.cl, page.result())


def test_skipping_an_opt_in_gate_counts_as_its_skip_answer():
    """As the terminal: Enter at a gate (do_self_check) records its if_skipped answer."""
    state = call("open", "ketamine-clinic", "en", "letter")
    cl = bridge._pages["current"].cl
    gate = next(iter(cl.skip_answers))
    shown = call("answer", gate, "skip")
    assert shown["ok"] is True
    page = bridge._pages["current"]
    assert page.answers.values[gate] == cl.skip_answers[gate]
    assert state["ui"]["skip_means"].startswith("If you skip it")
