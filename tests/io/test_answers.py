"""Answers: one validator for typed, file and --set answers; answers files with located errors."""

from __future__ import annotations

import pytest

from clinic_ready.core.model import Answer, Answers
from clinic_ready.errors import InputError
from clinic_ready.io.answers import AnswerRejected, apply_sets, coerce, load_answers, to_data
from clinic_ready.io.loading import load_checklist


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


@pytest.mark.parametrize(
    "qid, raw, expected",
    [
        ("monitored", "yes", Answer.of("yes")),
        ("monitored", "Y", Answer.of("yes")),
        ("monitored", False, Answer.of("no")),
        ("monitored", "unsure", Answer("unsure")),
        ("monitored", "Declined", Answer("declined")),
        ("where", "home", Answer.of("home")),
        ("where", "HOME", Answer.of("home")),
        ("meds", ["opioid", "benzo", "opioid"], Answer.of(["opioid", "benzo"])),
        ("meds", "opioid, benzo", Answer.of(["opioid", "benzo"])),
        ("age", 42, Answer.of(42)),
        ("age", "42.5", Answer.of(42.5)),
        ("age", "unsure", Answer("unsure")),
    ],
)
def test_coerce_accepts(mini, qid, raw, expected):
    assert coerce(mini.questions[qid], raw) == expected


@pytest.mark.parametrize(
    "qid, raw, message",
    [
        ("monitored", "maybe", "the answer is not yes or no — answer yes, no, unsure or declined"),
        ("where", "garage", "the answer is not one of the choices — use one of: clinic, home"),
        ("where", "hom", "the answer is not one of the choices — use one of: clinic, home (did you mean 'home'?)"),
        ("meds", ["opioid", "coffee"], "the answer is not one of the choices — use one of: opioid, benzo, none"),
        ("age", 130, "the number is out of range — give a number from 0 to 120 years, or answer unsure"),
        ("age", "old", "the answer is not a number — write digits, with a decimal point if needed, such as 120 or 0.5"),
        ("age", True, "expected a number — write a number such as 120"),
        ("age", "nan", "the answer is not a number — write digits, with a decimal point if needed, such as 120 or 0.5"),
        ("age", float("nan"), "expected a finite number — write a number such as 120"),
        ("monitored", "", "the answer is empty — give an answer, or write unsure or declined"),
    ],
)
def test_coerce_rejects_with_a_fix(mini, qid, raw, message):
    with pytest.raises(AnswerRejected) as exc:
        coerce(mini.questions[qid], raw)
    assert str(exc.value) == message


def test_answers_file_errors_all_at_once_with_lines(mini, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: mini\nanswers:\n  monitored: perhaps\n  mets: [opioid]\n  age: 300\n")
    with pytest.raises(InputError) as exc:
        load_answers(f, mini)
    assert exc.value.lines() == [
        f"{f}:3:14: answers.monitored: the answer is not yes or no — answer yes, no, unsure or declined",
        f"{f}:4:3: answers.mets: no question has the id 'mets' — remove it or fix the id (did you mean 'meds'?)",
        f"{f}:5:8: answers.age: the number is out of range — give a number from 0 to 120 years, or answer unsure",
    ]


def test_answers_for_another_checklist(mini, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: other\nanswers: {}\n")
    with pytest.raises(InputError) as exc:
        load_answers(f, mini)
    assert exc.value.lines() == [
        f"{f}:1:12: checklist: these answers are for checklist 'other', not 'mini' — give that checklist's file before the answers: "
        f"'clinic-ready run CHECKLIST_FILE --answers {f}', or fix 'checklist:'"
    ]
    f.write_text("checklist: ketamine-clinic\nanswers: {}\n")  # a shipped one: its id works on the command line
    with pytest.raises(InputError) as exc:
        load_answers(f, mini)
    assert "run them with 'clinic-ready run ketamine-clinic' or fix 'checklist:'" in exc.value.lines()[0]


def test_version_mismatch_is_a_warning(mini, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: mini\nchecklist_version: '0.9'\nanswers:\n  monitored: no\n")
    answers, warnings = load_answers(f, mini)
    assert answers.values["monitored"] == Answer.of("no")
    assert [str(w) for w in warnings] == [
        f"{f}:2:20: warning: checklist_version: these answers were made for version 0.9; the checklist is version 1.0 — check the answers still fit, then update 'checklist_version'"
    ]


def test_set_overrides_and_errors(mini):
    a = Answers("mini")
    apply_sets(a, mini, ["monitored=no", "meds=opioid,benzo"])
    assert a.values["meds"] == Answer.of(["opioid", "benzo"])
    with pytest.raises(InputError) as exc:
        apply_sets(a, mini, ["monitored", "wher=home"])
    assert exc.value.lines() == [
        "--set: 'monitored' is not ID=VALUE (the '=' or the id is missing) — write it as --set question_id=value",
        "--set: wher: no question has the id 'wher' — remove it or fix the id (did you mean 'where'?)",
    ]


def test_to_data_round_trips(mini):
    a = Answers("mini")
    apply_sets(a, mini, ["age=40", "monitored=unsure", "meds=none"])
    data = to_data(a, mini)
    assert data == {
        "checklist": "mini",
        "checklist_version": "1.0",
        "answers": {"monitored": "unsure", "meds": ["none"], "age": 40},
    }
