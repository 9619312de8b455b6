"""Batch worker processes: the standard library's process pool, with the batch's rules on top.

``pooled`` hands the paths to a ``concurrent.futures.ProcessPoolExecutor`` in chunks and yields
each file's Block in input order; the caller (this process) writes every line, so a worker that is
stopped never leaves a cut line.  What the pool adds for a batch:

* at most a few chunks per worker are in flight, so memory stays flat however many files there
  are (``Executor.map`` would submit them all at once) and the list of paths is read as it goes;
* workers ignore Ctrl-C (the batch decides what an interrupt means), stop between two files on
  SIGTERM or SIGHUP (an interruption, exit 130; unless ignored, as under ``nohup``), and end when
  the batch itself has gone;
* a worker that stops before it finished is reported by how it ended: a signal from the system
  (the out-of-memory killer's SIGKILL, say) is exit 2 and "the output is incomplete"; an exception
  is a bug, with its traceback;
* a worker killed in the middle of sending its result, which the pool itself would wait for for
  ever (see ``_result``), is reported the same way, and the process ends without waiting for it.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from typing import TYPE_CHECKING, TypedDict

from clinic_ready.app.batch import Abandoned, Block, _Checklists, block
from clinic_ready.errors import ClinicReadyError

if TYPE_CHECKING:
    from concurrent.futures import Future

#: files per chunk handed to a worker: small, so that the last chunks share out evenly
CHUNK = 8
#: chunks in flight per worker (evaluated or queued, not yet written): a bound on memory
AHEAD = 3
#: a worker's exit code when SIGTERM, SIGHUP or its parent's end stopped it (the command's own, for
#: an interruption)
EXIT_STOPPED = 130
#: the signals that end a batch, and the batch's "stop soon" to its workers (SIGUSR1): workers
#: start with them blocked until they are ready for them
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGUSR1")
#: how long (seconds) workers told to stop may take to end before they are killed
JOIN_SECONDS = 30


class _Worker(TypedDict, total=False):
    checklists: _Checklists
    format: str


_WORKER: _Worker = {}  # a worker's checklists and output format


_STOP: list[int] = []  # in a worker: the SIGTERM or SIGHUP that someone other than the batch sent


def _stop(signum, frame) -> None:
    os._exit(EXIT_STOPPED)


def _watch_signals(signals: set, parent: int) -> None:
    """A worker's thread that takes its SIGTERM and SIGHUP (blocked in every thread).  From the
    batch's pool (which stops workers only when it is not reading from them), the worker ends at
    once; SIGUSR1 from the batch (see _stop_workers) and either signal from anyone else make it
    stop soon: the worker finishes the file it is evaluating and answers "stopped"
    (see _chunk), so that it never ends in the middle of sending a result: the pool would then wait
    for the rest of that result for ever (see _result)."""
    import signal

    while True:
        info = signal.sigwaitinfo(signals)
        if info.si_pid == parent and info.si_signo != signal.SIGUSR1:
            os._exit(EXIT_STOPPED)
        _STOP.append(info.si_signo)


def _parent_gone(fd: int) -> None:
    """A worker's thread that reads a pipe the batch never writes: end of file means the batch has
    gone (even killed with SIGKILL), and the worker ends too instead of waiting for ever."""
    while os.read(fd, 1):
        pass
    os._exit(EXIT_STOPPED)


def _start_worker(checklist: str | None, fmt: str, alive: int, alive_w: int) -> None:
    """Set a worker up: it starts with SIGNALS blocked (see pooled), and so do the threads it starts."""
    import signal
    import threading

    os.close(alive_w)  # only the batch holds the writing end: its end is this pipe's end of file
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides what an interrupt means
    stops = {
        sig
        for sig in (getattr(signal, n, None) for n in ("SIGTERM", "SIGHUP"))
        if sig is not None and signal.getsignal(sig) is not signal.SIG_IGN
    }  # (nohup: SIGHUP stays ignored)
    try:  # nothing a worker might print reaches the output: only the batch writes there
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    threading.Thread(target=_parent_gone, args=(alive,), daemon=True).start()
    if hasattr(signal, "sigwaitinfo"):
        stops.add(signal.SIGUSR1)
        threading.Thread(target=_watch_signals, args=(stops, os.getppid()), daemon=True).start()
        _unblock(_signal_set() - stops)
    else:  # (no sigwaitinfo: macOS) the signal ends the worker wherever it is
        for sig in stops:
            signal.signal(sig, _stop)
        _unblock(_signal_set() - {signal.SIGUSR1})  # (the batch sends it only where sigwaitinfo is)
    _WORKER["checklists"] = _Checklists(checklist)
    _WORKER["format"] = fmt


def _chunk(paths: list[str]) -> list[Block] | str | None:
    """One chunk's Blocks, in a worker; None if the worker was told to stop (see _watch_signals);
    the traceback (a string) if evaluating it failed."""
    try:
        found = []
        for path in paths:
            if _STOP:
                return None
            found.append(block(path, _WORKER["checklists"], _WORKER["format"]))
        return found
    except Exception:  # a bug: handed to the batch, whose error boundary reports it
        import traceback

        return traceback.format_exc()


def _signal_set() -> set:
    import signal

    return {getattr(signal, n) for n in SIGNALS if hasattr(signal, n)}


def _unblock(sigs: set) -> None:
    import signal

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, sigs)


@contextmanager
def _blocked():
    """SIGNALS held back while the block runs (where the platform allows), then delivered."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _signal_set())
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _chunks(paths: Iterable[str], n: int) -> Iterator[list[str]]:
    """The paths in chunks of CHUNK; a short batch in smaller ones, so that every worker gets some."""
    it = iter(paths)
    first = list(islice(it, 4 * n * CHUNK))
    size = max(1, min(CHUNK, -(-len(first) // (4 * n))))
    for i in range(0, len(first), size):
        yield first[i : i + size]
    while piece := list(islice(it, CHUNK)):
        yield piece


def pooled(paths: Iterable[str], checklist: str | None, fmt: str, n: int) -> Iterator[Block]:
    """Each file's Block, in input order, evaluated by ``n`` worker processes.  Raises
    ClinicReadyError when the system stopped a worker, KeyboardInterrupt when SIGTERM or SIGHUP did,
    RuntimeError for a bug in a worker."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork")  # (workers() is 1 where there is no fork)
    sys.stdout.flush()  # nothing buffered is copied into the workers
    sys.stderr.flush()
    alive, alive_w = os.pipe()
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(n, mp_context=ctx, initializer=_start_worker, initargs=(checklist, fmt, alive, alive_w))
    chunks = _chunks(paths, n)
    pending: deque[Future] = deque()
    procs: list = []
    finished = False
    try:
        first = next(chunks, None)
        if first is None:
            finished = True
            return
        with _blocked():  # the first submit forks the workers: no signal lands in one half-started
            pending.append(pool.submit(_chunk, first))
        procs = sorted(set(multiprocessing.active_children()) - before, key=lambda p: p.pid)
        for piece in islice(chunks, n * AHEAD - 1):
            pending.append(_submit(pool, piece, procs))
        while pending:
            found = _result(pending.popleft(), pool, procs)
            more = next(chunks, None)
            if more is not None:
                pending.append(_submit(pool, more, procs))
            yield from found
        finished = True
    finally:
        with _blocked():  # a second Ctrl-C does not cut the clean-up short
            if finished:
                pool.shutdown(wait=True)
            else:
                _stop_workers(pool, procs)
            os.close(alive)
            os.close(alive_w)


#: how often (seconds) the batch, waiting for a chunk, looks whether a worker has died
WATCH_SECONDS = 0.5
#: how long (seconds) after a worker's death the pool may take to report it before the batch
#: decides the pool will never report it (see _result)
GRACE_SECONDS = 3.0


def _submit(pool, piece: list[str], procs: list) -> Future:
    """Hand a chunk to the pool (which refuses once a worker has died: reported as in _result)."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pool.submit(_chunk, piece)
    except BrokenProcessPool:
        pool.shutdown(wait=True)
        raise _gone(procs) from None


def _result(future: Future, pool, procs: list) -> list[Block]:
    """A chunk's Blocks, once they have come.

    A worker killed in the middle of sending its result leaves ProcessPoolExecutor (seen with
    Python 3.11.7) waiting for the rest of that message for ever: the chunk never comes and the
    pool never says it is broken.  So the batch watches the workers itself: a worker that has
    ended while its chunk is still awaited GRACE_SECONDS later is reported as a stopped worker."""
    import time
    from concurrent.futures import wait
    from concurrent.futures.process import BrokenProcessPool

    died = None
    while not wait([future], timeout=WATCH_SECONDS).done:
        if died is None:
            if any(p.exitcode is not None for p in procs):
                died = time.monotonic()
        elif time.monotonic() - died > GRACE_SECONDS:
            error = _gone(procs)
            for proc in procs:  # the others may wait for ever too (for the lock the dead one held)
                proc.kill()
                proc.join()
            raise Abandoned(error)
    try:
        found = future.result()
    except BrokenProcessPool:
        pool.shutdown(wait=True)  # the pool has stopped the other workers: their exit codes are final
        raise _gone(procs) from None
    if found is None:  # a worker was told to stop (SIGTERM, SIGHUP): an interruption
        raise KeyboardInterrupt
    if isinstance(found, str):
        raise RuntimeError(f"a batch worker failed:\n{found}")
    return found


def _stop_workers(pool, procs: list) -> None:
    """End the workers now (the batch was interrupted, or its reader has gone, or a write failed):
    told to stop soon (SIGUSR1), they finish the file they are evaluating and end; one that does
    not end within JOIN_SECONDS (stopped with SIGSTOP, say) is killed."""
    import signal

    pool.shutdown(wait=False, cancel_futures=True)
    if hasattr(signal, "sigwaitinfo"):
        for proc in procs:
            with suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGUSR1)
    from multiprocessing.connection import wait

    for proc in procs:
        # A worker has ended when its sentinel is ready.  Not is_alive(): the pool's own thread also
        # reaps its workers, and a process reaped by that thread reads as alive here (waitpid fails).
        if not wait([proc.sentinel], timeout=JOIN_SECONDS):
            proc.kill()
            proc.join()
            raise Abandoned(KeyboardInterrupt())  # killed, perhaps while sending: see _result


def _gone(procs: list) -> BaseException:
    """Why a worker stopped before the batch finished, from the workers' exit codes: a signal that
    the system sent (short of memory, say), which the user can act on; SIGTERM or SIGHUP (exit
    EXIT_STOPPED: the pool stops the others the same way), an interruption; else a bug."""
    codes = [p.exitcode for p in procs]
    n = len(procs)
    for number, code in enumerate(codes, 1):
        if code is not None and code < 0:
            import signal

            from clinic_ready.i18n import _

            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return ClinicReadyError(
                _(
                    "worker {number} of {n} was stopped by {signal} before it finished, so the "
                    "output is incomplete — the system may be short of memory: try fewer --jobs"
                ).format(number=number, n=n, signal=name)
            )
    if EXIT_STOPPED in codes and all(code in (None, 0, EXIT_STOPPED) for code in codes):
        return KeyboardInterrupt()
    return RuntimeError(f"a batch worker stopped before it finished (exit codes {codes})")
