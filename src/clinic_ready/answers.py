"""Answers: turning what a person typed (or a file holds) into a checked Answer, and answers files.

``coerce`` is the single place an answer is validated, so an answer typed at a prompt, read from
a file or given with ``--set`` is held to exactly the same rules.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

from clinic_ready import yamlio
from clinic_ready.errors import MAX_SHOWN, InputError, Problem, problem, suggest
from clinic_ready.i18n import _
from clinic_ready.model import RESPONDENTS, Answer, Answers, Checklist, Question

STATE_WORDS = {"unsure": "unsure", "declined": "declined", "decline": "declined"}
MAX_TEXT = 2000
#: numbers beyond this size are refused (no question has a sane answer this large)
MAX_MAGNITUDE = 10**15
# digits with an optional decimal point; thousands separators only in their proper places
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}")
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}


class AnswerRejected(ValueError):
    """An answer that does not fit its question: what is wrong and how to fix it."""

    def __init__(self, what: str, fix: str):
        super().__init__(f"{what} — {fix}")
        self.what, self.fix = what, fix


def coerce(q: Question, raw: object) -> Answer:
    """Check one raw answer against its question; return the Answer or raise AnswerRejected."""
    if isinstance(raw, str) and raw.strip().lower() in STATE_WORDS:
        return Answer(STATE_WORDS[raw.strip().lower()])  # type: ignore[arg-type]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise AnswerRejected(_("the answer is empty"), _("give an answer, or write unsure or declined"))
    return Answer.of(_COERCE[q.type](q, raw))


def _yes_no(q: Question, raw: object) -> str:
    if raw is True or raw is False:
        return "yes" if raw else "no"
    word = str(raw).strip().lower()
    if word in _YES:
        return "yes"
    if word in _NO:
        return "no"
    raise AnswerRejected(_("the answer is not yes or no"), _("answer yes, no, unsure or declined"))


def _choice(q: Question, raw: object) -> str:
    if isinstance(raw, (list, dict)) or isinstance(raw, bool):
        raise AnswerRejected(_("expected one choice"), _("use one of: {values}").format(values=", ".join(q.choice_values)))
    word = str(raw).strip()
    return _match(q, word)


def _match(q: Question, word: str) -> str:
    if word in q.choice_values:
        return word
    folded = {v.lower(): v for v in q.choice_values}
    if word.lower() in folded:
        return folded[word.lower()]
    # the value itself is never repeated (it may be private); the fix names the choices
    raise AnswerRejected(
        _("the answer is not one of the choices"),
        _("use one of: {values}").format(values=", ".join(q.choice_values)) + suggest(word, q.choice_values),
    )


def _multi(q: Question, raw: object) -> list[str]:
    if isinstance(raw, str):
        items: Iterable[object] = [p for p in raw.split(",") if p.strip()]
    elif isinstance(raw, list):
        items = raw
    else:
        raise AnswerRejected(_("expected a list of choices"), _("use a list of: {values}").format(values=", ".join(q.choice_values)))
    out: list[str] = []
    for item in items:
        if isinstance(item, (list, dict, bool)) or item is None:
            raise AnswerRejected(_("each item must be one choice"), _("use values from: {values}").format(values=", ".join(q.choice_values)))
        value = _match(q, str(item).strip())
        if value not in out:
            out.append(value)
    if not out:
        raise AnswerRejected(
            _("no choice was given"),
            _("choose at least one of: {values}; or answer unsure or declined").format(values=", ".join(q.choice_values)),
        )
    alone = [c for c in q.choices or () if c.exclusive and c.value in out]
    if alone and len(out) > 1:
        label = alone[0].label
        raise AnswerRejected(
            _("“{label}” cannot be combined with other choices").format(label=label),
            _("choose “{label}” on its own, or leave it out and keep the others").format(label=label),
        )
    return out


def _number(q: Question, raw: object) -> int | float:
    if isinstance(raw, bool) or isinstance(raw, (list, dict)):
        raise AnswerRejected(_("expected a number"), _("write a number such as 120"))
    if isinstance(raw, str):
        raw = _parse_number(raw.strip())
    if not isinstance(raw, (int, float)):
        raise AnswerRejected(_("expected a number"), _("write a number such as 120"))
    if isinstance(raw, float) and not math.isfinite(raw):
        raise AnswerRejected(_("expected a finite number"), _("write a number such as 120"))
    if abs(raw) > MAX_MAGNITUDE:
        raise AnswerRejected(_("the number is too large"), _("write a number such as 120, or answer unsure"))
    if raw == 0:
        raw = 0 if isinstance(raw, int) else 0.0  # never "-0"
    low, high = q.min, q.max
    if (low is not None and raw < low) or (high is not None and raw > high):
        unit = f" {q.unit}" if q.unit else ""
        return _out_of_range(raw, low, high, unit)
    return raw


def _parse_number(text: str) -> int | float:
    """Plain decimal numbers only: '120', '1,000', '0.5', '-3'.  Never '0,5', '12:30', '0x1F' or '1e3'."""
    if len(text) > 40 or not _NUMBER.fullmatch(text):
        if _DECIMAL_COMMA.fullmatch(text):
            raise AnswerRejected(
                _("the answer uses a comma as the decimal mark"), _("write a decimal point, as in 0.5 (or 1,000 for a thousand)")
            )
        raise AnswerRejected(_("the answer is not a number"), _("write digits, with a decimal point if needed, such as 120 or 0.5"))
    plain = text.replace(",", "")
    return float(plain) if "." in plain else int(plain)


def _show(x: float) -> str:
    """A range limit as written in a message (never raises, whatever the size)."""
    if isinstance(x, int) and abs(x) < 10**15:
        return str(x)
    try:
        return f"{float(x):g}"
    except OverflowError:
        return _("a very large number")


def _out_of_range(raw: float, low: float | None, high: float | None, unit: str):
    if low is not None and high is not None:
        fix = _("give a number from {low} to {high}{unit}, or answer unsure").format(low=_show(low), high=_show(high), unit=unit)
    elif low is not None:
        fix = _("give a number at least {low}{unit}, or answer unsure").format(low=_show(low), unit=unit)
    else:
        fix = _("give a number at most {high}{unit}, or answer unsure").format(high=_show(high), unit=unit)
    raise AnswerRejected(_("the number is out of range"), fix)


def _text(q: Question, raw: object) -> str:
    if isinstance(raw, (list, dict)):
        raise AnswerRejected(_("expected text"), _("write the answer as one line of text"))
    text = str(raw).strip()
    if len(text) > MAX_TEXT:
        raise AnswerRejected(
            _("the text is {count} characters long").format(count=len(text)), _("keep it under {limit} characters").format(limit=MAX_TEXT)
        )
    return text


_COERCE = {"yes_no": _yes_no, "choice": _choice, "multi_choice": _multi, "number": _number, "text": _text}

# --------------------------------------------------------------------------- answers files

_TOP_KEYS = ("checklist", "checklist_version", "respondent", "answers")


def load_answers(path: str | Path, checklist: Checklist | None, stdin: Any = None) -> tuple[Answers, list[Problem]]:
    """Read an answers file; with a checklist, check every answer.  Returns (answers, warnings)."""
    name, text, data = read_document(path, stdin)
    return parse_answers(data, checklist, text, name)


def read_document(path: str | Path, stdin: Any = None) -> tuple[str, str, dict]:
    """(display name, text, top-level mapping) of an answers file."""
    name, text = yamlio.read_source(path, stdin)
    return name, text, yamlio.require_mapping(yamlio.parse(text, name), name)


def named_checklist(data: Mapping, text: str, name: str) -> str:
    """The checklist id an answers document names (an error if it names none)."""
    if data.get("resourceType") == "QuestionnaireResponse":
        from clinic_ready.fhir import response

        return response.named_checklist(data, text, name)
    cid = data.get("checklist")
    if not isinstance(cid, str) or not cid:
        raise InputError(yamlio.locate_all([problem("schema_missing", ("checklist",), key="checklist")], text, name))
    return cid


def parse_answers(data: Mapping, checklist: Checklist | None, text: str, name: str) -> tuple[Answers, list[Problem]]:
    if data.get("resourceType") == "QuestionnaireResponse":  # a FHIR answers file
        from clinic_ready.fhir import response

        return response.parse(data, checklist, text, name)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for key in data:
        if key not in _TOP_KEYS:
            errors.append(problem("schema_unknown_key", (key,), key=key, hint=_hint(key, _TOP_KEYS)))
    cid = data.get("checklist")
    version = data.get("checklist_version")
    raw = data.get("answers") or {}
    if not isinstance(cid, str) or not cid:
        errors.append(problem("schema_missing", ("checklist",), key="checklist"))
    elif checklist is not None and cid != checklist.id:
        errors.append(problem("answers_checklist", ("checklist",), found=cid, expected=checklist.id))
    if version is not None and not isinstance(version, str):
        version = str(version)
    if checklist is not None and version and version != checklist.version:
        warnings.append(_warn(problem("answers_version", ("checklist_version",), found=version, expected=checklist.version)))
    if not isinstance(raw, dict):
        errors.append(problem("schema_type", ("answers",), message=_("expected a mapping of question id to answer"),
                              fix=_("write 'question_id: answer' lines under 'answers:'")))
        raw = {}
    respondent = data.get("respondent", "patient")
    if respondent not in RESPONDENTS:
        errors.append(problem("schema_type", ("respondent",), message=_("expected 'patient' or 'supporter'"),
                              fix=_("write 'respondent: supporter' when you answer for someone else, or leave the line out")))
        respondent = "patient"
    answers = Answers(str(cid or ""), version, respondent=respondent)
    if checklist is not None and not errors:
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
    if errors:
        raise InputError(yamlio.locate_all(errors, text, name))
    return answers, yamlio.locate_all(warnings, text, name)


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
            errors.append(problem("answer_unknown", (qid,), id=qid, hint=suggest(qid, checklist.questions)).located("--set", None, None))
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
