"""The terminal summary.  Severity is shown by word and symbol as well as colour.

The summary is laid out here, once, as lines of ``(text, style)`` pieces wrapped to the width by
this module (no Rich table).  Written to a file or a pipe, the lines are plain text and Rich is
not even imported; on a terminal, a Rich console adds the colours (and honours NO_COLOR).  Every
piece of text from a checklist or an answer goes through ``safe_text.clean`` before it is wrapped,
and the whole output once more before it is written.

``plain`` drops colour, boxes and rules: one labelled line per item, readable by a screen reader
and in a 40-column terminal.

Order (issue 12): urgent items, the verdict with its counts, first steps, the questions to ask
your clinic (numbered), the concerns by severity (each card points to its question by number),
could apply and not assessed, your answers, sources, then the notice and the crisis lines.
"""

from __future__ import annotations

import os
import unicodedata

from clinic_ready.core.model import Result, Severity
from clinic_ready.dates import today as _today
from clinic_ready.i18n import _, ngettext
from clinic_ready.notices import crisis_lines, crisis_text, urgent_lines
from clinic_ready.render import texts
from clinic_ready.render.common import (
    Citations,
    about_lines,
    answer_text,
    because,
    by_section,
    depends_text,
    grouped,
    item_words,
    severity_label,
    source_line,
)
from clinic_ready.safe_text import clean
from clinic_ready.wording import verdict_of, words_for

STYLES = {
    Severity.critical: "bold white on red",
    Severity.high: "bold red",
    Severity.moderate: "bold yellow",
    Severity.low: "bold cyan",
    Severity.info: "bold",
}
VERDICT_STYLES = {
    "urgent": "red",
    "held": "red",
    "stop": "red",
    "discuss": "red",
    "ask": "yellow",
    "incomplete": "yellow",
    "none": "green",
}
HEADING = "bold underline"
LABEL_WIDTH = 8  # "Sources" and one space: where a concern card's values start (longer labels widen it)

#: "8 critical, 11 high" in the verdict box: one plural form per severity, so that a language whose
#: adjectives agree with the noun ("8 críticas") can say it
COUNT_WORDS = {
    Severity.critical: lambda n: ngettext("{n} critical", "{n} critical", n),
    Severity.high: lambda n: ngettext("{n} high", "{n} high", n),
    Severity.moderate: lambda n: ngettext("{n} moderate", "{n} moderate", n),
    Severity.low: lambda n: ngettext("{n} low", "{n} low", n),
    Severity.info: lambda n: ngettext("{n} for information", "{n} for information", n),
}

Piece = tuple  # (text, style)
Line = list  # of pieces


# ----------------------------------------------------------------------------- entry points


def render(
    result: Result, width: int = 80, plain: bool = True, answers: bool = True, explain: bool = False, **_options: object
) -> str:
    """The summary as text, without colour (--output FILE with --format terminal, and pipes)."""
    lines = summary_lines(result, width, plain, answers, explain, boxes=_unicode_boxes())
    return clean(as_text(lines), keep_lines=True)


def show(result: Result, console, plain: bool = False, answers: bool = False, explain: bool = False) -> None:
    """Print the summary to a Rich console (a terminal: colours follow the console)."""
    lines = summary_lines(
        result, console.width, plain, answers, explain, boxes=not console.encoding.lower().startswith("ascii")
    )
    console.print(as_rich(lines), soft_wrap=True)  # already wrapped: Rich neither wraps nor crops


def output_width() -> int:
    """The width Rich would choose for standard output: COLUMNS, else the terminal's (any of
    stdin, stdout, stderr: a pipe into ``less`` still gets the screen's width), else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def as_text(lines: list[Line]) -> str:
    return "".join("".join(t for t, _s in line).rstrip(" ") + "\n" for line in lines)


def as_rich(lines: list[Line]):
    """One Rich Text for the laid-out lines (styles kept)."""
    from rich.text import Text

    text = Text(end="\n", no_wrap=True)
    append = text.append
    for line in lines:
        for t, style in line:
            append(t, style or None)
        append("\n")
    text.rstrip()
    return text


def closing(result: Result, plain: bool = False) -> list:
    """The short screen left after the pager closes: the verdict with its counts, the first steps
    and the crisis lines (never a list of sources).  Rich renderables, wrapped by the console."""
    from rich.table import Table
    from rich.text import Text

    v = result.verdict
    out: list = [Text("")]
    label = _("Verdict:") + " "
    title = verdict_of(result).title
    out.append(Text.assemble((label.upper() if plain else label, "bold"), (title, f"bold {VERDICT_STYLES[v.code]}")))
    summary = _counts_line(result)
    asks = len(result.ask_list)
    if asks:
        summary += " · " + words_for(result).questions_count(asks)
    out.append(Text(summary, style="dim"))
    if result.urgent:  # the recap repeats what to do now
        out.append(Text(""))
        out.append(Text(_("What to do now:"), style="bold"))
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column(ratio=1, overflow="fold")
        for line in words_for(result).urgent_lines():
            bullets.add_row("  •", line)
        out.append(bullets)
    first = texts.first_steps(result)
    if first:
        out.append(Text(""))
        out.append(Text(_("First steps"), style=HEADING))
        steps = Table.grid(padding=(0, 1))
        steps.add_column(no_wrap=True)
        steps.add_column(ratio=1, overflow="fold")
        for n, (step, _cid) in enumerate(first, 1):
            steps.add_row(f"  {n}.", Text(_words(step)))
        out.append(steps)
    out.append(Text(""))
    out.append(Text.assemble((words_for(result).crisis_heading() + ": ", "bold"), crisis_text()))
    return out


def urgent_bullets():
    """What to do now (988, 911, SAMHSA), as hanging bullets: the interruption screen (Rich)."""
    from rich.table import Table

    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(no_wrap=True)
    bullets.add_column(ratio=1, overflow="fold")
    for line in urgent_lines():
        bullets.add_row("  •", line)
    return bullets


# ----------------------------------------------------------------------------- layout


def _words(text: object) -> str:
    """Untrusted text on one line, safe to show: control characters made visible, spaces folded."""
    return " ".join(clean(text).split())


_WIDE = frozenset("WF")


def cells(text: str) -> int:
    """Terminal cells a text takes: East Asian wide characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in _WIDE else 1
    return n


def _narrow(text: str) -> bool:
    """Every character takes one cell (ASCII, and most accented text: "¿Qué?", "niño")."""
    return text.isascii() or cells(text) == len(text)


class Layout:
    """Lines of styled pieces at a fixed width."""

    def __init__(self, width: int, plain: bool, boxes: bool = True):
        self.width = max(int(width), 8)
        self.plain = plain
        self.boxes = boxes
        self.lines: list[Line] = []

    def blank(self) -> None:
        self.lines.append([])

    def line(self, *pieces: Piece) -> None:
        """Pieces wrapped at the width, continuation lines flush left."""
        self.wrap(list(pieces))

    def wrap(
        self, pieces: list[Piece], indent: int = 0, hang: int | None = None, prefix: tuple[Piece, ...] = ()
    ) -> None:
        """Greedy word wrap of styled pieces (words split at spaces; a piece boundary is not a
        space).  The first line starts at ``indent`` with ``prefix`` as it is (a number, a label);
        the next lines start at ``hang``.  A word longer than a line is folded, never cut off."""
        hang = indent if hang is None else hang
        if len(pieces) == 1 and _narrow(pieces[0][0]):  # the common case: one style, one cell a character
            self._wrap_one(pieces[0], indent, hang, prefix)
        else:
            self._wrap_pieces(pieces, indent, hang, prefix)

    def _wrap_pieces(self, pieces: list[Piece], indent: int, hang: int, prefix: tuple[Piece, ...]) -> None:
        """``wrap`` for pieces in several styles or with characters wider than one cell."""
        start = indent + sum(cells(t) for t, _s in prefix)
        line = _Filling(self.lines, self.width, hang, [(" " * indent, "")] if indent else [], start)
        line.pieces.extend(prefix)
        for word in _styled_words(pieces):
            size = sum(cells(t) for t, _s in word)
            if not line.fresh and line.used + 1 + size > self.width:
                line.next()
            if not line.fresh:
                line.space(word[0][1])
            # a URL is never cut: it runs on
            if line.used + size <= self.width or _is_url("".join(t for t, _s in word)):
                line.extend(word, size)
            else:  # longer than a whole line: fold it
                line.fold(word)
        self.lines.append(line.pieces)

    def _wrap_one(self, piece: Piece, indent: int, hang: int, prefix: tuple[Piece, ...]) -> None:
        """``wrap`` for one piece whose characters take one cell each: the same lines, with string
        lengths for widths (and one style run a line, not one a word)."""
        text, style = piece
        width = self.width
        head: Line = [(" " * indent, "")] if indent else []
        head.extend(prefix)
        used = indent + sum(cells(t) for t, _s in prefix)
        pad = [(" " * hang, "")] if hang else []
        room = width - used
        words: list[str] = []
        n = -1
        for word in text.split():
            size = len(word)
            if words and n + 1 + size > room:  # the next line
                self.lines.append([*head, (" ".join(words), style)])
                head, room, words, n = list(pad), width - hang, [], -1
            if not words and size > room and not _is_url(word):  # longer than a whole line: fold it (a URL runs on)
                if room <= 0:
                    self.lines.append(head)
                    head, room = list(pad), width - hang
                while size > room:
                    self.lines.append([*head, (word[:room], style)])
                    word, size = word[room:], size - room
                    head, room = list(pad), width - hang
            words.append(word)
            n += 1 + size
        self.lines.append([*head, (" ".join(words), style)] if words else head)

    def box(self, title: str, body: Layout, style: str) -> None:
        """A rounded panel the full width, the title in its top border (Rich's Panel look)."""
        width = self.width
        h, v, tl, tr, bl, br = ("─", "│", "╭", "╮", "╰", "╯") if self.boxes else ("-", "|", "+", "+", "+", "+")
        head = f" {title} "
        self.lines.append([(tl + h, style), (head, style), (h * max(0, width - 3 - cells(head)) + tr, style)])
        for inner in body.lines:
            used = sum(cells(t) for t, _s in inner)
            self.lines.append([(v + " ", style), *inner, (" " * max(0, body.width - used) + " " + v, style)])
        self.lines.append([(bl + h * (width - 2) + br, style)])

    def inner(self) -> Layout:
        """A layout for the inside of a box."""
        return Layout(self.width - 4, self.plain, self.boxes)


def _styled_words(pieces: list[Piece]) -> list[list[Piece]]:
    """The words of styled pieces, split at spaces: a word is a list of pieces, as a word can
    change style inside it (a piece boundary is not a space).  Empty words are left out."""
    words: list[list[Piece]] = [[]]
    for text, style in pieces:
        for i, part in enumerate(text.split(" ")):
            if i:
                words.append([])
            if part:
                words[-1].append((part, style))
    return [word for word in words if word]


class _Filling:
    """The line that ``Layout._wrap_pieces`` is filling: its pieces, the cells they use, and where
    its words start (after the indent and prefix, or the hanging indent)."""

    def __init__(self, done: list[Line], width: int, hang: int, pieces: Line, start: int):
        self.done = done  # the layout's finished lines
        self.width = width
        self.hang = hang
        self.pieces = pieces
        self.used = self.start = start
        self.fresh = True  # no word on this line yet

    def next(self) -> None:
        """Finish this line and start the next one at the hanging indent."""
        self.done.append(self.pieces)
        self.pieces = [(" " * self.hang, "")] if self.hang else []
        self.used = self.start = self.hang
        self.fresh = True

    def space(self, style: str) -> None:
        """The space before a word: styled when the words on both sides share the style."""
        self.pieces.append((" ", style if self.pieces[-1][1] == style else ""))
        self.used += 1

    def extend(self, word: list[Piece], size: int) -> None:
        """A word that fits (or a URL, that runs on)."""
        self.pieces.extend(word)
        self.used += size
        self.fresh = False

    def fold(self, word: list[Piece]) -> None:
        """A word longer than a whole line, broken between characters."""
        for text, style in word:
            for ch in text:
                w = cells(ch)
                if self.used + w > self.width and self.used > self.start:
                    self.next()
                self.pieces.append((ch, style))
                self.used += w
        self.fresh = False


def _is_url(word: str) -> bool:
    """A web address: shown whole on a line of its own even when longer than the line, so that it
    can be copied or clicked (the terminal wraps it softly; a file keeps it on one line)."""
    return word.startswith(("http://", "https://"))


def _unicode_boxes() -> bool:
    import sys

    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    return encoding.startswith("utf")


# ----------------------------------------------------------------------------- the summary


def summary_lines(
    result: Result, width: int, plain: bool, answers: bool, explain: bool = False, boxes: bool = True
) -> list[Line]:
    """The whole summary, laid out at ``width``."""
    out = Layout(max(width, 20), plain, boxes)
    cl = result.checklist
    cl_sources = result.checklist.source_by_id
    cites = Citations.of(result, extra=[cl_sources[s] for t in result.tips for s in t.sources if s in cl_sources])
    today = _today()
    out.line((_words(cl.title), "bold"))
    out.line(
        (_words(_("Version {version} · {currency}").format(version=cl.version, currency=cl.currency_line())), "dim")
    )
    overdue = cl.overdue_line(today)
    if overdue:
        out.line((_words(overdue), ""))
    out.line((words_for(result).notice(), "italic"))
    out.blank()
    _urgent(out, result, explain)
    _verdict(out, result)
    if result.crisis_first:  # before the concern list, not only at the end
        _crisis(out, result)
    _first_steps(out, result)
    _tips(out, result, cites)
    _ask_list(out, result)
    _private(out, result)
    _concerns(out, result, cites, explain)
    _good_to_know(out, result, cites)
    _could_apply(out, result)
    _not_assessed(out, result)
    if answers:
        _answers(out, result)
    if cites.order:
        out.blank()
        out.line((_("Sources"), HEADING))
        for n, s in enumerate(cites.order, 1):
            mark = f"[{n}] "
            out.wrap([(_words(source_line(s)), "")], prefix=((mark, ""),), hang=len(mark))  # a hanging indent
    out.blank()
    about = about_lines(cl, today)
    translated = cl.credit_line()  # who translated the checklist, and that it awaits review
    if translated and translated not in about:
        about.append(translated)
    for line in about:
        if line != overdue:
            out.line((_words(line), "dim"))
    out.line((_words(cl.notice), "dim"))
    _crisis(out, result)
    return out.lines


def _crisis(out: Layout, result: Result) -> None:
    out.blank()
    out.line((words_for(result).crisis_heading() + ":", "bold"))
    for who, how in crisis_lines():
        out.wrap([(who + ":", "bold"), (" " + how, "")], indent=2, hang=4)


def _counts_line(result: Result) -> str:
    counts = ", ".join(COUNT_WORDS[Severity(sev)](n).format(n=n) for sev, n in result.counts.items() if n)
    return _("Raised: {counts}").format(counts=counts) if counts else _("Raised: nothing")


def _urgent(out: Layout, result: Result, explain: bool) -> None:
    """Urgent concerns first, above the verdict, with what to do now and the crisis lines."""
    if not result.urgent:
        return
    body = out.inner() if not out.plain else out
    if out.plain:
        out.line((_("URGENT") + ": ", "bold"))
    words = words_for(result)
    body.line((words.urgent_heading(), "bold"))
    for f in result.urgent:
        body.line((_words(f.concern.title), "bold"))
        action = f.concern.urgent_action_for(result.respondent)
        if action:
            body.line((_words(action), ""))
        if explain:
            body.line((_words(because(result, f.concern)), "italic"))
    for line in words.urgent_lines():
        body.wrap([(line, "")], hang=4, prefix=(("  • ", ""),))
    if not out.plain:
        out.box(_("Urgent: get help now"), body, "bold red")
    out.blank()


def _verdict(out: Layout, result: Result) -> None:
    v = verdict_of(result)
    if out.plain:
        out.line((_("VERDICT") + ": ", "bold"), (_words(v.title), "bold"))
        out.line((_words(v.text), ""))
        out.line((_counts_line(result), "dim"))
        return
    body = out.inner()
    body.line((_words(v.title), "bold"))
    body.line((_words(v.text), ""))
    body.line((_counts_line(result), "dim"))
    out.box(_("Verdict"), body, VERDICT_STYLES[result.verdict.code])


def _numbered(out: Layout, n: int, total: int, text: str, style: str = "") -> int:
    """``  1. text`` with a hanging indent (numbers right-aligned); returns the indent."""
    mark = "  " + f"{n}.".rjust(len(str(total)) + 1) + " "
    out.wrap([(text, style)], hang=len(mark), prefix=((mark, ""),))
    return len(mark)


def _first_steps(out: Layout, result: Result) -> None:
    steps = texts.first_steps(result)
    if not steps:
        return
    out.blank()
    out.line((_("First steps"), HEADING))
    for n, (text, _cid) in enumerate(steps, 1):
        _numbered(out, n, len(steps), _words(text))


def _tips(out: Layout, result: Result, cites: Citations) -> None:
    """ "How you can help": a supporter's tips, right after the first steps."""
    if not result.tips:
        return
    out.blank()
    out.line((words_for(result).heading("tips"), HEADING))
    for t in result.tips:
        refs = " ".join(
            f"[{cites.number(result.checklist.source_by_id[s])}]"
            for s in t.sources
            if s in result.checklist.source_by_id
        )
        out.wrap([(_words(t.text) + (" " + refs if refs else ""), "")], hang=4, prefix=(("  • ", ""),))


def _ask_list(out: Layout, result: Result) -> None:
    if not result.ask_list:
        return
    out.blank()
    out.line(
        (_("{heading} ({n})").format(heading=words_for(result).heading("questions"), n=len(result.ask_list)), HEADING)
    )
    for n, item in enumerate(result.ask_list, 1):
        hang = _numbered(out, n, len(result.ask_list), _words(item.text))
        out.wrap([("(" + _words(texts.ask_about(result, item)) + ")", "dim")], indent=hang)


def _private(out: Layout, result: Result) -> None:
    """Open answers about the person, as topics the prescriber will ask about (never as questions
    for the clinic, never the raw prompt)."""
    if not result.private:
        return
    from clinic_ready.render.common import private_intro

    out.blank()
    out.line((words_for(result).heading("private"), HEADING))
    out.wrap([(private_intro(result), "dim")], indent=2)
    for topic, _qid in texts.private_topics(result):
        out.wrap([(_words(topic), "")], hang=4, prefix=(("  • ", ""),))


def _ask_ref(result: Result, concern) -> str:
    """A concern's ask: a pointer to its number in the list above, else the ask itself."""
    n = result.ask_numbers.get(concern.id)
    if n is None:  # the same words as another concern's ask: listed once, under that one
        text = _words(concern.ask).lower()
        n = next((i for i, item in enumerate(result.ask_list, 1) if _words(item.text).lower() == text), None)
    if n is None:
        return _words(concern.ask)
    return _("see question {n} above").format(n=n)


def _concerns(out: Layout, result: Result, cites: Citations, explain: bool) -> None:
    groups = grouped(result)
    if groups:
        out.blank()
        out.line((words_for(result).heading("concerns"), HEADING))
    for sev, findings in groups:
        out.blank()
        out.line((f"{severity_label(sev)} ({len(findings)})", STYLES[sev]))
        for f in findings:
            _concern(out, result, f, cites, sev, because(result, f.concern) if explain else None)


def _concern(out: Layout, result: Result, f, cites: Citations, sev: Severity, why_raised: str | None) -> None:
    c = f.concern
    out.blank()
    out.wrap([(f"{sev.symbol} ", STYLES[sev]), (_words(c.title), "bold")])
    if why_raised:
        out.wrap([(_words(why_raised), "italic")], indent=2)
    who = result.respondent
    rows = (
        (_("Why"), _words(c.why_for(who))),
        (_("Ask"), _ask_ref(result, c)),
        (_("Do"), _words(c.action_for(who))),
        (_("Sources"), cites.refs(f)),
        *((_("Note"), _words(line)) for line in result.checklist.expired_lines(c.facts, _today())),
    )
    if out.plain:  # one labelled line each: wraps at any width, never cuts a word
        for label, value in rows:
            out.wrap([(value, "")], indent=2, prefix=((label + ": ", "bold"),))
        return
    col = max(LABEL_WIDTH, max(cells(label) for label, _v in rows) + 1)
    for label, value in rows:
        out.wrap([(value, "")], indent=2, hang=2 + col, prefix=((label + " " * (col - cells(label)), "bold"),))


def _good_to_know(out: Layout, result: Result, cites: Citations) -> None:
    """Info items, after the concerns: worth knowing, never a concern and never counted."""
    if not result.good_to_know:
        return
    out.blank()
    out.line((words_for(result).heading("good_to_know"), HEADING))
    who = result.respondent
    for f in result.good_to_know:
        c = f.concern
        text = " ".join(
            t
            for t in (
                _words(c.why_for(who)),
                _words(c.action_for(who)),
                *(_words(line) for line in result.checklist.expired_lines(c.facts, _today())),
            )
            if t
        )
        out.wrap([(_words(c.title) + ". ", "bold"), (text + " " + cites.refs(f), "")], hang=4, prefix=(("  • ", ""),))


def _could_apply(out: Layout, result: Result) -> None:
    if not result.could_apply:
        return
    out.blank()
    n = len(result.could_apply)
    out.line((_("Could apply ({n}): not raised, but your open answers leave them possible").format(n=n), HEADING))
    asked = _asked_questions(result)
    for p in result.could_apply:
        out.blank()
        out.wrap(
            [(severity_label(p.concern.severity) + " ", STYLES[p.concern.severity]), (_words(p.concern.title), "bold")]
        )
        text = _words(depends_text(p, result.respondent))
        refs = sorted({asked[i.question.id] for i in p.depends_on if i.question.id in asked})
        if refs:
            text = text.rstrip(".") + ". " + _see_questions(refs)
        out.wrap([(text, "")], indent=2)


def _asked_questions(result: Result) -> dict[str, int]:
    """Question id -> its number in the ask list, for the open answers listed there."""
    out: dict[str, int] = {}
    for n, item in enumerate(result.ask_list, 1):
        if item.question_id:
            out.setdefault(item.question_id, n)
    return out


def _see_questions(numbers: list[int]) -> str:
    listed = ", ".join(str(n) for n in numbers)
    return ngettext("See question {list} above.", "See questions {list} above.", len(numbers)).format(list=listed)


def _not_assessed(out: Layout, result: Result) -> None:
    """Open answers: those already in the ask list are named by number, the others listed."""
    if not result.not_assessed:
        return
    asked = _asked_questions(result)
    listed = sorted(asked[i.question.id] for i in result.not_assessed if i.question.id in asked)
    rest = [i for i in result.not_assessed if i.question.id not in asked]
    out.blank()
    out.line((_("Not assessed ({n}): find these out").format(n=len(result.not_assessed)), HEADING))
    if listed:
        out.wrap([(_see_questions(listed), "")], indent=2)
    shown: set[str] = set()
    for i in rest:
        key = item_words(i, result.respondent) + i.state
        if key in shown:  # two private answers of one topic: named once
            continue
        shown.add(key)
        out.wrap(
            [
                (
                    "? " + _words(item_words(i, result.respondent)) + " — " + _words(answer_text(i, result.respondent)),
                    "",
                )
            ],
            indent=2,
            hang=4,
        )


def _answers(out: Layout, result: Result) -> None:
    out.blank()
    out.line((words_for(result).heading("answers"), HEADING))
    for section, items in by_section(result):
        out.wrap([(_words(section.title), "bold")], indent=2)
        for i in items:
            out.wrap(
                [
                    (
                        _words(i.question.report_prompt(result.respondent))
                        + " — "
                        + _words(answer_text(i, result.respondent)),
                        "",
                    )
                ],
                indent=4,
                hang=6,
            )
