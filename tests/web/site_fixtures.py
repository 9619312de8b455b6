"""Fixtures of the browser tests: the site built once per session, a server and Chromium.

The site is assembled (offline) from tests/fixtures/web, which ``python3 src/clinic_ready/web/fetch.py
tests/fixtures/web`` fills from the registries (.ci/run does it; it needs npm).  The built site is
cached in the temporary folder under the hash of its sources, so a second session reuses it.
Without Playwright, Chromium or the ingredients, these tests skip and say why.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import FIXTURES

INGREDIENTS = FIXTURES / "web"
SHOTS = os.environ.get("CLINIC_READY_WEB_SHOTS")  # a folder to keep the screenshots in (default: the test's tmp)


def chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site (cached by source hash)."""
    from clinic_ready.web import build, fetch

    if not (INGREDIENTS / "pyodide" / "pyodide.asm.wasm").is_file() or not list(
        (INGREDIENTS / "wheels").glob("pydantic_core-*")
    ):
        if shutil.which("npm") is None:
            pytest.skip(
                "npm is not installed, so the web site's ingredients cannot be fetched (Debian: apt-get install npm)"
            )
        try:
            fetch.fetch(INGREDIENTS, with_axe=True)
        except (RuntimeError, OSError) as exc:
            pytest.skip(
                f"the web site's ingredients could not be fetched ({exc}); run python3 src/clinic_ready/web/fetch.py tests/fixtures/web"
            )
    key = build.source_digest(INGREDIENTS)[:16]
    out = Path(tempfile.gettempdir()) / f"clinic-ready-web-{key}"
    with open(Path(tempfile.gettempdir()) / "clinic-ready-web.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # xdist workers: one builds, the others wait and reuse
        if build.built(out) is None:
            build.assemble(INGREDIENTS, out)
    return out


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is not installed (pip install '.[test]')"
    )
    path = chromium()
    if path is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium); the web tests need a browser")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def server(site):
    from clinic_ready.web.serve import Server

    with Server(site) as srv:
        yield srv


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder
