"""`report` (a saved answers file as a printable report) and `print` (a blank paper checklist)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clinic_ready.cli.options import ChecklistArgument, PaperOption, checklist_option, format_option, output_option
from clinic_ready.i18n import _
from clinic_ready.render.paper import default_paper


class DocFormat(str, Enum):
    html = "html"
    pdf = "pdf"
    markdown = "markdown"


class Only(str, Enum):
    questions = "questions"


class ReportFormat(str, Enum):
    html = "html"
    pdf = "pdf"
    markdown = "markdown"
    fhir = "fhir"


def report(
    answers_file: str = typer.Argument(
        ..., metavar="ANSWERS_FILE", help=_("A saved answers file ('-' reads standard input).")
    ),
    fmt: Annotated[
        ReportFormat, format_option(_("Report format (fhir: a FHIR R4 Bundle, see docs/fhir.md)."))
    ] = ReportFormat.html,
    output: Annotated[str | None, output_option(_("Write the report to FILE."))] = None,
    checklist: Annotated[
        str | None, checklist_option(_("Use this checklist instead of the one the answers file names."))
    ] = None,
    paper: PaperOption = None,
    only: Only | None = typer.Option(
        None,
        "--only",
        help=_("Print one part on its own: 'questions' (the questions to ask your clinic, with the crisis lines)."),
    ),
) -> None:
    """Make a printable report from a saved answers file.

    The answers file names its checklist.  Questions it leaves open are listed as "not assessed"
    in the report, and as questions to ask the clinic.

    \b
    Examples:
      clinic-ready report my-answers.yaml --format pdf --output report.pdf
      clinic-ready report my-answers.yaml --format html --output report.html --paper a4
      clinic-ready report my-answers.yaml --format pdf --only questions --output questions.pdf
    """
    from clinic_ready.app import pipeline
    from clinic_ready.app.console import show_warnings
    from clinic_ready.errors import UsageError
    from clinic_ready.render import renderer

    if only is not None and fmt is ReportFormat.fhir:
        raise UsageError(_("--only works with --format pdf, html or markdown, not fhir"))
    evaluated = pipeline.report_result(answers_file, checklist)
    show_warnings(evaluated.warnings)
    result = evaluated.result
    size = (paper or default_paper()).value
    part = only.value if only else None
    pipeline.write_document(fmt.value, output, lambda: renderer(fmt.value).render(result, paper=size, only=part))


def print_blank(
    checklist: ChecklistArgument = None,
    fmt: Annotated[DocFormat, format_option(_("Format of the blank checklist."))] = DocFormat.html,
    output: Annotated[str | None, output_option(_("Write it to FILE."))] = None,
    paper: PaperOption = None,
) -> None:
    """Print a blank checklist to fill in by hand.

    Every question with tick boxes for its choices (plus "Unsure"), its condition in words
    ("Answer this if you answered “At home” to question 3"), and room for notes: for people who
    prefer paper, or have no computer at the clinic.

    \b
    Examples:
      clinic-ready print --format pdf --output checklist.pdf
      clinic-ready print ketamine-clinic-self-audit --format html --output audit.html
    """
    from clinic_ready.app import pipeline
    from clinic_ready.render import renderer

    cl = pipeline.load_checklist(checklist)
    size = (paper or default_paper()).value
    pipeline.write_document(fmt.value, output, lambda: renderer(fmt.value).render_blank(cl, paper=size))
