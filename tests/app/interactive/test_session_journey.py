"""The questionnaire's journey, scripted: the welcome's question range holds for real runs, 'a new
section opened' when M grows, y/n at Yes/No choice questions, the review's error message stays,
and a supporter reads every prompt and help text in the third person."""

from __future__ import annotations

import io
import re

import pytest
from helpers import EXAMPLES, FIXTURES, invoke_cli
from rich.console import Console

from clinic_ready.app.interactive.prompting import Questionnaire, QuitRequested, yes_no_choices
from clinic_ready.core import engine, question_range, selftest
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io import catalog
from clinic_ready.io.answers import load_answers
from clinic_ready.io.loading import load_checklist

SHIPPED = {name: load_checklist(path) for name, path in catalog.shipped().items()}
RANGE = re.compile(r"About (\d+)–(\d+) questions, roughly (\d+)(?:–(\d+))? minutes")


def welcome(cl, answers=None) -> str:
    out = io.StringIO()
    q = Questionnaire(
        cl, answers or Answers(cl.id, cl.version), Console(file=out, width=100, no_color=True), lambda p: ""
    )
    q.welcome()
    return out.getvalue()


def profiles():
    """Every shipped answers profile: examples/*.yaml and each checklist's own examples."""
    for name, cl in SHIPPED.items():
        for path in sorted(EXAMPLES.glob("*.yaml")):
            try:
                answers, _ = load_answers(path, cl)
            except Exception:  # an example for the other checklist
                continue
            yield name, path.name, answers
        for ex in cl.examples:
            yield name, ex.name, selftest.answers_for(cl, ex)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_the_welcome_range_is_what_typical_runs_ask(name):
    """The welcome gives the range most runs fall in (the checklist's own profiles, the outer
    tenth at each end left out), not the span of every possible run ("About 40–70" when runs ask
    42–46 was not honest); every run stays within what anyone can be asked."""
    cl = SHIPPED[name]
    found = RANGE.search(" ".join(welcome(cl).split()))
    low, high = int(found.group(1)), int(found.group(2))
    asked = [
        sum(1 for i in engine.evaluate(cl, answers).items if i.state != "skipped")
        for checklist, _profile, answers in profiles()
        if checklist == name
    ]
    assert len(asked) >= 3
    inside = sum(1 for n in asked if low <= n <= high)
    assert inside >= 0.8 * len(asked), (asked, low, high)
    assert high - low <= 10  # "about": a range a person can plan with
    # the bounds that hold for anyone: everything unsure shows the most
    fewest, most = question_range.question_range(cl, Answers(cl.id, cl.version))
    assert most == len(cl.questions) or most == sum(
        1
        for i in engine.evaluate(cl, Answers(cl.id, cl.version, {q: Answer("unsure") for q in cl.questions})).items
        if i.state != "skipped"
    )
    assert fewest <= min(asked) and max(asked) <= most


def test_the_shipped_checklist_says_about_40_to_50_questions():
    text = " ".join(welcome(SHIPPED["ketamine-clinic"]).split())
    assert "About 40–50 questions, roughly 15 minutes" in text  # typical runs ask 42–46


def test_the_welcome_names_the_count_the_first_question_shows():
    """Fewer questions are shown at first than the fewest anyone answers in all (later answers
    open more): the welcome says how many there are to begin with, the M of "Question 1 of M",
    so the count never seems to contradict the range just given."""
    screen = " ".join(scripted_shipped_run("1").split())
    begin = re.search(
        r"About 40–50 questions, roughly 15 minutes: (\d+) to begin with, and your answers open more\.", screen
    )
    assert begin and int(begin.group(1)) < 40
    assert re.search(r"Question 1 of (\d+) ·", screen).group(1) == begin.group(1)
    cl = load_checklist(FIXTURES / "mini.yaml")  # every question is shown from the start: no such words
    assert "to begin with" not in welcome(cl) and "the number depends on your answers" in " ".join(welcome(cl).split())


def test_the_range_counts_only_what_is_left(mini_path):
    cl = load_checklist(mini_path)
    given = Answers(
        cl.id, cl.version, {"monitored": Answer.of("no"), "meds": Answer.of(["none"]), "where": Answer.of("clinic")}
    )
    assert question_range.question_range(cl, given) == (1, 1)
    assert "About 1 question, roughly 1 minute" in welcome(cl, given)


def scripted_shipped_run(choose_where: str) -> str:
    cl = SHIPPED["ketamine-clinic"]

    def read(prompt):
        if "press Enter to confirm" in prompt:
            return ""
        if "Type c to continue" in prompt:
            return "c"
        screen = out.getvalue()
        if screen.rstrip().endswith("Somewhere else, such as a hotel, a car or a friend's place"):  # 'where'
            return choose_where
        return "n" if "y or n" in prompt else "1"

    out = io.StringIO()
    q = Questionnaire(cl, Answers(cl.id, cl.version), Console(file=out, width=100, no_color=True), read, plain=True)
    q.welcome()
    q.run()
    return out.getvalue()


def test_a_new_section_opening_is_said_once_with_the_number_of_new_questions():
    screen = scripted_shipped_run("3")  # at home: the "At home" section opens
    seen = [(int(m.group(1)), int(m.group(2)), m.start()) for m in re.finditer(r"Question (\d+) of (\d+)", screen)]
    totals = [m for _n, m, _at in seen]
    assert all(b >= a for a, b in zip(totals, totals[1:], strict=False)), totals  # M never goes backwards
    grew = 0
    for (_n1, m1, at1), (_n2, m2, at2) in zip(seen, seen[1:], strict=False):
        between = screen[at1:at2]
        if m2 > m1:
            grew += 1
            assert (
                re.search(rf"(A new section opened|Your answer opened): {m2 - m1} more questions?\.", between)
                or f"opened {m2 - m1} more question" in between
            ), between
        else:
            assert "more question" not in between
    assert grew >= 1
    # 'At home' opens the home section (5 questions) and one more question on take-home supplies
    assert screen.count("A new section opened: 6 more questions.") == 1
    home = next(s for s in SHIPPED["ketamine-clinic"].sections if s.id == "home")
    assert screen.index("A new section opened") < screen.index(f"Section: {home.title}")
    assert "A new section opened" not in scripted_shipped_run("1")  # at a clinic: nothing new opens


def test_yes_no_choice_questions_accept_y_and_n():
    cl = SHIPPED["ketamine-clinic"]
    cage = [q for q in cl.questions.values() if q.id.startswith("cage_")]
    assert cage and all(yes_no_choices(q) == {"y": "yes", "n": "no"} for q in cage)
    assert yes_no_choices(cl.questions["pregnancy"]) is None  # "No" among others, but no "Yes"
    given = Answers(
        cl.id, cl.version, {qid: Answer("unsure") for qid in cl.questions if not qid.startswith(("cage_", "do_self"))}
    )
    given.values["do_self_check"] = Answer.of("yes")
    typed = iter(["y", "no", "Y", "n", ""])  # cage_cut..cage_eye_opener, then confirm the review
    prompts: list[str] = []

    def read(prompt):
        prompts.append(prompt)
        return next(typed)

    out = io.StringIO()
    answers = Questionnaire(cl, given, Console(file=out, width=100, no_color=True), read, plain=True).run()
    assert [answers.values[f"cage_{k}"].value for k in ("cut", "annoyed", "guilty", "eye_opener")] == [
        "yes",
        "no",
        "yes",
        "no",
    ]
    assert prompts[0] == "Type y or n, or a number 1-2 (or ?, u, d, b, q): "
    assert "that is not one of the choices" not in out.getvalue()


def test_the_review_keeps_a_wrong_entry_message_until_the_next_input(mini_path):
    cl = load_checklist(mini_path)
    prompts: list[str] = []
    typed = iter(["y", "3", "1", "40", "abc", "9", ""])
    out = io.StringIO()

    def read(prompt):
        prompts.append(out.getvalue())
        return next(typed)

    Questionnaire(cl, Answers(cl.id, cl.version), Console(file=out, width=100, no_color=True), read, plain=True).run()
    # what was on screen when the person was asked again: the list once, and the message last
    after_abc, after_nine = prompts[-2], prompts[-1]
    assert after_abc.rstrip().endswith("“abc” is not a number on the list: type a number from 1 to 4, or press Enter.")
    assert after_nine.rstrip().endswith("“9” is not a number on the list: type a number from 1 to 4, or press Enter.")
    assert after_nine.count("Review your answers") == 1


SUPPORTER = (
    (FIXTURES / "mini.yaml")
    .read_text()
    .replace(
        "        prompt: Is your blood pressure checked?\n",
        "        prompt: Is your blood pressure checked?\n"
        "        prompt_supporter: Is their blood pressure checked?\n"
        "        help_supporter: Because ketamine raises it, in the person you help too.\n",
    )
    .replace(
        "        prompt: Which do you take?\n",
        "        prompt: Which do you take?\n        prompt_supporter: Which does the person you are helping take?\n",
    )
)


def supporter_checklist(tmp_path):
    path = tmp_path / "supporter.yaml"
    path.write_text(SUPPORTER)
    return path


def test_a_supporter_reads_third_person_prompts_and_help(tmp_path):
    cl = load_checklist(supporter_checklist(tmp_path))
    typed = iter(["2", "?", "y", "3", "1", "", ""])
    out = io.StringIO()
    q = Questionnaire(
        cl, Answers(cl.id, cl.version), Console(file=out, width=100, no_color=True), lambda p: next(typed), plain=True
    )
    q.ask_who = True
    q.welcome()
    answers = q.run()
    screen = out.getvalue()
    assert answers.respondent == "supporter"
    assert "Who is answering?" in screen and "You are answering for someone else" in screen
    assert "Is their blood pressure checked?" in screen and "Is your blood pressure checked?" not in screen
    assert "Which does the person you are helping take?" in screen
    assert "in the person you help too" in screen
    assert "1. Is their blood pressure checked? — Yes" in screen  # the review, too


def test_for_someone_else_through_the_command(tmp_path, _isolated_state):
    path = supporter_checklist(tmp_path)
    r = invoke_cli("run", str(path), "--interactive", "--plain", "--for-someone-else", input="n\nq\n", cwd=tmp_path)
    assert r.returncode == 130, r.stderr
    assert "Who is answering?" not in r.stdout and "Is their blood pressure checked?" in r.stdout
    (draft,) = (_isolated_state / "drafts").glob("mini--*.yaml")
    assert "respondent: supporter" in draft.read_text()
    # resumed: the draft says supporter, so nobody is asked again; the saved answers file keeps it
    r = invoke_cli(
        "run", str(path), "--interactive", "--plain", "--resume", input="3\n1\n\n\n1\nmine.yaml\n", cwd=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert "Who is answering?" not in r.stdout and "Which does the person you are helping take?" in r.stdout
    assert "respondent: supporter" in (tmp_path / "mine.yaml").read_text()


def test_choosing_supporter_at_the_welcome_is_kept_in_the_draft(tmp_path, _isolated_state):
    path = supporter_checklist(tmp_path)
    r = invoke_cli("run", str(path), "--interactive", "--plain", input="2\ny\nq\n", cwd=tmp_path)
    assert r.returncode == 130, r.stderr
    assert "Who is answering?" in r.stdout and "Is their blood pressure checked?" in r.stdout
    (draft,) = (_isolated_state / "drafts").glob("mini--*.yaml")
    assert "respondent: supporter" in draft.read_text()


def test_a_supporter_is_told_what_to_do_for_the_person_at_an_urgent_answer():
    cl = load_checklist(FIXTURES / "urgent.yaml")
    out = io.StringIO()
    typed = iter(["y", "3", "y", "s"])  # blood pressure: yes; medicines: none; crisis now: yes; stop
    q = Questionnaire(
        cl,
        Answers(cl.id, cl.version, respondent="supporter"),
        Console(file=out, width=100, no_color=True),
        lambda p: next(typed),
        plain=True,
    )
    with pytest.raises(QuitRequested):
        q.run()
    screen = " ".join(out.getvalue().split())
    assert "Their safety comes first" in screen and "stay with them and call 911" in screen and "988" in screen


def test_a_typed_control_sequence_at_the_review_is_shown_harmlessly(mini_path):
    cl = load_checklist(mini_path)
    typed = iter(["y", "3", "1", "40", "\x1b[2J\u202e", ""])
    out = io.StringIO()
    Questionnaire(
        cl, Answers(cl.id, cl.version), Console(file=out, width=100, no_color=True), lambda p: next(typed), plain=True
    ).run()
    assert "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()
    assert "is not a number on the list" in out.getvalue()


def test_on_resume_the_welcome_counts_what_is_left():
    """A draft of 21 answers of a 44-question run: the welcome names about the 23 left, not the whole run."""
    from helpers import EXAMPLES

    from clinic_ready.io.answers import load_answers

    cl = SHIPPED["ketamine-clinic"]
    full, _warnings = load_answers(EXAMPLES / "perry-like.yaml", cl)
    order = [i.question.id for i in engine.evaluate(cl, full).items if i.state != "skipped"]
    assert len(order) == 44
    draft = Answers(cl.id, cl.version, {qid: full.values[qid] for qid in order[:21]})
    text = " ".join(welcome(cl, draft).split())
    low, high = map(int, re.search(r"About (\d+)–(\d+) questions", text).groups())
    assert low <= 23 <= high and high <= 30, text
