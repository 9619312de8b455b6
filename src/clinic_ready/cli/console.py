"""Rich consoles for the CLI: colour follows the terminal, NO_COLOR, TERM=dumb and --plain."""

from __future__ import annotations

import os


def plain_wanted(plain: bool) -> bool:
    return plain or os.environ.get("TERM") == "dumb" or "NO_COLOR" in os.environ


def stdout_console(plain: bool = False):
    from rich.console import Console

    if plain_wanted(plain):
        return Console(no_color=True, highlight=False, emoji=False, markup=False, color_system=None)
    return Console(highlight=False, emoji=False)
