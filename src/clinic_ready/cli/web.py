"""`clinic-ready web` (serve the browser version on this computer) and `clinic-ready web build`."""

from __future__ import annotations

from typing import Annotated

import typer

from clinic_ready.cli.options import output_option
from clinic_ready.i18n import _

app = typer.Typer(no_args_is_help=False, add_completion=False, rich_markup_mode=None)


def _site_help() -> str:
    return _("The built site to serve. Default: where 'clinic-ready web build' puts it.")


@app.callback(invoke_without_command=True)
def web(
    ctx: typer.Context,
    site: str | None = typer.Option(None, "--site", metavar="DIR", help=_site_help()),
    port: int = typer.Option(
        0, "--port", min=0, max=65535, metavar="PORT", help=_("Port on 127.0.0.1 (default: a free one).")
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help=_("Print the address without opening a browser.")),
) -> None:
    """Answer the questionnaire in your browser, on this computer only.

    Serves the site built by 'clinic-ready web build' on 127.0.0.1 (a free port, with a random
    token in the address so that other users and other web sites cannot reach it), opens your
    browser and prints the address.  Your answers stay in the browser; nothing is sent anywhere.
    Stop it with Ctrl-C.  See docs/web.md.

    \b
    Examples:
      clinic-ready web build
      clinic-ready web
      clinic-ready web --no-browser --port 8765
    """
    if ctx.invoked_subcommand is not None:
        return
    from pathlib import Path

    from clinic_ready.app.console import say, warn
    from clinic_ready.errors import UsageError
    from clinic_ready.web import build as site_build
    from clinic_ready.web.serve import Server

    folder = Path(site) if site else site_build.default_site()
    if site_build.built(folder) is None:
        command = "clinic-ready web build" + (f" -o {_quoted(site)}" if site else "")
        raise UsageError(
            _("the web version is not built yet ({folder}) — build it with: {command}").format(
                folder=folder, command=command
            )
        )
    try:
        server = Server(folder, port).start()
    except OSError as exc:
        raise UsageError(
            _("cannot serve on 127.0.0.1:{port} ({reason}) — choose another --port, or leave it out").format(
                port=port, reason=exc.strerror or type(exc).__name__
            )
        ) from None
    say(_("clinic-ready is at {url}").format(url=server.url))
    say(_("Open that address in your browser (it works only on this computer). Press Ctrl-C to stop."))
    if not no_browser and _has_display():
        import webbrowser

        if not webbrowser.open(server.url):
            from clinic_ready.errors import with_program

            warn(with_program(_("no browser could be opened — open the address above yourself")))
    try:
        threading_wait()
    finally:
        server.stop()


def threading_wait() -> None:
    """Until Ctrl-C (KeyboardInterrupt reaches the command line's boundary: exit 130)."""
    import threading

    threading.Event().wait()


def _has_display() -> bool:
    import os
    import sys

    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _quoted(path: str) -> str:
    import shlex

    return shlex.quote(path)


@app.command("build")
def build_site(
    output: Annotated[
        str | None,
        output_option(
            _("Put the site in DIR (replaced whole). Default: where 'clinic-ready web' looks."), metavar="DIR"
        ),
    ] = None,
    ingredients: str | None = typer.Option(
        None,
        "--ingredients",
        metavar="DIR",
        help=_("Take Pyodide and the wheels from DIR (fetching only what is missing there)."),
    ),
) -> None:
    """Build the browser version: one folder that any static web host can serve.

    Fetches Pyodide (npm) and the wheels the engine needs (PyPI) — the only step that uses the
    network, cached for the next build — then assembles them with clinic-ready's own package,
    checklists and translations.  The site never requests anything outside its own address.
    See docs/web.md.

    \b
    Examples:
      clinic-ready web build
      clinic-ready web build -o public/
    """
    from pathlib import Path

    from clinic_ready.app.console import say
    from clinic_ready.errors import UsageError
    from clinic_ready.web import build as site_build

    out = Path(output) if output else site_build.default_site()
    if out.exists() and not out.is_dir():
        raise UsageError(_("{path}: is not a folder — give a folder for the site").format(path=out))
    if out.is_dir() and any(out.iterdir()) and site_build.built(out) is None:
        raise UsageError(
            _(
                "{path}: the folder has other files in it — give an empty or new folder "
                "(the build replaces the folder whole)"
            ).format(path=out)
        )
    try:
        info = site_build.build(out, Path(ingredients) if ingredients else None)
    except site_build.BuildError as exc:
        raise UsageError(_("the site could not be built: {reason}").format(reason=exc)) from None
    size = sum(info["files"].values())
    say(
        _("Built the web version in {path} ({size:.1f} MB, Pyodide {pyodide}).").format(
            path=out, size=size / 1e6, pyodide=info["pyodide"]
        )
    )
    say(_("To use it here: clinic-ready web{site}").format(site=f" --site {_quoted(str(out))}" if output else ""))
