"""`list`, `validate` and `schema`: commands about checklists rather than answers."""

from __future__ import annotations

import json
from typing import List, Optional

import typer

from clinic_ready.cli.console import say, warn
from clinic_ready.errors import EXIT_BAD_INPUT
from clinic_ready.i18n import _


def list_checklists() -> None:
    """List the checklists shipped with clinic-ready.

    \b
    Example:
      clinic-ready list
    """
    from clinic_ready import catalog, i18n, loading

    found = catalog.shipped()
    if not found:
        typer.echo(_("No checklists are installed."))
        return
    rows = []
    for cid, path in found.items():
        cl = loading.load_checklist(path, lang=i18n.language())
        rows.append((cid, cl.version, str(cl.question_count), cl.title))
    head = (_("ID"), _("VERSION"), _("QUESTIONS"), _("TITLE"))  # column headings of the list
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(3)]
    say(f"{head[0]:<{widths[0]}}  {head[1]:<{widths[1]}}  {head[2]:>{widths[2]}}  {head[3]}")
    for cid, version, count, title in rows:
        say(f"{cid:<{widths[0]}}  {version:<{widths[1]}}  {count:>{widths[2]}}  {title}")


def validate(
    paths: List[str] = typer.Argument(..., metavar="PATH", help=_("Checklist or answers files ('-' reads standard input).")),
) -> None:
    """Check checklist (or answers) files and list every problem.

    Each problem is one line: PATH:LINE:COL: key.path: what is wrong — how to fix it.
    An answers file (one with 'answers:') is checked against the checklist it names.

    \b
    Examples:
      clinic-ready validate my-checklist.yaml
      clinic-ready validate my-checklist.yaml my-answers.yaml
    """
    from clinic_ready import workflow

    bad = False
    known: dict = {}  # checklists validated so far: answers files may name them
    # checklists first, whatever the order given: `validate answers.yaml checklist.yaml` checks
    # the answers against that checklist too (standard input is read once, so it keeps its place)
    paths = sorted(paths, key=lambda p: p != "-" and workflow._looks_like_answers(p))
    for path in paths:
        summary, problems = workflow.validate_file(path, known)
        if summary:
            say(summary)
        for line in problems:
            warn(line)
        bad = bad or not summary
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)


def schema(
    answers: Optional[str] = typer.Option(
        None, "--answers", metavar="CHECKLIST", help=_("Print the schema of this checklist's answers file instead.")
    ),
    translation: bool = typer.Option(
        False, "--translation", help=_("Print the schema of a checklist translation file (<checklist>.<lang>.yaml) instead.")
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help=_("Write the schema to FILE.")),
) -> None:
    """Print the JSON Schema of the checklist format (or of one checklist's answers file).

    Editors use it through yaml-language-server: put
    '# yaml-language-server: $schema=checklist.schema.json' at the top of a YAML file.

    \b
    Examples:
      clinic-ready schema --output checklist.schema.json
      clinic-ready schema --answers ketamine-clinic --output answers.schema.json
      clinic-ready schema --translation --output translation.schema.json
    """
    from clinic_ready import schemas, workflow

    if translation:
        from clinic_ready.translation import translation_schema

        doc = translation_schema()
    elif answers is None:
        doc = schemas.checklist_schema()
    else:
        doc = schemas.answers_schema(workflow.load_checklist(answers))
    workflow.write_output(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", output)
