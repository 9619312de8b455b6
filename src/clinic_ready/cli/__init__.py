"""The Typer app: thin commands, one error boundary, fixed exit codes.

Exit codes: 0 done; 1 a concern at or above --fail-on; 2 bad input or usage; 3 a bug in
clinic-ready; 130 interrupted (any draft is kept).
"""

from __future__ import annotations

import sys
from typing import Optional

import typer
from typer.core import TyperGroup

from clinic_ready import __version__
from clinic_ready.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, ClinicReadyError

EPILOG = (
    "Exit codes: 0 done; 1 a concern at or above --fail-on; 2 bad input, usage or a problem with "
    "files, pipes or the terminal that you can fix; 3 a bug in clinic-ready; 130 interrupted; "
    "141 the reader of the output went away (a closed pipe).  Not medical advice. "
    "In a crisis call or text 988; SAMHSA 1-800-662-4357; emergency 911."
)
#: commands without --fail-on never exit 1
EPILOG_NO_FAIL = EPILOG.replace("1 a concern at or above --fail-on; ", "")


def _stderr(line: str) -> None:
    from clinic_ready.cli.console import warn

    warn(line)


def _environment_message(exc: BaseException) -> str | None:
    """One line for a failure of the environment (files, pipes, terminal, encoding), or None."""
    import errno

    if isinstance(exc, UnicodeEncodeError):  # ASCII only: this line must show in that encoding
        encoding = exc.encoding or "the output encoding"
        return (
            f"clinic-ready: the output encoding ({encoding}) cannot show some characters - use a UTF-8 locale "
            "(for example LANG=C.UTF-8), set PYTHONIOENCODING=utf-8, or write to a file with --output"
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return f"clinic-ready: cannot write the output ({reason}) — free some space, or write elsewhere with --output"
        if reason.startswith("standard "):
            return f"clinic-ready: {reason} — run the command with its input and output open"
        where = f" {exc.filename}" if getattr(exc, "filename", None) else " the input or output"
        return f"clinic-ready: cannot read or write{where} ({reason}) — check the file, the disk or the pipe"
    return None


class BoundaryGroup(TyperGroup):
    """The one error boundary: every command runs inside it.

    Usage errors (unknown option or command, a bad choice, a missing argument) are Click's own:
    its message and usage line on stderr, exit 2.  Exit 3 is only for a genuine bug.
    """

    def invoke(self, ctx):  # noqa: D102
        try:
            return super().invoke(ctx)
        except ClinicReadyError as exc:
            for line in exc.lines():
                _stderr(line)
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, EOFError):
            _stderr("\nclinic-ready: interrupted.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            from clinic_ready.launch import closed_pipe

            raise closed_pipe() from None
        except (typer.TyperException, typer.Exit, typer.Abort, SystemExit):  # Click's usage errors: exit 2
            raise
        except (OSError, UnicodeEncodeError) as exc:
            if not ctx.params.get("debug"):
                _stderr(_environment_message(exc) or "")
                raise typer.Exit(EXIT_BAD_INPUT) from None
            _traceback(exc)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except Exception as exc:  # noqa: BLE001 - the boundary: nothing unexpected escapes as a traceback
            from clinic_ready.launch import caused_by_interrupt

            if caused_by_interrupt(exc):  # Ctrl-C that Python re-raised as another error
                _stderr("\nclinic-ready: interrupted.")
                raise typer.Exit(EXIT_INTERRUPTED) from None
            if ctx.params.get("debug"):
                _traceback(exc)
            else:
                _stderr(
                    f"clinic-ready: internal error ({type(exc).__name__}). This is a bug in clinic-ready, "
                    "not in your input; run the same command with --debug to see where it happened."
                )
            raise typer.Exit(EXIT_INTERNAL) from None


def _traceback(exc: BaseException) -> None:
    import traceback

    # a plain traceback: file and line, never local variables (they may hold answers)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


app = typer.Typer(
    name="clinic-ready",
    cls=BoundaryGroup,
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clinic-ready {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="On an internal error, show where it happened (never answers)."),
) -> None:
    """Questions to ask before ketamine therapy.

    Check whether a clinic is ready to treat you, and which of your own risk factors
    (addiction history, medicines that interact, heart disease) to raise before the first
    dose.  It lists concerns and questions; it never diagnoses.

    \b
    Examples:
      clinic-ready run
      clinic-ready run --answers my-answers.yaml --format markdown --output report.md
      clinic-ready list
    """


def _register() -> None:
    from clinic_ready.cli import batch, compare, documents, explain, export, info, run, selftest

    app.command("run", epilog=EPILOG)(run.run)
    app.command("report", epilog=EPILOG_NO_FAIL)(documents.report)
    app.command("print", epilog=EPILOG_NO_FAIL)(documents.print_blank)
    app.command("batch", epilog=EPILOG)(batch.batch)
    app.command("explain", epilog=EPILOG_NO_FAIL)(explain.explain)
    app.command("list", epilog=EPILOG_NO_FAIL)(info.list_checklists)
    app.command("validate", epilog=EPILOG_NO_FAIL)(info.validate)
    app.command("schema", epilog=EPILOG_NO_FAIL)(info.schema)
    app.command("export", epilog=EPILOG_NO_FAIL)(export.export)
    app.command("compare", epilog=EPILOG_NO_FAIL)(compare.compare)
    app.command("test", epilog=EPILOG_NO_FAIL)(selftest.test_checklists)


_register()


def main() -> None:
    """Console-script entry point (see clinic_ready.launch for the start-up guard)."""
    from clinic_ready.launch import run_app

    run_app(app)
