"""Pydantic's validation errors as the catalogue's problems: one per location, in plain words,
with a fix and, for an unknown key, the key that was probably meant.  Used by the checklist
loader and by the translation loader."""

from __future__ import annotations

import re

from pydantic import ValidationError

from clinic_ready.core.conditions import QUESTION_OPERATORS, SCORE_OPERATORS
from clinic_ready.errors import Problem, problem, suggest
from clinic_ready.i18n import N_, _

_TYPE_WORDS = {
    "string_type": (N_("expected text"), N_("put the value in quotes")),
    "int_type": (N_("expected a whole number"), N_("write a number without quotes, such as 2024")),
    "int_from_float": (N_("expected a whole number"), N_("remove the decimal part")),
    "float_type": (N_("expected a number"), N_("write a number without quotes")),
    "bool_type": (N_("expected true or false"), N_("write true or false without quotes")),
    "list_type": (N_("expected a list"), N_("write each item on its own '- ' line")),
    "model_type": (N_("expected a mapping of keys and values"), N_("write 'key: value' lines here")),
    "dict_type": (N_("expected a mapping of keys and values"), N_("write 'key: value' lines here")),
    "date_type": (N_("expected a date"), N_("write it as YYYY-MM-DD")),
    "date_parsing": (N_("expected a date"), N_("write it as YYYY-MM-DD")),
    "date_from_datetime_parsing": (N_("expected a date"), N_("write it as YYYY-MM-DD")),
    "date_from_datetime_inexact": (N_("expected a date without a time"), N_("write it as YYYY-MM-DD")),
}
_NOISE = re.compile(r"^(cond:\w+|literal\[.*|list\[.*|str|int|float|bool|none|function-\w+\[.*|union\[.*)$")


def known_keys() -> set[str]:
    """Every key the checklist format knows (for did-you-mean on unknown keys)."""
    from clinic_ready.core import conditions as c
    from clinic_ready.core import model as m

    keys: set[str] = set()
    for cls in (m.Checklist, m.Section, m.Question, m.Choice, m.Concern, m.Source, m.Score, m.Omitted, m.Example):
        keys.update(f.alias or name for name, f in cls.model_fields.items())
    for test in (c.QuestionTest, c.ScoreTest, c.AllOf, c.AnyOf, c.NotOf):
        keys.update(f.alias or name for name, f in test.model_fields.items())
    return keys


def schema_problems(exc: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into catalogue problems, one per location."""
    out: list[Problem] = []
    seen: set[tuple] = set()
    for err in exc.errors(include_url=False, include_context=True, include_input=True):
        raw_loc = tuple(err["loc"])
        in_condition = any(isinstance(p, str) and p.startswith("cond:") for p in raw_loc)
        loc = tuple(p for p in raw_loc if not (isinstance(p, str) and _NOISE.match(p)))
        if loc in seen:
            continue
        seen.add(loc)
        out.append(_one(dict(err), loc, in_condition, raw_loc))
    return out


def _one(err: dict, loc: tuple, in_condition: bool, raw_loc: tuple) -> Problem:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    key = loc[-1] if loc else ""
    if kind == "missing":
        return problem("schema_missing", loc, key=key)
    if kind == "extra_forbidden":
        if in_condition:
            ops = SCORE_OPERATORS if "cond:score" in raw_loc else QUESTION_OPERATORS
            return problem("cond_operator", loc, key=key, allowed=", ".join(ops), hint=suggest(str(key), ops))
        return problem("schema_unknown_key", loc, key=key, hint=_did_you_mean(str(key)))
    if kind == "cond_shape":
        return problem("cond_shape", loc)
    if kind == "value_error" and "cond_one_operator:" in err["msg"]:
        found = err["msg"].split("cond_one_operator:", 1)[1]
        ops = SCORE_OPERATORS if "cond:score" in raw_loc else QUESTION_OPERATORS
        return problem("cond_one_operator", loc, found=found, allowed=", ".join(ops))
    if kind in ("literal_error", "enum"):
        allowed = (
            ctx.get("expected", "").replace("'", "").replace(" or ", " " + _("or") + " ")
        )  # pydantic's "a, b or c"
        return problem("schema_choice", loc, value=value, allowed=allowed)
    if kind == "too_short":
        return problem(
            "schema_type",
            loc,
            message=_("needs at least {count} item(s)").format(count=ctx.get("min_length", 1)),
            fix=_("add them"),
        )
    if kind in _TYPE_WORDS:
        what, fix = _TYPE_WORDS[kind]
        return problem(
            "schema_type",
            loc,
            message=_("{expected}, found {found}").format(expected=_(what), found=_kind_of(value)),
            fix=_(fix),
        )
    return problem("schema_type", loc, message=err["msg"], fix=_("see docs/checklist-format.md"))


def _did_you_mean(key: str) -> str:
    if " " in key:
        return _(" (if it is part of the value before it, put that value in quotes: in {…} a comma ends a value)")
    hint = suggest(key, known_keys())
    return _(", or rename it{hint}").format(hint=hint) if hint else ""


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        if abs(value) >= 10**15:  # e.g. 400 digits: too large for a float, never printed in full
            return _("a number too large to use")
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{value}'").format(value=value) if len(value) < 40 else _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if value is None:
        return _("nothing")
    return type(value).__name__
