"""Output for the CLI: Rich consoles (colour follows the terminal, NO_COLOR, TERM=dumb and
--plain) and plain lines to stdout/stderr.  Everything shown passes through ``safe_text``."""

from __future__ import annotations

import os
import sys

from clinic_ready.safe_text import clean, console_class


def plain_wanted(plain: bool) -> bool:
    """--plain, TERM=dumb, or NO_COLOR set to a non-empty value (no-color.org)."""
    return plain or os.environ.get("TERM") == "dumb" or bool(os.environ.get("NO_COLOR"))


def stdout_console(plain: bool = False):
    """Markup is off in every mode: text from checklists and answers is never parsed as markup."""
    Console = console_class()
    if plain_wanted(plain):
        return Console(no_color=True, highlight=False, emoji=False, markup=False, color_system=None)
    return Console(highlight=False, emoji=False, markup=False)


def say(line: str) -> None:
    """One line of (possibly untrusted) text to standard output."""
    sys.stdout.write(clean(line, keep_lines=True).rstrip("\n") + "\n")


def warn(line: str) -> None:
    """One line of (possibly untrusted) text to standard error."""
    try:
        sys.stderr.write(clean(line, keep_lines=True).rstrip("\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # the terminal has gone: nothing left to tell
        pass
