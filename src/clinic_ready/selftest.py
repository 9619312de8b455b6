"""Checklist self-tests: run a checklist's ``examples:`` through the engine and say what differed.

Each example names a set of answers (optionally on top of an earlier example's, with
``based_on``) and what must follow: concerns ``raised``, ``not_raised`` and ``could_apply``, the ``verdict``, and
questions ``asked`` or ``skipped``.  Pure: (checklist) -> outcomes; ``clinic-ready test`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinic_ready import engine
from clinic_ready.coercion import coerce
from clinic_ready.model import Answer, Answers, Checklist, Example, Result


@dataclass(frozen=True)
class Difference:
    """One expectation that did not hold: what was expected, and what happened instead."""

    key: str  # verdict | raised | not_raised | could_apply | asked | skipped
    subject: str  # "verdict", or the concern or question id
    expected: str
    got: str


@dataclass(frozen=True)
class Outcome:
    """One example's run: its place in the file and every difference (none when it passed)."""

    index: int
    example: Example
    differences: tuple[Difference, ...]

    @property
    def passed(self) -> bool:
        return not self.differences


def answers_for(checklist: Checklist, example: Example) -> Answers:
    """The example's answers, on top of its ``based_on`` chain (checked at load, so coerce succeeds)."""
    by_name = {e.name: e for e in checklist.examples}
    chain: list[Example] = []
    current: Example | None = example
    while current is not None and current not in chain:
        chain.append(current)
        current = by_name.get(current.based_on) if current.based_on else None
    values: dict[str, Answer] = {}
    for ex in reversed(chain):
        for qid, raw in ex.answers.items():
            values[qid] = coerce(checklist.questions[qid], raw)
    return Answers(checklist.id, checklist.version, values)


def differences(example: Example, result: Result) -> tuple[Difference, ...]:
    """What the result got wrong against the example's expectations, in a fixed order."""
    out: list[Difference] = []
    found = {f.concern.id: f.concern.severity.value for f in (*result.findings, *result.good_to_know)}
    states = {i.question.id: i.state for i in result.items}
    if example.verdict is not None and result.verdict.code != example.verdict:
        out.append(Difference("verdict", "verdict", example.verdict, result.verdict.code))
    for cid in example.raised:
        if cid not in found:
            out.append(Difference("raised", cid, "raised", "not raised"))
    possible = {p.concern.id for p in result.could_apply}
    for cid in example.not_raised:
        if cid in found:
            out.append(Difference("not_raised", cid, "not raised", f"raised ({found[cid]})"))
        elif cid in possible:
            out.append(Difference("not_raised", cid, "not raised", "could apply"))
    for cid in example.could_apply:
        if cid not in possible:
            out.append(Difference("could_apply", cid, "could apply", "raised" if cid in found else "not raised"))
    for qid in example.asked:
        if states[qid] == "skipped":
            out.append(Difference("asked", qid, "asked", "skipped"))
    for qid in example.skipped:
        if states[qid] != "skipped":
            out.append(Difference("skipped", qid, "skipped", "asked"))
    return tuple(out)


def run(checklist: Checklist) -> list[Outcome]:
    """Every example of the checklist, in file order."""
    outcomes = []
    for n, ex in enumerate(checklist.examples):
        result = engine.evaluate(checklist, answers_for(checklist, ex))
        outcomes.append(Outcome(n, ex, differences(ex, result)))
    return outcomes
