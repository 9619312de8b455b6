"""Properties of three-valued (Kleene) evaluation, over random condition trees and random answers.

1. With no unknown answer, the three-valued reading equals the two-valued (format 1) one.
2. Monotonicity (conditions without ``state`` tests, in themselves or in the conditions that
   decide whether the questions they read are asked): a condition that is true or false while some
   answers are unsure, declined or missing keeps that value whatever concrete answers replace
   them; only unknown (could-apply) can change.  Checked through the whole engine, so questions
   shown "in doubt" and later skipped are covered too.
"""

from __future__ import annotations

from helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from strategies import answer_for, answers_for, concrete  # noqa: F401 (test_pace imports answers_for from here)

from clinic_ready.core import conditions as c
from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist

COND = TypeAdapter(c.Condition)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
URGENT = load_checklist(FIXTURES / "urgent.yaml")
SHIPPED = load_checklist(shipped()["ketamine-clinic"])


def leaf(cl, with_state: bool):
    def for_question(qid):
        q = cl.questions[qid]
        ops = []
        if q.type == "multi_choice":
            ops.append(st.builds(lambda v: {"question": qid, "includes": v}, st.sampled_from(list(q.choice_values))))
        elif q.type == "number":
            ops.append(
                st.builds(
                    lambda op, n: {"question": qid, op: n},
                    st.sampled_from(["gt", "gte", "lt", "lte", "equals"]),
                    st.integers(0, 200),
                )
            )
        elif q.type != "text":
            ops.append(
                st.builds(
                    lambda op, v: {"question": qid, op: v},
                    st.sampled_from(["equals", "not_equals"]),
                    st.sampled_from(list(q.choice_values)),
                )
            )
            ops.append(
                st.builds(
                    lambda op, v: {"question": qid, op: v},
                    st.sampled_from(["in", "not_in"]),
                    st.lists(st.sampled_from(list(q.choice_values)), min_size=1, max_size=2),
                )
            )
        else:
            ops.append(st.just({"question": qid, "equals": "some text"}))
        if with_state:
            ops.append(st.builds(lambda s: {"question": qid, "state": s}, st.sampled_from(list(c.STATES))))
        return st.one_of(ops)

    return st.sampled_from(sorted(cl.questions)).flatmap(for_question)


def trees(cl, with_state: bool = False):
    base = leaf(cl, with_state)
    if cl.scores:
        score = cl.scores[0].id
        base = st.one_of(
            base,
            st.builds(
                lambda op, n: {"score": score, op: n}, st.sampled_from(["gte", "lt", "equals"]), st.integers(0, 12)
            ),
        )
    return st.recursive(
        base,
        lambda kids: st.one_of(
            st.lists(kids, min_size=1, max_size=3).map(lambda xs: {"all": xs}),
            st.lists(kids, min_size=1, max_size=3).map(lambda xs: {"any": xs}),
            kids.map(lambda x: {"not": x}),
        ),
        max_leaves=6,
    ).map(COND.validate_python)


@SETTINGS
@given(st.data())
def test_three_valued_equals_two_valued_when_nothing_is_unknown(data):
    cl = data.draw(st.sampled_from([URGENT, SHIPPED]))
    cond = data.draw(trees(cl, with_state=True))
    given_answers = {qid: Answer.of(data.draw(concrete(q))) for qid, q in cl.questions.items()}
    result = engine.evaluate(cl, Answers(cl.id, cl.version, given_answers))
    ctx = engine.context_of(result)
    assert not ctx.doubt
    assert cond.value(ctx) is cond.holds(ctx)
    assert c.compile_condition(cond)(ctx) is cond.holds(ctx)


@SETTINGS
@given(st.data())
def test_known_values_survive_any_completion_of_unknown_answers(data):
    cl = data.draw(st.sampled_from([URGENT, SHIPPED]))
    cond = data.draw(trees(cl))
    answers = data.draw(answers_for(cl))
    before = engine.evaluate(cl, answers)
    ctx1 = engine.context_of(before)
    v1 = cond.value(ctx1)
    assert c.compile_condition(cond)(ctx1) is v1
    filled = dict(answers.values)
    for i in before.items:
        if i.state in c.UNKNOWN_STATES:
            filled[i.question.id] = Answer.of(data.draw(concrete(i.question)))
    after = engine.evaluate(cl, Answers(cl.id, cl.version, filled))
    v2 = cond.value(engine.context_of(after))
    if v1 is not None:
        assert v2 is v1


def has_state_test(cond) -> bool:
    return any(isinstance(t, c.QuestionTest) and t.operator == "state" for t in c.walk(cond))


def reads_state(cl, cond, seen=None) -> bool:
    """A state test in the condition, or in the `when` of a question (or its section) that the
    condition reads, at any depth: such a concern is outside the monotonicity property, because a
    state test deliberately treats "unsure" differently from every concrete answer (for example
    "ask about suicidal thoughts right now when the past-weeks answer is unsure")."""
    seen = set() if seen is None else seen
    if has_state_test(cond):
        return True
    for t in c.walk(cond):
        qids = cl.score_by_id[t.score].items if isinstance(t, c.ScoreTest) else [getattr(t, "question", None)]
        for qid in qids:
            if qid is None or qid in seen:
                continue
            seen.add(qid)
            gates = [w for w in (cl.section_of[qid].when, cl.questions[qid].when) if w is not None]
            if any(reads_state(cl, w, seen) for w in gates):
                return True
    return False


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_raised_and_silent_concerns_stay_so_only_could_apply_changes(data):
    cl = data.draw(st.sampled_from([URGENT, SHIPPED]))
    answers = data.draw(answers_for(cl))
    before = engine.evaluate(cl, answers)
    filled = dict(answers.values)
    for i in before.items:
        if i.state in c.UNKNOWN_STATES:
            filled[i.question.id] = Answer.of(data.draw(concrete(i.question)))
    after = engine.evaluate(cl, Answers(cl.id, cl.version, filled))
    raised = lambda r: {f.concern.id for f in r.findings}  # noqa: E731
    possible = lambda r: {p.concern.id for p in r.could_apply}  # noqa: E731
    for concern in cl.concerns:
        if reads_state(cl, concern.when):
            continue
        cid = concern.id
        if cid in raised(before):
            assert cid in raised(after), cid
        elif cid not in possible(before):
            assert cid not in raised(after) and cid not in possible(after), cid


@SETTINGS
@given(st.data())
def test_the_partial_evaluations_equal_the_whole_one(data):
    """engine.shown and engine.urgent (what the questionnaire asks after every answer) say exactly
    what engine.evaluate says, for any answers to either shipped checklist, with or without
    questions not reached yet."""
    cl = data.draw(st.sampled_from([SHIPPED, URGENT, load_checklist(shipped()["ketamine-clinic-self-audit"])]))
    answers = data.draw(answers_for(cl))
    unreached = data.draw(st.sets(st.sampled_from(sorted(cl.questions))))
    assert engine.shown(cl, answers, unreached) == engine.evaluate(cl, answers, unreached).items
    assert engine.urgent(cl, answers) == engine.evaluate(cl, answers).urgent


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # each example checks every condition
@given(st.data())
def test_the_compiled_unknown_leaves_are_the_unknown_leaves(data):
    """What the engine lists under a could-apply concern ("depends on") comes from compiled
    conditions: for every condition of every shipped checklist, and any answers, the same tests
    in the same order as conditions.unknown_leaves."""
    cl = data.draw(st.sampled_from([SHIPPED, URGENT, load_checklist(shipped()["ketamine-clinic-self-audit"])]))
    answers = data.draw(answers_for(cl))
    ctx, _items = engine._walk(cl, answers, frozenset())
    conds = [x.when for x in (*cl.sections, *cl.questions.values(), *cl.concerns) if x.when is not None]
    for cond in conds:
        assert c.compile_unknown_leaves(cond)(ctx) == list(c.unknown_leaves(cond, ctx))
