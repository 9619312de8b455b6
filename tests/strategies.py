"""Hypothesis strategies shared by the property tests: answers for any checklist."""

from __future__ import annotations

from hypothesis import strategies as st

from clinic_ready.core.model import Answer, Answers


def concrete(q):
    """A strategy for one valid, answered value of question q."""
    if q.type == "yes_no":
        return st.sampled_from(["yes", "no"])
    if q.type == "choice":
        return st.sampled_from(list(q.choice_values))
    if q.type == "multi_choice":
        alone = [ch.value for ch in q.choices if ch.exclusive]
        others = [ch.value for ch in q.choices if not ch.exclusive]
        combos = st.lists(st.sampled_from(others), unique=True, max_size=len(others)) if others else st.just([])
        return st.one_of(combos, st.sampled_from(alone).map(lambda v: [v])) if alone else combos
    if q.type == "number":
        return st.integers(int(q.min if q.min is not None else 0), int(q.max if q.max is not None else 300))
    return st.just("some text")


def answer_for(q):
    """Answered, unsure, declined, or left out (missing)."""
    return st.one_of(concrete(q).map(Answer.of), st.sampled_from([Answer("unsure"), Answer("declined"), None]))


def answers_for(cl):
    return st.fixed_dictionaries({qid: answer_for(q) for qid, q in cl.questions.items()}).map(
        lambda d: Answers(cl.id, cl.version, {k: v for k, v in d.items() if v is not None})
    )
