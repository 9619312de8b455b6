"""Batch evaluation: many answers files, one JSON line per file, in input order.

A bad file becomes a line with its errors; it never stops the batch.  Each checklist is loaded
once per process, however many files name it.  ``blocks`` evaluates in this process;
``parallel`` in chunks by worker processes (see "worker processes" below), which write the lines
themselves, in input order, holding only a few chunks each, so memory does not grow with the
number of files.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Sequence

from clinic_ready.errors import ClinicReadyError

if TYPE_CHECKING:
    from clinic_ready.model import Checklist, Result
    from clinic_ready.severity import Severity

# What evaluates a file (answers, engine, model, the JSON renderer) is imported where it is used:
# with --jobs the parent, which only waits, never loads it; each worker loads it into its own
# memory (in parallel) rather than inheriting pages it would then copy as it touches them.

#: how a line that cannot be UTF-8 (a file name that is not, kept by the file system's surrogate
#: escapes) is written: as a JSON escape (\udcff), which JSON readers accept and Python turns back
ENCODING_ERRORS = "backslashreplace"

#: files per chunk a worker writes in one turn: small, so that the last chunks share out evenly and
#: the chunks a worker holds stay small (a 2,000-file batch of the examples makes 79 MB of lines)
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
            yield Outcome(output_line(fmt, path, result, []), [], result.fail_level())
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
    """The output of one file, in this process: its line as UTF-8, to be written as it is; its
    error lines (empty when the file was valid); and its worst severity, as its name ("critical",
    …; None when it was bad or raised no concern)."""

    data: bytes
    errors: list[str]
    worst: str | None


def block(outcome: Outcome) -> Block:
    """One file's Block (fhir-ndjson holds resources only: a bad file writes no line, its
    problems go to standard error)."""
    data = b"" if outcome.line is None else (outcome.line + "\n").encode("utf-8", ENCODING_ERRORS)
    worst = outcome.worst.value if outcome.worst is not None and not outcome.errors else None
    return Block(data, outcome.errors, worst)


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


def blocks(paths: Iterable[str], checklist: str | None = None, fmt: str = "jsonl") -> Iterator[Block]:
    """The files' output in input order, one Block per file, evaluated in this process (``paths``
    is read as the batch goes, so it may be a stream)."""
    for outcome in run(paths, _Checklists(checklist), fmt):
        yield block(outcome)


class Summary(NamedTuple):
    """What a batch run by workers saw: whether any file was bad, and the worst severity (its name)
    each worker's valid files reached; the worst of those is the batch's."""

    any_bad: bool
    worst: frozenset[str]


# --------------------------------------------------------------------------- worker processes
#
# The files are cut into chunks.  A worker claims the next chunk nobody has claimed yet, evaluates
# it, and writes its lines itself, straight to the output, when its turn comes: a token passes from
# the worker that wrote chunk k to the one holding chunk k + 1, so the lines come out in input order
# and no two writes ever mix.  Claiming as they go (rather than each taking a fixed share) keeps
# both cores busy to the end when some files take longer than others, or a core is slower for a
# while.  What they share (the next chunk to claim, the next to write, who holds each chunk
# claimed and not yet written) is a short message in a pipe, the baton, that a worker takes and
# puts back.  The parent starts the workers and waits: it never touches the lines (on two cores
# every cycle a parent spent copying 80 MB of lines was taken from a worker).  While a worker waits
# for its turn it evaluates ahead, up to AHEAD chunks; then it waits, so the output in memory stays
# bounded however many files there are.  At the end each worker tells the parent what it saw (any
# bad file, the worst severity), or why it stopped (its bug, a write that failed, the reader gone).
# Forked workers inherit the list of paths: no task is sent.

#: chunks a worker may hold evaluated while it waits for its turn to write them
AHEAD = 4
#: the bytes POSIX guarantees a pipe takes in one piece: the baton (see _Baton) must fit, which caps
#: a batch at 99 workers
PIPE_BUF = 512
#: how often (seconds) a worker waiting for its turn looks whether it should stop
WAIT_STEP = 0.05
#: how long (seconds) the parent waits for stopped workers to finish the chunk they are writing
#: (a reader that has stopped reading holds them up) before it kills them
JOIN_SECONDS = 30
#: a worker's exit code when a signal stopped it (as the command's own, for an interruption)
EXIT_STOPPED = 130
#: the signals that end a batch (the parent's) and stop a worker (SIGTERM, SIGHUP)
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
_WORKER: dict[str, object] = {}  # a worker's checklists and output format


class _Stopped(BaseException):
    """A worker must stop without writing more: SIGTERM or SIGHUP reached it, or its parent has
    gone (exit code 130)."""


class _WorkerGate:
    """A worker's SIGTERM and SIGHUP only set a flag, which the worker looks at before it evaluates
    a chunk and before it writes one (and while it waits for its turn), with whether its parent is
    still there: a signal never cuts a write short, never lands in the worker's own reporting, and
    a worker whose parent was killed stops instead of waiting for ever."""

    def __init__(self, parent: int) -> None:
        self.parent = parent
        self.caught = False

    def handler(self, signum, frame) -> None:
        self.caught = True

    def check(self) -> None:
        if self.caught or os.getppid() != self.parent:
            raise _Stopped


def _blocked(names=SIGNALS):
    """Block these signals until the returned function is called (where the platform allows)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return lambda: None
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {getattr(signal, n) for n in names if hasattr(signal, n)})
    return lambda: signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _start_worker(checklist: str | None, fmt: str, out_fd: int, parent: int) -> tuple[_WorkerGate, int]:
    """Set a worker up (it starts with SIGINT, SIGTERM and SIGHUP blocked: see parallel); its gate,
    and its own descriptor for the output."""
    import gc
    import signal

    gate = _WorkerGate(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt means
    for name in ("SIGTERM", "SIGHUP"):  # the parent stops the workers with SIGTERM
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) is not signal.SIG_IGN:  # (nohup: SIGHUP stays ignored)
            signal.signal(sig, gate.handler)
    if hasattr(signal, "pthread_sigmask"):  # now that the handlers are in place
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {getattr(signal, n) for n in SIGNALS if hasattr(signal, n)})
    out = os.dup(out_fd)
    try:  # nothing but a turn's writes reaches the output, not even a buffer forked from the parent
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
    return gate, out


def _chunk(paths: Sequence[str]) -> list[Outcome]:
    """One chunk's Outcomes, in a worker."""
    return list(run(paths, _WORKER["checklists"], _WORKER["format"]))


def _pieces(outcomes: list[Outcome]) -> list[tuple[list[bytes], str]]:
    """A chunk as it is written: runs of lines (UTF-8, each with its newline), each run followed by
    the error lines of the bad file that ends it, so that output and errors merged (2>&1) read
    exactly as with one process."""
    pieces: list[tuple[list[bytes], str]] = []
    parts: list[bytes] = []
    for o in outcomes:
        if o.line is not None:  # fhir-ndjson holds resources only: a bad file's problems go to stderr
            parts.append(block(o).data)
        if o.errors:
            pieces.append((parts, "".join(e + "\n" for e in o.errors)))
            parts = []
    if parts or not pieces:
        pieces.append((parts, ""))
    return pieces


def write_fully(fd: int, data: bytes | memoryview) -> None:
    """Write all of it to the descriptor, finishing a write that stopped short (a signal, a pipe).
    Workers write line by line, as one process does: one large write (a chunk's lines gathered
    with writev) cost the kernel twice the time in a file's page cache (measured, ext4)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _Baton:
    """The chunks' shared state, a message in a pipe that one worker at a time takes (reads) and puts
    back (writes): the next chunk to claim, the next chunk to write, and a ring of who holds each
    chunk claimed and not yet written (at most n × (AHEAD + 1) of them: each worker holds up to
    AHEAD chunks and evaluates one more).  The message is written in one write shorter than
    PIPE_BUF, so it arrives whole, and taken in one non-blocking read, so two workers never both
    take it, and a worker waiting for it still looks whether it should stop."""

    HEAD = struct.Struct("<qq")

    def __init__(self, reader, writer, n: int) -> None:
        self.reader, self.writer = reader, writer
        self.ring = n * (AHEAD + 1) + 1
        self.size = self.HEAD.size + self.ring

    def start(self) -> None:
        """Put the first state in (by the parent, before the workers start)."""
        self._put(0, 0, bytearray(self.ring))

    def _put(self, claim: int, write: int, owners: bytearray) -> None:
        os.write(self.writer.fileno(), self.HEAD.pack(claim, write) + owners)

    def _take(self, gate: _WorkerGate) -> tuple[int, int, bytearray]:
        while True:
            gate.check()
            if not self.reader.poll(WAIT_STEP):
                continue
            try:
                message = os.read(self.reader.fileno(), self.size)
            except BlockingIOError:  # another worker took it first
                continue
            break
        if len(message) != self.size:
            raise RuntimeError(f"the batch's shared state arrived cut: {len(message)} of {self.size} bytes")
        claim, write = self.HEAD.unpack_from(message)
        return claim, write, bytearray(message[self.HEAD.size:])

    def claim(self, me: int, total: int, gate: _WorkerGate) -> tuple[int | None, bool]:
        """The next chunk nobody has claimed (None: none left), and whether its turn to be written
        has already come (the chunk before it is written)."""
        claim, write, owners = self._take(gate)
        if claim >= total:
            self._put(claim, write, owners)
            return None, False
        owners[claim % self.ring] = me
        self._put(claim + 1, write, owners)
        return claim, write == claim

    def written(self, k: int, gate: _WorkerGate) -> int | None:
        """Chunk k is written: the worker holding chunk k + 1, whose turn it is now (None: nobody
        holds it yet, and whoever claims it will find its turn has come)."""
        claim, _write, owners = self._take(gate)
        self._put(claim, k + 1, owners)
        return owners[(k + 1) % self.ring] if k + 1 < claim else None


def _work(paths: Sequence[str], index: int, n: int, size: int, checklist: str | None, fmt: str,
          out_fd: int, turns, baton: _Baton, status, parent: int) -> None:
    """A worker process: claim chunks, evaluate them and write each in its turn; then send the
    parent a summary (or the bug, or the error that stopped a write, or that the reader of the
    output went away)."""
    from collections import deque

    bad, worst = False, None
    total = -(-len(paths) // size)
    mine = turns[index][0]
    try:
        gate, out = _start_worker(checklist, fmt, out_fd, parent)
        os.set_blocking(baton.reader.fileno(), False)

        def give_turn(worker: int) -> None:
            turns[worker][1].send_bytes(b"")

        def write(k: int, pieces: list[tuple[list[bytes], str]]) -> None:
            while True:  # wait for this chunk's turn; stopped, the worker writes nothing more
                gate.check()
                if mine.poll(WAIT_STEP):
                    break
            mine.recv_bytes()
            for parts, errors in pieces:
                for part in parts:
                    write_fully(out, part)
                if errors:
                    sys.stderr.write(errors)
                    sys.stderr.flush()
            following = baton.written(k, gate)
            if following is not None:
                give_turn(following)

        ahead: deque = deque()  # (chunk, pieces) evaluated and not yet written, oldest first
        claiming = True
        while claiming or ahead:
            if claiming and len(ahead) < AHEAD:
                k, now = baton.claim(index, total, gate)
                if k is None:
                    claiming = False
                    continue
                if now:
                    give_turn(index)
                outcomes = _chunk(paths[k * size:(k + 1) * size])
                for o in outcomes:
                    if o.errors:
                        bad = True
                    elif o.worst is not None and (worst is None or o.worst.rank < worst.rank):
                        worst = o.worst
                ahead.append((k, _pieces(outcomes)))
                while ahead and mine.poll():  # its turn has come: write now what it can
                    write(*ahead.popleft())
            else:
                write(*ahead.popleft())  # holding AHEAD chunks, or none left to claim: wait for the turn
        _tell(status, {"bad": bad, "worst": worst.value if worst is not None else None})
    except (_Stopped, KeyboardInterrupt):
        raise SystemExit(EXIT_STOPPED) from None
    except BrokenPipeError:  # the reader of the output went away (`… | head`)
        _tell(status, {"closed": True})
    except OSError as exc:  # a write the system refused (a full disk, say): the user can act on it
        _tell(status, {"oserror": [exc.errno, exc.strerror or type(exc).__name__]})
    except BaseException:  # noqa: BLE001 - handed to the parent, whose error boundary reports it
        import traceback

        _tell(status, {"bug": traceback.format_exc()})


def _tell(status, message: dict) -> None:
    try:
        status.send_bytes(json.dumps(message).encode("ascii"))  # ASCII escapes: any text survives
    except OSError:
        pass


def parallel(paths: Sequence[str], checklist: str | None, jobs: int, fmt: str, out_fd: int) -> Summary:
    """Evaluate the files with ``jobs`` worker processes (0: one per core), which write the lines to
    ``out_fd`` and the error lines to standard error, in input order.  KeyboardInterrupt when a
    worker was stopped by SIGTERM or SIGHUP; ClinicReadyError when the system stopped a worker;
    BrokenPipeError when the reader went away, OSError when a write failed; RuntimeError for a bug
    in a worker."""
    import multiprocessing
    from multiprocessing.connection import wait

    n = max(1, min(workers(jobs), len(paths), (PIPE_BUF - _Baton.HEAD.size - 1) // (AHEAD + 1)))
    size = max(1, min(CHUNK, -(-len(paths) // (4 * n))))  # small batches still share the work out evenly
    ctx = multiprocessing.get_context("fork")  # (workers() is 1 where there is no fork)
    sys.stdout.flush()  # nothing buffered is copied into the workers
    sys.stderr.flush()
    turns = [ctx.Pipe(duplex=False) for _ in range(n)]  # (reader, writer): worker i waits on turns[i]
    statuses = [ctx.Pipe(duplex=False) for _ in range(n)]
    shared = ctx.Pipe(duplex=False)
    baton = _Baton(*shared, n)
    baton.start()
    procs = []
    # no signal lands while a worker is being started: a worker starts with them blocked (a Ctrl-C
    # there would otherwise meet the parent's handler in the child) and the parent never loses
    # track of one it started; what arrives meanwhile is delivered once they are all running
    unblock = _blocked()
    try:
        try:
            for i in range(n):
                proc = ctx.Process(target=_work, daemon=True, args=(
                    paths, i, n, size, checklist, fmt, out_fd, turns, baton, statuses[i][1], os.getpid()))
                proc.start()
                procs.append(proc)
        finally:
            unblock()
        said: dict[int, dict] = {}
        readers = {statuses[i][0]: i for i in range(n)}
        ended = {proc.sentinel: i for i, proc in enumerate(procs)}
        while len(said) < n:
            ready = wait([*readers, *ended])
            for conn in [r for r in ready if r in readers]:
                _heard(said, readers.pop(conn), conn, n)
            for sentinel in [r for r in ready if r in ended]:
                i = ended.pop(sentinel)
                conn = statuses[i][0]
                if i not in said and conn in readers and conn.poll():  # it spoke, then ended
                    _heard(said, readers.pop(conn), conn, n)
                if i not in said:
                    raise _gone(procs[i], i + 1, n)
        for proc in procs:  # each has spoken and is ending
            proc.join(timeout=JOIN_SECONDS)
        return Summary(any(m["bad"] for m in said.values()), frozenset(m["worst"] for m in said.values()) - {None})
    finally:
        unblock = _blocked()  # a second Ctrl-C does not cut the clean-up short
        try:
            for proc in procs:
                if proc.is_alive():
                    proc.terminate()  # a worker that is writing finishes its chunk first
            for proc in procs:
                proc.join(timeout=JOIN_SECONDS)
                if proc.is_alive():  # held up that long (a reader that stopped reading): never wait for ever
                    proc.kill()
                    proc.join()
            for pair in (*turns, *statuses, shared):
                for conn in pair:
                    conn.close()
        finally:
            unblock()


def _heard(said: dict, i: int, conn, n: int) -> None:
    """A worker's last word: its summary, or why it stopped."""
    message = json.loads(conn.recv_bytes())  # (a message is one write of a few bytes: whole or not at all)
    if "bug" in message:
        raise RuntimeError(f"batch worker {i + 1} of {n} failed:\n{message['bug']}")
    if "closed" in message:
        raise BrokenPipeError
    if "oserror" in message:
        raise OSError(*message["oserror"])
    said[i] = message


def _gone(proc, number: int, n: int) -> BaseException:
    """Why a worker stopped before it finished: a signal told it to (an interruption); the system
    stopped it (a signal: short of memory, say), which the user can act on; or it ended on its own,
    which is a bug."""
    proc.join(timeout=5)
    code = proc.exitcode
    if code == EXIT_STOPPED:
        return KeyboardInterrupt()
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
