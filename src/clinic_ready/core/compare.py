"""Comparing clinics: several answers files for one checklist, side by side.

``compare(results)`` is pure: from one Result per clinic it builds the rows every comparison
renderer shows -- each clinic's verdict, every concern raised for any clinic with a mark per
clinic, the questions still open per clinic -- and sets apart what does not depend on the
clinic: concerns (and open questions) that read only sections marked ``about: person``, when
they come out the same for every clinic.  Reading and checking the files
is the application's (app/comparing.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clinic_ready.core import conditions as cond
from clinic_ready.core.model import Checklist, Concern, Question, Result, Section, Source

#: marks, most to least serious
RAISED, COULD_APPLY, NOT_RAISED = "raised", "could_apply", "not_raised"
MARKS = (RAISED, COULD_APPLY, NOT_RAISED)
OPEN_STATES = ("unsure", "declined", "missing")
CLINIC_NAME_ID = "clinic_name"


@dataclass(frozen=True)
class Clinic:
    """One compared clinic: the name shown, the file it came from, and its result."""

    name: str
    file: str
    result: Result


@dataclass(frozen=True)
class ConcernRow:
    """A concern and its mark for each clinic (in clinic order)."""

    concern: Concern
    sources: tuple[Source, ...]
    marks: tuple[str, ...]


@dataclass(frozen=True)
class OpenRow:
    """A question open for at least one clinic, with its state for each clinic."""

    question: Question
    section: Section
    states: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything a comparison renderer needs (no renderer looks at files)."""

    checklist: Checklist
    clinics: tuple[Clinic, ...]
    concerns: tuple[ConcernRow, ...]  # differ by clinic, or are about the clinic
    personal: tuple[ConcernRow, ...]  # about the person and the same for every clinic: shown once
    open_questions: tuple[OpenRow, ...]
    personal_open: tuple[OpenRow, ...]

    @property
    def marks_used(self) -> tuple[str, ...]:
        used = {m for row in self.concerns + self.personal for m in row.marks}
        return tuple(m for m in MARKS if m in used)


# --------------------------------------------------------------------------- what a concern reads
def questions_read(checklist: Checklist, condition: cond.Condition | None) -> set[str]:
    """Every question a condition reads, directly or through a score's items."""
    out: set[str] = set()
    for test in cond.walk(condition):
        if isinstance(test, cond.ScoreTest):
            out.update(checklist.score_by_id[test.score].items)
        else:
            out.add(test.question)
    return out


def about_person(checklist: Checklist, question_ids: set[str]) -> bool:
    """True when every question is in a section marked ``about: person`` (absent means clinic)."""
    return bool(question_ids) and all(checklist.section_of[q].about == "person" for q in question_ids)


# --------------------------------------------------------------------------- the comparison
def mark(result: Result, concern_id: str) -> str:
    """How a concern stands for one clinic."""
    if any(f.concern.id == concern_id for f in result.findings):
        return RAISED
    return COULD_APPLY if any(p.concern.id == concern_id for p in result.could_apply) else NOT_RAISED


def compare(checklist: Checklist, clinics: Sequence[Clinic]) -> Comparison:
    """Build the comparison rows (pure)."""
    results = [c.result for c in clinics]
    concerns: list[ConcernRow] = []
    personal: list[ConcernRow] = []
    for concern in sorted(checklist.concerns, key=lambda c: c.severity.rank):  # stable: checklist order within a level
        marks = tuple(mark(r, concern.id) for r in results)
        if all(m == NOT_RAISED for m in marks):
            continue
        row = ConcernRow(concern, tuple(checklist.source_by_id[s] for s in concern.sources), marks)
        same = len(set(marks)) == 1
        if same and about_person(checklist, questions_read(checklist, concern.when)):
            personal.append(row)
        else:
            concerns.append(row)
    open_rows: list[OpenRow] = []
    personal_open: list[OpenRow] = []
    open_ids = {i.question.id for r in results for i in r.not_assessed}
    for section in checklist.sections:
        for q in section.questions:
            if q.id not in open_ids:
                continue
            states = tuple(_state(r, q.id) for r in results)
            open_row = OpenRow(q, section, states)
            if section.about == "person" and len(set(states)) == 1:
                personal_open.append(open_row)
            else:
                open_rows.append(open_row)
    return Comparison(
        checklist, tuple(clinics), tuple(concerns), tuple(personal), tuple(open_rows), tuple(personal_open)
    )


def _state(result: Result, question_id: str) -> str:
    """The question's state, with an unanswered optional question counted as settled."""
    for i in result.not_assessed:
        if i.question.id == question_id:
            return i.state
    item = next(i for i in result.items if i.question.id == question_id)
    return "optional" if item.state == "missing" else item.state


# --------------------------------------------------------------------------- names
def clinic_name(result: Result, file: str) -> str:
    """The clinic's name from its ``clinic_name`` answer, else the file's name (one clean line)."""
    for i in result.items:
        if i.question.id == CLINIC_NAME_ID and i.state == "answered" and str(i.answer.value).strip():  # type: ignore[union-attr]
            return one_line(str(i.answer.value))  # type: ignore[union-attr]
    return one_line("standard input" if file == "-" else Path(file).name)


def one_line(text: str) -> str:
    """Untrusted text on one line: control characters (terminal escapes) become spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def distinct_names(names: Sequence[str], files: Sequence[str]) -> list[str]:
    """Names made distinct: a repeated name gets its file name, then a number."""
    out = list(names)
    for n, name in enumerate(names):
        if names.count(name) > 1:
            file = "standard input" if files[n] == "-" else Path(files[n]).name
            out[n] = name if name == one_line(file) else f"{name} ({one_line(file)})"
    seen: dict[str, int] = {}
    for n, name in enumerate(out):
        seen[name] = seen.get(name, 0) + 1
        if out.count(name) > 1:
            out[n] = f"{name} #{seen[name]}"
    return out
