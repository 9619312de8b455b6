"""`clinic-ready run`: answer a checklist (from a file, --set, or at the keyboard) and see the summary."""

from __future__ import annotations

from enum import Enum
from typing import List, Optional

import typer

from clinic_ready.errors import EXIT_CONCERN


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"


class FailOn(str, Enum):
    critical = "critical"
    high = "high"
    moderate = "moderate"
    low = "low"
    info = "info"
    never = "never"


def run(
    checklist: Optional[str] = typer.Argument(
        None, metavar="CHECKLIST", show_default=False, help="A shipped checklist id (see 'clinic-ready list') or a YAML file. Default: ketamine-clinic."
    ),
    answers: Optional[str] = typer.Option(None, "--answers", "-a", metavar="FILE", help="Answers file (YAML or JSON); '-' reads standard input."),
    set_: List[str] = typer.Option([], "--set", "-s", metavar="ID=VALUE", help="Give or override one answer; repeatable."),
    no_input: bool = typer.Option(False, "--no-input", help="Never ask at the keyboard; missing answers are an error."),
    fmt: Format = typer.Option(Format.terminal, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the result to FILE instead of the screen."),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 when a concern is at or above this severity."),
    plain: bool = typer.Option(False, "--plain", help="No colour, boxes or cursor movement (screen readers, narrow terminals)."),
) -> None:
    """Answer a checklist and show a ranked summary of concerns.

    With no answers file, the questions are asked at the keyboard.  With --answers (or --set),
    it runs unattended; missing required answers are then an error that lists them.

    \b
    Examples:
      clinic-ready run
      clinic-ready run --answers answers.yaml
      clinic-ready run ketamine-clinic --answers answers.yaml --format json --output result.json
      cat answers.json | clinic-ready run --answers - --fail-on critical
      clinic-ready run --answers answers.yaml --set on_opioids=yes
    """
    from clinic_ready import engine, workflow
    from clinic_ready.model import Severity

    inputs = workflow.load_inputs(checklist, answers, set_)
    result = engine.evaluate(inputs.checklist, inputs.answers)
    if engine.missing_required(result):
        workflow.require_complete(result)
    for line in [str(w) for w in inputs.warnings] + workflow.ignored_warnings(result, inputs):
        typer.echo(line, err=True)
    _emit(result, fmt.value, output, plain)
    level = None if fail_on is FailOn.never else Severity(fail_on.value)
    if engine.fails(result, level):
        raise typer.Exit(EXIT_CONCERN)


def _emit(result, fmt: str, output: Optional[str], plain: bool) -> None:
    from clinic_ready import workflow
    from clinic_ready.render import renderer

    if fmt == "terminal" and (output is None or output == "-"):
        from clinic_ready.cli.console import plain_wanted, stdout_console

        renderer("terminal").show(result, stdout_console(plain), plain=plain_wanted(plain))
        return
    workflow.write_output(renderer(fmt).render(result), output)
    if output not in (None, "-"):
        typer.echo(f"Wrote {output}", err=True)
