"""PDF with fpdf2 (pure Python, installs with plain pip everywhere) and the bundled DejaVu Sans.

Why fpdf2 (see docs/reports.md): no system libraries (WeasyPrint needs Pango), full Unicode with
an embedded TTF, page numbers through an alias, tables that break across pages with repeated
header rows, and it is the fastest option measured here.  Imported only when a PDF is asked for.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clinic_ready.model import Checklist, Result
from clinic_ready.render.views import BlankView, ReportView, blank_view, report_view
from clinic_ready.safe_text import clean_tree

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
BODY, SMALL, H1, H2, H3 = 10.5, 9, 18, 13.5, 11.5
GREY = (90, 90, 90)
HEADER_NAME = 160  # a longer clinic name is shortened in the header (it is in full in the answers)


def _pdf(view, paper: str, orientation: str = "P"):
    from fpdf import FPDF

    class Doc(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(FONT, "", 8.5)
            self.set_text_color(*GREY)
            self.cell(0, 4, view.footer, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    pdf = Doc(orientation=orientation, format="letter" if paper == "letter" else "A4")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(view.title)
    pdf.set_lang("en")  # the document language, for screen readers (the HTML report is the accessible version)
    pdf.set_creator("clinic-ready")
    pdf.add_page()
    return pdf


def _text(pdf, text: str, size: float = BODY, style: str = "", h: float | None = None, color=None) -> None:
    pdf.set_font(FONT, style, size)
    if color:
        pdf.set_text_color(*color)
    pdf.multi_cell(0, h or size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(0, 0, 0)


def _heading(pdf, text: str, size: float = H2) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    pdf.ln(3)
    _text(pdf, text, size, "B")
    if size == H2:
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.ln(2.5)


def _h(pdf, text: str, width: float, line: float, size: float, style: str = "") -> float:
    """Height a multi_cell would take (measured without drawing; cheap)."""
    from fpdf.enums import MethodReturnValue

    pdf.set_font(FONT, style, size)
    return pdf.multi_cell(width, line, text, dry_run=True, output=MethodReturnValue.HEIGHT, align="L")


def _room(pdf, height: float) -> None:
    """Start a new page unless a block of this height fits on the current one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _boxed(pdf, lines: list[tuple[str, str, float]], width: float = 0.4) -> None:
    """A bordered block of (text, style, size) lines that is never split across pages."""
    inner = pdf.w - pdf.l_margin - pdf.r_margin - 6
    _room(pdf, 4 + sum(_h(pdf, t, inner, sz * 0.5, sz, st) for t, st, sz in lines))
    _boxed_draw(pdf, lines, width)
    pdf.ln(3)


def _boxed_draw(doc, lines, width) -> None:
    top = doc.get_y()
    doc.ln(2)
    doc.set_x(doc.l_margin + 3)
    for text, style, size in lines:
        doc.set_font(FONT, style, size)
        doc.set_x(doc.l_margin + 3)
        doc.multi_cell(doc.w - doc.l_margin - doc.r_margin - 6, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    doc.ln(2)
    doc.set_line_width(width)
    doc.rect(doc.l_margin, top, doc.w - doc.l_margin - doc.r_margin, doc.get_y() - top)


def _tick_box(pdf, x: float, y: float, size: float = 3.6) -> None:
    pdf.set_line_width(0.3)
    pdf.rect(x, y, size, size)


def _crisis(pdf, view) -> None:
    lines = [(view.crisis_heading + ":", "B", BODY)] + [(f"{who}: {how}", "", BODY) for who, how in view.crisis]
    _boxed(pdf, lines, width=0.8)


def _sources(pdf, sources) -> None:
    _heading(pdf, "Sources")
    for s in sources:
        _text(pdf, f"[{s.number}] {s.text}", SMALL)
        pdf.ln(0.8)


TABLE_SIZE, TABLE_LINE, PAD = SMALL + 0.5, 4.6, 1.2


def _table(pdf, headings: tuple[str, str], rows: list[tuple[str, str]], widths=(68, 32)) -> None:
    """A two-column table drawn row by row.  A row moves whole to the next page (the heading row is
    repeated there); a row taller than a page is printed as two full-width paragraphs instead, so
    no valid text, however long, can fail to fit."""
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    w1 = usable * widths[0] / sum(widths)
    cols = (w1, usable - w1)
    page_room = pdf.page_break_trigger - pdf.t_margin - 12
    _row(pdf, headings, cols, bold=True)
    for a, b in rows:
        height = _row_height(pdf, (a, b), cols)
        if height > page_room:
            _text(pdf, a, TABLE_SIZE, "B", h=TABLE_LINE)
            _text(pdf, b, TABLE_SIZE, h=TABLE_LINE)
            pdf.set_line_width(0.2)
            pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
            pdf.ln(1.5)
            continue
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            _row(pdf, headings, cols, bold=True)
        _row(pdf, (a, b), cols)
    pdf.ln(2)


def _row_height(pdf, cells, cols) -> float:
    return max(_h(pdf, text, w - 2 * PAD, TABLE_LINE, TABLE_SIZE) for text, w in zip(cells, cols)) + 2 * PAD


def _row(pdf, cells, cols, bold: bool = False) -> None:
    height = _row_height(pdf, cells, cols)
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_line_width(0.2)
    if bold:
        pdf.set_fill_color(225, 225, 225)
        pdf.rect(x, y, sum(cols), height, style="DF")
    for text, w in zip(cells, cols):
        pdf.rect(x, y, w, height)
        pdf.set_xy(x + PAD, y + PAD)
        pdf.set_font(FONT, "B" if bold else "", TABLE_SIZE)
        pdf.multi_cell(w - 2 * PAD, TABLE_LINE, text, align="L")
        x += w
    pdf.set_xy(pdf.l_margin, y + height)


class PdfTextWarning(UserWarning):
    """Some characters cannot be shown in the PDF (the bundled font lacks them)."""


def _font_chars() -> frozenset[int]:
    global _CHARS
    if _CHARS is None:
        from fontTools.ttLib import TTFont

        chars: set[int] = set()
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            font = TTFont(str(FONTS / name), lazy=True)
            chars |= set(font.getBestCmap())
            font.close()
        _CHARS = frozenset(chars)
    return _CHARS


_CHARS: frozenset[int] | None = None
_INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFE0E, 0xFE0F}


def check_glyphs(fields) -> None:
    """Warn, naming the field, about characters the bundled font cannot show (they are left out)."""
    import unicodedata
    import warnings

    have = _font_chars()
    seen: set[str] = set()
    for label, text in fields:
        if not text or text in seen:  # the clinic name is also an answer: one warning
            continue
        seen.add(text)
        missing = []
        for ch in dict.fromkeys(text or ""):
            code = ord(ch)
            if code in have or code in _INVISIBLE or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Mn"):
                continue
            missing.append(ch)
        if missing:
            shown = " ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            warnings.warn(PdfTextWarning(
                f"clinic-ready: warning: the PDF font cannot show some characters in {label} ({shown}); "
                "they are left out of the PDF — the HTML report (--format html) shows them"
            ), stacklevel=2)


def _report_fields(view: ReportView):
    yield "the clinic name", view.clinic_name
    yield "the checklist title", view.title
    for _title, rows in view.answers:
        for prompt, answer in rows:
            short = prompt if len(prompt) <= 60 else prompt[:57] + "…"
            yield f"the question “{short}”", prompt
            yield f"the answer to “{short}”", answer
    for _label, _sev, items in view.groups:
        for c in items:
            yield f"the concern “{c.title[:60]}”", " ".join((c.title, c.why, c.ask, c.action))
    for s in view.sources:
        yield f"source [{s.number}]", s.text


def _quietly(draw, view, paper: str) -> bytes:
    """Draw with fpdf2's own missing-glyph log silenced: ours (check_glyphs) names the field."""
    import logging

    log = logging.getLogger("fpdf.output")
    level, log.level = log.level, logging.ERROR
    try:
        return draw(view, paper)
    finally:
        log.level = level


def render(result: Result, paper: str = "letter", today: dt.date | None = None, explain: bool = False, **_: object) -> bytes:
    """The report as PDF bytes."""
    view: ReportView = clean_tree(report_view(result, today or dt.date.today(), explain))
    check_glyphs(_report_fields(view))
    return _quietly(_render_report, view, paper)


def _render_report(view: ReportView, paper: str) -> bytes:
    pdf = _pdf(view, paper)
    _text(pdf, view.title, H1, "B", h=8.5)
    if view.clinic_name:
        name = view.clinic_name if len(view.clinic_name) <= HEADER_NAME else view.clinic_name[:HEADER_NAME].rstrip() + "… (in full under All answers)"
        _text(pdf, f"Clinic: {name}", BODY, "B")
    _text(pdf, f"Checklist version {view.version} · {view.currency} · report made {view.printed_on}", SMALL, color=GREY)
    for line in view.about:
        _text(pdf, line, SMALL, color=GREY)
    pdf.ln(2)
    _boxed(pdf, [(view.notice, "B", SMALL), (view.crisis_line + ".", "", SMALL)])
    if view.urgent:
        lines = [("Urgent: get help now", "B", H3)]
        for c in view.urgent:
            lines.append((f"{c.title}. {c.action}", "B", BODY))
            if c.because:
                lines.append((c.because, "", SMALL))
        lines += [(f"•  {line}", "", BODY) for line in view.urgent_lines]
        _boxed(pdf, lines, width=1.6)
    _boxed(pdf, [("Verdict: " + view.verdict_title, "B", H3), (view.verdict_text, "", BODY), (view.counts_text, "", SMALL)],
           width=1.2 if view.verdict_code in ("urgent", "stop", "discuss", "held") else 0.6)
    if view.first_steps:
        _heading(pdf, "First steps")
        for n, step in enumerate(view.first_steps, 1):
            _text(pdf, f"{n}. {step}")
            pdf.ln(0.8)

    _heading(pdf, "Concerns, most serious first")
    if not view.groups:
        _text(pdf, "No concern was raised by these answers.")
    for label, _sev, items in view.groups:
        _heading(pdf, f"{label} ({len(items)})", H3)
        for c in items:
            _concern(pdf, c)
    if view.could_apply:
        _heading(pdf, "Could apply")
        _text(pdf, "Not raised, but your open answers leave these possible. Find out the answers.", SMALL, color=GREY)
        pdf.ln(1.5)
        for p in view.could_apply:
            _room(pdf, 14)
            _text(pdf, f"{p.label} · {p.title}", BODY, "B")
            _text(pdf, p.depends, SMALL + 0.5)
            pdf.ln(2)

    pdf.add_page()
    _heading(pdf, "Questions to ask your clinic")
    _text(pdf, "Tick each question when it has been answered, and write the answer on the line.", SMALL, color=GREY)
    pdf.ln(1.5)
    for item in view.ask_list or []:
        _ask(pdf, item.text, item.about)
    if not view.ask_list:
        _text(pdf, "No questions: nothing was raised and nothing is open.")

    _heading(pdf, "Not assessed")
    if view.not_assessed:
        _table(pdf, ("Question", "State"), view.not_assessed)
    else:
        _text(pdf, "Every question was answered.")
    _heading(pdf, "All answers")
    for title, rows in view.answers:
        _heading(pdf, title, H3)
        _table(pdf, ("Question", "Answer"), rows)
    _sources(pdf, view.sources)
    _heading(pdf, "About this report")
    _text(pdf, view.checklist_notice)
    pdf.ln(1)
    _text(pdf, view.notice, BODY, "B")
    pdf.ln(2)
    _crisis(pdf, view)
    return bytes(pdf.output())


LABEL_W = 31


def _concern(pdf, c) -> None:
    full = pdf.w - pdf.l_margin - pdf.r_margin - 4
    rows = (c.why, c.ask, c.action, c.refs) + ((c.because,) if c.because else ())
    height = _h(pdf, f"{c.label} · {c.title}", full, 5.2, BODY, "B")
    height += sum(max(4.8, _h(pdf, v, full - LABEL_W, 4.8, SMALL + 0.5)) for v in rows)
    _room(pdf, height)
    _concern_draw(pdf, c)
    pdf.ln(3)


def _concern_draw(doc, c) -> None:
    widths = {"critical": 1.6, "high": 1.1}.get(c.severity, 0.5)
    top = doc.get_y()
    doc.set_x(doc.l_margin + 4)
    doc.set_font(FONT, "B", BODY)
    doc.multi_cell(0, 5.2, f"{c.label} · {c.title}", new_x="LMARGIN", new_y="NEXT", align="L")
    rows = ((("Because", c.because.removeprefix("Because ")),) if c.because else ()) + (("Why it matters", c.why), ("Ask", c.ask), ("What to do", c.action), ("Sources", c.refs))
    for name, value in rows:
        doc.set_x(doc.l_margin + 4)
        doc.set_font(FONT, "B", SMALL + 0.5)
        doc.cell(LABEL_W, 4.8, name)
        doc.set_font(FONT, "", SMALL + 0.5)
        doc.multi_cell(0, 4.8, value, new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_line_width(widths)
    doc.line(doc.l_margin + 1, top, doc.l_margin + 1, doc.get_y())


def _ask(pdf, text: str, about: str) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin - 7
    _room(pdf, _h(pdf, text, width, 5, BODY) + _h(pdf, about, width, 4, SMALL - 0.5) + 7)
    _ask_draw(pdf, text, about)


def _ask_draw(doc, text: str, about: str) -> None:
    y = doc.get_y()
    _tick_box(doc, doc.l_margin, y + 0.6)
    doc.set_x(doc.l_margin + 7)
    doc.set_font(FONT, "", BODY)
    doc.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_x(doc.l_margin + 7)
    doc.set_font(FONT, "", SMALL - 0.5)
    doc.set_text_color(*GREY)
    doc.multi_cell(0, 4, about, new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_text_color(0, 0, 0)
    doc.ln(4)
    doc.set_line_width(0.2)
    doc.line(doc.l_margin + 7, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
    doc.ln(3)


def render_blank(checklist: Checklist, paper: str = "letter", today: dt.date | None = None) -> bytes:
    """The blank paper checklist as PDF bytes."""
    view: BlankView = clean_tree(blank_view(checklist, today or dt.date.today()))
    check_glyphs([("the checklist", " ".join(
        [view.title, view.intro] + [" ".join((q.prompt, q.help, *q.options)) for _t, _i, _w, qs in view.sections for q in qs]
    ))])
    return _quietly(_render_blank, view, paper)


def _render_blank(view: BlankView, paper: str) -> bytes:
    pdf = _pdf(view, paper)
    _text(pdf, view.title, H1, "B", h=8.5)
    _text(pdf, f"Blank checklist · version {view.version} · {view.currency} · printed {view.printed_on}", SMALL, color=GREY)
    for line in view.about:
        _text(pdf, line, SMALL, color=GREY)
    _text(pdf, f"For: {view.audience}", SMALL)
    pdf.ln(2)
    _boxed(pdf, [(view.notice, "B", SMALL), (view.crisis_line + ".", "", SMALL)])
    _text(pdf, view.intro)
    pdf.ln(1)
    _text(pdf, "Tick one box for each question (or every box that applies where it says so). Tick “Unsure” when you do not know: that is a question to ask the clinic.", SMALL, color=GREY)
    for title, intro, when, questions in view.sections:
        _heading(pdf, title)
        if when:
            _text(pdf, when, SMALL, color=GREY)
        if intro:
            _text(pdf, intro, SMALL)
            pdf.ln(1)
        for q in questions:
            _blank_question(pdf, q)
    _sources(pdf, view.sources)
    pdf.ln(2)
    _text(pdf, view.checklist_notice, SMALL)
    pdf.ln(2)
    _crisis(pdf, view)
    return bytes(pdf.output())


def _blank_question(pdf, q) -> None:
    full = pdf.w - pdf.l_margin - pdf.r_margin
    height = 1.5 + _h(pdf, f"{q.number}. {q.prompt}", full, 5, BODY, "B")
    if q.condition:
        height += _h(pdf, q.condition, full, SMALL * 0.5, SMALL)
    if q.hint:
        height += _h(pdf, q.hint + ":", full, SMALL * 0.5, SMALL) + (0 if q.multi else 5.5)
    height += _options(pdf, q.options, draw=False)
    height += _h(pdf, "Why it matters: " + q.help, full, (SMALL - 0.5) * 0.5, SMALL - 0.5) + 8
    _room(pdf, height)
    _blank_question_draw(pdf, q)


def _blank_question_draw(doc, q) -> None:
    doc.ln(1.5)
    doc.set_font(FONT, "B", BODY)
    doc.multi_cell(0, 5, f"{q.number}. {q.prompt}", new_x="LMARGIN", new_y="NEXT", align="L")
    if q.condition:
        _text(doc, q.condition, SMALL, color=GREY)
    if q.hint:
        _text(doc, q.hint + ":", SMALL, color=GREY)
        if not q.multi:
            doc.ln(4)
            doc.set_line_width(0.2)
            doc.line(doc.l_margin + 6, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
            doc.ln(1.5)
    _options(doc, q.options)
    _text(doc, "Why it matters: " + q.help, SMALL - 0.5, color=GREY)
    doc.ln(5)
    doc.set_line_width(0.15)
    doc.set_font(FONT, "", SMALL - 1)
    doc.set_text_color(*GREY)
    doc.cell(12, 0, "Notes:")
    doc.set_text_color(0, 0, 0)
    doc.line(doc.l_margin + 12, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
    doc.ln(3)


def _options(pdf, options: tuple[str, ...], draw: bool = True) -> float:
    """Tick boxes flowed across lines; returns the height used (draw=False only measures)."""
    pdf.set_font(FONT, "", SMALL + 0.5)
    right = pdf.w - pdf.r_margin
    x = pdf.l_margin + 6
    start = y = pdf.get_y() + 1
    for label in options:
        width = min(pdf.get_string_width(label) + 10, right - pdf.l_margin - 6)
        if x + width > right:
            x, y = pdf.l_margin + 6, y + 6
        if width >= right - pdf.l_margin - 6:  # a long label gets its own wrapped line
            if draw:
                _tick_box(pdf, x, y + 0.4, 3.4)
                pdf.set_xy(x + 5, y)
                pdf.multi_cell(right - x - 5, 4.6, label, new_x="LMARGIN", new_y="NEXT", align="L")
                y = pdf.get_y() + 1.4
            else:
                y += _h(pdf, label, right - x - 5, 4.6, SMALL + 0.5) + 1.4
                pdf.set_font(FONT, "", SMALL + 0.5)
            x = pdf.l_margin + 6
            continue
        if draw:
            _tick_box(pdf, x, y + 0.4, 3.4)
            pdf.set_xy(x + 5, y)
            pdf.cell(width - 5, 4.6, label)
        x += width + 2
    if draw:
        pdf.set_xy(pdf.l_margin, y + 6.5)
    return y + 6.5 - start + 1
