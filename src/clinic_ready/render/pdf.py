"""PDF with fpdf2 (pure Python, installs with plain pip everywhere) and the bundled DejaVu Sans.

Why fpdf2 (see docs/reports.md): no system libraries (WeasyPrint needs Pango), full Unicode with
an embedded TTF, page numbers through an alias, tables that break across pages with repeated
header rows, and it is the fastest option measured here.  Imported only when a PDF is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from clinic_ready.core.model import Checklist
from clinic_ready.dates import today as _today
from clinic_ready.i18n import _
from clinic_ready.render.common import because_prefix
from clinic_ready.render.printed import report_renderer
from clinic_ready.render.views import WARN, BlankView, ReportView, blank_view
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
            self.set_y(-11)
            page = view.page_of.format(page=self.page_no(), pages="{nb}")
            size = 8.5
            self.set_font(FONT, "", size)
            room = self.w - self.l_margin - self.r_margin - self.get_string_width(page.replace("{nb}", "99")) - 4
            while (
                size > 6 and self.get_string_width(view.footer) > room
            ):  # a longer language: smaller, never overlapping
                size -= 0.25
                self.set_font(FONT, "", size)
            self.set_text_color(*GREY)
            self.cell(0, 4, view.footer, align="L")
            self.set_x(self.l_margin)
            self.set_font(FONT, "", 8.5)
            self.cell(0, 4, page, align="R")
            self.set_text_color(0, 0, 0)

    pdf = Doc(orientation=orientation, format="letter" if paper == "letter" else "A4")
    _LINE_CACHE.clear()
    LAST_LAYOUT.clear()
    pdf.set_margins(13, 12, 13)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(view.title)
    pdf.set_lang(view.lang)  # the document language, for screen readers (the HTML report is the accessible version)
    pdf.set_creator("clinic-ready")
    pdf.add_page()
    return pdf


def _text(pdf, text: str, size: float = BODY, style: str = "", h: float | None = None, color=None) -> None:
    if color:
        pdf.set_text_color(*color)
    _para(pdf, text, pdf.w - pdf.r_margin - pdf.get_x(), h or size * 0.5, size, style)
    pdf.set_x(pdf.l_margin)
    pdf.set_text_color(0, 0, 0)


# ------------------------------------------------------------------ text measured and wrapped once
# fpdf2's multi_cell re-measures the whole line for every character it adds (quadratic in the
# line's length), and a dry run costs as much as drawing.  Here each word's width is looked up
# once in the font's width table (cached per style), lines are broken greedily at spaces as
# multi_cell does (a word wider than the line is broken between characters), and each line is
# drawn with a plain cell.  Measuring and drawing use the same lines, so a measured block always
# takes exactly the height measured.


def _units(pdf, style: str):
    """A cached function: a word's width in font units (1/1000 em) in this style."""
    cache = _UNIT_CACHE.get(style)
    if cache is None:
        cw = pdf.fonts[FONT.lower() + style].cw
        words: dict[str, float] = {}

        def cache(word: str) -> float:
            width = words.get(word)
            if width is None:
                width = words[word] = sum(cw[ord(c)] for c in word)
            return width

        _UNIT_CACHE[style] = cache
    return cache


_UNIT_CACHE: dict = {}  # the bundled font only: the same widths for every document


def _lines(pdf, text: str, width: float, size: float, style: str = "") -> list[str]:
    """``text`` broken into lines that fit ``width`` (mm) at ``size`` points, as multi_cell would."""
    key = (text, round(width, 3), size, style)
    hit = _LINE_CACHE.get(key)
    if hit is not None:
        return hit
    units = _units(pdf, style)
    room = (width - 2 * pdf.c_margin) * pdf.k * 1000 / size  # in font units
    space = units(" ")
    out: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            w = units(word)
            if line and used + space + w <= room:
                line.append(word)
                used += space + w
                continue
            if line:
                out.append(" ".join(line))
                line, used = [], 0.0
            while w > room and len(word) > 1:  # a word wider than the line: break it between characters
                cut, acc = 0, 0.0
                for ch in word:
                    cw = units(ch)
                    if acc + cw > room and cut:
                        break
                    acc += cw
                    cut += 1
                out.append(word[:cut])
                word = word[cut:]
                w = units(word)
            line, used = [word], w
        out.append(" ".join(line))
    _LINE_CACHE[key] = out
    return out


_LINE_CACHE: dict = {}  # emptied for each document (see _pdf)


def _para(pdf, text: str, width: float, line: float, size: float, style: str = "") -> None:
    """Draw ``text`` wrapped to ``width`` from the current x, one cell per line."""
    x = pdf.get_x()
    lines = _lines(pdf, text, width, size, style)
    pdf.set_font(FONT, style, size)
    for part in lines:
        pdf.set_x(x)
        pdf.cell(width, line, part, new_x="LEFT", new_y="NEXT", align="L")
    pdf.set_x(x)


def _heading(pdf, text: str, size: float = H2, keep: float = 12.0) -> None:
    """A heading kept with what follows it: ``keep`` is the height of the first block after it
    (measured by the caller), so a heading is never the last thing on a page."""
    height = 3 + _h(pdf, text, pdf.w - pdf.l_margin - pdf.r_margin, size * 0.5, size, "B") + (3 if size == H2 else 0.5)
    _room(pdf, height + keep)
    pdf.ln(3)
    _text(pdf, text, size, "B")
    if size == H2:
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.ln(2.5)
    else:
        pdf.ln(0.5)


def _h(pdf, text: str, width: float, line: float, size: float, style: str = "") -> float:
    """Height the text takes when drawn with _para (measured without drawing; cheap)."""
    return len(_lines(pdf, text, width, size, style)) * line


def _room(pdf, height: float) -> None:
    """Start a new page unless a block of this height fits on the current one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _boxed(pdf, lines: Sequence[tuple[str, str, float]], width: float = 0.4) -> None:
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
        doc.set_x(doc.l_margin + 3)
        _para(doc, text, doc.w - doc.l_margin - doc.r_margin - 6, size * 0.5, size, style)
    doc.ln(2)
    doc.set_line_width(width)
    doc.rect(doc.l_margin, top, doc.w - doc.l_margin - doc.r_margin, doc.get_y() - top)


def _tick_box(pdf, x: float, y: float, size: float = 3.6) -> None:
    pdf.set_line_width(0.3)
    pdf.rect(x, y, size, size)


def _crisis(pdf, view) -> None:
    lines: list[tuple[str, str, float]] = [(view.crisis_heading + ":", "B", SMALL)]
    lines += [(f"{who}: {how}", "", SMALL) for who, how in view.crisis]
    _boxed(pdf, lines, width=0.8)


def _sources(pdf, sources, heading: str) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin
    first = _h(pdf, f"[{sources[0].number}] {sources[0].text}", width, 3.0, SMALL - 2) if sources else 4
    _heading(pdf, heading, keep=first)
    for s in sources:
        _text(pdf, f"[{s.number}] {s.text}", SMALL - 2, h=3.0)
        pdf.ln(0.4)


ROW_SIZE, ROW_LINE, PAD = SMALL - 1, 3.3, 0.5


def _answer_layout(pdf, r):
    """(prompt lines, where the answer starts on the last one or None, answer lines)."""
    full = pdf.w - pdf.l_margin - pdf.r_margin
    prompt = _lines(pdf, f"{r.prompt} —", full, ROW_SIZE)
    start = _units(pdf, "")(prompt[-1] + " ") * ROW_SIZE / 1000 / pdf.k + pdf.c_margin
    inline = _lines(pdf, r.answer, full - start, ROW_SIZE, "B")
    if len(inline) == 1 and start < full - 10:
        return prompt, start, inline
    return prompt, None, _lines(pdf, r.answer, full, ROW_SIZE, "B")


def _answer_height(pdf, r) -> float:
    prompt, start, answer = _answer_layout(pdf, r)
    return (len(prompt) + (0 if start is not None else len(answer))) * ROW_LINE + 2 * PAD


def _answer_rows(pdf, rows) -> None:
    """Each question, then its answer in bold, in one flowing paragraph with a light rule under it."""
    full = pdf.w - pdf.l_margin - pdf.r_margin
    for r in rows:
        _room(pdf, min(_answer_height(pdf, r), pdf.page_break_trigger - pdf.t_margin - 12))
        pdf.set_xy(pdf.l_margin, pdf.get_y() + PAD)
        prompt, start, answer = _answer_layout(pdf, r)
        pdf.set_font(FONT, "", ROW_SIZE)
        for part in prompt:
            pdf.set_x(pdf.l_margin)
            pdf.cell(full, ROW_LINE, part, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_font(FONT, "B", ROW_SIZE)
        if start is not None:
            pdf.set_xy(pdf.l_margin + start - pdf.c_margin, pdf.get_y() - ROW_LINE)
            pdf.cell(full - start, ROW_LINE, answer[0], new_x="LMARGIN", new_y="NEXT", align="L")
        else:
            for part in answer:
                pdf.set_x(pdf.l_margin)
                pdf.cell(full, ROW_LINE, part, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_xy(pdf.l_margin, pdf.get_y() + PAD)
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.15)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.set_draw_color(0, 0, 0)


class PdfTextWarning(UserWarning):
    """Some characters cannot be shown in the PDF (the bundled font lacks them)."""


def _font_chars(pdf=None) -> frozenset[int]:
    """The characters the bundled fonts can show (from a document's fonts, already parsed by
    fpdf2, when one is given; else read with fontTools)."""
    global _CHARS
    if _CHARS is None and pdf is not None:
        _CHARS = frozenset(set(pdf.fonts[FONT.lower()].cmap) | set(pdf.fonts[FONT.lower() + "B"].cmap))
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


def check_glyphs(fields, stacklevel: int = 2) -> None:
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
            shown = " ".join(missing[:8]) + (
                " " + _("and {n} more").format(n=len(missing) - 8) if len(missing) > 8 else ""
            )
            warnings.warn(
                PdfTextWarning(
                    _(
                        "warning: the PDF font cannot show some characters in {label} ({shown}); "
                        "they are left out of the PDF — the HTML report (--format html) shows them"
                    ).format(label=label, shown=shown)
                ),
                stacklevel=stacklevel,
            )


def _report_fields(view: ReportView):
    yield _("the clinic name"), view.clinic_name
    yield _("the checklist title"), view.title
    for _title, rows in view.answers:
        for r in rows:
            short = r.prompt if len(r.prompt) <= 60 else r.prompt[:57] + "…"
            yield _("the question “{question}”").format(question=short), r.prompt
            yield _("the answer to “{question}”").format(question=short), r.answer
    for _label, _sev, items in view.groups:
        for c in items:
            yield _("the concern “{title}”").format(title=c.title[:60]), " ".join((c.title, c.why, c.ask, c.action))
    for g in view.good_to_know:
        yield _("the concern “{title}”").format(title=g.title[:60]), " ".join((g.title, g.text))
    for s in view.sources:
        yield _("source [{n}]").format(n=s.number), s.text


def _quietly(draw, view, paper: str) -> bytes:
    """Draw with fpdf2's own missing-glyph log silenced: ours (check_glyphs) names the field."""
    import logging

    log = logging.getLogger("fpdf.output")
    level, log.level = log.level, logging.ERROR
    try:
        return draw(view, paper)
    finally:
        log.level = level


def _draw_report(view: ReportView, paper: str) -> bytes:
    """The report as PDF bytes (``only="questions"``: the questions to ask on their own)."""
    return _quietly(_render_report, view, paper)


render = report_renderer(_draw_report)


def _header(pdf, view: ReportView) -> None:
    _text(pdf, view.title, H1, "B", h=8)
    if view.clinic_name:
        name = (
            view.clinic_name
            if len(view.clinic_name) <= HEADER_NAME
            else view.clinic_name[:HEADER_NAME].rstrip() + "… " + _("(in full under Your answers)")
        )
        _text(pdf, _("Clinic:") + " " + name, BODY, "B")
    if view.respondent_line:
        _text(pdf, view.respondent_line, BODY, "B")
    _text(
        pdf,
        _("Checklist version {version} · {currency} · report made {date}").format(
            version=view.version, currency=view.currency, date=view.printed_on
        ),
        SMALL - 0.5,
        h=3.8,
        color=GREY,
    )
    if not view.only:
        for line in view.about:
            _text(pdf, line, SMALL - 0.5, h=3.8, color=GREY)
    pdf.ln(1.5)
    _boxed(pdf, [(view.notice, "B", SMALL - 0.5), (view.crisis_line + ".", "", SMALL - 0.5)])


def _questions(pdf, view: ReportView) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin - ASK_INDENT
    first = _ask_height(pdf, view.ask_list[0], width) if view.ask_list else 6
    _heading(pdf, view.heading_questions, keep=first + 5)
    LAST_LAYOUT["questions_page"] = pdf.page
    LAST_LAYOUT["questions_heading"] = view.heading_questions
    _text(pdf, view.questions_hint, SMALL - 0.5, h=3.8, color=GREY)
    pdf.ln(1.5)
    for item in view.ask_list:
        _room(pdf, _ask_height(pdf, item, width))
        _ask_draw(pdf, item, width)
    if not view.ask_list:
        _text(pdf, view.no_questions)


def _render_report(view: ReportView, paper: str) -> bytes:
    pdf = _pdf(view, paper)
    _font_chars(pdf)
    check_glyphs(_report_fields(view), stacklevel=4)
    _header(pdf, view)
    parts = _QUESTIONS_ONLY if view.only == "questions" else _REPORT
    for part in parts:
        part(pdf, view)
    if view.only != "questions":
        LAST_LAYOUT["pages"] = pdf.page
    return bytes(pdf.output())


def _width(pdf) -> float:
    """The width between the margins."""
    return pdf.w - pdf.l_margin - pdf.r_margin


def _urgent(pdf, view: ReportView) -> None:
    """The urgent box first: each urgent concern, what to do about it, and what to do now."""
    if not view.urgent:
        return
    lines = [(view.heading_urgent, "B", H3)]
    for c in view.urgent:
        lines.append((f"{c.title}. {c.action}", "B", BODY))
        if c.because:
            lines.append((c.because, "", SMALL))
    lines += [(f"•  {line}", "", BODY) for line in view.urgent_lines]
    _boxed(pdf, lines, width=1.6)


def _verdict(pdf, view: ReportView) -> None:
    """The verdict box (a heavier border for a verdict that asks to act), then the crisis lines
    when an urgent concern is raised or could apply: before the concern list, not only at the end."""
    _boxed(
        pdf,
        [
            (_("Verdict:") + " " + view.verdict_title, "B", H3),
            (view.verdict_text, "", BODY),
            (view.counts_text, "", SMALL),
        ],
        width=1.2 if view.verdict_code in ("urgent", "stop", "discuss", "held") else 0.6,
    )
    if view.crisis_first:
        _crisis(pdf, view)


def _first_steps(pdf, view: ReportView) -> None:
    """The numbered first steps, then "How you can help" for a supporter."""
    if view.first_steps:
        keep = _h(pdf, "1. " + view.first_steps[0], _width(pdf), 5, BODY)
        _heading(pdf, view.heading_first_steps, keep=keep)
        for n, step in enumerate(view.first_steps, 1):
            _text(pdf, f"{n}. {step}", h=5)
            pdf.ln(0.8)
    if view.tips:
        _heading(pdf, view.heading_tips, keep=_h(pdf, "•  " + view.tips[0].text, _width(pdf), 4.6, SMALL + 0.5))
        for t in view.tips:
            _text(pdf, f"•  {t.text}" + (f" {t.refs}" if t.refs else ""), SMALL + 0.5, h=4.6)
            pdf.ln(0.6)


def _questions_page(pdf, view: ReportView) -> None:
    """The questions to ask start a page, so it can be printed on its own; but a page that would
    hold only the end of the page before (a line or two) is not left nearly empty: they follow it."""
    filled = (pdf.get_y() - pdf.t_margin) / (pdf.page_break_trigger - pdf.t_margin)
    if pdf.get_y() > pdf.t_margin + 1 and (pdf.page == 1 or filled >= MIN_FILL):
        pdf.add_page()
    _questions(pdf, view)


def _private(pdf, view: ReportView) -> None:
    """The topics the prescriber will ask about in private."""
    if not view.private:
        return
    _heading(pdf, view.heading_private, keep=_h(pdf, view.private_intro, _width(pdf), 4.2, SMALL) + 10)
    _text(pdf, view.private_intro, SMALL - 0.5, h=3.8, color=GREY)
    pdf.ln(1)
    for topic in view.private:
        _text(pdf, f"•  {topic}", SMALL + 0.5, h=4.6)


def _concerns(pdf, view: ReportView) -> None:
    """The concerns by severity, each a card never split across pages."""
    first_card = _concern_height(pdf, view.groups[0][2][0]) if view.groups else 6
    _heading(pdf, view.heading_concerns, keep=first_card + 9.5)  # the first severity heading and card
    if not view.groups:
        _text(pdf, view.no_concerns)
    for label, _sev, items in view.groups:
        _heading(pdf, f"{label} ({len(items)})", H3, keep=_concern_height(pdf, items[0]))
        for c in items:
            _concern(pdf, c)


def _good_to_know(pdf, view: ReportView) -> None:
    """The information items, after the concerns (never counted)."""
    if not view.good_to_know:
        return
    first = view.good_to_know[0]
    keep = _h(pdf, f"•  {first.title}. {first.text}", _width(pdf), 4.6, SMALL + 0.5)
    _heading(pdf, view.heading_good_to_know, keep=keep)
    for g in view.good_to_know:
        _text(pdf, f"•  {g.title}. {g.text}" + (f" {g.refs}" if g.refs else ""), SMALL + 0.5, h=4.6)
        pdf.ln(0.6)


def _could_apply(pdf, view: ReportView) -> None:
    """The concerns that could apply (on what each depends), and what was not assessed."""
    if not (view.could_apply or view.not_assessed_note):
        return
    first_h = _possible_height(pdf, view.could_apply[0]) if view.could_apply else 8
    _heading(pdf, view.heading_could_apply, keep=first_h + 8)
    if view.could_apply:
        _text(pdf, view.could_apply_intro, SMALL - 0.5, h=3.8, color=GREY)
        pdf.ln(1.5)
    for p in view.could_apply:
        _room(pdf, _possible_height(pdf, p))
        _text(pdf, f"{p.label} · {p.title}", SMALL + 0.5, "B", h=4.6)
        _text(pdf, p.depends, SMALL, h=4.2)
        pdf.ln(1.5)
    if view.not_assessed_note:
        _text(pdf, view.not_assessed_note, SMALL, h=4.2)


def _answers(pdf, view: ReportView) -> None:
    """Your answers, section by section, then the sources they and the concerns cite."""
    first_rows = [rows for _t, rows in view.answers if rows]
    _heading(pdf, view.heading_answers, keep=10 + (_answer_height(pdf, first_rows[0][0]) if first_rows else 0))
    for title, rows in view.answers:
        _heading(pdf, title, SMALL + 1, keep=_answer_height(pdf, rows[0]))
        _answer_rows(pdf, rows)
    if view.sources:
        _sources(pdf, view.sources, view.heading_sources)


def _footer(pdf, view: ReportView) -> None:
    """About this report (the checklist's notice and ours), then the crisis lines last."""
    about = [(view.checklist_notice, "", SMALL), (view.notice, "B", SMALL)]
    keep = sum(_h(pdf, t, _width(pdf), 4.2, sz, st) for t, st, sz in about) + 30
    _heading(pdf, view.heading_about, keep=keep)
    for text, style, size in about:
        _text(pdf, text, size, style, h=4.2)
        pdf.ln(1)
    pdf.ln(1)
    _crisis(pdf, view)


def _questions_only_end(pdf, view: ReportView) -> None:
    """``--only questions``: the crisis lines right after the questions."""
    pdf.ln(2)
    _crisis(pdf, view)


#: the parts of the report after its header, in order (each draws from the view)
_REPORT = (
    _urgent,
    _verdict,
    _first_steps,
    _questions_page,
    _private,
    _concerns,
    _good_to_know,
    _could_apply,
    _answers,
    _footer,
)
_QUESTIONS_ONLY = (_questions, _questions_only_end)


#: a page (other than the last) is never left less full than this
MIN_FILL = 0.25
#: the last report's layout (questions_page, pages), for the hint after writing it
LAST_LAYOUT: dict[str, object] = {}


LABEL_W = 25  # at least; wider when a language's labels need it (_label_w)
CARD_SIZE, CARD_LINE, LABEL_SIZE = SMALL - 0.5, 3.7, SMALL - 1


def _label_w(pdf) -> float:
    """The width of the card labels' column: room for the longest label in this language."""
    units = _units(pdf, "B")
    widest = max(units(_(label)) for label in ("Because", "Why it matters", "What to do", "Ask", "Note"))
    return max(LABEL_W, widest * LABEL_SIZE / 1000 / pdf.k + 2 * pdf.c_margin + 1.5)


def _card_rows(c) -> tuple[tuple[str, str], ...]:
    """Label and text of each row; the sources are cited at the end of "why it matters"."""
    because = ((_("Because"), c.because.removeprefix(because_prefix())),) if c.because else ()
    ask = () if c.ask_number else ((_("Ask"), c.ask),)  # a numbered ask is referred to on the title line
    dated = tuple((_("Note"), line) for line in c.dated)
    return because + ((_("Why it matters"), f"{c.why} {c.refs}"), (_("What to do"), c.action)) + ask + dated


ASK_REF_W = 36  # at least; wider when a language's "Ask: see question N" needs it (_ask_ref_w)


def _ask_ref(c) -> str:
    return _("Ask: see question {n}").format(n=c.ask_number) if c.ask_number else ""


def _ask_ref_w(pdf, c) -> float:
    if not c.ask_number:
        return 0
    return max(ASK_REF_W, _units(pdf, "B")(_ask_ref(c)) * LABEL_SIZE / 1000 / pdf.k + 2 * pdf.c_margin + 2)


def _concern_height(pdf, c) -> float:
    full = pdf.w - pdf.l_margin - pdf.r_margin - 4
    height = _h(pdf, f"{c.label} · {c.title}", full - _ask_ref_w(pdf, c), 4.5, BODY - 0.5, "B")
    label_w = _label_w(pdf)
    return height + sum(_h(pdf, v, full - label_w, CARD_LINE, CARD_SIZE) for _n, v in _card_rows(c))


def _concern(pdf, c) -> None:
    _room(pdf, _concern_height(pdf, c))  # a concern is never split across pages
    _concern_draw(pdf, c)
    pdf.ln(2)


def _concern_draw(doc, c) -> None:
    widths = {"critical": 1.6, "high": 1.1}.get(c.severity, 0.5)
    top = doc.get_y()
    doc.set_x(doc.l_margin + 4)
    ref_w = _ask_ref_w(doc, c)
    title_w = doc.w - doc.l_margin - doc.r_margin - 4 - ref_w
    _para(doc, f"{c.label} · {c.title}", title_w, 4.5, BODY - 0.5, "B")
    if c.ask_number:
        after = doc.get_y()
        doc.set_xy(doc.w - doc.r_margin - ref_w, top)
        doc.set_font(FONT, "B", LABEL_SIZE)
        doc.cell(ref_w, 4.5, _ask_ref(c), align="R")
        doc.set_xy(doc.l_margin, after)
    label_w = _label_w(doc)
    for name, value in _card_rows(c):
        doc.set_x(doc.l_margin + 4)
        doc.set_font(FONT, "B", LABEL_SIZE)
        doc.cell(label_w, CARD_LINE, name)
        _para(doc, value, doc.w - doc.r_margin - doc.get_x(), CARD_LINE, CARD_SIZE)
        doc.set_x(doc.l_margin)
    doc.set_line_width(widths)
    doc.line(doc.l_margin + 1, top, doc.l_margin + 1, doc.get_y())


def _possible_height(pdf, p) -> float:
    full = pdf.w - pdf.l_margin - pdf.r_margin
    return _h(pdf, f"{p.label} · {p.title}", full, 4.6, SMALL + 0.5, "B") + _h(pdf, p.depends, full, 4.2, SMALL) + 1.5


ASK_INDENT = 13
ASK_SIZE, ASK_LINE, ABOUT_SIZE, ABOUT_LINE, WRITE = BODY - 0.5, 4.2, SMALL - 1.5, 3.0, 4.3


def _ask_height(pdf, item, width: float) -> float:
    return (
        _h(pdf, item.text, width, ASK_LINE, ASK_SIZE) + _h(pdf, item.about, width, ABOUT_LINE, ABOUT_SIZE) + WRITE + 1.0
    )


def _ask_draw(doc, item, width: float) -> None:
    y = doc.get_y()
    doc.set_font(FONT, "B", ASK_SIZE)
    doc.set_xy(doc.l_margin, y)
    doc.cell(6, ASK_LINE, f"{item.number}.", align="R")
    _tick_box(doc, doc.l_margin + 7.5, y + 0.5, 3.4)
    doc.set_xy(doc.l_margin + ASK_INDENT, y)
    _para(doc, item.text, width, ASK_LINE, ASK_SIZE)
    doc.set_text_color(*GREY)
    _para(doc, item.about, width, ABOUT_LINE, ABOUT_SIZE)
    doc.set_text_color(0, 0, 0)
    doc.ln(WRITE)
    doc.set_line_width(0.2)
    doc.set_draw_color(120, 120, 120)
    doc.line(doc.l_margin + ASK_INDENT, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
    doc.set_draw_color(0, 0, 0)
    doc.ln(1.0)


def render_blank(checklist: Checklist, paper: str = "letter", today: dt.date | None = None) -> bytes:
    """The blank paper checklist as PDF bytes."""
    view: BlankView = clean_tree(blank_view(checklist, today or _today()))
    return _quietly(_render_blank, view, paper)


def _render_blank(view: BlankView, paper: str) -> bytes:
    pdf = _pdf(view, paper)
    _font_chars(pdf)
    check_glyphs(
        [
            (
                _("the checklist"),
                " ".join(
                    [view.title, view.intro]
                    + [" ".join((q.prompt, q.help, *q.options)) for _t, _i, _w, qs in view.sections for q in qs]
                ),
            )
        ],
        stacklevel=4,
    )
    _text(pdf, view.title, H1, "B", h=8.5)
    _text(pdf, view.meta_line, SMALL, color=GREY)
    for line in view.about:
        _text(pdf, line, SMALL, color=GREY)
    _text(pdf, f"{view.for_label} {view.audience}", SMALL)
    pdf.ln(2)
    _boxed(pdf, [(view.notice, "B", SMALL), (view.crisis_line + ".", "", SMALL)])
    _text(pdf, view.intro)
    pdf.ln(1)
    _text(pdf, view.how_to_tick, SMALL, color=GREY)
    if view.key:
        pdf.ln(1.5)
        _text(pdf, view.key, SMALL, "B")
        pdf.ln(1.5)
        _boxed(pdf, [(view.if_warned_heading, "B", BODY)] + [(line, "", SMALL) for line in view.if_warned], width=1.2)
    for title, intro, when, questions in view.sections:
        _heading(pdf, title)
        if when:
            _text(pdf, when, SMALL, color=GREY)
        if intro:
            _text(pdf, intro, SMALL)
            pdf.ln(1)
        for q in questions:
            _blank_question(pdf, q, view)
    _sources(pdf, view.sources, view.heading_sources)
    pdf.ln(2)
    _text(pdf, view.checklist_notice, SMALL)
    pdf.ln(2)
    _crisis(pdf, view)
    return bytes(pdf.output())


def _blank_question(pdf, q, view) -> None:
    full = pdf.w - pdf.l_margin - pdf.r_margin
    height = 1.5 + _h(pdf, f"{q.number}. {q.prompt}", full, 5, BODY, "B")
    if q.condition:
        height += _h(pdf, q.condition, full, SMALL * 0.5, SMALL)
    if q.hint:
        height += _h(pdf, q.hint + ":", full, SMALL * 0.5, SMALL) + (0 if q.multi else 5.5)
    height += _options(pdf, _marked(q), draw=False)
    height += _h(pdf, view.why_label + " " + q.help, full, (SMALL - 0.5) * 0.5, SMALL - 0.5) + 8
    _room(pdf, height)
    _blank_question_draw(pdf, q, view)


def _blank_question_draw(doc, q, view) -> None:
    doc.ln(1.5)
    _para(doc, f"{q.number}. {q.prompt}", doc.w - doc.l_margin - doc.r_margin, 5, BODY, "B")
    if q.condition:
        _text(doc, q.condition, SMALL, color=GREY)
    if q.hint:
        _text(doc, q.hint + ":", SMALL, color=GREY)
        if not q.multi:
            doc.ln(4)
            doc.set_line_width(0.2)
            doc.line(doc.l_margin + 6, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
            doc.ln(1.5)
    _options(doc, _marked(q))
    _text(doc, view.why_label + " " + q.help, SMALL - 0.5, color=GREY)
    doc.ln(5)
    doc.set_line_width(0.15)
    doc.set_font(FONT, "", SMALL - 1)
    doc.set_text_color(*GREY)
    notes_w = doc.get_string_width(view.notes_label) + 2.5
    doc.cell(notes_w, 0, view.notes_label)
    doc.set_text_color(0, 0, 0)
    doc.line(doc.l_margin + notes_w, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
    doc.ln(3)


def _marked(q) -> tuple[str, ...]:
    return tuple(
        f"{o}  {WARN}" if w else o for o, w in zip(q.options, q.warn or (False,) * len(q.options), strict=False)
    )


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
