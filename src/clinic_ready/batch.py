"""Batch evaluation: many answers files in one process, one JSON line per file.

A bad file becomes a line with its errors; it never stops the batch.  Each checklist is loaded
once, however many files name it.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from clinic_ready import answers as answers_mod
from clinic_ready import engine
from clinic_ready.errors import ClinicReadyError
from clinic_ready.model import Checklist, Result, Severity
from clinic_ready.render.json_ import compact


class _Checklists:
    """Checklists by name, loaded once (a bad checklist is remembered as its error)."""

    def __init__(self, forced: str | None):
        self.forced = forced
        self.cache: dict[str, Checklist | ClinicReadyError] = {}

    def get(self, name: str) -> Checklist:
        key = self.forced or name
        if key not in self.cache:
            from clinic_ready.workflow import load_checklist

            try:
                self.cache[key] = load_checklist(key)
            except ClinicReadyError as exc:
                self.cache[key] = exc
        found = self.cache[key]
        if isinstance(found, ClinicReadyError):
            raise found
        return found


def evaluate_file(path: str, checklists: _Checklists) -> Result:
    name, text, data = answers_mod.read_document(path)
    cid = checklists.forced or answers_mod.named_checklist(data, text, name)
    checklist = checklists.get(cid)
    found, _warnings = answers_mod.parse_answers(data, checklist, text, name)
    return engine.evaluate(checklist, found)


def run(paths: Iterable[str], checklist: str | None = None) -> Iterator[tuple[str, Result | None, list[str]]]:
    """(path, result or None, error lines) for each file, in order."""
    import gc

    checklists = _Checklists(checklist)
    for n, path in enumerate(paths):
        try:
            yield path, evaluate_file(path, checklists), []
        except ClinicReadyError as exc:
            yield path, None, exc.lines()
        if n == 0:
            gc.freeze()  # the checklist and the imported code live for the whole batch: stop rescanning them


def line(path: str, result: Result | None, errors: list[str]) -> str:
    """One JSON line: the file, whether it was valid, and the result or its errors."""
    if result is None:
        return json.dumps({"file": path, "ok": False, "errors": errors}, ensure_ascii=False)
    return f'{{"file":{json.dumps(path, ensure_ascii=False)},"ok":true,"result":{compact(result)}}}'


def exit_code(any_bad: bool, worst: list[Severity], fail_on: Severity | None) -> int:
    if any_bad:
        return 2
    if fail_on is not None and any(s.rank <= fail_on.rank for s in worst):
        return 1
    return 0
