"""The process around a command: closed standard streams, a closed pipe (exit 141) and Ctrl-C
(exit 130) wherever they happen, and running the Typer app inside that guard.  Standard library
only, so the console script can use it before anything of ours loads."""

from __future__ import annotations

import os
import sys

EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_PIPE = (
    2,
    130,
    141,
)  # as in errors.py; not imported, so nothing of ours loads before the guard


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
        sys.stderr = open(os.devnull, "w")  # nowhere to report anything  # noqa: SIM115


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


def _say(line: str) -> None:
    try:
        sys.stderr.write(line.rstrip("\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # the terminal has gone: nothing left to tell
        pass


def exit_code_for(exc: BaseException, debug: bool = False, say=None) -> int:
    """The one table that maps what ended a run to what the person sees and the exit code
    (pre-commit's ``error_handler``).  Every catch point calls it: the command's (inside Click,
    which would otherwise turn Ctrl-C into "Aborted!" and exit 1) and the process's, around
    everything else (the root's --help and --version, Click's own parsing).

    ====================================  ===============================================  =========
    what                                  the person sees                                  exit code
    ====================================  ===============================================  =========
    ClinicReadyError (bad input, usage)   ``shown()``: "clinic-ready: <message>", or a     2 (130)
                                          located problem as it is (Interrupted: where
                                          the draft is)
    KeyboardInterrupt, EOFError, or an    "clinic-ready: interrupted."                     130
    error Python raised because of one
    BrokenPipeError (the reader left)     nothing; standard output goes to /dev/null       141
    OSError, UnicodeEncodeError           one line about the file, pipe or terminal        2
    anything else                         "internal error (Name)" (--debug: a traceback)   3
    ====================================  ===============================================  =========
    """
    from clinic_ready.errors import EXIT_INTERNAL, ClinicReadyError, with_program
    from clinic_ready.i18n import _

    out = say or _say
    if isinstance(exc, ClinicReadyError):
        for line in exc.shown():
            out(line)
        return exc.exit_code

    def named(line: str) -> None:  # the boundary names the program before each of its own messages
        out(with_program(line))

    if isinstance(exc, (KeyboardInterrupt, EOFError)):
        named("\n" + _("interrupted."))
        return EXIT_INTERRUPTED
    if isinstance(exc, BrokenPipeError):
        closed_pipe()
        return EXIT_PIPE
    if isinstance(exc, (OSError, UnicodeEncodeError)):
        if debug:
            _traceback(exc)
        else:
            named(_environment_line(exc))
        return EXIT_BAD_INPUT
    if caused_by_interrupt(exc):  # Ctrl-C that Python re-raised as another error
        named("\n" + _("interrupted."))
        return EXIT_INTERRUPTED
    if debug:
        _traceback(exc)
    else:
        named(
            _(
                "internal error ({error}). This is a bug in clinic-ready, not in your input; run the same "
                "command with --debug to see where it happened."
            ).format(error=type(exc).__name__)
        )
    return EXIT_INTERNAL


def _environment_line(exc: BaseException) -> str:
    """The one line about the file, pipe or terminal that failed (without the program's name)."""
    from clinic_ready.cli import _environment_message
    from clinic_ready.i18n import _

    return _environment_message(exc) or _(
        "cannot read or write the input or output ({reason}) — check the file, the disk or the pipe"
    ).format(reason=type(exc).__name__)


def _traceback(exc: BaseException) -> None:
    import traceback

    # a plain traceback: file and line, never local variables (they may hold answers)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


def _quiet_stdout() -> None:
    """Nothing left to flush into a broken output at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def run_app(app) -> None:
    """Run the Typer app: usage errors exit 2 (Click's message), Ctrl-C 130, a closed pipe 141."""
    try:
        _guard_streams()
        app(prog_name="clinic-ready")
    except (KeyboardInterrupt, Exception) as exc:  # outside a command: --help, --version, Click's parsing
        code = exit_code_for(exc, debug="--debug" in sys.argv[1:])
        if code == EXIT_BAD_INPUT and isinstance(exc, (OSError, UnicodeEncodeError)):
            _quiet_stdout()
        raise SystemExit(code) from None
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise closed_pipe() from None
        except (OSError, ValueError, AttributeError):
            pass
