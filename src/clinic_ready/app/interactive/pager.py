"""A pager the way git uses one: a summary longer than the screen goes through ``$PAGER``.

* ``PAGER`` chooses the program (default ``less``); ``PAGER=cat`` or an empty ``PAGER`` turns
  paging off, and so do ``--no-pager`` and the plain modes (``--plain``, ``NO_COLOR``,
  ``TERM=dumb``, which behave alike).  Every way of printing straight ends with the recap.  A
  pager that cannot be found or fails to start (it ends with a non-zero status): the text is
  printed.
* ``LESS=FRX`` is set when ``LESS`` is not (quit if the text fits one screen, pass colour codes
  through, leave the text on the screen when it closes), and ``LV=-c`` likewise, as git does.
* The pager gets text that is already safe (rendered through the cleaning console); our process
  ignores Ctrl-C and Ctrl-\\ while the pager runs, so the keys belong to the pager, and quitting
  it (q, or closing it early) is a normal end, never a traceback.
"""

from __future__ import annotations  # noqa: I001

import os
import shlex
import shutil
import subprocess
import sys
import contextlib

_SHELL_CHARS = set("|&;<>()$`\\\"'*?[]#~=%{}")
NOT_FOUND = 127  # sh -c: command not found


def command(environ: dict | None = None) -> list[str] | None:
    """The pager's argv, or None when there is none to use."""
    env = os.environ if environ is None else environ
    cmd = env.get("PAGER")
    cmd = "less" if cmd is None else cmd.strip()
    if not cmd or cmd == "cat":
        return None
    if _SHELL_CHARS & set(cmd):  # shell syntax: let the shell run it, as git does
        return ["/bin/sh", "-c", cmd] if os.path.exists("/bin/sh") else None
    try:
        argv = shlex.split(cmd)
    except ValueError:
        return None
    if not argv or shutil.which(argv[0]) is None:
        return None
    return argv


def screen_height() -> int:
    return shutil.get_terminal_size((80, 24)).lines


def page(text: str, environ: dict | None = None) -> bool:
    """Show ``text`` (already safe: no control characters but colour codes) in the pager.

    Returns False when there is no pager to run, or it failed (the caller prints the text itself)."""
    argv = command(environ)
    if argv is None:
        return False
    env = dict(os.environ if environ is None else environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    data = text.encode(
        sys.stdout.encoding or "utf-8"
    )  # an encoding that cannot show it fails here, before the pager starts
    try:
        sys.stdout.flush()
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert proc.stdin is not None  # stdin=PIPE
    import signal

    from clinic_ready.signals import PAGER_KEYS, handled

    with handled(PAGER_KEYS, signal.SIG_IGN):  # the pager's keys, not ours
        try:  # noqa: SIM105
            proc.stdin.write(data)
        except (BrokenPipeError, OSError):  # quit before reading it all: nothing wrong
            pass
        with contextlib.suppress(OSError):
            proc.stdin.close()
        while True:
            try:
                proc.wait()
                break
            except KeyboardInterrupt:  # pragma: no cover - SIGINT is ignored; belt and braces
                continue
    # a pager that failed (a bad option, shell syntax, `false`, a program the shell did not find)
    # ends with a non-zero status: the caller prints the text, never an empty screen.  Quitting a
    # pager (q) ends with 0.
    return proc.returncode == 0


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def show_summary(result, plain: bool, explain: bool = False, no_pager: bool = False) -> None:
    """The summary on standard output.

    To a file or a pipe: plain text from the layout, without importing Rich.  On a terminal:
    through the cleaning Rich console (colour), and through the pager when it is longer than the
    screen; a summary that did not fit is followed by the closing screen (verdict, first steps,
    crisis lines), so the last screen never shows a list of sources."""
    from clinic_ready.render import terminal

    if not _stdout_is_terminal() and not os.environ.get("FORCE_COLOR"):
        sys.stdout.write(
            terminal.render(result, width=terminal.output_width(), plain=plain, answers=False, explain=explain)
        )
        return
    from clinic_ready.app.console import stdout_console

    console = stdout_console(plain)
    lines = terminal.summary_lines(
        result, console.width, plain, False, explain, boxes=not console.encoding.lower().startswith("ascii")
    )
    fits = len(lines) < screen_height()
    if fits or not _stdout_is_terminal():
        console.print(terminal.as_rich(lines), soft_wrap=True)
        return
    # --plain, NO_COLOR and TERM=dumb behave alike: the summary is printed straight, for a screen
    # reader to read as it comes (and less cannot draw on a dumb terminal); the recap follows
    if no_pager or plain or not page(_ansi(console, terminal.as_rich(lines))):
        console.print(terminal.as_rich(lines), soft_wrap=True)
    for part in terminal.closing(result, plain):
        console.print(part)


def _ansi(console, renderable) -> str:
    """What ``console`` would print, as text with its colour codes (for the pager)."""
    import io

    from clinic_ready.safe_text import console_class

    buf = io.StringIO()
    copy = console_class()(
        file=buf,
        width=console.width,
        force_terminal=True,
        color_system=console.color_system,
        no_color=console.no_color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    copy.print(renderable, soft_wrap=True)
    return buf.getvalue()
