"""Batch evaluation: many answers files, one line per file, in input order.

A bad file becomes a line with its errors; it never stops the batch.  Each checklist is loaded
once per process, however many files name it.  ``blocks`` yields each file's output in input
order, evaluated in this process or, with more than one job, by a pool of worker processes
(``batch_pool``); either way this process writes every line, so a stopped worker never cuts one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Generator, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from clinic_ready.errors import ClinicReadyError

if TYPE_CHECKING:
    from clinic_ready.app.pipeline import Evaluated
    from clinic_ready.core.model import Checklist, Result
    from clinic_ready.core.severity import Severity

# What evaluates a file (answers, engine, model, the JSON renderer) is imported where it is used:
# with --jobs the main process, which only writes, never loads it.

#: how a line that cannot be UTF-8 (a file name that is not, kept by the file system's surrogate
#: escapes) is written: as a JSON escape (\udcff), which JSON readers accept and Python turns back
ENCODING_ERRORS = "backslashreplace"

#: the line formats: the whole result document, its ids only, or a FHIR QuestionnaireResponse
FORMATS = ("jsonl", "jsonl-compact", "fhir-ndjson")


class _Checklists:
    """Checklists by name, loaded once (a bad checklist is remembered as its error)."""

    def __init__(self, forced: str | None):
        self.forced = forced
        self.cache: dict[str, Checklist | ClinicReadyError] = {}

    def get(self, name: str) -> Checklist:
        key = self.forced or name
        if key not in self.cache:
            from clinic_ready.app.pipeline import load_checklist

            try:
                self.cache[key] = load_checklist(key)
            except ClinicReadyError as exc:
                self.cache[key] = exc
        found = self.cache[key]
        if isinstance(found, ClinicReadyError):
            raise found
        return found


def evaluate_file(path: str, checklists: _Checklists) -> Evaluated:
    """One form of the batch, through the same pipeline as every command (its checklists cached):
    the result, and the warnings report and compare give for the same file (required answers
    missing, answers carried over from an older checklist version, and the other warnings of
    reading the answers)."""
    from clinic_ready.app.pipeline import evaluate_document

    forced = checklists.forced
    return evaluate_document(path, checklists.get if not forced else (lambda _named: checklists.get(forced)))


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def line(path: str, result: Result | None, errors: list[str], warnings: Sequence[str] = ()) -> str:
    """One JSON line: the file, whether it was valid, the result or its errors, and its warnings."""
    if result is None:
        return json.dumps({"file": path, "ok": False, "errors": errors, "warnings": []}, ensure_ascii=False)
    from clinic_ready.render.json_ import compact

    return (
        f'{{"file":{json.dumps(path, ensure_ascii=False)},"ok":true,"result":{compact(result)},'
        f'"warnings":{_dump(list(warnings))}}}'
    )


def compact_line(path: str, result: Result | None, errors: list[str], warnings: Sequence[str] = ()) -> str:
    """The line for analysis ("jsonl-compact"): ids, severities and codes, no texts (they are in the
    checklist, by id).  Every line has the same keys, so a query never misses a column."""
    if result is None:
        return _dump(
            {
                "file": path,
                "ok": False,
                "checklist": None,
                "checklist_version": None,
                "verdict": None,
                "concerns": [],
                "could_apply": [],
                "errors": errors,
                "warnings": [],
            }
        )
    cl = result.checklist
    return _dump(
        {
            "file": path,
            "ok": True,
            "checklist": cl.id,
            "checklist_version": cl.version,
            "verdict": result.verdict.code,
            "concerns": [{"id": f.concern.id, "severity": f.concern.severity.value} for f in result.findings],
            "could_apply": [p.concern.id for p in result.could_apply],
            "errors": [],
            "warnings": list(warnings),
        }
    )


def output_line(
    fmt: str, path: str, result: Result | None, errors: list[str], warnings: Sequence[str] = ()
) -> str | None:
    """The line for one file: a JSON Lines result ("jsonl"), its ids only ("jsonl-compact"), or a
    FHIR QuestionnaireResponse ("fhir-ndjson", bulk-data NDJSON: resources only, so a bad file
    writes no line and warnings go to standard error only)."""
    if fmt == "fhir-ndjson":
        if result is None:
            return None
        from clinic_ready.io.fhir.response import ndjson_line

        return ndjson_line(result)
    if fmt == "jsonl-compact":
        return compact_line(path, result, errors, warnings)
    return line(path, result, errors, warnings)


class Abandoned(BaseException):
    """The worker pool can no longer be shut down (see batch_pool._result): the command reports
    ``error`` and ends the process at once, without waiting for the pool's own thread."""

    def __init__(self, error: BaseException):
        super().__init__(error)
        self.error = error


class Block(NamedTuple):
    """The output of one file: its line as UTF-8, to be written as it is (empty: no line); its
    error lines (empty when the file was valid); its worst severity, as its name ("critical",
    …; None when it was bad or raised no concern); and its warning lines (a valid file's, such as
    required answers it lacks: the lines every other command prints for it)."""

    data: bytes
    errors: list[str]
    worst: str | None
    warnings: list[str]


def block(path: str, checklists: _Checklists, fmt: str) -> Block:
    """One file evaluated, as its Block."""
    try:
        evaluated = evaluate_file(path, checklists)
    except ClinicReadyError as exc:
        text, errors, worst, warnings = output_line(fmt, path, None, exc.shown()), exc.shown(), None, []
    else:
        result, warnings = evaluated.result, [str(w) for w in evaluated.warnings]
        text, errors = output_line(fmt, path, result, [], warnings), []
        found = result.fail_level()  # a held verdict counts at its level, as --fail-on does
        worst = found.value if found is not None else None
    data = b"" if text is None else (text + "\n").encode("utf-8", ENCODING_ERRORS)
    return Block(data, errors, worst, warnings)


#: whether this system can start worker processes: they are forked from the batch (not on Windows)
FORKS = hasattr(os, "fork")


def workers(jobs: int) -> int:
    """The number of processes for --jobs: 0 means one per available core; always 1 where the
    batch cannot fork its workers (FORKS)."""
    if not FORKS:
        return 1
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def blocks(
    paths: Iterable[str], checklist: str | None = None, fmt: str = "jsonl", jobs: int = 1
) -> Generator[Block, None, None]:
    """The files' output in input order, one Block per file (``paths`` is read as the batch goes,
    so it may be a stream).  With more than one worker (see ``workers``) a pool evaluates them."""
    n = workers(jobs)
    if n > 1:
        from clinic_ready.app.batch_pool import pooled

        yield from pooled(paths, checklist, fmt, n)
        return
    checklists = _Checklists(checklist)
    for path in paths:
        yield block(path, checklists, fmt)


def write_fully(fd: int, data: bytes | memoryview) -> None:
    """Write all of it to the descriptor, finishing a write that stopped short (a signal, a pipe)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def exit_code(any_bad: bool, worst: Iterable[Severity], fail_on: Severity | None) -> int:
    if any_bad:
        return 2
    if fail_on is not None and any(s.rank <= fail_on.rank for s in worst):
        return 1
    return 0
