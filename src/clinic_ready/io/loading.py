"""YAML -> model: read safely, validate with pydantic, check cross-references, report every problem.

    text --yamlio.parse--> plain data --pydantic--> Checklist --checks--> Checklist (consistent)

Problems from every stage are collected and located (PATH:LINE:COL) before one InputError is
raised, so an author sees everything wrong with a file at once.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from clinic_ready.core.model import Checklist
from clinic_ready.errors import InputError, problem
from clinic_ready.io import checks, yamlio
from clinic_ready.io.schema_errors import schema_problems

SUPPORTED_FORMATS = (1,)


def load_checklist(path: str | Path, stdin: Any = None, lang: str | None = None) -> Checklist:
    """Read, validate and cross-check a checklist file ('-' reads standard input); with ``lang``,
    its texts in that language (translation.localized), when the checklist declares it."""
    name, text = yamlio.read_source(path, stdin)
    checklist = parse_checklist(text, name)
    if lang and lang in checklist.languages and lang != checklist.languages[0]:
        from clinic_ready.io import translation

        checklist = translation.localized(checklist, path, lang)
    return checklist


#: the last few checklist texts validated in this process -> their Checklist: a caller that loads
#: the same checklist again (the Python API per form, a test run in process) does not parse and
#: validate it again; a Checklist is immutable in use (api.py), so one can be shared
_RECENT: OrderedDict[tuple[str, str], Checklist] = OrderedDict()
_RECENT_MAX = 8


def parse_checklist(text: str, name: str = "<checklist>", data: dict | None = None) -> Checklist:
    """Validate checklist text; raise InputError listing every problem with its location.

    ``data`` is the already-parsed text (``yamlio.parse``), when the caller has it: the text is
    then not parsed a second time (it is still needed to locate problems).
    """
    key = (name, text)
    found = _RECENT.get(key)
    if found is not None:
        _RECENT.move_to_end(key)
        return found
    checklist = _validate(text, name, data)
    _RECENT[key] = checklist
    if len(_RECENT) > _RECENT_MAX:
        _RECENT.popitem(last=False)
    return checklist


def _validate(text: str, name: str, data: dict | None) -> Checklist:
    if data is None:
        data = yamlio.require_mapping(yamlio.parse(text, name), name)
    fmt = data.get("format")
    if fmt is not None and fmt not in SUPPORTED_FORMATS:
        raise InputError(yamlio.locate_all([problem("schema_format", ("format",), value=fmt)], text, name))
    try:
        checklist = Checklist.model_validate(data)
    except ValidationError as exc:
        raise InputError(yamlio.locate_all(schema_problems(exc), text, name)) from None
    found = checks.check(checklist)
    if found:
        raise InputError(yamlio.locate_all(found, text, name))
    return checklist
