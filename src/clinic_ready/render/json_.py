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
        "checklist": {
            "id": cl.id, "title": cl.title, "version": cl.version, "facts_as_of": cl.facts_as_of.isoformat(),
            "review_by": cl.review_by.isoformat() if cl.review_by else None, "maintainers": list(cl.maintainers),
            "reviewed_by": list(cl.reviewed_by), "funding": cl.funding,
            "balance": " ".join(cl.balance.split()) if cl.balance else None,
        },
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


# --------------------------------------------------------------------------- compact, for batch
# The same document on one line, built from cached JSON fragments of the parts that are the same
# for every answers file (checklist, concern texts, sources, prompts).  tests/render pins that
# json.loads(compact(r)) == document(r).

_CACHES: dict[int, tuple[object, dict]] = {}  # id(checklist) -> (checklist kept alive, fragments)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def compact(result: Result) -> str:
    """json.dumps(document(result)) on one line, several times faster for repeated checklists."""
    cl = result.checklist
    entry = _CACHES.get(id(cl))
    if entry is None or entry[0] is not cl:
        entry = _CACHES[id(cl)] = (cl, {})
    cache = entry[1]
    if "head" not in cache:
        whole = document(result)
        cache["head"] = _dump({k: whole[k] for k in ("format_version", "tool", "checklist")})[:-1]
        cache["tail"] = _dump({k: whole[k] for k in ("notice", "disclaimer", "crisis_lines")})[1:]
    v = result.verdict
    verdict = cache.get(v.code)
    if verdict is None:
        verdict = cache[v.code] = _dump({"code": v.code, "title": v.title, "text": v.text})
    return "".join((
        cache["head"],
        ',"verdict":', verdict,
        ',"counts":', _dump(result.counts),
        ',"concerns":[', ",".join(_concern(cache, f) for f in result.findings), "]",
        ',"not_assessed":[', ",".join(_not_assessed(cache, i) for i in result.not_assessed), "]",
        ',"answers":[', ",".join(_answer(cache, i) for i in result.items), "]",
        ',"scores":', _dump(result.scores),
        ',"ignored_answers":', _dump(list(result.ignored)),
        ",", cache["tail"],
    ))


def _concern(cache: dict, f) -> str:
    c = f.concern
    key = ("concern", c.id)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _dump({
            "id": c.id, "severity": c.severity.value, "title": c.title, "why": c.why, "ask": c.ask,
            "action": c.action, "sources": [_source(s) for s in f.sources],
        })
    return found


def _not_assessed(cache: dict, i) -> str:
    key = ("na", i.question.id, i.state)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _dump({"id": i.question.id, "section": i.section.id, "prompt": i.question.prompt, "state": i.state})
    return found


def _answer(cache: dict, i) -> str:
    q = i.question
    value = _value(i)
    cacheable = q.type in ("yes_no", "choice", "multi_choice")
    key = ("answer", q.id, i.state, _hashable(value)) if cacheable else None
    found = cache.get(key) if cacheable else None
    if found is None:
        found = _dump({"id": q.id, "section": i.section.id, "prompt": q.prompt, "state": i.state, "value": value, "text": answer_text(i)})
        if cacheable:
            cache[key] = found
    return found
