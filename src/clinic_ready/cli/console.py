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


def invoked_as(argv0: str | None = None, cwd: str | None = None, path_env: str | None = None) -> str:
    """The command as the person can type it again, shell-quoted, for hints printed after a run:
    ``clinic-ready`` when that name on PATH is this very program, else the path it was started
    by (relative to the current folder when shorter, e.g. ``.venv/bin/clinic-ready``), or
    ``python -m clinic_ready`` for ``python -m``."""
    import shlex
    import shutil

    argv0 = sys.argv[0] if argv0 is None else argv0
    cwd = os.getcwd() if cwd is None else cwd
    module = os.path.basename(argv0) in ("__main__.py", "-m") or not argv0
    target = sys.executable if module else argv0
    if not module and os.sep not in target:  # a bare name: the program was found on PATH
        target = shutil.which(target, path=path_env if path_env is not None else os.environ.get("PATH")) or target
    full = os.path.realpath(os.path.join(cwd, target))
    if not module:
        found = shutil.which("clinic-ready", path=path_env if path_env is not None else os.environ.get("PATH"))
        if found and os.path.realpath(os.path.join(cwd, found)) == full:
            return "clinic-ready"
    shown = os.path.abspath(os.path.join(cwd, target))
    try:
        rel = os.path.relpath(shown, cwd)
    except ValueError:  # another drive (Windows)
        rel = shown
    if len(rel) < len(shown):
        shown = rel if os.sep in rel else os.path.join(".", rel)
    quoted = shlex.quote(shown)
    return f"{quoted} -m clinic_ready" if module else quoted
