"""The terminal summary (Rich).  Severity is shown by word and symbol as well as colour.

``plain`` drops colour, boxes and rules: one line per item, readable by a screen reader and in a
40-column terminal.  NO_COLOR is honoured by Rich itself.
"""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from clinic_ready.model import Result, Severity
from clinic_ready.notices import CRISIS_HEADING, CRISIS_LINES, NOTICE, URGENT_HEADING, URGENT_LINES
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

STYLES = {
    Severity.critical: "bold white on red",
    Severity.high: "bold red",
    Severity.moderate: "bold yellow",
    Severity.low: "bold cyan",
    Severity.info: "bold",
}
VERDICT_STYLES = {"urgent": "red", "held": "red", "stop": "red", "discuss": "red", "ask": "yellow", "incomplete": "yellow", "none": "green"}


def show(result: Result, console: Console, plain: bool = False, answers: bool = False, explain: bool = False) -> None:
    """Print the summary to a console."""
    for part in _parts(result, plain, answers, explain):
        console.print(part)


def render(result: Result, width: int = 80, plain: bool = True, answers: bool = True, explain: bool = False, **_: object) -> str:
    """The summary as text (for --output FILE with --format terminal)."""
    buf = io.StringIO()
    from clinic_ready.safe_text import console_class

    console = console_class()(file=buf, width=width, no_color=plain, force_terminal=False, highlight=False, emoji=False, markup=False)
    show(result, console, plain=plain, answers=answers, explain=explain)
    return buf.getvalue()


def _parts(result: Result, plain: bool, answers: bool, explain: bool = False):
    cl = result.checklist
    cites = Citations.of(result)
    yield Text(cl.title, style="bold")
    yield Text(f"Version {cl.version} · {cl.currency_line()}", style="dim")
    today = dt.date.today()
    overdue = cl.overdue_line(today)
    if overdue:
        yield Text(overdue)
    yield Text(NOTICE, style="italic")
    yield Text("")
    yield from _urgent(result, cites, plain, explain)
    yield _verdict(result, plain)
    yield from _first_steps(result)
    yield Text("")
    groups = grouped(result)
    if groups:
        yield Text("Concerns, most serious first", style="bold underline")
    for sev, findings in groups:
        yield Text("")
        yield Text(f"{severity_label(sev)} ({len(findings)})", style=STYLES[sev])
        for f in findings:
            yield _concern(f, cites, sev, plain, because(result, f.concern) if explain else None)
    yield from _could_apply(result)
    yield from _not_assessed(result)
    if answers:
        yield from _answers(result)
    if cites.order:
        yield Text("")
        yield Text("Sources", style="bold underline")
        for n, s in enumerate(cites.order, 1):
            yield Text(f"[{n}] {source_line(s)}")
    yield Text("")
    for line in about_lines(cl, today):
        if line != overdue:
            yield Text(line, style="dim")
    yield Text(" ".join(cl.notice.split()), style="dim")
    yield Text("")
    yield Text(CRISIS_HEADING + ":", style="bold")
    for who, how in CRISIS_LINES:
        yield Text.assemble((f"  {who}: ", "bold"), how)


def _verdict(result: Result, plain: bool):
    v = result.verdict
    counts = ", ".join(f"{n} {SEVERITY_WORDS[Severity(sev)].lower()}" for sev, n in result.counts.items() if n)
    body = Text.assemble((v.title, "bold"), "\n", v.text, "\n", ("Raised: " + (counts or "nothing"), "dim"))
    if plain:
        return Group(Text("VERDICT: ", style="bold") + body)
    return Panel(body, title="Verdict", title_align="left", border_style=VERDICT_STYLES[v.code])


def _concern(f, cites: Citations, sev: Severity, plain: bool, why_raised: str | None = None):
    c = f.concern
    rows = (("Why", c.why), ("Ask", c.ask), ("Do", c.action), ("Sources", cites.refs(f)))
    head = Text.assemble((f"{sev.symbol} ", STYLES[sev]), (c.title, "bold"))
    parts = [Text(""), head]
    if why_raised:
        parts.append(Padding(Text(why_raised, style="italic"), (0, 0, 0, 2)))
    if plain:  # one labelled line each: wraps at any width, never cuts a word
        lines = [Text.assemble((f"{label}: ", "bold"), " ".join(value.split())) for label, value in rows]
        return Group(*parts, *(Padding(line, (0, 0, 0, 2)) for line in lines))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold", min_width=4, overflow="fold")
    grid.add_column(ratio=1, overflow="fold")  # a narrow terminal folds words, never cuts them
    for label, value in rows:
        grid.add_row(label, Text(" ".join(value.split())))  # Text: data is never parsed as markup
    return Group(*parts, Padding(grid, (0, 0, 0, 2)))


def urgent_bullets() -> Table:
    """What to do now (988, 911, SAMHSA), as hanging bullets: in the summary and the interruption."""
    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(no_wrap=True)
    bullets.add_column(ratio=1, overflow="fold")
    for line in URGENT_LINES:
        bullets.add_row("  •", line)
    return bullets


def _urgent(result: Result, cites: Citations, plain: bool, explain: bool):
    """Urgent concerns first, above the verdict, with what to do now and the crisis lines."""
    if not result.urgent:
        return
    lines = [Text(URGENT_HEADING, style="bold")]
    for f in result.urgent:
        lines.append(Text(" ".join(f.concern.title.split()), style="bold"))
        lines.append(Text(" ".join(f.concern.action.split())))
        if explain:
            lines.append(Text(because(result, f.concern), style="italic"))
    lines.append(urgent_bullets())
    if plain:
        yield Group(Text("URGENT: ", style="bold"), *lines)
    else:
        yield Panel(Group(*lines), title="Urgent: get help now", title_align="left", border_style="bold red")
    yield Text("")


def _first_steps(result: Result):
    if not result.first_steps:
        return
    yield Text("")
    yield Text("First steps", style="bold underline")
    steps = Table.grid(padding=(0, 1))
    steps.add_column(no_wrap=True)
    steps.add_column(ratio=1, overflow="fold")
    for n, (text, _cid) in enumerate(result.first_steps, 1):
        steps.add_row(f"  {n}.", Text(" ".join(text.split())))
    yield steps


def _could_apply(result: Result):
    if not result.could_apply:
        return
    yield Text("")
    yield Text(f"Could apply ({len(result.could_apply)}): not raised, but your open answers leave them possible", style="bold underline")
    for p in result.could_apply:
        yield Text("")
        yield Text.assemble((f"{severity_label(p.concern.severity)} ", STYLES[p.concern.severity]), (" ".join(p.concern.title.split()), "bold"))
        yield Padding(Text(depends_text(p)), (0, 0, 0, 2))


def _not_assessed(result: Result):
    if not result.not_assessed:
        return
    yield Text("")
    yield Text(f"Not assessed ({len(result.not_assessed)}): find these out", style="bold underline")
    for i in result.not_assessed:
        yield Text(f"  ? {i.question.prompt.strip()} — {answer_text(i)}")


def _answers(result: Result):
    yield Text("")
    yield Text("Your answers", style="bold underline")
    for section, items in by_section(result):
        yield Text(f"  {section.title}", style="bold")
        for i in items:
            yield Text(f"    {i.question.prompt.strip()} — {answer_text(i)}")

