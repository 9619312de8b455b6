"""`clinic-ready explain`: why a concern was raised, could apply or stayed silent; why a question was asked."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from clinic_ready.cli.shell import explain_ids
from clinic_ready.i18n import _


class ExplainFormat(str, Enum):
    text = "text"
    json = "json"


def explain(
    ident: str = typer.Argument(..., metavar="ID", autocompletion=explain_ids, help=_("A concern id or a question id (see the JSON result or the checklist).")),
    answers: str = typer.Option(..., "--answers", "-a", metavar="FILE", help=_("Answers file (YAML or JSON); '-' reads standard input.")),
    checklist: Optional[str] = typer.Argument(
        None, metavar="CHECKLIST", show_default=False, help=_("A shipped checklist id or a YAML file. Default: the one the answers file names.")
    ),
    fmt: ExplainFormat = typer.Option(ExplainFormat.text, "--format", "-f", help=_("Output format.")),
) -> None:
    """Explain one concern or question for these answers.

    For a concern: whether it was raised, could apply or stayed silent, and its condition as a
    tree with each part true, false or unknown and the answer behind it.  For a question: why it
    was asked or skipped.

    \b
    Examples:
      clinic-ready explain no_bp_checks --answers my-answers.yaml
      clinic-ready explain alone_at_home --answers my-answers.yaml --format json
    """
    import json

    from clinic_ready import explain as explain_mod
    from clinic_ready import workflow

    result = workflow.report_result(answers, checklist)
    found = explain_mod.explain(result, ident)
    from clinic_ready.safe_text import clean, escape_json

    # the texts come from the answers file and the checklist: cleaned as every other command's
    if fmt is ExplainFormat.json:
        typer.echo(escape_json(json.dumps({"checklist": result.checklist.id, "explanations": found}, indent=2, ensure_ascii=False)))
    else:
        typer.echo(clean(explain_mod.text(found), keep_lines=True), nl=False)
