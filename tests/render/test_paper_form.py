"""The paper checklist as a person fills it in (issue 28): numbered as the interactive run numbers
the questions every run asks (a question an answer opens carries a letter), and no "Unsure" or
"Prefer not to say" to tick for a name written by hand."""

from __future__ import annotations

import io
import re

from rich.console import Console

from clinic_ready.app.interactive.prompting import Questionnaire
from clinic_ready.core.model import Answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import markdown
from clinic_ready.render.views import paper_numbers

CL = load_checklist(shipped()["ketamine-clinic"])


def test_paper_numbers_match_the_interactive_run_for_what_every_run_asks():
    numbers = paper_numbers(CL)
    q = Questionnaire(CL, Answers(CL.id, CL.version), Console(file=io.StringIO()), lambda p: "")
    shown = [x.id for x in q.visible()]  # "Question N of M" before any answer opens more
    always = [qid for qid in CL.questions if not re.search(r"[a-z]$", numbers[qid])]
    assert [numbers[qid] for qid in always] == [str(n) for n in range(1, len(always) + 1)]
    for n, qid in enumerate(shown, 1):
        if qid not in always:
            break
        assert numbers[qid] == str(n), qid  # the same number on paper and on screen
    assert numbers["who_gives"] == "7d" and numbers["driving"] == "8"


def test_a_name_written_by_hand_has_no_unsure_box():
    text = markdown.render_blank(CL)
    name = text.split("**1. What is the name of the clinic or provider? (optional)**", 1)[1].split("**2. ", 1)[0]
    assert "Unsure" not in name and "Prefer not to say" not in name and "- [ ]" not in name
    assert "Write your answer, or leave it blank" in name
    reason = text.split("**2. What is the treatment for?**", 1)[1].split("**3. ", 1)[0]
    assert "- [ ] Unsure" in reason  # a question with choices keeps them
    assert "A question with a letter after its number (7a, 7b) is for some people only" in text
