"""The blank paper checklist's key: ⚠ marks the answers that raise a critical or high concern."""

from __future__ import annotations

import datetime as dt
import io
import warnings

import yaml
from helpers import FIXTURES

from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist, parse_checklist
from clinic_ready.render import pdf, renderer
from clinic_ready.render.views import WARN, warning_signs

TODAY = dt.date(2026, 11, 21)


def checklist(concerns):
    data = yaml.safe_load((FIXTURES / "mini.yaml").read_text())
    data["sections"][0]["questions"].append(
        {
            "id": "sex",
            "type": "choice",
            "prompt": "Sex?",
            "help": "h",
            "choices": [{"value": "f", "label": "F", "score": 0}, {"value": "m", "label": "M", "score": 1}],
        }
    )
    data["scores"] = [{"id": "sc", "title": "A score", "items": ["where"], "source": "s1"}]
    data["sections"][0]["questions"][2]["choices"] = [
        {"value": "clinic", "label": "At the clinic", "score": 0},
        {"value": "home", "label": "At home", "score": 3},
    ]
    data["concerns"] = [dict(c, why="w", ask="a", action="d", sources=["s1"], title=c["id"]) for c in concerns]
    data.pop("examples", None)
    return parse_checklist(yaml.safe_dump(data, sort_keys=False), "mini.yaml")


def test_warning_signs_follow_the_serious_concerns_only():
    cl = checklist(
        [
            {"id": "c1", "severity": "critical", "when": {"question": "monitored", "equals": "no"}},
            {
                "id": "c2",
                "severity": "high",
                "when": {
                    "all": [
                        {"question": "meds", "includes": "opioid"},
                        {"not": {"question": "where", "equals": "clinic"}},
                    ]
                },
            },
            {"id": "c3", "severity": "moderate", "when": {"question": "meds", "includes": "benzo"}},
            {
                "id": "c4",
                "severity": "high",
                "when": {"all": [{"question": "age", "gte": 70}, {"not": {"question": "meds", "includes": "none"}}]},
            },
            {"id": "c5", "severity": "high", "when": {"question": "monitored", "state": ["unsure"]}},
            {
                "id": "c6",
                "severity": "critical",
                "when": {"all": [{"score": "sc", "gte": 3}, {"question": "sex", "equals": "f"}]},
            },
        ]
    )
    signs = warning_signs(cl)
    assert signs["monitored"] == {"no", "unsure"}  # a positive test, and a state test
    assert signs["meds"] == {"opioid"}  # not benzo (moderate only), nothing from a negated includes
    assert signs["where"] == {"home"}  # "not at the clinic" under not: home makes it point to the concern
    assert "sex" not in signs  # only picks the score's threshold


def test_a_question_whose_every_answer_is_marked_is_context_not_a_sign():
    cl = checklist(
        [
            {"id": "c1", "severity": "critical", "when": {"question": "where", "equals": "clinic"}},
            {"id": "c2", "severity": "critical", "when": {"question": "where", "equals": "home"}},
        ]
    )
    assert "where" not in warning_signs(cl)


def test_blank_documents_mark_warning_signs_and_say_what_to_do():
    cl = load_checklist(shipped()["ketamine-clinic"])
    md = renderer("markdown").render_blank(cl, today=TODAY)
    html = renderer("html").render_blank(cl, today=TODAY)
    q6 = md[md.index("**6. Does the person who prescribes") :]
    q6 = q6[: q6.index("Why it matters")]
    assert "- [ ] No ⚠" in q6 and "- [ ] Yes\n" in q6
    for text in (md, html):
        assert "What to do if you ticked ⚠" in text and "988" in text and "1-800-662-4357" in text
        assert "before the first dose" in text.lower()
    assert 'aria-label="warning sign">⚠</span>' in html


def test_the_warning_glyph_is_in_the_pdf_font_and_rendered():
    from pypdf import PdfReader

    assert ord(WARN) in pdf._font_chars()
    cl = load_checklist(shipped()["ketamine-clinic"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing-glyph warning
        data = pdf.render_blank(cl, paper="letter", today=TODAY)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert text.count("⚠") >= 20
    assert "What to do if you ticked ⚠" in text
