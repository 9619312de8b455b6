"""Answers saved with an earlier checklist version, carried over to the current one.

A checklist declares ``migrations:`` (model.Migration), one step per earlier version.  Answers that
record an older ``checklist_version`` go through every step from that version on, oldest first:

    rename the question id -> a single choice becomes a list -> rename or split the values
    -> leave out removed questions -> set aside the questions that must be asked again

It works on the raw answers (before coercion.coerce checks them), so an answers file, a draft and
a FHIR QuestionnaireResponse are carried over by the same code.  ``Plan.note()`` is the one calm
line every command shows; ``describe()`` is what ``validate`` says each step would do.  Pure: no
files, no terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar, Union

from clinic_ready.core.model import Answer, Checklist, MigratedValue, Migration
from clinic_ready.i18n import _

_STATES = ("unsure", "declined", "decline")
_T = TypeVar("_T")
VersionKey = tuple[tuple[int, int, str], ...]
Carried = Union[tuple[str, object], None]  # noqa: UP007 - (current id, raw answer), or None: left out


def version_key(version: str) -> VersionKey:
    """'1.10.0' > '1.9.2': numbers compare as numbers, other parts as text."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[A-Za-z]+", str(version)))


def steps_for(checklist: Checklist, saved: str | None) -> list[Migration]:
    """The steps answers saved with version ``saved`` go through (oldest first); none when the
    version is unknown, current, or newer than the checklist."""
    if not saved or saved == checklist.version or not checklist.migrations:
        return []
    have, now = version_key(saved), version_key(checklist.version)
    if have >= now:
        return []
    chosen = [m for m in checklist.migrations if have <= version_key(m.from_version) < now]
    return sorted(chosen, key=lambda m: version_key(m.from_version))


def _is_state(raw: object) -> bool:
    return isinstance(raw, Answer) or (isinstance(raw, str) and raw.strip().lower() in _STATES)


def _map_one(table: Mapping[str, MigratedValue], value: object) -> list[object]:
    if not isinstance(value, str):
        return [value]
    if value in table:
        new = table[value]
    else:
        folded = {k.lower(): v for k, v in table.items()}
        new = folded.get(value.strip().lower(), value)
    return list(new) if isinstance(new, list) else [new]


@dataclass
class Plan:
    """The steps for one saved version, and what they did to the answers given to ``carry``."""

    checklist: Checklist
    saved: str
    steps: list[Migration]
    renamed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # (question, old value, new value(s))
    listed: list[str] = field(default_factory=list)  # single choices carried into a multi-choice
    removed: list[str] = field(default_factory=list)
    ask_again: list[str] = field(default_factory=list)

    def touches(self, qid: str) -> bool:
        """Whether any step renames, removes, re-asks or re-values this saved question id (an
        answer no step touches is read as it is, with every check of the current version)."""
        for step in self.steps:
            if (
                qid in step.removed
                or qid in step.renamed
                or qid in step.ask_again
                or qid in step.to_multi_choice
                or qid in step.values
            ):
                return True
            qid = step.renamed.get(qid, qid)
        return False

    def carry(self, qid: str, raw: object) -> Carried:
        """One saved answer -> (current id, raw answer), or None when it is left out (its
        question was removed, or must be asked again)."""
        for step in self.steps:
            got = self._step(step, qid, raw)
            if got is None:
                return None
            qid, raw = got
        return self._fit(qid, raw)

    def _step(self, step: Migration, qid: str, raw: object) -> Carried:
        """One step on one answer: removed, renamed, listed, re-valued, set aside to ask again."""
        if qid in step.removed:
            _add(self.removed, qid)
            return None
        new = step.renamed.get(qid, qid)
        if new != qid:
            _add(self.renamed, (qid, new))
            qid = new
        if _is_state(raw):  # unsure or declined: kept as it is, unless the question is asked again
            if qid in step.ask_again:
                _add(self.ask_again, qid)
                return None
            return qid, raw
        if qid in step.to_multi_choice and not isinstance(raw, list):
            raw = [p.strip() for p in raw.split(",") if p.strip()] if isinstance(raw, str) else [raw]
            _add(self.listed, qid)
        if qid in step.values:
            raw = self._revalue(qid, step.values[qid], raw)
        if qid in step.ask_again:
            _add(self.ask_again, qid)
            return None
        return qid, raw

    def _revalue(self, qid: str, table: Mapping[str, MigratedValue], raw: object) -> object:
        """The answer's values renamed or split by the step's table (each value once, in order)."""
        items = raw if isinstance(raw, list) else [raw]
        out: list[object] = []
        for item in items:
            mapped = _map_one(table, item)
            for v in mapped:
                if v not in out:
                    out.append(v)
            if isinstance(item, str) and mapped != [item]:
                _add(self.changed, (qid, item, ", ".join(str(v) for v in mapped)))
        return out if isinstance(raw, list) else (out[0] if len(out) == 1 else out)

    def _fit(self, qid: str, raw: object) -> Carried:
        """A list carried to a question that takes one answer: its one value, or asked again."""
        q = self.checklist.questions.get(qid)
        if q is not None and isinstance(raw, list) and q.type != "multi_choice":
            if len(raw) == 1:
                raw = raw[0]
            else:  # a single choice split in several: only the person can say which
                _add(self.ask_again, qid)
                return None
        return qid, raw

    def carry_all(self, raw: Mapping[object, object]) -> dict[object, object]:
        """Every saved answer carried over (ids that are not strings are passed on unchanged, for
        the reader to report)."""
        out: dict[object, object] = {}
        for qid, value in raw.items():
            if not isinstance(qid, str):
                out[qid] = value
                continue
            got = self.carry(qid, value)
            if got is not None:
                out[got[0]] = got[1]
        return out

    @property
    def did_something(self) -> bool:
        return bool(self.renamed or self.changed or self.listed or self.removed or self.ask_again)

    def changes(self) -> str:
        """What was carried over, in one sentence part (ids, values: what the files hold)."""
        parts = [_("'{old}' is now '{new}'").format(old=o, new=n) for o, n in self.renamed]
        parts += [_("{id}: '{old}' is now '{new}'").format(id=q, old=o, new=n) for q, o, n in self.changed]
        parts += [_("{id} now takes several answers").format(id=q) for q in self.listed]
        parts += [_("{id} is no longer asked").format(id=q) for q in self.removed]
        return "; ".join(parts)

    def note(self) -> str:
        """The one calm line: saved with which version, what was carried over, what is asked again."""
        head = _("These answers were saved with version {old}; they were carried over to version {new}").format(
            old=self.saved, new=self.checklist.version
        )
        changes = self.changes()
        text = head + (": " + changes if changes else "") + "."
        if self.ask_again:
            text += " " + _("To be asked again: {ids}.").format(ids=", ".join(self.ask_again))
        return text


def _add(seq: list[_T], item: _T) -> None:
    if item not in seq:
        seq.append(item)


def plan(checklist: Checklist, saved: str | None) -> Plan | None:
    """The plan for answers saved with version ``saved``, or None when there is nothing to carry."""
    steps = steps_for(checklist, saved)
    return Plan(checklist, str(saved), steps) if steps else None


def describe(checklist: Checklist) -> list[str]:
    """What each declared step would do, one line each (for ``validate``)."""
    out = []
    for m in sorted(checklist.migrations, key=lambda m: version_key(m.from_version)):
        parts = [_("'{old}' becomes '{new}'").format(old=o, new=n) for o, n in m.renamed.items()]
        parts += [_("{id} becomes a multiple choice").format(id=q) for q in m.to_multi_choice]
        for q, table in m.values.items():
            for old, new in table.items():
                shown = ", ".join(new) if isinstance(new, list) else new
                parts.append(_("{id}: '{old}' becomes '{new}'").format(id=q, old=old, new=shown))
        parts += [_("{id} is left out").format(id=q) for q in m.removed]
        parts += [_("{id} is asked again").format(id=q) for q in m.ask_again]
        out.append(
            _("answers saved with version {old} or earlier: {changes}").format(
                old=m.from_version, changes="; ".join(parts) or _("carried over unchanged")
            )
        )
    return out
