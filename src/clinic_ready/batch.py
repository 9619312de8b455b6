"""Batch evaluation: many answers files, one JSON line per file, in input order.

A bad file becomes a line with its errors; it never stops the batch.  Each checklist is loaded
once per process, however many files name it.  With ``jobs`` > 1 the files are evaluated in
chunks by worker processes (see "worker processes" below); the lines still come out in input
order, and each worker's pipe bounds what is in flight, so memory does not grow with the number
of files.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Sequence

from clinic_ready.errors import ClinicReadyError

if TYPE_CHECKING:
    from clinic_ready.model import Checklist, Result, Severity

# What evaluates a file (answers, engine, model, the JSON renderer) is imported where it is used:
# with --jobs the parent, which only passes lines on, never loads it; each worker loads it into
# its own memory (in parallel) rather than inheriting pages it would then copy as it touches them.

#: how a line that cannot be UTF-8 (a file name that is not, kept by the file system's surrogate
#: escapes) is written: as a JSON escape (\udcff), which JSON readers accept and Python turns back
ENCODING_ERRORS = "backslashreplace"

#: files per chunk handed back by a worker: small, so that the last chunks share out evenly and a
#: worker's pipe holds several chunks (a 2,000-file batch of the examples makes 79 MB of lines)
CHUNK = 8


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
    from clinic_ready import answers as answers_mod
    from clinic_ready import engine

    name, text, data = answers_mod.read_document(path)
    cid = checklists.forced or answers_mod.named_checklist(data, text, name)
    checklist = checklists.get(cid)
    found, _warnings = answers_mod.parse_answers(data, checklist, text, name)
    return engine.evaluate(checklist, found)


_SETTLED: list[bool] = []  # set once this process has evaluated its first file


def run(paths: Iterable[str], checklists: _Checklists, fmt: str) -> Iterator[Outcome]:
    """Each file's Outcome, in order, in this process (the one loop both a single process and a
    worker run)."""
    for path in paths:
        try:
            result = evaluate_file(path, checklists)
        except ClinicReadyError as exc:
            yield Outcome(output_line(fmt, path, None, exc.lines()), exc.lines(), None)
        else:
            yield Outcome(output_line(fmt, path, result, []), [], result.worst())
        if not _SETTLED:
            import gc

            gc.freeze()  # the checklist, its compiled conditions and the imported code live as long
            gc.enable()  # as the process: collections skip them, and collect what each file leaves
            _SETTLED.append(True)  # (the console script, and a worker, start with the collector off)


def line(path: str, result: Result | None, errors: list[str]) -> str:
    """One JSON line: the file, whether it was valid, and the result or its errors."""
    if result is None:
        return json.dumps({"file": path, "ok": False, "errors": errors}, ensure_ascii=False)
    from clinic_ready.render.json_ import compact

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


class Block(NamedTuple):
    """The output of one or more consecutive files, in input order: their lines as UTF-8, to be
    written as they are (from a worker, a view that is valid only until the next Block: write it
    before asking for the next); the error lines of the bad files (empty when every file was
    valid); and the worst severity among the valid ones, as its name ("critical", …; None when no
    valid file raised a concern).  One Block per file in this process, one per chunk of files from
    a worker, which the parent writes with one call."""

    data: bytes | memoryview
    errors: list[str]
    worst: str | None


def _summary(outcomes: Iterable[Outcome]) -> tuple[list[str], list[str], str | None]:
    """The lines to write (without their line ends), the error lines, the worst severity's name."""
    lines: list[str] = []
    errors: list[str] = []
    worst: Severity | None = None
    for o in outcomes:
        if o.line is not None:  # fhir-ndjson holds resources only: a bad file's problems go to stderr
            lines.append(o.line)
        if o.errors:
            errors.extend(o.errors)
        elif o.worst is not None and (worst is None or o.worst.rank < worst.rank):
            worst = o.worst
    return lines, errors, worst.value if worst is not None else None


def block(outcomes: Iterable[Outcome]) -> Block:
    lines, errors, worst = _summary(outcomes)
    return Block("".join(line + "\n" for line in lines).encode("utf-8", ENCODING_ERRORS), errors, worst)


def workers(jobs: int) -> int:
    """The number of processes for --jobs: 0 means one per available core."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def blocks(paths: Iterable[str], checklist: str | None = None, jobs: int = 1, fmt: str = "jsonl") -> Iterator[Block]:
    """The files' output in input order, as Blocks: one per file in this process (``paths`` is
    then read as the batch goes, so it may be a stream), one per chunk of files when ``jobs``
    processes evaluate them (0 = all cores; ``paths`` must then be a sequence)."""
    n = workers(jobs)
    if n > 1:
        if not isinstance(paths, Sequence):
            raise TypeError("batch.blocks: worker processes need the paths as a sequence")
        n = min(n, len(paths))
    if n <= 1:
        for outcome in run(paths, _Checklists(checklist), fmt):
            yield block((outcome,))
        return
    size = min(CHUNK, -(-len(paths) // (4 * n)))  # small batches still share the work out evenly
    yield from _parallel(paths, checklist, n, size, fmt)


# --------------------------------------------------------------------------- worker processes
#
# Each of the n workers takes a fixed share of the chunks (worker i: chunks i, i + n, i + 2n, ...)
# and sends each chunk's Block down its own pipe; the parent reads chunk 0 from worker 0, chunk 1
# from worker 1, and so on, so the lines come out in input order with nothing to sort.  Forked
# workers inherit the list of paths (no task is sent), and the parent runs no helper threads: on
# two cores every cycle the parent spends is taken from a worker.  A full pipe pauses its worker,
# so memory stays bounded however many files there are.

_WORKER: dict[str, object] = {}
PIPE_BYTES = 1 << 20  # per worker: room for several chunks' lines, so a worker rarely waits for the parent
try:
    IOV_MAX = max(16, os.sysconf("SC_IOV_MAX"))  # buffers per writev (1,024 on Linux and macOS)
except (AttributeError, OSError, ValueError):
    IOV_MAX = 16  # what POSIX guarantees


def _start_worker(checklist: str | None, fmt: str, lang: str) -> None:
    import gc
    import signal

    from clinic_ready import i18n

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    for name in ("SIGTERM", "SIGHUP"):  # and ends the workers with SIGTERM: not the parent's handlers
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # even if whoever started clinic-ready had blocked it
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    if i18n.language() != lang:  # a worker started afresh (spawn, off Linux) speaks the parent's language
        i18n.install(lang)
    try:  # a worker never writes to standard output, not even the parent's buffer it was forked with
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    gc.freeze()  # what the worker inherits is never collected (a collection would touch, and so copy,
    # every page it shares with the parent); the collector stays off until the first file has
    # loaded the checklist and the code that evaluates, which run() then freezes too
    gc.disable()
    _SETTLED.clear()
    _WORKER["checklists"] = _Checklists(checklist)
    _WORKER["format"] = fmt


def _chunk(paths: Sequence[str]) -> tuple[list[str], list[str], str | None]:
    """One chunk's _summary, in a worker."""
    return _summary(run(paths, _WORKER["checklists"], _WORKER["format"]))


def _work(paths: Sequence[str], index: int, n: int, size: int, checklist: str | None, fmt: str, lang: str, conn) -> None:
    """A worker process: its share of the chunks, each sent as one frame (see _Channel); a bug is
    sent as a frame with its traceback, for the parent to report."""
    _start_worker(checklist, fmt, lang)
    channel = _Channel(conn)
    try:
        for start in range(index * size, len(paths), n * size):
            lines, errors, worst = _chunk(paths[start:start + size])
            parts = []
            for line in lines:  # each line encoded on its own, and the lot written with one writev:
                parts += (line.encode("utf-8", ENCODING_ERRORS), b"\n")  # no 600 KB string built twice per chunk
            channel.send({"errors": errors, "worst": worst}, parts)
    except (BrokenPipeError, EOFError):  # the parent has gone (interrupted, or its reader went away)
        pass
    except BaseException:  # noqa: BLE001 - handed to the parent, whose error boundary reports it
        import traceback

        try:
            channel.send({"bug": traceback.format_exc()}, [])
        except OSError:
            pass
    finally:
        conn.close()


class _Channel:
    """Frames over a worker's pipe: an 8-byte header (the lengths of the two parts), a small JSON
    part (a chunk's error lines and worst severity, or a bug's traceback), then the chunk's lines
    as they will be written.  Nothing is pickled; and on POSIX the parent reads each worker's frames
    into one buffer it reuses (os.readv), so tens of megabytes of results cost no new memory per
    chunk (a fresh buffer for each 600 KB chunk cost the parent ~19,000 page faults in a 2,000-file
    batch)."""

    HEAD = 8

    def __init__(self, conn):
        self.conn = conn
        self.raw = os.name == "posix" and hasattr(os, "readv")
        self.buf = bytearray()  # the reading side's, made on the first read and reused

    def send(self, meta: dict, parts: list[bytes]) -> None:
        part = json.dumps(meta).encode("ascii")  # ASCII escapes: a file name that is not UTF-8 survives
        head = len(part).to_bytes(4, "little") + sum(map(len, parts)).to_bytes(4, "little")
        if not self.raw:
            self.conn.send_bytes(b"".join([head, part, *parts]))
            return
        fd = self.conn.fileno()
        views = [memoryview(p) for p in (head + part, *parts) if p]
        while views:  # a write to a pipe can stop short (a signal): carry on from where it stopped
            done = os.writev(fd, views[:IOV_MAX])
            while done:
                if done >= len(views[0]):
                    done -= len(views.pop(0))
                else:
                    views[0], done = views[0][done:], 0

    def recv(self) -> tuple[dict, memoryview]:
        """The next frame: (its JSON part, a view of its lines, valid until the next call).
        EOFError when the worker has gone."""
        if not self.raw:
            frame = self.conn.recv_bytes()
            m = int.from_bytes(frame[:4], "little")
            return json.loads(frame[self.HEAD:self.HEAD + m]), memoryview(frame)[self.HEAD + m:]
        head = self._read(self.HEAD)
        m, d = int.from_bytes(head[:4], "little"), int.from_bytes(head[4:], "little")
        meta = json.loads(bytes(self._read(m)))
        return meta, self._read(d)

    def _read(self, size: int) -> memoryview:
        if len(self.buf) < size:
            self.buf = bytearray(max(size, PIPE_BYTES))
        view = memoryview(self.buf)[:size]
        got, fd = 0, self.conn.fileno()
        while got < size:
            n = os.readv(fd, [view[got:]])
            if n == 0:
                raise EOFError
            got += n
        return view


def _widen(conn) -> None:
    """Give the pipe room for several chunks (Linux; elsewhere it keeps its size)."""
    try:
        import fcntl
    except ImportError:
        return
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except (OSError, ValueError):  # over the system's limit: the pipe keeps its size
            pass


def _parallel(paths: Sequence[str], checklist: str | None, n: int, size: int, fmt: str) -> Iterator[Block]:
    import multiprocessing
    import sys

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    from clinic_ready import i18n

    lang = i18n.language()
    sys.stdout.flush()  # nothing buffered is copied into the workers
    procs, conns = [], []
    try:
        for index in range(n):
            reader, writer = ctx.Pipe(duplex=False)
            _widen(reader)
            proc = ctx.Process(target=_work, args=(paths, index, n, size, checklist, fmt, lang, writer), daemon=True)
            proc.start()
            writer.close()  # the parent keeps only the reading end: a worker that dies reads as EOF
            procs.append(proc)
            conns.append(reader)
        channels = [_Channel(conn) for conn in conns]
        for k in range(-(-len(paths) // size)):
            try:
                meta, data = channels[k % n].recv()
            except EOFError:
                raise _gone(procs[k % n], k % n + 1, n) from None
            if "bug" in meta:
                raise RuntimeError(f"batch worker {k % n + 1} of {n} failed:\n{meta['bug']}")
            yield Block(data, meta["errors"], meta["worst"])
    finally:
        for conn in conns:
            conn.close()
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():  # SIGTERM blocked or ignored somehow: never wait for ever
                proc.kill()
                proc.join()


def _gone(proc, number: int, n: int) -> Exception:
    """Why a worker stopped before sending its chunk: the system stopped it (a signal: short of
    memory, say), which the user can act on; or it ended on its own, which is a bug."""
    proc.join(timeout=5)
    code = proc.exitcode
    if code is not None and code < 0:
        import signal

        from clinic_ready.i18n import _

        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return ClinicReadyError(_(
            "clinic-ready batch: worker {number} of {n} was stopped by {signal} before it finished, so the "
            "output is incomplete — the system may be short of memory: try fewer --jobs"
        ).format(number=number, n=n, signal=name))
    return RuntimeError(f"batch worker {number} of {n} stopped before it finished (exit code {code})")


def exit_code(any_bad: bool, worst: Iterable[Severity], fail_on: Severity | None) -> int:
    if any_bad:
        return 2
    if fail_on is not None and any(s.rank <= fail_on.rank for s in worst):
        return 1
    return 0
