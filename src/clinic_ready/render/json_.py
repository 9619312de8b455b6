"""JSON: a documented, versioned document (see docs/json-format.md).  Keys in a fixed order."""

from __future__ import annotations

import json

from clinic_ready import __version__
from clinic_ready.core.model import Result, Source
from clinic_ready.i18n import language
from clinic_ready.notices import crisis_lines
from clinic_ready.render import texts
from clinic_ready.render.common import answer_text
from clinic_ready.wording import verdict_of, words_for

FORMAT_VERSION = 3  # 2: urgent concerns, could_apply, first_steps, questions_to_ask, verdict held_at; 3: who reads (docs/json-format.md)


def _source(s: Source) -> dict:
    return {"id": s.id, "title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}


def _value(item) -> object:
    return item.answer.value if item.answer is not None and item.state == "answered" else None


def _concern_data(c, sources, respondent: str = "patient", checklist=None) -> dict:
    from clinic_ready.dates import today

    return {
        "id": c.id,
        "severity": c.severity.value,
        "urgent": c.urgent,
        "title": c.title,
        "why": c.why_for(respondent),
        "ask": c.ask,
        "action": c.action_for(respondent),
        "sources": [_source(s) for s in sources],
        "dated_notes": checklist.expired_lines(c.facts, today()) if checklist is not None else [],
    }


def _translation(cl) -> dict | None:
    """Who translated the checklist's texts and their review status (None in its own language):
    what every other output prints as its credit line."""
    tr = cl.translation
    if tr is None:
        return None
    return {
        "language": tr.language,
        "translated_by": list(tr.translated_by),
        "review_status": tr.review_status,
        "credit": cl.credit_line(),
    }


def _verdict(result: Result) -> dict:
    v, words = result.verdict, verdict_of(result)
    return {"code": v.code, "title": words.title, "text": words.text, "held_at": v.held_at}


def _possible(p, respondent: str = "patient", checklist=None) -> dict:
    return {
        **_concern_data(p.concern, p.sources, respondent, checklist),
        "depends_on": [{"id": i.question.id, "prompt": i.question.prompt, "state": i.state} for i in p.depends_on],
    }


def _good_to_know(result: Result) -> list:
    """Info items (format 3): never in ``concerns`` or ``counts``."""
    return [
        {
            "id": f.concern.id,
            "title": f.concern.title,
            "why": f.concern.why_for(result.respondent),
            "action": f.concern.action_for(result.respondent),
            "sources": [_source(s) for s in f.sources],
        }
        for f in result.good_to_know
    ]


def _reader(result: Result) -> dict:
    """Who answered, and who the texts speak to (format 3)."""
    words = words_for(result)
    return {
        "respondent": result.respondent,
        "audience": words.audience,
        "crisis_heading": words.crisis_heading(),
        "supporter_tips": [{"text": " ".join(t.text.split()), "sources": list(t.sources)} for t in result.tips],
    }


def _urgent(result: Result) -> list:
    """Urgent concerns, first in the document, each with what to do now."""
    return [
        {
            "id": f.concern.id,
            "title": f.concern.title,
            "action": f.concern.urgent_action_for(result.respondent) or "",
            "what_to_do_now": list(words_for(result).urgent_lines()),
        }
        for f in result.urgent
    ]


def _extras(result: Result, possible: bool = True) -> dict:
    """The format-2 additions that depend on the answers."""
    return {
        "could_apply": [_possible(p, result.respondent, result.checklist) for p in result.could_apply]
        if possible
        else [],
        "first_steps": [{"text": t, "concern": cid} for t, cid in texts.first_steps(result)],
        "private_topics": [{"topic": t, "question": q} for t, q in texts.private_topics(result)],
        "questions_to_ask": [
            {
                "text": i.text,
                "about": texts.ask_about(result, i),
                "severity": i.severity.value,
                "concern": i.concern_id,
                "question": i.question_id,
            }
            for i in result.ask_list
        ],
    }


def document(result: Result) -> dict:
    """The JSON document as plain data."""
    cl = result.checklist
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "clinic-ready", "version": __version__},
        "checklist": {
            "id": cl.id,
            "title": cl.title,
            "version": cl.version,
            "facts_as_of": cl.facts_as_of.isoformat(),
            "review_by": cl.review_by.isoformat() if cl.review_by else None,
            "maintainers": list(cl.maintainers),
            "reviewed_by": list(cl.reviewed_by),
            "funding": cl.funding,
            "balance": " ".join(cl.balance.split()) if cl.balance else None,
            "translation": _translation(cl),
        },
        **_reader(result),
        "urgent": _urgent(result),
        "verdict": _verdict(result),
        "counts": result.counts,
        "concerns": [_concern_data(f.concern, f.sources, result.respondent, cl) for f in result.findings],
        "good_to_know": _good_to_know(result),
        **_extras(result),
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
        "disclaimer": words_for(result).notice(),
        "crisis_lines": [{"name": who, "contact": how} for who, how in crisis_lines()],
    }


def render(result: Result, **_: object) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- compact, for batch
# The same document on one line, built from cached JSON fragments of the parts that are the same
# for every answers file (checklist, concern texts, sources, prompts).  tests/render pins that
# json.loads(compact(r)) == document(r).

_CACHES: dict[int, tuple[object, dict]] = {}  # id(checklist) -> (checklist kept alive, fragments)
#: fragments kept per checklist: every text of a checklist and its common answers fit; what is rarer
#: (one of the many combinations of a multiple choice) is then built each time, so that a batch's
#: memory stays flat however many files it reads
MAX_FRAGMENTS = 4096


def _keep(cache: dict, key: object, fragment: str) -> str:
    if len(cache) < MAX_FRAGMENTS:
        cache[key] = fragment
    return fragment


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
    cache.setdefault("checklist", cl)
    if "head" not in cache:
        whole = document(result)
        cache["head"] = _dump({k: whole[k] for k in ("format_version", "tool", "checklist")})[:-1]
        cache["tail"] = _dump({k: whole[k] for k in ("notice", "disclaimer", "crisis_lines")})[1:]
    v = (result.verdict, result.respondent, language())  # its words depend on who reads, and the language
    verdict = cache.get(v)
    if verdict is None:
        verdict = _keep(cache, v, _dump(_verdict(result)))
    possible = ",".join(
        _concern_fragment(cache, p.concern, p.sources, result.respondent)[:-1]
        + ',"depends_on":'
        + _dump([{"id": i.question.id, "prompt": i.question.prompt, "state": i.state} for i in p.depends_on])
        + "}"
        for p in result.could_apply
    )
    rest = _extras(result, possible=False)
    extras = (
        f'"could_apply":[{possible}],"first_steps":{_dump(rest["first_steps"])},"private_topics":{_dump(rest["private_topics"])},'
        f'"questions_to_ask":{_dump(rest["questions_to_ask"])}'
    )
    return "".join(
        (
            cache["head"],
            ",",
            _dump(_reader(result))[1:-1],
            ',"urgent":',
            _dump(_urgent(result)) if result.findings and result.findings[0].concern.urgent else "[]",
            ',"verdict":',
            verdict,
            ',"counts":',
            _dump(result.counts),
            ',"concerns":[',
            ",".join(_concern(cache, f, result.respondent) for f in result.findings),
            "]",
            ',"good_to_know":',
            _dump(_good_to_know(result)),
            ",",
            extras,
            ',"not_assessed":[',
            ",".join(_not_assessed(cache, i) for i in result.not_assessed),
            "]",
            ',"answers":[',
            ",".join(_answer(cache, i) for i in result.items),
            "]",
            ',"scores":',
            _dump(result.scores),
            ',"ignored_answers":',
            _dump(list(result.ignored)),
            ",",
            cache["tail"],
        )
    )


def _concern(cache: dict, f, respondent: str) -> str:
    return _concern_fragment(cache, f.concern, f.sources, respondent)


def _concern_fragment(cache: dict, c, sources, respondent: str) -> str:
    key = ("concern", c.id, respondent)
    found = cache.get(key)
    if found is None:
        found = _keep(cache, key, _dump(_concern_data(c, sources, respondent, cache.get("checklist"))))
    return found


def _not_assessed(cache: dict, i) -> str:
    key = ("na", i.question.id, i.state)
    found = cache.get(key)
    if found is None:
        found = _keep(
            cache,
            key,
            _dump({"id": i.question.id, "section": i.section.id, "prompt": i.question.prompt, "state": i.state}),
        )
    return found


def _answer(cache: dict, i) -> str:
    q = i.question
    value = _value(i)
    cacheable = q.type in ("yes_no", "choice", "multi_choice")
    key = ("answer", q.id, i.state, _hashable(value), i.by_skipping) if cacheable else None
    found = cache.get(key) if cacheable else None
    if found is None:
        found = _dump(
            {
                "id": q.id,
                "section": i.section.id,
                "prompt": q.prompt,
                "state": i.state,
                "value": value,
                "text": answer_text(i),
            }
        )
        if cacheable:
            _keep(cache, key, found)
    return found
