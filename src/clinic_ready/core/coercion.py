"""One raw answer -> a checked Answer: the single place an answer is validated, so an answer typed
at a prompt, read from an answers file or a FHIR QuestionnaireResponse, or given with ``--set`` is
held to exactly the same rules.  Pure: no files, no terminal.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import NoReturn

from clinic_ready.core.model import Answer, Question
from clinic_ready.errors import suggest
from clinic_ready.i18n import _

STATE_WORDS = {"unsure": "unsure", "declined": "declined", "decline": "declined"}
MAX_TEXT = 2000
#: numbers beyond this size are refused (no question has a sane answer this large)
MAX_MAGNITUDE = 10**15
# digits with an optional decimal point; thousands separators only in their proper places, after a
# first group that does not start with 0 ('0,500' and '000,001' are never 500 and 1)
_NUMBER = re.compile(r"[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}|[+-]?0\d*,\d+")
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}


class AnswerRejected(ValueError):
    """An answer that does not fit its question: what is wrong and how to fix it."""

    def __init__(self, what: str, fix: str):
        super().__init__(f"{what} — {fix}")
        self.what, self.fix = what, fix


#: (type of question, raw word) -> its Answer, for the words that recur in every answers file: a
#: yes/no answer and unsure/declined (an Answer is immutable, so one can stand for every copy);
#: bounded, since a raw word may be anything
_SEEN: dict[tuple[str, type, object], Answer] = {}
_SEEN_MAX = 4096


def coerce(q: Question, raw: object) -> Answer:
    """Check one raw answer against its question; return the Answer or raise AnswerRejected."""
    if raw.__class__ is str or raw.__class__ is bool:
        kind = "yes_no" if q.type == "yes_no" else "any"
        key = (kind, raw.__class__, raw)
        found = _SEEN.get(key)
        if found is None:
            found = _coerce(q, raw)
            if (kind == "yes_no" or found.state != "answered") and len(_SEEN) < _SEEN_MAX:
                _SEEN[key] = found
        return found
    return _coerce(q, raw)


def _coerce(q: Question, raw: object) -> Answer:
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
    if isinstance(raw, (list, dict, bool)):
        raise AnswerRejected(
            _("expected one choice"), _("use one of: {values}").format(values=", ".join(q.choice_values))
        )
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
        raise AnswerRejected(
            _("expected a list of choices"), _("use a list of: {values}").format(values=", ".join(q.choice_values))
        )
    out: list[str] = []
    for item in items:
        if isinstance(item, (list, dict, bool)) or item is None:
            raise AnswerRejected(
                _("each item must be one choice"),
                _("use values from: {values}").format(values=", ".join(q.choice_values)),
            )
        value = _match(q, str(item).strip())
        if value not in out:
            out.append(value)
    if not out:
        raise AnswerRejected(
            _("no choice was given"),
            _("choose at least one of: {values}; or answer unsure or declined").format(
                values=", ".join(q.choice_values)
            ),
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
    if isinstance(raw, (bool, list, dict)):
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
                _("the answer uses a comma as the decimal mark"),
                _("write a decimal point, as in 0.5 (or 1,000 for a thousand)"),
            )
        raise AnswerRejected(
            _("the answer is not a number"), _("write digits, with a decimal point if needed, such as 120 or 0.5")
        )
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


def _out_of_range(raw: float, low: float | None, high: float | None, unit: str) -> NoReturn:
    if low is not None and high is not None:
        fix = _("give a number from {low} to {high}{unit}, or answer unsure").format(
            low=_show(low), high=_show(high), unit=unit
        )
    elif low is not None:
        fix = _("give a number at least {low}{unit}, or answer unsure").format(low=_show(low), unit=unit)
    else:
        assert high is not None  # a number is out of range only against a bound
        fix = _("give a number at most {high}{unit}, or answer unsure").format(high=_show(high), unit=unit)
    raise AnswerRejected(_("the number is out of range"), fix)


def _text(q: Question, raw: object) -> str:
    if isinstance(raw, (list, dict)):
        raise AnswerRejected(_("expected text"), _("write the answer as one line of text"))
    text = str(raw).strip()
    if len(text) > MAX_TEXT:
        raise AnswerRejected(
            _("the text is {count} characters long").format(count=len(text)),
            _("keep it under {limit} characters").format(limit=MAX_TEXT),
        )
    return text


_COERCE = {"yes_no": _yes_no, "choice": _choice, "multi_choice": _multi, "number": _number, "text": _text}
