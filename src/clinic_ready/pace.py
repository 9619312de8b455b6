"""How many questions a person may still be asked: a range that holds, for the welcome.

* The most: every open question answered "unsure" (when in doubt, ask: a person who is unsure
  of everything is shown every question whose condition could be true).  Evaluated both with
  "unsure" and with nothing answered, and the larger count is kept.
* The fewest: a search over the answers that open or close questions (the questions that
  conditions test), trying each answer that makes a difference and keeping the one that shows
  the fewest questions, question by question, until nothing changes.  The answers it finds are a
  real run, so the fewest is reached by someone.

Pure: (checklist, answers so far) -> (fewest, most); no terminal, no files.
"""

from __future__ import annotations

from typing import Iterable

from clinic_ready import conditions, engine
from clinic_ready.model import Answer, Answers, Checklist, Question

SECONDS_PER_QUESTION = 20
MAX_PASSES = 4


def controlling(cl: Checklist) -> list[str]:
    """Questions whose answers other questions or sections depend on, in checklist order."""
    found: set[str] = set()
    for section in cl.sections:
        for cond in [section.when] + [q.when for q in section.questions]:
            for test in conditions.walk(cond):
                if isinstance(test, conditions.ScoreTest):
                    found.update(cl.score_by_id[test.score].items)
                else:
                    found.add(test.question)
    return [qid for qid in cl.questions if qid in found]


def candidates(q: Question, cl: Checklist) -> list[Answer | None]:
    """Answers worth trying for a controlling question (None: skipped, for an optional one)."""
    out: list[Answer | None] = [Answer("unsure"), Answer("declined")]
    if not q.required:
        out.append(None)
    if q.type in ("yes_no", "choice"):
        out += [Answer.of(v) for v in q.choice_values]
    elif q.type == "multi_choice":
        exclusive = [c.value for c in q.choices or () if c.exclusive]
        out += [Answer.of([v]) for v in q.choice_values] + ([Answer.of([])] if not exclusive else [])
    else:
        operands = _operands(q.id, cl)
        if q.type == "number":
            numbers = [float(v) for v in operands if isinstance(v, (int, float)) and not isinstance(v, bool)]
            tried = {n + d for n in numbers for d in (-1, 0, 1)} | {v for v in (q.min, q.max) if v is not None}
            out += [Answer.of(n) for n in sorted(tried) if (q.min is None or n >= q.min) and (q.max is None or n <= q.max)]
        else:
            out += [Answer.of(str(v)) for v in operands] + [Answer.of("something else")]
    return out


def _operands(qid: str, cl: Checklist) -> list[object]:
    found: list[object] = []
    for section in cl.sections:
        for cond in [section.when] + [q.when for q in section.questions]:
            for test in conditions.walk(cond):
                if isinstance(test, conditions.QuestionTest) and test.question == qid and test.operator != "state":
                    operand = test.operand
                    found += operand if isinstance(operand, list) else [operand]
    return found


def to_ask(cl: Checklist, answers: Answers, done: Iterable[str] = ()) -> int:
    """Questions shown for these answers that were not answered (or skipped) before this run."""
    done = set(done)
    return sum(1 for i in engine.shown(cl, answers) if i.state != "skipped" and i.question.id not in done)


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
        to_ask(cl, with_({qid: Answer("unsure") for qid in open_ids if cl.questions[qid].required}), done),
    )
    free = [qid for qid in controlling(cl) if qid not in done]
    if not free:
        return to_ask(cl, with_({}), done), most
    tries = {qid: candidates(cl.questions[qid], cl) for qid in free}
    chosen: dict[str, Answer | None] = {qid: tries[qid][0] for qid in free}
    best = to_ask(cl, with_(chosen), done)
    for _ in range(MAX_PASSES):
        improved = False
        for qid in free:
            for answer in tries[qid]:
                trial = {**chosen, qid: answer}
                n = to_ask(cl, with_(trial), done)
                if n < best:
                    best, chosen, improved = n, trial, True
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


#: the share of the checklist's own examples left out at each end of the typical range
TYPICAL_TRIM = 0.1


def typical_range(cl: Checklist, given: Answers, passed: Iterable[str] = ()) -> tuple[int, int] | None:
    """(low, high) questions still to be asked in a typical run: the checklist's own examples
    (realistic whole runs, each a profile a clinician wrote), with the answers given so far put in
    place of theirs, counted, and the outer tenth at each end left out.  None when the checklist
    has no examples.  On resume this counts what is left, not the whole run."""
    if not cl.examples:
        return None
    from clinic_ready import selftest

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
    cut = int(len(counts) * TYPICAL_TRIM)
    kept = counts[cut:len(counts) - cut] or counts
    return kept[0], kept[-1]
