"""The pure engine: (checklist, answers) -> Result.  No files, no terminal, no YAML.

Conditions are read in three-valued (Kleene) logic: an unsure, declined or missing answer makes
a test on it unknown (see conditions.py).

1. Walk the questions in order.  A question is shown when its section's and its own conditions
   are true *or unknown* (when in doubt, ask), judged on the answers to earlier questions only;
   when one is false it is *skipped* and its answer (if any) is left out of the result.
2. Each shown question is answered, unsure, declined or missing.
3. Concerns whose condition is true become findings (urgent ones first, then most severe first,
   then in checklist order); those whose condition is unknown *could apply*, with the answers
   they depend on.  Could-apply concerns are never counted as raised.
4. The verdict is the most serious level reached (see VERDICTS); an urgent concern makes it
   "get help now"; a critical or high concern that could apply holds it (never reassuring).
5. First steps: up to three distinct actions of the most serious raised concerns.  Questions to
   ask: raised concerns' asks, plus the unknown answers each could-apply concern depends on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from clinic_ready.core import conditions, wording
from clinic_ready.core.model import (
    Answers,
    AskItem,
    Checklist,
    Finding,
    ItemResult,
    Possible,
    Result,
    Severity,
    Verdict,
)
from clinic_ready.i18n import N_, _, ngettext

MAX_FIRST_STEPS = 3


_STATE_WORDS = {
    "unsure": N_("you answered unsure"),
    "declined": N_("you preferred not to say"),
    "missing": N_("not answered yet"),
}


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """Whitespace folded (cached: the same checklist texts come back for every answers file)."""
    return " ".join(text.split())


#: the patient's verdicts (wording.py has every reader's, and a checklist may word its own)
VERDICTS = {code: Verdict(code, t.title, t.text) for code, t in wording.VERDICT_TEXTS["patient"].items()}


class _States(dict):
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
    """Evaluate answers against a checklist.  Pure: the same inputs always give the same Result.

    ``unreached`` names questions the questionnaire has not come to yet: conditions read them as
    not asked (false) rather than unknown, so that a progress count ("Question 4 of 44") holds
    only what the answers so far open, and grows when a new section opens.
    """
    ctx, items = _walk(checklist, answers, unreached)
    scores = {s.id: ctx.score(s.id) for s in checklist.scores}
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
    good_to_know = tuple(f for f in findings if f.concern.severity is Severity.info and not f.concern.urgent)
    findings = [f for f in findings if f not in good_to_know]  # "Good to know" is not a concern
    possible = [p for p in possible if p.concern.severity is not Severity.info or p.concern.urgent]
    findings.sort(
        key=lambda f: (not f.concern.urgent, f.concern.severity.rank)
    )  # stable: checklist order within a level
    possible.sort(key=lambda p: (not p.concern.urgent, p.concern.severity.rank))
    not_assessed = tuple(
        i for i in items if i.state in ("unsure", "declined") or (i.state == "missing" and i.question.required)
    )
    ignored = tuple(i.question.id for i in items if i.state == "skipped" and i.question.id in answers.values)
    return Result(
        checklist=checklist,
        items=tuple(items),
        findings=tuple(findings),
        not_assessed=not_assessed,
        verdict=verdict_for(findings, not_assessed, possible, wording.Words(checklist, answers.respondent)),
        scores=scores,
        ignored=ignored,
        could_apply=tuple(possible),
        first_steps=_lead_steps(findings, possible, answers.respondent, checklist),
        ask_list=ask_list(findings, possible, answers.respondent),
        private=private_topics(possible),
        respondent=answers.respondent,
        tips=supporter_tips(checklist, ctx) if answers.respondent == "supporter" else (),
        good_to_know=good_to_know,
    )


def _walk(checklist: Checklist, answers: Answers, unreached) -> tuple[_Context, list[ItemResult]]:
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


def _depends_on(c, ctx: _Context, checklist: Checklist, by_id: dict[str, ItemResult]) -> tuple[ItemResult, ...]:
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


def supporter_tips(checklist: Checklist, ctx: _Context) -> tuple:
    """The tips for someone answering for the person: each whose ``when`` holds or is unknown."""
    compiled = checklist.compiled
    return tuple(
        t
        for i, t in enumerate(checklist.supporter_tips)
        if t.when is None or compiled[("tip", str(i))](ctx) is not False
    )


def _lead_steps(findings, possible, respondent: str, checklist: Checklist) -> tuple[tuple[str, str], ...]:
    """First steps that lead with what matters now: the crisis action when an urgent concern is
    raised; else, when a critical or high concern could apply above everything raised (a held
    verdict), finding out the answer it depends on; then the usual steps."""
    lead: list[tuple[str, str]] = []
    urgent_found = [f for f in findings if f.concern.urgent]
    if urgent_found:
        c = urgent_found[0].concern
        if respondent == "supporter" and not c.action_supporter:  # never the patient's own words to a helper
            text = wording.Words(checklist, respondent).urgent_lines()[0]
        else:
            text = c.action_for(respondent)
        lead.append((_words(text), c.id))
    else:
        worst = min((f.concern.severity.rank for f in findings), default=99)
        held = [
            p
            for p in possible
            if p.concern.severity in (Severity.critical, Severity.high)
            and p.concern.severity.rank < worst
            and p.depends_on
        ]
        if held:
            p = min(held, key=lambda p: p.concern.severity.rank)
            item = p.depends_on[0]
            lead.append((find_out_step(item.question, item.section, respondent, checklist.reader), p.concern.id))
    rest = [s for s in first_steps(findings, respondent) if s[0].lower() not in {t.lower() for t, _c in lead}]
    return tuple(lead + rest)[:MAX_FIRST_STEPS]


def find_out_step(question, section, respondent: str = "patient", reader: str = "patient") -> str:
    """The first step for a held verdict: find out the answer it depends on.  A question about the
    person (``about: person``) is something to tell or be asked by the prescriber, not a question
    for the clinic."""
    if reader == "staff":
        return _("Find this out before the next session: {question}").format(
            question=_words(question.report_prompt(respondent))
        )
    if section.about == "person":  # a private topic: named, never asked as a raw prompt
        return _("Before any dose, talk with the prescriber about: {topic}").format(
            topic=_words(question.topic or section.title)
        )
    return _("Find this out from the clinic before any dose: {question}").format(
        question=_words(question.report_prompt(respondent))
    )


#: words that need a referent: a first step that uses one cannot be read on its own
NEEDS_REFERENT = re.compile(r"\b(it|its|this|these|them|those|that one)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PLURAL = re.compile(r"\b[a-z]{3,}s\b", re.IGNORECASE)


def needs_referent(text: str) -> bool:
    """True when a sentence says "it", "its" or "this" at all, or "them", "these" or "those" with no
    plural noun before it in the same sentence ("…medicines…; plan any change with the prescriber who
    gives them" has its referent; "Ask about it at your first visit" does not)."""
    for sentence in _SENTENCE.split(text):
        for m in NEEDS_REFERENT.finditer(sentence):
            word = m.group(0).lower()
            if word in ("them", "these", "those") and _PLURAL.search(sentence[: m.start()]):
                continue
            return True
    return False


def step_text(c, respondent: str = "patient") -> str:
    """A concern as a first step that reads alone (printed without its title): its ``first_step``;
    else its action, when it needs no referent; else "<title>: <action>"."""
    own = c.first_step_for(respondent)
    if own:
        return _words(own)
    action = _words(c.action_for(respondent))
    if needs_referent(action):
        return _("{title}: {action}").format(title=_words(c.title).rstrip("."), action=action)
    return action


def first_steps(findings: list[Finding], respondent: str = "patient") -> tuple[tuple[str, str], ...]:
    """Up to three distinct steps, from the most serious raised (non-urgent, non-info) concerns;
    a sentence already given by an earlier step is not repeated (a step left empty is dropped)."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for f in findings:
        c = f.concern
        if c.urgent or c.severity is Severity.info:
            continue
        sentences = [s for s in _SENTENCE.split(step_text(c, respondent)) if s.strip()]
        fresh = [s for s in sentences if s.lower().rstrip(".") not in seen]
        if not fresh:
            continue
        seen.update(s.lower().rstrip(".") for s in sentences)
        out.append((" ".join(fresh), c.id))
        if len(out) == MAX_FIRST_STEPS:
            break
    return tuple(out)


def ask_list(findings: list[Finding], possible: list[Possible], respondent: str = "patient") -> tuple[AskItem, ...]:
    """Raised concerns' asks plus the unknown answers behind could-apply concerns (each question as
    the respondent read it): deduplicated, most serious first (raised before could-apply within a
    level)."""
    entries: list[tuple[int, int, AskItem]] = []
    seen_text: set[str] = set()
    seen_question: set[str] = set()
    for n, f in enumerate(findings):
        c = f.concern
        text = _words(c.ask)
        key = text.lower()
        if c.severity is Severity.info or key in seen_text:
            continue
        seen_text.add(key)
        entries.append((c.severity.rank, n, AskItem(text, _words(c.title), c.severity, c.id)))
    for n, p in enumerate(possible, len(findings)):
        c = p.concern
        if c.severity is Severity.info:
            continue
        for item in p.depends_on:
            qid = item.question.id
            if qid in seen_question or item.section.about == "person":  # about the person: a private topic
                continue
            seen_question.add(qid)
            state = _(_STATE_WORDS.get(item.state, _STATE_WORDS["missing"]))
            about = _("Could apply: {title} ({state})").format(title=_words(c.title), state=state)
            entries.append(
                (
                    c.severity.rank,
                    n,
                    AskItem(_words(item.question.report_prompt(respondent)), about, c.severity, c.id, qid),
                )
            )
    entries.sort(key=lambda e: (e[0], e[1]))
    return tuple(e[2] for e in entries)


def topic_of(item: ItemResult) -> str:
    """What an open answer about the person is about, as a topic (never the raw prompt)."""
    return _words(item.question.topic or item.section.title)


def private_topics(possible: list[Possible]) -> tuple[tuple[str, str], ...]:
    """Open answers about the person (``about: person`` sections) that could-apply concerns depend
    on: "Your prescriber will ask you about these", as topics, each once, most serious first."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for p in sorted(possible, key=lambda p: (not p.concern.urgent, p.concern.severity.rank)):
        for item in p.depends_on:
            if item.section.about != "person":
                continue
            topic = topic_of(item)
            if topic.lower() not in seen:
                seen.add(topic.lower())
                out.append((topic, item.question.id))
    return tuple(out)


#: severity words inside verdict texts
LEVEL_WORDS = wording.LEVEL_WORDS


def _verdict(code: str, words: wording.Words | None = None) -> Verdict:
    """A fixed verdict in the current language, worded for the reader."""
    t = (words or wording.Words()).verdict(code)
    return Verdict(code, t.title, t.text)


def verdict_for(
    findings: list[Finding],
    not_assessed: tuple[ItemResult, ...],
    possible: Sequence[Possible] = (),
    words: wording.Words | None = None,
) -> Verdict:
    words = words or wording.Words()
    levels = {f.concern.severity for f in findings}
    if any(f.concern.urgent for f in findings):
        return _verdict("urgent", words)
    if Severity.critical in levels:
        return _verdict("stop", words)
    open_levels = [p.concern.severity for p in possible if p.concern.severity in (Severity.critical, Severity.high)]
    if Severity.high in levels:
        if Severity.critical in open_levels:
            return _held(_verdict("discuss", words), Severity.critical, open_levels, words)
        return _verdict("discuss", words)
    if open_levels:
        held = Severity.critical if Severity.critical in open_levels else Severity.high
        return _held(None, held, open_levels, words)
    if levels & {Severity.moderate, Severity.low}:
        return _verdict("ask", words)
    if not_assessed:
        return _verdict("incomplete", words)
    return _verdict("none", words)


def _held(base: Verdict | None, level: Severity, open_levels: Sequence[Severity], words: wording.Words) -> Verdict:
    """A verdict held by concerns that could apply: it says at which level, and why."""
    n = sum(1 for s in open_levels if s is level)
    word = _(LEVEL_WORDS[level.value])
    what = ngettext("{n} {level} concern could apply", "{n} {level} concerns could apply", n).format(n=n, level=word)
    why = words.held_why(what, word, n)
    if base is not None:
        return Verdict(base.code, base.title, _("{text} Also: {why}").format(text=base.text, why=why), level.value)
    return Verdict(
        "held",
        _("Find out first: {what}").format(what=what),
        words.held_text(why),
        level.value,
    )


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
