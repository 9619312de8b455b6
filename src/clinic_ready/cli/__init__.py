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
from clinic_ready.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ClinicReadyError

EPILOG = (
    "Exit codes: 0 done; 1 a concern at or above --fail-on; 2 bad input or usage; "
    "3 a bug in clinic-ready; 130 interrupted.  Not medical advice. "
    "In a crisis call or text 988; SAMHSA 1-800-662-4357; emergency 911."
)


def _stderr(line: str) -> None:
    try:
        sys.stderr.write(line.rstrip("\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # the terminal has gone (SIGHUP): nothing left to tell
        pass


class BoundaryGroup(TyperGroup):
    """The one error boundary: every command runs inside it."""

    def invoke(self, ctx):  # noqa: D102
        try:
            return super().invoke(ctx)
        except ClinicReadyError as exc:
            for line in exc.lines():
                _stderr(line)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _stderr("clinic-ready: interrupted.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the boundary: nothing unexpected escapes as a traceback
            if ctx.params.get("debug"):
                import traceback

                # a plain traceback: file and line, never local variables (they may hold answers)
                traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
            else:
                _stderr(
                    f"clinic-ready: internal error ({type(exc).__name__}). This is a bug in clinic-ready, "
                    "not in your input; run the same command with --debug to see where it happened."
                )
            raise typer.Exit(EXIT_INTERNAL) from None


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
    from clinic_ready.cli import batch, compare, documents, info, run, selftest

    app.command("run", epilog=EPILOG)(run.run)
    app.command("report", epilog=EPILOG)(documents.report)
    app.command("print", epilog=EPILOG)(documents.print_blank)
    app.command("batch", epilog=EPILOG)(batch.batch)
    app.command("list", epilog=EPILOG)(info.list_checklists)
    app.command("validate", epilog=EPILOG)(info.validate)
    app.command("schema", epilog=EPILOG)(info.schema)
    app.command("compare", epilog=EPILOG)(compare.compare)
    app.command("test", epilog=EPILOG)(selftest.test_checklists)


_register()


def main() -> None:
    """Console-script entry point."""
    app(prog_name="clinic-ready")
