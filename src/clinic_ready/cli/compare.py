"""`clinic-ready compare`: several clinics' answers files side by side."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clinic_ready.cli.options import PaperOption, checklist_option, format_option, output_option
from clinic_ready.i18n import _
from clinic_ready.render.paper import default_paper


class CompareFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"
    json = "json"


def compare(
    files: list[str] = typer.Argument(
        ..., metavar="ANSWERS_FILE", help=_("Two or more answers files, one per clinic.")
    ),
    fmt: Annotated[CompareFormat, format_option(_("Output format."))] = CompareFormat.terminal,
    output: Annotated[str | None, output_option(_("Write the comparison to FILE."))] = None,
    checklist: Annotated[
        str | None, checklist_option(_("Use this checklist instead of the one the files name."))
    ] = None,
    paper: PaperOption = None,
    plain: bool = typer.Option(
        False, "--plain", help=_("No colour or table: one line per item (screen readers, narrow terminals).")
    ),
) -> None:
    """Compare clinics: each clinic's verdict and concerns side by side.

    Each answers file is one clinic, named by its clinic_name answer (else the file name).  All
    files must be for the same checklist and version.  Shows every concern raised for any clinic,
    most serious first, marked per clinic; the questions still open per clinic; and, once, the
    concerns about you that do not depend on the clinic.

    \b
    Examples:
      clinic-ready compare clinic-a.yaml clinic-b.yaml clinic-c.yaml
      clinic-ready compare a.yaml b.yaml --format pdf --output compare.pdf
    """
    from clinic_ready.app import comparing, pipeline
    from clinic_ready.app.console import show_warnings
    from clinic_ready.render import compare_text

    compared = comparing.load(files, checklist)
    show_warnings(compared.warnings)
    found = compared.comparison
    if fmt is CompareFormat.terminal and output in (None, "-"):
        from clinic_ready.app.console import plain_wanted, stdout_console

        compare_text.show(found, stdout_console(plain), plain=plain_wanted(plain))
        return
    size = (paper or default_paper()).value
    render = {
        "terminal": lambda: compare_text.render_terminal(found, plain=plain),
        "markdown": lambda: compare_text.render_markdown(found),
        "json": lambda: compare_text.render_json(found),
        "html": lambda: _doc().render_html(found, size),
        "pdf": lambda: _doc().render_pdf(found, size),
    }
    pipeline.write_document(fmt.value, output, render[fmt.value])


def _doc():
    from clinic_ready.render import compare_doc

    return compare_doc
