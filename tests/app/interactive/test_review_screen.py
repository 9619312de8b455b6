"""The review screen as a person meets it (issue 28): a list too long for the terminal is shown a
page at a time, a change is confirmed in words ("Changed 21: Unsure → Yes") where it can be seen,
and a multi-choice answer is edited by its numbers (+N adds, -N removes)."""

from __future__ import annotations

import io
import re

from helpers import EXAMPLES, Keys
from rich.console import Console

from clinic_ready.app.interactive.prompting import Questionnaire
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist

CL = load_checklist(shipped()["ketamine-clinic"])


def terminal(rows: int, cols: int = 80):
    out = io.StringIO()
    return out, Console(file=out, width=cols, height=rows, force_terminal=True, no_color=True, color_system=None)


def full_answers() -> Answers:
    answers, _warnings = load_answers(EXAMPLES / "perry-like.yaml", CL)
    return answers


def screens(out: io.StringIO) -> list[str]:
    """The output cut at each prompt the person saw (what was on screen when they typed)."""
    return out.getvalue().split("Review your answers")[1:]


def test_a_long_review_is_paged_to_the_terminal():
    out, console = terminal(24)
    keys = Keys("", "", "b", "", "", "", "", "")
    q = Questionnaire(CL, full_answers(), console, keys, plain=True)
    q.review()
    pages = screens(out)
    m = int(re.search(r"\(page 1 of (\d+)\)", pages[0]).group(1))
    assert m >= 3
    for page in pages:
        assert len(page.rstrip("\n").splitlines()) <= 24 - 2, page  # a page and its prompt fit the screen
    assert "press Enter for the next page" in keys.prompts[0]
    assert "b for the page before" in keys.prompts[1]
    assert "(page 2 of" in pages[1] and "(page 3 of" in pages[2] and "(page 2 of" in pages[3]  # b went back
    assert "press Enter to confirm" in keys.prompts[-1] and f"(page {m} of {m})" in pages[-1]
    numbers = [int(n) for page in pages[:3] for n in re.findall(r"^\s+(\d+)\. ", page, re.M)]
    assert numbers[:10] == list(range(1, 11))


def test_a_review_that_fits_is_one_screen():
    out, console = terminal(200)
    keys = Keys("")
    Questionnaire(CL, full_answers(), console, keys, plain=True).review()
    assert "(page" not in out.getvalue() and "press Enter to confirm" in keys.prompts[0]


def test_a_change_is_confirmed_in_words_next_to_the_prompt():
    answers = full_answers()
    visible_ids = [q.id for q in Questionnaire(CL, answers, terminal(24)[1], Keys()).visible()]
    qid = next(i for i in visible_ids if CL.questions[i].type == "yes_no" and answers.values[i].value == "yes")
    n = visible_ids.index(qid) + 1
    answers.values[qid] = Answer("unsure")
    out, console = terminal(24)
    keys = Keys(str(n), "y", *[""] * 10)
    Questionnaire(CL, answers, console, keys, plain=True).review()
    after = screens(out)[1]
    assert f"Changed {n}: Unsure → Yes" in after
    assert after.rstrip().endswith(f"Changed {n}: Unsure → Yes")  # right above the prompt, never scrolled off
    assert re.search(
        rf"(^| ){n}\. [^—]* — Yes ", " ".join(after.split()) + " "
    )  # the page shown holds the changed answer


def test_a_multi_choice_edit_shows_numbers_and_adds_or_removes():
    cl = CL
    q = (
        cl.questions["medicines"]
        if "medicines" in cl.questions
        else next(x for x in cl.questions.values() if x.type == "multi_choice" and len(x.choices or ()) >= 4)
    )
    plain_values = [c.value for c in q.choices if not c.exclusive]
    answers = Answers(cl.id, cl.version, {q.id: Answer.of([plain_values[0]])})
    out = io.StringIO()
    keys = Keys("+4")
    quest = Questionnaire(cl, answers, Console(file=out, width=200, no_color=True), keys, plain=True)
    quest.ask(q, 1, 1)
    assert "Current answer: 1 (" in out.getvalue() and "+N to add a choice or -N to remove one" in out.getvalue()
    assert answers.values[q.id].value == [plain_values[0], q.choice_values[3]]
    out2 = io.StringIO()
    quest = Questionnaire(cl, answers, Console(file=out2, width=200, no_color=True), Keys("-1"), plain=True)
    quest.ask(q, 1, 1)
    assert "Current answer: 1,4 (" in out2.getvalue()
    assert answers.values[q.id].value == [q.choice_values[3]]
