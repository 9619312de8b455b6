"""Markdown: the report (and the blank checklist) as plain Markdown, from the same view model
as HTML and PDF.  Text from checklists and answers is escaped so it cannot become markup."""

from __future__ import annotations

import datetime as dt

from clinic_ready.model import Checklist, Result
from clinic_ready.render.views import blank_view, report_view
from clinic_ready.safe_text import clean_tree


def _esc(text: str) -> str:
    out = str(text).replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _footer(v) -> list[str]:
    out = ["", "## About this report", "", _esc(v.checklist_notice), "", f"**{v.notice}**", "", f"## {v.crisis_heading}", ""]
    out += [f"- **{who}:** {how}" for who, how in v.crisis]
    return out + [""]


def _urgent(v) -> list[str]:
    if not v.urgent:
        return []
    out = ["## Urgent: get help now", ""]
    for c in v.urgent:
        out += [f"**{_esc(c.title)}.** {_esc(c.action)}", ""]
        out += [f"*{_esc(c.because)}*", ""] if c.because else []
    return out + [f"- {_esc(line)}" for line in v.urgent_lines] + [""]


def _first_steps(v) -> list[str]:
    if not v.first_steps:
        return []
    return ["## First steps", ""] + [f"{n}. {_esc(t)}" for n, t in enumerate(v.first_steps, 1)] + [""]


def _could_apply(v) -> list[str]:
    if not v.could_apply:
        return []
    out = ["## Could apply", "", "Not raised, but your open answers leave these possible. Find out the answers.", ""]
    for p in v.could_apply:
        out += [f"- **{p.label} · {_esc(p.title)}** — {_esc(p.depends)}"]
    return out + [""]


def render(result: Result, today: dt.date | None = None, explain: bool = False, **_: object) -> str:
    v = clean_tree(report_view(result, today or dt.date.today(), explain))
    out = [f"# {_esc(v.title)}", ""]
    if v.clinic_name:
        out += [f"**Clinic:** {_esc(v.clinic_name)}", ""]
    out += [
        f"Checklist version {_esc(v.version)} · {v.currency} · report made {v.printed_on}",
        "",
        *[line for a in v.about for line in (_esc(a), "")],
        f"> **{v.notice}** {v.crisis_line}.",
        "",
        *_urgent(v),
        f"## Verdict: {_esc(v.verdict_title)}",
        "",
        _esc(v.verdict_text),
        "",
        v.counts_text,
        "",
        *_first_steps(v),
        "## Concerns",
        "",
    ]
    if not v.groups:
        out += ["No concern was raised by these answers.", ""]
    for label, _sev, items in v.groups:
        out += [f"### {label} ({len(items)})", ""]
        for c in items:
            out += [
                f"#### {_esc(c.title)}",
                "",
                *([f"*{_esc(c.because)}*", ""] if c.because else []),
                f"- **Why it matters:** {_esc(c.why)}",
                f"- **Ask:** {_esc(c.ask)}",
                f"- **What to do:** {_esc(c.action)}",
                f"- **Sources:** {c.refs}",
                "",
            ]
    out += _could_apply(v)
    out += ["## Questions to ask your clinic", ""]
    out += [f"- [ ] {_esc(i.text)} *({_esc(i.about)})*  \n  Answer: ______________________________" for i in v.ask_list]
    out += [] if v.ask_list else ["No questions: nothing was raised and nothing is open."]
    out += ["", "## Not assessed", ""]
    out += [f"- {_esc(p)} — *{s}*" for p, s in v.not_assessed] or ["Every question was answered."]
    out += ["", "## All answers", ""]
    for title, rows in v.answers:
        out += [f"### {_esc(title)}", ""] + [f"- {_esc(p)} — **{_esc(a)}**" for p, a in rows] + [""]
    out += ["## Sources", ""]
    out += [f"{s.number}. {_esc(s.text)}" for s in v.sources] or ["No sources cited."]
    return "\n".join(out + _footer(v))


def render_blank(checklist: Checklist, today: dt.date | None = None, **_: object) -> str:
    v = clean_tree(blank_view(checklist, today or dt.date.today()))
    out = [
        f"# {_esc(v.title)} (blank checklist)", "",
        f"Version {_esc(v.version)} · {v.currency} · printed {v.printed_on}", "",
        *[line for a in v.about for line in (_esc(a), "")],
        f"> **{v.notice}** {v.crisis_line}.", "", _esc(v.intro), "",
        "Tick one box for each question (or every box that applies where it says so). "
        "Tick “Unsure” when you do not know: that is a question to ask the clinic.", "",
    ]
    for title, intro, when, questions in v.sections:
        out += [f"## {_esc(title)}", ""]
        out += [f"*{_esc(when)}*", ""] if when else []
        out += [_esc(intro), ""] if intro else []
        for q in questions:
            out += [f"**{q.number}. {_esc(q.prompt)}**", ""]
            out += [f"*{_esc(q.condition)}*", ""] if q.condition else []
            out += [f"{_esc(q.hint)}: ______________________________", ""] if q.hint and not q.multi else []
            out += [f"*{_esc(q.hint)}:*", ""] if q.hint and q.multi else []
            out += [f"- [ ] {_esc(o)}" for o in q.options] + [""]
            out += [f"Why it matters: {_esc(q.help)}", "", "Notes: ______________________________", ""]
    out += ["## Sources", ""] + [f"{s.number}. {_esc(s.text)}" for s in v.sources]
    return "\n".join(out + _footer(v))
