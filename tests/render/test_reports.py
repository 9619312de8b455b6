"""Printable reports (HTML, PDF, Markdown) and the blank paper checklist."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from helpers import EXAMPLES, FIXTURES

from clinic_ready.core import engine
from clinic_ready.core.model import Answers
from clinic_ready.io.answers import apply_sets, load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import renderer
from clinic_ready.wording import verdict_of

TODAY = dt.date(2026, 11, 21)
CL = load_checklist(shipped()["ketamine-clinic"])


def perry():
    answers, _ = load_answers(EXAMPLES / "perry-like.yaml", CL)
    return engine.evaluate(CL, answers)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def as_text(fmt: str, result) -> str:
    out = renderer(fmt).render(result, paper="letter", today=TODAY)
    return pdf_text(out) if fmt == "pdf" else out


@pytest.fixture(scope="module")
def perry_docs():
    r = perry()
    return r, {fmt: as_text(fmt, r) for fmt in ("html", "pdf", "markdown")}


@pytest.mark.parametrize("fmt", ["html", "pdf", "markdown"])
def test_every_format_holds_concerns_verdict_notice_and_crisis_numbers(perry_docs, fmt):
    result, docs = perry_docs
    flat = squash(docs[fmt]).replace("\\_", "_")
    for f in result.findings:
        assert squash(f.concern.title).replace("\\", "") in flat.replace("\\", ""), f.concern.id
    assert squash(verdict_of(result).title) in flat
    assert squash("Not medical advice") in flat
    for number in ("988", "1-800-662-4357", "911"):
        assert number in flat
    assert squash("Questions to ask your clinic") in flat
    assert squash(result.checklist.currency_line()) in flat and squash("report made 2026-11-21") in flat
    assert squash("a safety checklist lists risks by design") in flat.lower()


def test_pdf_pages_are_numbered_and_footed(perry_docs):
    from pypdf import PdfReader

    data = renderer("pdf").render(perry_docs[0], today=TODAY)
    pages = PdfReader(io.BytesIO(data)).pages
    assert 4 <= len(pages) <= 30  # sane for the longest shipped report
    for n, page in enumerate(pages, 1):
        text = page.extract_text()
        assert f"Page {n} of {len(pages)}" in text
        assert "988" in text and "Not medical advice" in text


def test_paper_sizes():
    from pypdf import PdfReader

    r = perry()
    letter = PdfReader(io.BytesIO(renderer("pdf").render(r, paper="letter", today=TODAY))).pages[0].mediabox
    a4 = PdfReader(io.BytesIO(renderer("pdf").render(r, paper="a4", today=TODAY))).pages[0].mediabox
    assert round(float(letter.width)) == 612 and round(float(a4.width)) == 595
    assert "size: A4" in renderer("html").render(r, paper="a4", today=TODAY)


def hostile_result():
    cl = load_checklist(FIXTURES / "unicode.yaml")
    a = Answers(cl.id)
    apply_sets(
        a,
        cl,
        [
            "clinic_name=<script>alert('x')</script> Clínica “Sol”",
            "notes=<img src=x onerror=alert(1)> **b** ≥ 3 — ok",
            "ok=no",
        ],
    )
    return engine.evaluate(cl, a)


def test_html_escapes_every_text_from_checklists_and_answers():
    html = renderer("html").render(hostile_result(), today=TODAY)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<h1>one" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Clínica “Sol”" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Café check — ≥ 2 hours &lt;b&gt;bold&lt;/b&gt; &amp; more" in html


def test_html_is_self_contained():
    html = renderer("html").render(perry(), today=TODAY)
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "@import" not in html and "url(" not in html
    assert not re.search(r"""src=["']?https?:""", html)  # nothing is fetched; sources are links to follow
    assert all(rel == "noopener noreferrer" for rel in re.findall(r'<a href="https?:[^"]*" rel="([^"]*)"', html))


def test_pdf_keeps_unicode():
    text = pdf_text(renderer("pdf").render(hostile_result(), today=TODAY))
    for needle in ("Café", "—", "≥", "Clínica", "“Sol”", "Ünïcode"):
        assert needle in text


def test_markdown_escapes_markup():
    md = renderer("markdown").render(hostile_result(), today=TODAY)
    assert not re.search(r"(?<!\\)<", md)  # every < is escaped
    assert "\\*\\*b\\*\\*" in md
    assert "**Clinic:** \\<script\\>" in md


def test_clinic_name_in_every_header():
    r = hostile_result()
    assert "Clinic:</strong> &lt;script&gt;" in renderer("html").render(r, today=TODAY)
    assert "Clinic: <script>alert('x')</script> Clínica" in pdf_text(renderer("pdf").render(r, today=TODAY))


@pytest.mark.parametrize("fmt", ["html", "pdf", "markdown"])
@pytest.mark.parametrize("cid", sorted(shipped()))
def test_blank_checklist_contains_every_question(fmt, cid):
    cl = load_checklist(shipped()[cid])
    out = renderer(fmt).render_blank(cl, paper="a4", today=TODAY)
    text = squash(pdf_text(out) if fmt == "pdf" else out).replace("\\", "")
    text = text.replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&")
    from clinic_ready.render.views import paper_numbers

    numbers = paper_numbers(cl)
    for q in cl.questions.values():
        assert squash(f"{numbers[q.id]}.") in text
        assert squash(q.prompt).replace("\\", "") in text, q.id
    for needle in ("Unsure", "988", "1-800-662-4357", "911"):
        assert needle in text


def test_blank_checklist_writes_conditions_in_words():
    html = renderer("html").render_blank(CL, today=TODAY)
    assert "Answer this if you answered “Spravato (esketamine) nasal spray” to question 3." in html
    assert (
        "Answer this if (you answered “At home” or “Somewhere else" in html and "to question 4)" in html
    )  # the home section


def test_a_report_after_review_by_says_calmly_that_the_checklist_is_due_for_review():
    import datetime as dt

    r = perry()
    late = renderer("markdown").render(r, today=dt.date(2027, 1, 5))
    assert "This checklist is due for review" in late and "2026-12-31" in late
    on_time = renderer("markdown").render(r, today=dt.date(2026, 12, 31))
    assert "due for review" not in on_time
    assert "Facts checked 2026-12-07 · review due 2026-12-31" in on_time
