"""PDF pages as a person holds them (issue 28): no page but the last is left nearly empty (a
line that overflowed onto page 2, then the questions on page 3), and after writing a PDF the
person is told how many pages it has and where the questions to ask start."""

from __future__ import annotations

import io

import pytest
from helpers import EXAMPLES, run_cli
from pypdf import PdfReader

from clinic_ready.core import engine, selftest
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import pdf

CL = load_checklist(shipped()["ketamine-clinic"])
MM = 72 / 25.4
#: profiles whose report once left page 2 holding a line or two (supporter tips that overflowed)
OVERFLOWING = (
    "telehealth troches taken alone",
    "benzodiazepine at a monitored clinic",
    "Perry-like: at-home injections after addiction, on buprenorphine",
)


def page_fill(data: bytes) -> list[float]:
    """How far down each page the text reaches, as a share of the area between the margins
    (the footer below the bottom margin is not counted)."""
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        height = float(page.mediabox.height)
        ys: list[float] = []
        page.extract_text(
            visitor_text=lambda text, cm, tm, _f, _s: ys.append(tm[5] * cm[3] + cm[5]) if text.strip() else None  # noqa: B023
        )
        body = [y for y in ys if y > 15 * MM + 2]
        top, bottom = height - 12 * MM, 15 * MM
        out.append((top - min(body)) / (top - bottom) if body else 0.0)
    return out


@pytest.mark.parametrize(
    "name, paper", [(OVERFLOWING[0], "letter"), (OVERFLOWING[1], "letter"), (OVERFLOWING[2], "a4")]
)
def test_no_page_but_the_last_is_nearly_empty(name, paper):
    example = next(e for e in CL.examples if e.name == name)
    answers = selftest.answers_for(CL, example)
    answers.respondent = "supporter"
    fill = page_fill(pdf.render(engine.evaluate(CL, answers), paper=paper))
    assert len(fill) >= 3
    assert all(f >= pdf.MIN_FILL for f in fill[:-1]), fill


def test_writing_a_pdf_says_where_the_questions_are(tmp_path):
    out = tmp_path / "r.pdf"
    r = run_cli("report", str(EXAMPLES / "well-run-clinic.yaml"), "-f", "pdf", "-o", str(out))
    assert r.returncode == 0
    pages = len(PdfReader(out).pages)
    assert r.stderr.strip() == f"Wrote {out} ({pages} pages; “Questions to ask your clinic” starts on page 2)"
    html = run_cli("report", str(EXAMPLES / "well-run-clinic.yaml"), "-f", "html", "-o", str(tmp_path / "r.html"))
    assert html.stderr.strip() == f"Wrote {tmp_path / 'r.html'}"
