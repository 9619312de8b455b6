"""`clinic-ready explain`: why a concern was raised, could apply or stayed silent; why a question was asked."""

from __future__ import annotations

from enum import Enum

import typer

from clinic_ready.cli.shell import explain_ids
from clinic_ready.i18n import _


class ExplainFormat(str, Enum):
    text = "text"
    json = "json"


def explain(
    ident: str | None = typer.Argument(
        None,
        metavar="ID",
        show_default=False,
        autocompletion=explain_ids,
        help=_("A concern id or a question id (see 'clinic-ready explain --list')."),
    ),
    checklist: str | None = typer.Argument(
        None,
        metavar="CHECKLIST",
        show_default=False,
        help=_("A shipped checklist id or a YAML file. Default: the one the answers file names."),
    ),
    answers: str | None = typer.Option(
        None, "--answers", "-a", metavar="FILE", help=_("Answers file (YAML or JSON); '-' reads standard input.")
    ),
    fmt: ExplainFormat = typer.Option(ExplainFormat.text, "--format", "-f", help=_("Output format.")),
    list_ids: bool = typer.Option(
        False, "--list", help=_("List every concern and question id with its title, and stop.")
    ),
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
    import json

    from clinic_ready.app import pipeline
    from clinic_ready.app.console import show_warnings
    from clinic_ready.errors import UsageError
    from clinic_ready.render import explain as explain_mod

    if list_ids:
        if answers is not None:
            cl = pipeline.report_result(answers, checklist or None).result.checklist
        else:
            cl = pipeline.load_checklist(checklist or ident or "ketamine-clinic")
        typer.echo(explain_mod.listing(cl), nl=False)
        return
    if ident is None or answers is None:
        raise UsageError(
            _(
                "clinic-ready: explain needs an ID and --answers FILE — for example: clinic-ready explain "
                "heart_without_bp_checks --answers my-answers.yaml (see every id: clinic-ready explain --list)"
            )
        )
    evaluated = pipeline.report_result(answers, checklist)
    show_warnings(evaluated.warnings)
    result = evaluated.result
    found = explain_mod.explain(result, ident)
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
