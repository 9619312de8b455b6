"""The Python API: load a checklist once, evaluate many answers.

    from clinic_ready.app import api

    checklist = api.load_checklist("ketamine-clinic")        # a shipped id or a YAML path
    result = api.evaluate(checklist, {"checklist": "ketamine-clinic", "answers": {...}})
    api.result_document(result)   # the --format json document, as a dict
    api.result_line(result)       # the same, as one compact JSON line (what batch writes)
    result, warnings = api.evaluate_with_warnings(checklist, {...})   # and the CLI's warning lines

Every function is pure apart from reading the checklist file: no network, no writes, no
terminal.  Bad answers raise ``InputError``; ``error.lines()`` are the same one-line problems
the command line prints.  A loaded checklist is immutable in use and can be shared by any
number of evaluations (and threads).  See docs/batch.md for Spark and Dask.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from clinic_ready.core.model import Checklist, Result
from clinic_ready.errors import InputError

__all__ = [
    "Checklist",
    "InputError",
    "Result",
    "evaluate",
    "evaluate_text",
    "evaluate_with_warnings",
    "load_checklist",
    "result_document",
    "result_line",
]


def load_checklist(name: str | Path = "ketamine-clinic") -> Checklist:
    """A shipped checklist id (see ``clinic-ready list``) or the path of a checklist file,
    read and fully validated (raises InputError listing every problem)."""
    from clinic_ready.app.pipeline import load_checklist as _load

    return _load(str(name))


def evaluate(checklist: Checklist, document: Mapping[str, Any], name: str = "<answers>") -> Result:
    """Evaluate one answers document: the mapping an answers file holds (``checklist``,
    optional ``checklist_version``, ``answers``).  Answers are checked exactly as in a file."""
    from clinic_ready.app.pipeline import Document, evaluate_document

    return evaluate_document(Document(name, "", document), checklist).result


def evaluate_with_warnings(
    checklist: Checklist, document: Mapping[str, Any], name: str = "<answers>"
) -> tuple[Result, list[str]]:
    """``evaluate``, and the warning lines report and compare print for the same answers
    (required answers that are missing, answers carried over from an earlier checklist version,
    and the other warnings of reading them), as ``clinic-ready batch`` keeps them in a line's
    ``warnings``."""
    from clinic_ready.app.pipeline import Document, evaluate_document

    found = evaluate_document(Document(name, "", document), checklist)
    return found.result, [str(w) for w in found.warnings]


def evaluate_text(checklist: Checklist, text: str, name: str = "<answers>") -> Result:
    """Evaluate the text of an answers file (YAML or JSON); problems carry line numbers."""
    from clinic_ready.app.pipeline import Document, evaluate_document

    return evaluate_document(Document.parse(text, name), checklist).result


def result_document(result: Result) -> dict:
    """The documented JSON document (docs/json-format.md) as plain data."""
    from clinic_ready.render.json_ import document

    return document(result)


def result_line(result: Result) -> str:
    """The same document on one line, as ``clinic-ready batch`` writes it inside ``result``."""
    from clinic_ready.render.json_ import compact

    return compact(result)
