"""A checklist past its review date still runs: a calm note, never an error or a different exit code."""

from __future__ import annotations

from helpers import FIXTURES, invoke_cli


def _past_due(tmp_path):
    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("facts_as_of: 2026-11-01\n", "facts_as_of: 2020-01-01\nreview_by: 2020-06-30\nfunding: None.\n")
    path = tmp_path / "old.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_checklist_past_review_by_runs_with_a_calm_note(tmp_path):
    old = _past_due(tmp_path)
    r = invoke_cli("run", str(old), "-a", str(FIXTURES / "mini-answers.yaml"), "--plain", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Facts checked 2020-01-01 · review due 2020-06-30" in r.stdout
    assert "This checklist is due for review" in r.stdout
    assert "error" not in r.stderr.lower()
    for fmt in ("markdown", "html"):
        out = tmp_path / f"report.{fmt}"
        r = invoke_cli(
            "run", str(old), "-a", str(FIXTURES / "mini-answers.yaml"), "-f", fmt, "-o", str(out), cwd=tmp_path
        )
        assert r.returncode == 0, r.stderr
        assert "This checklist is due for review" in out.read_text(encoding="utf-8")


def test_a_checklist_without_review_by_prints_only_its_facts_date(tmp_path):
    r = invoke_cli(
        "run", str(FIXTURES / "mini.yaml"), "-a", str(FIXTURES / "mini-answers.yaml"), "--plain", cwd=tmp_path
    )
    assert r.returncode == 0
    assert "Facts checked 2026-11-01" in r.stdout and "review due" not in r.stdout
