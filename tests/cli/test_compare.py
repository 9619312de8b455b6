"""`clinic-ready compare` through the installed entry point: what a family comparing clinics sees."""

from __future__ import annotations

import json

from helpers import FIXTURES, invoke_cli, run_cli

CL = str(FIXTURES / "compare-checklist.yaml")
A, B, C = (str(FIXTURES / f"compare-{x}.yaml") for x in "abc")


def test_terminal_table_fits_80_columns_with_marks_in_words():
    r = invoke_cli("compare", "--checklist", CL, A, B, C, env={"COLUMNS": "80"})
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout  # the clinic name's escape sequence is neutralised
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    # B left the oxygen question unsure: it is held ("find out first"), and the
    # high concern that answer decides could apply there, in words, not colour.
    assert "STOP" in r.stdout and "DISCUSS" in r.stdout and "FIND OUT FIRST" in r.stdout
    assert "● raised" in r.stdout and "○ not raised" in r.stdout and "◐ could apply" in r.stdout
    assert "Marks: ● raised" in r.stdout and "◐ could apply: an open" in r.stdout
    assert "Find out first: 1 high concern could" in r.stdout
    assert "compare-c.yaml" in r.stdout  # no clinic_name: the file name
    assert "? unsure" in r.stdout  # questions still open, per clinic
    assert "988" in r.stdout


def test_personal_concern_is_listed_once():
    r = invoke_cli("compare", "--checklist", CL, A, B, C, "--plain")
    assert r.returncode == 0
    assert r.stdout.count("Opioid use") == 1
    about = r.stdout.split("About you, the same whichever clinic you choose")[1]
    assert "! MODERATE Opioid use — raised" in about
    line = next(x for x in r.stdout.splitlines() if "No oxygen monitoring" in x)
    assert line.endswith("compare-c.yaml: raised") or "compare-c.yaml: raised" in r.stdout


def test_json_document(tmp_path):
    out = tmp_path / "c.json"
    r = invoke_cli("compare", "--checklist", CL, A, B, C, "-f", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text())
    assert doc["kind"] == "comparison"
    assert [k["verdict"]["code"] for k in doc["clinics"]] == ["stop", "held", "discuss"]
    assert doc["clinics"][0]["name"] == "Clinic <b>A</b> | [31mred"
    assert [(c["id"], c["marks"]) for c in doc["concerns"]] == [
        ("no_bp", ["raised", "not_raised", "not_raised"]),
        ("no_oxygen", ["not_raised", "could_apply", "raised"]),
    ]
    assert doc["about_you"]["concerns"] == [
        {"id": "opioid_use", "severity": "moderate", "title": "Opioid use", "sources": ["s1"], "mark": "raised"}
    ]
    assert doc["open_questions"][0]["states"] == ["answered", "unsure", "answered"]


def test_markdown_escapes_clinic_names(tmp_path):
    r = invoke_cli("compare", "--checklist", CL, A, B, "-f", "markdown")
    assert r.returncode == 0
    assert "Clinic \\<b\\>A\\</b\\> \\| \\[31mred" in r.stdout and "<b>" not in r.stdout


def test_different_checklists_or_versions_are_a_clear_error(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(open(B).read().replace('checklist_version: "1.0"', 'checklist_version: "0.9"'))  # noqa: SIM115
    r = run_cli("compare", "--checklist", CL, A, str(other))
    assert r.returncode == 2
    assert "different checklist versions" in r.stderr and "0.9" in r.stderr
    r = run_cli("compare", str(FIXTURES / "mini-answers.yaml"), A)
    assert r.returncode == 2 and "different checklists" in r.stderr
    r = run_cli("compare", A)
    assert r.returncode == 2 and "at least two" in r.stderr


def test_html_escapes_and_pdf_is_one_landscape_page(tmp_path):
    html, pdf = tmp_path / "c.html", tmp_path / "c.pdf"
    assert invoke_cli("compare", "--checklist", CL, A, B, C, "-f", "html", "-o", str(html)).returncode == 0
    text = html.read_text()
    assert "Clinic &lt;b&gt;A&lt;/b&gt;" in text and "<b>A" not in text and "\x1b" not in text
    assert "● raised" in text and "988" in text and "landscape" in text
    r = invoke_cli("compare", "--checklist", CL, A, B, C, "-f", "pdf", "--paper", "letter", "-o", str(pdf))
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    page = reader.pages[0].extract_text()
    assert "Brightside" in page and "not raised" in page and "988" in page
