"""What every renderer shares: citation numbers, grouping and answer wording."""

from __future__ import annotations

from dataclasses import dataclass

from clinic_ready.model import Concern, Finding, ItemResult, Possible, Result, Severity, Source

STATE_WORDS = {
    "answered": "answered",
    "unsure": "unsure",
    "declined": "prefer not to say",
    "missing": "not answered",
    "skipped": "not asked",
}
SEVERITY_WORDS = {
    Severity.critical: "Critical",
    Severity.high: "High",
    Severity.moderate: "Moderate",
    Severity.low: "Low",
    Severity.info: "For information",
}


@dataclass(frozen=True)
class Citations:
    """Sources numbered in order of first citation."""

    order: tuple[Source, ...]

    @classmethod
    def of(cls, result: Result, extra=()) -> "Citations":
        """Numbered in order of first citation by the findings, then ``extra`` sources (a
        supporter's tips) not cited yet."""
        seen: dict[str, Source] = {}
        for f in result.findings:
            for s in f.sources:
                seen.setdefault(s.id, s)
        for s in extra:
            seen.setdefault(s.id, s)
        return cls(tuple(seen.values()))

    def number(self, source: Source) -> int:
        return [s.id for s in self.order].index(source.id) + 1

    def refs(self, finding: Finding) -> str:
        return ", ".join(f"[{self.number(s)}]" for s in finding.sources)


def severity_label(severity: Severity) -> str:
    """Severity in words and symbol, so it never depends on colour."""
    return f"{severity.symbol} {SEVERITY_WORDS[severity].upper()}"


def grouped(result: Result) -> list[tuple[Severity, list[Finding]]]:
    """Findings grouped by severity, most serious first, empty groups left out.

    Urgent concerns are not repeated here: every output shows them first, above the verdict."""
    groups: list[tuple[Severity, list[Finding]]] = []
    for sev in Severity:
        found = [f for f in result.findings if f.concern.severity is sev and not f.concern.urgent]
        if found:
            groups.append((sev, found))
    return groups


def answer_text(item: ItemResult) -> str:
    """The answer as a person would read it: choice labels, units, or the state in words."""
    if item.state != "answered" or item.answer is None:
        return STATE_WORDS[item.state]
    q, value = item.question, item.answer.value
    if q.type == "multi_choice":
        labels = [q.choice_label(v) for v in value]  # type: ignore[union-attr]
        return "; ".join(labels) if labels else "none of these"
    if q.type in ("yes_no", "choice"):
        return q.choice_label(value)
    if q.type == "number":
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f"{text} {q.unit}" if q.unit else text
    return str(value)


def about_lines(checklist, today) -> list[str]:
    """Who stands behind the checklist, its balance statement and its currency, for every output.

    ``checklist`` is a model.Checklist; ``today`` a date, or None to leave out the review-due note.
    """
    out = []
    overdue = checklist.overdue_line(today) if today is not None else None
    if overdue:
        out.append(overdue)
    if checklist.balance:
        out.append(" ".join(checklist.balance.split()))
    who = []
    if checklist.maintainers:
        who.append("Maintained by " + "; ".join(checklist.maintainers) + ".")
    if checklist.reviewed_by:
        who.append("Reviewed: " + "; ".join(checklist.reviewed_by) + ".")
    if checklist.funding:
        who.append("Funding: " + checklist.funding)
    if who:
        out.append(" ".join(who))
    return out


def source_line(source: Source) -> str:
    url = f" {source.url}" if source.url else ""
    return f"{source.title}. {source.publisher}, {source.year}.{url}"


def by_section(result: Result, include_skipped: bool = False):
    """(section, items) pairs in checklist order."""
    out: list[tuple[object, list[ItemResult]]] = []
    for item in result.items:
        if item.state == "skipped" and not include_skipped:
            continue
        if not out or out[-1][0] is not item.section:
            out.append((item.section, []))
        out[-1][1].append(item)
    return out


ANSWER_STATE_WORDS = {"unsure": "you answered unsure", "declined": "you preferred not to say", "missing": "not answered yet"}


def depends_text(possible: Possible) -> str:
    """'Could apply — depends on: <prompt> (you answered unsure); …'"""
    parts = [f"{' '.join(i.question.prompt.split())} ({ANSWER_STATE_WORDS.get(i.state, i.state)})" for i in possible.depends_on]
    return "Could apply — depends on: " + "; ".join(parts)


def because(result: Result, concern: Concern) -> str:
    """One line: the answers that make a raised concern's condition true, in plain words."""
    from clinic_ready import conditions, engine

    ctx = engine.context_of(result)
    by_id = {i.question.id: i for i in result.items}
    parts: list[str] = []
    for test in conditions.deciding_leaves(concern.when, ctx):
        if isinstance(test, conditions.ScoreTest):
            score = result.checklist.score_by_id[test.score]
            total = result.scores.get(test.score)
            parts.append(f"your {score.title} is {total:g}" if total is not None else f"your {score.title}")
            continue
        item = by_id[test.question]
        text = f"you answered “{answer_text(item)}” to “{' '.join(item.question.prompt.split())}”"
        if text not in parts:
            parts.append(text)
    return "Because " + " and ".join(parts) + "."
