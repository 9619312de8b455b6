"""Comparing clinics from their answers files: read and check every file (one checklist, one
version), evaluate each, and build the comparison (core/compare.py) from the results."""

from __future__ import annotations

from collections.abc import Sequence

from clinic_ready.app.pipeline import load_checklist
from clinic_ready.core import engine
from clinic_ready.core.compare import Clinic, Comparison, clinic_name, compare, distinct_names, one_line
from clinic_ready.errors import ClinicReadyError, UsageError
from clinic_ready.i18n import N_, _
from clinic_ready.io import answers as answers_mod


def load(paths: Sequence[str], checklist_name: str | None = None, warn=lambda line: None) -> Comparison:
    """Read the answers files, check they are for one checklist and version, and compare them."""
    if len(paths) < 2:
        raise UsageError(_("clinic-ready: compare needs at least two answers files — give one file per clinic"))
    if list(paths).count("-") > 1:
        raise UsageError(_("clinic-ready: standard input ('-') can be read only once — save the other answers to files"))
    docs = []
    errors: list[str] = []
    for path in paths:
        try:
            name, text, data = answers_mod.read_document(path)
            cid = checklist_name or answers_mod.named_checklist(data, text, name)
        except ClinicReadyError as exc:
            errors += exc.lines()
            continue
        version = data.get("checklist_version")
        docs.append((path, name, text, data, cid, None if version is None else str(version)))
    if errors:
        raise _Errors(errors)
    _same(_DIFFERENT_CHECKLISTS, [(d[1], d[4]) for d in docs])
    _same(_DIFFERENT_VERSIONS, [(d[1], d[5]) for d in docs if d[5] is not None])
    checklist = load_checklist(docs[0][4])
    clinics: list[Clinic] = []
    for path, name, text, data, _cid, _version in docs:
        try:
            found, warnings = answers_mod.parse_answers(data, checklist, text, name)
        except ClinicReadyError as exc:
            errors += exc.lines()
            continue
        for w in warnings:
            warn(str(w))
        result = engine.evaluate(checklist, found)
        clinics.append(Clinic(clinic_name(result, path), path, result))
    if errors:
        raise _Errors(errors)
    names = distinct_names([c.name for c in clinics], [c.file for c in clinics])
    clinics = [Clinic(n, c.file, c.result) for n, c in zip(names, clinics, strict=True)]
    return compare(checklist, clinics)


_DIFFERENT_CHECKLISTS = N_("clinic-ready: these answers files are for different checklists ({listed}) — "
                           "compare only answers made for the same checklist")
_DIFFERENT_VERSIONS = N_("clinic-ready: these answers files are for different checklist versions ({listed}) — "
                         "compare only answers made for the same checklist version")


def _same(message: str, pairs: list[tuple[str, str]]) -> None:
    values = {v for _n, v in pairs}
    if len(values) > 1:
        listed = "; ".join(f"{name}: {one_line(v)}" for name, v in pairs)
        raise UsageError(_(message).format(listed=listed))


class _Errors(ClinicReadyError):
    """Problems in several answers files, every one listed."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self._lines = lines

    def lines(self) -> list[str]:
        return list(self._lines)
