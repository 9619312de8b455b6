"""The one owner of "these signals become an interrupt while X" (standard library only).

* ``handled(names, handler)``: while a block runs, the named signals (those this platform has)
  call ``handler``; the previous handlers come back afterwards.  A signal that is ignored stays
  ignored (`nohup` ignores SIGHUP so that a command outlives the terminal).  Outside the main
  thread nothing changes.
* ``interrupt_on(names)``: the same, with the handler that raises KeyboardInterrupt, so that the
  code's own clean-up runs (the draft is saved, a temporary file removed) and the error boundary
  ends the run with exit 130.

Who uses which signals, and why:

=================  ===========================================================================
``SESSION``        the questionnaire: a closed terminal (SIGHUP) or SIGTERM saves the draft
``WRITE``          an atomic write: every signal whose default would end the process at once
                   (leaving the temporary file, which holds answers, behind)
``PAGER_KEYS``     while a pager runs: Ctrl-C and Ctrl-\\ belong to the pager (ignored here)
``BATCH``          batch's parent (cli/batch.py): its own handler stops the workers in order
=================  ===========================================================================
"""

from __future__ import annotations

import contextlib

SESSION = ("SIGHUP", "SIGTERM")
WRITE = ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF")
PAGER_KEYS = ("SIGINT", "SIGQUIT")
BATCH = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def handled(names, handler):
    """While the block runs, the named signals call ``handler`` (see the module's docstring)."""
    import signal

    saved = {}
    for name in names:
        sig = getattr(signal, name, None)
        if sig is None or signal.getsignal(sig) is signal.SIG_IGN:
            continue
        try:  # noqa: SIM105
            saved[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):  # not the main thread: nothing to change
            pass
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def raise_interrupt(signum, frame):
    """A signal handler: the signal becomes KeyboardInterrupt where the program is."""
    raise KeyboardInterrupt


def interrupt_on(names):
    """While the block runs, the named signals raise KeyboardInterrupt."""
    return handled(names, raise_interrupt)
