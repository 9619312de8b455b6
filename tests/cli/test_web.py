"""`clinic-ready web` and `clinic-ready web build` through the installed entry point: the message
when nothing is built, the loopback server behind its token, Ctrl-C, and a build from the
ingredients folder (offline)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.error
import urllib.request

import pytest
from helpers import FIXTURES, cli_path, run_cli


def _fake_site(folder):
    folder.mkdir()
    (folder / "index.html").write_text("<!doctype html><title>t</title>")
    (folder / "site.json").write_text(json.dumps({"tool": "clinic-ready", "files": {}}))
    return folder


def test_unbuilt_site_says_the_command_that_builds_it(tmp_path):
    done = run_cli("web", "--no-browser", env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 2
    assert "not built yet" in done.stderr and "build it with: clinic-ready web build" in done.stderr
    other = run_cli("web", "--site", str(tmp_path / "elsewhere"), "--no-browser")
    assert other.returncode == 2
    assert f"clinic-ready web build -o {tmp_path / 'elsewhere'}" in other.stderr


def test_unbuilt_site_in_spanish(tmp_path):
    done = run_cli("--lang", "es", "web", "--no-browser", env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 2
    assert "compílela con: clinic-ready web build" in done.stderr


def test_build_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    done = run_cli("web", "build", "-o", str(tmp_path))
    assert done.returncode == 2 and "other files" in done.stderr
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def _get(url, host=None):
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, b"", {}


def test_serves_on_loopback_behind_a_token_and_stops_on_ctrl_c(tmp_path):
    site = _fake_site(tmp_path / "site")
    proc = subprocess.Popen(
        [cli_path(), "web", "--site", str(site), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DISPLAY": ""},
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("clinic-ready is at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].strip()
        token = url.rstrip("/").rsplit("/", 1)[1]
        assert len(token) >= 20
        status, body, headers = _get(url)
        assert status == 200 and b"<title>t</title>" in body
        assert "connect-src 'self'" in headers.get("Content-Security-Policy", "")
        root = url[: url.index(token)]
        assert _get(root)[0] == 404  # without the token: nothing
        assert _get(root + "site.json")[0] == 404
        assert _get(url, host="attacker.example:80")[0] == 404  # another host name (DNS rebinding)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert "interrupted" in err and "Traceback" not in err


def test_build_from_the_ingredients_folder(tmp_path):
    ingredients = FIXTURES / "web"
    if not (ingredients / "pyodide" / "pyodide.asm.wasm").is_file():
        pytest.skip(
            "no ingredients in tests/fixtures/web: run python3 src/clinic_ready/web/fetch.py tests/fixtures/web (needs npm)"
        )
    out = tmp_path / "public"
    done = run_cli("web", "build", "-o", str(out), "--ingredients", str(ingredients))
    assert done.returncode == 0, done.stderr
    assert f"Built the web version in {out}" in done.stdout
    info = json.loads((out / "site.json").read_text())
    assert set(info["files"]) >= {"index.html", "app.js", "worker.js", "sw.js", "pyodide/pyodide.asm.wasm"}
    sw = (out / "sw.js").read_text()
    assert info["build"] in sw and "__FILES__" not in sw
    again = run_cli("web", "build", "-o", str(out), "--ingredients", str(ingredients))  # a rebuild replaces it
    assert again.returncode == 0
    assert json.loads((out / "site.json").read_text())["build"] == info["build"]  # same sources, same bytes
