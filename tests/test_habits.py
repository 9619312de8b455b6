"""The project's habits, executable: ruff (lint and format) and mypy pass on the whole tree, as
pre-commit runs them (.pre-commit-config.yaml); every function in src/ is short (at most 60 lines,
decorators included) and simple (radon ranks it C or better). A failure names what to fix."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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


SOURCES = sorted((ROOT / "src").rglob("*.py"))
MAX_LINES = 60


def _functions(path: Path) -> Iterator[tuple[str, int, int]]:
    """(name, first line, length) of every function and method in a file, nested ones included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            yield node.name, node.lineno, (node.end_lineno or node.lineno) - start + 1


def test_no_function_is_longer_than_60_lines():
    long = [
        f"{path.relative_to(ROOT)}:{line} {name} ({n} lines)"
        for path in SOURCES
        for name, line, n in _functions(path)
        if n > MAX_LINES
    ]
    assert not long, "split these by meaning (at most 60 lines each):\n" + "\n".join(long)


def _blocks(blocks: list) -> Iterator:
    for b in blocks:
        yield b
        yield from _blocks(getattr(b, "methods", []))
        yield from _blocks(getattr(b, "closures", []))


def test_no_function_is_ranked_d_or_worse_by_radon():
    from radon.complexity import cc_rank, cc_visit

    complex_ = {  # a set: radon lists a method both on its own and in its class
        f"{path.relative_to(ROOT)}:{b.lineno} {b.fullname} ({cc_rank(b.complexity)} {b.complexity})"
        for path in SOURCES
        for b in _blocks(cc_visit(path.read_text(encoding="utf-8")))
        if cc_rank(b.complexity) in "DEF"
    }
    assert not complex_, "radon cc -s -n D src/ ranks these D or worse:\n" + "\n".join(sorted(complex_))
