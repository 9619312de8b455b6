"""`clinic-ready explain`: why a concern was raised, could apply or stayed silent; why a question was asked."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clinic_ready.cli.options import answers_option, checklist_argument, format_option
from clinic_ready.cli.shell import explain_ids
from clinic_ready.i18n import _


class ExplainFormat(str, Enum):
    text = "text"
    json = "json"


IdArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="ID",
        show_default=False,
        autocompletion=explain_ids,
        help=_("A concern id or a question id (see 'clinic-ready explain --list')."),
    ),
]
ChecklistArgument = Annotated[
    str | None,
    checklist_argument(_("A shipped checklist id or a YAML file. Default: the one the answers file names.")),
]
AnswersOption = Annotated[str | None, answers_option(_("Answers file (YAML or JSON); '-' reads standard input."))]
FormatOption = Annotated[ExplainFormat, format_option(_("Output format."))]
ListOption = Annotated[
    bool, typer.Option("--list", help=_("List every concern and question id with its title, and stop."))
]


def explain(
    ident: IdArgument = None,
    checklist: ChecklistArgument = None,
    answers: AnswersOption = None,
    fmt: FormatOption = ExplainFormat.text,
    list_ids: ListOption = False,
) -> None:
    """Explain one concern or question for these answers.

    For a concern: whether it was raised, could apply or stayed silent, and its condition as a
    tree with each part true, false or unknown and the answer behind it.  For a question: why it
    was asked or skipped.

    \b
    Examples:
      clinic-ready explain --list
      clinic-ready explain heart_without_bp_checks --answers examples/perry-like.yaml
      clinic-ready explain alone_during_session --answers examples/perry-like.yaml --format json
    """
    from clinic_ready.app import pipeline
    from clinic_ready.app.console import show_warnings
    from clinic_ready.errors import UsageError
    from clinic_ready.render import explain as explain_mod

    if list_ids:
        _list(ident, checklist, answers)
        return
    if ident is None or answers is None:
        raise UsageError(
            _(
                "explain needs an ID and --answers FILE — for example: clinic-ready explain "
                "heart_without_bp_checks --answers my-answers.yaml (see every id: clinic-ready explain --list)"
            )
        )
    evaluated = pipeline.report_result(answers, checklist)
    show_warnings(evaluated.warnings)
    result = evaluated.result
    _show(result, explain_mod.explain(result, ident), fmt)


def _list(ident: str | None, checklist: str | None, answers: str | None) -> None:
    """--list: every concern and question id of the checklist (the answers file's, or the one named)."""
    from clinic_ready.app import pipeline
    from clinic_ready.render import explain as explain_mod

    if answers is not None:
        cl = pipeline.report_result(answers, checklist or None).result.checklist
    else:
        cl = pipeline.load_checklist(checklist or ident or "ketamine-clinic")
    typer.echo(explain_mod.listing(cl), nl=False)


def _show(result, found, fmt: ExplainFormat) -> None:
    """Print the explanations as text or JSON."""
    import json

    from clinic_ready.render import explain as explain_mod
    from clinic_ready.safe_text import clean, escape_json

    # the texts come from the answers file and the checklist: cleaned as every other command's
    if fmt is ExplainFormat.json:
        typer.echo(
            escape_json(
                json.dumps({"checklist": result.checklist.id, "explanations": found}, indent=2, ensure_ascii=False)
            )
        )
    else:
        typer.echo(clean(explain_mod.text(found), keep_lines=True), nl=False)
