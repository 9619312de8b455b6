"""Arguments and options several commands share, declared once (Typer's ``Annotated`` idiom).

A command writes ``output: Annotated[str | None, output_option(_("Write it to FILE."))] = None``:
the names, metavar and shape of an option live here, its help (which says what it does for that
command) stays with the command.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import typer

from clinic_ready.cli.shell import checklist_ids
from clinic_ready.i18n import _
from clinic_ready.render.paper import PAPER_HELP, Paper


class FailOn(str, Enum):
    critical = "critical"
    high = "high"
    moderate = "moderate"
    low = "low"
    info = "info"
    never = "never"


def checklist_argument(help: str, complete: bool = False) -> Any:
    """The optional CHECKLIST argument (a shipped id or a YAML file); ``complete``: ids on Tab."""
    return typer.Argument(
        metavar="CHECKLIST", show_default=False, autocompletion=checklist_ids if complete else None, help=help
    )


def answers_option(help: str) -> Any:
    """-a/--answers FILE."""
    return typer.Option("--answers", "-a", metavar="FILE", help=help)


def checklist_option(help: str) -> Any:
    """--checklist ID|PATH."""
    return typer.Option("--checklist", metavar="ID|PATH", help=help)


def output_option(help: str, metavar: str = "FILE") -> Any:
    """-o/--output FILE (or DIR)."""
    return typer.Option("--output", "-o", metavar=metavar, help=help)


def format_option(help: str) -> Any:
    """-f/--format, its choices given by the command's enum."""
    return typer.Option("--format", "-f", help=help)


def fail_on_option(help: str) -> Any:
    """--fail-on LEVEL (the exit code 1 rule)."""
    return typer.Option("--fail-on", help=help)


#: --paper letter|a4, the same in run, report and print (PAPER_HELP is translated already)
PaperOption = Annotated[Paper | None, typer.Option("--paper", help=PAPER_HELP)]
#: CHECKLIST for the commands that read a checklist on its own (print, export)
ChecklistArgument = Annotated[
    str | None, checklist_argument(_("A shipped checklist id or a YAML file. Default: ketamine-clinic."))
]
