"""Comparison as printable documents: HTML (Jinja2 autoescape, the report's base template) and a
landscape PDF (fpdf2, the report's fonts and helpers).  Both read one view, so they say the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clinic_ready.core.compare import RAISED, Comparison, one_line
from clinic_ready.i18n import _
from clinic_ready.render.common import date_text, severity_label
from clinic_ready.render.compare_text import MARK_TEXT, STATES, VERDICT_SHORT, legend, state_mark, title_line
from clinic_ready.render.views import Common
from clinic_ready.wording import verdict_of


@dataclass(frozen=True)
class ClinicView:
    name: str
    short: str
    title: str


@dataclass(frozen=True)
class MarkView:
    text: str
    raised: bool


@dataclass(frozen=True)
class RowView:
    label: str
    title: str
    marks: tuple[MarkView, ...]


@dataclass(frozen=True)
class OpenView:
    prompt: str
    states: tuple[str, ...]


@dataclass
class CompareView(Common):
    clinics: list[ClinicView] = field(default_factory=list)
    concerns: list[RowView] = field(default_factory=list)
    open_questions: list[OpenView] = field(default_factory=list)
    personal: list[str] = field(default_factory=list)
    legend: str = ""
    heading: str = ""  # "Comparing 3 clinics"
    meta_line: str = ""


def compare_view(c: Comparison, today: dt.date) -> CompareView:
    cl = c.checklist
    v = CompareView(
        title=one_line(cl.title),
        version=cl.version,
        facts_as_of=date_text(cl.facts_as_of),
        printed_on=date_text(today),
        checklist_notice=one_line(cl.notice),
    )
    v.clinics = [
        ClinicView(k.name, VERDICT_SHORT[k.result.verdict.code], verdict_of(k.result).title) for k in c.clinics
    ]
    v.concerns = [
        RowView(
            severity_label(r.concern.severity),
            one_line(r.concern.title),
            tuple(MarkView(MARK_TEXT[m], m == RAISED) for m in r.marks),
        )
        for r in c.concerns
    ]
    v.open_questions = [
        OpenView(one_line(r.question.prompt), tuple(state_mark(s) for s in r.states)) for r in c.open_questions
    ]
    v.personal = [
        f"{severity_label(r.concern.severity)} {one_line(r.concern.title)} — {MARK_TEXT[r.marks[0]][2:]}"
        for r in c.personal
    ]
    v.personal += [
        _("Still open: {question} — {state}").format(question=one_line(r.question.prompt), state=STATES[r.states[0]])
        for r in c.personal_open
    ]
    v.legend = legend(c)
    translated = cl.credit_line()
    v.about = [translated] if translated else []
    v.heading = title_line(len(v.clinics))
    v.meta_line = _("{title} · checklist version {version} · facts as of {date} · made {made}").format(
        title=v.title, version=v.version, date=v.facts_as_of, made=v.printed_on
    )
    return v


def render_html(c: Comparison, paper: str = "letter", today: dt.date | None = None) -> str:
    from clinic_ready.render.html import PAPER, environment

    view = compare_view(c, today or dt.date.today())
    return environment().get_template("compare.html.j2").render(v=view, paper=f"{PAPER[paper]} landscape")


def render_pdf(c: Comparison, paper: str = "letter", today: dt.date | None = None) -> bytes:
    from fpdf.fonts import FontFace

    from clinic_ready.render import pdf as p

    view = compare_view(c, today or dt.date.today())
    doc = p._pdf(view, paper, orientation="L")
    p._text(doc, view.heading, p.H2, "B", h=7)
    p._text(doc, view.meta_line, p.SMALL, color=p.GREY)
    for line in view.about:
        p._text(doc, line, p.SMALL, color=p.GREY)
    doc.ln(1.5)
    p._boxed(doc, [(view.notice, "B", p.SMALL - 0.5), (view.crisis_line + ".", "", p.SMALL - 0.5)])
    n = len(view.clinics)
    widths = (40,) + (60 / n,) * n
    style = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))

    def table(head: str, rows: list[list[str]]) -> None:
        doc.set_font(p.FONT, "", p.SMALL - 0.5)
        with doc.table(
            col_widths=widths,
            headings_style=style,
            repeat_headings=1,
            text_align="LEFT",
            line_height=4,
            padding=1,
            first_row_as_headings=True,
        ) as t:
            t.row([head] + [k.name for k in view.clinics])
            for row in rows:
                t.row(row)
        doc.ln(1.5)

    table(_("Clinic"), [[_("Verdict")] + [k.title for k in view.clinics]])  # the title says the verdict in words
    if view.concerns:
        table(
            _("Concern, most serious first"),
            [[f"{r.label} {r.title}"] + [m.text for m in r.marks] for r in view.concerns],
        )
        p._text(doc, view.legend, p.SMALL - 0.5, color=p.GREY)
    else:
        p._text(doc, _("No concern differs between the clinics."), p.SMALL)
    if view.open_questions:
        doc.ln(1.5)
        table(_("Question still open"), [[q.prompt] + list(q.states) for q in view.open_questions])
    if view.personal:
        p._text(doc, _("About you, the same whichever clinic you choose"), p.SMALL + 0.5, "B")
        for line in view.personal:
            p._text(doc, line, p.SMALL - 0.5)
        doc.ln(1.5)
    p._boxed(doc, [(view.crisis_heading + ": " + view.crisis_line + ".", "B", p.SMALL - 0.5)], width=0.8)
    return bytes(doc.output())
