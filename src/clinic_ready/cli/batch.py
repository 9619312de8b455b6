"""`clinic-ready batch`: evaluate many answers files, one JSON line each."""

from __future__ import annotations

import sys
from contextlib import closing, contextmanager
from typing import List, Optional

import typer

from clinic_ready.cli.run import FailOn

EXIT_PIPE = 141  # the reader of the output went away (128 + SIGPIPE), as for other tools


def batch(
    files: List[str] = typer.Argument(..., metavar="ANSWERS_FILE...", help="Answers files (each names its checklist)."),
    checklist: Optional[str] = typer.Option(
        None, "--checklist", metavar="ID|PATH", help="Evaluate every file against this checklist instead."
    ),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 when any file raises a concern at or above this severity."),
    jobs: int = typer.Option(
        1, "--jobs", "-j", metavar="N", help="Evaluate with N processes (0: one per core). The output order stays the input order."
    ),
) -> None:
    """Evaluate many answers files and write JSON Lines to standard output.

    One line per file, in order: {"file", "ok": true, "result": {...}} (the same document as
    --format json) or {"file", "ok": false, "errors": [...]}.  A bad file does not stop the
    batch; the exit code is 2 if any file was bad, else the --fail-on rule over all files.
    An interrupted batch (Ctrl-C) ends after a whole line, with exit code 130.

    \b
    Examples:
      clinic-ready batch forms/*.yaml > results.jsonl
      clinic-ready batch --jobs 0 forms/*.yaml > results.jsonl
      clinic-ready batch --checklist ketamine-clinic-self-audit audits/*.yaml --fail-on critical
    """
    from clinic_ready import batch as batch_mod
    from clinic_ready.errors import UsageError
    from clinic_ready.model import Severity

    if jobs < 0:
        raise UsageError(f"clinic-ready: --jobs {jobs}: give a number of processes, or 0 for one per core")

    any_bad = False
    worst: Severity | None = None
    out = sys.stdout
    try:
        with _whole_lines() as stopped, closing(batch_mod.outcomes(files, checklist, jobs)) as found:
            for outcome in found:
                with _signals_held():
                    out.write(outcome.line + "\n")
                if outcome.errors:
                    any_bad = True
                    for e in outcome.errors:
                        typer.echo(e, err=True)
                elif outcome.worst is not None and (worst is None or outcome.worst.rank < worst.rank):
                    worst = outcome.worst
                if stopped():
                    out.flush()
                    raise KeyboardInterrupt
            out.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    finally:
        try:  # every write is a whole line: whatever is still buffered completes the last one
            out.flush()
        except (OSError, ValueError):
            pass
    level = None if fail_on is FailOn.never else Severity(fail_on.value)
    code = batch_mod.exit_code(any_bad, [worst] if worst else [], level)
    if code:
        raise typer.Exit(code)


@contextmanager
def _whole_lines():
    """Ctrl-C, SIGTERM and SIGHUP take effect between lines, never in the middle of one."""
    import signal

    caught: list[int] = []
    saved = {}
    for name in _HELD:
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                saved[sig] = signal.signal(sig, lambda signum, frame: caught.append(signum))
            except (ValueError, OSError):  # not the main thread
                pass
    try:
        yield lambda: bool(caught)
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


_HELD = ("SIGINT", "SIGTERM", "SIGHUP")


@contextmanager
def _signals_held():
    """Hold those signals while one line is written: they are handled right after it."""
    import signal

    sigs = {getattr(signal, name) for name in _HELD if hasattr(signal, name)}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _silence_stdout() -> None:
    """After a closed pipe, the final flush at exit must not complain."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
