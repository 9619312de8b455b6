"""JSON: a documented, versioned document (see docs/json-format.md).  Keys in a fixed order."""

from __future__ import annotations

import json

from clinic_ready import __version__
from clinic_ready.notices import CRISIS_LINES, NOTICE
from clinic_ready.model import Result, Source
from clinic_ready.render.common import answer_text

FORMAT_VERSION = 1


def _source(s: Source) -> dict:
    return {"id": s.id, "title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}


def _value(item) -> object:
    return item.answer.value if item.answer is not None and item.state == "answered" else None


def document(result: Result) -> dict:
    """The JSON document as plain data."""
    cl = result.checklist
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "clinic-ready", "version": __version__},
        "checklist": {"id": cl.id, "title": cl.title, "version": cl.version, "facts_as_of": cl.facts_as_of.isoformat()},
        "verdict": {"code": result.verdict.code, "title": result.verdict.title, "text": result.verdict.text},
        "counts": result.counts,
        "concerns": [
            {
                "id": f.concern.id,
                "severity": f.concern.severity.value,
                "title": f.concern.title,
                "why": f.concern.why,
                "ask": f.concern.ask,
                "action": f.concern.action,
                "sources": [_source(s) for s in f.sources],
            }
            for f in result.findings
        ],
        "not_assessed": [
            {"id": i.question.id, "section": i.section.id, "prompt": i.question.prompt, "state": i.state}
            for i in result.not_assessed
        ],
        "answers": [
            {
                "id": i.question.id,
                "section": i.section.id,
                "prompt": i.question.prompt,
                "state": i.state,
                "value": _value(i),
                "text": answer_text(i),
            }
            for i in result.items
        ],
        "scores": result.scores,
        "ignored_answers": list(result.ignored),
        "notice": cl.notice.strip(),
        "disclaimer": NOTICE,
        "crisis_lines": [{"name": who, "contact": how} for who, how in CRISIS_LINES],
    }


def render(result: Result, **_: object) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
