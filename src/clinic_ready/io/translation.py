"""Checklist content in another language: a sibling file ``<checklist>.<lang>.yaml`` keyed by ids.

    checklists/ketamine-clinic.yaml      the checklist (English; declares ``languages: [en, es]``)
    checklists/ketamine-clinic.es.yaml   every text field of it in Spanish, keyed by ids

Ids, answer values, conditions, scores and severities live only in the checklist, so an answers
file gives the same result in every language.  ``localize`` returns a copy of the checklist with
every text replaced; ``problems`` lists what a translation lacks or gets wrong (``validate``).
The format is documented in docs/checklist-format.md ("Translations") and its JSON Schema is
docs/translation.schema.json.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from clinic_ready.core.model import Checklist, Section, Source, Wording, _Model
from clinic_ready.errors import InputError, Problem, problem, suggest

#: text fields of each part of a checklist (what a translation must carry)
TOP_FIELDS = ("title", "audience", "intro", "balance", "notice", "funding")
LIST_FIELDS = ("maintainers", "reviewed_by")  # lists of texts: same order and length as the checklist's
SECTION_FIELDS = ("title", "intro", "intro_supporter")
QUESTION_FIELDS = ("prompt", "help", "prompt_supporter", "help_supporter", "hint_supporter", "topic", "unit")
CONCERN_FIELDS = (
    "title",
    "why",
    "ask",
    "action",
    "why_supporter",
    "action_supporter",
    "first_step",
    "first_step_supporter",
)


class SectionText(_Model):
    title: str | None = None
    intro: str | None = None
    intro_supporter: str | None = None


class QuestionText(_Model):
    prompt: str | None = None
    help: str | None = None
    prompt_supporter: str | None = None
    help_supporter: str | None = None
    hint_supporter: str | None = None
    topic: str | None = None
    unit: str | None = None
    choices: dict[str, str] = Field(default_factory=dict)  # choice value -> label
    choices_supporter: dict[str, str] = Field(default_factory=dict)  # choice value -> label_supporter


class ConcernText(_Model):
    title: str | None = None
    why: str | None = None
    ask: str | None = None
    action: str | None = None
    why_supporter: str | None = None
    action_supporter: str | None = None
    first_step: str | None = None
    first_step_supporter: str | None = None


class TitleText(_Model):
    title: str | None = None


class Translation(_Model):
    """A translation file (format 1): every text of one checklist in one language."""

    format: Literal[1]
    translation_of: str = Field(description="The id of the checklist this translates.")
    language: str = Field(description="Language code, such as 'es'.")
    version: str = Field(description="The checklist version this translates.")
    translated_by: list[str] = Field(min_length=1)
    review_status: str = Field(description="Shown in every output, e.g. 'awaiting review by a bilingual clinician'.")
    title: str | None = None
    audience: str | None = None
    intro: str | None = None
    balance: str | None = None
    notice: str | None = None
    funding: str | None = None
    maintainers: list[str] = Field(default_factory=list)  # same order and length as the checklist's
    reviewed_by: list[str] = Field(default_factory=list)  # same order and length as the checklist's
    sections: dict[str, SectionText] = Field(default_factory=dict)
    questions: dict[str, QuestionText] = Field(default_factory=dict)
    concerns: dict[str, ConcernText] = Field(default_factory=dict)
    scores: dict[str, TitleText] = Field(default_factory=dict)
    sources: dict[str, TitleText] = Field(default_factory=dict)  # optional: absent keeps the English title
    added_sources: list[Source] = Field(default_factory=list)  # sources in this language
    also_cite: dict[str, list[str]] = Field(default_factory=dict)  # concern id -> added source ids
    supporter_tips: list[str] = Field(default_factory=list)  # same order and length as the checklist's
    wording: Wording | None = None  # the checklist's own verdict texts and headings, keyed as there
    facts: dict[str, str] = Field(default_factory=dict)  # fact id -> its text


def path_for(checklist_path: str | Path, lang: str) -> Path:
    """checklists/x.yaml -> checklists/x.es.yaml"""
    p = Path(checklist_path)
    return p.with_name(f"{p.stem}.{lang}{p.suffix or '.yaml'}")


def localized(checklist: Checklist, checklist_path: str | Path, lang: str) -> Checklist:
    """The checklist in ``lang`` from its sibling file; the checklist itself when there is none.

    The translation is checked as ``validate`` checks it before it is applied: an ``also_cite``
    naming a source nobody added, a translation of another checklist and the like are located
    problems (exit 2), never a concern that cites nothing the engine knows.  Missing texts stay
    English, and a translation of an older version is used (``validate`` warns about both)."""
    from clinic_ready.io import yamlio

    path = path_for(checklist_path, lang)
    if str(checklist_path) == "-" or not path.is_file():
        return checklist
    name, text = yamlio.read_source(path)
    tr = parse(text, name)
    errors = [p for p in problems(checklist, tr)[1] if not p.warning]
    if errors:
        raise InputError(yamlio.locate_all(errors, text, name))
    return localize(checklist, tr)


def load(path: str | Path) -> Translation:
    """Read and validate a translation file (located problems, as for a checklist)."""
    from clinic_ready.io import yamlio

    name, text = yamlio.read_source(path)
    return parse(text, name)


def parse(text: str, name: str = "<translation>") -> Translation:
    from clinic_ready.io import yamlio
    from clinic_ready.io.schema_errors import schema_problems

    data = yamlio.require_mapping(yamlio.parse(text, name), name)
    try:
        return Translation.model_validate(data)
    except ValidationError as exc:
        raise InputError(yamlio.locate_all(schema_problems(exc), text, name)) from None


def localize(checklist: Checklist, tr: Translation) -> Checklist:
    """A copy of the checklist with every text in the translation's language.  Ids, answer values,
    conditions, scores and severities are untouched; a text the translation lacks stays English;
    ``added_sources`` join the bibliography and ``also_cite`` adds them to concerns' sources."""
    data = checklist.model_dump(by_alias=True, exclude_none=True, warnings=False)  # conditions round-trip (tested)
    _put(data, tr, TOP_FIELDS)
    for key in LIST_FIELDS:
        given = getattr(tr, key)
        if key in data and given:
            data[key] = [given[i] if i < len(given) else text for i, text in enumerate(data[key])]
    for s in data["sections"]:
        _localize_section(s, tr)
    for c in data["concerns"]:
        _put(c, tr.concerns.get(c["id"]), CONCERN_FIELDS)
        c["sources"] = list(c["sources"]) + [s for s in tr.also_cite.get(c["id"], ()) if s not in c["sources"]]
    for s in data["scores"]:
        _put(s, tr.scores.get(s["id"]), ("title",))
    _localize_sources(data, tr)
    for tip, text in zip(data.get("supporter_tips", ()), tr.supporter_tips, strict=False):
        tip["text"] = text
    for f in data.get("facts", ()):
        f["text"] = tr.facts.get(f["id"], f["text"])
    if tr.wording is not None and "wording" in data:
        _merge(data["wording"], tr.wording.model_dump(exclude_none=True))
    out = Checklist.model_validate(data)
    out._translation = tr
    return out


def _put(target: dict, texts, fields) -> None:
    """Put the translated ``fields`` of ``texts`` (may be None) over the ones ``target`` has."""
    for key in fields:
        value = getattr(texts, key, None)
        if value is not None and key in target:
            target[key] = value


def _localize_section(s: dict, tr: Translation) -> None:
    """One section of a checklist dump, and its questions and their choice labels, translated."""
    _put(s, tr.sections.get(s["id"]), SECTION_FIELDS)
    for q in s["questions"]:
        qt = tr.questions.get(q["id"])
        _put(q, qt, QUESTION_FIELDS)
        if qt is None:
            continue
        for c in q.get("choices") or ():
            c["label"] = qt.choices.get(c["value"], c["label"])
            if "label_supporter" in c:
                c["label_supporter"] = qt.choices_supporter.get(c["value"], c["label_supporter"])


def _localize_sources(data: dict, tr: Translation) -> None:
    """Source titles translated where given, then the translation's own sources added."""
    for s in data["sources"]:
        _put(s, tr.sources.get(s["id"]), ("title",))
    known = {s["id"] for s in data["sources"]}
    data["sources"] = list(data["sources"]) + [
        s.model_dump(exclude_none=True) for s in tr.added_sources if s.id not in known
    ]


def _merge(target: dict, texts: dict) -> None:
    """Put translated texts over the English ones, only where the checklist has them."""
    for key, value in texts.items():
        if key not in target:
            continue
        if isinstance(value, dict) and isinstance(target[key], dict):
            _merge(target[key], value)
        elif isinstance(value, str):
            target[key] = value


def _wording_texts(w, path=("wording",)):
    """(key path, text) of every text in a Wording (or part of its dump)."""
    data = w.model_dump(exclude_none=True) if hasattr(w, "model_dump") else w
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _wording_texts(value, path + (key,))
        elif isinstance(value, str):
            yield path + (key,), value


def _lookup(data: dict | None, path: tuple):
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def problems(checklist: Checklist, tr: Translation) -> tuple[list[Problem], list[Problem]]:
    """What is wrong with a translation: (problems located in the checklist — texts it lacks, as
    key paths of the English field; problems located in the translation — unknown ids, version)."""
    missing = [
        problem("translation_missing", path, language=tr.language)
        for path, english, translated in _text_pairs(checklist, tr)
        if _lacks(english, translated)
    ]
    wrong = list(_unknown_choice_values(checklist, tr))
    wrong += _extra_tips(checklist, tr)
    wrong += _unknown_ids(checklist, tr)
    wrong += _added_sources(checklist, tr)
    wrong += _what_it_translates(checklist, tr)
    return missing, wrong


def _lacks(english, translated) -> bool:
    """True when the checklist has a text here and the translation gives none."""
    return english is not None and bool(str(english).strip()) and not (translated and str(translated).strip())


def _nth(texts: list, i: int):
    """The i-th text of a list the translation keeps in the checklist's order, or None."""
    return texts[i] if i < len(texts) else None


def _text_pairs(checklist: Checklist, tr: Translation) -> Iterator[tuple[tuple, object, object]]:
    """(key path in the checklist, English text, translated text) for every text a translation carries."""
    for key in TOP_FIELDS:
        yield (key,), getattr(checklist, key), getattr(tr, key)
    for key in LIST_FIELDS:
        for i, text in enumerate(getattr(checklist, key)):
            yield (key, i), text, _nth(getattr(tr, key), i)
    for i, s in enumerate(checklist.sections):
        yield from _section_pairs(i, s, tr)
    for i, con in enumerate(checklist.concerns):
        ct = tr.concerns.get(con.id)
        for key in CONCERN_FIELDS:
            yield ("concerns", i, key), getattr(con, key), getattr(ct, key, None)
    for i, sc in enumerate(checklist.scores):
        yield ("scores", i, "title"), sc.title, getattr(tr.scores.get(sc.id), "title", None)
    for i, tip in enumerate(checklist.supporter_tips):
        yield ("supporter_tips", i, "text"), tip.text, _nth(tr.supporter_tips, i)
    for i, f in enumerate(checklist.facts):
        yield ("facts", i, "text"), f.text, tr.facts.get(f.id)
    if checklist.wording is not None:
        given = {"wording": tr.wording.model_dump(exclude_none=True)} if tr.wording is not None else {}
        for path, english in _wording_texts(checklist.wording):
            yield path, english, _lookup(given, path)


def _section_pairs(i: int, s: Section, tr: Translation) -> Iterator[tuple[tuple, object, object]]:
    """The text pairs of one section and of its questions and their choices."""
    st = tr.sections.get(s.id)
    for key in SECTION_FIELDS:
        yield ("sections", i, key), getattr(s, key), getattr(st, key, None)
    for j, q in enumerate(s.questions):
        qt = tr.questions.get(q.id)
        base = ("sections", i, "questions", j)
        for key in QUESTION_FIELDS:
            yield base + (key,), getattr(q, key), getattr(qt, key, None)
        for k, c in enumerate(q.choices or ()):
            yield base + ("choices", k, "label"), c.label, qt.choices.get(c.value) if qt else None
            yield (
                base + ("choices", k, "label_supporter"),
                c.label_supporter,
                qt.choices_supporter.get(c.value) if qt else None,
            )


def _unknown_choice_values(checklist: Checklist, tr: Translation) -> Iterator[Problem]:
    """Choice labels given for values the question does not have."""
    for q in (q for s in checklist.sections for q in s.questions):
        qt = tr.questions.get(q.id)
        for value in qt.choices if qt is not None else ():
            if value not in q.choice_values:
                yield problem(
                    "translation_unknown",
                    ("questions", q.id, "choices", value),
                    kind="choice value",
                    id=value,
                    hint=suggest(value, q.choice_values),
                )


def _extra_tips(checklist: Checklist, tr: Translation) -> list[Problem]:
    """More supporter tips than the checklist has (they are matched by position)."""
    if len(tr.supporter_tips) <= len(checklist.supporter_tips):
        return []
    return [
        problem(
            "translation_extra_tips",
            ("supporter_tips", len(checklist.supporter_tips)),
            found=len(tr.supporter_tips),
            expected=len(checklist.supporter_tips),
        )
    ]


def _unknown_ids(checklist: Checklist, tr: Translation) -> Iterator[Problem]:
    """Texts keyed by an id the checklist does not have."""
    concerns = {c.id for c in checklist.concerns}
    tables = (
        ("section", "sections", tr.sections, {s.id for s in checklist.sections}),
        ("question", "questions", tr.questions, checklist.questions),
        ("concern", "concerns", tr.concerns, concerns),
        ("score", "scores", tr.scores, checklist.score_by_id),
        ("source", "sources", tr.sources, checklist.source_by_id),
        ("concern", "also_cite", tr.also_cite, concerns),
    )
    for kind, key, ids, known in tables:
        for ident in ids:
            if ident not in known:
                yield problem("translation_unknown", (key, ident), kind=kind, id=ident, hint=suggest(ident, known))


def _added_sources(checklist: Checklist, tr: Translation) -> Iterator[Problem]:
    """``added_sources`` that repeat a checklist source id; ``also_cite`` ids nobody added."""
    added = {s.id for s in tr.added_sources}
    for k, src in enumerate(tr.added_sources):
        if src.id in checklist.source_by_id:
            yield problem(
                "dup_id", ("added_sources", k, "id"), kind="source", id=src.id, first="the checklist's sources"
            )
    for cid, ids in tr.also_cite.items():
        for k, sid in enumerate(ids):
            if sid not in added:
                yield problem("unknown_source", ("also_cite", cid, k), id=sid, hint=suggest(sid, added))


def _what_it_translates(checklist: Checklist, tr: Translation) -> list[Problem]:
    """Another checklist named (an error), or another version of it (a warning)."""
    out = []
    if tr.translation_of != checklist.id:
        out.append(problem("translation_of", ("translation_of",), found=tr.translation_of, expected=checklist.id))
    if tr.version != checklist.version:
        p = problem("translation_version", ("version",), found=tr.version, expected=checklist.version)
        out.append(Problem(p.code, p.key_path, p.params, warning=True))
    return out


def check_languages(
    checklist: Checklist, checklist_text: str, checklist_name: str
) -> tuple[list[Problem], list[Problem]]:
    """Every declared language other than English: its file exists, is valid and complete.
    Returns (errors, warnings), located (file:line:col)."""
    from clinic_ready.io import yamlio

    errors: list[Problem] = []
    warnings: list[Problem] = []
    for i, lang in enumerate(checklist.languages):
        if lang == "en":
            continue
        path = path_for(checklist_name, lang)
        if checklist_name == "-" or not path.is_file():
            errors += yamlio.locate_all(
                [problem("translation_file", ("languages", i), language=lang, file=path.name)],
                checklist_text,
                checklist_name,
            )
            continue
        name, text = yamlio.read_source(path)
        try:
            tr = parse(text, name)
        except InputError as exc:
            errors += exc.problems
            continue
        if tr.language != lang:
            errors += yamlio.locate_all(
                [problem("translation_language", ("language",), found=tr.language, expected=lang)], text, name
            )
        missing, wrong = problems(checklist, tr)
        errors += yamlio.locate_all(missing, checklist_text, checklist_name)
        for p in yamlio.locate_all(wrong, text, name):
            (warnings if p.warning else errors).append(p)
    return errors, warnings


def skeleton(checklist: Checklist, lang: str, text=lambda s: s) -> dict:
    """A complete translation file of the checklist as plain data, every text passed through
    ``text`` (the English itself by default): a starting point for a translator, and a test aid."""

    def pick(obj, fields) -> dict:
        return {k: text(getattr(obj, k)) for k in fields if getattr(obj, k, None) is not None}

    out: dict = {
        "format": 1,
        "translation_of": checklist.id,
        "language": lang,
        "version": checklist.version,
        "translated_by": ["…"],
        "review_status": "awaiting review by a bilingual clinician",
    }
    out.update(pick(checklist, TOP_FIELDS))
    for key in LIST_FIELDS:
        if getattr(checklist, key):
            out[key] = [text(t) for t in getattr(checklist, key)]
    out["sections"] = {s.id: pick(s, SECTION_FIELDS) for s in checklist.sections}
    out["questions"] = {}
    for q in checklist.questions.values():
        entry = pick(q, QUESTION_FIELDS)
        if q.choices:
            entry["choices"] = {c.value: text(c.label) for c in q.choices}
            if any(c.label_supporter for c in q.choices):
                entry["choices_supporter"] = {c.value: text(c.label_supporter) for c in q.choices if c.label_supporter}
        out["questions"][q.id] = entry
    out["concerns"] = {c.id: pick(c, CONCERN_FIELDS) for c in checklist.concerns}
    out["scores"] = {s.id: {"title": text(s.title)} for s in checklist.scores}
    out["supporter_tips"] = [text(t.text) for t in checklist.supporter_tips]
    if checklist.facts:
        out["facts"] = {f.id: text(f.text) for f in checklist.facts}
    if checklist.wording is not None:
        out["wording"] = {}
        for path, english in _wording_texts(checklist.wording):
            node = out
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = text(english)
    return out


def translation_schema() -> dict:
    """JSON Schema of a translation file (format 1), generated from the pydantic model."""
    from clinic_ready.io.schemas import model_schema

    return model_schema(
        Translation, "clinic-ready/translation-format-1", "clinic-ready checklist translation (format 1)"
    )
