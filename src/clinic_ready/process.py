"""The process around a command: closed standard streams, a closed pipe (exit 141) and Ctrl-C
(exit 130) wherever they happen, and running the Typer app inside that guard.  Standard library
only, so the console script can use it before anything of ours loads."""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED, EXIT_PIPE = 130, 141  # as in errors.py; not imported, so nothing of ours loads before the guard


class _Closed:
    """Stands in for a standard stream the shell closed (`<&-`, `>&-`): any use is an OSError
    that the error boundary reports as one line."""

    def __init__(self, name: str):
        self.name = name

    def _fail(self, *_a, **_k):
        import errno

        raise OSError(errno.EBADF, f"standard {self.name} is closed")

    read = readline = write = fileno = _fail

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self):
        return self

    encoding = "utf-8"
    errors = "strict"
    closed = True


def _guard_streams() -> None:
    if sys.stdin is None:
        sys.stdin = _Closed("input")  # type: ignore[assignment]
    if sys.stdout is None:
        sys.stdout = _Closed("output")  # type: ignore[assignment]
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # nowhere to report anything


def closed_pipe() -> SystemExit:
    """The reader went away (`… | head`): point standard output at /dev/null so that the final
    flush cannot fail again, and stop quietly with 141, as other command-line tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return SystemExit(EXIT_PIPE)


def caused_by_interrupt(exc: BaseException) -> bool:
    """Ctrl-C that Python re-raised as another error (a KeyboardInterrupt inside a class body's
    ``__set_name__`` while a module loads becomes a RuntimeError): still an interruption."""
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, KeyboardInterrupt):
            return True
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return False


def _interrupted() -> SystemExit:
    try:
        sys.stderr.write("\nclinic-ready: interrupted.\n")
    except (OSError, ValueError):
        pass
    return SystemExit(EXIT_INTERRUPTED)


def _environment_failed(exc: BaseException) -> SystemExit:
    """The root's eager options (--help, --version) write before any command's error boundary:
    output to /dev/full or a closed standard output is one line (the boundary's own) and exit 2."""
    try:
        from clinic_ready.cli import _environment_message

        sys.stderr.write((_environment_message(exc) or "clinic-ready: cannot write the output") + "\n")
    except (OSError, ValueError):
        pass
    try:  # nothing left to flush into the broken output at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return SystemExit(2)


def run_app(app) -> None:
    """Run the Typer app: usage errors exit 2 (Click's message), Ctrl-C 130, a closed pipe 141."""
    try:
        _guard_streams()
        app(prog_name="clinic-ready")
    except KeyboardInterrupt:
        raise _interrupted() from None
    except BrokenPipeError:
        raise closed_pipe() from None
    except (OSError, UnicodeEncodeError) as exc:  # before a command's boundary: --help, --version
        raise _environment_failed(exc) from None
    except Exception as exc:
        if caused_by_interrupt(exc):
            raise _interrupted() from None
        raise
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise closed_pipe() from None
        except (OSError, ValueError, AttributeError):
            pass
