"""The PDF never fails on valid input: any Unicode text of any length the format allows, in
answers, prompts and choice labels (long words, long cells, characters the font lacks)."""

from __future__ import annotations

import json
import warnings

import yaml
from helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_ready.core import engine
from clinic_ready.core.coercion import MAX_TEXT
from clinic_ready.io.answers import parse_answers
from clinic_ready.io.loading import parse_checklist
from clinic_ready.render import pdf


def _checklist(prompt: str, label: str):
    data = yaml.safe_load((FIXTURES / "mini.yaml").read_text())
    qs = data["sections"][0]["questions"]
    qs.insert(0, {"id": "clinic_name", "type": "text", "prompt": "Clinic?", "help": "h", "required": False})
    qs[1]["prompt"] = prompt
    qs[2]["choices"][0]["label"] = label
    return parse_checklist(json.dumps(data, default=str), "cl.json")


def _pieces(draw, length: int) -> str:
    """Random Unicode (any script, emoji, combining marks, controls, no surrogates), as words
    or as one long word, of exactly the given length."""
    alphabet = st.characters(exclude_categories=("Cs",))
    seed = draw(st.text(alphabet, min_size=1, max_size=40))
    spaced = draw(st.booleans())
    unit = (seed + " ") if spaced else seed
    return (unit * (length // len(unit) + 1))[:length]


@st.composite
def texts(draw):
    name_len = draw(st.sampled_from([1, 40, 400, 1200, 1800, MAX_TEXT]))
    return (
        _pieces(draw, name_len).strip() or "x",
        _pieces(draw, draw(st.sampled_from([1, 300, 3000, 10000]))).strip() or "p",
        _pieces(draw, draw(st.sampled_from([1, 200, 2000]))).strip() or "l",
    )


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts())
def test_any_valid_text_makes_a_pdf(parts):
    name, prompt, label = parts
    cl = _checklist(prompt, label)
    data = {
        "checklist": "mini",
        "answers": {"clinic_name": name, "monitored": "no", "meds": ["opioid"], "where": "clinic", "age": 30},
    }
    answers, _ = parse_answers(data, cl, json.dumps(data), "a.json")
    result = engine.evaluate(cl, answers)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pdf.PdfTextWarning)
        doc = pdf.render(result, paper="a4")
        blank = pdf.render_blank(cl, paper="letter")
    assert doc.startswith(b"%PDF") and blank.startswith(b"%PDF")
