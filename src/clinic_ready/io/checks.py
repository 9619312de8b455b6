"""Cross-reference checks that run after the schema: ids, references, operators and citations.

Each check returns problems with key paths; ``loading`` turns key paths into line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from clinic_ready.core import conditions as cond
from clinic_ready.core.model import Checklist, Migration, Question
from clinic_ready.errors import Problem, problem, render_key_path, suggest
from clinic_ready.i18n import _

ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
CHOICE_TYPES = ("choice", "multi_choice")
_OPS_BY_TYPE = {
    "yes_no": ("equals", "not_equals", "in", "not_in", "state"),
    "choice": ("equals", "not_equals", "in", "not_in", "state"),
    "text": ("equals", "not_equals", "in", "not_in", "state"),
    "number": ("equals", "not_equals", "in", "not_in", "gt", "gte", "lt", "lte", "state"),
    "multi_choice": ("includes", "includes_any", "state"),
}


def check(checklist: Checklist) -> list[Problem]:
    """Every cross-reference problem in the checklist (empty when it is consistent)."""
    problems: list[Problem] = []
    problems += _unique_ids(checklist)
    problems += _questions(checklist)
    problems += _conditions(checklist)
    problems += _citations(checklist)
    problems += _scores(checklist)
    problems += _examples(checklist)
    problems += _migrations(checklist)
    return problems


def _unique(kind: str, items: list[tuple[str, tuple]]) -> Iterator[Problem]:
    first: dict[str, tuple] = {}
    for ident, path in items:
        if not ID_RE.match(ident) and kind != "choice value":
            yield problem(
                "schema_type",
                path + ("id",),
                message=_("'{id}' is not a valid id").format(id=ident),
                fix=_("use letters, digits, '_', '-' or '.', starting with a letter"),
            )
        if ident in first:
            yield problem("dup_id", path, kind=kind, id=ident, first=render_key_path(first[ident]))
        else:
            first[ident] = path


def _unique_ids(cl: Checklist) -> Iterator[Problem]:
    yield from _unique("source", [(s.id, ("sources", i)) for i, s in enumerate(cl.sources)])
    yield from _unique("section", [(s.id, ("sections", i)) for i, s in enumerate(cl.sections)])
    yield from _unique(
        "question",
        [(q.id, ("sections", i, "questions", j)) for i, s in enumerate(cl.sections) for j, q in enumerate(s.questions)],
    )
    yield from _unique("concern", [(c.id, ("concerns", i)) for i, c in enumerate(cl.concerns)])
    yield from _unique("score", [(s.id, ("scores", i)) for i, s in enumerate(cl.scores)])
    for i, s in enumerate(cl.sections):
        for j, q in enumerate(s.questions):
            base = ("sections", i, "questions", j, "choices")
            yield from _unique("choice value", [(c.value, base + (k, "value")) for k, c in enumerate(q.choices or ())])


def _questions(cl: Checklist) -> Iterator[Problem]:
    for i, s in enumerate(cl.sections):
        for j, q in enumerate(s.questions):
            path = ("sections", i, "questions", j)
            yield from _choices_fit(q, path)
            yield from _range_fits(q, path)
            for k, sid in enumerate(q.sources):
                if sid not in cl.source_by_id:
                    yield problem("unknown_source", path + ("sources", k), id=sid, hint=suggest(sid, cl.source_by_id))
            if q.if_skipped is not None:
                yield from _if_skipped_fits(q, path)


def _choices_fit(q: Question, path: tuple) -> Iterator[Problem]:
    """Choices where (and only where) the type takes them; ``exclusive`` only on multi_choice."""
    if q.type in CHOICE_TYPES and len(q.choices or ()) < 2:
        yield problem("choices_needed", path + ("choices" if q.choices else "type",), type=q.type)
    if q.type not in CHOICE_TYPES and q.choices is not None:
        yield problem("choices_unexpected", path + ("choices",), type=q.type)
    if q.type != "multi_choice":
        for k, c in enumerate(q.choices or ()):
            if c.exclusive:
                yield problem("exclusive_unexpected", path + ("choices", k, "exclusive"), type=q.type)


def _range_fits(q: Question, path: tuple) -> Iterator[Problem]:
    """``min``, ``max`` and ``unit`` only on a number question, and ``min`` not above ``max``."""
    for key in ("min", "max", "unit"):
        if q.type != "number" and getattr(q, key) is not None:
            yield problem("range_unexpected", path + (key,), key=key)
    if q.min is not None and q.max is not None and q.min > q.max:
        yield problem("range_order", path + ("min",), min=f"{q.min:g}", max=f"{q.max:g}")


def _if_skipped_fits(q: Question, path: tuple) -> Iterator[Problem]:
    """``if_skipped`` is a valid answer to the question, and a real one (not unsure or declined)."""
    from clinic_ready.core.coercion import AnswerRejected, coerce

    try:
        if coerce(q, q.if_skipped).state != "answered":
            raise AnswerRejected(_("skipping cannot mean unsure or declined"), _("give an answer such as 'no'"))
    except AnswerRejected as exc:
        yield problem("answer_type", path + ("if_skipped",), problem=exc.what, fix=exc.fix)


def _conditions(cl: Checklist) -> Iterator[Problem]:
    order = {qid: n for n, qid in enumerate(cl.questions)}
    seen_before = 0
    for i, s in enumerate(cl.sections):
        if s.when is not None:
            yield from _condition(cl, s.when, ("sections", i, "when"), order, seen_before, "section")
        for j, q in enumerate(s.questions):
            if q.when is not None:
                yield from _condition(
                    cl, q.when, ("sections", i, "questions", j, "when"), order, order[q.id], "question", q.id
                )
        seen_before += len(s.questions)
    for i, c in enumerate(cl.concerns):
        yield from _condition(cl, c.when, ("concerns", i, "when"), order, None, "concern")
    for i, t in enumerate(cl.supporter_tips):
        if t.when is not None:
            yield from _condition(cl, t.when, ("supporter_tips", i, "when"), order, None, "tip")


def _condition(cl, when, base, order, limit, kind, self_id=None) -> Iterator[Problem]:
    for test, path in cond.walk_with_paths(when, base):
        if isinstance(test, cond.ScoreTest):
            score = cl.score_by_id.get(test.score)
            if score is None:
                yield problem(
                    "unknown_score", path + ("score",), id=test.score, hint=suggest(test.score, cl.score_by_id)
                )
            elif limit is not None and any(order.get(item, -1) >= limit for item in score.items):
                yield problem("forward_reference", path + ("score",), id=test.score, kind=kind)
            continue
        qid = test.question
        q = cl.questions.get(qid)
        if q is None:
            yield problem("unknown_question", path + ("question",), id=qid, hint=suggest(qid, cl.questions))
            continue
        if qid == self_id:
            yield problem("self_reference", path + ("question",))
        elif limit is not None and order[qid] >= limit:
            yield problem("forward_reference", path + ("question",), id=qid, kind=kind)
        yield from _operator_fits(q, test, path)


def _operator_fits(q: Question, test: cond.QuestionTest, path: tuple) -> Iterator[Problem]:
    op = test.operator
    allowed = _OPS_BY_TYPE[q.type]
    key = "in" if op == "in" else op
    if op not in allowed:
        yield problem("bad_operator", path + (key,), op=op, type=q.type, allowed=", ".join(allowed))
        return
    if op == "state":
        return
    values = test.operand if isinstance(test.operand, list) else [test.operand]
    if q.type == "number":
        for v in values:
            if isinstance(v, str):
                yield problem(
                    "schema_type",
                    path + (key,),
                    message=_("'{value}' is not a number").format(value=v),
                    fix=_("compare a number question with a number"),
                )
        return
    if q.type in ("yes_no", "choice", "multi_choice"):
        for v in values:
            if v not in q.choice_values:
                yield _not_a_choice(q, v, path + (key,))


def _citations(cl: Checklist) -> Iterator[Problem]:
    for i, c in enumerate(cl.concerns):
        for k, sid in enumerate(c.sources):
            if sid not in cl.source_by_id:
                yield problem(
                    "unknown_source", ("concerns", i, "sources", k), id=sid, hint=suggest(sid, cl.source_by_id)
                )
    for i, f in enumerate(cl.facts):
        if f.source not in cl.source_by_id:
            yield problem(
                "unknown_source", ("facts", i, "source"), id=f.source, hint=suggest(f.source, cl.source_by_id)
            )
    for i, c in enumerate(cl.concerns):
        for k, fid in enumerate(c.facts):
            if fid not in cl.fact_by_id:
                yield problem("unknown_fact", ("concerns", i, "facts", k), id=fid, hint=suggest(fid, cl.fact_by_id))
    for i, s in enumerate(cl.sections):
        for j, q in enumerate(s.questions):
            for k, fid in enumerate(q.facts):
                if fid not in cl.fact_by_id:
                    yield problem(
                        "unknown_fact",
                        ("sections", i, "questions", j, "facts", k),
                        id=fid,
                        hint=suggest(fid, cl.fact_by_id),
                    )
    for i, t in enumerate(cl.supporter_tips):
        for k, sid in enumerate(t.sources):
            if sid not in cl.source_by_id:
                yield problem(
                    "unknown_source", ("supporter_tips", i, "sources", k), id=sid, hint=suggest(sid, cl.source_by_id)
                )


def _scores(cl: Checklist) -> Iterator[Problem]:
    for i, s in enumerate(cl.scores):
        if s.source not in cl.source_by_id:
            yield problem(
                "unknown_source", ("scores", i, "source"), id=s.source, hint=suggest(s.source, cl.source_by_id)
            )
        for k, qid in enumerate(s.items):
            q = cl.questions.get(qid)
            if q is None:
                yield problem("unknown_question", ("scores", i, "items", k), id=qid, hint=suggest(qid, cl.questions))
            elif q.type != "choice" or any(c.score is None for c in q.choices or ()):
                yield problem("score_item", ("scores", i, "items", k), id=qid)


def _examples(cl: Checklist) -> Iterator[Problem]:
    """Self-tests (``examples:``): names unique, bases earlier, ids existing, answers valid."""
    from clinic_ready.core.coercion import AnswerRejected, coerce

    concerns = {c.id for c in cl.concerns}
    first: dict[str, tuple] = {}
    for i, ex in enumerate(cl.examples):
        path = ("examples", i)
        if ex.based_on is not None and ex.based_on not in first:
            yield problem("example_base", path + ("based_on",), name=ex.based_on, hint=suggest(ex.based_on, first))
        if ex.name in first:
            yield problem("example_dup", path + ("name",), name=ex.name, first=render_key_path(first[ex.name]))
        else:
            first[ex.name] = path
        for qid, raw in ex.answers.items():
            q = cl.questions.get(qid)
            if q is None:
                yield problem("answer_unknown", path + ("answers", qid), id=qid, hint=suggest(qid, cl.questions))
                continue
            try:
                coerce(q, raw)
            except AnswerRejected as exc:
                yield problem("answer_type", path + ("answers", qid), problem=exc.what, fix=exc.fix)
        for key, known, code in (
            ("raised", concerns, "unknown_concern"),
            ("not_raised", concerns, "unknown_concern"),
            ("could_apply", concerns, "unknown_concern"),
            ("asked", cl.questions, "unknown_question"),
            ("skipped", cl.questions, "unknown_question"),
        ):
            for k, ident in enumerate(getattr(ex, key)):
                if ident not in known:
                    yield problem(code, path + (key, k), id=ident, hint=suggest(ident, known))
        for a, b in (
            ("raised", "not_raised"),
            ("raised", "could_apply"),
            ("could_apply", "not_raised"),
            ("asked", "skipped"),
        ):
            for k, ident in enumerate(getattr(ex, b)):
                if ident in getattr(ex, a):
                    yield problem("example_conflict", path + (b, k), id=ident, a=a, b=b)


@dataclass(frozen=True)
class _Steps:
    """A checklist's migration steps, to follow a question id through later steps' renames."""

    steps: list[Migration]

    def final(self, i: int, qid: str) -> str:
        """The id that ``qid``, as step ``i`` names it, has after every later step."""
        from clinic_ready.core.migration import version_key

        for later in sorted(self.steps[i + 1 :], key=lambda m: version_key(m.from_version)):
            qid = later.renamed.get(qid, qid)
        return qid

    def mapped_later(self, i: int, qid: str) -> bool:
        """True when a step from a later version also maps the values of this question."""
        from clinic_ready.core.migration import version_key

        start = version_key(self.steps[i].from_version)
        return any(
            self.final(i, qid) in {self.final(j, k) for k in s.values}
            for j, s in enumerate(self.steps)
            if version_key(s.from_version) > start
        )


def _migrations(cl: Checklist) -> Iterator[Problem]:
    """``migrations:``: each step from an earlier version, once; every id it names leads to a
    question of this version (following later steps' renames); every new value is a choice."""
    from clinic_ready.core.migration import version_key

    steps = _Steps(cl.migrations)
    seen: dict[str, int] = {}
    for i, m in enumerate(cl.migrations):
        path = ("migrations", i)
        if version_key(m.from_version) >= version_key(cl.version):
            yield problem("migration_from", path + ("from",), found=m.from_version, version=cl.version)
        if m.from_version in seen:
            yield problem(
                "dup_id",
                path + ("from",),
                kind="migration",
                id=m.from_version,
                first=f"migrations[{seen[m.from_version]}]",
            )
        seen.setdefault(m.from_version, i)
        yield from _migration_ids(cl, steps, i)
        yield from _migration_values(cl, steps, i)


def _migration_ids(cl: Checklist, steps: _Steps, i: int) -> Iterator[Problem]:
    """Every question id step ``i`` names leads to a question; ``to_multi_choice`` to a multi_choice one."""
    m = steps.steps[i]
    named: list[tuple[tuple[str, str | int], str]] = [(("renamed", old), new) for old, new in m.renamed.items()]
    named += [(("to_multi_choice", k), q) for k, q in enumerate(m.to_multi_choice)]
    named += [(("values", q), q) for q in m.values]
    named += [(("ask_again", k), q) for k, q in enumerate(m.ask_again)]
    for where, qid in named:
        q = cl.questions.get(steps.final(i, qid))
        if q is None:
            yield problem("unknown_question", ("migrations", i) + where, id=qid, hint=suggest(qid, cl.questions))
        elif where[0] == "to_multi_choice" and q.type != "multi_choice":
            yield problem("migration_multi", ("migrations", i) + where, id=qid, type=q.type)


def _migration_values(cl: Checklist, steps: _Steps, i: int) -> Iterator[Problem]:
    """Step ``i``'s ``values`` tables: for a choice question, and giving its choices (checked at
    the last step that maps the question's values)."""
    for qid, table in steps.steps[i].values.items():
        q = cl.questions.get(steps.final(i, qid))
        if q is None or steps.mapped_later(i, qid):
            continue
        path = ("migrations", i, "values", qid)
        if q.type not in CHOICE_TYPES:
            yield problem("bad_operator", path, op="values", type=q.type, allowed="renamed, removed, ask_again")
            continue
        for old, new in table.items():
            for v in new if isinstance(new, list) else [new]:
                if v not in q.choice_values:
                    yield _not_a_choice(q, v, path + (old,))


def _not_a_choice(q: Question, value: object, where: tuple) -> Problem:
    """The problem for a value that is not one of a question's choices (with a did-you-mean)."""
    return problem(
        "bad_value",
        where,
        value=value,
        question=q.id,
        allowed=", ".join(q.choice_values),
        hint=suggest(str(value), q.choice_values),
    )
