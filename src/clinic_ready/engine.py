"""The pure engine: (checklist, answers) -> Result.  No files, no terminal, no YAML.

1. Walk the questions in order.  A question is shown when its section's and its own conditions
   hold, judged on the answers to earlier questions only; otherwise it is *skipped* and its
   answer (if any) is left out of the result.
2. Each shown question is answered, unsure, declined or missing.
3. Concerns whose condition holds become findings, most severe first, then in checklist order.
4. The verdict is the most serious level reached (see VERDICTS).
"""

from __future__ import annotations

from clinic_ready.model import (
    Answer,
    Answers,
    Checklist,
    Finding,
    ItemResult,
    Question,
    Result,
    Severity,
    Verdict,
)

VERDICTS = {
    "stop": Verdict(
        "stop",
        "Stop: resolve the critical concerns before any dose",
        "At least one answer points to a serious risk. Do not take a dose until you have talked each "
        "critical concern through with the prescriber, and changed what needs to change.",
    ),
    "discuss": Verdict(
        "discuss",
        "Discuss these concerns with your prescriber before starting",
        "Some answers need a conversation with the prescriber before the first dose. Bring this list.",
    ),
    "ask": Verdict(
        "ask",
        "Ask the clinic about these points",
        "Nothing serious came up, but some points are worth asking about at your next visit.",
    ),
    "incomplete": Verdict(
        "incomplete",
        "Not enough information yet",
        "No concern was raised, but some questions are still open. Find out the answers before treatment.",
    ),
    "none": Verdict(
        "none",
        "No concerns raised by your answers",
        "Your answers did not match any concern in this checklist. That is not a clearance: keep "
        "talking with your prescriber, and tell them if anything changes.",
    ),
}


class _Context:
    """What conditions can see: the answers to questions shown so far."""

    def __init__(self, checklist: Checklist, answers: Answers):
        self.checklist = checklist
        self.answers = answers.values
        self.states: dict[str, str] = {}
        self._scores: dict[str, float | None] = {}

    def state(self, question_id: str) -> str:
        return self.states.get(question_id, "missing")

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


def _state_of(q: Question, answer: Answer | None) -> str:
    if answer is None:
        return "missing"
    return answer.state


def evaluate(checklist: Checklist, answers: Answers) -> Result:
    """Evaluate answers against a checklist.  Pure: the same inputs always give the same Result."""
    ctx = _Context(checklist, answers)
    compiled = checklist.compiled
    items: list[ItemResult] = []
    for section in checklist.sections:
        section_shown = section.when is None or compiled[("section", section.id)](ctx)
        for q in section.questions:
            shown = section_shown and (q.when is None or compiled[("question", q.id)](ctx))
            answer = answers.values.get(q.id)
            state = _state_of(q, answer) if shown else "skipped"
            ctx.states[q.id] = state
            items.append(ItemResult(q, section, state, answer if shown else None))
    scores = {s.id: ctx.score(s.id) for s in checklist.scores}
    findings = [
        Finding(c, tuple(checklist.source_by_id[s] for s in c.sources))
        for c in checklist.concerns
        if compiled[("concern", c.id)](ctx)
    ]
    findings.sort(key=lambda f: f.concern.severity.rank)  # stable: checklist order within a level
    not_assessed = tuple(
        i for i in items if i.state in ("unsure", "declined") or (i.state == "missing" and i.question.required)
    )
    ignored = tuple(i.question.id for i in items if i.state == "skipped" and i.question.id in answers.values)
    return Result(
        checklist=checklist,
        items=tuple(items),
        findings=tuple(findings),
        not_assessed=not_assessed,
        verdict=verdict_for(findings, not_assessed),
        scores=scores,
        ignored=ignored,
    )


def verdict_for(findings: list[Finding], not_assessed: tuple[ItemResult, ...]) -> Verdict:
    levels = {f.concern.severity for f in findings}
    if Severity.critical in levels:
        return VERDICTS["stop"]
    if Severity.high in levels:
        return VERDICTS["discuss"]
    if levels & {Severity.moderate, Severity.low}:
        return VERDICTS["ask"]
    if not_assessed:
        return VERDICTS["incomplete"]
    return VERDICTS["none"]


def missing_required(result: Result) -> list[str]:
    """Ids of shown, required questions with no answer at all (not even unsure)."""
    return [i.question.id for i in result.items if i.state == "missing" and i.question.required]


def fails(result: Result, fail_on: Severity | None) -> bool:
    """True when a finding is at or above the --fail-on level."""
    return fail_on is not None and any(f.concern.severity.rank <= fail_on.rank for f in result.findings)
