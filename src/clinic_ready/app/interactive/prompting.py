"""The interactive questionnaire: the only module that reads the keyboard.

A line-based loop (works with screen readers, under test runners and in any terminal):

    ?  why this matters      u  unsure      d  prefer not to say      b  back      q  save and quit

In Spanish the same keys work, and Spanish ones are added (shown in the Spanish key line):
``s``/``n`` (sí/no), ``ns`` (No sé), ``p`` (Prefiero no decirlo), ``a`` (atrás), ``salir``, ``ayuda``.

Conditions are re-evaluated after every answer.  Answers to questions that become hidden are
kept (so changing an earlier answer back loses nothing) but left out of the result by the engine.
``on_change`` is called after every change, so the caller can save a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from rich.console import Console, RenderableType
from rich.rule import Rule
from rich.text import Text

from clinic_ready import notices
from clinic_ready.app.interactive import estimate
from clinic_ready.core import engine
from clinic_ready.core.coercion import AnswerRejected, coerce
from clinic_ready.core.model import Answer, Answers, Checklist, Question
from clinic_ready.i18n import N_, _, language, ngettext
from clinic_ready.render.common import answer_text
from clinic_ready.wording import Words

KEYS = N_("? why this matters · u unsure · d prefer not to say · b back · q save and quit")
#: the keys shown after every prompt (the optional form adds Enter)
KEY_HINT = N_("(or ?, u, d, b, q)")
KEY_HINT_OPTIONAL = N_("(or ?, u, d, b, q, or Enter to skip)")
KEY_HINT_SKIP_MEANS = N_("(or ?, u, d, b, q, or Enter for {answer})")
#: how the special answers are named on screen (the Spanish checklists call them "No sé" and
#: "Prefiero no decirlo", the keys' labels)
UNSURE_LABEL = N_("Unsure")
DECLINED_LABEL = N_("Prefer not to say")

#: what a person may type, in every language (English)
KEYWORDS: dict[str, frozenset[str]] = {
    "help": frozenset({"?", "h", "help"}),
    "unsure": frozenset({"u", "unsure"}),
    "declined": frozenset({"d", "decline", "declined"}),
    "back": frozenset({"b", "back"}),
    "quit": frozenset({"q", "quit"}),
    "yes": frozenset({"y", "yes"}),
    "no": frozenset({"n", "no"}),
}
#: what Spanish adds (no word means two things, and none is a number: tests/test_session_spanish.py)
SPANISH_KEYWORDS: dict[str, frozenset[str]] = {
    "help": frozenset({"ayuda"}),
    "unsure": frozenset({"ns", "no sé", "no se", "nose"}),
    "declined": frozenset({"p", "prefiero no decirlo"}),
    "back": frozenset({"a", "atrás", "atras"}),
    "quit": frozenset({"salir"}),
    "yes": frozenset({"s", "sí", "si"}),
}


def keywords(kind: str) -> frozenset[str]:
    """The words that mean ``kind`` (help, unsure, declined, back, quit, yes, no) in the current language."""
    words = KEYWORDS[kind]
    if language() == "es":
        words = words | SPANISH_KEYWORDS.get(kind, frozenset())
    return words


def typed_text(raw: str) -> str:
    """What was typed, as the keys are compared: lower case, spaces squeezed."""
    return " ".join(raw.split()).lower()


Reader = Callable[[str], str]


class QuitRequested(Exception):
    """The person typed q: save and leave."""


class _Back(Exception):
    pass


class Questionnaire:
    """Ask the visible, unanswered questions of a checklist; then review; return the answers."""

    def __init__(
        self,
        checklist: Checklist,
        answers: Answers,
        console: Console,
        read: Reader,
        on_change: Callable[[Answers], object] = lambda a: None,  # (what it returns is not used)
        plain: bool = False,
        saving: bool = True,
    ):
        self.cl, self.answers, self.console, self.read = checklist, answers, console, read
        self.on_change, self.plain, self.saving = on_change, plain, saving
        self._last_section: object = None
        self._last_shown: list[Question] = []  # the questions counted in the M last shown (to say when it grows)
        self.ask_who = False  # ask at the welcome whether the person or a supporter is answering
        self.passed: set[str] = set()  # optional questions the person chose to skip this run
        self.urged: set[str] = self._urgent_ids()  # urgent concerns already shown (or raised before this run)

    # ------------------------------------------------------------------ views of the state
    def visible(self) -> list[Question]:
        """The questions to ask, in order: what the answers so far open (questions not reached yet
        open nothing), and every question whose condition is in doubt because of an unsure,
        declined or skipped answer (when in doubt, ask)."""
        unreached = {qid for qid in self.cl.questions if self._pending_id(qid)}
        return [i.question for i in engine.shown(self.cl, self.answers, unreached) if i.state != "skipped"]

    def unanswered(self) -> list[Question]:
        return [q for q in self.visible() if self._pending(q)]

    def _pending(self, q: Question) -> bool:
        return self._pending_id(q.id)

    def _pending_id(self, qid: str) -> bool:
        return qid not in self.answers.values and qid not in self.passed

    # ------------------------------------------------------------------ the flow
    @property
    def respondent(self) -> str:
        return self.answers.respondent

    def welcome(self) -> None:
        """The checklist and the notice, who is answering, how long it takes, and the keys."""
        self._say_about()
        if self.ask_who:
            self.ask_respondent()
        if self.respondent == "supporter":
            self._say(
                Text(
                    _(
                        "You are answering for someone else: the questions ask about the person you are helping. "
                        "If you do not know an answer, type u (unsure): it becomes a question to ask the clinic together."
                    )
                )
            )
        self._say_how_long()
        self._say(Text(_("At any question: {keys}.").format(keys=_(KEYS)), style="dim"))

    def _say_about(self) -> None:
        """The checklist's title, the notice, its introduction, how current it is, and a crisis line."""
        self._say(Text(self.cl.title, style="bold"))
        self._say(Text(Words(self.cl, self.respondent).notice(), style="italic"))
        self._say(Text(" ".join(self.cl.intro.split())))
        if self.cl.balance:
            self._say(Text(" ".join(self.cl.balance.split())))
        self._say(Text(self.cl.currency_line(), style="dim"))
        words = Words(self.cl, self.respondent)  # one crisis line from the start, before any question
        self._say(
            Text(
                _("{heading}: {lines}").format(heading=words.crisis_heading(), lines=notices.crisis_text()), style="dim"
            )
        )

    def _say_how_long(self) -> None:
        """About how many questions and minutes, and whether the answers are saved on the way."""
        from clinic_ready.core import question_range

        # what typical runs ask (the checklist's own examples), else the range that holds for anyone;
        # on resume, what is left
        fewest, most = question_range.typical_range(
            self.cl, self.answers, self.passed
        ) or question_range.question_range(self.cl, self.answers, self.passed)
        low, _high = question_range.rounded(fewest, most)
        count, time = estimate.how_long(fewest, most)
        saved = (
            _("Your answers are saved as you go.") if self.saving else _("Your answers are not saved until the end.")
        )
        now = len(self.unanswered())  # the M of the first "Question N of M"; it grows as answers open questions
        if now < low:
            self._say(
                Text(
                    _("{count}, {time}: {now} to begin with, and your answers open more. {saved}").format(
                        count=count, time=time, now=now, saved=saved
                    )
                )
            )
        else:
            self._say(
                Text(
                    _("{count}, {time}; the number depends on your answers. {saved}").format(
                        count=count, time=time, saved=saved
                    )
                )
            )

    def ask_respondent(self) -> None:
        """Who is answering: the person considering treatment, or someone helping them."""
        self._say(Text(""))
        self._say(Text(_("Who is answering?"), style="bold"))
        self._say(Text("  1) " + _("I am the person considering treatment")))
        self._say(Text("  2) " + _("I am helping someone else (a family member or friend)")))
        while True:
            word = typed_text(self.read(_("Type 1 or 2 (Enter for 1): ")))
            if word in keywords("quit"):
                raise QuitRequested
            if word in ("", "1", "2"):
                self.answers.respondent = "supporter" if word == "2" else "patient"
                self._say(Text(""))
                return
            self._say(Text(_("Please type 1 or 2."), style="yellow"))

    def run(self) -> Answers:
        """Ask until every visible question has an answer (or unsure/declined), then review."""
        self._ask_until_done(start=None)
        self.review()
        return self.answers

    def _ask_until_done(self, start: str | None) -> None:
        current = start
        while True:
            visible = self.visible()
            if current is None:
                pending = [q for q in visible if self._pending(q)]
                if not pending:
                    return
                current = pending[0].id
            ids = [q.id for q in visible]
            if current not in ids:  # hidden by a change: carry on with the next pending one
                current = None
                continue
            index = ids.index(current)
            self._say_growth(visible)
            try:
                self.ask(visible[index], index + 1, len(visible))
            except _Back:
                if index == 0:
                    self._say(Text(_("This is the first question."), style="dim"))
                else:
                    current = ids[index - 1]
                continue
            current = self._next_after(current)

    def _say_growth(self, visible: list[Question]) -> None:
        """When an answer opens questions, say so once, calmly (M in "Question N of M" grows)."""
        before, self._last_shown = self._last_shown, visible
        more = len(visible) - len(before)
        if before and more < 0 and any(self._pending(q) for q in visible):  # fewer to go: said, not silent
            self._say(Text(""))
            self._say(
                Text(
                    ngettext(
                        "Your answer means {n} question fewer.", "Your answer means {n} fewer questions.", -more
                    ).format(n=-more),
                    style="dim",
                )
            )
            return
        if not before or more <= 0:
            return
        old_sections = {self.cl.section_of[q.id].id for q in before}
        old_ids = {q.id for q in before}
        new = [q for q in visible if q.id not in old_ids]
        self._say(Text(""))
        if any(q.id in self._urgent_questions() for q in new):  # a question about being safe right now: no arithmetic
            if self.respondent == "supporter":
                self._say(
                    Text(
                        _(
                            "Thank you for telling us. One more question about how they are right now. If they need "
                            "help now, call or text 988 together, or call 911."
                        )
                    )
                )
            else:
                self._say(
                    Text(
                        _(
                            "Thank you for telling us; that is not easy. One more question about how you are right now. "
                            "If you need to talk to someone now, call or text 988, or call 911."
                        )
                    )
                )
        elif any(self.cl.section_of[q.id].id not in old_sections for q in new):
            self._say(
                Text(
                    ngettext(
                        "A new section opened: {n} more question.", "A new section opened: {n} more questions.", more
                    ).format(n=more)
                )
            )
        else:
            self._say(
                Text(
                    ngettext(
                        "Your answer opened {n} more question.", "Your answer opened {n} more questions.", more
                    ).format(n=more)
                )
            )

    def _urgent_questions(self) -> frozenset[str]:
        """The questions an urgent concern tests (whether the person is safe right now)."""
        found = getattr(self, "_urgent_qids", None)
        if found is None:
            from clinic_ready.core import conditions

            found = frozenset(
                t.question
                for c in self.cl.concerns
                if c.urgent
                for t in conditions.walk(c.when)
                if isinstance(t, conditions.QuestionTest)
            )
            self._urgent_qids = found
        return found

    def _next_after(self, qid: str) -> str | None:
        visible = self.visible()
        ids = [q.id for q in visible]
        after = visible[ids.index(qid) + 1 :] if qid in ids else visible
        for q in after:
            if self._pending(q):
                return q.id
        return None

    # ------------------------------------------------------------------ one question
    def ask(self, q: Question, number: int, total: int) -> None:
        """Ask one question until it is answered, kept or skipped (b and q raise _Back and QuitRequested)."""
        section = self.cl.section_of[q.id]
        if section is not self._last_section:
            self._section(section)
        current = self.answers.values.get(q.id)
        self._show(q, section.title, number, total, current)
        while True:
            raw = self.read(self._hint(q))
            word = typed_text(raw)
            if word in keywords("quit"):
                raise QuitRequested
            if word in keywords("back"):
                raise _Back
            if word in keywords("help"):
                self._help(q)
                continue
            if not word:
                if self._enter(q, current):
                    return
                continue
            try:
                answer = self._parse(q, raw.strip(), word)
            except AnswerRejected as exc:
                self._say(Text(_("{what} — {fix}.").format(what=exc.what, fix=exc.fix), style="yellow"))
                continue
            self.answers.values[q.id] = answer
            self.on_change(self.answers)
            self._interrupt_if_urgent()
            return

    def _show(self, q: Question, section: str, number: int, total: int, current: Answer | None) -> None:
        """The question: where it is, its words, its choices, and the answer it has already."""
        self._say(Text(""))
        self._say(Text(_("Question {n} of {m} · {section}").format(n=number, m=total, section=section), style="dim"))
        self._say(Text(" ".join(q.prompt_for(self.respondent).split()), style="bold"))
        if self.respondent == "supporter" and q.hint_supporter:
            self._say(Text(" ".join(q.hint_supporter.split()), style="dim"))
        if q.type in ("choice", "multi_choice"):
            self._say(_hanging([(f"  {n})", c.label_for(self.respondent)) for n, c in enumerate(q.choices or (), 1)]))
        if current is not None and q.type == "multi_choice" and current.state == "answered" and current.value:
            chosen = cast("list[str]", current.value)  # a multi-choice answer is a list of choice values
            numbers = ",".join(str(q.choice_values.index(v) + 1) for v in chosen if v in q.choice_values)
            self._say(
                Text(
                    _(
                        "Current answer: {numbers} ({answer}). Press Enter to keep it, type +N to add a choice or "
                        "-N to remove one (such as +3 or -1), or type all the numbers again."
                    ).format(numbers=numbers, answer=self._words(q, current)),
                    style="dim",
                )
            )
        elif current is not None:
            self._say(
                Text(
                    _("Current answer: {answer} (press Enter to keep it)").format(answer=self._words(q, current)),
                    style="dim",
                )
            )

    def _enter(self, q: Question, current: Answer | None) -> bool:
        """Enter on its own: keep the current answer, count an opt-in gate's skip as its if_skipped
        answer, or pass an optional question (True: the question is done); else ask for an answer."""
        if current is not None:
            return True
        if q.id in self.cl.skip_answers:  # an opt-in gate: skipping it means its if_skipped answer
            answer = self.cl.skip_answers[q.id]
            self.answers.values[q.id] = answer
            self._say(Text(_("Skipped: counted as “{answer}”.").format(answer=self._words(q, answer)), style="dim"))
            self.on_change(self.answers)
            return True
        if not q.required:
            self.passed.add(q.id)
            return True
        self._say(Text(_("Please answer, or type ? for help, u if unsure, d for prefer not to say."), style="yellow"))
        return False

    def _parse(self, q: Question, raw: str, word: str) -> Answer:
        """What was typed as an answer: a key (unsure, declined), y or n, a number, or the value itself."""
        if word in keywords("unsure"):
            return Answer("unsure")
        if word in keywords("declined"):
            return Answer("declined")
        try:
            return self._value(q, raw, word)
        except AnswerRejected as exc:
            reworded = _reworded(q, exc)
            if reworded is None:
                raise
            raise reworded from None

    def _value(self, q: Question, raw: str, word: str) -> Answer:
        """The answer typed for this type of question (y or n, numbers for choices)."""
        said = "y" if word in keywords("yes") else "n" if word in keywords("no") else None
        if q.type == "yes_no" and said:
            return coerce(q, "yes" if said == "y" else "no")
        if q.type == "choice":
            chosen = self._choice(q, word, said)
            if chosen is not None:
                return chosen
        if q.type == "multi_choice":
            return self._choices(q, raw)
        return coerce(q, raw)

    def _choices(self, q: Question, raw: str) -> Answer:
        """A multi-choice answer: numbers (or values) that apply, or +N and -N to edit the current one."""
        parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
        if parts and all(p[:1] in "+-" and _is_number(p[1:]) for p in parts):  # +3 adds, -1 removes
            return coerce(q, self._edited(q, parts))
        return coerce(q, [self._by_number(q, p) if _is_number(p) else p for p in parts])

    def _choice(self, q: Question, word: str, said: str | None) -> Answer | None:
        """A choice by y or n (for a yes/no-like choice) or by its number; None: read it as typed."""
        yes_no = yes_no_choices(q)
        if yes_no and said:
            return coerce(q, yes_no[said])
        if _is_number(word):
            return coerce(q, self._by_number(q, word))
        if all(_is_number(p) for p in word.replace(",", " ").split()):
            raise AnswerRejected(
                _("only one answer can be chosen here"),
                _("type one number from 1 to {count}").format(count=len(q.choice_values)),
            )
        return None

    def _edited(self, q: Question, parts: list[str]) -> list[str]:
        """The current multi-choice answer with +N added and -N removed, in the order of the choices."""
        current = self.answers.values.get(q.id)
        chosen = (
            set(cast("list[str]", current.value))  # a multi-choice answer is a list of choice values
            if current is not None and current.state == "answered" and current.value
            else set()
        )
        for part in parts:
            value = self._by_number(q, part[1:])
            if part[0] == "+":
                chosen.add(value)
            else:
                chosen.discard(value)
        return [v for v in q.choice_values if v in chosen]

    def _by_number(self, q: Question, digits: str) -> str:
        n = int(digits) if len(digits) <= 6 else 0
        if not 1 <= n <= len(q.choice_values):
            fix = _("type a number from 1 to {count}").format(count=len(q.choice_values))
            if len(digits) <= 6:
                raise AnswerRejected(_("{number} is not one of the numbers shown").format(number=digits), fix)
            raise AnswerRejected(_("that number is not one of the numbers shown"), fix)
        return q.choice_values[n - 1]

    def _hint(self, q: Question) -> str:
        """The prompt: what to type, then the keys ("Answer y or n (or ?, u, d, b, q): ")."""
        if q.id in self.cl.skip_answers:
            keys = _(KEY_HINT_SKIP_MEANS).format(answer=self._words(q, self.cl.skip_answers[q.id]))
        else:
            keys = _(KEY_HINT) if q.required else _(KEY_HINT_OPTIONAL)
        return _("{what} {keys}: ").format(what=self._base_hint(q), keys=keys)

    def _base_hint(self, q: Question) -> str:
        if q.type == "yes_no":
            return _("Answer y or n")
        if q.type == "choice":
            if yes_no_choices(q):
                return _("Type y or n, or a number 1-{count}").format(count=len(q.choices or ()))
            return _("Type a number 1-{count}").format(count=len(q.choices or ()))
        if q.type == "multi_choice":
            return _("Type all numbers that apply, like 1,3")
        if q.type == "number":
            return _("Type a number in {unit}").format(unit=q.unit) if q.unit else _("Type a number")
        return _("Type your answer")

    def _help(self, q: Question) -> None:
        self._say(Text.assemble((_("Why this matters: "), "bold"), " ".join(q.help_for(self.respondent).split())))
        from clinic_ready.dates import today

        for line in self.cl.expired_lines(q.facts, today()):  # a dated fact past its end, next to the help
            self._say(Text(line, style="italic"))
        for sid in q.sources:
            src = self.cl.source_by_id[sid]
            line = _("  Source: {title}. {publisher}, {year}.").format(
                title=src.title, publisher=src.publisher, year=src.year
            )
            label, _sep, rest = line.partition(": ")
            self._say(_hanging([(label + ":", rest)] if _sep else [("", line)], style="dim"))
        self._say(Text(_(KEYS), style="dim"))

    def _section(self, section) -> None:
        self._last_section = section
        if self.plain:
            self._say(Text(""))
            self._say(Text(_("Section: {title}").format(title=section.title), style="bold"))
        else:
            self._say(Text(""))  # a blank line before the rule: the new section stands apart
            self._say(Rule(Text(section.title), align="left"))
        intro = section.intro_for(self.respondent)
        if intro:
            self._say(Text(" ".join(intro.split())))

    # ------------------------------------------------------------------ urgent answers
    def _urgent_ids(self) -> set[str]:
        return {f.concern.id for f in engine.urgent(self.cl, self.answers)}

    def _interrupt_if_urgent(self) -> None:
        """Right after an answer raises an urgent concern: a calm screen, then continue or stop."""
        raised = engine.urgent(self.cl, self.answers)
        new = [f for f in raised if f.concern.id not in self.urged]
        self.urged = {f.concern.id for f in raised}
        if not new:
            return
        self._say(Text(""))
        words = Words(self.cl, self.respondent)
        heading = words.urgent_heading()
        if self.plain:
            self._say(Text(heading, style="bold"))
        else:
            self._say(Rule(heading, align="left", style="bold red"))
        for f in new:
            self._say(Text(" ".join(f.concern.title.split()), style="bold"))
            self._say(Text(" ".join(f.concern.action.split())))
        if self.respondent == "supporter":
            self._say(
                Text(
                    _(
                        "You are answering for someone else. If the person you are helping may be in danger now, stay with "
                        "them and call 911; or call or text 988 together. 988 also helps people who are worried about someone."
                    )
                )
            )
        self._say(Text(_("What to do now:"), style="bold"))
        self._say(_urgent_bullets(words.urgent_lines()))
        self._say(Text(""))
        self._say(
            Text(
                notices.come_back()
                if self.saving
                else _(
                    "You can come back to these questions later, but your answers are not being saved (--no-draft): "
                    "finish now, or start again later."
                )
            )
        )
        go_on = {"c", "continue", "continuar", "seguir"}
        # s is "stop" in English; in Spanish it means sí, so the key there is t (terminar)
        stop = ({"t", "terminar", "parar", "stop"} if language() == "es" else {"s", "stop"}) | keywords("quit")
        while True:
            word = typed_text(
                self.read(
                    _("Type c to continue the questions, or s to stop here (your answers are kept): ")
                    if self.saving
                    else _("Type c to continue the questions, or s to stop here: ")
                )
            )
            if word in go_on:
                self._last_section = None
                return
            if word in stop:
                raise QuitRequested
            self._say(Text(_("Type c to continue, or s to stop."), style="yellow"))

    # ------------------------------------------------------------------ review
    def review(self) -> None:
        """List every answer by section; change any by number; confirm with Enter.

        On a terminal too short for the list, it is shown a screenful at a time (Enter for the
        next, b for the one before).  After a change, the page holding that answer is shown again
        with a line saying what changed ("Changed 21: Unsure → Yes") just above the prompt."""
        page, note = 0, None
        while True:
            visible = self.visible()
            pages = self._review_pages(visible)
            page = max(0, min(page, len(pages) - 1))
            self._say(Text(""))
            title = _("Review your answers")
            if len(pages) > 1:
                title += " " + _("(page {n} of {m})").format(n=page + 1, m=len(pages))
            self._say(Text(title, style="bold underline"))
            for renderable in pages[page]:
                self._say(renderable)
            if note is not None:
                self._say(note)
                note = None
            choice = self._review_choice(len(visible), more=page < len(pages) - 1, back=page > 0)
            if choice is None:
                return
            if choice in ("more", "back"):
                page += 1 if choice == "more" else -1
                continue
            target = visible[choice - 1]
            before = self.answers.values.get(target.id)
            self._last_section = None
            try:
                self.ask(target, choice, len(visible))
            except _Back:
                continue
            after = self.answers.values.get(target.id)
            self._ask_until_done(start=None)  # a change may reveal new questions
            note = self._change_note(target, choice, before, after)
            number = next((n for n, q in enumerate(self.visible(), 1) if q.id == target.id), choice)
            page = self._page_of(number)

    def _change_note(self, q: Question, number: int, before: Answer | None, after: Answer | None) -> Text:
        old = self._words(q, before) if before else _("not answered")
        new = self._words(q, after) if after else _("not answered")
        if old == new:
            return Text(_("Kept {n}: {answer}").format(n=number, answer=new), style="dim")
        return Text(_("Changed {n}: {old} → {new}").format(n=number, old=old, new=new), style="green")

    def _review_rows(self, visible: list[Question]) -> list[tuple[RenderableType, int]]:
        """The review list as (renderable, item number or 0 for a section heading)."""
        rows: list[tuple[RenderableType, int]] = []
        current_section = None
        for n, q in enumerate(visible, 1):
            section = self.cl.section_of[q.id]
            if section is not current_section:
                current_section = section
                rows.append((Text(section.title, style="bold"), 0))
            a = self.answers.values.get(q.id)
            words = self._words(q, a) if a else _("not answered")
            rows.append((_hanging([(f"  {n}.", f"{' '.join(q.prompt_for(self.respondent).split())} — {words}")]), n))
        return rows

    def _review_room(self) -> int:
        """Lines a page of the review may take: the terminal's height less the title, a change
        line and the prompt; no limit when the output is not a terminal."""
        if not self.console.is_terminal:
            return 0
        return max(8, self.console.height - 5)

    def _review_pages(self, visible: list[Question]) -> list[list[object]]:
        """The review list cut into pages that fit the terminal (one page when it fits, or when
        the output is not a terminal); remembers each page's first item number."""
        rows = self._review_rows(visible)
        room = self._review_room()
        pages: list[list[object]] = [[]]
        firsts: list[int] = [0]
        used = 0
        for renderable, n in rows:
            height = len(self.console.render_lines(renderable, self.console.options, pad=False)) if room else 1
            if room and pages[-1] and used + height > room:
                pages.append([])
                firsts.append(0)
                used = 0
            if n and not firsts[-1]:
                firsts[-1] = n
            pages[-1].append(renderable)
            used += height
        self._page_firsts = firsts
        return pages

    def _page_of(self, number: int) -> int:
        """The page that shows item ``number`` (as the list was last cut)."""
        page = 0
        for i, first in enumerate(getattr(self, "_page_firsts", [1])):
            if first and number >= first:
                page = i
        return page

    def _review_choice(self, count: int, more: bool = False, back: bool = False):
        """A number from the review list, None to confirm, or "more"/"back" to turn a page.  A
        wrong entry is answered right above the prompt, which is asked again without redrawing
        the list (so the message stays)."""
        while True:
            if more:
                prompt = (
                    _(
                        "Type a number to change that answer, press Enter for the next page, or b for the page before "
                        "(q to save and quit): "
                    )
                    if back
                    else _(
                        "Type a number to change that answer, or press Enter for the next page (q to save and quit): "
                    )
                )
            else:
                prompt = _("Type a number to change that answer, or press Enter to confirm (q to save and quit): ")
            raw = self.read(prompt)
            word = typed_text(raw)
            if not word:
                return "more" if more else None
            if word in keywords("quit"):
                raise QuitRequested
            if back and word in keywords("back"):
                return "back"
            if _is_number(word) and len(word) <= 6 and 1 <= int(word) <= count:
                return int(word)
            from clinic_ready.safe_text import clean

            typed = clean(raw.strip())
            shown = typed if len(typed) <= 20 else typed[:20] + "…"
            self._say(
                Text(
                    _("“{typed}” is not a number on the list: type a number from 1 to {count}, or press Enter.").format(
                        typed=shown, count=count
                    ),
                    style="yellow",
                )
            )

    # ------------------------------------------------------------------ helpers
    def _words(self, q: Question, answer: Answer) -> str:
        """An answer as the questionnaire names it: the choice labels, or the special answer's label."""
        from clinic_ready.core.model import ItemResult

        if answer.state == "unsure":
            return _(UNSURE_LABEL)
        if answer.state == "declined":
            return _(DECLINED_LABEL)
        if q.type == "multi_choice" and not answer.value:
            return _("none of these")
        return answer_text(ItemResult(q, self.cl.section_of[q.id], answer.state, answer), self.respondent)

    def _say(self, renderable) -> None:
        self.console.print(renderable)


def _hanging(rows: list[tuple[str, str]], style: str = ""):
    """Rows of (marker, text) with the text's wrapped lines under its first word (a hanging
    indent): choices ("  3) Tablets…") and "Source:" lines.  A word longer than the line (a URL)
    is left whole for the terminal to show, never cut."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=style)
    grid.add_column(ratio=1, style=style, overflow="fold")
    for marker, text in rows:
        grid.add_row(marker, Text(" ".join(text.split()), style=style))
    return grid


def _urgent_bullets(lines=None):
    """What to do now (988, 911, SAMHSA) in the current language, as hanging bullets."""
    from rich.table import Table

    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(no_wrap=True)
    bullets.add_column(ratio=1, overflow="fold")
    for line in lines or notices.urgent_lines():
        bullets.add_row("  •", line)
    return bullets


#: choice labels that mean yes or no (a Spanish checklist labels them Sí and No)
_YES_LABELS = {"yes": "y", "no": "n", "sí": "y", "si": "y"}


def _reworded(q: Question, exc: AnswerRejected) -> AnswerRejected | None:
    """A rejected answer in the questionnaire's words (numbers, not choice ids; y or n), or None
    to keep the rejection as it is."""
    count = len(q.choice_values)
    not_a_choice = _("that is not one of the choices")
    wrong_choice = exc.what == _("the answer is not one of the choices")
    if q.type == "choice" and wrong_choice and yes_no_choices(q):
        return AnswerRejected(not_a_choice, _("type y or n, or a number from 1 to {count}").format(count=count))
    if q.type in ("choice", "multi_choice") and wrong_choice:  # speak in numbers, not ids
        return AnswerRejected(not_a_choice, _("type a number from 1 to {count}").format(count=count))
    if q.type == "yes_no":
        return AnswerRejected(
            _("that is not yes or no"), _("type y or n; u if you are not sure; d for prefer not to say")
        )
    return None


def yes_no_choices(q: Question) -> dict[str, str] | None:
    """For a choice question with one choice labelled Yes and one labelled No (like CAGE-AID's
    items; Sí and No in Spanish): {"y": value, "n": value}, so that y and n (s and n in Spanish)
    can be typed as at a yes/no question."""
    if q.type != "choice":
        return None
    found: dict[str, list[str]] = {"y": [], "n": []}
    for c in q.choices or ():
        word = " ".join(c.label.split()).strip(" .!¡").lower()
        if word in _YES_LABELS:
            found[_YES_LABELS[word]].append(c.value)
    if len(found["y"]) == 1 and len(found["n"]) == 1:
        return {"y": found["y"][0], "n": found["n"][0]}
    return None


def _is_number(word: str) -> bool:
    """ASCII digits only: '²' and other Unicode digits are not numbers a person typed to choose."""
    return word.isascii() and word.isdigit()


def confirm(read: Reader, console: Console, question: str, default: bool = True) -> bool:
    """A yes/no question outside the checklist (resume a draft?)."""
    suffix = _(" [Y/n] ") if default else _(" [y/N] ")
    while True:
        word = typed_text(read(question + suffix))
        if not word:
            return default
        if word in keywords("yes"):
            return True
        if word in keywords("no"):
            return False
        console.print(Text(_("Please type y or n."), style="yellow"))


def ask_path(read: Reader, question: str) -> str:
    """A file name, or '' to skip."""
    return read(question).strip()
