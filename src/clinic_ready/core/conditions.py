"""The condition language: a closed set of operators, written as data and never evaluated as code.

    when: {question: on_opioids, equals: "yes"}
    when: {question: medicines, includes: benzodiazepine}
    when: {question: systolic, gte: 140}
    when: {question: heart_disease, state: [unsure, declined]}
    when: {score: audit_c, gte: 4}
    when: {all: [...]}  /  {any: [...]}  /  {not: {...}}

Two readings of the same tree:

* ``holds(ctx)`` (two-valued, the format-1 reading): a test on a question that was not answered
  (unsure, declined, skipped or missing) is false for every operator except ``state``.
* ``value(ctx)`` / ``compile_condition`` (three-valued, Kleene; what the engine uses): a test on
  an unsure, declined or missing answer is **unknown** (``None``); a skipped question is known not
  to apply (false); ``state`` tests are always known.  ``all`` is false if any part is false, true
  if every part is true, else unknown; ``any`` is the dual; ``not`` keeps unknown unknown.  When no
  answer is unknown the two readings agree (tests/test_kleene.py).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator
from typing import Annotated, Literal, Protocol, TypeGuard, Union, cast

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, field_validator, model_validator

from clinic_ready.i18n import N_, _

State = Literal["answered", "unsure", "declined", "skipped", "missing"]
STATES: tuple[str, ...] = ("answered", "unsure", "declined", "skipped", "missing")
Scalar = Union[str, int, float]  # noqa: UP007
UNKNOWN_STATES = frozenset({"unsure", "declined", "missing"})
Tri = Union[bool, None]  # True, False, or None = unknown  # noqa: UP007

QUESTION_OPERATORS = (
    "equals",
    "not_equals",
    "in",
    "not_in",
    "includes",
    "includes_any",
    "gt",
    "gte",
    "lt",
    "lte",
    "state",
)
SCORE_OPERATORS = ("equals", "gt", "gte", "lt", "lte")
NUMERIC_OPERATORS = ("gt", "gte", "lt", "lte")
SHAPES = ("question", "score", "all", "any", "not")


class Context(Protocol):
    """What a condition may look at: answer states, values and score totals, and which questions
    are shown only in doubt (their own condition unknown)."""

    @property
    def doubt(self) -> Container[str]: ...

    def state(self, question_id: str) -> str: ...

    def value(self, question_id: str) -> object: ...

    def score(self, score_id: str) -> float | None: ...


Compiled = Callable[[Context], Tri]  # a condition compiled by compile_condition
LeafFinder = Callable[[Context], "list[QuestionTest | ScoreTest]"]  # made by compile_unknown_leaves
Leaf = Union["QuestionTest", "ScoreTest"]  # a test on one answer or one score total
KeyPath = tuple[Union[str, int], ...]  # noqa: UP007 - where a part sits in the checklist (error locations)


def _yes_no(value: object) -> object:
    """JSON checklists may write true/false where YAML authors write yes/no."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return [_yes_no(v) for v in value]
    return value


class _Cond(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True, defer_build=True)


class QuestionTest(_Cond):
    """One operator applied to one question's answer."""

    question: str
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in", min_length=1)
    not_in: list[Scalar] | None = Field(default=None, min_length=1)
    includes: str | None = None
    includes_any: list[str] | None = Field(default=None, min_length=1)
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    state: State | list[State] | None = None
    _op: str = PrivateAttr("")

    @field_validator("equals", "not_equals", "in_", "not_in", "includes", "includes_any", mode="before")
    @classmethod
    def _bools(cls, value: object) -> object:
        return _yes_no(value)

    @model_validator(mode="after")
    def _one_operator(self) -> QuestionTest:
        found = self.operators()
        if len(found) != 1:
            raise ValueError(f"cond_one_operator:{', '.join(found) or 'none'}")
        self._op = found[0]  # worked out once: conditions are evaluated many times
        return self

    def operators(self) -> list[str]:
        return [op for op in QUESTION_OPERATORS if getattr(self, "in_" if op == "in" else op) is not None]

    @property
    def operator(self) -> str:
        return self._op

    @property
    def operand(self) -> object:
        op = self.operator
        return getattr(self, "in_" if op == "in" else op)

    def holds(self, ctx: Context) -> bool:
        op = self._op
        want = getattr(self, "in_" if op == "in" else op)
        state = ctx.state(self.question)
        if op == "state":
            return state == want if isinstance(want, str) else state in want
        if state != "answered":
            return False
        return _compare(op, ctx.value(self.question), want)

    def value(self, ctx: Context) -> Tri:
        """Three-valued: None when the answer is unsure, declined or missing, and a true test
        on a question that is only shown in doubt (it might yet be skipped) is unknown too."""
        if self._op == "state":
            return self.holds(ctx)
        if ctx.state(self.question) in UNKNOWN_STATES:
            return None
        held = self.holds(ctx)
        return None if held and self.question in ctx.doubt else held


def _number(value: object) -> TypeGuard[float]:
    """A number (int or float), not a bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _among(have: object, want: object) -> bool:
    """``have in want`` for the list (or set) of values an ``in`` test names."""
    return have in cast("Container[object]", want)


def _includes_any(have: object, want: object) -> bool:
    """A multi-choice answer that holds any of the listed values."""
    return isinstance(have, list) and any(w in have for w in cast("Iterable[object]", want))


#: operator -> test(have, want); the one definition of what each operator means.  ``want`` is the
#: operand the schema validated for that operator: a number for gt/gte/lt/lte, a list for in/not_in/
#: includes_any (the casts say so; a number test on a non-number answer is false)
_COMPARE: dict[str, Callable[[object, object], bool]] = {
    "equals": lambda have, want: have == want,
    "not_equals": lambda have, want: have != want,
    "in": _among,
    "not_in": lambda have, want: not _among(have, want),
    "includes": lambda have, want: isinstance(have, list) and want in have,
    "includes_any": _includes_any,
    "gt": lambda have, want: _number(have) and have > cast(float, want),
    "gte": lambda have, want: _number(have) and have >= cast(float, want),
    "lt": lambda have, want: _number(have) and have < cast(float, want),
    "lte": lambda have, want: _number(have) and have <= cast(float, want),
}


def _compare(op: str, have: object, want: object) -> bool:
    return _COMPARE[op](have, want)


class ScoreTest(_Cond):
    """A comparison on a score total (false while any of its items is not answered)."""

    score: str
    equals: float | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> ScoreTest:
        found = [op for op in SCORE_OPERATORS if getattr(self, op) is not None]
        if len(found) != 1:
            raise ValueError(f"cond_one_operator:{', '.join(found) or 'none'}")
        return self

    @property
    def operator(self) -> str:
        return next(op for op in SCORE_OPERATORS if getattr(self, op) is not None)

    def holds(self, ctx: Context) -> bool:
        total = ctx.score(self.score)
        if total is None:
            return False
        return _compare(self.operator, total, self.operand)

    @property
    def operand(self) -> float:
        """The number the total is compared with."""
        want: float = getattr(self, self.operator)
        return want

    def value(self, ctx: Context) -> Tri:
        """Three-valued: the range the total could still take decides, else unknown."""
        total = ctx.score(self.score)
        if total is not None:
            held = _compare(self.operator, total, self.operand)
            return None if held and self._in_doubt(ctx) else held
        bounds: Callable[[str], tuple[float, float] | None] | None = getattr(ctx, "score_bounds", None)
        span = bounds(self.score) if bounds else None
        if span is None:
            return False
        surely, maybe = self._over(*span)
        if surely:
            return None if self._in_doubt(ctx) else True
        return None if maybe else False

    def _in_doubt(self, ctx: Context) -> bool:
        """Whether an item of the score is only shown in doubt (it might yet be skipped), for a
        context that knows (``score_in_doubt``); a true test on such a score is unknown."""
        doubt: Callable[[str], bool] | None = getattr(ctx, "score_in_doubt", None)
        return bool(doubt and doubt(self.score))

    def _over(self, low: float, high: float) -> tuple[bool, bool]:
        """(holds for every total from low to high, holds for some of them)."""
        op, want = self.operator, self.operand
        if op == "equals":
            return low == high == want, low <= want <= high
        if op in ("gt", "gte"):
            return _compare(op, low, want), _compare(op, high, want)
        return _compare(op, high, want), _compare(op, low, want)  # lt, lte


class AllOf(_Cond):
    """True when every condition in the list is true."""

    all: list[Condition] = Field(min_length=1)

    def holds(self, ctx: Context) -> bool:
        return all(c.holds(ctx) for c in self.all)

    def value(self, ctx: Context) -> Tri:
        return kleene_all(c.value(ctx) for c in self.all)


class AnyOf(_Cond):
    """True when at least one condition in the list is true."""

    any: list[Condition] = Field(min_length=1)

    def holds(self, ctx: Context) -> bool:
        return any(c.holds(ctx) for c in self.any)

    def value(self, ctx: Context) -> Tri:
        return kleene_any(c.value(ctx) for c in self.any)


class NotOf(_Cond):
    """True when the condition inside is false."""

    not_: Condition = Field(alias="not")

    def holds(self, ctx: Context) -> bool:
        return not self.not_.holds(ctx)

    def value(self, ctx: Context) -> Tri:
        inner = self.not_.value(ctx)
        return None if inner is None else not inner


def kleene_all(values: Iterable[Tri]) -> Tri:
    """Kleene AND: false wins, then unknown, else true."""
    unknown = False
    for v in values:
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def kleene_any(values: Iterable[Tri]) -> Tri:
    """Kleene OR: true wins, then unknown, else false."""
    unknown = False
    for v in values:
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def _kleene(parts: list[Compiled], wins: bool) -> Compiled:
    """kleene_any (wins=True) or kleene_all (wins=False) of compiled parts, as one function of a
    Context, without a generator per call: the value that wins ends it, else unknown if any part
    was, else the other value."""

    def join(ctx: Context) -> Tri:
        unknown = False
        for part in parts:
            v = part(ctx)
            if v is wins:
                return wins
            if v is None:
                unknown = True
        return None if unknown else not wins

    return join


def compile_condition(cond: object) -> Compiled:
    """Turn a validated condition into a plain function of a Context (built from data, no eval).

    Three-valued, same meaning as ``cond.value(ctx)`` (True, False or None for unknown), several
    times faster: the engine evaluates every condition of a checklist for every answers file in
    a batch.
    """
    if isinstance(cond, (AllOf, AnyOf)):
        return _kleene(
            [compile_condition(c) for c in (cond.all if isinstance(cond, AllOf) else cond.any)],
            wins=isinstance(cond, AnyOf),
        )
    if isinstance(cond, NotOf):
        inner = compile_condition(cond.not_)

        def negate(ctx: Context) -> Tri:
            v = inner(ctx)
            return None if v is None else not v

        return negate
    if isinstance(cond, ScoreTest):
        return cond.value
    assert isinstance(cond, QuestionTest)
    qid, op, want = cond.question, cond.operator, cond.operand
    if op == "state":
        wanted = {want} if isinstance(want, str) else set(cast("Iterable[str]", want))
        return lambda ctx: ctx.state(qid) in wanted
    test = _COMPARE[op]
    if op in ("in", "not_in"):
        want = frozenset(cast("Iterable[str]", want))

    def leaf(ctx: Context) -> Tri:
        state = ctx.state(qid)
        if state == "answered":
            held = test(ctx.value(qid), want)
            return None if held and qid in ctx.doubt else held
        return None if state in UNKNOWN_STATES else False

    return leaf


def _shape(data: object) -> str | None:
    if isinstance(data, dict):
        for key in SHAPES:
            if key in data:
                return f"cond:{key}"
        return None
    if isinstance(data, _Cond):  # a condition already made (model_dump, a copy): its own tag
        return _TAG_OF.get(type(data))
    return f"cond:{type(data).__name__}"


_TAG_OF = {
    QuestionTest: "cond:question",
    ScoreTest: "cond:score",
    AllOf: "cond:all",
    AnyOf: "cond:any",
    NotOf: "cond:not",
}

Condition = Annotated[
    Annotated[QuestionTest, Tag("cond:question")]
    | Annotated[ScoreTest, Tag("cond:score")]
    | Annotated[AllOf, Tag("cond:all")]
    | Annotated[AnyOf, Tag("cond:any")]
    | Annotated[NotOf, Tag("cond:not")],
    Discriminator(_shape, custom_error_type="cond_shape", custom_error_message="condition shape"),
]


def walk(cond: Condition | None) -> Iterator[Leaf]:
    """Yield every question and score test inside a condition, depth first."""
    stack: list[Condition | None] = [cond]
    while stack:
        c = stack.pop()
        if isinstance(c, AllOf):
            stack.extend(reversed(c.all))
        elif isinstance(c, AnyOf):
            stack.extend(reversed(c.any))
        elif isinstance(c, NotOf):
            stack.append(c.not_)
        elif c is not None:
            yield c


def walk_with_paths(cond: Condition | None, base: KeyPath = ()) -> Iterator[tuple[Leaf, KeyPath]]:
    """Like ``walk`` but also yields each test's key path (for error locations)."""
    stack: list[tuple[Condition | None, KeyPath]] = [(cond, base)]
    while stack:
        c, path = stack.pop()
        if isinstance(c, AllOf):
            stack.extend((sub, path + ("all", i)) for i, sub in reversed(list(enumerate(c.all))))
        elif isinstance(c, AnyOf):
            stack.extend((sub, path + ("any", i)) for i, sub in reversed(list(enumerate(c.any))))
        elif isinstance(c, NotOf):
            stack.append((c.not_, path + ("not",)))
        elif c is not None:
            yield c, path


Label = Callable[[str], str]  # question id -> how the question is named (a prompt, "question 3")
ChoiceLabel = Callable[[str, object], str]  # (question id, value) -> how the choice is named


def _plain_label(qid: str) -> str:
    return qid


def _plain_choice_label(qid: str, value: object) -> str:
    return str(value)


def _listed(want: object) -> list[object]:
    """An operand as the values it names: the list an ``in`` test gives, or its one value."""
    return list(want) if isinstance(want, list) else [want]


def _choices(cond: QuestionTest, choice_label: ChoiceLabel) -> str:
    """The choices a test names, each in quotes, "or" between them."""
    either = " " + _("or") + " "
    return either.join(f"“{choice_label(cond.question, v)}”" for v in _listed(cond.operand))


def _negated(cond: Condition, label: Label, choice_label: ChoiceLabel) -> str | None:
    """One answer not given, said as a sentence ("you did not answer “Spravato” to question 3"):
    a bracketed "not (…)" is easily read as the condition itself (spanish.md M2)."""
    if not isinstance(cond, QuestionTest) or cond.operator not in ("equals", "in", "includes", "includes_any"):
        return None
    shown = _choices(cond, choice_label)
    if cond.operator in ("equals", "in"):
        return _("you did not answer {values} to {question}").format(values=shown, question=label(cond.question))
    return _("you did not tick {values} in {question}").format(values=shown, question=label(cond.question))


def describe(cond: Condition, label: Label = _plain_label, choice_label: ChoiceLabel = _plain_choice_label) -> str:
    """The condition in words, for the printed blank checklist ("if you answered yes to …"), in
    the current language."""
    if isinstance(cond, AllOf):
        return (" " + _("and") + " ").join(_paren(describe(c, label, choice_label)) for c in cond.all)
    if isinstance(cond, AnyOf):
        return (" " + _("or") + " ").join(_paren(describe(c, label, choice_label)) for c in cond.any)
    if isinstance(cond, NotOf):
        negated = _negated(cond.not_, label, choice_label)
        if negated is not None:
            return negated
        return _("not ({condition})").format(condition=describe(cond.not_, label, choice_label))
    if isinstance(cond, ScoreTest):
        return _("{score} {comparison} {value}").format(
            score=_("the {score} score").format(score=cond.score),
            comparison=_(_OP_WORDS[cond.operator]),
            value=_num(cond.operand),
        )
    return _describe_question(cond, label, choice_label)


#: operator -> how a test on the choices of a question reads ({values}: the choices it names)
_CHOICE_WORDS = {
    "equals": N_("you answered {values} to {question}"),
    "in": N_("you answered {values} to {question}"),
    "not_equals": N_("you answered {question} with something other than {values}"),
    "not_in": N_("you answered {question} with something other than {values}"),
    "includes": N_("you ticked {values} in {question}"),
    "includes_any": N_("you ticked {values} in {question}"),
}


def _describe_question(cond: QuestionTest, label: Label, choice_label: ChoiceLabel) -> str:
    """A test on one question's answer in words: its state, the choices it names, or a number."""
    q, op, want = cond.question, cond.operator, cond.operand
    if op == "state":
        either = " " + _("or") + " "
        return _("{question} is {states}").format(
            question=label(q), states=either.join(_(_STATE_WORDS.get(str(s), str(s))) for s in _listed(want))
        )
    if op in _CHOICE_WORDS:
        return _(_CHOICE_WORDS[op]).format(values=_choices(cond, choice_label), question=label(q))
    return _("your answer to {question} is {comparison} {value}").format(
        question=label(q), comparison=_(_OP_WORDS[op]), value=_num(want)
    )


_OP_WORDS = {
    "equals": N_("equal to"),
    "gt": N_("more than"),
    "gte": N_("at least"),
    "lt": N_("less than"),
    "lte": N_("at most"),
}
_STATE_WORDS = {
    "answered": N_("answered"),
    "unsure": N_("unsure"),
    "declined": N_("declined"),
    "skipped": N_("skipped"),
    "missing": N_("missing"),
}


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _paren(text: str) -> str:
    return f"({text})" if f" {_('and')} " in text or f" {_('or')} " in text else text


# --------------------------------------------------------------------------- reasons (explain)


def unknown_leaves(cond: Condition | None, ctx: Context) -> Iterator[Leaf]:
    """The tests that keep an unknown condition unknown (the answers it depends on), in order.

    Only parts whose own value is unknown are followed: a known-true or known-false branch
    cannot change the outcome, so its unknown leaves are not "depended on".
    """
    if cond is None or cond.value(ctx) is not None:
        return
    if isinstance(cond, AllOf):
        for c in cond.all:
            yield from unknown_leaves(c, ctx)
    elif isinstance(cond, AnyOf):
        for c in cond.any:
            yield from unknown_leaves(c, ctx)
    elif isinstance(cond, NotOf):
        yield from unknown_leaves(cond.not_, ctx)
    else:
        yield cond


def compile_unknown_leaves(cond: object) -> LeafFinder:
    """``unknown_leaves(cond, ctx)`` as a list, as a plain function of a Context built from the
    compiled conditions (the engine asks it for every could-apply concern of every file)."""
    value = compile_condition(cond)
    if isinstance(cond, (AllOf, AnyOf, NotOf)):
        kids = cond.all if isinstance(cond, AllOf) else cond.any if isinstance(cond, AnyOf) else [cond.not_]
        parts = [compile_unknown_leaves(c) for c in kids]

        def inner(ctx: Context) -> list[QuestionTest | ScoreTest]:
            if value(ctx) is not None:
                return []
            out: list[QuestionTest | ScoreTest] = []
            for part in parts:
                out += part(ctx)
            return out

        return inner
    assert isinstance(cond, (QuestionTest, ScoreTest))  # a leaf: the shapes above are the only others
    leaf: list[QuestionTest | ScoreTest] = [cond]
    return lambda ctx: [] if value(ctx) is not None else leaf


def deciding_leaves(cond: Condition, ctx: Context) -> Iterator[Leaf]:
    """For a known condition, the tests that decide it: every part of a true ``all``, the first
    true part of an ``any`` (and the mirror image for false)."""
    value = cond.value(ctx)
    if isinstance(cond, (AllOf, AnyOf)):
        parts = cond.all if isinstance(cond, AllOf) else cond.any
        decisive = value is (isinstance(cond, AnyOf))  # a true any / a false all: one part decides
        chosen = [c for c in parts if c.value(ctx) is value]
        for c in chosen[:1] if decisive else chosen:
            yield from deciding_leaves(c, ctx)
    elif isinstance(cond, NotOf):
        yield from deciding_leaves(cond.not_, ctx)
    else:
        yield cond


def trace(cond: Condition, ctx: Context, depth: int = 0) -> Iterator[tuple[int, Condition, Tri]]:
    """(depth, node, value) for every node of the tree, depth first, for ``clinic-ready explain``."""
    yield depth, cond, cond.value(ctx)
    if isinstance(cond, AllOf):
        for c in cond.all:
            yield from trace(c, ctx, depth + 1)
    elif isinstance(cond, AnyOf):
        for c in cond.any:
            yield from trace(c, ctx, depth + 1)
    elif isinstance(cond, NotOf):
        yield from trace(cond.not_, ctx, depth + 1)
