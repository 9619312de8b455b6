"""View models for printed documents: the filled report and the blank paper checklist.

HTML, PDF and Markdown read these, so all three say exactly the same thing.  Both are built
from model objects only (a Result, or a Checklist for the blank form) plus the date to print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clinic_ready import conditions
from clinic_ready.model import Checklist, Result, Severity
from clinic_ready.notices import CRISIS_HEADING, CRISIS_LINES, NOTICE, URGENT_LINES, crisis_text
from clinic_ready.render.common import (
    SEVERITY_WORDS,
    Citations,
    about_lines,
    answer_text,
    because,
    by_section,
    depends_text,
    grouped,
    severity_label,
    source_line,
)

CLINIC_NAME_ID = "clinic_name"  # a text question with this id names the clinic in the header
FOOTER = "Not medical advice. Crisis: call or text 988 · SAMHSA 1-800-662-4357 · Emergency 911"


@dataclass(frozen=True)
class ConcernView:
    id: str
    severity: str
    label: str
    title: str
    why: str
    ask: str
    action: str
    refs: str
    because: str | None = None  # with --explain: the answers that raised it


@dataclass(frozen=True)
class PossibleView:
    severity: str
    label: str
    title: str
    depends: str  # "Could apply — depends on: <prompt> (you answered unsure); …"


@dataclass(frozen=True)
class AskItem:
    text: str
    about: str  # the concern title, or "Could apply: <title> (you answered unsure)"


@dataclass(frozen=True)
class SourceView:
    number: int
    text: str
    url: str | None


@dataclass
class Common:
    """What every printed document carries."""

    title: str
    version: str
    facts_as_of: str
    printed_on: str
    checklist_notice: str
    currency: str = ""  # "Facts checked … · review due …"
    about: list[str] = field(default_factory=list)  # review-due note, balance statement, maintainers and funding
    notice: str = NOTICE
    crisis_heading: str = CRISIS_HEADING
    crisis: tuple = CRISIS_LINES
    crisis_line: str = field(default_factory=crisis_text)
    footer: str = FOOTER


@dataclass
class ReportView(Common):
    clinic_name: str | None = None
    verdict_code: str = ""
    verdict_title: str = ""
    verdict_text: str = ""
    counts_text: str = ""
    urgent: list[ConcernView] = field(default_factory=list)
    urgent_lines: tuple = ()
    first_steps: list[str] = field(default_factory=list)
    could_apply: list[PossibleView] = field(default_factory=list)
    groups: list[tuple[str, str, list[ConcernView]]] = field(default_factory=list)
    ask_list: list[AskItem] = field(default_factory=list)
    not_assessed: list[tuple[str, str]] = field(default_factory=list)
    answers: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def report_view(result: Result, today: dt.date, explain: bool = False) -> ReportView:
    cl = result.checklist
    cites = Citations.of(result)
    clinic = next((i.answer.value for i in result.items if i.question.id == CLINIC_NAME_ID and i.state == "answered"), None)
    counts = ", ".join(f"{n} {SEVERITY_WORDS[Severity(s)].lower()}" for s, n in result.counts.items() if n)
    view = ReportView(
        title=cl.title, version=cl.version, facts_as_of=cl.facts_as_of.isoformat(), printed_on=today.isoformat(),
        checklist_notice=_clean(cl.notice), clinic_name=_clean(str(clinic)) if clinic else None,
        currency=cl.currency_line(), about=about_lines(cl, today),
        verdict_code=result.verdict.code, verdict_title=result.verdict.title, verdict_text=result.verdict.text,
        counts_text=f"Concerns raised: {counts}." if counts else "No concern was raised.",
    )

    def concern_view(f, sev) -> ConcernView:
        return ConcernView(f.concern.id, sev.value, severity_label(sev), _clean(f.concern.title), _clean(f.concern.why),
                           _clean(f.concern.ask), _clean(f.concern.action), cites.refs(f),
                           because(result, f.concern) if explain else None)

    view.urgent = [concern_view(f, f.concern.severity) for f in result.urgent]
    view.urgent_lines = URGENT_LINES if result.urgent else ()
    view.first_steps = [_clean(text) for text, _cid in result.first_steps]
    for sev, findings in grouped(result):
        view.groups.append((severity_label(sev), sev.value, [concern_view(f, sev) for f in findings]))
    view.could_apply = [
        PossibleView(p.concern.severity.value, severity_label(p.concern.severity), _clean(p.concern.title), depends_text(p))
        for p in result.could_apply
    ]
    view.ask_list = [AskItem(i.text, i.about) for i in result.ask_list]
    view.not_assessed = [(_clean(i.question.prompt), answer_text(i)) for i in result.not_assessed]
    view.answers = [
        (section.title, [(_clean(i.question.prompt), _clean(answer_text(i))) for i in items])
        for section, items in by_section(result)
    ]
    view.sources = [SourceView(n, source_line(s), s.url) for n, s in enumerate(cites.order, 1)]
    return view


# --------------------------------------------------------------------------- the blank checklist
@dataclass(frozen=True)
class BlankQuestion:
    number: int
    prompt: str
    help: str
    options: tuple[str, ...]
    multi: bool
    condition: str | None
    hint: str | None


@dataclass
class BlankView(Common):
    intro: str = ""
    audience: str = ""
    sections: list[tuple[str, str, str | None, list[BlankQuestion]]] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)


def blank_view(cl: Checklist, today: dt.date) -> BlankView:
    numbers = {qid: n for n, qid in enumerate(cl.questions, 1)}

    def label(qid: str) -> str:
        return f"question {numbers[qid]}"

    def choice_label(qid: str, value: object) -> str:
        return cl.questions[qid].choice_label(value)

    def words(cond) -> str | None:
        if cond is None:
            return None
        return "Answer this if " + conditions.describe(cond, label, choice_label) + "."

    view = BlankView(
        title=cl.title, version=cl.version, facts_as_of=cl.facts_as_of.isoformat(), printed_on=today.isoformat(),
        checklist_notice=_clean(cl.notice), intro=_clean(cl.intro), audience=_clean(cl.audience),
        currency=cl.currency_line(), about=about_lines(cl, today),
    )
    for s in cl.sections:
        questions = []
        for q in s.questions:
            if q.type == "yes_no":
                options: tuple[str, ...] = ("Yes", "No")
            elif q.type in ("choice", "multi_choice"):
                options = tuple(_clean(c.label) for c in q.choices or ())
            else:
                options = ()
            hint = None
            if q.type == "number":
                rng = [f"from {q.min:g}" if q.min is not None else "", f"to {q.max:g}" if q.max is not None else ""]
                hint = " ".join(["A number", *(p for p in rng if p)]) + (f" ({_clean(q.unit)})" if q.unit else "")
            elif q.type == "text":
                hint = "Write your answer"
            elif q.type == "multi_choice":
                alone = [_clean(c.label) for c in q.choices or () if c.exclusive]
                hint = "Tick all that apply" + (f" (tick {' or '.join(chr(8220) + a + chr(8221) for a in alone)} only on its own)" if alone else "")
            questions.append(BlankQuestion(numbers[q.id], _clean(q.prompt), _clean(q.help), options + ("Unsure", "Prefer not to say"),
                                           q.type == "multi_choice", words(q.when), hint))
        view.sections.append((s.title, _clean(s.intro), words(s.when), questions))
    view.sources = [SourceView(n, source_line(src), src.url) for n, src in enumerate(cl.sources, 1)]
    return view
