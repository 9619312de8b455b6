"""The pure engine: (checklist, answers) -> Result.  No files, no terminal, no YAML, and no text
made here: a Result holds codes, numbers, ids and the checklist's own texts, so it is the same in
every language; the renderers make every other word (render/texts.py, wording.py).

Conditions are read in three-valued (Kleene) logic: an unsure, declined or missing answer makes
a test on it unknown (see conditions.py).

1. Walk the questions in order.  A question is shown when its section's and its own conditions
   are true *or unknown* (when in doubt, ask), judged on the answers to earlier questions only;
   when one is false it is *skipped* and its answer (if any) is left out of the result.
2. Each shown question is answered, unsure, declined or missing.
3. Concerns whose condition is true become findings (urgent ones first, then most severe first,
   then in checklist order); those whose condition is unknown *could apply*, with the answers
   they depend on.  Could-apply concerns are never counted as raised.
4. The verdict is the most serious level reached (a code: see verdict_for); an urgent concern
   makes it "get help now"; a critical or high concern that could apply holds it (never
   reassuring), with the level and the number of concerns that hold it.
5. First steps: the lead (the crisis action, or what a held verdict depends on), then the most
   serious raised concerns, as candidates (render/texts.first_steps keeps up to three that say
   something new).  Questions to ask: raised concerns' asks, plus the unknown answers each
   could-apply concern depends on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from clinic_ready.core import conditions
from clinic_ready.core.model import (
    Answers,
    AskItem,
    Checklist,
    Concern,
    Finding,
    ItemResult,
    Possible,
    Result,
    Step,
    SupporterTip,
    Verdict,
)
from clinic_ready.core.severity import Severity


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """Whitespace folded (cached: the same checklist texts come back for every answers file)."""
    return " ".join(text.split())


class _States(dict[str, str]):
    """Question id -> its state so far; a question not come to is "missing"."""

    __slots__ = ()

    def __missing__(self, question_id: str) -> str:
        return "missing"


class _Context:
    """What conditions can see: the answers to questions shown so far."""

    def __init__(self, checklist: Checklist, answers: Answers):
        self.checklist = checklist
        self.answers = answers.values
        self.states: dict[str, str] = _States()
        # ``state(id)`` is the dict's own lookup: conditions ask it for every test of every form
        self.state: Callable[[str], str] = self.states.__getitem__
        self.doubt: set[str] = set()  # questions shown only because their condition is unknown
        self._scores: dict[str, float | None] = {}

    def score_in_doubt(self, score_id: str) -> bool:
        return any(q in self.doubt for q in self.checklist.score_by_id[score_id].items)

    @classmethod
    def of(cls, result: Result) -> _Context:
        """The context a finished result was judged in (for explanations)."""
        ctx = cls(
            result.checklist,
            Answers(result.checklist.id, None, {i.question.id: i.answer for i in result.items if i.answer}),
        )
        ctx.states.update((i.question.id, i.state) for i in result.items)
        ctx.doubt = {i.question.id for i in result.items if i.in_doubt}
        return ctx

    def score_bounds(self, score_id: str) -> tuple[float, float] | None:
        """The lowest and highest total still possible (None when an item was skipped)."""
        low = high = 0.0
        for qid in self.checklist.score_by_id[score_id].items:
            q = self.checklist.questions[qid]
            state = self.state(qid)
            if state == "answered":
                chosen = self.value(qid)
                pts = next((c.score or 0) for c in q.choices or () if c.value == chosen)
                low, high = low + pts, high + pts
            elif state in conditions.UNKNOWN_STATES:
                pts_all = [c.score or 0 for c in q.choices or ()]
                low, high = low + min(pts_all), high + max(pts_all)
            else:
                return None
        return low, high

    def value(self, question_id: str) -> object:
        answer = self.answers.get(question_id)
        return answer.value if answer else None

    def score(self, score_id: str) -> float | None:
        if score_id not in self._scores:
            self._scores[score_id] = _total(self, score_id)
        return self._scores[score_id]


def _total(ctx: _Context, score_id: str) -> float | None:
    score = ctx.checklist.score_by_id[score_id]
    total = 0.0
    for qid in score.items:
        if ctx.state(qid) != "answered":
            return None
        q = ctx.checklist.questions[qid]
        chosen = ctx.value(qid)
        total += next((c.score or 0) for c in q.choices or () if c.value == chosen)
    return total


def evaluate(checklist: Checklist, answers: Answers, unreached: frozenset[str] | set[str] = frozenset()) -> Result:
    """Evaluate answers against a checklist.  Pure: the same inputs always give the same Result,
    in every language: it holds codes, numbers, ids and the checklist's own texts, and the
    renderers make every other word (render/texts.py, wording.py).

    ``unreached`` names questions the questionnaire has not come to yet: conditions read them as
    not asked (false) rather than unknown, so that a progress count ("Question 4 of 44") holds
    only what the answers so far open, and grows when a new section opens.
    """
    ctx, items = _walk(checklist, answers, unreached)
    findings, possible = _judge(checklist, ctx, items)
    good_to_know = tuple(f for f in findings if _good_to_know(f))
    findings = [f for f in findings if not _good_to_know(f)]  # "Good to know" is not a concern
    possible = [p for p in possible if p.concern.severity is not Severity.info or p.concern.urgent]
    findings.sort(key=lambda f: (not f.concern.urgent, f.concern.severity.rank))  # stable: checklist order
    possible.sort(key=lambda p: (not p.concern.urgent, p.concern.severity.rank))
    not_assessed = tuple(
        i for i in items if i.state in ("unsure", "declined") or (i.state == "missing" and i.question.required)
    )
    return Result(
        checklist=checklist,
        items=tuple(items),
        findings=tuple(findings),
        not_assessed=not_assessed,
        verdict=verdict_for(findings, not_assessed, possible),
        scores={s.id: ctx.score(s.id) for s in checklist.scores},
        ignored=tuple(i.question.id for i in items if i.state == "skipped" and i.question.id in answers.values),
        could_apply=tuple(possible),
        first_steps=step_candidates(findings, possible),
        ask_list=ask_list(findings, possible, answers.respondent),
        private=private_topics(possible),
        respondent=answers.respondent,
        tips=supporter_tips(checklist, ctx) if answers.respondent == "supporter" else (),
        good_to_know=good_to_know,
    )


def _good_to_know(f: Finding) -> bool:
    """A raised ``info`` item (never urgent): shown under "Good to know", never counted as a concern."""
    return f.concern.severity is Severity.info and not f.concern.urgent


def _judge(checklist: Checklist, ctx: _Context, items: list[ItemResult]) -> tuple[list[Finding], list[Possible]]:
    """Step 3: each concern raised (its condition true), could apply (unknown) or left out (false),
    in checklist order."""
    findings: list[Finding] = []
    possible: list[Possible] = []
    by_id: dict[str, ItemResult] = {}
    for c, holds, sources in checklist.concern_plan:
        value = holds(ctx)
        if value is False:
            continue
        if value:
            findings.append(Finding(c, sources))
        else:
            if not by_id:
                by_id = {i.question.id: i for i in items}
            possible.append(Possible(c, sources, _depends_on(c, ctx, checklist, by_id)))
    return findings, possible


def _walk(
    checklist: Checklist, answers: Answers, unreached: frozenset[str] | set[str]
) -> tuple[_Context, list[ItemResult]]:
    """Step 1: each question in order, shown (its conditions true or unknown) or skipped."""
    ctx = _Context(checklist, answers)
    given, states, doubt = answers.values, ctx.states, ctx.doubt
    skip_answers = checklist.skip_answers
    if skip_answers:  # an opt-in gate left out means what skipping it means ("no"), for every command alike
        given = dict(given)
        ctx.answers = given
    items: list[ItemResult] = []
    for section, section_holds, questions in checklist.walk_plan:
        section_value = True if section_holds is None else section_holds(ctx)
        for q, holds in questions:
            qid = q.id
            value = section_value
            if value is not False and holds is not None:
                own = holds(ctx)
                value = False if own is False else None if own is None or value is None else True  # Kleene AND
            if value is False:
                answer, state, by_skipping = None, "skipped", False
            else:
                answer = given.get(qid)
                by_skipping = False
                if answer is None and qid in skip_answers and qid not in unreached:
                    answer = given[qid] = skip_answers[qid]
                    by_skipping = True
                state = "missing" if answer is None else answer.state
            states[qid] = "skipped" if state == "missing" and qid in unreached else state
            if value is None:
                doubt.add(qid)
            items.append(ItemResult(q, section, state, answer, value is None, by_skipping))
    return ctx, items


def shown(
    checklist: Checklist, answers: Answers, unreached: frozenset[str] | set[str] = frozenset()
) -> tuple[ItemResult, ...]:
    """Step 1 alone: every question's state for these answers, exactly ``evaluate(...).items``,
    without judging any concern: for what needs only the questions (the questionnaire's progress,
    the welcome's range)."""
    return tuple(_walk(checklist, answers, unreached)[1])


def urgent(checklist: Checklist, answers: Answers) -> tuple[Finding, ...]:
    """The urgent concerns these answers raise, exactly ``evaluate(...).urgent``, judging only the
    urgent concerns (the questionnaire asks this after every answer)."""
    ctx, _items = _walk(checklist, answers, frozenset())
    raised = [Finding(c, sources) for c, holds, sources in checklist.concern_plan if c.urgent and holds(ctx) is True]
    raised.sort(key=lambda f: f.concern.severity.rank)  # as evaluate orders them: stable within a level
    return tuple(raised)


def _depends_on(
    c: Concern, ctx: _Context, checklist: Checklist, by_id: dict[str, ItemResult]
) -> tuple[ItemResult, ...]:
    """The unknown answers a could-apply concern depends on, in checklist order, each once."""
    ids: set[str] = set()
    todo = [c.when]
    finders = checklist.unknown_leaf_finders
    while todo:
        cond = todo.pop()
        find = finders.get(id(cond))
        if find is None:
            find = finders[id(cond)] = conditions.compile_unknown_leaves(cond)
        for test in find(ctx):
            qids = (
                checklist.score_by_id[test.score].items if isinstance(test, conditions.ScoreTest) else [test.question]
            )
            for qid in qids:
                if ctx.state(qid) in conditions.UNKNOWN_STATES:
                    ids.add(qid)
                if qid in ctx.doubt:  # shown in doubt: it also depends on what decides whether it is asked
                    q = checklist.questions[qid]
                    todo += [w for w in (checklist.section_of[qid].when, q.when) if w is not None]
    return tuple(by_id[q] for q in checklist.questions if q in ids)


def supporter_tips(checklist: Checklist, ctx: _Context) -> tuple[SupporterTip, ...]:
    """The tips for someone answering for the person: each whose ``when`` holds or is unknown."""
    compiled = checklist.compiled
    return tuple(
        t
        for i, t in enumerate(checklist.supporter_tips)
        if t.when is None or compiled[("tip", str(i))](ctx) is not False
    )


def _lead_step(findings: Sequence[Finding], possible: Sequence[Possible]) -> Step | None:
    """The step that leads with what matters now: the crisis action when an urgent concern is
    raised; else, when a critical or high concern could apply above everything raised (a held
    verdict), finding out the first answer it depends on."""
    urgent_found = [f for f in findings if f.concern.urgent]
    if urgent_found:
        return Step("crisis", urgent_found[0].concern.id)
    worst = min((f.concern.severity.rank for f in findings), default=99)
    held = [
        p
        for p in possible
        if p.concern.severity in (Severity.critical, Severity.high) and p.concern.severity.rank < worst and p.depends_on
    ]
    if not held:
        return None
    p = min(held, key=lambda p: p.concern.severity.rank)
    return Step("find_out", p.concern.id, p.depends_on[0].question.id)


def step_candidates(findings: Sequence[Finding], possible: Sequence[Possible]) -> tuple[Step, ...]:
    """The first steps' candidates in order: the lead step, then every raised concern that is
    neither urgent (its action leads) nor ``info`` (good to know, not a concern).  Which of them
    are shown (at most three, none repeating a sentence already given) depends on their words, so
    render/texts.first_steps decides it, once, for every renderer."""
    lead = _lead_step(findings, possible)
    rest = tuple(
        Step("concern", f.concern.id)
        for f in findings
        if not f.concern.urgent and f.concern.severity is not Severity.info
    )
    return ((lead,) if lead else ()) + rest


def ask_list(
    findings: Sequence[Finding], possible: Sequence[Possible], respondent: str = "patient"
) -> tuple[AskItem, ...]:
    """Raised concerns' asks plus the unknown answers behind could-apply concerns (each question as
    the respondent read it): deduplicated, most serious first (raised before could-apply within a
    level)."""
    entries: list[tuple[int, int, AskItem]] = []
    seen_text: set[str] = set()
    for n, f in enumerate(findings):
        c = f.concern
        text = _words(c.ask)
        if c.severity is Severity.info or text.lower() in seen_text:
            continue
        seen_text.add(text.lower())
        entries.append((c.severity.rank, n, AskItem(text, c.severity, c.id)))
    seen_question: set[str] = set()
    for n, p in enumerate(possible, len(findings)):
        if p.concern.severity is Severity.info:
            continue
        for item in p.depends_on:
            qid = item.question.id
            if qid in seen_question or item.section.about == "person":  # about the person: a private topic
                continue
            seen_question.add(qid)
            text = _words(item.question.report_prompt(respondent))
            entries.append(
                (p.concern.severity.rank, n, AskItem(text, p.concern.severity, p.concern.id, qid, item.state))
            )
    entries.sort(key=lambda e: (e[0], e[1]))
    return tuple(e[2] for e in entries)


def private_topics(possible: Sequence[Possible]) -> tuple[str, ...]:
    """Open answers about the person (``about: person`` sections) that could-apply concerns depend
    on: "Your prescriber will ask you about these", as question ids, one per topic (the question's
    ``topic``, else its section's title), most serious first."""
    out: list[str] = []
    seen: set[str] = set()
    for p in sorted(possible, key=lambda p: (not p.concern.urgent, p.concern.severity.rank)):
        for item in p.depends_on:
            if item.section.about != "person":
                continue
            topic = _words(item.question.topic or item.section.title).lower()
            if topic not in seen:
                seen.add(topic)
                out.append(item.question.id)
    return tuple(out)


def verdict_for(
    findings: Sequence[Finding], not_assessed: Sequence[ItemResult], possible: Sequence[Possible] = ()
) -> Verdict:
    """The verdict as data: its code, and the level and count of could-apply concerns that hold it."""
    levels = {f.concern.severity for f in findings}
    if any(f.concern.urgent for f in findings):
        return Verdict("urgent")
    if Severity.critical in levels:
        return Verdict("stop")
    open_levels = [p.concern.severity for p in possible if p.concern.severity in (Severity.critical, Severity.high)]
    if Severity.high in levels:
        return _held("discuss", Severity.critical, open_levels)
    if open_levels:
        return _held("held", Severity.critical if Severity.critical in open_levels else Severity.high, open_levels)
    if levels & {Severity.moderate, Severity.low}:
        return Verdict("ask")
    return Verdict("incomplete" if not_assessed else "none")


def _held(code: str, level: Severity, open_levels: Sequence[Severity]) -> Verdict:
    """A verdict held by the concerns at ``level`` that could apply (none: not held)."""
    n = sum(1 for s in open_levels if s is level)
    return Verdict(code, level.value, n) if n else Verdict(code)


def context_of(result: Result) -> _Context:
    """The context a result was judged in, for explanations (conditions only look backwards, so
    the final states are the states each condition saw)."""
    return _Context.of(result)


def missing_required(result: Result) -> list[str]:
    """Ids of shown, required questions with no answer at all (not even unsure).

    A question shown only because its condition is unknown is not demanded of an answers file:
    it was never put to the person; it is listed as not assessed instead."""
    return [i.question.id for i in result.items if i.state == "missing" and i.question.required and not i.in_doubt]


def fails(result: Result, fail_on: Severity | None) -> bool:
    """True when a finding, or the level a held verdict is held at, is at or above the --fail-on level."""
    level = result.fail_level()
    return fail_on is not None and level is not None and level.rank <= fail_on.rank
