"""Click's own words (usage line, "Error:", "Try … for help", its error messages) in the person's
language.

The Click that Typer uses builds its messages with f-strings, not gettext,
so they cannot be looked up as they are.  Instead each message shape is listed here as a
template (marked ``N_`` so it is in our catalogue), an English message is matched against the
templates, and the translated template is filled with the same values.  Typer's own strings
("Options", "Commands", "No such command …") do go through gettext and are in the catalogue too.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Protocol

import typer

from clinic_ready.i18n import N_, _


#: Click's base exception, reached through Typer's public BadParameter (Typer bundles its own Click
#: and exports no name for it): whatever Click Typer uses, its usage errors derive from this class.
class Exiting(Protocol):
    """What a Click exception carries (its class is only reached at run time, below)."""

    exit_code: int


CLICK_EXCEPTION: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

USAGE_PREFIX = N_("Usage: ")
HELP_OPTION = N_("Show this message and exit.")
TRY_HELP = N_("Try '{command} {option}' for help.")
ERROR = N_("Error: {message}")
ABORTED = N_("Aborted!")

VALUE_ERROR = N_("Value error, {message}")

#: the shapes of Click's messages; a field called 'message' is itself translated
MESSAGES = (
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("{message}. Did you mean {suggestions}?"),
    N_("Invalid value for {param}: {message}"),
    N_("Invalid value: {message}"),
    VALUE_ERROR,
    N_("{value} is not one of {choices}."),
    N_("Missing argument {name}. {message}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}. {message}"),
    N_("Missing option {name}."),
    N_("Missing parameter: {name}"),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Option {name} does not take a value."),
    N_("Could not open file {name}: {message}"),
)


@cache
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    out = []
    for template in MESSAGES:
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        out.append((re.compile(f"^{regex}$", re.S), template))
    return tuple(out)


def translate(message: str, depth: int = 0) -> str:
    """Click's English message in the current language (unchanged when no template fits)."""
    translated = _(message)
    if translated != message or depth > 3:
        return translated
    for pattern, template in _patterns():
        found = pattern.match(message)
        if found:
            values = found.groupdict()
            if "message" in values:
                values["message"] = translate(values["message"], depth + 1)
            if template == VALUE_ERROR:  # typer's coercion says "Value error, …": the person needs only the "…"
                return values["message"]
            return _(template).format(**values)
    return message


def show(exc, file=None) -> None:
    """What ``ClickException.show`` prints, in the current language."""
    file = file or sys.stderr
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and exc.format_message() == ctx.get_help():  # no arguments: the help, not an error
        typer.echo(exc.format_message(), file=file, color=ctx.color)
        return
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_(TRY_HELP).format(command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(_(ERROR).format(message=translate(exc.format_message())))
    typer.echo("\n".join(lines), file=file, color=ctx.color if ctx is not None else None)
