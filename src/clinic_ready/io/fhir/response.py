"""Answers as a FHIR R4 ``QuestionnaireResponse``, results as a ``Bundle``, and back.

Writing: every question that was asked and answered (or answered unsure / prefer not to say)
becomes an item under its section's group; unsure and declined are HL7 data-absent-reason
codes (an answer Coding for coded questions, the data-absent-reason extension on the item for
number and text questions).  Reading: the same shapes, plus what FHIR form fillers such as
LHC-Forms write (valueBoolean for yes/no, valueInteger for numbers), checked with exactly the
rules of a YAML answers file and reported at the place in the file.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeGuard

from clinic_ready.core.coercion import AnswerRejected, coerce
from clinic_ready.core.model import Answer, Answers, Checklist, Question, Result
from clinic_ready.errors import MAX_SHOWN, InputError, Problem, problem, render_key_path, suggest
from clinic_ready.i18n import N_, _
from clinic_ready.io.fhir import (
    BASE,
    CODE_STATES,
    CODE_YES_NO,
    DAR_EXTENSION,
    DAR_SYSTEM,
    STATE_CODES,
    checklist_of,
    questionnaire_url,
)
from clinic_ready.io.fhir.questionnaire import coded, coding, narrative, notice_paragraphs, state_coding
from clinic_ready.notices import crisis_text
from clinic_ready.wording import Words, open_state, verdict_of

if TYPE_CHECKING:
    from clinic_ready.core.migration import Plan

SEVERITY_EXTENSION = f"{BASE}:extension:concern-severity"
URGENT_EXTENSION = f"{BASE}:extension:concern-urgent"
_SEVERITY = {
    "critical": N_("Critical"),
    "high": N_("High"),
    "moderate": N_("Moderate"),
    "low": N_("Low"),
    "info": N_("For information"),
}
_LEVEL = {
    "critical": N_("critical"),
    "high": N_("high"),
    "moderate": N_("moderate"),
    "low": N_("low"),
    "info": N_("for information"),
}
RELATED_ARTIFACT = "http://hl7.org/fhir/StructureDefinition/cqf-relatedArtifact"
_ISSUE_SEVERITY = {"critical": "high", "high": "high", "moderate": "moderate", "low": "low", "info": "low"}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


# --------------------------------------------------------------------------- writing


def _answers(cl: Checklist, q: Question, answer: Answer) -> dict:
    """The answer part of one QuestionnaireResponse item."""
    if answer.state != "answered":
        if coded(q):
            return {"answer": [{"valueCoding": state_coding(answer.state)}]}
        return {"extension": [{"url": DAR_EXTENSION, "valueCode": STATE_CODES[answer.state][0]}]}
    value = answer.value
    if coded(q):
        values = value if isinstance(value, list) else [value]
        return {"answer": [{"valueCoding": coding(cl, q, str(v))} for v in values]}
    if q.type == "number":
        return {"answer": [{"valueDecimal": value}]}
    return {"answer": [{"valueString": value}]}


def response(result: Result, authored: str | None = None) -> dict:
    """The asked questions' answers as a QuestionnaireResponse (status completed when nothing required is missing)."""
    from clinic_ready.core.engine import missing_required

    cl = result.checklist
    groups: dict[str, dict] = {}
    for item in result.items:
        if item.answer is None or item.state not in ("answered", "unsure", "declined"):
            continue
        group = groups.get(item.section.id)
        if group is None:
            group = groups[item.section.id] = {"linkId": item.section.id, "text": item.section.title, "item": []}
        entry = {"linkId": item.question.id, "text": item.question.prompt}
        parts = _answers(cl, item.question, item.answer)
        if "extension" in parts:
            entry = {"extension": parts["extension"], **entry}
        else:
            entry.update(parts)
        group["item"].append(entry)
    out = {
        "resourceType": "QuestionnaireResponse",
        "text": narrative(
            [
                _("Answers to {title} (version {version}).").format(title=cl.title, version=cl.version),
                *notice_paragraphs(cl, result.respondent),
            ]
        ),
        "questionnaire": f"{questionnaire_url(cl.id)}|{cl.version}",
        # completed exactly when an unattended run accepts the answers: a required question asked
        # only in doubt (its gate unsure) is listed as not assessed, never demanded
        "status": "in-progress" if missing_required(result) else "completed",
        "authored": authored or _now(),
        "item": list(groups.values()),
    }
    if result.respondent == "supporter":  # who answered: someone helping the person (read back by parse)
        out["source"] = {"type": "RelatedPerson", "display": _("Someone helping the person considering treatment")}
    return out


def _issue(result: Result, finding, response_ref: str, when: str, possible: bool = False) -> dict:
    """One concern as a DetectedIssue: ``final`` when raised, ``preliminary`` when it could apply
    (its condition is unknown because of the answers named in ``evidence``)."""
    c = finding.concern
    cl = result.checklist
    who = result.respondent
    paragraphs = [
        _heading(c, possible),
        c.why_for(who),
        _("Ask: {text}").format(text=c.ask),
        _("Do: {text}").format(text=c.action_for(who)),
    ]
    extensions: list[dict] = [{"url": SEVERITY_EXTENSION, "valueCode": c.severity.value}]
    if c.urgent:
        extensions.append({"url": URGENT_EXTENSION, "valueBoolean": True})
        paragraphs += list(Words(cl, who).urgent_lines())
        paragraphs.append(_("In a crisis: {lines}.").format(lines=crisis_text()))
    issue: dict = {
        "resourceType": "DetectedIssue",
        "text": narrative(paragraphs),
        "extension": [*extensions, *_artifacts(finding)],
        "status": "preliminary" if possible else "final",
        "code": {
            "coding": [{"system": f"{questionnaire_url(cl.id)}:concern", "code": c.id, "display": c.title}],
            "text": c.title,
        },
        "severity": _ISSUE_SEVERITY[c.severity.value],
        "identifiedDateTime": when,
        "evidence": _evidence(finding, response_ref, who, possible),
        "detail": f"{c.why_for(who).strip()} " + _("Ask: {text}").format(text=c.ask.strip()),
        "mitigation": [{"action": {"text": c.action_for(who).strip()}}],
    }
    first_url = next((s.url for s in finding.sources if s.url), None)
    if first_url:
        issue["reference"] = first_url
    return issue


def _heading(c, possible: bool) -> str:
    """The first line of a DetectedIssue's narrative: severity and title, urgent first."""
    heading = f"{_(_SEVERITY[c.severity.value])}: {c.title}"
    if possible:
        heading = _("Could apply ({severity}): {title}").format(severity=_(_LEVEL[c.severity.value]), title=c.title)
    if c.urgent:
        heading = _("Urgent. {heading}").format(heading=heading)
    return heading


def _artifacts(finding) -> list[dict]:
    """The concern's sources as cqf-relatedArtifact citation extensions."""
    artifacts = []
    for s in finding.sources:
        artifact = {
            "type": "citation",
            "label": s.id,
            "display": s.title,
            "citation": f"{s.title}. {s.publisher}, {s.year}.",
        }
        if s.url:
            artifact["url"] = s.url
        artifacts.append({"url": RELATED_ARTIFACT, "valueRelatedArtifact": artifact})
    return artifacts


def _evidence(finding, response_ref: str, who: str, possible: bool) -> list[dict]:
    """What the issue rests on: the answers that raised it, or those whose doubt leaves it open."""
    if not possible:
        return [{"detail": [{"reference": response_ref, "display": _("The answers that raised this concern")}]}]
    return [
        {
            "detail": [
                {
                    "reference": response_ref,
                    "display": f"{i.question.report_prompt(who)} ({open_state(i.state)})",
                }
            ]
        }
        for i in finding.depends_on
    ] or [{"detail": [{"reference": response_ref, "display": _("The answers this depends on")}]}]


def bundle(result: Result, authored: str | None = None) -> dict:
    """A collection Bundle: the QuestionnaireResponse, one ``final`` DetectedIssue per raised concern
    (urgent first, then most serious first), then one ``preliminary`` DetectedIssue per concern that
    could apply."""
    when = authored or _now()
    qr_ref = f"urn:uuid:{uuid.uuid4()}"
    qr = response(result, when)
    verdict = verdict_of(result)
    qr["text"] = narrative(
        [
            _("Answers to {title} (version {version}).").format(
                title=result.checklist.title, version=result.checklist.version
            ),
            f"{verdict.title}. {verdict.text}",
            *(
                _("Good to know: {title}. {text}").format(
                    title=f.concern.title.strip(), text=" ".join(f.concern.why_for(result.respondent).split())
                )
                for f in result.good_to_know
            ),
            *notice_paragraphs(result.checklist, result.respondent),
        ]
    )
    entries = [{"fullUrl": qr_ref, "resource": qr}]
    for finding in result.findings:
        entries.append({"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": _issue(result, finding, qr_ref, when)})
    for possible in result.could_apply:
        entries.append(
            {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": _issue(result, possible, qr_ref, when, possible=True)}
        )
    return {"resourceType": "Bundle", "type": "collection", "timestamp": when, "entry": entries}


def render(result: Result, **_: object) -> str:
    """``--format fhir``: the Bundle as indented JSON."""
    return json.dumps(bundle(result), indent=2, ensure_ascii=False) + "\n"


def ndjson_line(result: Result) -> str:
    """One QuestionnaireResponse on one line (FHIR bulk-data NDJSON)."""
    return json.dumps({"id": str(uuid.uuid4()), **response(result)}, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- reading


def is_response(data: Mapping) -> bool:
    return data.get("resourceType") == "QuestionnaireResponse"


def _where(name: str, text: str, problems: list[Problem]) -> InputError:
    import clinic_ready.io.yamlio as yamlio

    return InputError(yamlio.locate_all(problems, text, name))


def named_checklist(data: Mapping, text: str, name: str) -> str:
    """The checklist id a QuestionnaireResponse's ``questionnaire`` canonical names."""
    canonical = data.get("questionnaire")
    if not isinstance(canonical, str) or not canonical:
        raise _where(name, text, [problem("schema_missing", ("questionnaire",), key="questionnaire")])
    found = checklist_of(canonical)
    if found is None:
        raise _where(name, text, [_not_ours(canonical)])
    return found[0]


def _not_ours(canonical: str) -> Problem:
    return problem(
        "schema_type",
        ("questionnaire",),
        message=f"'{canonical}' is not a clinic-ready questionnaire",
        fix=f"answer a questionnaire made by 'clinic-ready export CHECKLIST --fhir' (its url starts with {questionnaire_url('')})",
    )


def parse(data: Mapping, checklist: Checklist | None, text: str, name: str) -> tuple[Answers, list[Problem]]:
    """A QuestionnaireResponse as Answers, with the same checks (and messages) as a YAML answers file."""
    import clinic_ready.io.yamlio as yamlio

    errors: list[Problem] = []
    warnings: list[Problem] = []
    canonical = data.get("questionnaire")
    cid, version = "", None
    carried = None
    if not isinstance(canonical, str) or not canonical:
        errors.append(problem("schema_missing", ("questionnaire",), key="questionnaire"))
    elif (found := checklist_of(canonical)) is None:
        errors.append(_not_ours(canonical))
    else:
        cid, version = found
        if checklist is not None and cid != checklist.id:
            errors.append(problem("answers_checklist", ("questionnaire",), found=cid, expected=checklist.id))
        elif checklist is not None and version and version != checklist.version:
            from clinic_ready.core import migration

            carried = migration.plan(checklist, version)
            if carried is None:
                w = problem("answers_version", ("questionnaire",), found=version, expected=checklist.version)
                warnings.append(Problem(w.code, w.key_path, w.params, warning=True))
    source = data.get("source")
    answers = Answers(
        cid,
        version,
        respondent="supporter" if isinstance(source, dict) and source.get("type") == "RelatedPerson" else "patient",
    )
    if checklist is not None and not errors:
        items = data.get("item", [])
        if not isinstance(items, list):
            errors.append(
                problem(
                    "schema_type", ("item",), message="expected a list of items", fix="write 'item' as a JSON array"
                )
            )
        else:
            _Reader(checklist, answers, errors, carried).items(items, ("item",))
            if carried is not None:
                from clinic_ready.io.answers import migrated_warning

                warnings.append(migrated_warning(carried, ("questionnaire",)))
    if errors:
        raise InputError(yamlio.locate_all(errors, text, name))
    return answers, yamlio.locate_all(warnings, text, name)


@dataclass
class _Reader:
    """Reads a response's items (and the items nested in them) into ``answers``.  ``seen`` maps
    each question's linkId to where it was first answered, so that a second answer is refused, not
    kept silently (as duplicate keys are in YAML); with ``carried`` (a migration.Plan), items saved
    with an earlier version are carried over to the current ids and values."""

    cl: Checklist
    answers: Answers
    errors: list[Problem]
    carried: Plan | None = None
    seen: dict[str, tuple] = field(default_factory=dict)

    @cached_property
    def sections(self) -> set[str]:
        """The section ids: the linkIds of the groups, which carry no answer."""
        return {s.id for s in self.cl.sections}

    def items(self, items: list, path: tuple) -> None:
        """Every item of a list of items, at ``path``."""
        for n, item in enumerate(items):
            where = path + (n,)
            if isinstance(item, dict):
                self.item(item, where)
            else:
                self.errors.append(
                    problem(
                        "schema_type", where, message="expected an item object", fix='write each item as {"linkId": …}'
                    )
                )

    def item(self, item: dict, where: tuple) -> None:
        """One item's answer, then the items nested in it and in its answers."""
        link = item.get("linkId")
        given = item.get("answer") or []
        if self.carries(link):
            found = _carry(self.cl, self.carried, link, item, given, where, self.errors)
            if found is not None:
                self.answers.values[found[0]] = found[1]
        elif isinstance(link, str) and link in self.cl.questions:
            self.answer(self.cl.questions[link], item, given, where)
        elif link is not None:
            self.unknown(link, given, where)
        if isinstance(item.get("item"), list):
            self.items(item["item"], where + ("item",))
        for k, answer in enumerate(given if isinstance(given, list) else []):
            if isinstance(answer, dict) and isinstance(answer.get("item"), list):
                self.items(answer["item"], where + ("answer", k, "item"))

    def carries(self, link: object) -> TypeGuard[str]:
        """True when ``link`` is a question id of the earlier version that the migration carries over."""
        return (
            self.carried is not None
            and isinstance(link, str)
            and link not in self.sections
            and self.carried.touches(link)
        )

    def answer(self, q: Question, item: dict, given: object, where: tuple) -> None:
        """The answer to question ``q`` (refused when the question was answered before)."""
        answered = bool(given) or _item_state(item) is not None
        if q.id in self.seen and answered:
            self.errors.append(
                problem("fhir_duplicate_link", where + ("linkId",), id=q.id, first=render_key_path(self.seen[q.id]))
            )
            return
        if answered:
            self.seen[q.id] = where
        try:
            found = _read_answer(self.cl, q, item, given)
        except AnswerRejected as exc:
            self.errors.append(
                problem("answer_type", where + (("answer",) if given else ()), problem=exc.what, fix=exc.fix)
            )
            return
        if found is not None:
            self.answers.values[q.id] = found

    def unknown(self, link: object, given: object, where: tuple) -> None:
        """An answer given to a linkId that is neither a question nor a section."""
        if not given or (isinstance(link, str) and link in self.sections):
            return
        shown = link if isinstance(link, str) else type(link).__name__
        # bounded work: a suggestion only while problems are still shown
        hint = suggest(link, self.cl.questions) if isinstance(link, str) and len(self.errors) < MAX_SHOWN else ""
        self.errors.append(problem("answer_unknown", where + ("linkId",), id=shown, hint=hint))


def _carry(cl: Checklist, carried, link: str, item: dict, given: object, where: tuple, errors: list[Problem]):
    """(current id, Answer) for an item whose linkId an earlier version used, or None."""
    if not isinstance(given, list) or not given:
        state = _item_state(item)
        got = carried.carry(link, state) if state else None
        return (got[0], Answer(state)) if got and got[0] in cl.questions else None  # type: ignore[arg-type]
    try:
        raw = []
        for a in given:
            if isinstance(a, dict) and isinstance(a.get("valueCoding"), dict):
                code = a["valueCoding"].get("code")
                raw.append(
                    CODE_YES_NO.get(code, code)
                    if a["valueCoding"].get("system") != DAR_SYSTEM
                    else CODE_STATES.get(code, code)
                )
            elif isinstance(a, dict):
                raw.append(next((v for k, v in a.items() if k.startswith("value")), None))
        got = carried.carry(link, raw[0] if len(raw) == 1 else raw)
        if got is None or got[0] not in cl.questions:
            return None
        return got[0], coerce(cl.questions[got[0]], got[1])
    except AnswerRejected as exc:
        errors.append(problem("answer_type", where + ("answer",), problem=exc.what, fix=exc.fix))
        return None


def _item_state(item: dict) -> str | None:
    extensions = item.get("extension")
    for ext in extensions if isinstance(extensions, list) else []:  # any other shape carries no state
        if (
            isinstance(ext, dict)
            and ext.get("url") == DAR_EXTENSION
            and isinstance(ext.get("valueCode"), str)
            and ext["valueCode"] in CODE_STATES
        ):
            return CODE_STATES[ext["valueCode"]]
    return None


def _read_answer(cl: Checklist, q: Question, item: dict, given: object) -> Answer | None:
    if not isinstance(given, list):
        raise AnswerRejected("'answer' is not a list", "write the answers as a JSON array")
    state = _item_state(item)
    if not given:
        return None if state is None else Answer(state)  # type: ignore[arg-type]
    values = [_value(q, a) for a in given]
    states = [v for v in values if isinstance(v, Answer)]
    if states:
        if len(values) > 1:
            raise AnswerRejected(
                "'unsure' or 'prefer not to say' is given together with other answers", "keep only one of them"
            )
        return states[0]
    if q.type == "multi_choice":
        return coerce(q, values)
    if len(values) > 1:
        raise AnswerRejected(f"{len(values)} answers given to a question that takes one", "keep only one answer")
    return coerce(q, values[0])


_EXPECTED = {
    "yes_no": "valueCoding (Y or N)",
    "choice": "valueCoding",
    "multi_choice": "valueCoding",
    "number": "valueDecimal",
    "text": "valueString",
}


def _value(q: Question, answer: object) -> object:
    """One answer's raw value (or an unsure/declined Answer), for coerce() to check."""
    key, value = _value_x(answer)
    if key == "valueCoding":
        return _coded_value(q, value)
    if key in ("valueDecimal", "valueInteger") and q.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise AnswerRejected(f"{key} is not a number", "write a number such as 120")
        return value
    if key == "valueBoolean" and q.type == "yes_no" and isinstance(value, bool):
        return value
    if key == "valueString" and isinstance(value, str):
        return value
    raise AnswerRejected(f"{key} does not fit a {q.type} question", f"use {_EXPECTED[q.type]}")


def _value_x(answer: object) -> tuple[str, object]:
    """(key, value) of an answer's one value[x] (FHIR: valueCoding, valueDecimal, …)."""
    if not isinstance(answer, dict):
        raise AnswerRejected("an answer is not an object", 'write it as {"valueCoding": …} or {"valueDecimal": …}')
    if not all(isinstance(k, str) for k in answer):
        raise AnswerRejected("an answer has a key that is not text", 'write its keys in quotes, such as "valueString"')
    keys = [k for k in answer if k.startswith("value")]
    if len(keys) != 1:
        raise AnswerRejected(
            "an answer needs exactly one value[x]", 'write it as {"valueCoding": …} or {"valueDecimal": …}'
        )
    return keys[0], answer[keys[0]]


def _coded_value(q: Question, value: object) -> object:
    """A valueCoding's code: an unsure/declined Answer, yes or no for a yes/no question, else the code."""
    if not isinstance(value, dict) or not isinstance(value.get("code"), str):
        raise AnswerRejected("a valueCoding without a code", "give the choice's code")
    code = value["code"]
    if value.get("system") == DAR_SYSTEM and code in CODE_STATES:
        return Answer(CODE_STATES[code])  # type: ignore[arg-type]
    if q.type == "yes_no" and code in CODE_YES_NO:
        return CODE_YES_NO[code]
    return code
