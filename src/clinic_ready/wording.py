"""Words that depend on who is reading: the verdicts, the headings, the banner and the urgent texts
for a patient, for someone answering for them (a supporter), and for clinic staff (a staff audit).

    checklist.reader      patient (default) | staff          what the checklist is for
    answers.respondent    patient | supporter               who answered a patient checklist
    -> audience           patient | supporter | staff

The defaults are the tables below (English, marked ``N_`` and translated by the message
catalogue).  A checklist may put its own verdict texts and headings in ``wording:`` (data in the
checklist, translated in its sibling file like every other text); they win over the defaults.
Staff texts never speak of "your prescriber", "before starting" or "a dose"; supporter texts speak
of "the person you are helping".  ``Words`` resolves all of it once for one result, and
``verdict_text`` turns a Result's verdict (a code, and the level and count that hold it) into its
title and text.  The engine makes no text: this foundation module and render/texts.py make them
when an output is made, in the language of that moment (so io/fhir and app/interactive can use it).
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

from clinic_ready.i18n import N_, _, ngettext

READERS = ("patient", "staff")
AUDIENCES = ("patient", "supporter", "staff")
VERDICT_CODES = ("urgent", "stop", "discuss", "ask", "incomplete", "none")
HEADINGS = ("questions", "first_steps", "concerns", "could_apply", "answers", "tips", "private", "good_to_know")


class Text2(NamedTuple):
    title: str
    text: str


VERDICT_TEXTS: dict[str, dict[str, Text2]] = {
    "patient": {
        "urgent": Text2(
            N_("Your safety comes first: talk to someone now"),
            N_(
                "One of your answers says you may need help today, before any question about treatment. "
                "Call or text 988 (Suicide & Crisis Lifeline), or call 911 if you are in danger now. "
                "The rest of this checklist can wait until you are safe."
            ),
        ),
        "stop": Text2(
            N_("Stop: resolve the critical concerns before any dose"),
            N_(
                "At least one answer points to a serious risk. Do not take a dose until you have talked each "
                "critical concern through with the prescriber, and changed what needs to change."
            ),
        ),
        "discuss": Text2(
            N_("Discuss these concerns with your prescriber first"),
            N_(
                "Some answers need a conversation with the prescriber before the next dose, or the first one. "
                "Bring this list."
            ),
        ),
        "ask": Text2(
            N_("Ask the clinic about these points"),
            N_("Nothing serious came up, but some points are worth asking about at your next visit."),
        ),
        "incomplete": Text2(
            N_("Not enough information yet"),
            N_("No concern was raised, but some questions are still open. Find out the answers before treatment."),
        ),
        "none": Text2(
            N_("No concerns raised by your answers"),
            N_(
                "Your answers did not match any concern in this checklist. That is not a clearance: keep "
                "talking with your prescriber, and tell them if anything changes."
            ),
        ),
    },
    "supporter": {
        "urgent": Text2(
            N_("Their safety comes first: get help now"),
            N_(
                "One of the answers says the person you are helping may need help today, before any question "
                "about treatment. Stay with them. Call or text 988 together, or call 911 if they may act on "
                "these thoughts now. The rest of this checklist can wait until they are safe."
            ),
        ),
        "stop": Text2(
            N_("Stop: resolve the critical concerns before any dose"),
            N_(
                "At least one answer points to a serious risk. The person you are helping should not take a dose "
                "until each critical concern has been talked through with the prescriber, and what needs to "
                "change has changed."
            ),
        ),
        "discuss": Text2(
            N_("Discuss these concerns with the prescriber first"),
            N_(
                "Some answers need a conversation with the prescriber before the next dose, or the first one. "
                "Bring this list, and go together if you can."
            ),
        ),
        "ask": Text2(
            N_("Ask the clinic about these points"),
            N_("Nothing serious came up, but some points are worth asking about at the next visit."),
        ),
        "incomplete": Text2(
            N_("Not enough information yet"),
            N_(
                "No concern was raised, but some questions are still open. Find out the answers together "
                "before treatment."
            ),
        ),
        "none": Text2(
            N_("No concerns raised by these answers"),
            N_(
                "The answers did not match any concern in this checklist. That is not a clearance: keep "
                "talking with the prescriber together, and tell them if anything changes."
            ),
        ),
    },
    "staff": {
        "urgent": Text2(
            N_("Act now: a patient may be at risk today"),
            N_(
                "One answer points to a risk to a patient today. Act on it now, before any further treatment, "
                "and follow your emergency and crisis protocols."
            ),
        ),
        "stop": Text2(
            N_("Fix before the next session"),
            N_(
                "At least one answer points to a serious gap. Fix each critical gap, and record the fix, before "
                "the next treatment session."
            ),
        ),
        "discuss": Text2(
            N_("Fix within 30 days"),
            N_(
                "Some answers point to gaps that need a fix and an owner. Agree who fixes what at the next team "
                "meeting, and fix them within 30 days."
            ),
        ),
        "ask": Text2(
            N_("Review at the next governance meeting"),
            N_(
                "Nothing serious came up, but some points are worth reviewing at the next governance or quality "
                "meeting."
            ),
        ),
        "incomplete": Text2(
            N_("Not enough information yet"),
            N_("No gap was found, but some answers are still open. Find them out, then run this audit again."),
        ),
        "none": Text2(
            N_("No gaps found by these answers"),
            N_(
                "These answers did not match any gap in this checklist. That is not an accreditation: run this "
                "audit again when staff, policies or treatment routes change."
            ),
        ),
    },
}

HEADING_TEXTS: dict[str, dict[str, str]] = {
    "patient": {
        "questions": N_("Questions to ask your clinic"),
        "first_steps": N_("First steps"),
        "concerns": N_("Concerns, most serious first"),
        "could_apply": N_("Could apply: not raised, not ruled out"),
        "answers": N_("Your answers"),
        "tips": N_("How you can help"),
        "private": N_("Your prescriber will ask you about these"),
        "good_to_know": N_("Good to know"),
    },
    "supporter": {
        "questions": N_("Questions to ask the clinic"),
        "answers": N_("The answers given"),
        "private": N_("The prescriber will ask the person you are helping about these"),
    },
    "staff": {
        "questions": N_("Questions for the team"),
        "concerns": N_("Gaps, most serious first"),
        "answers": N_("The clinic's answers"),
    },
}

NOTICES = {
    "patient": N_(
        "Not medical advice. clinic-ready does not diagnose and does not replace a clinician: it lists "
        "concerns and questions to discuss with a licensed prescriber."
    ),
    "staff": N_(
        "Not medical, legal or accreditation advice. clinic-ready does not replace a clinician, a surveyor "
        "or counsel: it lists gaps and questions for the team to review."
    ),
}

URGENT_HEADINGS = {
    "patient": N_("Your safety comes first"),
    "supporter": N_("Their safety comes first"),
    "staff": N_("Patient safety comes first"),
}

URGENT_LINES: dict[str, tuple[str, ...]] = {
    "patient": (
        N_("Call or text 988 (Suicide & Crisis Lifeline, US) now: free, confidential, 24/7."),
        N_("If you might act on these thoughts or are in danger, call 911 or go to the nearest emergency department."),
        N_("SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7)."),
        N_("If you can, tell someone near you how you are feeling, and do not stay alone."),
    ),
    "supporter": (
        N_(
            "Stay with them. Call or text 988 together (Suicide & Crisis Lifeline, US): free, confidential, 24/7. "
            "988 also helps people who are worried about someone."
        ),
        N_(
            "If they may act on these thoughts now or are in danger, call 911 or take them to the nearest "
            "emergency department."
        ),
        N_("Move the ketamine and other medicines out of their reach."),
        N_("SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7)."),
    ),
    "staff": (
        N_("If a patient may be in danger now, follow your emergency protocol and call 911."),
        N_("988 Suicide & Crisis Lifeline (US): call or text 988, free, confidential, 24/7."),
        N_("SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7)."),
    ),
}

CRISIS_HEADINGS = {
    "patient": N_("If you are in crisis or danger"),
    "supporter": N_("If the person you are helping, or you, are in crisis or danger"),
    "staff": N_("If a patient is in crisis or danger"),
}

#: an open answer's state, as the ask list and a FHIR DetectedIssue say it ("Could apply: <title>
#: (you answered unsure)")
OPEN_STATE_WORDS = {
    "unsure": N_("you answered unsure"),
    "declined": N_("you preferred not to say"),
    "missing": N_("not answered yet"),
}


def open_state(state: str | None) -> str:
    """An open answer's state in words, in the current language ("missing" when not given)."""
    return _(OPEN_STATE_WORDS.get(state or "missing", OPEN_STATE_WORDS["missing"]))


#: the word after "Find out first: 1 critical concern could apply" (a concern, or a gap for staff)
LEVEL_WORDS = {
    "critical": N_("critical"),
    "high": N_("high"),
    "moderate": N_("moderate"),
    "low": N_("low"),
    "info": N_("info"),
}


class VerdictData(Protocol):
    """What a verdict text is made from (core.model.Verdict)."""

    @property
    def code(self) -> str: ...
    @property
    def held_at(self) -> str | None: ...
    @property
    def held_count(self) -> int: ...


def audience_of(checklist: Any, respondent: str = "patient") -> str:
    """patient, supporter or staff."""
    if getattr(checklist, "reader", "patient") == "staff":
        return "staff"
    return "supporter" if respondent == "supporter" else "patient"


class Words:
    """Every reader-dependent text for one checklist and respondent, in the current language."""

    def __init__(self, checklist: Any = None, respondent: str = "patient") -> None:
        self.audience = (
            audience_of(checklist, respondent)
            if checklist is not None
            else ("supporter" if respondent == "supporter" else "patient")
        )
        self.own = getattr(checklist, "wording", None) if checklist is not None else None

    # ------------------------------------------------------------------ verdicts
    def verdict(self, code: str) -> Text2:
        base = VERDICT_TEXTS[self.audience].get(code) or VERDICT_TEXTS["patient"][code]
        title, text = _(base.title), _(base.text)
        own = self.own.verdict_for(code, self.audience) if self.own is not None else None
        if own is not None:
            title, text = own.title or title, own.text or text
        return Text2(" ".join(title.split()), " ".join(text.split()))

    def held_why(self, what: str, level: str, n: int) -> str:
        if self.audience == "staff":
            why = ngettext(
                "{what}, depending on answers that are unsure, declined or not given yet (listed under "
                "\u201cCould apply\u201d). Until you know, treat it as {level}: find out the answers before "
                "the next session.",
                "{what}, depending on answers that are unsure, declined or not given yet (listed under "
                "\u201cCould apply\u201d). Until you know, treat them as {level}: find out the answers before "
                "the next session.",
                n,
            )
        else:
            why = ngettext(
                "{what}, depending on answers that are unsure, declined or not given yet (listed under "
                "\u201cCould apply\u201d). Until you know, treat it as {level}: find out the answers "
                "and talk them through with the prescriber before the first dose.",
                "{what}, depending on answers that are unsure, declined or not given yet (listed under "
                "\u201cCould apply\u201d). Until you know, treat them as {level}: find out the answers "
                "and talk them through with the prescriber before the first dose.",
                n,
            )
        return why.format(what=what, level=level)

    def held_text(self, why: str) -> str:
        if self.audience == "patient":
            return _("Nothing at that level was raised by the answers you gave, but {why}").format(why=why)
        return _("Nothing at that level was raised by the answers given, but {why}").format(why=why)

    # ------------------------------------------------------------------ headings and fixed texts
    def heading(self, key: str) -> str:
        own = self.own.heading_for(key, self.audience) if self.own is not None else None
        if own:
            return " ".join(own.split())
        text = HEADING_TEXTS[self.audience].get(key) or HEADING_TEXTS["patient"][key]
        return _(text)

    def notice(self) -> str:
        return _(NOTICES["staff" if self.audience == "staff" else "patient"])

    def urgent_heading(self) -> str:
        return _(URGENT_HEADINGS[self.audience])

    def urgent_lines(self) -> tuple[str, ...]:
        return tuple(_(line) for line in URGENT_LINES[self.audience])

    def crisis_heading(self) -> str:
        return _(CRISIS_HEADINGS[self.audience])

    def questions_count(self, n: int) -> str:
        """ "12 questions to ask your clinic" (the recap after the pager)."""
        if self.audience == "staff":
            return ngettext("{n} question for the team", "{n} questions for the team", n).format(n=n)
        if self.audience == "supporter":
            return ngettext("{n} question to ask the clinic", "{n} questions to ask the clinic", n).format(n=n)
        return ngettext("{n} question to ask your clinic", "{n} questions to ask your clinic", n).format(n=n)


def words_for(result: Any) -> Words:
    """The Words of a Result (its checklist and respondent)."""
    return Words(result.checklist, result.respondent)


def verdict_text(verdict: VerdictData, words: Words) -> Text2:
    """A verdict's title and text in the current language, worded for the reader.  A verdict held
    by concerns that could apply says at which level, how many, and why."""
    if verdict.held_at is None:
        return words.verdict(verdict.code)
    n = verdict.held_count
    level = _(LEVEL_WORDS[verdict.held_at])
    what = ngettext("{n} {level} concern could apply", "{n} {level} concerns could apply", n).format(n=n, level=level)
    why = words.held_why(what, level, n)
    if verdict.code == "held":
        return Text2(_("Find out first: {what}").format(what=what), words.held_text(why))
    base = words.verdict(verdict.code)
    return Text2(base.title, _("{text} Also: {why}").format(text=base.text, why=why))


def verdict_of(result: Any) -> Text2:
    """A Result's verdict in words."""
    return verdict_text(result.verdict, words_for(result))
