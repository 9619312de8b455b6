"""`clinic-ready run`: answer a checklist (from a file, --set, or at the keyboard) and see the summary."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clinic_ready.cli.options import (
    FailOn,
    PaperOption,
    answers_option,
    checklist_argument,
    fail_on_option,
    format_option,
    output_option,
)
from clinic_ready.cli.shell import set_values
from clinic_ready.errors import EXIT_CONCERN
from clinic_ready.i18n import _
from clinic_ready.render.paper import default_paper


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"
    fhir = "fhir"


#: the options only `run` has (the shared ones are in cli/options.py)
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set", "-s", metavar="ID=VALUE", autocompletion=set_values, help=_("Give or override one answer; repeatable.")
    ),
]
NoInput = Annotated[
    bool, typer.Option("--no-input", help=_("Never ask at the keyboard; missing answers are an error."))
]
PlainOption = Annotated[
    bool, typer.Option("--plain", help=_("No colour, boxes or cursor movement (screen readers, narrow terminals)."))
]
ResumeOption = Annotated[
    bool | None,
    typer.Option("--resume/--fresh", help=_("Resume a saved draft, or start afresh, without being asked.")),
]
NoDraft = Annotated[bool, typer.Option("--no-draft", help=_("Do not save a draft while answering."))]
Interactive = Annotated[
    bool,
    typer.Option(
        "--interactive", help=_("Ask at the keyboard even when input is not a terminal (expect scripts, tests).")
    ),
]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help=_('Add a one-line "because …" under each raised concern.'))
]
ForSomeoneElse = Annotated[
    bool,
    typer.Option(
        "--for-someone-else",
        help=_("You are answering for someone else (a family member or friend): questions are worded for you."),
    ),
]
NoPager = Annotated[
    bool,
    typer.Option("--no-pager", help=_("Print a long summary straight to the terminal instead of through $PAGER.")),
]


ChecklistArgument = Annotated[
    str | None,
    checklist_argument(
        _("A shipped checklist id (see 'clinic-ready list') or a YAML file. Default: ketamine-clinic."), complete=True
    ),
]
AnswersOption = Annotated[
    str | None,
    answers_option(_("Answers file (YAML, JSON or a FHIR QuestionnaireResponse); '-' reads standard input.")),
]
FormatOption = Annotated[Format, format_option(_("Output format (fhir: a FHIR R4 Bundle, see docs/fhir.md)."))]
OutputOption = Annotated[str | None, output_option(_("Write the result to FILE instead of the screen."))]
FailOnOption = Annotated[
    FailOn,
    fail_on_option(
        _(
            "Exit 1 when a concern is at or above this severity. A held verdict (\u201cFind out first: 1 critical concern could apply\u201d) counts at the level it is held at."
        )
    ),
]


def run(
    checklist: ChecklistArgument = None,
    answers: AnswersOption = None,
    set_: SetOption = None,
    no_input: NoInput = False,
    fmt: FormatOption = Format.terminal,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.never,
    plain: PlainOption = False,
    paper: PaperOption = None,
    resume: ResumeOption = None,
    no_draft: NoDraft = False,
    interactive: Interactive = False,
    explain: ExplainOption = False,
    for_someone_else: ForSomeoneElse = False,
    no_pager: NoPager = False,
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
    from clinic_ready.core import engine

    sets = set_ or []
    inputs = _inputs(checklist, answers, sets, for_someone_else)  # 1. inputs: checklist, answers file, --set
    asked = (interactive or pipeline.can_prompt(no_input)) and pipeline.has_unanswered(inputs)
    keeper = None
    if asked:  # 2. ask at the keyboard, only if something is open and there is a keyboard
        keeper = _ask(inputs, checklist, plain, resume, not no_draft)
    elif not no_input and answers is None and not sets and pipeline.has_unanswered(inputs):
        raise _no_terminal()
    result = engine.evaluate(inputs.checklist, inputs.answers)  # 3. the result
    if not asked:
        _warn(pipeline.check_scripted(result, inputs))
    size = (paper or default_paper()).value
    _emit(result, fmt.value, output, plain, size, explain, no_pager)  # 4. outputs
    if asked:
        _after_asking(inputs, result, plain, keeper, checklist, size, explain)
    _exit_on(result, fail_on)


def _warn(lines) -> None:
    """Print each warning line on standard error."""
    from clinic_ready.app.console import warn

    for line in lines:
        warn(line)


def _inputs(checklist: str | None, answers: str | None, sets: list[str], for_someone_else: bool):
    """The checklist, the answers file and --set (their warnings printed); the respondent."""
    from clinic_ready.app import pipeline

    inputs = pipeline.load_inputs(checklist, answers, sets)
    _warn([str(w) for w in inputs.warnings])
    if for_someone_else:
        inputs.answers.respondent = "supporter"
    return inputs


def _ask(inputs, checklist: str | None, plain: bool, resume: bool | None, use_drafts: bool):
    """Ask the open questions at the keyboard (the answers go into ``inputs``); the draft's keeper."""
    from clinic_ready.app.interactive import asking

    inputs.answers, keeper = asking.ask(inputs.checklist, inputs.answers, checklist, plain, resume, use_drafts)
    return keeper


def _no_terminal() -> Exception:
    """The error when there are open questions and no keyboard to ask them at."""
    from clinic_ready.errors import UsageError

    return UsageError(
        _(
            "there is no terminal here to ask the questions at — run it in a terminal to "
            "answer at the keyboard, or give your answers with --answers FILE (see 'clinic-ready run --help')"
        )
    )


def _after_asking(inputs, result, plain: bool, keeper, checklist: str | None, paper: str, explain: bool) -> None:
    """After a run at the keyboard: the closing offers (save, print) and the offer to compare clinics."""
    from clinic_ready.app.interactive import asking
    from clinic_ready.app.interactive.compare_offer import offer

    asking.finish(inputs.checklist, result, plain, keeper, checklist, paper, explain)
    offer(inputs.checklist, result, plain)


def _exit_on(result, fail_on: FailOn) -> None:
    """Exit 1 when a concern reaches --fail-on."""
    from clinic_ready.core import engine
    from clinic_ready.core.model import Severity

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
