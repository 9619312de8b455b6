"""What every renderer shares: citation numbers, grouping and answer wording.

Every word here is in the current language (``clinic_ready.i18n``): the word tables are marked
``N_`` and translated when they are read, so ``SEVERITY_WORDS[sev]`` is already Spanish in Spanish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from clinic_ready.core.model import Concern, Finding, ItemResult, Possible, Result, Severity, Source
from clinic_ready.i18n import N_, _, ngettext
from clinic_ready.render.texts import topic_of


class Words(dict):
    """A table of English words (marked ``N_``) that gives them translated when read."""

    def __getitem__(self, key):
        return _(super().__getitem__(key))

    def get(self, key, default=None):
        return self[key] if key in self else default  # noqa: SIM401 - dict.get would skip the translating __getitem__

    def values(self):
        return [self[k] for k in self]

    def items(self):
        return [(k, self[k]) for k in self]


STATE_WORDS = Words(
    {
        "answered": N_("answered"),
        "unsure": N_("unsure"),
        "declined": N_("prefer not to say"),
        "missing": N_("not answered"),
        "skipped": N_("not asked"),
    }
)
SEVERITY_WORDS = Words(
    {
        Severity.critical: N_("Critical"),
        Severity.high: N_("High"),
        Severity.moderate: N_("Moderate"),
        Severity.low: N_("Low"),
        Severity.info: N_("For information"),
    }
)
#: the special answers as a person ticks or chooses them
UNSURE_LABEL = N_("Unsure")
DECLINED_LABEL = N_("Prefer not to say")


def date_text(day: dt.date) -> str:
    """A date as a reader of the current language writes it: ISO in English (scripts and tests read
    it), "21 de noviembre de 2026" in Spanish (clinic_ready.dates)."""
    from clinic_ready.dates import show_date

    return show_date(day)


def _count(severity: Severity, n: int) -> str:
    """ "2 critical": a number of concerns of one severity (words agree with "concern" in Spanish)."""
    if severity is Severity.critical:
        text = ngettext("{n} critical", "{n} critical", n)
    elif severity is Severity.high:
        text = ngettext("{n} high", "{n} high", n)
    elif severity is Severity.moderate:
        text = ngettext("{n} moderate", "{n} moderate", n)
    elif severity is Severity.low:
        text = ngettext("{n} low", "{n} low", n)
    else:
        text = ngettext("{n} for information", "{n} for information", n)
    return text.format(n=n)


def counts_text(result: Result) -> str:
    """ "2 critical, 1 high" (empty when nothing was raised)."""
    return ", ".join(_count(Severity(s), n) for s, n in result.counts.items() if n)


@dataclass(frozen=True)
class Citations:
    """Sources numbered in order of first citation."""

    order: tuple[Source, ...]

    @classmethod
    def of(cls, result: Result, extra=()) -> Citations:
        """Numbered in order of first citation by the findings, then ``extra`` sources (a
        supporter's tips) not cited yet."""
        seen: dict[str, Source] = {}
        for f in (*result.findings, *result.good_to_know):
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


def answer_text(item: ItemResult, respondent: str = "patient") -> str:
    """The answer as a person would read it: choice labels (as the respondent read them), units,
    or the state in words."""
    if item.state != "answered" or item.answer is None:
        return STATE_WORDS[item.state]
    if getattr(item, "by_skipping", False):
        bare = item._replace(by_skipping=False)
        return _("{answer} (skipped)").format(answer=answer_text(bare, respondent))
    q, value = item.question, item.answer.value
    if q.type == "multi_choice":
        labels = [q.choice_label(v, respondent) for v in cast("list[str]", value)]  # a multi-choice answer: a list
        return "; ".join(labels) if labels else _("none of these")
    if q.type in ("yes_no", "choice"):
        return q.choice_label(value, respondent)
    if q.type == "number":
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f"{text} {q.unit}" if q.unit else text
    return str(value)


def about_lines(checklist, today) -> list[str]:
    """Who stands behind the checklist, its balance statement and its currency, for every output.

    ``checklist`` is a model.Checklist; ``today`` a date, or None to leave out the review-due note.
    A translated checklist also says who translated it and its review status (Checklist.credit_line).
    """
    out = []
    overdue = checklist.overdue_line(today) if today is not None else None
    if overdue:
        out.append(overdue)
    if checklist.balance:
        out.append(" ".join(checklist.balance.split()))
    who = []
    if checklist.maintainers:
        who.append(_("Maintained by {who}.").format(who="; ".join(checklist.maintainers)))
    if checklist.reviewed_by:
        who.append(_("Reviewed: {who}.").format(who="; ".join(checklist.reviewed_by)))
    if checklist.funding:
        who.append(_("Funding: {funding}").format(funding=checklist.funding))
    if who:
        out.append(" ".join(who))
    translated = checklist.credit_line()
    if translated:
        out.append(translated)
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


ANSWER_STATE_WORDS = Words(
    {"unsure": N_("you answered unsure"), "declined": N_("you preferred not to say"), "missing": N_("not answered yet")}
)


def depends_text(possible: Possible, respondent: str = "patient") -> str:
    """'Could apply — depends on: <prompt> (you answered unsure); …', each question as the
    respondent read it."""
    parts = [f"{item_words(i, respondent)} ({ANSWER_STATE_WORDS.get(i.state, i.state)})" for i in possible.depends_on]
    return _("Could apply — depends on: {answers}").format(answers="; ".join(parts))


def private_intro(result: Result) -> str:
    """The line under "Your prescriber will ask you about these"."""
    if result.respondent == "supporter":
        return _(
            "These were left open here (unsure or prefer not to say). They are not questions for the clinic: "
            "the prescriber will ask the person you are helping about them in private."
        )
    return _(
        "You left these open here (unsure or prefer not to say). That is fine: they are not questions for the "
        "clinic, and the prescriber will ask you about them in private."
    )


def item_words(item, respondent: str) -> str:
    """An open answer as reports name it: a question about the person by its topic (never its raw
    prompt), any other by its prompt."""
    if item.section.about == "person":
        return topic_of(item)
    return " ".join(item.question.report_prompt(respondent).split())


def because(result: Result, concern: Concern) -> str:
    """One line: the answers that make a raised concern's condition true, in plain words."""
    from clinic_ready.core import conditions, engine

    ctx = engine.context_of(result)
    by_id = {i.question.id: i for i in result.items}
    parts: list[str] = []
    for test in conditions.deciding_leaves(concern.when, ctx):
        if isinstance(test, conditions.ScoreTest):
            score = result.checklist.score_by_id[test.score]
            total = result.scores.get(test.score)
            parts.append(
                _("your {score} is {total}").format(score=score.title, total=f"{total:g}")
                if total is not None
                else _("your {score}").format(score=score.title)
            )
            continue
        item = by_id[test.question]
        text = _("you answered “{answer}” to “{question}”").format(
            answer=answer_text(item, result.respondent),
            question=" ".join(item.question.report_prompt(result.respondent).split()),
        )
        if text not in parts:
            parts.append(text)
    return _("Because {reasons}.").format(reasons=(" " + _("and") + " ").join(parts))


def because_prefix() -> str:
    """ "Because " (what ``because`` starts with, in the current language)."""
    return _("Because {reasons}.").split("{reasons}")[0]
