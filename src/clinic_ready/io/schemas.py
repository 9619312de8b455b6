"""JSON Schemas: of the checklist format, and of one checklist's answers file (for editors)."""

from __future__ import annotations

from pydantic import BaseModel

from clinic_ready.core.coercion import STATE_WORDS
from clinic_ready.core.model import Checklist, Question

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_STATES = sorted(set(STATE_WORDS))


def model_schema(model: type[BaseModel], schema_id: str, title: str) -> dict:
    """JSON Schema of a file format, generated from its pydantic model, with its id and title."""
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, "$id": schema_id, "title": title, **schema}


def checklist_schema() -> dict:
    """JSON Schema of checklist format 1, generated from the pydantic models."""
    return model_schema(Checklist, "clinic-ready/checklist-format-1", "clinic-ready checklist (format 1)")


def _answer_schema(q: Question) -> dict:
    states = {"type": "string", "enum": _STATES}
    if q.type == "yes_no":
        value: dict = {"anyOf": [{"type": "string", "enum": ["yes", "no"]}, {"type": "boolean"}]}
    elif q.type == "choice":
        value = {"type": "string", "enum": list(q.choice_values)}
    elif q.type == "multi_choice":
        value = {"type": "array", "items": {"type": "string", "enum": list(q.choice_values)}, "uniqueItems": True}
        alone = [c.value for c in q.choices or () if c.exclusive]
        if alone:  # an exclusive option stands alone (FHIR optionExclusive)
            value["allOf"] = [{"if": {"contains": {"const": v}}, "then": {"maxItems": 1}} for v in alone]
    elif q.type == "number":
        value = {"type": "number"}
        if q.min is not None:
            value["minimum"] = q.min
        if q.max is not None:
            value["maximum"] = q.max
    else:
        value = {"type": "string", "maxLength": 2000}
    return {"description": " ".join(q.prompt.split()), "anyOf": [value, states]}


def answers_schema(checklist: Checklist) -> dict:
    """JSON Schema of an answers file for this checklist: question ids as properties."""
    return {
        "$schema": DIALECT,
        "$id": f"clinic-ready/answers/{checklist.id}",
        "title": f"Answers for {checklist.title} ({checklist.id} {checklist.version})",
        "type": "object",
        "additionalProperties": False,
        "required": ["checklist", "answers"],
        "properties": {
            "checklist": {"const": checklist.id},
            "checklist_version": {"type": "string"},
            "respondent": {
                "enum": ["patient", "supporter"],
                "default": "patient",
                "description": "Who answered: the person considering treatment, or someone helping them.",
            },
            "answers": {
                "type": "object",
                "additionalProperties": False,
                "properties": {qid: _answer_schema(q) for qid, q in checklist.questions.items()},
            },
        },
    }
