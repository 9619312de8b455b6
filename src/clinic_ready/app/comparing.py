"""Comparing clinics from their answers files: read and check every file (one checklist, one
version), evaluate each, and build the comparison (core/compare.py) from the results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clinic_ready.app.pipeline import Document, evaluate_document, load_checklist
from clinic_ready.core.compare import Clinic, Comparison, clinic_name, compare, distinct_names, one_line
from clinic_ready.errors import ClinicReadyError, Problem, UsageError
from clinic_ready.i18n import N_, _


@dataclass(frozen=True)
class Compared:
    """The comparison, and the warnings of every file as data."""

    comparison: Comparison
    warnings: tuple[Problem, ...] = ()


def load(paths: Sequence[str], checklist_name: str | None = None) -> Compared:
    """Read the answers files, check they are for one checklist and version, and compare them;
    the warnings of every file come back as data."""
    if len(paths) < 2:
        raise UsageError(_("compare needs at least two answers files — give one file per clinic"))
    if list(paths).count("-") > 1:
        raise UsageError(_("standard input ('-') can be read only once — save the other answers to files"))
    docs = []
    errors: list[ClinicReadyError] = []
    for path in paths:
        try:
            doc = Document.read(path)
            cid = checklist_name or doc.checklist_id()
        except ClinicReadyError as exc:
            errors.append(exc)
            continue
        version = doc.data.get("checklist_version")
        docs.append((path, doc, cid, None if version is None else str(version)))
    if errors:
        raise _Errors(errors)
    _same(_DIFFERENT_CHECKLISTS, [(d[1].name, d[2]) for d in docs])
    _same(_DIFFERENT_VERSIONS, [(d[1].name, d[3]) for d in docs if d[3] is not None])
    checklist = load_checklist(docs[0][2])
    clinics: list[Clinic] = []
    warnings: list[Problem] = []
    for path, doc, _cid, _version in docs:
        try:
            evaluated = evaluate_document(doc, checklist)
        except ClinicReadyError as exc:
            errors.append(exc)
            continue
        warnings += evaluated.warnings
        clinics.append(Clinic(clinic_name(evaluated.result, path), path, evaluated.result))
    if errors:
        raise _Errors(errors)
    names = distinct_names([c.name for c in clinics], [c.file for c in clinics])
    clinics = [Clinic(n, c.file, c.result) for n, c in zip(names, clinics, strict=True)]
    return Compared(compare(checklist, clinics), tuple(warnings))


_DIFFERENT_CHECKLISTS = N_(
    "these answers files are for different checklists ({listed}) — compare only answers made for the same checklist"
)
_DIFFERENT_VERSIONS = N_(
    "these answers files are for different checklist versions ({listed}) — "
    "compare only answers made for the same checklist version"
)


def _same(message: str, pairs: list[tuple[str, str]]) -> None:
    values = {v for _n, v in pairs}
    if len(values) > 1:
        listed = "; ".join(f"{name}: {one_line(v)}" for name, v in pairs)
        raise UsageError(_(message).format(listed=listed))


class _Errors(ClinicReadyError):
    """Problems in several answers files, every one listed (each shown as its own error is)."""

    def __init__(self, failed: list[ClinicReadyError]):
        self.failed = failed
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [line for exc in self.failed for line in exc.lines()]

    def shown(self) -> list[str]:
        return [line for exc in self.failed for line in exc.shown()]
