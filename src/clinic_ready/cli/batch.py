"""`clinic-ready batch`: evaluate many answers files, one JSON line each."""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from clinic_ready.cli.run import FailOn


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    fhir_ndjson = "fhir-ndjson"


def batch(
    files: List[str] = typer.Argument(..., metavar="ANSWERS_FILE...", help="Answers files (each names its checklist)."),
    checklist: Optional[str] = typer.Option(
        None, "--checklist", metavar="ID|PATH", help="Evaluate every file against this checklist instead."
    ),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 when any file raises a concern at or above this severity."),
    fmt: BatchFormat = typer.Option(
        BatchFormat.jsonl, "--format", "-f",
        help="jsonl: one result line per file; fhir-ndjson: one FHIR QuestionnaireResponse per valid file (errors only on stderr).",
    ),
) -> None:
    """Evaluate many answers files and write JSON Lines to standard output.

    One line per file, in order: {"file", "ok": true, "result": {...}} (the same document as
    --format json) or {"file", "ok": false, "errors": [...]}.  A bad file does not stop the
    batch; the exit code is 2 if any file was bad, else the --fail-on rule over all files.
    With --format fhir-ndjson each valid file becomes one QuestionnaireResponse line (FHIR bulk
    data NDJSON, for a FHIR server's import); see docs/fhir.md.

    \b
    Examples:
      clinic-ready batch forms/*.yaml > results.jsonl
      clinic-ready batch --checklist ketamine-clinic-self-audit audits/*.yaml --fail-on critical
      clinic-ready batch forms/*.yaml --format fhir-ndjson > QuestionnaireResponse.ndjson
    """
    from clinic_ready import batch as batch_mod
    from clinic_ready.model import Severity

    any_bad = False
    worst: list[Severity] = []
    out = sys.stdout
    ndjson_line = None
    if fmt is BatchFormat.fhir_ndjson:
        from clinic_ready.fhir.response import ndjson_line
    for path, result, errors in batch_mod.run(files, checklist):
        if ndjson_line is None:
            out.write(batch_mod.line(path, result, errors) + "\n")
        elif result is not None:  # NDJSON holds resources only: a bad file's problems go to stderr
            out.write(ndjson_line(result) + "\n")
        if result is None:
            any_bad = True
            for e in errors:
                typer.echo(e, err=True)
        elif result.findings:
            worst.append(result.worst())
    out.flush()
    level = None if fail_on is FailOn.never else Severity(fail_on.value)
    code = batch_mod.exit_code(any_bad, worst, level)
    if code:
        raise typer.Exit(code)
