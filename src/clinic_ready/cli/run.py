"""`clinic-ready run`: answer a checklist (from a file, --set, or at the keyboard) and see the summary."""

from __future__ import annotations

from enum import Enum

import typer

from clinic_ready.cli.shell import checklist_ids, set_values
from clinic_ready.errors import EXIT_CONCERN
from clinic_ready.i18n import _
from clinic_ready.render.paper import PAPER_HELP, Paper, default_paper


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"
    fhir = "fhir"


class FailOn(str, Enum):
    critical = "critical"
    high = "high"
    moderate = "moderate"
    low = "low"
    info = "info"
    never = "never"


def run(
    checklist: str | None = typer.Argument(
        None,
        metavar="CHECKLIST",
        show_default=False,
        autocompletion=checklist_ids,
        help=_("A shipped checklist id (see 'clinic-ready list') or a YAML file. Default: ketamine-clinic."),
    ),
    answers: str | None = typer.Option(
        None,
        "--answers",
        "-a",
        metavar="FILE",
        help=_("Answers file (YAML, JSON or a FHIR QuestionnaireResponse); '-' reads standard input."),
    ),
    set_: list[str] = typer.Option(
        [],
        "--set",
        "-s",
        metavar="ID=VALUE",
        autocompletion=set_values,
        help=_("Give or override one answer; repeatable."),
    ),
    no_input: bool = typer.Option(
        False, "--no-input", help=_("Never ask at the keyboard; missing answers are an error.")
    ),
    fmt: Format = typer.Option(
        Format.terminal, "--format", "-f", help=_("Output format (fhir: a FHIR R4 Bundle, see docs/fhir.md).")
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help=_("Write the result to FILE instead of the screen.")
    ),
    fail_on: FailOn = typer.Option(
        FailOn.never,
        "--fail-on",
        help=_(
            "Exit 1 when a concern is at or above this severity. A held verdict (\u201cFind out first: 1 critical concern could apply\u201d) counts at the level it is held at."
        ),
    ),
    plain: bool = typer.Option(
        False, "--plain", help=_("No colour, boxes or cursor movement (screen readers, narrow terminals).")
    ),
    paper: Paper | None = typer.Option(None, "--paper", help=PAPER_HELP),
    resume: bool | None = typer.Option(
        None, "--resume/--fresh", help=_("Resume a saved draft, or start afresh, without being asked.")
    ),
    no_draft: bool = typer.Option(False, "--no-draft", help=_("Do not save a draft while answering.")),
    interactive: bool = typer.Option(
        False, "--interactive", help=_("Ask at the keyboard even when input is not a terminal (expect scripts, tests).")
    ),
    explain: bool = typer.Option(False, "--explain", help=_('Add a one-line "because …" under each raised concern.')),
    for_someone_else: bool = typer.Option(
        False,
        "--for-someone-else",
        help=_("You are answering for someone else (a family member or friend): questions are worded for you."),
    ),
    no_pager: bool = typer.Option(
        False, "--no-pager", help=_("Print a long summary straight to the terminal instead of through $PAGER.")
    ),
) -> None:
    """Answer a checklist and show a ranked summary of concerns.

    On a terminal, questions without an answer are asked at the keyboard (with a partial answers
    file, only the missing ones).  Your answers are saved as a draft after every answer, so a run
    that is stopped can be resumed.  With no terminal (or --no-input), missing required answers
    are an error that lists them.

    \b
    Examples:
      clinic-ready run
      clinic-ready run --answers answers.yaml
      clinic-ready run ketamine-clinic --answers answers.yaml --format json --output result.json
      cat answers.json | clinic-ready run --answers - --fail-on critical
      clinic-ready run --answers answers.yaml --set bp_checked=unsure
      clinic-ready run --format pdf --output report.pdf
    """
    from clinic_ready.app import pipeline
    from clinic_ready.app.console import warn
    from clinic_ready.core import engine
    from clinic_ready.core.model import Severity

    inputs = pipeline.load_inputs(checklist, answers, set_)  # 1. inputs: checklist, answers file, --set
    for line in [str(w) for w in inputs.warnings]:
        warn(line)
    if for_someone_else:
        inputs.answers.respondent = "supporter"
    asked = (interactive or pipeline.can_prompt(no_input)) and pipeline.has_unanswered(inputs)
    keeper = None
    if asked:  # 2. ask at the keyboard, only if something is open and there is a keyboard
        from clinic_ready.app.interactive import asking

        inputs.answers, keeper = asking.ask(inputs.checklist, inputs.answers, checklist, plain, resume, not no_draft)
    if not asked and not no_input and answers is None and not set_ and pipeline.has_unanswered(inputs):
        from clinic_ready.errors import UsageError

        raise UsageError(
            _(
                "clinic-ready: there is no terminal here to ask the questions at — run it in a terminal to "
                "answer at the keyboard, or give your answers with --answers FILE (see 'clinic-ready run --help')"
            )
        )
    result = engine.evaluate(inputs.checklist, inputs.answers)  # 3. the result
    for line in [] if asked else pipeline.check_scripted(result, inputs):
        warn(line)
    _emit(result, fmt.value, output, plain, (paper or default_paper()).value, explain, no_pager)  # 4. outputs
    if asked:
        asking.finish(inputs.checklist, result, plain, keeper, checklist, (paper or default_paper()).value, explain)
        from clinic_ready.app.interactive.compare_offer import offer

        offer(inputs.checklist, result, plain)
    level = None if fail_on is FailOn.never else Severity(fail_on.value)
    if engine.fails(result, level):
        raise typer.Exit(EXIT_CONCERN)


def _emit(
    result, fmt: str, output: str | None, plain: bool, paper: str, explain: bool = False, no_pager: bool = False
) -> None:
    from clinic_ready.app import pipeline
    from clinic_ready.render import renderer

    if fmt == "terminal" and (output is None or output == "-"):
        from clinic_ready.app.console import plain_wanted
        from clinic_ready.app.interactive import pager

        pager.show_summary(result, plain_wanted(plain), explain, no_pager)
        return
    pipeline.write_document(fmt, output, lambda: renderer(fmt).render(result, paper=paper, explain=explain))
