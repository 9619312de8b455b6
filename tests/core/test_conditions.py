"""The condition language, table-driven: every operator, every answer state."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from clinic_ready.core import conditions as c

COND = TypeAdapter(c.Condition)


class Ctx:
    doubt = frozenset()  # no question shown in doubt

    def __init__(self, states=None, values=None, scores=None):
        self.states, self.values, self.scores = states or {}, values or {}, scores or {}

    def state(self, qid):
        return self.states.get(qid, "missing")

    def value(self, qid):
        return self.values.get(qid)

    def score(self, sid):
        return self.scores.get(sid)


ANSWERED = lambda **v: Ctx({k: "answered" for k in v}, v)  # noqa: E731


@pytest.mark.parametrize(
    "cond, ctx, expected",
    [
        ({"question": "a", "equals": "yes"}, ANSWERED(a="yes"), True),
        ({"question": "a", "equals": "yes"}, ANSWERED(a="no"), False),
        ({"question": "a", "equals": True}, ANSWERED(a="yes"), True),  # JSON booleans mean yes/no
        ({"question": "a", "equals": "yes"}, Ctx({"a": "unsure"}), False),
        ({"question": "a", "not_equals": "yes"}, ANSWERED(a="no"), True),
        ({"question": "a", "not_equals": "yes"}, Ctx({"a": "unsure"}), False),  # unsure is not "not yes"
        ({"not": {"question": "a", "equals": "yes"}}, Ctx({"a": "unsure"}), True),
        ({"question": "a", "in": ["x", "y"]}, ANSWERED(a="y"), True),
        ({"question": "a", "not_in": ["x", "y"]}, ANSWERED(a="z"), True),
        ({"question": "m", "includes": "x"}, ANSWERED(m=["x", "y"]), True),
        ({"question": "m", "includes": "z"}, ANSWERED(m=["x", "y"]), False),
        ({"question": "m", "includes_any": ["z", "y"]}, ANSWERED(m=["x", "y"]), True),
        ({"question": "n", "gt": 3}, ANSWERED(n=4), True),
        ({"question": "n", "gte": 4}, ANSWERED(n=4), True),
        ({"question": "n", "lt": 4}, ANSWERED(n=4), False),
        ({"question": "n", "lte": 4.5}, ANSWERED(n=4), True),
        ({"question": "n", "gt": 3}, Ctx({"n": "declined"}), False),
        ({"question": "a", "state": "unsure"}, Ctx({"a": "unsure"}), True),
        ({"question": "a", "state": ["unsure", "declined"]}, Ctx({"a": "declined"}), True),
        ({"question": "a", "state": "missing"}, Ctx(), True),
        ({"question": "a", "state": "skipped"}, Ctx({"a": "skipped"}), True),
        ({"question": "a", "state": "answered"}, Ctx({"a": "skipped"}), False),
        (
            {"all": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "no"}]},
            ANSWERED(a="yes", b="no"),
            True,
        ),
        (
            {"all": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "no"}]},
            ANSWERED(a="yes", b="yes"),
            False,
        ),
        (
            {"any": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "no"}]},
            ANSWERED(a="no", b="no"),
            True,
        ),
        ({"any": [{"question": "a", "equals": "yes"}]}, Ctx(), False),
        ({"score": "s", "gte": 4}, Ctx(scores={"s": 4}), True),
        ({"score": "s", "gte": 4}, Ctx(scores={"s": 3}), False),
        ({"score": "s", "gte": 0}, Ctx(), False),  # an incomplete score never matches
    ],
)
def test_condition_truth_table(cond, ctx, expected):
    assert COND.validate_python(cond).holds(ctx) is expected


@pytest.mark.parametrize(
    "cond",
    [
        {"question": "a"},  # no operator
        {"question": "a", "equals": "x", "in": ["x"]},  # two operators
        {"question": "a", "equal": "x"},  # unknown operator
        {"score": "s"},
        {"all": []},
        {"something": 1},
        "a == 'yes'",  # never a string expression
    ],
)
def test_malformed_conditions_are_rejected(cond):
    with pytest.raises(ValidationError):
        COND.validate_python(cond)


def test_describe_in_words():
    cond = COND.validate_python({"all": [{"question": "a", "equals": "yes"}, {"question": "n", "gte": 3}]})
    assert c.describe(cond) == "you answered “yes” to a and your answer to n is at least 3"
    cond = COND.validate_python({"any": [{"question": "m", "includes": "x"}, {"question": "a", "state": "unsure"}]})
    assert c.describe(cond, label=lambda q: f"question {q}") == "you ticked “x” in question m or question a is unsure"


@pytest.mark.parametrize(
    "cond",
    [
        {"question": "a", "equals": "yes"},
        {"question": "a", "not_in": ["x"]},
        {"question": "m", "includes_any": ["x", "z"]},
        {"question": "n", "gte": 4},
        {"question": "a", "state": ["unsure", "missing"]},
        {
            "not": {
                "any": [
                    {"question": "a", "equals": "yes"},
                    {"all": [{"question": "n", "lt": 3}, {"question": "m", "includes": "y"}]},
                ]
            }
        },
        {"score": "s", "gt": 2},
    ],
)
@pytest.mark.parametrize(
    "ctx",
    [
        ANSWERED(a="yes", m=["x"], n=4),
        ANSWERED(a="no", m=["y"], n=2),
        Ctx({"a": "unsure", "n": "declined"}, scores={"s": 3}),
        Ctx(),
    ],
)
def test_compiled_conditions_mean_the_same_as_value(cond, ctx):
    parsed = COND.validate_python(cond)
    assert c.compile_condition(parsed)(ctx) is parsed.value(ctx)


@pytest.mark.parametrize(
    "cond, ctx, expected",
    [
        ({"question": "a", "equals": "yes"}, Ctx({"a": "unsure"}), None),
        ({"question": "a", "equals": "yes"}, Ctx({"a": "declined"}), None),
        ({"question": "a", "equals": "yes"}, Ctx(), None),  # missing
        ({"question": "a", "equals": "yes"}, Ctx({"a": "skipped"}), False),  # not asked: known not to apply
        ({"question": "a", "state": "unsure"}, Ctx({"a": "unsure"}), True),  # state tests stay two-valued
        ({"not": {"question": "a", "equals": "yes"}}, Ctx({"a": "unsure"}), None),
        (
            {"all": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "no"}]},
            Ctx({"a": "unsure", "b": "answered"}, {"b": "yes"}),
            False,
        ),
        (
            {"all": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "no"}]},
            Ctx({"a": "unsure", "b": "answered"}, {"b": "no"}),
            None,
        ),
        (
            {"any": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "no"}]},
            Ctx({"a": "unsure", "b": "answered"}, {"b": "no"}),
            True,
        ),
        (
            {"any": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "no"}]},
            Ctx({"a": "unsure", "b": "answered"}, {"b": "yes"}),
            None,
        ),
    ],
)
def test_kleene_truth_table(cond, ctx, expected):
    parsed = COND.validate_python(cond)
    assert parsed.value(ctx) is expected
    assert c.compile_condition(parsed)(ctx) is expected


def test_a_negated_answer_is_said_as_a_sentence_not_a_bracket():
    """spanish.md M2: "Answer this if not (you answered “Spravato” to question 3)" was read as the
    condition itself; a single negated answer is now one sentence, in both languages."""
    from pydantic import TypeAdapter

    cond = TypeAdapter(c.Condition).validate_python({"not": {"question": "product", "equals": "spravato"}})
    text = c.describe(cond, lambda qid: "question 3", lambda qid, v: "Spravato")
    assert text == "you did not answer “Spravato” to question 3"
    ticked = TypeAdapter(c.Condition).validate_python({"not": {"question": "meds", "includes": "opioid"}})
    assert c.describe(ticked, lambda qid: "question 5", lambda qid, v: "An opioid") == (
        "you did not tick “An opioid” in question 5"
    )
    both = TypeAdapter(c.Condition).validate_python(
        {"not": {"all": [{"question": "a", "equals": "yes"}, {"question": "b", "equals": "yes"}]}}
    )
    assert c.describe(both).startswith("not (")  # anything larger keeps its brackets
