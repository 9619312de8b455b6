"""The project's habits, executable: ruff (lint and format) and mypy pass on the whole tree, as
pre-commit runs them (.pre-commit-config.yaml). A failure names the command that shows why."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

TREES = ["src", "tests", "scripts", "benchmarks"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    r = _run("ruff", "check", *TREES)
    assert r.returncode == 0, f"ruff check {' '.join(TREES)}:\n{r.stdout[-3000:]}"


def test_the_code_is_formatted():
    r = _run("ruff", "format", "--check", *TREES)
    assert r.returncode == 0, f"ruff format {' '.join(TREES)}:\n{r.stdout[-3000:]}"


def test_mypy_finds_no_type_error():
    r = _run("mypy", "--no-incremental")  # files and settings: [tool.mypy] in pyproject.toml
    assert r.returncode == 0, f"mypy:\n{r.stdout[-3000:]}"
