"""`clinic-ready batch`: evaluate many answers files, one JSON line each."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from clinic_ready.cli.run import FailOn


def batch(
    files: List[str] = typer.Argument(..., metavar="ANSWERS_FILE...", help="Answers files (each names its checklist)."),
    checklist: Optional[str] = typer.Option(
        None, "--checklist", metavar="ID|PATH", help="Evaluate every file against this checklist instead."
    ),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 when any file raises a concern at or above this severity."),
) -> None:
    """Evaluate many answers files and write JSON Lines to standard output.

    One line per file, in order: {"file", "ok": true, "result": {...}} (the same document as
    --format json) or {"file", "ok": false, "errors": [...]}.  A bad file does not stop the
    batch; the exit code is 2 if any file was bad, else the --fail-on rule over all files.

    \b
    Examples:
      clinic-ready batch forms/*.yaml > results.jsonl
      clinic-ready batch --checklist ketamine-clinic-self-audit audits/*.yaml --fail-on critical
    """
    from clinic_ready import batch as batch_mod
    from clinic_ready.model import Severity

    any_bad = False
    worst: list[Severity] = []
    out = sys.stdout
    for path, result, errors in batch_mod.run(files, checklist):
        out.write(batch_mod.line(path, result, errors) + "\n")
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
