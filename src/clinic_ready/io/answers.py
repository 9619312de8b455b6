"""Answers files: reading one (YAML, JSON, or a FHIR QuestionnaireResponse), checking every answer
in it (coercion.coerce, the single place an answer is validated), ``--set``, and writing one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clinic_ready.core.coercion import AnswerRejected, coerce
from clinic_ready.core.model import RESPONDENTS, Answers, Checklist
from clinic_ready.errors import MAX_SHOWN, InputError, Problem, problem, suggest
from clinic_ready.i18n import _
from clinic_ready.io import yamlio

if TYPE_CHECKING:
    from clinic_ready.core.migration import Plan

# --------------------------------------------------------------------------- answers files

_TOP_KEYS = ("checklist", "checklist_version", "respondent", "answers")


def load_answers(path: str | Path, checklist: Checklist | None, stdin: Any = None) -> tuple[Answers, list[Problem]]:
    """Read an answers file; with a checklist, check every answer.  Returns (answers, warnings)."""
    name, text, data = read_document(path, stdin)
    return parse_answers(data, checklist, text, name)


def read_document(path: str | Path, stdin: Any = None) -> tuple[str, str, dict]:
    """(display name, text, top-level mapping) of an answers file.  clinic-ready's own outputs are
    answers files too: a JSON result (``--format json``) gives its answers, a FHIR Bundle
    (``--format fhir``) its QuestionnaireResponse."""
    name, text = yamlio.read_source(path, stdin)
    return name, text, own_output(yamlio.require_mapping(yamlio.parse(text, name), name), name)


def own_output(data: dict, name: str) -> dict:
    """A JSON result or a FHIR Bundle made by clinic-ready, as the answers it holds; any other
    mapping unchanged.  A Bundle without a QuestionnaireResponse is an error that says what to pass."""
    if (
        isinstance(data.get("format_version"), int)
        and isinstance(data.get("checklist"), dict)
        and isinstance(data.get("answers"), list)
    ):
        cl = data["checklist"]
        answers = {}
        for a in data["answers"]:
            if not isinstance(a, dict) or not isinstance(a.get("id"), str):
                continue
            if a.get("state") == "answered":
                answers[a["id"]] = a.get("value")
            elif a.get("state") in ("unsure", "declined"):
                answers[a["id"]] = a["state"]
        out = {"checklist": cl.get("id"), "checklist_version": cl.get("version"), "answers": answers}
        if data.get("respondent") == "supporter":
            out["respondent"] = "supporter"
        return out
    if data.get("resourceType") == "Bundle":
        for entry in data.get("entry") or ():
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(resource, dict) and resource.get("resourceType") == "QuestionnaireResponse":
                return resource
        from clinic_ready.errors import UsageError

        raise UsageError(
            _(
                "{name} is a FHIR Bundle without a QuestionnaireResponse — pass the answers "
                "file, or a Bundle made by 'clinic-ready run --format fhir'"
            ).format(name=name)
        )
    return data


def named_checklist(data: Mapping, text: str, name: str) -> str:
    """The checklist id an answers document names (an error if it names none)."""
    if data.get("resourceType") == "QuestionnaireResponse":
        from clinic_ready.io.fhir import response

        return response.named_checklist(data, text, name)
    cid = data.get("checklist")
    if not isinstance(cid, str) or not cid:
        raise InputError(yamlio.locate_all([problem("schema_missing", ("checklist",), key="checklist")], text, name))
    return cid


def parse_answers(data: Mapping, checklist: Checklist | None, text: str, name: str) -> tuple[Answers, list[Problem]]:
    """An answers document as Answers, every answer checked against ``checklist`` when one is given.
    Returns (answers, warnings); every problem found is raised at once, located in the file."""
    if data.get("resourceType") == "QuestionnaireResponse":  # a FHIR answers file
        from clinic_ready.io.fhir import response

        return response.parse(data, checklist, text, name)
    cid = data.get("checklist")
    version = data.get("checklist_version")
    if version is not None and not isinstance(version, str):
        version = str(version)
    errors = _head_problems(data, checklist, name)
    carried, warnings = _carry_plan(checklist, version)
    raw = data.get("answers") or {}
    if not isinstance(raw, dict):
        errors.append(
            _wrong_shape(
                "answers",
                _("expected a mapping of question id to answer"),
                _("write 'question_id: answer' lines under 'answers:'"),
            )
        )
        raw = {}
    respondent = data.get("respondent", "patient")
    if respondent not in RESPONDENTS:
        errors.append(
            _wrong_shape(
                "respondent",
                _("expected 'patient' or 'supporter'"),
                _("write 'respondent: supporter' when you answer for someone else, or leave the line out"),
            )
        )
        respondent = "patient"
    answers = Answers(str(cid or ""), version, respondent=respondent)
    if carried is not None and not errors:
        raw = carried.carry_all(raw)
        warnings.append(migrated_warning(carried, ("checklist_version",)))
    if checklist is not None and not errors:
        errors = _read_values(checklist, raw, answers)
    if errors:
        raise InputError(yamlio.locate_all(errors, text, name))
    return answers, yamlio.locate_all(warnings, text, name)


def _head_problems(data: Mapping, checklist: Checklist | None, name: str) -> list[Problem]:
    """Problems with the top of an answers file: unknown keys, and the checklist it names."""
    errors = [
        problem("schema_unknown_key", (key,), key=key, hint=_hint(key, _TOP_KEYS))
        for key in data
        if key not in _TOP_KEYS
    ]
    cid = data.get("checklist")
    if not isinstance(cid, str) or not cid:
        errors.append(problem("schema_missing", ("checklist",), key="checklist"))
    elif checklist is not None and cid != checklist.id:
        from clinic_ready.io.catalog import shipped

        if cid in shipped():
            errors.append(problem("answers_checklist", ("checklist",), found=cid, expected=checklist.id))
        else:  # a checklist of one's own: its file, not its id, names it on the command line
            errors.append(
                problem("answers_checklist_file", ("checklist",), found=cid, expected=checklist.id, answers=name)
            )
    return errors


def _carry_plan(checklist: Checklist | None, version: str | None) -> tuple[Plan | None, list[Problem]]:
    """How answers saved with an earlier ``version`` are carried over (None when they need not be
    or cannot be), and the warning for a version that cannot be carried over."""
    if checklist is None or not version or version == checklist.version:
        return None, []
    from clinic_ready.core import migration

    carried = migration.plan(checklist, version)
    if carried is None:
        return None, [
            _warn(problem("answers_version", ("checklist_version",), found=version, expected=checklist.version))
        ]
    return carried, []


def _wrong_shape(key: str, message: str, fix: str) -> Problem:
    """A top-level key whose value has the wrong shape."""
    return problem("schema_type", (key,), message=message, fix=fix)


def _read_values(checklist: Checklist, raw: dict, answers: Answers) -> list[Problem]:
    """Check every answer of ``raw`` (question id -> answer) into ``answers``; the problems found."""
    errors: list[Problem] = []
    for qid, value in raw.items():
        if not isinstance(qid, str):
            errors.append(problem("yaml_bad_key", ("answers", qid), key=repr(qid) if qid is not None else "null"))
            continue
        q = checklist.questions.get(qid)
        if q is None:
            hint = suggest(str(qid), checklist.questions) if len(errors) < MAX_SHOWN else ""  # bounded work
            errors.append(problem("answer_unknown", ("answers", qid), id=qid, hint=hint))
            continue
        try:
            answers.values[q.id] = coerce(q, value)
        except AnswerRejected as exc:
            errors.append(problem("answer_type", ("answers", qid), problem=exc.what, fix=exc.fix))
    return errors


def migrated_warning(carried, key_path: tuple) -> Problem:
    """The one calm note for answers carried over from an earlier checklist version."""
    if carried.ask_again:
        nxt = _("answer them when asked, or add them to the answers file")
    else:
        nxt = _("nothing to do; save the answers again to record version {version}").format(
            version=carried.checklist.version
        )
    return _warn(problem("answers_migrated", key_path, note=carried.note(), next=nxt))


def _hint(key: str, options: Iterable[str]) -> str:
    hint = suggest(key, options)
    return _(", or rename it{hint}").format(hint=hint) if hint else ""


def _warn(p: Problem) -> Problem:
    return Problem(p.code, p.key_path, p.params, p.line, p.col, p.path, warning=True)


def apply_sets(answers: Answers, checklist: Checklist, pairs: Iterable[str]) -> None:
    """Apply --set ID=VALUE overrides (validated like every other answer)."""
    errors: list[Problem] = []
    for text in pairs:
        qid, sep, value = text.partition("=")
        qid = qid.strip()
        if not sep or not qid:
            errors.append(problem("set_syntax", text=qid or "(nothing)").located("--set", None, None))
            continue
        q = checklist.questions.get(qid)
        if q is None:
            errors.append(
                problem("answer_unknown", (qid,), id=qid, hint=suggest(qid, checklist.questions)).located(
                    "--set", None, None
                )
            )
            continue
        try:
            answers.values[qid] = coerce(q, value)
        except AnswerRejected as exc:
            errors.append(problem("answer_type", (qid,), problem=exc.what, fix=exc.fix).located("--set", None, None))
    if errors:
        raise InputError(errors)


def to_data(answers: Answers, checklist: Checklist) -> dict:
    """The answers-file form (checklist id and version recorded), in checklist order."""
    ordered = {qid: answers.values[qid].to_data() for qid in checklist.questions if qid in answers.values}
    data: dict = {"checklist": checklist.id, "checklist_version": checklist.version}
    if answers.respondent != "patient":
        data["respondent"] = answers.respondent
    data["answers"] = ordered
    return data
