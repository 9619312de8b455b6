"""The page's engine: the questionnaire's state and every output, as plain data for JavaScript.

Imported inside Pyodide by the site's worker (static/worker.js); every call takes and returns JSON
text, so nothing of Python's object model crosses into the page.  It drives the same modules the
terminal does — engine, pace, coercion, notices, the renderers — and follows the terminal's flow
(prompting.Questionnaire) without its keyboard: which question comes next, back, skipping an
optional question, the growth note, the urgent interruption, the review.  The outputs are the
very functions `clinic-ready run -f json|html|fhir` and the end-of-run "save answers" call, so
the page's results are byte-identical to the command line's.

No terminal, file or network here: the page keeps the draft (the ``draft`` call's data) in the
browser's own storage, and downloads what the person asks for.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, cast

from clinic_ready import i18n, notices
from clinic_ready.core import engine, question_range
from clinic_ready.core.coercion import AnswerRejected, coerce
from clinic_ready.core.model import Answer, Answers, AnswerState, Checklist, Question
from clinic_ready.i18n import N_, _, ngettext

#: the page's own words (its buttons and notes), translated like every other message
UI = {
    "app_title": N_("clinic-ready: questions to ask before ketamine therapy"),
    "who_question": N_("Who is answering?"),
    "who_patient": N_("I am the person considering treatment"),
    "who_supporter": N_("I am helping someone else (a family member or friend)"),
    "supporter_note": N_(
        "You are answering for someone else: the questions ask about the person you are helping. "
        "If you do not know an answer, choose Unsure: it becomes a question to ask the clinic together."
    ),
    "start": N_("Start the questions"),
    "skip_link": N_("Skip to the main content"),
    "checklist_ketamine-clinic": N_("For a patient or their family: is the clinic ready, and what to raise"),
    "checklist_ketamine-clinic-self-audit": N_("For clinic staff: a self-audit of the clinic"),
    "current_answer": N_("Current answer:"),
    "cannot_answer": N_("If you cannot answer"),
    "draft_removed": N_(
        "Your run is complete, so the draft was removed from this browser. Download your answers to keep them."
    ),
    "continue_draft": N_("Continue where you left off"),
    "open_file": N_("Open an answers file"),
    "open_file_hint": N_("An answers file saved by clinic-ready (YAML or JSON), or a FHIR QuestionnaireResponse."),
    "next": N_("Next"),
    "back": N_("Back"),
    "skip": N_("Skip this question"),
    "why": N_("Why this matters"),
    "sources": N_("Sources"),
    "unsure": N_("Unsure"),
    "declined": N_("Prefer not to say"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "none_of_these": N_("None of these"),
    "choose_all": N_("Choose all that apply."),
    "optional": N_("Optional: you can skip this question."),
    "skip_means": N_("If you skip it, it counts as “{answer}”."),
    "answer_first": N_("Please choose or type an answer, or choose Unsure or Prefer not to say."),
    "progress": N_("Question {n} of {m}"),
    "section": N_("Section: {title}"),
    "review": N_("Review your answers"),
    "review_hint": N_("Choose an answer to change it, or see your summary."),
    "change": N_("Change"),
    "not_answered": N_("not answered"),
    "see_summary": N_("See my summary"),
    "summary": N_("Your summary"),
    "print": N_("Print or save as PDF"),
    "download_answers": N_("Download my answers (YAML)"),
    "download_fhir": N_("Download a FHIR Bundle (for a health record)"),
    "download_report": N_("Download the report (HTML)"),
    "start_over": N_("Start again"),
    "continue_questions": N_("Continue the questions"),
    "stop_here": N_("Stop here (your answers are kept)"),
    "stopped": N_(
        "Your answers so far are kept in this browser. Come back whenever you are ready, or use Forget my answers."
    ),
    "forget": N_("Forget my answers"),
    "forget_done": N_("Your answers were removed from this browser."),
    "forget_confirm": N_("Remove every answer kept in this browser? This cannot be undone."),
    "privacy": N_(
        "Your answers stay in this browser: nothing is sent anywhere. A draft is kept in this browser's own "
        "storage so that a closed tab loses nothing; Forget my answers removes it. Downloads go where you save them."
    ),
    "privacy_short": N_("Answers are kept only in this browser."),
    "language": N_("Language"),
    "checklist": N_("Checklist"),
    "loaded": N_("Opened {name}: {count} answers."),
    "file_problems": N_("This file could not be opened:"),
    "offline_ready": N_("This page now works offline too."),
    "summary_frame": N_("Your report"),
    "first_question": N_("This is the first question."),
    "no_pdf": N_('To keep a PDF, choose Print or save as PDF and pick "Save as PDF" as the printer.'),
}


def _ui() -> dict[str, str]:
    return {key: _(text) for key, text in UI.items()}


class Page:
    """One run of one checklist in one language: the answers so far and what is shown next."""

    def __init__(self, checklist_id: str, lang: str, paper: str = "letter"):
        from clinic_ready.app import pipeline

        i18n.install(lang)
        self.lang = i18n.language()
        self.paper = paper if paper in ("letter", "a4") else "letter"
        self.cl: Checklist = pipeline.load_checklist(checklist_id)
        self.answers = Answers(self.cl.id, self.cl.version)
        self.passed: set[str] = set()
        self.urged: set[str] = set()

    # ------------------------------------------------------------------ the terminal's flow
    def _pending(self, qid: str) -> bool:
        return qid not in self.answers.values and qid not in self.passed

    def visible(self) -> list[Question]:
        """prompting.Questionnaire.visible: what the answers so far open (when in doubt, ask)."""
        unreached = {qid for qid in self.cl.questions if self._pending(qid)}
        return [i.question for i in engine.shown(self.cl, self.answers, unreached) if i.state != "skipped"]

    def next_after(self, qid: str | None) -> str | None:
        """The next pending question after ``qid`` (the first pending one when None); None: review."""
        visible = self.visible()
        ids = [q.id for q in visible]
        after = visible[ids.index(qid) + 1 :] if qid in ids else visible
        for q in after:
            if self._pending(q.id):
                return q.id
        for q in visible:  # Questionnaire._ask_until_done starts again from the first pending one
            if self._pending(q.id):
                return q.id
        return None

    def previous(self, qid: str) -> str | None:
        ids = [q.id for q in self.visible()]
        if qid not in ids or ids.index(qid) == 0:
            return None
        return ids[ids.index(qid) - 1]

    # ------------------------------------------------------------------ views
    def _words(self, q: Question, answer: Answer) -> str:
        """An answer as the questionnaire names it (prompting.Questionnaire._words)."""
        from clinic_ready.core.model import ItemResult
        from clinic_ready.render.common import answer_text

        if answer.state == "unsure":
            return _("Unsure")
        if answer.state == "declined":
            return _("Prefer not to say")
        if q.type == "multi_choice" and not answer.value:
            return _("none of these")
        return answer_text(ItemResult(q, self.cl.section_of[q.id], answer.state, answer), self.answers.respondent)

    def _question(self, q: Question, number: int, total: int) -> dict:
        section = self.cl.section_of[q.id]
        a = self.answers.values.get(q.id)
        respondent = self.answers.respondent
        return {
            "id": q.id,
            "number": number,
            "total": total,
            "progress": _(UI["progress"]).format(n=number, m=total),
            "section_id": section.id,
            "section_title": section.title,
            "section_intro": " ".join((section.intro_for(respondent) or "").split()),
            "prompt": " ".join(q.prompt_for(respondent).split()),
            "hint": " ".join(q.hint_supporter.split()) if respondent == "supporter" and q.hint_supporter else "",
            "skip_means": self._words(q, self.cl.skip_answers[q.id]) if q.id in self.cl.skip_answers else "",
            "help": " ".join(q.help_for(respondent).split()),
            "sources": [
                _("{title}. {publisher}, {year}.").format(title=s.title, publisher=s.publisher, year=s.year)
                for s in (self.cl.source_by_id[sid] for sid in q.sources)
            ],
            "type": q.type,
            "required": q.required,
            "unit": q.unit or "",
            "choices": [{"value": c.value, "label": c.label_for(respondent)} for c in (q.choices or ())],
            "answer": None if a is None else {"state": a.state, "value": a.value, "words": self._words(q, a)},
            "passed": q.id in self.passed,
        }

    def state(self) -> dict:
        """Everything the page shows but the welcome's question range (``question_range``: it
        evaluates the checklist many times, so the start screen asks for it after showing)."""
        from clinic_ready.wording import Words

        visible = self.visible()
        total = len(visible)
        words = Words(self.cl, self.answers.respondent)
        return {
            "lang": self.lang,
            "checklist": {
                "id": self.cl.id,
                "title": self.cl.title,
                "version": self.cl.version,
                "intro": " ".join(self.cl.intro.split()),
                "balance": " ".join((self.cl.balance or "").split()),
                "currency": self.cl.currency_line(),
            },
            "notice": words.notice(),
            "crisis_heading": words.crisis_heading(),
            "crisis": [list(line) for line in notices.crisis_lines()],
            "respondent": self.answers.respondent,
            "questions": [self._question(q, n, total) for n, q in enumerate(visible, 1)],
            "next": self.next_after(None),
            "answered": len(self.answers.values),
            "ui": _ui(),
        }

    def question_range(self) -> str:
        """The welcome's "About 20–35 questions, roughly 5–10 minutes" (prompting.Questionnaire.welcome)."""
        from clinic_ready.app.interactive.estimate import how_long

        count, time = how_long(*question_range.question_range(self.cl, self.answers, self.passed))
        saved = _("Your answers are saved as you go.")
        return _("{count}, {time}; the number depends on your answers. {saved}").format(
            count=count, time=time, saved=saved
        )

    # ------------------------------------------------------------------ changes
    def set_respondent(self, who: str) -> dict:
        self.answers.respondent = "supporter" if who == "supporter" else "patient"
        return self.state()

    def answer(self, qid: str, kind: str, value: Any = None) -> dict:
        """Record an answer (kind: value, unsure, declined, skip).  Returns {ok, error} or the new
        state with ``next`` (None: the review), ``opened`` (the growth note) and ``urgent``."""
        q = self.cl.questions.get(qid)
        if q is None:
            return {"ok": False, "error": _("that is not one of the questions")}
        before = self.visible()
        if kind == "skip" and qid in self.cl.skip_answers:  # an opt-in gate: skipping it means its if_skipped answer
            self.answers.values[qid] = self.cl.skip_answers[qid]
            self.passed.discard(qid)
        elif kind == "skip":
            if q.required:
                return {"ok": False, "error": _(UI["answer_first"])}
            self.passed.add(qid)
            self.answers.values.pop(qid, None)
        else:
            try:
                answer = Answer(cast(AnswerState, kind)) if kind in ("unsure", "declined") else coerce(q, value)
            except AnswerRejected as exc:
                return {"ok": False, "error": _("{what} — {fix}.").format(what=exc.what, fix=exc.fix)}
            self.answers.values[qid] = answer
            self.passed.discard(qid)
        out = self.state()
        out.update(ok=True, next=self.next_after(qid), opened=self._growth(before), urgent=self._urgent())
        return out

    def _growth(self, before: list[Question]) -> str:
        """prompting.Questionnaire._say_growth: a calm note when an answer opens questions."""
        after = self.visible()
        more = len(after) - len(before)
        if more <= 0:
            return ""
        old_sections = {self.cl.section_of[q.id].id for q in before}
        old_ids = {q.id for q in before}
        if any(self.cl.section_of[q.id].id not in old_sections for q in after if q.id not in old_ids):
            return ngettext(
                "A new section opened: {n} more question.", "A new section opened: {n} more questions.", more
            ).format(n=more)
        return ngettext("Your answer opened {n} more question.", "Your answer opened {n} more questions.", more).format(
            n=more
        )

    def _urgent(self) -> dict | None:
        """prompting.Questionnaire._interrupt_if_urgent: the calm screen, right after the answer."""
        raised = engine.urgent(self.cl, self.answers)
        new = [f for f in raised if f.concern.id not in self.urged]
        self.urged = {f.concern.id for f in raised}
        if not new:
            return None
        from clinic_ready.wording import Words

        supporter = self.answers.respondent == "supporter"
        words = Words(self.cl, self.answers.respondent)
        return {
            "heading": words.urgent_heading(),
            "concerns": [
                {"title": " ".join(f.concern.title.split()), "action": " ".join(f.concern.action.split())} for f in new
            ],
            "supporter": _(
                "You are answering for someone else. If the person you are helping may be in danger now, stay with "
                "them and call 911; or call or text 988 together. 988 also helps people who are worried about someone."
            )
            if supporter
            else "",
            "what_now": _("What to do now:"),
            "lines": list(words.urgent_lines()),
            "come_back": notices.come_back(),
        }

    # ------------------------------------------------------------------ files in and out
    def _read(self, text: str, name: str) -> list[str]:
        """Take the answers of an answers file's text (as `run --answers`); returns its warnings.
        Raises InputError."""
        from clinic_ready.io import answers as answers_mod
        from clinic_ready.io import yamlio

        data = yamlio.require_mapping(yamlio.parse(text, name), name)
        found, warnings = answers_mod.parse_answers(data, self.cl, text, name)
        self.answers, self.passed = found, set()
        return [str(w) for w in warnings]

    def load_text(self, text: str, name: str = "answers.yaml") -> dict:
        """Open an answers file (YAML, JSON or a FHIR QuestionnaireResponse), as `run --answers`."""
        from clinic_ready.errors import InputError

        try:
            warnings = self._read(text, name)
        except InputError as exc:
            return {"ok": False, "problems": exc.lines()}
        found = self.answers
        self.urged = {f.concern.id for f in engine.urgent(self.cl, self.answers)}
        out = self.state()
        out.update(ok=True, warnings=warnings, loaded=_(UI["loaded"]).format(name=name, count=len(found.values)))
        return out

    def draft(self) -> dict:
        """What the browser keeps between visits: the answers-file form, and the skipped questions."""
        from clinic_ready.io.answers import to_data

        return {"answers": to_data(self.answers, self.cl), "passed": sorted(self.passed)}

    def restore(self, draft: dict) -> dict:
        """A kept draft back (answers that no longer fit the checklist are dropped, as drafts.py does)."""
        self.answers = _lenient(self.cl, draft.get("answers") or {})
        self.passed = {
            qid for qid in draft.get("passed", ()) if qid in self.cl.questions and not self.cl.questions[qid].required
        }
        self.urged = {f.concern.id for f in engine.urgent(self.cl, self.answers)}
        return self.state()

    def result(self):
        return engine.evaluate(self.cl, self.answers)

    def output(self, fmt: str, result=None) -> str:
        """json | html | fhir (as `run -f FMT`), or answers (the YAML the terminal saves)."""
        result = result or self.result()
        if fmt == "answers":  # the very file the terminal saves at the end of a run
            from clinic_ready.app.interactive.asking import answers_text

            return answers_text(self.cl, result)
        from clinic_ready.render import renderer

        return renderer(fmt).render(result, paper=self.paper, explain=False)


def _lenient(cl: Checklist, data: dict) -> Answers:
    """Answers from a kept draft: every value that still fits the checklist."""
    out = Answers(cl.id, cl.version, respondent="supporter" if data.get("respondent") == "supporter" else "patient")
    for qid, raw in (data.get("answers") or {}).items():
        q = cl.questions.get(qid)
        if q is None:
            continue
        try:
            out.values[qid] = coerce(q, raw)
        except AnswerRejected:
            continue
    return out


# ---------------------------------------------------------------------- the worker's entry point
_pages: dict[str, Page] = {}


def call(request: str) -> str:
    """One request from the page: {"method", "args"} -> {"value"} or {"error"} (JSON text)."""
    try:
        req = json.loads(request)
        method, args = req["method"], req.get("args") or []
        if method == "open":
            page = Page(*args)
            _pages["current"] = page
            return json.dumps({"value": page.state()}, ensure_ascii=False)
        if method == "outputs_for":  # parity and scripted use: many answers files in one call
            page = _pages["current"]
            return json.dumps({"value": outputs_for(page, *args)}, ensure_ascii=False)
        page = _pages["current"]
        methods: dict[str, Callable[..., Any]] = {
            "state": page.state,
            "set_respondent": page.set_respondent,
            "answer": page.answer,
            "load_text": page.load_text,
            "draft": page.draft,
            "restore": page.restore,
            "output": page.output,
            "next_after": page.next_after,
            "previous": page.previous,
            "question_range": page.question_range,
        }
        fn = methods[method]
        return json.dumps({"value": fn(*args)}, ensure_ascii=False)
    except Exception as exc:  # the page shows it; a traceback would carry answers
        return json.dumps({"error": _error_text(exc)})


def _error_text(exc: Exception) -> str:
    """What the page shows for an error: its kind and its message as the command line shows it."""
    if isinstance(exc, KeyError):
        return type(exc).__name__
    from clinic_ready.errors import ClinicReadyError

    text = "\n".join(exc.shown()) if isinstance(exc, ClinicReadyError) else str(exc)
    return f"{type(exc).__name__}: {text}"


def outputs_for(page: Page, texts: list[str], formats: list[str]) -> list[dict]:
    """Each answers file's outputs (the page's own path: the file's answers read as load_text
    reads them, then output), without the page's state in between."""
    from clinic_ready.errors import InputError

    out: list[dict] = []
    for text in texts:
        try:
            page._read(text, "answers.yaml")
        except InputError as exc:
            out.append({"problems": exc.lines()})
            continue
        result = page.result()  # evaluated once for every format, as `run` does
        out.append({fmt: page.output(fmt, result) for fmt in formats})
    return out
