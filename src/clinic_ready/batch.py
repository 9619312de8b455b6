"""Batch evaluation: many answers files, one JSON line per file, in input order.

A bad file becomes a line with its errors; it never stops the batch.  Each checklist is loaded
once per process, however many files name it.  With ``jobs`` > 1 the files are evaluated in
chunks by worker processes; the lines still come out in input order, and only a bounded number
of chunks is in flight at a time, so memory does not grow with the number of files.
"""

from __future__ import annotations

import json
import os
from collections import deque
from typing import Iterable, Iterator, NamedTuple, Sequence

from clinic_ready import answers as answers_mod
from clinic_ready import engine
from clinic_ready.errors import ClinicReadyError
from clinic_ready.model import Checklist, Result, Severity
from clinic_ready.render.json_ import compact

#: files per task sent to a worker process (large enough to amortise the hand-over)
CHUNK = 64


class _Checklists:
    """Checklists by name, loaded once (a bad checklist is remembered as its error)."""

    def __init__(self, forced: str | None):
        self.forced = forced
        self.cache: dict[str, Checklist | ClinicReadyError] = {}

    def get(self, name: str) -> Checklist:
        key = self.forced or name
        if key not in self.cache:
            from clinic_ready.workflow import load_checklist

            try:
                self.cache[key] = load_checklist(key)
            except ClinicReadyError as exc:
                self.cache[key] = exc
        found = self.cache[key]
        if isinstance(found, ClinicReadyError):
            raise found
        return found


class Outcome(NamedTuple):
    """One file's output line (None: nothing to write), its error lines (empty when it was valid),
    and its worst severity."""

    line: str | None
    errors: list[str]
    worst: Severity | None


def evaluate_file(path: str, checklists: _Checklists) -> Result:
    name, text, data = answers_mod.read_document(path)
    cid = checklists.forced or answers_mod.named_checklist(data, text, name)
    checklist = checklists.get(cid)
    found, _warnings = answers_mod.parse_answers(data, checklist, text, name)
    return engine.evaluate(checklist, found)


def run(paths: Iterable[str], checklist: str | None = None) -> Iterator[tuple[str, Result | None, list[str]]]:
    """(path, result or None, error lines) for each file, in order, in this process."""
    import gc

    checklists = _Checklists(checklist)
    for n, path in enumerate(paths):
        try:
            yield path, evaluate_file(path, checklists), []
        except ClinicReadyError as exc:
            yield path, None, exc.lines()
        if n == 0:
            gc.freeze()  # the checklist and the imported code live for the whole batch: stop rescanning them
            gc.enable()  # and collect what each file leaves behind (the console script starts with it off)


def line(path: str, result: Result | None, errors: list[str]) -> str:
    """One JSON line: the file, whether it was valid, and the result or its errors."""
    if result is None:
        return json.dumps({"file": path, "ok": False, "errors": errors}, ensure_ascii=False)
    return f'{{"file":{json.dumps(path, ensure_ascii=False)},"ok":true,"result":{compact(result)}}}'


def output_line(fmt: str, path: str, result: Result | None, errors: list[str]) -> str | None:
    """The line for one file: a JSON Lines result ("jsonl"), or a FHIR QuestionnaireResponse
    ("fhir-ndjson", bulk-data NDJSON: resources only, so a bad file writes no line)."""
    if fmt == "fhir-ndjson":
        if result is None:
            return None
        from clinic_ready.fhir.response import ndjson_line

        return ndjson_line(result)
    return line(path, result, errors)


def _outcomes(paths: Iterable[str], checklist: str | None, fmt: str) -> Iterator[Outcome]:
    for path, result, errors in run(paths, checklist):
        yield Outcome(output_line(fmt, path, result, errors), errors, result.worst() if result is not None else None)


def workers(jobs: int) -> int:
    """The number of processes for --jobs: 0 means one per available core."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def outcomes(paths: Sequence[str], checklist: str | None = None, jobs: int = 1, fmt: str = "jsonl") -> Iterator[Outcome]:
    """Each file's Outcome, in input order, evaluated by ``jobs`` processes (0 = all cores)."""
    n = min(workers(jobs), len(paths))
    if n <= 1:
        yield from _outcomes(paths, checklist, fmt)
        return
    size = min(CHUNK, -(-len(paths) // (4 * n)))  # small batches still share the work out evenly
    yield from _parallel(paths, checklist, n, size, fmt)


# --------------------------------------------------------------------------- worker processes

_WORKER: dict[str, object] = {}


def _start_worker(checklist: str | None, fmt: str) -> None:
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    for name in ("SIGTERM", "SIGHUP"):  # and ends the pool with SIGTERM: not the parent's handlers
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:  # a worker never writes to standard output, not even the parent's buffer it was forked with
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    gc.freeze()
    gc.enable()
    _WORKER["checklists"] = _Checklists(checklist)
    _WORKER["format"] = fmt


def _chunk(paths: list[str]) -> list[Outcome]:
    checklists, fmt = _WORKER["checklists"], _WORKER["format"]
    out = []
    for path in paths:
        try:
            result = evaluate_file(path, checklists)
        except ClinicReadyError as exc:
            out.append(Outcome(output_line(fmt, path, None, exc.lines()), exc.lines(), None))
        else:
            out.append(Outcome(output_line(fmt, path, result, []), [], result.worst()))
    return out


def _parallel(paths: Sequence[str], checklist: str | None, n: int, size: int, fmt: str) -> Iterator[Outcome]:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    import sys

    sys.stdout.flush()  # nothing buffered is copied into the workers
    pool = ctx.Pool(n, initializer=_start_worker, initargs=(checklist, fmt))
    try:
        pending: deque = deque()
        chunks = (list(paths[i:i + size]) for i in range(0, len(paths), size))
        for chunk in chunks:
            pending.append(pool.apply_async(_chunk, (chunk,)))
            if len(pending) >= 3 * n:  # a bounded window: memory stays flat however many files
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def exit_code(any_bad: bool, worst: Iterable[Severity], fail_on: Severity | None) -> int:
    if any_bad:
        return 2
    if fail_on is not None and any(s.rank <= fail_on.rank for s in worst):
        return 1
    return 0
