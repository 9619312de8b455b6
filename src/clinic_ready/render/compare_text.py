"""Comparison renderers for text: the terminal (a table with clinics as columns, or one line per
item with --plain), Markdown (escaped) and JSON.  Marks are words with a symbol, never colour alone."""

from __future__ import annotations

import io
import json

from clinic_ready import __version__
from clinic_ready.core.compare import RAISED, Comparison
from clinic_ready.i18n import N_, _
from clinic_ready.notices import crisis_heading, crisis_lines, crisis_text, notice
from clinic_ready.render.common import STATE_WORDS, Words, date_text, severity_label
from clinic_ready.wording import verdict_of

MARK_TEXT = Words({RAISED: N_("● raised"), "could_apply": N_("◐ could apply"), "not_raised": N_("○ not raised")})
LEGEND = Words(
    {
        RAISED: N_("● raised: these answers raise the concern"),
        "could_apply": N_("◐ could apply: an open (unsure, declined or missing) answer decides"),
        "not_raised": N_("○ not raised"),
    }
)
VERDICT_SHORT = Words(
    {
        "urgent": N_("GET HELP NOW"),
        "stop": N_("STOP"),
        "discuss": N_("DISCUSS"),
        "held": N_("FIND OUT FIRST"),
        "ask": N_("ASK"),
        "incomplete": N_("INCOMPLETE"),
        "none": N_("NONE RAISED"),
    }
)
STATES = Words({**dict(STATE_WORDS), "optional": N_("optional, not answered"), "answered": N_("answered")})


def state_mark(s: str) -> str:
    return ("? " if s in ("unsure", "declined", "missing") else "") + STATES[s]


def legend(c: Comparison) -> str:
    return _("Marks: {marks}.").format(marks="; ".join(LEGEND[m] for m in c.marks_used))


def title_line(n: int) -> str:
    return _("Comparing {n} clinics").format(n=n)


# --------------------------------------------------------------------------- terminal
def show(c: Comparison, console, plain: bool = False) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cl = c.checklist
    console.print(Text(f"{title_line(len(c.clinics))} — {cl.title}", style="bold"))
    console.print(
        Text(
            _("Version {version} · facts as of {date}").format(version=cl.version, date=date_text(cl.facts_as_of)),
            style="dim",
        )
    )
    console.print(Text(notice(), style="italic"))
    console.print(Text(""))
    if not plain and _too_narrow(c, console):  # a table would break words ("Lakesi/de"): one line per item
        plain = True
    if plain:
        for k in c.clinics:
            v = verdict_of(k.result)
            console.print(Text(f"{k.name}: {v.title}"))  # the title says the verdict in words
        _plain_rows(c, console)
    else:
        t = Table(box=box.SIMPLE_HEAVY, show_lines=False, expand=True)
        t.add_column("", ratio=3)
        for k in c.clinics:
            t.add_column(k.name, ratio=2, overflow="fold")
        t.add_row(
            Text(_("Verdict"), style="bold"),
            *[Text(VERDICT_SHORT[k.result.verdict.code], style="bold") for k in c.clinics],
        )
        if c.concerns:
            t.add_section()
            for row in c.concerns:
                label = Text(f"{severity_label(row.concern.severity)} ", style="bold") + Text(row.concern.title)
                t.add_row(label, *[Text(MARK_TEXT[m], style="bold" if m == RAISED else "dim") for m in row.marks])
        console.print(t)
        console.print(Text(legend(c)))
        for k in c.clinics:
            console.print(Text(f"{k.name}: {verdict_of(k.result).title}"))
        if c.open_questions:
            console.print(Text(""))
            o = Table(box=box.SIMPLE_HEAVY, expand=True, title=_("Questions still open"), title_justify="left")
            o.add_column(_("Question"), ratio=3)
            for k in c.clinics:
                o.add_column(k.name, ratio=2, overflow="fold")
            for orow in c.open_questions:
                o.add_row(" ".join(orow.question.prompt.split()), *[state_mark(s) for s in orow.states])
            console.print(o)
        _about_you(c, console)
    console.print(Text(""))
    console.print(Text(crisis_heading() + ":", style="bold"))
    for who, how in crisis_lines():
        console.print(_item(f"{who}: {how}"))


def _too_narrow(c: Comparison, console) -> bool:
    """Whether the terminal is narrower than the table needs to keep every word whole: the
    longest word of each clinic's column (its name, its verdict, the marks) side by side."""
    from rich.cells import cell_len

    words = [w for k in c.clinics for w in k.name.split()]
    words += [w for code in {k.result.verdict.code for k in c.clinics} for w in VERDICT_SHORT[code].split()]
    words += [w for m in c.marks_used for w in MARK_TEXT[m].split()]
    longest = max((cell_len(w) for w in words), default=1)
    label = 16  # the concern column keeps room for a severity word and a few words of the title
    need = label + (longest + 3) * len(c.clinics) + 4
    return console.width < need


def _item(text: str):
    """One item of the one-line-per-item layout, indented as a block (its wrapped lines stay
    under it, never flush left)."""
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text(text), (0, 0, 0, 2))


def _plain_rows(c: Comparison, console) -> None:
    from rich.text import Text

    console.print(Text(""))
    console.print(Text(_("Concerns, most serious first")))
    for row in c.concerns:
        marks = "; ".join(f"{k.name}: {MARK_TEXT[m][2:]}" for k, m in zip(c.clinics, row.marks, strict=False))
        console.print(_item(f"{severity_label(row.concern.severity)} {row.concern.title} — {marks}"))
    if not c.concerns:
        console.print(_item(_("No concern differs between the clinics.")))
    if c.open_questions:
        console.print(Text(""))
        console.print(Text(_("Questions still open")))
        for orow in c.open_questions:
            states = "; ".join(f"{k.name}: {STATES[s]}" for k, s in zip(c.clinics, orow.states, strict=False))
            console.print(_item(f"{' '.join(orow.question.prompt.split())} — {states}"))
    _about_you(c, console)


def _about_you(c: Comparison, console) -> None:
    from rich.text import Text

    if not (c.personal or c.personal_open):
        return
    console.print(Text(""))
    console.print(Text(_("About you, the same whichever clinic you choose"), style="bold"))
    for row in c.personal:
        console.print(
            _item(f"{severity_label(row.concern.severity)} {row.concern.title} — {MARK_TEXT[row.marks[0]][2:]}")
        )
    for orow in c.personal_open:
        console.print(_item(f"? {' '.join(orow.question.prompt.split())} — {STATES[orow.states[0]]}"))


def render_terminal(c: Comparison, width: int = 80, plain: bool = False) -> str:
    from rich.console import Console

    buf = io.StringIO()
    show(
        c,
        Console(file=buf, width=width, no_color=True, force_terminal=False, highlight=False, emoji=False, markup=False),
        plain=plain,
    )
    return buf.getvalue()


# --------------------------------------------------------------------------- markdown
def render_markdown(c: Comparison) -> str:
    from clinic_ready.render.markdown import escape

    cl = c.checklist
    head = "| | " + " | ".join(escape(k.name) for k in c.clinics) + " |"
    rule = "|---" * (len(c.clinics) + 1) + "|"
    out = [
        "# " + _("Comparing clinics: {title}").format(title=escape(cl.title)),
        "",
        _("Checklist version {version} · facts as of {date}").format(
            version=escape(cl.version), date=date_text(cl.facts_as_of)
        ),
        "",
        *[line for a in [cl.credit_line() or ""] if a for line in (escape(a), "")],
        f"> **{notice()}** {crisis_text()}.",
        "",
        "## " + _("Verdicts"),
        "",
        head,
        rule,
        "| " + _("Verdict") + " | " + " | ".join(VERDICT_SHORT[k.result.verdict.code] for k in c.clinics) + " |",
        "",
    ]
    out += [f"- **{escape(k.name)}:** {verdict_of(k.result).title}" for k in c.clinics] + [
        "",
        "## " + _("Concerns, most serious first"),
        "",
    ]
    if c.concerns:
        out += [head, rule]
        out += [
            f"| {severity_label(r.concern.severity)} {escape(r.concern.title)} | "
            + " | ".join(MARK_TEXT[m] for m in r.marks)
            + " |"
            for r in c.concerns
        ]
        out += ["", legend(c), ""]
    else:
        out += [_("No concern differs between the clinics."), ""]
    if c.open_questions:
        out += ["## " + _("Questions still open"), "", head, rule]
        out += [
            f"| {escape(r.question.prompt)} | " + " | ".join(state_mark(s) for s in r.states) + " |"
            for r in c.open_questions
        ] + [""]
    if c.personal or c.personal_open:
        out += ["## " + _("About you, the same whichever clinic you choose"), ""]
        out += [
            f"- {severity_label(r.concern.severity)} {escape(r.concern.title)} — {MARK_TEXT[r.marks[0]][2:]}"
            for r in c.personal
        ]
        out += [f"- {escape(r.question.prompt)} — {STATES[r.states[0]]}" for r in c.personal_open] + [""]
    out += [f"## {crisis_heading()}", ""] + [f"- **{who}:** {how}" for who, how in crisis_lines()]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- json
def document(c: Comparison) -> dict:
    cl = c.checklist

    def concern(r, one: bool = False) -> dict:
        d = {
            "id": r.concern.id,
            "severity": r.concern.severity.value,
            "title": r.concern.title,
            "sources": [s.id for s in r.sources],
        }
        d.update({"mark": r.marks[0]} if one else {"marks": list(r.marks)})
        return d

    return {
        "format_version": 1,
        "kind": "comparison",
        "tool": {"name": "clinic-ready", "version": __version__},
        "checklist": {"id": cl.id, "title": cl.title, "version": cl.version, "facts_as_of": cl.facts_as_of.isoformat()},
        "clinics": [
            {
                "name": k.name,
                "file": k.file,
                "verdict": {"code": k.result.verdict.code, "title": verdict_of(k.result).title},
                "counts": k.result.counts,
            }
            for k in c.clinics
        ],
        "concerns": [concern(r) for r in c.concerns],
        "open_questions": [
            {"id": r.question.id, "section": r.section.id, "prompt": r.question.prompt, "states": list(r.states)}
            for r in c.open_questions
        ],
        "about_you": {
            "concerns": [concern(r, True) for r in c.personal],
            "open_questions": [
                {"id": r.question.id, "section": r.section.id, "prompt": r.question.prompt, "state": r.states[0]}
                for r in c.personal_open
            ],
        },
        "sources": [
            {"id": s.id, "title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}
            for s in cl.sources
            if any(s in r.sources for r in c.concerns + c.personal)
        ],
        "notice": cl.notice.strip(),
        "disclaimer": notice(),
        "crisis_lines": [{"name": who, "contact": how} for who, how in crisis_lines()],
    }


def render_json(c: Comparison) -> str:
    return json.dumps(document(c), indent=2, ensure_ascii=False) + "\n"
