"""docs/batch.md: its DuckDB queries, run exactly as written on a generated batch, and its Python
API (the map-over-partitions function) checked against `clinic-ready batch`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import EXAMPLES, ROOT, run_cli

duckdb = pytest.importorskip("duckdb", reason="duckdb is a test extra: pip install '.[test]'")

DOC = (ROOT / "docs" / "batch.md").read_text()
SQL = re.findall(r"```sql\n(.*?)```", DOC, re.S)
PYTHON = re.findall(r"```python\n(.*?)```", DOC, re.S)
# compact lines (compact.jsonl): the view, then verdicts, concerns, could apply, bad files, warnings,
# titles; whole lines (results.jsonl): verdicts, concerns, could apply, bad files
VIEW, *COMPACT, TITLES, _, _, _, _ = SQL
FULL = SQL[len(COMPACT) + 2 :]
QUERIES = {
    "compact": dict(zip(("verdicts", "concerns", "could_apply", "bad", "warnings"), COMPACT, strict=True)),
    "full": dict(zip(("verdicts", "concerns", "could_apply", "bad"), FULL, strict=False)),
}


def _forms(folder: Path, bad: bool) -> list[Path]:
    """40 forms made from the examples (some answers turned to 'unsure'; one without a required
    answer, which batch evaluates with a warning), and one bad file if asked."""
    bases = [yaml.safe_load(p.read_text()) for p in sorted(EXAMPLES.glob("*.yaml"))]
    files = []
    for i in range(40):
        doc = json.loads(json.dumps(bases[i % len(bases)], default=str))
        for n, qid in enumerate(sorted(doc["answers"])):
            if (n + i) % 9 == 0:
                doc["answers"][qid] = "unsure"
        if i == 2:
            del doc["answers"]["ride_home"]
        f = folder / f"form{i:02d}.yaml"
        f.write_text(yaml.safe_dump(doc, sort_keys=False))
        files.append(f)
    if bad:
        f = folder / "form99.yaml"
        f.write_text("checklist: ketamine-clinic\nanswers:\n  where: moon\n")
        files.append(f)
    return files


@pytest.fixture(scope="module", params=["with a bad file", "all valid"])
def batch(request, tmp_path_factory):
    """The forms' whole lines (results.jsonl) and compact lines (compact.jsonl), via --jobs 2."""
    bad = request.param == "with a bad file"
    folder = tmp_path_factory.mktemp("forms")
    files = _forms(folder, bad)
    for name, fmt in (("results.jsonl", "jsonl"), ("compact.jsonl", "jsonl-compact")):
        r = run_cli("batch", "--jobs", "2", "-f", fmt, *map(str, files), cwd=folder)
        assert r.returncode == (2 if bad else 0), r.stderr
        (folder / name).write_text(r.stdout)
    lines = [json.loads(x) for x in (folder / "results.jsonl").read_text().splitlines()]
    assert len(lines) == len(files) == 40 + bad
    return folder, lines, files


def query(folder: Path, kind: str, which: str, monkeypatch) -> list[tuple]:
    monkeypatch.chdir(folder)  # the doc says: run them in the folder that holds the results
    with duckdb.connect() as con:
        if kind == "compact":
            con.execute(VIEW)
        return con.execute(QUERIES[kind][which]).fetchall()


KINDS = pytest.mark.parametrize("kind", ["compact", "full"])


def test_the_compact_line_holds_the_ids_of_the_whole_line(batch):
    folder, lines, _ = batch
    compact = [json.loads(x) for x in (folder / "compact.jsonl").read_text().splitlines()]
    assert [set(c) for c in compact] == [set(compact[0])] * len(compact)  # the same keys on every line
    for c, whole in zip(compact, lines, strict=False):
        assert c["file"] == whole["file"] and c["ok"] == whole["ok"] and c["warnings"] == whole["warnings"]
        if not whole["ok"]:
            assert c["errors"] == whole["errors"] and c["verdict"] is None and c["concerns"] == []
            continue
        r = whole["result"]
        assert c["checklist"] == r["checklist"]["id"] and c["checklist_version"] == r["checklist"]["version"]
        assert c["verdict"] == r["verdict"]["code"] and c["errors"] == []
        assert c["concerns"] == [{"id": x["id"], "severity": x["severity"]} for x in r["concerns"]]
        assert c["could_apply"] == [x["id"] for x in r["could_apply"]]
    sizes = [(folder / n).stat().st_size for n in ("compact.jsonl", "results.jsonl")]
    assert sizes[0] * 10 < sizes[1]  # a small part of the size


@KINDS
def test_verdict_counts(batch, kind, monkeypatch):
    folder, lines, _ = batch
    rows = query(folder, kind, "verdicts", monkeypatch)
    expected = Counter((o["result"]["checklist"]["id"], o["result"]["verdict"]["code"]) for o in lines if o["ok"])
    assert {(c, v): n for c, v, n in rows} == expected
    assert sum(n for *_, n in rows) == 40 and len(set(v for _, v, _ in rows)) >= 2


@KINDS
def test_most_frequent_concerns(batch, kind, monkeypatch):
    folder, lines, _ = batch
    rows = query(folder, kind, "concerns", monkeypatch)
    counts = Counter(c["id"] for o in lines if o["ok"] for c in o["result"]["concerns"])
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert [(r[0], r[2]) for r in rows] == top
    assert all(r[3] == round(100 * r[2] / 40, 1) for r in rows)
    severity = {c["id"]: c["severity"] for o in lines if o["ok"] for c in o["result"]["concerns"]}
    assert all(r[1] == severity[r[0]] for r in rows)


@KINDS
def test_could_apply_rates(batch, kind, monkeypatch):
    folder, lines, _ = batch
    rows = query(folder, kind, "could_apply", monkeypatch)
    counts = Counter(c["id"] for o in lines if o["ok"] for c in o["result"]["could_apply"])
    assert counts, "the generated forms leave questions open, so some concerns could apply"
    assert {r[0]: r[1] for r in rows} == counts
    assert all(r[2] == round(100 * r[1] / 40, 1) for r in rows)


@KINDS
def test_files_that_could_not_be_evaluated(batch, kind, monkeypatch):
    """Also on a batch where every file was valid (no line has an error: an empty answer)."""
    folder, lines, _ = batch
    rows = query(folder, kind, "bad", monkeypatch)
    assert rows == [(o["file"], o["errors"][0]) for o in lines if not o["ok"]]
    if rows:
        assert "answers.where: the answer is not one of the choices" in rows[0][1] and "moon" not in rows[0][1]


def test_forms_with_warnings(batch, monkeypatch):
    """The documented query finds the form that lacks a required answer, with its warning."""
    folder, lines, files = batch
    rows = query(folder, "compact", "warnings", monkeypatch)
    assert rows == [(o["file"], len(o["warnings"]), o["warnings"][0]) for o in lines if o["ok"] and o["warnings"]]
    found = {r[0]: r[2] for r in rows}  # also forms where an 'unsure' opened a question the example lacks
    assert "required question(s) have no answer: ride_home" in found[str(files[2])]
    assert all("required question(s) have no answer" in w for w in found.values())


def test_concern_titles_from_the_checklist(batch, monkeypatch):
    """The documented CSV of concern texts, joined to the compact lines' ids."""
    folder, lines, _ = batch
    monkeypatch.chdir(folder)
    code = next(block for block in PYTHON if "concerns.csv" in block)
    exec(compile(code, "docs/batch.md", "exec"), {})  # exactly the documented code
    with duckdb.connect() as con:
        con.execute(VIEW)
        rows = con.execute(TITLES).fetchall()
    import clinic_ready

    titles = {c.id: c.title for c in clinic_ready.load_checklist("ketamine-clinic").concerns}
    counts = Counter(
        c["id"]
        for o in lines
        if o["ok"] and o["result"]["checklist"]["id"] == "ketamine-clinic"
        for c in o["result"]["concerns"]
    )
    assert [(r[0], r[2]) for r in rows] == sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert all(r[1] == titles[r[0]] for r in rows) and rows


def test_the_documented_partition_function_matches_batch(batch):
    folder, lines, files = batch
    code = next(block for block in PYTHON if "def evaluate_partition" in block)
    scope: dict = {}
    exec(compile(code, "docs/batch.md", "exec"), scope)  # exactly the documented function
    mine = [
        n
        for n, f in enumerate(files)
        if lines[n]["ok"] and yaml.safe_load(f.read_text())["checklist"] == "ketamine-clinic"
    ]
    forms = [yaml.safe_load(files[n].read_text()) for n in mine] + [
        {"checklist": "ketamine-clinic", "answers": {"where": "moon"}}
    ]
    expected = [lines[n] for n in mine] + [{"ok": False}]
    half = len(forms) // 2
    out = [json.loads(x) for part in (forms[:half], forms[half:]) for x in scope["evaluate_partition"](part)]
    assert len(out) == len(forms) > 20
    assert [o["ok"] for o in out] == [o["ok"] for o in expected]
    assert [o.get("result") for o in out] == [o.get("result") for o in expected]
    assert [len(o["warnings"]) for o in out] == [len(o.get("warnings", [])) for o in expected]
    assert any(o["warnings"] for o in out)  # form02 lacks a required answer: the same warning as batch
    assert out[-1]["errors"] == [
        "<answers>: answers.where: the answer is not one of the choices — use one of: clinic, both, home, elsewhere"
    ]


def test_the_api_from_the_package_and_its_lazy_import():
    import clinic_ready
    from clinic_ready.app import api

    assert clinic_ready.load_checklist is api.load_checklist and clinic_ready.InputError is api.InputError
    checklist = clinic_ready.load_checklist()
    text = (EXAMPLES / "perry-like.yaml").read_text()
    result = clinic_ready.evaluate_text(checklist, text)
    assert clinic_ready.result_document(result) == json.loads(clinic_ready.result_line(result))
    assert clinic_ready.result_document(result)["verdict"]["code"] == "stop"
    with pytest.raises(clinic_ready.InputError) as exc:
        clinic_ready.evaluate_text(checklist, "checklist: ketamine-clinic\nanswers:\n  where: moon\n", "f.yaml")
    assert exc.value.lines()[0].startswith("f.yaml:3:10: answers.where:")
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, clinic_ready; print(sorted(m for m in ('pydantic', 'yaml', 'clinic_ready.app.api') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert fresh.stdout.strip() == "[]"  # importing the package loads nothing heavy
