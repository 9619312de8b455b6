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


def show_warnings(warnings) -> None:
    """Warnings that travelled up from the pipeline as data, one line each on standard error."""
    for w in warnings:
        warn(str(w))


def warn(line: str) -> None:
    """One line of (possibly untrusted) text to standard error: on a terminal, wrapped at word
    boundaries to its width (a file name or a URL longer than a line is left whole, never cut)."""
    try:
        text = clean(line, keep_lines=True).rstrip("\n")
        width = stderr_width()
        if width:
            text = wrap_words(text, width)
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # the terminal has gone: nothing left to tell
        pass


def stderr_width() -> int:
    """The terminal's width when standard error is a terminal (COLUMNS wins), else 0: lines to a
    file or a pipe are left as they are, one message a line, for scripts."""
    try:
        if not sys.stderr.isatty():
            return 0
    except (AttributeError, ValueError):
        return 0
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


def wrap_words(text: str, width: int) -> str:
    """Each line of ``text`` wrapped at spaces to ``width`` columns: a continuation keeps the
    line's own indent plus two spaces (a hanging indent); a word longer than a line (a path, a
    URL) stays whole on a line of its own rather than being cut, and the terminal shows it as it
    is; lines that begin with spaces (a command to paste) are never split."""
    import textwrap

    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith("  "):
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip(" "))]
        out.extend(
            textwrap.wrap(
                line,
                width=max(width, 20),
                initial_indent="",
                subsequent_indent=lead + "  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [line]
        )
    return "\n".join(out)


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
