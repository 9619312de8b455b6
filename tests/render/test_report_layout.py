"""Issue 12: reports that fit in a hand — order, each item once, page budget, keep-with-next,
unsplit concerns, questions printable on their own, supporter mode, no internal ids."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from helpers import EXAMPLES, invoke_cli

from clinic_ready.core import engine
from clinic_ready.core.model import SupporterTip
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import renderer

TODAY = dt.date(2026, 11, 21)
CL = load_checklist(shipped()["ketamine-clinic"])


def result(example: str, cl=CL, respondent: str | None = None):
    answers, _ = load_answers(EXAMPLES / example, cl)
    if respondent:
        answers.respondent = respondent
    return engine.evaluate(cl, answers)


def pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=["perry-like.yaml", "well-run-clinic.yaml"])
def doc(request):
    r = result(request.param)
    data = renderer("pdf").render(r, paper="letter", today=TODAY)
    return request.param, r, data, pages(data)


def test_page_budget(doc):
    name, _r, _data, texts = doc
    assert len(texts) <= {"perry-like.yaml": 9, "well-run-clinic.yaml": 4}[name]


def test_questions_to_ask_start_page_two(doc):
    _name, _r, _data, texts = doc
    assert "Questions to ask your clinic" not in texts[0]
    assert "Questions to ask your clinic" in texts[1].splitlines()[0:3][0] or texts[1].lstrip().startswith(
        "Questions to ask your clinic"
    )


def _body_lines(text: str) -> list[str]:
    return [
        ln
        for ln in text.splitlines()
        if ln.strip() and "Not medical advice. Crisis" not in ln and not re.match(r"Page \d+ of \d+", ln.strip())
    ]


def test_no_heading_is_the_last_line_of_a_page(doc):
    _name, r, _data, texts = doc
    from clinic_ready.render.common import SEVERITY_WORDS

    headings = {
        "First steps",
        "Questions to ask your clinic",
        "Concerns, most serious first",
        "Your answers",
        "Sources",
        "About this report",
        "Could apply: not raised, not ruled out",
    }
    headings |= {s.title for s in r.checklist.sections}
    headings |= {f"{sev.symbol} {w.upper()}" for sev, w in SEVERITY_WORDS.items()}
    for n, text in enumerate(texts[:-1], 1):
        last = _body_lines(text)[-1].strip()
        assert not any(last == h or re.fullmatch(re.escape(h) + r" \(\d+\)", last) for h in headings), (n, last)


def test_a_concern_is_never_split_across_pages(doc):
    _name, r, _data, texts = doc
    flat = [squash(t) for t in texts]
    for f in r.findings:
        if f.concern.urgent:
            continue
        title = squash(f.concern.title)
        why = squash(f.concern.why)
        on = [n for n, t in enumerate(flat) if title in t and why[:40] in t]
        assert on, f.concern.title  # title and why-it-matters on one page
        page = flat[on[0]]
        after = page[page.index(title) :]
        assert squash(" ".join(f.concern.why.split())[-30:]) in after, (
            f.concern.title
        )  # the card's end is on that page too


def test_no_page_under_a_quarter_full_except_the_last(doc):
    from pypdf import PdfReader

    _name, _r, data, _texts = doc
    reader = PdfReader(io.BytesIO(data))
    for n, page in enumerate(reader.pages[:-1], 1):
        ys: list[float] = []

        def visit(text, cm, tm, font, size, ys=ys):
            if text.strip() and "Not medical advice. Crisis" not in text and not text.startswith("Page "):
                ys.append(tm[5] * cm[3] + cm[5] if cm[3] else tm[5])

        page.extract_text(visitor_text=visit)
        height = float(page.mediabox.height)
        lowest = min(y for y in ys if y > 40)  # above the footer
        used = (height - lowest) / height
        assert used >= 0.25, (n, used)


@pytest.mark.parametrize("example", ["perry-like.yaml", "well-run-clinic.yaml"])
@pytest.mark.parametrize("fmt", ["pdf", "html", "markdown"])
def test_no_internal_ids_in_patient_facing_documents(example, fmt):
    r = result(example)
    out = renderer(fmt).render(r, paper="letter", today=TODAY)
    text = "\n".join(pages(out)) if fmt == "pdf" else out.replace("\\_", "_")
    ids = [c.id for c in r.checklist.concerns] + list(r.checklist.questions)
    for i in ids:
        if "_" in i:
            assert i not in text, i


def test_markdown_order_and_each_ask_once():
    r = result("perry-like.yaml")
    md = renderer("markdown").render(r, today=TODAY).replace("\\", "")
    order = [
        "## Verdict:",
        "## First steps",
        "## Questions to ask your clinic",
        "## Concerns, most serious first",
        "## Could apply",
        "## Your answers",
        "## Sources",
        "## About this report",
        "## If you are in crisis",
    ]
    at = [md.index(h) for h in order[:-1]] + [md.rindex(order[-1])]  # the closing crisis section (a suicide
    assert at == sorted(at)  # concern that could apply also puts one first)
    assert md.index("988") < md.index("## Verdict:")  # the crisis lines also stay in the header
    for item in r.ask_list:
        # each ask once (the cards refer to it by number); an open answer's question also in Your answers
        assert md.count(item.text) == (2 if item.question_id else 1), item.text
    assert "see question 1 in Questions to ask" in md
    private = set(r.private)  # kept private: a topic for the prescriber, never a question (N8)
    for i in r.not_assessed:  # unsure items: in the ask list and in Your answers only
        if i.question.id in private:
            assert i.question.topic in md, i.question.id
            continue
        assert md.count(" ".join(i.question.prompt.split())) == 2, i.question.id
    for p in r.could_apply:  # a careful reader still sees which concerns could apply, and why
        assert p.concern.title in md


def test_supporter_report_says_who_answered_and_how_to_help():
    src = CL.sources[0].id
    cl = CL.model_copy(
        update={"supporter_tips": [SupporterTip(text="Drive them home after each session.", sources=[src])]}
    )
    r = result("perry-like.yaml", cl, "supporter")
    number = [s.id for s in engine_sources(r)].index(src) + 1
    md = renderer("markdown").render(r, today=TODAY)
    html = renderer("html").render(r, today=TODAY)
    pdf = squash("\n".join(pages(renderer("pdf").render(r, today=TODAY))))
    for text in (md, html):
        assert "Answered by someone helping the person considering treatment." in text
        assert "How you can help" in text
        assert f"Drive them home after each session. [{number}]" in text.replace('<span class="refs">', "").replace(
            "</span>", ""
        )
    assert (
        squash("Answered by someone helping the person considering treatment.") in pdf
        and squash("How you can help") in pdf
    )
    patient = renderer("markdown").render(result("perry-like.yaml", cl), today=TODAY)
    assert "Answered by someone helping" not in patient and "How you can help" not in patient


def engine_sources(r):
    from clinic_ready.render.common import Citations

    cl = r.checklist
    return Citations.of(r, extra=[cl.source_by_id[s] for t in cl.supporter_tips for s in t.sources]).order


def test_report_only_questions(tmp_path):
    out = tmp_path / "q.pdf"
    p = invoke_cli("report", str(EXAMPLES / "perry-like.yaml"), "-f", "pdf", "--only", "questions", "-o", str(out))
    assert p.returncode == 0, p.stderr
    text = "\n".join(pages(out.read_bytes()))
    assert "Questions to ask your clinic" in text and "988" in text and "1-800-662-4357" in text
    assert "Concerns, most serious first" not in text and "Your answers" not in text
    md = invoke_cli("report", str(EXAMPLES / "perry-like.yaml"), "-f", "markdown", "--only", "questions")
    assert md.returncode == 0 and "## Questions to ask your clinic" in md.stdout and "## Concerns" not in md.stdout
    bad = invoke_cli("report", str(EXAMPLES / "perry-like.yaml"), "-f", "pdf", "--only", "answers", "-o", str(out))
    assert bad.returncode == 2 and "'answers' is not one of 'questions'" in bad.stderr


def test_a_supporters_answers_read_in_the_third_person():
    import yaml
    from helpers import FIXTURES

    from clinic_ready.core.model import Answer, Answers
    from clinic_ready.io.loading import parse_checklist

    data = yaml.safe_load((FIXTURES / "mini.yaml").read_text())
    data["sections"][0]["questions"][0]["prompt_supporter"] = "Is their blood pressure checked?"
    cl = parse_checklist(yaml.safe_dump(data, sort_keys=False), "mini.yaml")
    values = {"monitored": Answer.of("yes"), "meds": Answer.of(["none"]), "where": Answer.of("clinic")}
    supporter = renderer("markdown").render(
        engine.evaluate(cl, Answers(cl.id, None, dict(values), "supporter")), today=TODAY
    )
    patient = renderer("markdown").render(engine.evaluate(cl, Answers(cl.id, None, dict(values))), today=TODAY)
    assert "Is their blood pressure checked? — **Yes**" in supporter
    assert "Is your blood pressure checked? — **Yes**" in patient
