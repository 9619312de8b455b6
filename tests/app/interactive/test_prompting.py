"""The questionnaire loop, driven line by line: every key at every kind of question."""

from __future__ import annotations

import io

import pytest
from helpers import Keys
from rich.console import Console

from clinic_ready.app.interactive.prompting import Questionnaire, QuitRequested
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.loading import load_checklist


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


def run(cl, *lines, answers=None, changes=None):
    out = io.StringIO()
    console = Console(file=out, width=100, no_color=True)
    a = answers or Answers(cl.id, cl.version)
    q = Questionnaire(
        cl,
        a,
        console,
        Keys(*lines),
        on_change=lambda x: changes.append(dict(x.values)) if changes is not None else None,
        plain=True,
    )
    q.welcome()
    result = q.run()
    return result, out.getvalue()


def test_full_run_with_numbers_letters_and_review(mini):
    # monitored: y; meds: 1,2; where: 2 (home); alone: n; age: 44; review: Enter
    answers, screen = run(mini, "y", "1,2", "2", "n", "44", "")
    assert answers.values == {
        "monitored": Answer.of("yes"),
        "meds": Answer.of(["opioid", "benzo"]),
        "where": Answer.of("home"),
        "alone": Answer.of("no"),
        "age": Answer.of(44),
    }
    assert "About 4–5 questions" in screen  # 'alone' is asked only if 'where' is answered home
    assert "Question 1 of 4 · Main" in screen  # 'alone' is not counted before 'where' is answered
    assert "Question 3 of 4 · Main" in screen  # where: home opens 'alone'
    assert "Your answer opened 1 more question." in screen
    assert "Question 4 of 5 · Main" in screen
    assert "Review your answers" in screen and "5. How old are you? — 44 years" in screen


def test_help_unsure_decline_on_every_type(mini):
    answers, screen = run(mini, "?", "u", "d", "?", "u", "u", "d", "")
    assert screen.count("Why this matters:") == 2
    assert "Source: A source. Someone, 2024." in screen
    assert [a.state for a in answers.values.values()] == ["unsure", "declined", "unsure", "unsure", "declined"]
    assert "alone" in answers.values  # 'where' is unsure, so 'alone' is asked: when in doubt, ask


def test_a_clinic_answer_hides_the_home_question(mini):
    answers, screen = run(mini, "y", "3", "1", "u", "")
    assert "alone" not in answers.values and "Will you be alone?" not in screen


def test_invalid_input_is_reasked_with_a_clear_message(mini):
    _, screen = run(mini, "maybe", "y", "7", "1,x", "3", "1", "-5", "abc", "200", "30", "")
    assert "that is not yes or no — type y or n; u if you are not sure; d for prefer not to say." in screen
    assert "7 is not one of the numbers shown — type a number from 1 to 3." in screen
    assert "that is not one of the choices — type a number from 1 to 3." in screen
    assert "the number is out of range — give a number from 0 to 120 years, or answer unsure." in screen
    assert "the answer is not a number" in screen


def test_odd_numbers_at_a_prompt_are_reasked_never_a_crash(mini):
    """Unicode digits such as '²' pass str.isdigit() but are not numbers; 5,000 digits are refused."""
    _, screen = run(mini, "y", "²", "9" * 5000, "1,2", "3", "1", "²", "30", "²", "")
    assert "that is not one of the choices — type a number from 1 to 3." in screen
    assert "that number is not one of the numbers shown — type a number from 1 to 3." in screen
    assert "is not a number on the list: type a number from 1 to 4, or press Enter." in screen


def test_a_single_choice_question_says_only_one_can_be_chosen(mini):
    from clinic_ready.io.answers import AnswerRejected

    cl = mini
    q = next(q for q in cl.questions.values() if q.type == "choice")
    qn = Questionnaire(cl, Answers(cl.id, cl.version), None, lambda p: "")
    with pytest.raises(AnswerRejected) as exc:
        qn._parse(q, "1,2", "1,2")
    assert str(exc.value) == f"only one answer can be chosen here — type one number from 1 to {len(q.choice_values)}"


def test_empty_answer_is_not_accepted(mini):
    _, screen = run(mini, "", "n", "3", "1", "u", "")
    assert "Please answer, or type ? for help" in screen


def test_back_goes_to_the_previous_visible_question_and_keeps_answers(mini):
    # answer monitored, then back from meds, change monitored to n, continue
    answers, screen = run(mini, "y", "b", "n", "", "1", "u", "u", "40", "")
    assert answers.values["monitored"] == Answer.of("no")
    assert "Current answer: Yes (press Enter to keep it)" in screen
    assert "Please answer, or type ? for help" in screen  # Enter on an unanswered question
    assert answers.values["meds"] == Answer.of(["opioid"])


def test_back_at_first_question(mini):
    _, screen = run(mini, "b", "y", "3", "1", "u", "")
    assert "This is the first question." in screen


def test_hidden_answers_are_kept_when_toggling(mini):
    # where=home, alone=yes; back to where -> clinic (alone hidden); review -> change where to home again
    answers, screen = run(mini, "y", "3", "2", "y", "b", "b", "1", "u", "3", "2", "", "")
    assert answers.values["alone"] == Answer.of("yes")  # kept while hidden, shown again with its answer
    assert answers.values["where"] == Answer.of("home")


def test_review_changes_an_answer_by_number(mini):
    answers, screen = run(mini, "y", "3", "1", "u", "1", "n", "")
    assert answers.values["monitored"] == Answer.of("no")
    assert screen.count("Review your answers") == 2


def test_review_rejects_bad_numbers(mini):
    _, screen = run(mini, "y", "3", "1", "u", "99", "")
    assert "“99” is not a number on the list: type a number from 1 to 4, or press Enter." in screen
    # the message stays: it is the last thing before the prompt is asked again (no redrawn list)
    assert screen.rstrip().endswith("or press Enter.")
    assert screen.count("Review your answers") == 1


def test_quit_and_eof_stop_with_answers_kept(mini):
    changes = []
    with pytest.raises(QuitRequested):
        run(mini, "y", "q", changes=changes)
    assert changes == [{"monitored": Answer.of("yes")}]
    with pytest.raises(EOFError):
        run(mini, "y")


def test_only_missing_questions_are_asked(mini):
    given = Answers(mini.id, mini.version, {"monitored": Answer.of("no"), "meds": Answer.of(["none"])})
    answers, screen = run(mini, "1", "40", "", answers=given)
    assert "Is your blood pressure checked?" not in screen.split("Review your answers")[0]
    assert answers.values["where"] == Answer.of("clinic")


def test_optional_questions_can_be_skipped_with_enter(mini):
    # age is optional: Enter skips it and the run finishes without asking again
    answers, screen = run(mini, "y", "3", "1", "", "")
    assert "age" not in answers.values
    assert "4. How old are you? — not answered" in screen


def test_an_unsure_gate_asks_what_it_might_open(mini):
    # where: unsure -> 'alone' (asked only for home) is asked all the same: when in doubt, ask
    answers, screen = run(mini, "y", "1", "u", "n", "44", "")
    assert answers.values["alone"] == Answer.of("no")
    assert "Question 4 of 5 · Main" in screen


def test_the_question_count_never_goes_backwards_on_the_shipped_checklist():
    """'Question N of M': M only grows (when an answer opens questions), never shrinks."""
    import re

    from clinic_ready.io import catalog

    cl = load_checklist(catalog.resolve("ketamine-clinic"))

    class FirstChoiceOrYes:  # the first choice, or "y", to every question; Enter at the review
        def __call__(self, prompt):
            if "press Enter to confirm" in prompt:
                return ""
            if "Type c to continue" in prompt:  # the urgent interruption: carry on
                return "c"
            return "y" if "y or n" in prompt else "1"

    out = io.StringIO()
    q = Questionnaire(
        cl,
        Answers(cl.id, cl.version),
        Console(file=out, width=100, no_color=True),
        FirstChoiceOrYes(),
        on_change=lambda _a: None,
        plain=True,
    )
    q.welcome()
    q.run()
    totals = [int(m) for m in re.findall(r"Question \d+ of (\d+)", out.getvalue())]
    assert totals and all(b >= a for a, b in zip(totals, totals[1:], strict=False))
    from clinic_ready.core import question_range

    # "y" or the first choice to everything is no typical run (it opens the optional sections):
    # more than the typical range, within what anyone can be asked
    low, high = map(int, re.search(r"About (\d+)–(\d+) questions", out.getvalue()).groups())
    assert high < totals[-1] <= question_range.question_range(cl, Answers(cl.id, cl.version))[1]
