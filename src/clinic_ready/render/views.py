"""View models for printed documents: the filled report and the blank paper checklist.

HTML, PDF and Markdown read these, so all three say exactly the same thing.  Both are built
from model objects only (a Result, or a Checklist for the blank form) plus the date to print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from clinic_ready import i18n
from clinic_ready.core import conditions
from clinic_ready.core.model import Checklist, Concern, Finding, Possible, Question, Result, Severity, SupporterTip
from clinic_ready.i18n import N_, _, ngettext
from clinic_ready.notices import crisis_heading, crisis_lines, crisis_text, notice
from clinic_ready.render import texts
from clinic_ready.render.common import (
    ANSWER_STATE_WORDS,
    DECLINED_LABEL,
    UNSURE_LABEL,
    Citations,
    about_lines,
    answer_text,
    because,
    by_section,
    counts_text,
    date_text,
    grouped,
    item_words,
    private_intro,
    severity_label,
    source_line,
)
from clinic_ready.wording import verdict_text, words_for

CLINIC_NAME_ID = "clinic_name"  # a text question with this id names the clinic in the header
FOOTER = N_("Not medical advice. Crisis: call or text 988 · SAMHSA 1-800-662-4357 · Emergency 911")


def footer() -> str:
    return _(FOOTER)


class ConcernView(NamedTuple):
    id: str  # for HTML anchors only: never printed
    severity: str
    label: str
    title: str
    why: str
    ask: str  # "see question 3 in Questions to ask", or the question itself when it is in no list
    action: str  # "see first step 1 above", or the action itself
    refs: str
    because: str | None = None  # with --explain: the answers that raised it
    ask_number: int | None = None
    dated: tuple[str, ...] = ()  # "This rule was set to end on …": its dated facts past their end


class PossibleView(NamedTuple):
    severity: str
    label: str
    title: str
    depends: str  # "Depends on question 9 in Questions to ask (you preferred not to say)"


class AskItem(NamedTuple):
    number: int
    text: str
    about: str  # the concern title, or "Could apply: <title> (you answered unsure)"


class SourceView(NamedTuple):
    number: int
    text: str
    url: str | None


class TipView(NamedTuple):
    text: str
    refs: str  # "[3], [8]" (numbers in this report's Sources), or ""


class GoodView(NamedTuple):
    title: str
    text: str  # why it is worth knowing, then what to do
    refs: str


class AnswerRow(NamedTuple):
    prompt: str
    answer: str
    open: bool = False  # unsure, declined or not answered: marked so a reader sees what is still open


@dataclass(eq=False, repr=False)  # built once per document, never compared or printed
class Common:
    """What every printed document carries."""

    title: str
    version: str
    facts_as_of: str
    printed_on: str
    checklist_notice: str
    currency: str = ""  # "Facts checked … · review due …"
    about: list[str] = field(default_factory=list)  # review-due note, balance statement, maintainers and funding
    notice: str = field(default_factory=notice)
    crisis_heading: str = field(default_factory=crisis_heading)
    crisis: tuple = field(default_factory=crisis_lines)
    crisis_line: str = field(default_factory=crisis_text)
    footer: str = field(default_factory=footer)
    lang: str = field(default_factory=i18n.language)  # <html lang>, the PDF's document language
    page_of: str = field(default_factory=lambda: _("Page {page} of {pages}"))  # page numbers (PDF, printed HTML)


ONLY = ("questions",)  # parts of a report that can be printed on their own (report --only)


@dataclass(eq=False, repr=False)  # built once per document, never compared or printed
class ReportView(Common):
    clinic_name: str | None = None
    respondent_line: str | None = None  # "Answered by someone helping …" when a supporter answered
    only: str | None = None  # "questions": the questions to ask, with the header and crisis lines only
    crisis_first: bool = False  # crisis lines right after the verdict too (an urgent concern raised or could apply)
    verdict_code: str = ""
    verdict_title: str = ""
    verdict_text: str = ""
    counts_text: str = ""
    urgent: list[ConcernView] = field(default_factory=list)
    urgent_lines: tuple = ()
    first_steps: list[str] = field(default_factory=list)
    tips: list[TipView] = field(default_factory=list)  # "How you can help" (supporter only)
    could_apply: list[PossibleView] = field(default_factory=list)
    groups: list[tuple[str, str, list[ConcernView]]] = field(default_factory=list)
    good_to_know: list[GoodView] = field(default_factory=list)  # info items: after the concerns, never counted
    ask_list: list[AskItem] = field(default_factory=list)
    private: list[str] = field(default_factory=list)  # topics the prescriber will ask about
    heading_private: str = ""
    private_intro: str = ""
    not_assessed_note: str = ""
    answers: list[tuple[str, list[AnswerRow]]] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)
    # the document's fixed wording (translatable)
    heading_urgent: str = ""
    heading_first_steps: str = ""
    heading_tips: str = ""
    heading_questions: str = ""
    questions_hint: str = ""
    no_questions: str = ""
    heading_concerns: str = ""
    no_concerns: str = ""
    heading_could_apply: str = ""
    heading_good_to_know: str = ""
    could_apply_intro: str = ""
    heading_answers: str = ""
    heading_sources: str = ""
    heading_about: str = ""


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _numbers(numbers: list[int]) -> str:
    """ "question 9", "questions 9 and 10", "questions 3, 4 and 9"."""
    if len(numbers) == 1:
        return _("question {n}").format(n=numbers[0])
    head = ", ".join(str(n) for n in numbers[:-1])
    return _("questions {head} and {last}").format(head=head, last=numbers[-1])


def _open(item, respondent: str = "patient") -> str:
    text = _clean(answer_text(item, respondent))
    return text if item.state == "answered" else _("{answer} (open)").format(answer=text)


def _clinic_name(result: Result) -> str | None:
    """The clinic's name, when a text question named ``clinic_name`` was answered."""
    clinic = next(
        (
            i.answer.value
            for i in result.items
            if i.question.id == CLINIC_NAME_ID and i.state == "answered" and i.answer is not None
        ),
        None,
    )
    return _clean(str(clinic)) if clinic else None


def _report_head(result: Result, today: dt.date, only: str | None) -> ReportView:
    """The report's header, verdict and fixed wording: everything but the lists."""
    cl = result.checklist
    words = words_for(result)
    verdict = verdict_text(result.verdict, words)
    counts = counts_text(result)
    return ReportView(
        title=cl.title,
        version=cl.version,
        facts_as_of=date_text(cl.facts_as_of),
        printed_on=date_text(today),
        checklist_notice=_clean(cl.notice),
        clinic_name=_clinic_name(result),
        currency=cl.currency_line(),
        about=about_lines(cl, today),
        only=only,
        respondent_line=_("Answered by someone helping the person considering treatment.")
        if result.respondent == "supporter"
        else None,
        verdict_code=result.verdict.code,
        verdict_title=verdict.title,
        verdict_text=verdict.text,
        counts_text=_("Concerns raised: {counts}.").format(counts=counts) if counts else _("No concern was raised."),
        heading_urgent=_("Urgent: get help now"),
        heading_first_steps=words.heading("first_steps"),
        heading_tips=words.heading("tips"),
        heading_questions=words.heading("questions"),
        questions_hint=_("Tick each question when it has been answered, and write the answer on the line."),
        no_questions=_("No questions: nothing was raised and nothing is open."),
        heading_concerns=words.heading("concerns"),
        no_concerns=_("No concern was raised by these answers."),
        heading_could_apply=words.heading("could_apply"),
        heading_good_to_know=words.heading("good_to_know"),
        could_apply_intro=_(
            "Your open answers (unsure, prefer not to say, or not answered) leave these concerns "
            "possible. Find out the answers: each is a question to ask above."
        ),
        heading_answers=words.heading("answers"),
        notice=words.notice(),
        crisis_heading=words.crisis_heading(),
        heading_sources=_("Sources"),
        heading_about=_("About this report"),
        heading_private=words.heading("private"),
        private_intro=private_intro(result),
    )


@dataclass(eq=False, repr=False)
class _Cards:
    """Builds concern cards that point to their question and first step by number."""

    result: Result
    today: dt.date
    cites: Citations
    explain: bool
    steps: tuple[tuple[str, str], ...]
    by_text: dict[str, int] = field(init=False, default_factory=dict)  # ask text (lower case) -> its number
    by_question: dict[str, int] = field(init=False, default_factory=dict)  # question id -> its number in the ask list
    step_numbers: dict[str, int] = field(init=False, default_factory=dict)  # concern id -> its first step's number
    step_by_text: dict[str, int] = field(init=False, default_factory=dict)  # step text (lower case) -> its number

    def __post_init__(self) -> None:
        for n, item in enumerate(self.result.ask_list, 1):
            self.by_text.setdefault(item.text.lower(), n)
            if item.question_id:
                self.by_question.setdefault(item.question_id, n)
        self.step_numbers = {cid: n for n, (_text, cid) in enumerate(self.steps, 1)}
        self.step_by_text = {text.lower(): n for n, (text, _cid) in enumerate(self.steps, 1)}

    def card(self, f: Finding, sev: Severity) -> ConcernView:
        c, who = f.concern, self.result.respondent
        ask, action = _clean(c.ask), _clean(c.action_for(who))
        number = self.result.ask_numbers.get(c.id) or self.by_text.get(ask.lower())
        step = self.step_numbers.get(c.id) or self.step_by_text.get(action.lower())
        return ConcernView(
            c.id,
            sev.value,
            severity_label(sev),
            _clean(c.title),
            _clean(c.why_for(who)),
            _("see question {n} in Questions to ask").format(n=number) if number else ask,
            _("see first step {n} above").format(n=step) if step and not c.urgent else action,
            self.cites.refs(f),
            because(self.result, c) if self.explain else None,
            number,
            tuple(self.result.checklist.expired_lines(c.facts, self.today)),
        )

    def urgent(self) -> list[ConcernView]:
        who = self.result.respondent
        return [
            self.card(f, f.concern.severity)._replace(action=_clean(f.concern.urgent_action_for(who)))
            for f in self.result.urgent
        ]

    def possible(self, p: Possible) -> PossibleView:
        """A could-apply concern: the numbers of the questions it depends on, and any other answers."""
        who = self.result.respondent
        asked = sorted({self.by_question[i.question.id] for i in p.depends_on if i.question.id in self.by_question})
        parts = []
        if asked:
            states = sorted({ANSWER_STATE_WORDS.get(i.state, i.state) for i in p.depends_on})
            parts.append(
                _("Depends on {which} in Questions to ask ({states}).").format(
                    which=_numbers(asked), states="; ".join(states)
                )
            )
        rest = [i for i in p.depends_on if i.question.id not in self.by_question]
        if rest:
            answers = "; ".join(f"“{item_words(i, who)}” ({ANSWER_STATE_WORDS.get(i.state, i.state)})" for i in rest)
            parts.append(_("Depends on: {answers}.").format(answers=answers))
        c = p.concern
        return PossibleView(c.severity.value, severity_label(c.severity), _clean(c.title), " ".join(parts))


def _tip_views(result: Result, tips: list[SupporterTip], cites: Citations) -> list[TipView]:
    cl = result.checklist
    return [
        TipView(
            _clean(t.text),
            ", ".join(f"[{cites.number(cl.source_by_id[s])}]" for s in t.sources if s in cl.source_by_id),
        )
        for t in tips
    ]


def _good_views(result: Result, today: dt.date, cites: Citations) -> list[GoodView]:
    """Info items: why each is worth knowing, then what to do."""
    who, cl = result.respondent, result.checklist
    return [
        GoodView(
            _clean(f.concern.title),
            " ".join(
                t
                for t in (
                    _clean(f.concern.why_for(who)),
                    _clean(f.concern.action_for(who)),
                    *cl.expired_lines(f.concern.facts, today),
                )
                if t
            ),
            cites.refs(f),
        )
        for f in result.good_to_know
    ]


def _not_assessed_note(result: Result) -> str:
    n = len(result.not_assessed)
    if not n:
        return ""
    return ngettext(
        "Not assessed: {n} answer is unsure, declined or not given; it is marked “(open)” in Your answers.",
        "Not assessed: {n} answers are unsure, declined or not given; each is marked “(open)” in Your answers.",
        n,
    ).format(n=n)


def _answer_sections(result: Result) -> list[tuple[str, list[AnswerRow]]]:
    who = result.respondent
    return [
        (
            section.title,
            [AnswerRow(_clean(i.question.report_prompt(who)), _open(i, who), i.state != "answered") for i in items],
        )
        for section, items in by_section(result)
    ]


def report_view(result: Result, today: dt.date, explain: bool = False, only: str | None = None) -> ReportView:
    cl = result.checklist
    tips = list(result.tips) if result.respondent == "supporter" else []
    cites = Citations.of(result, extra=[cl.source_by_id[s] for t in tips for s in t.sources if s in cl.source_by_id])
    view = _report_head(result, today, only)
    steps = texts.first_steps(result)
    cards = _Cards(result, today, cites, explain, steps)
    view.urgent = cards.urgent()
    view.urgent_lines = words_for(result).urgent_lines() if result.urgent else ()
    view.crisis_first = result.crisis_first
    view.first_steps = [_clean(text) for text, _cid in steps]
    view.tips = _tip_views(result, tips, cites)
    view.groups = [(severity_label(sev), sev.value, [cards.card(f, sev) for f in fs]) for sev, fs in grouped(result)]
    view.good_to_know = _good_views(result, today, cites)
    view.could_apply = [cards.possible(p) for p in result.could_apply]
    view.ask_list = [AskItem(n, i.text, texts.ask_about(result, i)) for n, i in enumerate(result.ask_list, 1)]
    view.private = [topic for topic, _qid in texts.private_topics(result)]
    view.not_assessed_note = _not_assessed_note(result)
    view.answers = _answer_sections(result)
    view.sources = [SourceView(n, source_line(s), s.url) for n, s in enumerate(cites.order, 1)]
    return view


# --------------------------------------------------------------------------- the blank checklist
WARN = "\u26a0"  # ⚠ (in the bundled DejaVu Sans, regular and bold)


class _OneAnswer:
    """A context in which only one question is answered (every other answer missing)."""

    doubt: frozenset = frozenset()

    def __init__(self, qid: str, state: str, value: object = None):
        self.qid, self._state, self._value = qid, state, value

    def state(self, question_id: str) -> str:
        return self._state if question_id == self.qid else "missing"

    def value(self, question_id: str) -> object:
        return self._value if question_id == self.qid else None

    def score(self, score_id: str) -> None:
        return None


def _signed_leaves(cond, positive: bool = True):
    """(test, polarity) for every test in a condition: polarity flips under each ``not``.  Tests
    beside a score test in an ``all`` only choose the score's threshold (who the person is), so
    they are left out."""
    if isinstance(cond, conditions.AllOf):
        if any(isinstance(c, conditions.ScoreTest) for c in cond.all):
            return
        for c in cond.all:
            yield from _signed_leaves(c, positive)
    elif isinstance(cond, conditions.AnyOf):
        for c in cond.any:
            yield from _signed_leaves(c, positive)
    elif isinstance(cond, conditions.NotOf):
        yield from _signed_leaves(cond.not_, not positive)
    elif cond is not None:
        yield cond, positive


def _questions_read(cond) -> set[str] | None:
    """The ids of the questions a condition's tests read (scores read none in a _OneAnswer
    context), or None for a test of a kind not known here."""
    found: set[str] = set()
    stack = [cond]
    while stack:
        c = stack.pop()
        if c is None or isinstance(c, conditions.ScoreTest):
            continue
        if isinstance(c, conditions.QuestionTest):
            found.add(c.question)
        elif isinstance(c, conditions.AllOf):
            stack.extend(c.all)
        elif isinstance(c, conditions.AnyOf):
            stack.extend(c.any)
        elif isinstance(c, conditions.NotOf):
            stack.append(c.not_)
        else:
            return None
    return found


def _index_by_question(cl: Checklist, serious: list[Concern]) -> tuple[dict[str, list[int]], list[int]]:
    """Only the concerns whose condition reads a question can change when that question alone is
    answered: index them once, so the work grows with the checklist's size, not with
    questions x concerns (1,500 questions and concerns took 24 s).  A concern that is already
    true with nothing answered, or that has a test of a kind not known here, is tried for all
    (the second list)."""
    nothing = _OneAnswer(None, "missing")  # type: ignore[arg-type]
    by_question: dict[str, list[int]] = {}
    everywhere: list[int] = []
    for n, c in enumerate(serious):
        read = _questions_read(c.when)
        if read is None or cl.compiled[("concern", c.id)](nothing) is True:
            everywhere.append(n)
            continue
        for qid in read:
            by_question.setdefault(qid, []).append(n)
    return by_question, everywhere


def _options(q: Question) -> list[tuple[str, str, list[str] | str | None]]:
    """(key, state, value) for every option a paper form offers: each choice, unsure, declined."""
    options: list[tuple[str, str, list[str] | str | None]] = [
        (v, "answered", [v] if q.type == "multi_choice" else v) for v in q.choice_values
    ]
    return options + [(state, state, None) for state in ("unsure", "declined")]


def _test_points_to(t: object, positive: bool, q: Question, ctx: _OneAnswer, state: str) -> bool:
    """A test on this question that the option makes point towards the concern: true when read
    positively, or false under ``not`` (a yes/no or single choice answer, never a state test)."""
    if not isinstance(t, conditions.QuestionTest) or t.question != q.id:
        return False
    if positive:
        return bool(t.holds(ctx))
    return state == "answered" and q.type != "multi_choice" and t.operator != "state" and not t.holds(ctx)


def _is_sign(cl: Checklist, c: Concern, q: Question, ctx: _OneAnswer, state: str) -> bool:
    """The option alone raises the concern, or makes one of its tests point towards it."""
    if cl.compiled[("concern", c.id)](ctx) is True:
        return True
    return any(_test_points_to(t, positive, q, ctx, state) for t, positive in _signed_leaves(c.when))


def warning_signs(cl: Checklist) -> dict[str, set[str]]:
    """Question id -> the options (choice values, or the states "unsure"/"declined") that are warning
    signs: ticking one makes a critical or high concern's condition true on its own, or makes one
    of its tests point towards the concern (a test read positively, or a yes/no or single choice
    test under ``not`` that the option makes false).  Ticking a box in a multiple choice cannot
    make an ``includes`` false, so negated multiple-choice tests never mark an option."""
    out: dict[str, set[str]] = {}
    serious = [c for c in cl.concerns if c.severity in (Severity.critical, Severity.high)]
    by_question, everywhere = _index_by_question(cl, serious)
    for q in cl.questions.values():
        if q.type not in ("yes_no", "choice", "multi_choice"):
            continue
        relevant = [serious[n] for n in sorted(set(by_question.get(q.id, ())).union(everywhere))]
        for key, state, value in _options(q):
            ctx = _OneAnswer(q.id, state, value)
            if any(_is_sign(cl, c, q, ctx, state) for c in relevant):
                out.setdefault(q.id, set()).add(key)
        if set(q.choice_values) <= out.get(q.id, set()):
            del out[q.id]  # every answer is marked: the question sets the context (which product), it is no sign
    return out


class BlankQuestion(NamedTuple):
    number: str  # "7", or "7a" for a question an earlier answer opens (paper_numbers)
    prompt: str
    help: str
    options: tuple[str, ...]
    multi: bool
    condition: str | None
    hint: str | None
    warn: tuple[bool, ...] = ()  # per option: a warning sign (⚠), see warning_signs


@dataclass(eq=False, repr=False)  # built once per document, never compared or printed
class BlankView(Common):
    intro: str = ""
    audience: str = ""
    warn_mark: str = WARN
    key: str = ""  # what ⚠ means
    if_warned_heading: str = ""
    if_warned: list[str] = field(default_factory=list)
    sections: list[tuple[str, str, str | None, list[BlankQuestion]]] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)
    # the document's fixed wording (translatable)
    unsure_label: str = ""
    declined_label: str = ""
    heading_blank: str = field(default_factory=lambda: _("blank checklist"))
    meta_line: str = ""  # "Blank checklist · version … · facts … · printed …"
    for_label: str = field(default_factory=lambda: _("For:"))
    how_to_tick: str = ""
    why_label: str = field(default_factory=lambda: _("Why it matters:"))
    notes_label: str = field(default_factory=lambda: _("Notes:"))
    heading_sources: str = field(default_factory=lambda: _("Sources"))
    tick_box_label: str = field(default_factory=lambda: _("tick box"))


def paper_numbers(cl: Checklist) -> dict[str, str]:
    """The paper form's question numbers: 1, 2, 3 … for the questions every run asks, numbered as
    the interactive run numbers them until an answer opens more; a question asked only when an
    earlier answer calls for it carries the number before it and a letter (7a, 7b …)."""
    out: dict[str, str] = {}
    n, letter = 0, 0
    for s in cl.sections:
        for q in s.questions:
            if q.when is None and s.when is None:
                n, letter = n + 1, 0
                out[q.id] = str(n)
            else:
                letter += 1
                out[q.id] = f"{n}{_letters(letter)}"
    return out


def _letters(k: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    s = ""
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(97 + r) + s
    return s


def blank_view(cl: Checklist, today: dt.date) -> BlankView:
    """The blank paper checklist: every question with its tick boxes, when to answer it, and the
    key to the warning signs (⚠) when the checklist has any."""
    view = BlankView(
        title=cl.title,
        version=cl.version,
        facts_as_of=date_text(cl.facts_as_of),
        printed_on=date_text(today),
        checklist_notice=_clean(cl.notice),
        intro=_clean(cl.intro),
        audience=_clean(cl.audience),
        currency=cl.currency_line(),
        about=about_lines(cl, today),
    )
    view.meta_line = _("Blank checklist · version {version} · {currency} · printed {date}").format(
        version=cl.version, currency=view.currency, date=view.printed_on
    )
    view.how_to_tick = (
        _(
            "Tick one box for each question (or every box that applies where it says so). Tick “{unsure}” "
            "when you do not know: that is a question to ask the clinic."
        ).format(unsure=_(UNSURE_LABEL))
        + " "
        + _("A question with a letter after its number (7a, 7b) is for some people only: it says when to answer it.")
    )
    signs = warning_signs(cl)
    if signs:
        _warning_key(view)
    view.unsure_label, view.declined_label = _(UNSURE_LABEL), _(DECLINED_LABEL)
    when = _PaperConditions(cl, paper_numbers(cl))
    for s in cl.sections:
        questions = [_blank_question(q, when, signs.get(q.id, set())) for q in s.questions]
        view.sections.append((s.title, _clean(s.intro), when.words(s.when), questions))
    view.sources = [SourceView(n, source_line(src), src.url) for n, src in enumerate(cl.sources, 1)]
    return view


def _warning_key(view: BlankView) -> None:
    """What ⚠ means, and what to do if you ticked one."""
    view.key = _(
        "Key: {mark} next to an answer means that answer, alone or with others, raises a critical or "
        "high concern in this checklist."
    ).format(mark=WARN)
    view.if_warned_heading = _("What to do if you ticked {mark}").format(mark=WARN)
    view.if_warned = [
        _(
            "Before the first dose, show this page to the prescriber and ask about each answer you ticked with {mark}. "
            "Do not take a dose until it has been talked through."
        ).format(mark=WARN),
        _(
            "If you are in crisis or danger: call or text 988; SAMHSA National Helpline 1-800-662-4357 "
            "(free, confidential, 24/7); in an emergency call 911."
        ),
    ]


class _PaperConditions:
    """A question's or section's condition in words, naming questions by their paper numbers."""

    def __init__(self, cl: Checklist, numbers: dict[str, str]):
        self.cl = cl
        self.numbers = numbers

    def label(self, qid: str) -> str:
        return _("question {n}").format(n=self.numbers[qid])

    def choice_label(self, qid: str, value: object) -> str:
        return self.cl.questions[qid].choice_label(value)

    def words(self, cond) -> str | None:
        """ "Answer this if …", or None for a question every run asks."""
        if cond is None:
            return None
        return _("Answer this if {condition}.").format(
            condition=conditions.describe(cond, self.label, self.choice_label)
        )


def _blank_question(q, when: _PaperConditions, marked: set[str]) -> BlankQuestion:
    """One question of the paper form: its tick boxes ("Unsure" and "Prefer not to say" last,
    except for a written answer), which of them are warning signs, and how to answer it."""
    if q.type == "yes_no":
        options: tuple[str, ...] = (_("Yes"), _("No"))
    elif q.type in ("choice", "multi_choice"):
        options = tuple(_clean(c.label) for c in q.choices or ())
    else:
        options = ()
    # a free-text answer (a clinic's name) is written, or left blank: no "Unsure" to tick
    specials = () if q.type == "text" else ("unsure", "declined")
    keys = (q.choice_values if options else ()) + specials
    special_labels = () if q.type == "text" else (_(UNSURE_LABEL), _(DECLINED_LABEL))
    return BlankQuestion(
        when.numbers[q.id],
        _clean(q.prompt),
        _clean(q.help),
        options + special_labels,
        q.type == "multi_choice",
        when.words(q.when),
        _answer_hint(q),
        tuple(k in marked for k in keys),
    )


def _answer_hint(q) -> str | None:
    """How to answer a number, a written answer or a multiple choice (None for the others)."""
    if q.type == "number":
        rng = [
            _("from {n}").format(n=f"{q.min:g}") if q.min is not None else "",
            _("to {n}").format(n=f"{q.max:g}") if q.max is not None else "",
        ]
        return " ".join([_("A number"), *(p for p in rng if p)]) + (f" ({_clean(q.unit)})" if q.unit else "")
    if q.type == "text":
        return _("Write your answer, or leave it blank")
    if q.type == "multi_choice":
        alone = [_clean(c.label) for c in q.choices or () if c.exclusive]
        hint = _("Tick all that apply")
        if alone:
            hint += " " + _("(tick {choices} only on its own)").format(
                choices=(" " + _("or") + " ").join(chr(8220) + a + chr(8221) for a in alone)
            )
        return hint
    return None
