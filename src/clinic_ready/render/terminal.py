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
from clinic_ready.notices import CRISIS_HEADING, CRISIS_LINES, NOTICE
from clinic_ready.render.common import (
    SEVERITY_WORDS, Citations, about_lines, answer_text, by_section, grouped, severity_label, source_line,
)

STYLES = {
    Severity.critical: "bold white on red",
    Severity.high: "bold red",
    Severity.moderate: "bold yellow",
    Severity.low: "bold cyan",
    Severity.info: "bold",
}
VERDICT_STYLES = {"stop": "red", "discuss": "red", "ask": "yellow", "incomplete": "yellow", "none": "green"}


def show(result: Result, console: Console, plain: bool = False, answers: bool = False) -> None:
    """Print the summary to a console."""
    for part in _parts(result, plain, answers):
        console.print(part)


def render(result: Result, width: int = 80, plain: bool = True, answers: bool = True, **_: object) -> str:
    """The summary as text (for --output FILE with --format terminal)."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=plain, force_terminal=False, highlight=False, emoji=False)
    show(result, console, plain=plain, answers=answers)
    return buf.getvalue()


def _parts(result: Result, plain: bool, answers: bool):
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
    yield _verdict(result, plain)
    yield Text("")
    if result.findings:
        yield Text("Concerns, most serious first", style="bold underline")
    for sev, findings in grouped(result):
        yield Text("")
        yield Text(f"{severity_label(sev)} ({len(findings)})", style=STYLES[sev])
        for f in findings:
            yield _concern(f, cites, sev, plain)
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


def _concern(f, cites: Citations, sev: Severity, plain: bool):
    c = f.concern
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold", min_width=4)
    grid.add_column(ratio=1)
    for label, value in (("Why", c.why), ("Ask", c.ask), ("Do", c.action), ("Sources", cites.refs(f))):
        grid.add_row(label, " ".join(value.split()))
    head = Text.assemble((f"{sev.symbol} ", STYLES[sev]), (c.title, "bold"), (f" [{c.id}]", "dim"))
    return Group(Text(""), head, Padding(grid, (0, 0, 0, 2)))


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

