"""The welcome's question range (question_range.py): the search that re-walks only what an answer reaches
finds exactly what a whole walk per answer tried finds, and its work grows about linearly with
the checklist (the whole-walk search grew with the square: 7 s at 700 questions)."""

from __future__ import annotations

import sys

from helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import answers_for

from clinic_ready.core import engine, question_range
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist, parse_checklist

sys.path.insert(0, str(FIXTURES.parent.parent / "benchmarks"))
from bench import generated_checklist  # (the checklists P3/F6 and F8 measure)

CHECKLISTS = [load_checklist(p) for p in shipped().values()] + [
    load_checklist(FIXTURES / name) for name in ("mini.yaml", "urgent.yaml", "compare-checklist.yaml")
]


def whole_walk_range(cl, given: Answers, passed=()) -> tuple[int, int]:
    """The same search as question_range.question_range, walking every question for every answer tried."""
    done = set(given.values) | set(passed)

    def with_(extra):
        values = {**given.values, **{k: v for k, v in extra.items() if v is not None}}
        return Answers(given.checklist_id, given.checklist_version, values, respondent=given.respondent)

    unsure = {
        q: Answer("unsure")
        for q in cl.questions
        if q not in done and (cl.questions[q].required or q in cl.skip_answers)
    }  # an opt-in gate too
    most = max(question_range.to_ask(cl, with_({}), done), question_range.to_ask(cl, with_(unsure), done))
    free = [q for q in question_range.controlling(cl) if q not in done]
    if not free:
        return question_range.to_ask(cl, with_({}), done), most
    tries = {q: question_range.candidates(cl.questions[q], cl) for q in free}
    chosen = {q: tries[q][0] for q in free}
    best = question_range.to_ask(cl, with_(chosen), done)
    for _ in range(question_range.MAX_PASSES):
        improved = False
        for q in free:
            for answer in tries[q]:
                trial = {**chosen, q: answer}
                n = question_range.to_ask(cl, with_(trial), done)
                if n < best:
                    best, chosen, improved = n, trial, True
        if not improved:
            break
    return min(best, most), most


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_range_equals_a_whole_walk_per_answer_tried(data):
    cl = data.draw(st.sampled_from(CHECKLISTS))
    answers = data.draw(answers_for(cl))
    kept = data.draw(st.sets(st.sampled_from(sorted(answers.values)))) if answers.values else set()
    given_ = Answers(cl.id, cl.version, {q: a for q, a in answers.values.items() if q in kept})
    passed = data.draw(st.sets(st.sampled_from(sorted(cl.questions)), max_size=5))
    assert question_range.question_range(cl, given_, passed) == whole_walk_range(cl, given_, passed)


def test_the_range_of_the_shipped_and_generated_checklists_is_the_whole_walks():
    for cl in [*CHECKLISTS, parse_checklist(generated_checklist(70), "g.yaml")]:
        empty = Answers(cl.id, cl.version)
        assert question_range.question_range(cl, empty) == whole_walk_range(cl, empty), cl.id


def judged(n: int, monkeypatch) -> int:
    """Questions judged (walked whole, or one by one) to find the range of an n-question checklist."""
    cl = parse_checklist(generated_checklist(n), "g.yaml")
    count = [0]
    walk, judge = engine._walk, question_range._Walk._judge

    def counting_walk(checklist, answers, unreached):
        count[0] += len(checklist.questions)
        return walk(checklist, answers, unreached)

    def counting_judge(self, qid):
        count[0] += 1
        return judge(self, qid)

    monkeypatch.setattr(engine, "_walk", counting_walk)
    monkeypatch.setattr(question_range._Walk, "_judge", counting_judge)
    fewest, most = question_range.question_range(cl, Answers(cl.id, cl.version))
    assert 0 < fewest < most == n
    monkeypatch.undo()
    return count[0]


def test_the_search_grows_about_linearly_with_the_checklist(monkeypatch):
    small, large = judged(140, monkeypatch), judged(1120, monkeypatch)
    assert large / small < 8 * 1.5, (small, large)  # 8 times the questions; a whole walk per try: about 64 times
