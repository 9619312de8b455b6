"""`clinic-ready batch`: evaluate many answers files, one JSON line each."""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from enum import Enum
from typing import Annotated

import typer

from clinic_ready.cli.options import FailOn, checklist_option, fail_on_option, format_option
from clinic_ready.i18n import _


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    jsonl_compact = "jsonl-compact"
    fhir_ndjson = "fhir-ndjson"


FilesArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="ANSWERS_FILE", help=_("Answers files (each names its checklist)."), show_default=False),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="FILE",
        help=_(
            "Also read answers files' paths from FILE, one per line ('-': standard input); for lists too long for the command line."
        ),
    ),
]
ChecklistOption = Annotated[str | None, checklist_option(_("Evaluate every file against this checklist instead."))]
FailOnOption = Annotated[
    FailOn,
    fail_on_option(
        _(
            "Exit 1 when any file raises a concern at or above this severity (a held verdict counts at the level it is held at)."
        )
    ),
]
FormatOption = Annotated[
    BatchFormat,
    format_option(
        _(
            "jsonl: one result line per file; jsonl-compact: ids, severities and the verdict only, for analysing many forms; "
            "fhir-ndjson: one FHIR QuestionnaireResponse per valid file (errors only on stderr)."
        )
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help=_("Evaluate with N processes (0: one per core). The output order stays the input order."),
    ),
]


def batch(
    files: FilesArgument = None,
    from_list: FromOption = None,
    checklist: ChecklistOption = None,
    fail_on: FailOnOption = FailOn.never,
    fmt: FormatOption = BatchFormat.jsonl,
    jobs: JobsOption = 1,
) -> None:
    """Evaluate many answers files and write JSON Lines to standard output.

    One line per file, in order: {"file", "ok": true, "result": {...}, "warnings": [...]} (the
    same document as --format json) or {"file", "ok": false, "errors": [...], "warnings": []}.
    A bad file does not stop the batch; the exit code is 2 if any file was bad, else the
    --fail-on rule over all files.  A valid file's warnings (required answers it lacks, say) are
    printed on standard error after its line, as report prints them, and kept in "warnings".
    With --format jsonl-compact each line holds only ids, severities and codes (the texts are in
    the checklist, by id): much smaller, for analysing many forms; see docs/batch.md.
    With --format fhir-ndjson each valid file becomes one QuestionnaireResponse line (FHIR bulk
    data NDJSON, for a FHIR server's import); see docs/fhir.md.
    An interrupted batch (Ctrl-C) ends after a whole line, with exit code 130.

    \b
    Examples:
      clinic-ready batch forms/*.yaml > results.jsonl
      clinic-ready batch --jobs 0 forms/*.yaml > results.jsonl
      clinic-ready batch --checklist ketamine-clinic-self-audit audits/*.yaml --fail-on critical
      clinic-ready batch forms/*.yaml --format jsonl-compact > results.jsonl
      clinic-ready batch forms/*.yaml --format fhir-ndjson > QuestionnaireResponse.ndjson
      clinic-ready batch --from paths.txt --jobs 0 > results.jsonl
    """
    from clinic_ready.app import batch as batch_mod

    _check_jobs(jobs)
    paths = _paths(files, from_list)
    _warn_without_workers(jobs)
    fd = _descriptor(sys.stdout)
    try:
        any_bad, worst = _write(paths, checklist, fmt.value, jobs, fd)
    except batch_mod.Abandoned as gone:
        _abandon(gone.error)
    except BrokenPipeError:
        from clinic_ready.process import closed_pipe

        raise closed_pipe() from None
    code = _exit_code(any_bad, worst, fail_on)
    if code:
        raise typer.Exit(code)


def _check_jobs(jobs: int) -> None:
    """A negative --jobs is a usage error."""
    from clinic_ready.errors import UsageError

    if jobs < 0:
        raise UsageError(_("--jobs {jobs}: give a number of processes, or 0 for one per core").format(jobs=jobs))


def _warn_without_workers(jobs: int) -> None:
    """More than one process asked for where workers cannot be forked: a warning, and one process."""
    from clinic_ready.app import batch as batch_mod

    if jobs != 1 and not batch_mod.FORKS:
        from clinic_ready.app.console import warn
        from clinic_ready.errors import with_program

        warn(
            with_program(
                _(
                    "--jobs {jobs}: this system cannot start worker processes (they are forked), "
                    "so the files are evaluated in this one"
                ).format(jobs=jobs)
            )
        )


def _paths(files: list[str] | None, from_list: str | None) -> Iterator[str]:
    """The files named, then those listed in --from; a usage error when there are none."""
    from clinic_ready.errors import UsageError

    listed = _listed(from_list) if from_list is not None else iter(())
    first = next(listed, None)  # a listed file is read as the batch goes: memory does not grow with it
    if not files and first is None:
        raise UsageError(_("no answers files — name them, or list them in a file with --from FILE"))
    return itertools.chain(files or [], [first] if first is not None else [], listed)


def _exit_code(any_bad: bool, worst: set[str], fail_on: FailOn) -> int:
    """2 if any file was bad, else the --fail-on rule over the severities the files reached."""
    from clinic_ready.app import batch as batch_mod
    from clinic_ready.core.severity import Severity  # (not the model: the main process of --jobs never loads it)

    level = None if fail_on is FailOn.never else Severity(fail_on.value)
    return batch_mod.exit_code(any_bad, [Severity(w) for w in worst], level)


def _write(paths, checklist: str | None, fmt: str, jobs: int, fd: int | None) -> tuple[bool, set[str]]:
    """Write each file's line as it comes, in input order (this process writes every line, also
    with workers), and its error or warning lines to standard error right after it."""
    from clinic_ready.app import batch as batch_mod

    any_bad = False
    worst: set[str] = set()  # the severities the valid files reached (judged after the run)
    out = sys.stdout
    write = _line_writer(out, fd)
    with _whole_lines() as gate, closing(batch_mod.blocks(paths, checklist, fmt, jobs)) as found:
        for block in found:
            with gate.writing():
                if block.data:
                    write(block.data)
                if block.errors:
                    any_bad = True
                for e in (*block.errors, *block.warnings):
                    typer.echo(e, err=True)
            if block.worst is not None:
                worst.add(block.worst)
            if gate.stopped():
                out.flush()
                raise KeyboardInterrupt
        out.flush()
    return any_bad, worst


def _abandon(error: BaseException) -> None:
    """Report the error as the error boundary would, and end the process now: Python would wait
    at exit for the worker pool's thread, which can never end (see batch_pool._result)."""
    import os

    from clinic_ready.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ClinicReadyError, with_program

    if isinstance(error, ClinicReadyError):
        lines, code = error.shown(), error.exit_code
    elif isinstance(error, KeyboardInterrupt):
        lines, code = [with_program("\n" + _("interrupted."))], EXIT_INTERRUPTED
    else:
        lines, code = (
            [
                with_program(
                    _(
                        "internal error ({error}). This is a bug in clinic-ready, "
                        "not in your input; run the same command with --debug to see where it happened."
                    ).format(error=type(error).__name__)
                )
            ],
            EXIT_INTERNAL,
        )
    try:
        for line in lines:
            typer.echo(line, err=True)
        sys.stderr.flush()
    finally:
        os._exit(code)


def _listed(source: str) -> Iterator[str]:
    """The paths listed in a file (or standard input), one per line, read as they are needed;
    blank lines are skipped.  A file that cannot be opened is a usage error at once."""
    from clinic_ready.errors import UsageError

    def cannot(exc: OSError) -> UsageError:
        return UsageError(
            _("--from {file}: cannot read it ({reason})").format(file=source, reason=exc.strerror or type(exc).__name__)
        )

    try:
        fh = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise cannot(exc) from None

    def lines() -> Iterator[str]:
        try:
            with contextlib.nullcontext(fh) if source == "-" else fh:
                for n, raw in enumerate(fh):
                    line = raw.decode("utf-8-sig" if n == 0 else "utf-8", errors="surrogateescape").rstrip("\r\n")
                    if line.strip():
                        yield line
        except OSError as exc:
            raise cannot(exc) from None

    return lines()


class _Gate:
    """Ctrl-C, SIGTERM and SIGHUP end the batch at once while it reads or evaluates (waiting for the
    next path of a --from list, say), and after the lines being written when it writes: the output
    never ends in a cut-off line."""

    def __init__(self) -> None:
        self.caught: list[int] = []
        self.in_write = False

    def handler(self, signum, frame) -> None:
        if self.in_write:
            self.caught.append(signum)
        else:
            raise KeyboardInterrupt

    def stopped(self) -> bool:
        return bool(self.caught)

    @contextmanager
    def writing(self):
        self.in_write = True
        try:
            yield
        finally:
            self.in_write = False


@contextmanager
def _whole_lines():
    from clinic_ready.signals import handled as signals_handled

    gate = _Gate()
    with signals_handled(("SIGINT", "SIGTERM", "SIGHUP"), gate.handler):
        yield gate


def _descriptor(out) -> int | None:
    """The output's file descriptor (None for a stream without one: tests capturing output)."""
    try:
        return out.fileno()
    except (AttributeError, ValueError, OSError):
        return None


def _line_writer(out, fd: int | None):
    """Write whole lines straight to the output's file descriptor, finishing a write that a signal
    cut short (Python's buffered writer can drop the rest of a large line when a signal lands in
    the middle of it); without a descriptor, write to the stream.  On a terminal, the C1 and bidi
    controls a line may carry (from a file name or an answer) are written as JSON escapes: the
    same data, and nothing the terminal would act on."""
    from clinic_ready.app import batch as batch_mod

    if fd is None:
        return lambda data: out.write(bytes(data).decode("utf-8"))
    out.flush()
    if _isatty(fd):
        return lambda data: batch_mod.write_fully(fd, _escaped(data))
    return lambda data: batch_mod.write_fully(fd, data)


def _isatty(fd: int) -> bool:
    import os

    try:
        return os.isatty(fd)
    except OSError:
        return False


def _escaped(data: bytes) -> bytes:
    """A JSON line for a terminal: the characters a terminal acts on as JSON escapes (the same
    data once parsed; safe_text.escape_json).  The line is UTF-8 (batch.ENCODING_ERRORS)."""
    from clinic_ready.safe_text import escape_json

    return escape_json(bytes(data).decode("utf-8")).encode("utf-8")
