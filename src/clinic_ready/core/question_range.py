"""How many questions a person may still be asked: a range that holds, for the welcome.

* The most: every open question answered "unsure" (when in doubt, ask: a person who is unsure
  of everything is shown every question whose condition could be true).  Evaluated both with
  "unsure" and with nothing answered, and the larger count is kept.
* The fewest: a search over the answers that open or close questions (the questions that
  conditions test), trying each answer that makes a difference and keeping the one that shows
  the fewest questions, question by question, until nothing changes.  The answers it finds are a
  real run, so the fewest is reached by someone.

Each answer tried re-walks only the questions it can reach (those whose conditions read it, and
theirs in turn, as far as a state actually changes), not the whole checklist: the search costs
about (controlling questions × answers tried × questions each reaches), near-linear in the size of
a checklist whose conditions look a few questions back, where a whole walk per try grew with the
square of it (7 s for the welcome of a 700-question checklist).

Pure: (checklist, answers so far) -> (fewest, most); no terminal, no files.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

from clinic_ready.core import conditions, engine
from clinic_ready.core.model import Answer, Answers, Checklist, Question

SECONDS_PER_QUESTION = 20
MAX_PASSES = 4


def _read_by(cl: Checklist, cond: conditions.Condition | None) -> set[str]:
    """The questions a condition reads (a score's items for a score test)."""
    found: set[str] = set()
    for test in conditions.walk(cond):
        if isinstance(test, conditions.ScoreTest):
            found.update(cl.score_by_id[test.score].items)
        else:
            found.add(test.question)
    return found


def controlling(cl: Checklist) -> list[str]:
    """Questions whose answers other questions or sections depend on, in checklist order."""
    found: set[str] = set()
    for section in cl.sections:
        for cond in [section.when] + [q.when for q in section.questions]:
            found |= _read_by(cl, cond)
    return [qid for qid in cl.questions if qid in found]


def candidates(q: Question, cl: Checklist, operands: dict[str, list[object]] | None = None) -> list[Answer | None]:
    """Answers worth trying for a controlling question (None: skipped, for an optional one).
    ``operands``: every question's operands in conditions (``_all_operands``), when already known."""
    out: list[Answer | None] = [Answer("unsure"), Answer("declined")]
    if not q.required:
        out.append(None)
    if q.type in ("yes_no", "choice", "multi_choice"):
        return out + _choice_candidates(q)
    found = (operands if operands is not None else _all_operands(cl)).get(q.id, [])
    if q.type == "number":
        return out + _number_candidates(q, found)
    return out + [Answer.of(str(v)) for v in found] + [Answer.of("something else")]


def _choice_candidates(q: Question) -> list[Answer]:
    """Each choice on its own (for a multi-choice, also none ticked when no choice is exclusive)."""
    if q.type != "multi_choice":
        return [Answer.of(v) for v in q.choice_values]
    exclusive = [c.value for c in q.choices or () if c.exclusive]
    return [Answer.of([v]) for v in q.choice_values] + ([Answer.of([])] if not exclusive else [])


def _number_candidates(q: Question, found: list[object]) -> list[Answer]:
    """Each number a condition compares with, and one either side, and the question's limits:
    those inside the limits, smallest first."""
    numbers = [float(v) for v in found if isinstance(v, (int, float)) and not isinstance(v, bool)]
    tried = {n + d for n in numbers for d in (-1, 0, 1)} | {v for v in (q.min, q.max) if v is not None}
    return [Answer.of(n) for n in sorted(tried) if (q.min is None or n >= q.min) and (q.max is None or n <= q.max)]


def _all_operands(cl: Checklist) -> dict[str, list[object]]:
    """Question id -> the values its section and question conditions compare it with, in order
    (one walk over the conditions for all questions)."""
    found: dict[str, list[object]] = {}
    for section in cl.sections:
        for cond in [section.when] + [q.when for q in section.questions]:
            for test in conditions.walk(cond):
                if isinstance(test, conditions.QuestionTest) and test.operator != "state":
                    operand = test.operand
                    found.setdefault(test.question, []).extend(operand if isinstance(operand, list) else [operand])
    return found


def to_ask(cl: Checklist, answers: Answers, done: Iterable[str] = ()) -> int:
    """Questions shown for these answers that were not answered (or skipped) before this run."""
    done = set(done)
    return sum(1 for i in engine.shown(cl, answers) if i.state != "skipped" and i.question.id not in done)


class _Walk:
    """engine's walk over the questions kept for one set of answers, so that a change to one
    answer re-walks only what it reaches: the states, doubts and count ``to_ask`` would give."""

    def __init__(self, cl: Checklist, answers: Answers, done: set[str]):
        self.cl, self.done = cl, done
        self.ctx, items = engine._walk(cl, answers, frozenset())
        self.order = {qid: n for n, qid in enumerate(cl.questions)}
        self.ids = list(cl.questions)
        self.count = sum(1 for i in items if i.state != "skipped" and i.question.id not in done)
        readers: dict[str, set[int]] = {}
        for section in cl.sections:
            members = [self.order[q.id] for q in section.questions]
            for qid in _read_by(cl, section.when):
                readers.setdefault(qid, set()).update(members)
            for q in section.questions:
                for qid in _read_by(cl, q.when):
                    readers.setdefault(qid, set()).add(self.order[q.id])
        self.readers = {qid: sorted(ns) for qid, ns in readers.items()}

    def _judge(self, qid: str) -> tuple[str, bool]:
        """(state, in doubt) of one question from the current context, as engine._walk judges it."""
        ctx, cl = self.ctx, self.cl
        q, section = cl.questions[qid], cl.section_of[qid]
        value = True if section.when is None else cl.compiled[("section", section.id)](ctx)
        if value is not False and q.when is not None:
            own = cl.compiled[("question", qid)](ctx)
            value = False if own is False else None if own is None or value is None else True
        if value is False:
            return "skipped", False
        answer = ctx.answers.get(qid)
        return (answer.state if answer is not None else "missing"), value is None

    def _counted(self, qid: str, state: str) -> int:
        return 0 if state == "skipped" or qid in self.done else 1

    def change(self, qid: str, answer: Answer | None) -> _Undo:
        """Give ``qid`` this answer (None: none) and re-walk what it reaches; returns the undo log."""
        ctx = self.ctx
        states, doubt, given = ctx.states, ctx.doubt, ctx.answers
        log = _Undo(qid, given.get(qid), self.count)
        if answer is None:
            given.pop(qid, None)
        else:
            given[qid] = answer
        ctx._scores.clear()
        if states.get(qid) == "skipped":  # its answer is left out: nothing reads it
            return log
        todo = [self.order[qid]]
        seen = set(todo)
        while todo:
            n = heapq.heappop(todo)
            rid = self.ids[n]
            old = (states.get(rid, "missing"), rid in doubt)
            new = self._judge(rid)
            if rid == qid or new != old:
                log.judged.append((rid, old))
                states[rid] = new[0]
                if new[1]:
                    doubt.add(rid)
                else:
                    doubt.discard(rid)
                self.count += self._counted(rid, new[0]) - self._counted(rid, old[0])
                ctx._scores.clear()
                for r in self.readers.get(rid, ()):
                    if r not in seen:
                        seen.add(r)
                        heapq.heappush(todo, r)
        return log

    def undo(self, log: _Undo) -> None:
        ctx = self.ctx
        for rid, old in reversed(log.judged):
            ctx.states[rid] = old[0]
            if old[1]:
                ctx.doubt.add(rid)
            else:
                ctx.doubt.discard(rid)
        if log.previous is None:
            ctx.answers.pop(log.qid, None)
        else:
            ctx.answers[log.qid] = log.previous
        self.count = log.count
        ctx._scores.clear()


@dataclass
class _Undo:
    """What ``_Walk.change`` did, for ``_Walk.undo``: the answer it replaced (None: none), the
    count before, and each question judged again with its (state, in doubt) before."""

    qid: str
    previous: Answer | None
    count: int
    judged: list[tuple[str, tuple[str, bool]]] = field(default_factory=list)


def question_range(cl: Checklist, given: Answers, passed: Iterable[str] = ()) -> tuple[int, int]:
    """(fewest, most) questions still to be asked, given the answers so far."""
    done = set(given.values) | set(passed)
    open_ids = [qid for qid in cl.questions if qid not in done]

    def with_(extra: dict[str, Answer | None]) -> Answers:
        values = dict(given.values)
        values.update({k: v for k, v in extra.items() if v is not None})
        return Answers(given.checklist_id, given.checklist_version, values, respondent=given.respondent)

    most = max(
        to_ask(cl, with_({}), done),
        # unsure opens every gate, an opt-in gate too (skipping one would close it: Question.if_skipped)
        to_ask(
            cl,
            with_({qid: Answer("unsure") for qid in open_ids if cl.questions[qid].required or qid in cl.skip_answers}),
            done,
        ),
    )
    free = [qid for qid in controlling(cl) if qid not in done]
    if not free:
        return to_ask(cl, with_({}), done), most
    operands = _all_operands(cl)
    tries = {qid: candidates(cl.questions[qid], cl, operands) for qid in free}
    walk = _Walk(cl, with_({qid: tries[qid][0] for qid in free}), done)
    best = walk.count
    for _ in range(MAX_PASSES):
        improved = False
        for qid in free:
            for answer in tries[qid]:
                log = walk.change(qid, answer)
                if walk.count < best:
                    best, improved = walk.count, True
                else:
                    walk.undo(log)
        if not improved:
            break
    return min(best, most), most


def rounded(low: int, high: int) -> tuple[int, int]:
    """Rounded outwards to fives once the numbers are large enough for 'about' to be honest."""
    if high < 20:
        return low, high
    return max(1, low // 5 * 5), -(-high // 5) * 5


def minutes(low: int, high: int) -> tuple[int, int]:
    """Roughly 20 seconds a question; to the nearest five minutes once past ten."""
    lo, hi = (max(1, round(n * SECONDS_PER_QUESTION / 60)) for n in (low, high))
    if hi >= 10:
        lo, hi = max(5, round(lo / 5) * 5), max(5, round(hi / 5) * 5)
    return lo, hi


#: the share of the checklist's own examples the typical range holds (the narrowest such range)
TYPICAL_SHARE = 0.8


def typical_range(cl: Checklist, given: Answers, passed: Iterable[str] = ()) -> tuple[int, int] | None:
    """(low, high) questions still to be asked in a typical run: the checklist's own examples
    (realistic whole runs, each a profile a clinician wrote), with the answers given so far put in
    place of theirs, counted: the narrowest range that holds four in five of them.  None when the checklist
    has no examples.  On resume this counts what is left, not the whole run."""
    if not cl.examples:
        return None
    from clinic_ready.core import selftest

    done = set(given.values) | set(passed)
    counts = []
    for example in cl.examples:
        values = dict(selftest.answers_for(cl, example).values)
        for qid in passed:
            values.pop(qid, None)
        values.update(given.values)
        merged = Answers(given.checklist_id, given.checklist_version, values, respondent=given.respondent)
        counts.append(to_ask(cl, merged, done))
    counts.sort()
    k = max(1, -int(-len(counts) * TYPICAL_SHARE // 1))  # ceil
    start = min(range(len(counts) - k + 1), key=lambda i: (counts[i + k - 1] - counts[i], i))
    return counts[start], counts[start + k - 1]
