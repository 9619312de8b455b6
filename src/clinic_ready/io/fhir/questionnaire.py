"""A checklist as a FHIR R4 ``Questionnaire`` (plain dictionaries; see docs/fhir.md).

A question shows when its conditions are true *or unknown* (when in doubt, ask): an "Unsure" or
"Prefer not to say" answer makes a test on it unknown, and a blank answer is not yet given.
Conditions become ``enableWhen`` (behaviour "any") where that says exactly this: a choice test, or
``any`` of them, plus "=" entries on the unsure and prefer-not-to-say codes of each question tested;
everything else (``all``, numbers, ``not``, ``not_equals``, ``not_in``, ``state`` and score tests)
becomes the SDC ``enableWhenExpression`` in FHIRPath, with the same three-valued meaning.  Nothing is
dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from clinic_ready.core.coercion import MAX_TEXT
from clinic_ready.core.conditions import AllOf, AnyOf, NotOf, QuestionTest, ScoreTest
from clinic_ready.core.model import Checklist, Question
from clinic_ready.i18n import _
from clinic_ready.io.fhir import (
    DAR_EXTENSION,
    DAR_SYSTEM,
    EXT,
    SDC,
    STATE_CODES,
    YES_NO_CODES,
    YES_NO_SYSTEM,
    choice_system,
    questionnaire_url,
)
from clinic_ready.notices import crisis_text

ITEM_CONTROL = f"{EXT}/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
OPTION_EXCLUSIVE = f"{EXT}/questionnaire-optionExclusive"
ORDINAL_VALUE = f"{EXT}/ordinalValue"
ENABLE_WHEN_EXPRESSION = f"{SDC}/sdc-questionnaire-enableWhenExpression"

_FHIR_OPERATORS = {"equals": "=", "includes": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


# --------------------------------------------------------------------------- codings


def coding(cl: Checklist, q: Question, value: str) -> dict:
    """The Coding of one choice (yes/no use HL7 table 0136)."""
    if q.type == "yes_no":
        code, display = YES_NO_CODES[value]
        return {
            "system": YES_NO_SYSTEM,
            "code": code,
            "display": _(display),
        }  # the code decides; the words are the person's
    return {"system": choice_system(cl.id, q.id), "code": value, "display": q.choice_label(value)}


def state_coding(state: str) -> dict:
    code, display = STATE_CODES[state]
    return {"system": DAR_SYSTEM, "code": code, "display": _(display)}


def coded(q: Question) -> bool:
    """Questions whose answers are Codings (so unsure/declined can be answer options)."""
    return q.type in ("yes_no", "choice", "multi_choice")


# --------------------------------------------------------------------------- FHIRPath


def _lit(text: object) -> str:
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _many(want: object) -> list[object]:
    """The operand of in, not_in, includes_any or a state list: a list (the model checks it)."""
    assert isinstance(want, list)
    return want


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _combined(cond: object, same: Callable[[object], str], negated: Callable[[object], str]) -> str | None:
    """all / any / not in FHIRPath, their parts written by ``same`` (by ``negated`` under not, which
    swaps "true or unknown" and "true"); None for a single test."""
    if isinstance(cond, AllOf):
        return "(" + " and ".join(same(c) for c in cond.all) + ")"
    if isinstance(cond, AnyOf):
        return "(" + " or ".join(same(c) for c in cond.any) + ")"
    if isinstance(cond, NotOf):
        return f"({negated(cond.not_)}).not()"
    return None


class _Paths:
    """FHIRPath over the QuestionnaireResponse being filled (``%resource``), one question at a time."""

    def __init__(self, cl: Checklist):
        self.cl = cl

    def item(self, qid: str) -> str:
        return f"%resource.repeat(item).where(linkId = {_lit(qid)})"

    def states(self, qid: str) -> str:
        """The data-absent-reason codes given for a question (as an answer or on the item)."""
        item = self.item(qid)
        return (
            f"({item}.answer.value.where(system = {_lit(DAR_SYSTEM)}).code"
            f" | {item}.extension({_lit(DAR_EXTENSION)}).value)"
        )

    def answered(self, qid: str) -> str:
        return f"({self.item(qid)}.answer.exists() and {self.states(qid)}.empty())"

    def has_value(self, q: Question, value: object) -> str:
        item = self.item(q.id)
        if coded(q):
            c = coding(self.cl, q, str(value))
            return f"{item}.answer.value.where(system = {_lit(c['system'])} and code = {_lit(c['code'])}).exists()"
        if q.type == "number":
            return f"{item}.answer.value.where($this = {_num(value)}).exists()"  # type: ignore[arg-type]
        return f"{item}.answer.value.where($this = {_lit(value)}).exists()"

    def dar(self, qid: str) -> str:
        """True when the question was answered unsure or prefer-not-to-say."""
        return f"{self.states(qid)}.exists()"

    def _parts(self, qid: str) -> list[object]:
        q, section = self.cl.questions[qid], self.cl.section_of[qid]
        return [c for c in (section.when, q.when) if c is not None]

    def enabled(self, qid: str) -> str:
        """Whether the form shows the question: its section's and its own conditions true or unknown."""
        parts = [self.maybe(c) for c in self._parts(qid)]
        return "(" + " and ".join(parts) + ")" if parts else "true"

    def doubt(self, qid: str) -> str | None:
        """Shown only because a condition is unknown (None: the question is never in doubt)."""
        parts = self._parts(qid)
        if not parts:
            return None
        surely = " and ".join(self.surely(c) for c in parts)
        return f"({self.enabled(qid)} and ({surely}).not())"

    def state(self, qid: str, state: str) -> str:
        if state in STATE_CODES:
            return f"({self.states(qid)} contains {_lit(STATE_CODES[state][0])})"
        if state == "answered":
            return self.answered(qid)
        no_answer = f"({self.item(qid)}.answer.empty() and {self.states(qid)}.empty())"
        if state == "skipped":
            return f"({self.enabled(qid)}).not()"
        return f"({self.enabled(qid)} and {no_answer})"  # missing: shown, and nothing said

    def expr(self, cond: object) -> str:
        """The display condition as FHIRPath: true when the condition is true *or unknown*."""
        return self.maybe(cond)

    # Three-valued (Kleene) logic as two two-valued FHIRPath booleans (never empty, so not/and/or
    # stay two-valued): maybe(c) = "true or unknown", surely(c) = "true".  not swaps them.

    def maybe(self, cond: object) -> str:
        combined = _combined(cond, self.maybe, self.surely)
        if combined is not None:
            return combined
        if isinstance(cond, ScoreTest):
            return self.score(cond, surely=False)
        assert isinstance(cond, QuestionTest)
        if cond.operator == "state":
            return self.test(cond)
        return f"({self.test(cond)} or {self.dar(cond.question)})"  # an unsure or declined answer: unknown

    def surely(self, cond: object) -> str:
        combined = _combined(cond, self.surely, self.maybe)
        if combined is not None:
            return combined
        if isinstance(cond, ScoreTest):
            return self.score(cond, surely=True)
        assert isinstance(cond, QuestionTest)
        if cond.operator == "state":
            return self.test(cond)
        doubt = self.doubt(cond.question)  # a true test on a question asked only in doubt is unknown
        return self.test(cond) if doubt is None else f"({self.test(cond)} and {doubt}.not())"

    def test(self, cond: QuestionTest) -> str:
        """One test, two-valued: false unless the question was answered (state tests aside)."""
        q, op, want = self.cl.questions[cond.question], cond.operator, cond.operand
        if op == "state":
            wanted = [want] if isinstance(want, str) else _many(want)
            return "(" + " or ".join(self.state(q.id, str(s)) for s in wanted) + ")"
        if op in ("equals", "includes"):
            return self.has_value(q, want)
        if op in ("in", "includes_any"):
            return "(" + " or ".join(self.has_value(q, v) for v in _many(want)) + ")"
        if op == "not_equals":
            return f"({self.answered(q.id)} and {self.has_value(q, want)}.not())"
        if op == "not_in":
            anyof = " or ".join(self.has_value(q, v) for v in _many(want))
            return f"({self.answered(q.id)} and ({anyof}).not())"
        symbol = _FHIR_OPERATORS[op]
        return f"{self.item(q.id)}.answer.value.where($this {symbol} {_num(want)}).exists()"  # type: ignore[arg-type]

    def score(self, cond: ScoreTest, surely: bool) -> str:
        """surely: every item answered, the total passes, no item asked only in doubt.  maybe: every
        item answered or unsure/declined, and the range the total could still take reaches the bound."""
        score = self.cl.score_by_id[cond.score]
        op, want = cond.operator, _num(getattr(cond, cond.operator))
        given, exact, low, high, doubts = [], [], [], [], []
        for qid in score.items:
            q = self.cl.questions[qid]
            points = [c.score or 0 for c in q.choices or ()]
            term = "0"
            for c in reversed(q.choices or []):
                term = f"iif({self.has_value(q, c.value)}, {c.score or 0}, {term})"
            exact.append(term)
            given.append(self.answered(qid) if surely else f"({self.answered(qid)} or {self.dar(qid)})")
            low.append(f"iif({self.dar(qid)}, {_num(min(points, default=0))}, {term})")
            high.append(f"iif({self.dar(qid)}, {_num(max(points, default=0))}, {term})")
            if surely and (d := self.doubt(qid)) is not None:
                doubts.append(f"{d}.not()")
        if surely:
            symbol = "=" if op == "equals" else _FHIR_OPERATORS[op]
            test = f"({' + '.join(exact)}) {symbol} {want}"
        elif op == "equals":
            test = f"({' + '.join(low)}) <= {want} and ({' + '.join(high)}) >= {want}"
        elif op in ("gt", "gte"):
            test = f"({' + '.join(high)}) {_FHIR_OPERATORS[op]} {want}"
        else:
            test = f"({' + '.join(low)}) {_FHIR_OPERATORS[op]} {want}"
        return "(" + " and ".join([*given, f"({test})", *doubts]) + ")"


def _direct(cl: Checklist, cond: object) -> list[dict] | None:
    """enableWhen entries (behaviour "any") when the condition maps onto enableWhen exactly, else None.

    Exact means: one test, or ``any`` of tests, that is true when a coded question has one of the
    given choices, plus one "=" entry per question on the unsure and prefer-not-to-say codes (an
    unsure answer makes the test unknown, and the form asks when in doubt).  Anything else (``all``
    of several tests, numbers, whose unsure travels on the item, negations, states, scores) is an
    enableWhenExpression.
    """
    if isinstance(cond, AllOf) and len(cond.all) == 1:
        cond = cond.all[0]
    if isinstance(cond, QuestionTest):
        tests = [cond]
    elif isinstance(cond, AnyOf) and all(isinstance(c, QuestionTest) for c in cond.any):
        tests = [c for c in cond.any if isinstance(c, QuestionTest)]  # (all of them, as just checked)
    else:
        return None
    out: list[dict] = []
    questions: list[str] = []
    for t in tests:
        q, op, want = cl.questions[t.question], t.operator, t.operand
        if not coded(q) or op not in ("equals", "includes", "in", "includes_any"):
            return None  # not_equals, not_in, state and numbers differ from enableWhen when unsure or unanswered
        out += [_when(cl, q, "=", v) for v in (_many(want) if op in ("in", "includes_any") else [want])]
        if q.id not in questions:
            questions.append(q.id)
    for qid in questions:
        out += [{"question": qid, "operator": "=", "answerCoding": state_coding(state)} for state in STATE_CODES]
    return out


def _when(cl: Checklist, q: Question, operator: str, value: object) -> dict:
    entry: dict = {"question": q.id, "operator": operator}
    if coded(q):
        entry["answerCoding"] = coding(cl, q, str(value))
    elif q.type == "number":
        entry["answerDecimal"] = value
    else:
        entry["answerString"] = value
    return entry


def _condition(cl: Checklist, cond: object | None) -> dict:
    if cond is None:
        return {}
    entries = _direct(cl, cond)
    if entries is not None:
        return {"enableWhen": entries, "enableBehavior": "any"}
    expression = {"language": "text/fhirpath", "expression": _Paths(cl).expr(cond)}
    return {"extension": [{"url": ENABLE_WHEN_EXPRESSION, "valueExpression": expression}]}


# --------------------------------------------------------------------------- items


def _unique(base: str, used: set[str]) -> str:
    name = base
    while name in used:
        name += "_"
    used.add(name)
    return name


def _help_item(cl: Checklist, q: Question, used: set[str]) -> dict:
    text = q.help.strip()
    cited = [cl.source_by_id[s] for s in q.sources if s in cl.source_by_id]
    if cited:
        text += " Sources: " + "; ".join(f"{s.title} ({s.publisher}, {s.year})" for s in cited) + "."
    return {
        "linkId": _unique(f"{q.id}_help", used),
        "text": text,
        "type": "display",
        "extension": [_control("help")],
    }


def _control(code: str) -> dict:
    """The SDC item-control: how a form filler should show the item (help button, radio buttons…)."""
    return {"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [{"system": ITEM_CONTROL_SYSTEM, "code": code}]}}


def _options(cl: Checklist, q: Question) -> list[dict]:
    options = []
    for value in q.choice_values:
        option: dict = {"valueCoding": coding(cl, q, value)}
        choice = next((c for c in q.choices or () if c.value == value), None)
        if choice is not None and choice.score is not None:
            option["extension"] = [{"url": ORDINAL_VALUE, "valueDecimal": choice.score}]
        if choice is not None and choice.exclusive:  # "None of these": never ticked with another choice
            option.setdefault("extension", []).append({"url": OPTION_EXCLUSIVE, "valueBoolean": True})
        options.append(option)
    for state in STATE_CODES:
        option = {"valueCoding": state_coding(state)}
        if q.type == "multi_choice":  # "unsure" cannot be ticked together with a choice
            option["extension"] = [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}]
        options.append(option)
    return options


def _question(cl: Checklist, q: Question, used: set[str]) -> dict:
    item: dict = {"linkId": q.id, "text": q.prompt}
    extensions: list[dict] = []
    if coded(q):
        item["type"] = "choice"
        if q.type == "multi_choice":
            item["repeats"] = True
        item["answerOption"] = _options(cl, q)
        extensions.append(_control("check-box" if q.type == "multi_choice" else "radio-button"))
    elif q.type == "number":
        item["type"] = "decimal"
        for key, bound in (("minValue", q.min), ("maxValue", q.max)):
            if bound is not None:
                extensions.append({"url": f"{EXT}/{key}", "valueDecimal": bound})
        if q.unit:
            extensions.append({"url": f"{EXT}/questionnaire-unit", "valueCoding": {"display": q.unit}})
    else:
        item["type"] = "string"
        item["maxLength"] = MAX_TEXT
    condition = _condition(cl, q.when)
    extensions += condition.pop("extension", [])
    item.update(condition)
    item["required"] = q.required
    item["item"] = [_help_item(cl, q, used)]
    if extensions:
        item = {"extension": extensions, **item}
    return item


def narrative(paragraphs: Iterable[str]) -> dict:
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def notice_paragraphs(cl: Checklist, respondent: str = "patient") -> list[str]:
    from clinic_ready.wording import Words

    return [cl.notice.strip(), Words(cl, respondent).notice(), _("In a crisis: {lines}.").format(lines=crisis_text())]


def questionnaire(cl: Checklist, publisher: str = "clinic-ready") -> dict:
    """The checklist as a FHIR R4 Questionnaire resource (a plain dict, ready for json.dumps)."""
    used = set(cl.questions) | {s.id for s in cl.sections}
    groups = []
    for s in cl.sections:
        children = []
        if s.intro:
            children.append({"linkId": _unique(f"{s.id}_intro", used), "text": s.intro.strip(), "type": "display"})
        children += [_question(cl, q, used) for q in s.questions]
        group: dict = {"linkId": s.id, "text": s.title, "type": "group"}
        condition = _condition(cl, s.when)
        if condition.get("extension"):
            group = {"extension": condition.pop("extension"), **group}
        group.update(condition)
        group["item"] = children
        groups.append(group)
    review_by = cl.review_by
    doc: dict = {
        "resourceType": "Questionnaire",
        "id": cl.id,
        "text": narrative([cl.title, *notice_paragraphs(cl)]),
        "url": questionnaire_url(cl.id),
        "version": cl.version,
        "name": _name(cl.id),
        "title": cl.title,
        "status": "active",
        "date": cl.facts_as_of.isoformat(),
        "publisher": publisher,
        "description": "\n\n".join([cl.intro.strip(), _("For:") + " " + cl.audience.strip(), *notice_paragraphs(cl)]),
        "subjectType": ["Patient"],
        "approvalDate": cl.facts_as_of.isoformat(),
        "lastReviewDate": cl.facts_as_of.isoformat(),
    }
    if review_by is not None:
        doc["effectivePeriod"] = {"start": cl.facts_as_of.isoformat(), "end": review_by.isoformat()}
    doc["item"] = groups
    return doc


def _name(checklist_id: str) -> str:
    """A computer-friendly name (FHIR: starts with a capital letter, letters/digits/underscores)."""
    parts = [p for p in "".join(ch if ch.isalnum() else " " for ch in checklist_id).split() if p]
    name = "".join(p[:1].upper() + p[1:] for p in parts) or "Checklist"
    return name if name[0].isalpha() else "Checklist" + name
