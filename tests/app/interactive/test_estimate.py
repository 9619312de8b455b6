"""How long the questionnaire takes, in words: the terminal's welcome and the browser's start
screen say it with the one function (app/interactive/estimate.py)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from clinic_ready import i18n
from clinic_ready.app import pipeline
from clinic_ready.app.interactive.estimate import how_long
from clinic_ready.app.interactive.prompting import Questionnaire
from clinic_ready.core.model import Answers


@pytest.fixture
def spanish():
    i18n.install("es")
    yield
    i18n.install("en")


def test_a_range_is_said_as_a_range_and_one_number_as_one():
    assert how_long(40, 70) == ("About 40–70 questions", "roughly 15–25 minutes")
    assert how_long(33, 36) == ("About 30–40 questions", "roughly 10 minutes")  # rounded as the welcome says it
    assert how_long(1, 1) == ("About 1 question", "roughly 1 minute")


def test_spanish_words(spanish):
    count, time = how_long(40, 70)
    assert count.startswith("Entre 40 y 70 preguntas") and "15 a 25 minutos" in time


def test_the_browser_says_what_the_terminal_says_for_the_same_range():
    from clinic_ready.core import question_range
    from clinic_ready.web import bridge

    cl = pipeline.load_checklist("ketamine-clinic")
    count, time = how_long(*question_range.question_range(cl, Answers(cl.id, cl.version)))
    page = bridge.Page("ketamine-clinic", "en", "letter")
    assert page.question_range().startswith(f"{count}, {time}; the number depends on your answers.")
    out = io.StringIO()
    Questionnaire(cl, Answers(cl.id, cl.version), Console(file=out, width=400), lambda p: "").welcome()
    said = out.getvalue()
    typical = question_range.typical_range(cl, Answers(cl.id, cl.version))
    assert typical is not None
    assert "{}, {}".format(*how_long(*typical)) in said
