"""Loading checklists: schema errors and cross-reference errors, all at once, each located."""

from __future__ import annotations

import pytest
from helpers import checklist_text

from clinic_ready.errors import CATALOGUE, InputError
from clinic_ready.io.loading import parse_checklist

GOOD_SECTION = """
sections:
  - id: s
    title: S
    questions:
      - id: q1
        type: yes_no
        prompt: P?
        help: H.
      - id: q2
        type: choice
        prompt: P?
        help: H.
        choices:
          - {value: a, label: A}
          - {value: b, label: B}
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(InputError) as exc:
        parse_checklist(text, "c.yaml")
    return exc.value.lines()


def test_a_valid_checklist_loads():
    cl = parse_checklist(checklist_text(GOOD_SECTION), "c.yaml")
    assert list(cl.questions) == ["q1", "q2"]
    assert cl.questions["q1"].required is True


def test_unknown_key_names_line_and_suggests_the_right_one():
    text = checklist_text(GOOD_SECTION.replace("        help: H.\n      - id: q2", "        hlep: H.\n      - id: q2"))
    assert errors_of(text) == [
        "c.yaml:15:9: sections[0].questions[0].help: 'help' is required — add 'help:'",
        "c.yaml:18:9: sections[0].questions[0].hlep: unknown key 'hlep' — remove it, or rename it (did you mean 'help'?)",
    ]


def test_every_problem_is_reported_at_once():
    text = checklist_text(
        GOOD_SECTION
        + """
concerns:
  - id: c1
    severity: severe
    title: T
    when: {question: q1, equal: "yes"}
    why: W
    ask: A
    action: D
    sources: [s1]
"""
    )
    lines = errors_of(text)
    assert len(lines) == 2
    assert (
        lines[0]
        == "c.yaml:29:15: concerns[0].severity: 'severe' is not allowed — use one of: critical, high, moderate, low or info"
    )
    assert lines[1] == (
        "c.yaml:31:26: concerns[0].when.equal: unknown operator 'equal' — use one of: equals, not_equals, in, "
        "not_in, includes, includes_any, gt, gte, lt, lte, state (did you mean 'equals'?)"
    )


def test_cross_references_are_checked_with_did_you_mean():
    text = checklist_text(
        GOOD_SECTION
        + """
concerns:
  - id: c1
    severity: high
    title: T
    when: {all: [{question: q_1, equals: "yes"}, {question: q2, equals: c}]}
    why: W
    ask: A
    action: D
    sources: [s2]
  - id: c1
    severity: low
    title: T
    when: {question: q1, gte: 3}
    why: W
    ask: A
    action: D
    sources: [s1]
"""
    )
    lines = errors_of(text)
    assert (
        "c.yaml:31:29: concerns[0].when.all[0].question: no question has the id 'q_1' — use an existing question id (did you mean 'q1'?)"
        in lines
    )
    assert any(
        "concerns[0].when.all[1].equals: 'c' is not a choice of question 'q2' — use one of: a, b" in line
        for line in lines
    )
    assert any(
        "concerns[0].sources[0]: no source has the id 's2' — add it to 'sources' or cite an existing one" in line
        for line in lines
    )
    assert any("concerns[1]: duplicate concern id 'c1' (first at concerns[0])" in line for line in lines)
    assert any("concerns[1].when.gte: 'gte' does not apply to a yes_no question" in line for line in lines)
    assert all(line.startswith("c.yaml:") and " — " in line for line in lines)


def test_a_question_may_only_depend_on_earlier_questions():
    text = checklist_text(
        """
sections:
  - id: s
    title: S
    questions:
      - id: q1
        type: yes_no
        prompt: P?
        help: H.
        when: {question: q2, equals: "yes"}
      - id: q2
        type: yes_no
        prompt: P?
        help: H.
        when: {question: q2, equals: "yes"}
"""
    )
    lines = errors_of(text)
    assert lines[0].endswith(
        "sections[0].questions[0].when.question: 'q2' is asked after this question — a condition may only use questions asked before it"
    )
    assert lines[1].endswith(
        "sections[0].questions[1].when.question: a question cannot depend on itself — refer to an earlier question"
    )


def test_condition_shapes():
    text = checklist_text(
        GOOD_SECTION.replace(
            "        help: H.\n      - id: q2",
            "        help: H.\n        when: {question: q0, equals: yes, in: [yes]}\n      - id: q2",
            1,
        )
    )
    lines = errors_of(text)
    assert lines == [
        "c.yaml:19:15: sections[0].questions[0].when: a test needs exactly one operator, found equals, in — use one of: equals, not_equals, in, not_in, includes, includes_any, gt, gte, lt, lte, state"
    ]
    text = checklist_text(
        GOOD_SECTION.replace(
            "        help: H.\n      - id: q2", "        help: H.\n        when: {quest: q0}\n      - id: q2", 1
        )
    )
    assert errors_of(text)[0].endswith(
        "sections[0].questions[0].when: a condition needs exactly one of: question, score, all, any, not — see 'Conditions' in docs/checklist-format.md"
    )


def test_type_errors_say_how_to_fix():
    text = checklist_text(GOOD_SECTION).replace('version: "1"', "version: 1.0").replace("year: 2020", "year: '2020'")
    lines = errors_of(text)
    assert "c.yaml:4:10: version: expected text, found the number 1.0 — put the value in quotes" in lines
    assert (
        "c.yaml:10:44: sources[0].year: expected a whole number, found the text '2020' — write a number without quotes, such as 2024"
        in lines
    )


def test_unsupported_format_is_reported_first():
    text = checklist_text(GOOD_SECTION).replace("format: 1", "format: 2")
    assert errors_of(text) == [
        "c.yaml:1:9: format: format 2 is not supported by this version of clinic-ready — use 'format: 1' or upgrade clinic-ready"
    ]


def test_value_yes_in_choices_means_the_word():
    text = checklist_text(
        GOOD_SECTION.replace("{value: a, label: A}", "{value: yes, label: Yes}").replace(
            "{value: b, label: B}", "{value: no, label: No}"
        )
    )
    cl = parse_checklist(text, "c.yaml")
    assert cl.questions["q2"].choice_values == ("yes", "no")


def test_choice_questions_need_choices_and_numbers_need_sane_ranges():
    text = checklist_text(
        """
sections:
  - id: s
    title: S
    questions:
      - {id: q1, type: choice, prompt: P, help: H}
      - {id: q2, type: number, prompt: P, help: H, min: 5, max: 1}
      - {id: q3, type: text, prompt: P, help: H, unit: kg}
"""
    )
    lines = errors_of(text)
    assert any("a choice question needs at least two choices" in line for line in lines)
    assert any("min 5 is greater than max 1 — swap them" in line for line in lines)
    assert any("'unit' applies only to number questions" in line for line in lines)


def test_catalogue_entries_all_have_a_fix():
    for code, (what, fix) in CATALOGUE.items():
        assert what and fix, code
