"""Compare as a person reads it (issue 28): no word broken at 40 columns, the verdict said once in
plain text, and the PDF's verdict table headed by what its columns hold."""

from __future__ import annotations

import re

from helpers import FIXTURES, run_cli

CL = str(FIXTURES / "compare-checklist.yaml")
FILES = [str(FIXTURES / f"compare-{x}.yaml") for x in "abc"]


def _words(text: str) -> set[str]:
    return {w for w in text.split() if re.fullmatch(r"[\w'’-]+[.,:;]?", w)}


def test_compare_never_breaks_a_word_at_40_columns():
    wide = run_cli(
        "compare", "--checklist", CL, *FILES, "--plain", env={"COLUMNS": "200"}
    )  # the layout a narrow one falls back to
    for columns in ("40", "60"):
        narrow = run_cli("compare", "--checklist", CL, *FILES, env={"COLUMNS": columns})
        assert narrow.returncode == 0
        lines = narrow.stdout.splitlines()
        assert all(len(line) <= int(columns) or " " not in line.strip() for line in lines), columns
        shown = _words(narrow.stdout)
        for word in _words(wide.stdout):
            assert word in shown, (columns, word)  # the same words, none split at a line's end


def test_plain_compare_says_the_verdict_once():
    r = run_cli("compare", "--checklist", CL, *FILES, "--plain")
    assert r.returncode == 0
    assert "FIND OUT FIRST — Find out first" not in r.stdout and "STOP — Stop" not in r.stdout
    assert "Brightside Ketamine and Wellness Center: Find out first: 1 high concern could apply" in " ".join(
        r.stdout.split()
    )


def test_compare_pdf_verdict_table_is_not_headed_verdict_twice(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "c.pdf"
    r = run_cli("compare", "--checklist", CL, *FILES, "-f", "pdf", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Verdict Verdict" not in text
    assert re.search(r"Clinic .*Verdict Stop: resolve the critical concerns", text)
    assert "STOP: Stop" not in text and "FIND OUT FIRST: Find out first" not in text


def test_compare_html_verdict_is_said_once(tmp_path):
    out = tmp_path / "c.html"
    assert run_cli("compare", "--checklist", CL, *FILES, "-f", "html", "-o", str(out)).returncode == 0
    page = out.read_text()
    assert "<strong>Find out first:</strong> 1 high concern could apply" in page
    assert "FIND OUT FIRST" not in page
