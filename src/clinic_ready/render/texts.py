"""The one translation moment for a Result's steps and lists: the engine hands over codes and ids
(core.model.Step, AskItem, private question ids); every renderer asks here for their words, in
the current language, so each text is made in one place and a Result is the same in every
language.  The verdict's words are in wording.py (io/fhir and the questionnaire need them too).

Which first steps are shown is decided here, once, for every renderer: "a sentence already given
is not repeated" is a rule about words (a translated "{title}: {action}" may split into
sentences differently), so it is applied to the words the reader gets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from clinic_ready.core.model import AskItem, Concern, ItemResult, Question, Result, Section, Step
from clinic_ready.i18n import _
from clinic_ready.wording import Words, open_state

MAX_FIRST_STEPS = 3

#: words that need a referent: a first step that uses one cannot be read on its own
NEEDS_REFERENT = re.compile(r"\b(it|its|this|these|them|those|that one)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PLURAL = re.compile(r"\b[a-z]{3,}s\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """Whitespace folded (cached: the same checklist texts come back for every output)."""
    return " ".join(text.split())


def needs_referent(text: str) -> bool:
    """True when a sentence says "it", "its" or "this" at all, or "them", "these" or "those" with no
    plural noun before it in the same sentence ("…medicines…; plan any change with the prescriber who
    gives them" has its referent; "Ask about it at your first visit" does not)."""
    for sentence in _SENTENCE.split(text):
        for m in NEEDS_REFERENT.finditer(sentence):
            word = m.group(0).lower()
            if word in ("them", "these", "those") and _PLURAL.search(sentence[: m.start()]):
                continue
            return True
    return False


def step_text(c: Concern, respondent: str = "patient") -> str:
    """A concern as a first step that reads alone (printed without its title): its ``first_step``;
    else its action, when it needs no referent; else "<title>: <action>"."""
    own = c.first_step_for(respondent)
    if own:
        return _words(own)
    action = _words(c.action_for(respondent))
    if needs_referent(action):
        return _("{title}: {action}").format(title=_words(c.title).rstrip("."), action=action)
    return action


def find_out_step(question: Question, section: Section, respondent: str = "patient", reader: str = "patient") -> str:
    """The first step for a held verdict: find out the answer it depends on.  A question about the
    person (``about: person``) is something to tell or be asked by the prescriber, not a question
    for the clinic."""
    if reader == "staff":
        return _("Find this out before the next session: {question}").format(
            question=_words(question.report_prompt(respondent))
        )
    if section.about == "person":  # a private topic: named, never asked as a raw prompt
        return _("Before any dose, talk with the prescriber about: {topic}").format(
            topic=_words(question.topic or section.title)
        )
    return _("Find this out from the clinic before any dose: {question}").format(
        question=_words(question.report_prompt(respondent))
    )


def lead_text(result: Result, step: Step) -> str:
    """The words of a leading step: the urgent concern's action (a supporter is never given the
    patient's own words: the first urgent line instead), or what to find out."""
    cl = result.checklist
    c = cl.concern_by_id[step.concern_id]
    if step.kind == "crisis":
        if result.respondent == "supporter" and not c.action_supporter:
            return _words(Words(cl, result.respondent).urgent_lines()[0])
        return _words(c.action_for(result.respondent))
    if step.question_id is None:  # the engine gives every find_out step its question
        raise ValueError(f"first step {step} names no question")
    return find_out_step(cl.questions[step.question_id], cl.section_of[step.question_id], result.respondent, cl.reader)


def first_steps(result: Result) -> tuple[tuple[str, str], ...]:
    """(text, concern id) of the first steps shown: the lead, then up to three in all, each giving
    a sentence not given by an earlier step (a step with nothing new is dropped; a concern step
    that repeats the lead is dropped)."""
    lead = [(lead_text(result, s), s.concern_id) for s in result.first_steps if s.kind != "concern"]
    lead_words = {t.lower() for t, _cid in lead}
    rest = [
        s
        for s in _concern_steps(result, [s for s in result.first_steps if s.kind == "concern"])
        if s[0].lower() not in lead_words
    ]
    return tuple(lead + rest)[:MAX_FIRST_STEPS]


def _concern_steps(result: Result, steps: list[Step]) -> list[tuple[str, str]]:
    """Up to three concern steps, each with only the sentences no earlier one gave."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for step in steps:
        sentences = [
            s
            for s in _SENTENCE.split(step_text(result.checklist.concern_by_id[step.concern_id], result.respondent))
            if s.strip()
        ]
        fresh = [s for s in sentences if s.lower().rstrip(".") not in seen]
        if not fresh:
            continue
        seen.update(s.lower().rstrip(".") for s in sentences)
        out.append((" ".join(fresh), step.concern_id))
        if len(out) == MAX_FIRST_STEPS:
            break
    return out


def ask_about(result: Result, item: AskItem) -> str:
    """What an ask-list entry is about: its concern's title, or for an open answer a could-apply
    concern depends on, "Could apply: <title> (you answered unsure)"."""
    title = _words(result.checklist.concern_by_id[item.concern_id].title)
    if item.question_id is None:
        return title
    state = open_state(item.state)
    return _("Could apply: {title} ({state})").format(title=title, state=state)


def topic_of(item: ItemResult) -> str:
    """What an open answer about the person is about, as a topic (never the raw prompt)."""
    return _words(item.question.topic or item.section.title)


def private_topics(result: Result) -> tuple[tuple[str, str], ...]:
    """(topic, question id) of the open answers about the person that the prescriber will ask about."""
    cl = result.checklist
    return tuple((_words(cl.questions[q].topic or cl.section_of[q].title), q) for q in result.private)
