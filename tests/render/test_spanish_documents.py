"""Every printed document in Spanish (issue 16): run/report (JSON, Markdown, HTML, PDF), the blank
paper checklist (PDF, HTML, Markdown) and compare.  Each carries the Spanish crisis lines (988 with
"marque 2" / AYUDA, SAMHSA 1-800-662-4357, 911) and the Spanish notice, says who translated the
checklist, and leaves no English heading behind; HTML says lang="es" and the PDF its language.
The terminal output is tested by its own owner."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from helpers import ROOT, invoke_cli

from clinic_ready import i18n

PERRY = ROOT / "examples" / "perry-like.yaml"
WELL_RUN = ROOT / "examples" / "well-run-clinic.yaml"

NOTICE_ES = "Esto no es consejo médico"
CREDIT_ES = "Traducción: "  # translation.credit(): who translated it and its review status
REVIEW_ES = "pendiente de revisión por un profesional clínico bilingüe"

#: headings and fixed words of the English documents that must not survive in Spanish
ENGLISH = (
    "Questions to ask your clinic",
    "Concerns, most serious first",
    "Could apply: not raised",
    "Your answers",
    "About this report",
    "First steps",
    "How you can help",
    "Why it matters",
    "What to do",
    "Verdict:",
    "If you are in crisis or danger",
    "Not medical advice",
    "Checklist version",
    "report made",
    "Facts checked",
    "Page 1 of",
    "Blank checklist",
    "Tick one box",
    "Prefer not to say",
    "Notes:",
    "Write your answer",
    "Tick all that apply",
    "Answer this if",
    "Sources",
    "Comparing",
    "Questions still open",
    "No concern",
    "CRITICAL",
    "HIGH",
    "MODERATE",
    "not raised",
    "could apply",
    "(open)",
    "Suicide & Crisis Lifeline",
    "National Helpline",
    "call 911",
    "Maintained by",
    "Funding:",
)
#: what may legitimately contain an English heading word: the checklist's own metadata (maintainers,
#: reviewers, funding) and the titles of English sources are data, not the tool's words
DATA = re.compile(r"\[\d+\][^\n]*|## Fuentes\n.*?(?=\n## )|https?://\S+|<ol class=\"sources\">.*?</ol>", re.S)


@pytest.fixture
def spanish():
    i18n.install("es")
    yield
    i18n.install("en")


def _crisis_es(text: str, notice: bool = True) -> None:
    flat = " ".join(text.split())
    assert "marque 2" in flat and "AYUDA" in flat, "988 in Spanish: press 2 / text AYUDA"
    for number in ("988", "1-800-662-4357", "911"):
        assert number in flat
    assert "Línea 988 de Prevención del Suicidio y Crisis" in flat
    if notice:
        assert NOTICE_ES in flat


def _no_english(text: str, allowed: tuple[str, ...] = ()) -> None:
    body = DATA.sub(" ", text)
    for line in text.splitlines():  # the checklist's own metadata line (maintainers, reviewers, funding) is data
        if "Mantenida por" in line:
            body = body.replace(line, " ")
    left = [w for w in ENGLISH if w in body and w not in allowed]
    assert not left, f"English left in the Spanish document: {left}"


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pdf_lang(data: bytes) -> str | None:
    from pypdf import PdfReader

    lang = PdfReader(io.BytesIO(data)).trailer["/Root"].get("/Lang")
    return str(lang) if lang is not None else None


# --------------------------------------------------------------------------- through the installed entry point
@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "pdf"])
def test_run_writes_each_format_in_spanish(tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    r = invoke_cli("--lang", "es", "run", "-a", str(PERRY), "-f", fmt, "-o", str(out))
    assert r.returncode == 0, r.stderr
    if fmt == "pdf":
        data = out.read_bytes()
        assert _pdf_lang(data) == "es"
        text = _pdf_text(data)
        assert "Página 1 de" in text
    else:
        text = out.read_text(encoding="utf-8")
    if fmt == "json":
        doc = json.loads(text)
        assert NOTICE_ES in doc["disclaimer"]
        _crisis_es(" ".join(f"{c['name']}: {c['contact']}" for c in doc["crisis_lines"]), notice=False)
        assert doc["verdict"]["code"] == "stop" and doc["verdict"]["title"].startswith("Alto")
        assert not any(a["text"] in ("unsure", "prefer not to say") for a in doc["answers"])
        return
    _crisis_es(text)
    flat = " ".join(re.sub(r'<span aria-hidden="true">([^<]*)</span>', r"\1", text).split())
    assert CREDIT_ES in flat and REVIEW_ES in flat
    assert "Preguntas para hacerle a su clínica" in flat and "Sus respuestas" in flat and "Fuentes" in flat
    assert "Preocupaciones, las más graves primero" in flat
    assert re.search(
        r"informe hecho el \d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
        r"octubre|noviembre|diciembre) de \d{4}",
        flat,
    )
    assert "Preocupaciones señaladas: 9 críticas" in flat  # the counts agree with "preocupación"
    assert "!!! CRÍTICA" in flat and "Por qué importa" in flat
    _no_english(text)
    if fmt == "html":
        assert '<html lang="es">' in text
        assert '"Página " counter(page) " de " counter(pages)' in text


def test_report_and_print_in_spanish(tmp_path):
    out = tmp_path / "preguntas.md"
    r = invoke_cli("--lang", "es", "report", str(PERRY), "-f", "markdown", "--only", "questions", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "## Preguntas para hacerle a su clínica" in text and "Respuesta: ____" in text
    _crisis_es(text)
    _no_english(text)

    blank = tmp_path / "lista.pdf"
    r = invoke_cli("--lang", "es", "print", "-f", "pdf", "-o", str(blank))
    assert r.returncode == 0, r.stderr
    data = blank.read_bytes()
    assert _pdf_lang(data) == "es"
    text = _pdf_text(data)
    _crisis_es(text)
    flat = " ".join(text.split())
    assert "Lista en blanco · versión" in flat and "No sé" in flat and "Prefiero no decirlo" in flat
    assert "Qué hacer si marcó ⚠" in flat and "Clave: ⚠" in flat and "Notas:" in flat
    assert "Responda esta si" in flat and "a la pregunta" in flat
    assert CREDIT_ES in flat and REVIEW_ES in flat
    _no_english(text)


def test_blank_checklist_html_and_markdown_in_spanish(tmp_path):
    for fmt, name in (("html", "lista.html"), ("markdown", "lista.md")):
        out = tmp_path / name
        r = invoke_cli("--lang", "es", "print", "-f", fmt, "-o", str(out))
        assert r.returncode == 0, r.stderr
        text = out.read_text(encoding="utf-8")
        _crisis_es(text)
        assert "No sé" in text and "Prefiero no decirlo" in text and "Por qué importa:" in text
        assert "Marque una casilla en cada pregunta" in text
        assert "(lista en blanco)" in text
        _no_english(text)
        if fmt == "html":
            assert '<html lang="es">' in text and 'aria-label="casilla para marcar"' in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "pdf", "json"])
def test_compare_in_spanish(tmp_path, fmt):
    out = tmp_path / f"comparar.{fmt}"
    r = invoke_cli("--lang", "es", "compare", str(PERRY), str(WELL_RUN), "-f", fmt, "-o", str(out))
    assert r.returncode == 0, r.stderr
    if fmt == "pdf":
        data = out.read_bytes()
        assert _pdf_lang(data) == "es"
        text = _pdf_text(data)
    else:
        text = out.read_text(encoding="utf-8")
    if fmt == "json":
        doc = json.loads(text)
        assert NOTICE_ES in doc["disclaimer"]
        _crisis_es(" ".join(f"{c['name']}: {c['contact']}" for c in doc["crisis_lines"]), notice=False)
        return
    _crisis_es(text)
    flat = " ".join(text.split())
    assert "Comparación de" in flat or "Comparación de clínicas" in flat
    assert "señalada" in flat and "Resultado" in flat
    assert CREDIT_ES in flat
    _no_english(text)
    if fmt == "html":
        assert '<html lang="es">' in text


# --------------------------------------------------------------------------- in-process
def _result(lang: str):
    from clinic_ready.app import api
    from clinic_ready.io import yamlio
    from clinic_ready.io.loading import load_checklist

    cl = load_checklist(ROOT / "checklists" / "ketamine-clinic.yaml", lang=lang)
    data = yamlio.parse(PERRY.read_text(encoding="utf-8"), str(PERRY))
    return api.evaluate(cl, data)


def test_same_answers_same_json_result_in_both_languages():
    """Codes, ids and scores do not change with the language; only the texts do."""
    from clinic_ready.render.json_ import document

    docs = {}
    for lang in ("en", "es"):
        i18n.install(lang)
        try:
            docs[lang] = document(_result(lang))
        finally:
            i18n.install("en")
    en, es = docs["en"], docs["es"]
    assert en["verdict"]["code"] == es["verdict"]["code"] == "stop"
    assert en["verdict"]["title"] != es["verdict"]["title"]
    assert en["counts"] == es["counts"]
    assert [c["id"] for c in en["concerns"]] == [c["id"] for c in es["concerns"]]
    assert [c["severity"] for c in en["concerns"]] == [c["severity"] for c in es["concerns"]]
    assert [c["id"] for c in en["could_apply"]] == [c["id"] for c in es["could_apply"]]
    assert [q["concern"] for q in en["questions_to_ask"]] == [q["concern"] for q in es["questions_to_ask"]]
    assert [q["question"] for q in en["questions_to_ask"]] == [q["question"] for q in es["questions_to_ask"]]
    assert [(a["id"], a["state"], a["value"]) for a in en["answers"]] == [
        (a["id"], a["state"], a["value"]) for a in es["answers"]
    ]
    assert en["scores"] == es["scores"]
    assert en["concerns"][0]["title"] != es["concerns"][0]["title"]
    assert en["disclaimer"] != es["disclaimer"]
    # the Spanish sources the translation adds are cited, in addition to the English ones
    en_ids = {s["id"] for c in en["concerns"] for s in c["sources"]}
    es_ids = {s["id"] for c in es["concerns"] for s in c["sources"]}
    assert en_ids < es_ids


def test_spanish_words_of_the_shared_helpers(spanish):
    """What terminal.py also reads from common.py comes out in Spanish."""
    from clinic_ready.core.model import Severity
    from clinic_ready.render import common

    assert common.severity_label(Severity.critical) == "!!! CRÍTICA"
    assert common.SEVERITY_WORDS[Severity.info] == "Para su información"
    assert common.STATE_WORDS["unsure"] == "no sé" and common.STATE_WORDS["declined"] == "prefiero no decirlo"
    assert common.date_text(dt.date(2026, 11, 21)) == "21 de noviembre de 2026"
    r = _result("es")
    assert common.counts_text(r).startswith("9 críticas, 11 altas")
    assert r.checklist.currency_line().startswith("Datos revisados el ")
    about = common.about_lines(r.checklist, dt.date(2026, 11, 21))
    assert about[-1].startswith(CREDIT_ES) and REVIEW_ES in about[-1]
    assert common.because(r, r.findings[0].concern).startswith("Porque respondió «")
    if r.could_apply:
        assert common.depends_text(r.could_apply[0]).startswith("Podría aplicarse; depende de: ")


def test_the_english_check_finds_english(tmp_path):
    """The list of English words catches an English report (so the Spanish checks can fail)."""
    out = tmp_path / "report.md"
    r = invoke_cli("--lang", "en", "run", "-a", str(PERRY), "-f", "markdown", "-o", str(out))
    assert r.returncode == 0, r.stderr
    with pytest.raises(AssertionError, match="Questions to ask your clinic"):
        _no_english(out.read_text(encoding="utf-8"))
    with pytest.raises(AssertionError):
        _crisis_es(out.read_text(encoding="utf-8"))


def test_english_documents_keep_iso_dates_and_english_words():
    from clinic_ready.render import common
    from clinic_ready.render.views import report_view

    i18n.install("en")
    view = report_view(_result("en"), dt.date(2026, 11, 21))
    assert view.printed_on == "2026-11-21" and view.lang == "en"
    assert view.heading_questions == "Questions to ask your clinic"
    assert common.STATE_WORDS["unsure"] == "unsure"
    assert not [line for line in view.about if line.startswith(("Translated by", CREDIT_ES))]
