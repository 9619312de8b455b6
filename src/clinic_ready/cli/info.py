"""`list`, `validate` and `schema`: commands about checklists rather than answers."""

from __future__ import annotations

import json
from enum import Enum

import typer

from clinic_ready.app.console import say, warn
from clinic_ready.errors import EXIT_BAD_INPUT
from clinic_ready.i18n import _


class ListFormat(str, Enum):
    text = "text"
    json = "json"


def list_checklists(
    fmt: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help=_("text (a table) or json (for scripts).")),
) -> None:
    """List the checklists shipped with clinic-ready.

    \b
    Examples:
      clinic-ready list
      clinic-ready list --format json
    """
    from clinic_ready import i18n
    from clinic_ready.io import catalog, loading

    found = catalog.shipped()
    if fmt is ListFormat.json:
        docs = []
        for cid, path in found.items():
            cl = loading.load_checklist(path, lang=i18n.language())
            docs.append(
                {
                    "id": cid,
                    "version": cl.version,
                    "questions": cl.question_count,
                    "concerns": len(cl.concerns),
                    "title": cl.title,
                    "facts_as_of": str(cl.facts_as_of),
                    "languages": list(getattr(cl, "languages", []) or []),
                }
            )
        _json_out(docs)
        return
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
    paths: list[str] = typer.Argument(
        ..., metavar="PATH", help=_("Checklist or answers files ('-' reads standard input).")
    ),
    fmt: ListFormat = typer.Option(
        ListFormat.text,
        "--format",
        "-f",
        help=_(
            "text (one line a problem, on stderr) or json (one document on stdout, for scripts; see docs/cli-reference.md)."
        ),
    ),
) -> None:
    """Check checklist (or answers) files and list every problem.

    Each problem is one line: PATH:LINE:COL: key.path: what is wrong — how to fix it.
    An answers file (one with 'answers:') is checked against the checklist it names.

    \b
    Examples:
      clinic-ready validate my-checklist.yaml
      clinic-ready validate my-checklist.yaml my-answers.yaml
    """
    from clinic_ready.app import pipeline

    bad = False
    known: dict = {}  # checklists validated so far: answers files may name them
    report = []
    # checklists first, whatever the order given: `validate answers.yaml checklist.yaml` checks
    # the answers against that checklist too (standard input is read once, so it keeps its place)
    paths = sorted(paths, key=lambda p: p != "-" and pipeline._looks_like_answers(p))
    for path in paths:
        summary, problems = pipeline.check_file(path, known)
        bad = bad or not summary
        if fmt is ListFormat.json:
            report.append(
                {
                    "path": path,
                    "valid": bool(summary),
                    "summary": summary or None,
                    "problems": [_problem_json(p) for p in problems],
                }
            )
            continue
        if summary:
            say(summary)
        for p in problems:
            warn(str(p))
    if fmt is ListFormat.json:
        _json_out({"format_version": 1, "valid": not bad, "files": report})
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)


def _json_out(doc) -> None:
    """JSON on standard output, readable (UTF-8), with every character a terminal could act on
    escaped (safe_text.escape_json): valid JSON with the same data."""
    import sys

    from clinic_ready.safe_text import escape_json

    sys.stdout.write(escape_json(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n")


def _problem_json(p) -> dict:
    """One problem for scripts: where (file, line, column, key), what is wrong, how to fix it."""
    from clinic_ready.errors import Problem, render_key_path
    from clinic_ready.safe_text import clean

    if not isinstance(p, Problem):
        return {"severity": "error", "text": clean(str(p), reveal=True)}
    return {
        "severity": "warning" if p.warning else "error",
        "code": p.code,
        "file": clean(p.path, reveal=True) or None,
        "line": p.line,
        "column": p.col if p.line is not None else None,
        "key": render_key_path(p.key_path) or None,
        "what": clean(p.what, reveal=True),
        "fix": clean(p.fix, reveal=True),
        "text": str(p),
    }


def schema(
    answers: str | None = typer.Option(
        None, "--answers", metavar="CHECKLIST", help=_("Print the schema of this checklist's answers file instead.")
    ),
    translation: bool = typer.Option(
        False,
        "--translation",
        help=_("Print the schema of a checklist translation file (<checklist>.<lang>.yaml) instead."),
    ),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help=_("Write the schema to FILE.")),
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
    from clinic_ready.app import pipeline
    from clinic_ready.io import schemas

    if translation:
        from clinic_ready.io.translation import translation_schema

        doc = translation_schema()
    elif answers is None:
        doc = schemas.checklist_schema()
    else:
        doc = schemas.answers_schema(pipeline.load_checklist(answers))
    pipeline.write_output(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", output)
