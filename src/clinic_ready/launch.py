"""The console script's entry point: a clean exit for what happens before the command's own error
boundary — Ctrl-C while modules load — then the app, run inside the process guard (process.py)."""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130  # as in errors.py; nothing of ours is imported before the guard below


def main() -> None:
    """Console-script entry point: imports happen inside the guard, so Ctrl-C during start-up
    ends quietly with exit 130."""
    # No pydantic plugin ever sees a value: a plugin installed in the same environment (an
    # observability one, say) would be handed everything pydantic validates here — checklists,
    # translations, and the command line's own values (file names among them). (It also spares
    # the entry-point scan of every installed package.)
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        from clinic_ready import i18n, process

        # the language first: Typer's help and Click's own messages are built from it
        i18n.install(i18n.resolve(sys.argv[1:]))
        from clinic_ready.cli import app
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        from clinic_ready.process import caused_by_interrupt

        if caused_by_interrupt(exc):
            raise SystemExit(EXIT_INTERRUPTED) from None
        raise
    process.run_app(app)
