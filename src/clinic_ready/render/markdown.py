"""Markdown: the report (and the blank checklist) as plain Markdown, from the same view model
as HTML and PDF.  Text from checklists and answers is escaped so it cannot become markup."""

from __future__ import annotations

import datetime as dt

from clinic_ready.core.model import Checklist, Result
from clinic_ready.dates import today as _today
from clinic_ready.i18n import _
from clinic_ready.render.views import blank_view, report_view
from clinic_ready.safe_text import clean_tree


def escape(text: str) -> str:
    out = str(text).replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _footer(v) -> list[str]:
    out = [
        "",
        "## " + _("About this report"),
        "",
        escape(v.checklist_notice),
        "",
        f"**{v.notice}**",
        "",
        f"## {v.crisis_heading}",
        "",
    ]
    out += [f"- **{who}:** {how}" for who, how in v.crisis]
    return out + [""]


def _header(v) -> list[str]:
    out = [f"# {escape(v.title)}", ""]
    if v.clinic_name:
        out += ["**" + _("Clinic:") + "** " + escape(v.clinic_name), ""]
    if v.respondent_line:
        out += [f"*{escape(v.respondent_line)}*", ""]
    out += [
        _("Checklist version {version} · {currency} · report made {date}").format(
            version=escape(v.version), currency=v.currency, date=v.printed_on
        ),
        "",
        *[line for a in v.about for line in (escape(a), "")],
        f"> **{v.notice}** {v.crisis_line}.",
        "",
    ]
    return out


def _urgent(v) -> list[str]:
    if not v.urgent:
        return []
    out = [f"## {v.heading_urgent}", ""]
    for c in v.urgent:
        out += [f"**{escape(c.title)}.** {escape(c.action)}", ""]
        out += [f"*{escape(c.because)}*", ""] if c.because else []
    return out + [f"- {escape(line)}" for line in v.urgent_lines] + [""]


def _first_steps(v) -> list[str]:
    if not v.first_steps:
        return []
    return [f"## {v.heading_first_steps}", ""] + [f"{n}. {escape(t)}" for n, t in enumerate(v.first_steps, 1)] + [""]


def _tips(v) -> list[str]:
    if not v.tips:
        return []
    out = [f"## {v.heading_tips}", ""]
    return out + [f"- {escape(t.text)}" + (f" {t.refs}" if t.refs else "") for t in v.tips] + [""]


def _questions(v) -> list[str]:
    out = [f"## {v.heading_questions}", "", f"*{escape(v.questions_hint)}*", ""]
    answer = _("Answer:")
    out += [
        f"{i.number}. [ ] {escape(i.text)}  \n   *{escape(i.about)}*  \n   {answer} ______________________________"
        for i in v.ask_list
    ]
    return out + ([] if v.ask_list else [v.no_questions]) + [""]


def _concerns(v) -> list[str]:
    out = [f"## {v.heading_concerns}", ""]
    why, do, ask, sources = _("Why it matters:"), _("What to do:"), _("Ask:"), _("Sources:")
    if not v.groups:
        out += [v.no_concerns, ""]
    for label, _sev, items in v.groups:
        out += [f"### {label} ({len(items)})", ""]
        for c in items:
            out += [
                f"#### {escape(c.title)}",
                "",
                *([f"*{escape(c.because)}*", ""] if c.because else []),
                f"- **{why}** {escape(c.why)}",
                f"- **{do}** {escape(c.action)}",
                f"- **{ask}** {escape(c.ask)}",
                f"- **{sources}** {c.refs}",
                *[f"- *{escape(line)}*" for line in c.dated],
                "",
            ]
    return out


def _private(v) -> list[str]:
    if not v.private:
        return []
    return (
        [f"## {v.heading_private}", "", f"*{escape(v.private_intro)}*", ""]
        + [f"- {escape(t)}" for t in v.private]
        + [""]
    )


def _good_to_know(v) -> list[str]:
    if not v.good_to_know:
        return []
    return (
        [f"## {v.heading_good_to_know}", ""]
        + [f"- **{escape(g.title)}.** {escape(g.text)}" + (f" {g.refs}" if g.refs else "") for g in v.good_to_know]
        + [""]
    )


def _could_apply(v) -> list[str]:
    if not v.could_apply and not v.not_assessed_note:
        return []
    out = [f"## {v.heading_could_apply}", ""]
    if v.could_apply:
        out += [escape(v.could_apply_intro), ""]
        out += [f"- **{p.label} · {escape(p.title)}** — {escape(p.depends)}" for p in v.could_apply] + [""]
    return out + ([escape(v.not_assessed_note), ""] if v.not_assessed_note else [])


def render(
    result: Result, today: dt.date | None = None, explain: bool = False, only: str | None = None, **_o: object
) -> str:
    v = clean_tree(report_view(result, today or _today(), explain, only))
    out = _header(v)
    if v.only == "questions":
        return "\n".join(
            out
            + _questions(v)
            + [f"## {v.crisis_heading}", ""]
            + [f"- **{who}:** {how}" for who, how in v.crisis]
            + [""]
        )
    out += [
        *_urgent(v),
        "## " + _("Verdict:") + " " + escape(v.verdict_title),
        "",
        escape(v.verdict_text),
        "",
        v.counts_text,
        "",
    ]
    if v.crisis_first:
        out += [f"## {v.crisis_heading}", ""] + [f"- **{who}:** {how}" for who, how in v.crisis] + [""]
    out += _first_steps(v) + _tips(v) + _questions(v) + _private(v) + _concerns(v) + _good_to_know(v) + _could_apply(v)
    out += [f"## {v.heading_answers}", ""]
    for title, rows in v.answers:
        out += [f"### {escape(title)}", ""]
        out += [
            f"- {escape(r.prompt)} — " + (f"*{escape(r.answer)}*" if r.open else f"**{escape(r.answer)}**")
            for r in rows
        ] + [""]
    out += [f"## {v.heading_sources}", ""]
    out += [f"{s.number}. {escape(s.text)}" for s in v.sources] or [_("No sources cited.")]
    return "\n".join(out + _footer(v))


def render_blank(checklist: Checklist, today: dt.date | None = None, **_: object) -> str:
    v = clean_tree(blank_view(checklist, today or _today()))
    out = [
        f"# {escape(v.title)} ({v.heading_blank})",
        "",
        escape(v.meta_line),
        "",
        *[line for a in v.about for line in (escape(a), "")],
        f"**{v.for_label}** {escape(v.audience)}",
        "",
        f"> **{v.notice}** {v.crisis_line}.",
        "",
        escape(v.intro),
        "",
        escape(v.how_to_tick),
        "",
    ]
    if v.key:
        out += (
            [escape(v.key), "", f"> **{escape(v.if_warned_heading)}**", ">"]
            + [f"> {escape(line)}  " for line in v.if_warned]
            + [""]
        )
    for title, intro, when, questions in v.sections:
        out += [f"## {escape(title)}", ""]
        out += [f"*{escape(when)}*", ""] if when else []
        out += [escape(intro), ""] if intro else []
        for q in questions:
            out += [f"**{q.number}. {escape(q.prompt)}**", ""]
            out += [f"*{escape(q.condition)}*", ""] if q.condition else []
            out += [f"{escape(q.hint)}: ______________________________", ""] if q.hint and not q.multi else []
            out += [f"*{escape(q.hint)}:*", ""] if q.hint and q.multi else []
            out += [
                f"- [ ] {escape(o)}" + (f" {v.warn_mark}" if w else "") for o, w in zip(q.options, q.warn, strict=False)
            ] + [""]
            out += [f"{v.why_label} {escape(q.help)}", "", f"{v.notes_label} ______________________________", ""]
    out += [f"## {v.heading_sources}", ""] + [f"{s.number}. {escape(s.text)}" for s in v.sources]
    return "\n".join(out + _footer(v))
