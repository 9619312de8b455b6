"""`run --format html|pdf`, `report` and `print` through the CLI, and atomic writes."""

from __future__ import annotations

import os

from helpers import EXAMPLES
from typer.testing import CliRunner

from clinic_ready.cli import app

runner = CliRunner()


def test_report_from_saved_answers(tmp_path):
    out = tmp_path / "report.pdf"
    r = runner.invoke(app, ["report", str(EXAMPLES / "perry-like.yaml"), "-f", "pdf", "-o", str(out), "--paper", "a4"])
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_report_html_to_stdout():
    r = runner.invoke(app, ["report", str(EXAMPLES / "well-run-clinic.yaml"), "-f", "html"])
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>")


def test_run_writes_html(tmp_path):
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "html", "-o", str(out)])
    assert r.exit_code == 0 and "Questions to ask your clinic" in out.read_text()


def test_print_blank(tmp_path):
    out = tmp_path / "blank.md"
    r = runner.invoke(app, ["print", "ketamine-clinic-self-audit", "-f", "markdown", "-o", str(out)])
    assert r.exit_code == 0
    assert out.read_text().startswith("# Ketamine clinic self-audit for staff (blank checklist)")


def test_a_failed_write_leaves_no_half_file(tmp_path, monkeypatch):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old report")

    def fail(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    r = runner.invoke(app, ["run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "pdf", "-o", str(out)])
    assert r.exit_code == 2
    assert "cannot write (No space left on device)" in r.stderr
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_a_failed_render_writes_nothing(tmp_path, monkeypatch):
    from clinic_ready.render import html

    def boom(*a, **k):
        raise RuntimeError("template broke")

    monkeypatch.setattr(html, "render", boom)
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "html", "-o", str(out)])
    assert r.exit_code == 3
    assert not out.exists() and list(tmp_path.iterdir()) == []
