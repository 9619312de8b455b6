"""Why a concern was raised (or could apply, or stayed silent) and why a question was asked or
skipped: the condition tree with each part's value and the answer behind it.

Pure, like the engine: (result, id) -> plain data; ``text`` puts it in words.  Plain words come
first, ids second.
"""

from __future__ import annotations

from clinic_ready.core import conditions, engine
from clinic_ready.core.model import Result
from clinic_ready.errors import UsageError, suggest
from clinic_ready.i18n import N_, _
from clinic_ready.render.common import answer_text
from clinic_ready.wording import LEVEL_WORDS

VALUE_WORDS = {True: N_("true"), False: N_("false"), None: N_("unknown")}  # English in JSON; translated in text
STATUS_WORDS = {
    "raised": N_("raised — its condition is true for these answers"),
    "could apply": N_(
        "could apply — its condition cannot be decided, because an answer it depends on is unsure, declined or missing"
    ),
    "silent": N_("not raised — its condition is false for these answers"),
}


def explain(result: Result, ident: str) -> list[dict]:
    """Explanations for a concern and/or a question with this id (both when they share it)."""
    cl = result.checklist
    out: list[dict] = []
    concern = next((c for c in cl.concerns if c.id == ident), None)
    if concern is not None:
        out.append(_concern(result, concern))
    if ident in cl.questions:
        out.append(_question(result, ident))
    if not out:
        hint = suggest(ident, [c.id for c in cl.concerns] + list(cl.questions))
        raise UsageError(
            _(
                "no concern or question has the id '{id}' in {checklist} — use an id from the checklist{hint}; "
                "see every id with 'clinic-ready explain --list {checklist}'"
            ).format(id=ident, checklist=cl.id, hint=hint)
        )
    return out


def _tree(result: Result, cond, ctx) -> dict:
    value = cond.value(ctx)
    node: dict = {"value": VALUE_WORDS[value]}
    if isinstance(cond, (conditions.AllOf, conditions.AnyOf)):
        kind = "all" if isinstance(cond, conditions.AllOf) else "any"
        node.update(
            kind=kind,
            words=_("all of these") if kind == "all" else _("any of these"),
            parts=[_tree(result, c, ctx) for c in getattr(cond, kind)],
        )
        return node
    if isinstance(cond, conditions.NotOf):
        node.update(kind="not", words=_("not this"), parts=[_tree(result, cond.not_, ctx)])
        return node
    cl = result.checklist

    def label(qid: str) -> str:
        return "“" + " ".join(cl.questions[qid].prompt.split()) + "”"

    def choice_label(qid: str, v: object) -> str:
        return cl.questions[qid].choice_label(v)

    words = conditions.describe(cond, label, choice_label)
    if isinstance(cond, conditions.ScoreTest):
        score = cl.score_by_id[cond.score]
        words = words.replace(
            _("the {score} score").format(score=cond.score), _("the {title}").format(title=score.title)
        )
        total = result.scores.get(cond.score)
        node.update(
            kind="score", words=words, score=cond.score, answer=(_("incomplete") if total is None else f"{total:g}")
        )
        return node
    item = next(i for i in result.items if i.question.id == cond.question)
    node.update(kind="question", words=words, question=cond.question, state=item.state, answer=answer_text(item))
    return node


def _concern(result: Result, concern) -> dict:
    ctx = engine.context_of(result)
    value = concern.when.value(ctx)
    status = {True: "raised", None: "could apply", False: "silent"}[value]
    return {
        "kind": "concern",
        "id": concern.id,
        "title": " ".join(concern.title.split()),
        "severity": concern.severity.value,
        "urgent": concern.urgent,
        "status": status,
        "summary": _(STATUS_WORDS[status]),
        "condition": _tree(result, concern.when, ctx),
    }


def _question(result: Result, qid: str) -> dict:
    ctx = engine.context_of(result)
    item = next(i for i in result.items if i.question.id == qid)
    section = item.section
    checks = []
    if section.when is not None:
        checks.append({"of": "section", "title": section.title, "condition": _tree(result, section.when, ctx)})
    if item.question.when is not None:
        checks.append({"of": "question", "condition": _tree(result, item.question.when, ctx)})
    asked = item.state != "skipped"
    if not checks:
        reason = _("asked — it has no condition, so everyone is asked it")
    elif not asked:
        if section.when is not None and section.when.value(ctx) is False:
            reason = _("skipped — its section's condition is false")
        else:
            reason = _("skipped — its condition is false")
    elif item.in_doubt:
        reason = _(
            "asked — its condition cannot be decided yet (an earlier answer is unsure, declined or missing): when in doubt, ask"
        )
    else:
        reason = _("asked — its condition is true")
    return {
        "kind": "question",
        "id": qid,
        "prompt": " ".join(item.question.prompt.split()),
        "section": section.title,
        "asked": asked,
        "state": item.state,
        "answer": answer_text(item),
        "summary": reason,
        "conditions": checks,
    }


def text(explanations: list[dict]) -> str:
    """The explanations in words (the default output of ``clinic-ready explain``)."""
    lines: list[str] = []
    for e in explanations:
        if lines:
            lines.append("")
        if e["kind"] == "concern":
            severity = _(LEVEL_WORDS[e["severity"]])
            kind = _("({severity}, urgent; id {id})") if e["urgent"] else _("({severity}; id {id})")
            lines += [
                _("Concern: {title}").format(title=e["title"]),
                "  " + kind.format(severity=severity, id=e["id"]),
                _("Status: {summary}.").format(summary=e["summary"]),
                "",
                _("Condition:"),
            ]
            lines += _tree_lines(e["condition"], 1)
        else:
            lines += [
                _("Question: {prompt}").format(prompt=e["prompt"]),
                "  " + _("(section {section}; id {id})").format(section=e["section"], id=e["id"]),
                _("Status: {summary}.").format(summary=e["summary"]),
            ]
            lines.append(_("Your answer: {answer}.").format(answer=e["answer"]))
            for check in e["conditions"]:
                lines += ["", _("Section condition:") if check["of"] == "section" else _("Question condition:")]
                lines += _tree_lines(check["condition"], 1)
    return "\n".join(lines) + "\n"


def _tree_lines(node: dict, depth: int) -> list[str]:
    pad = "  " * depth
    head = f"{pad}[{_(node['value'])}] {node['words']}"
    if node["kind"] in ("all", "any", "not"):
        out = [head + ":"]
        for part in node["parts"]:
            out += _tree_lines(part, depth + 1)
        return out
    if node["kind"] == "score":
        return [
            head,
            pad + "    " + _("total: {answer} (score id {id})").format(answer=node["answer"], id=node["score"]),
        ]
    return [
        head,
        pad + "    " + _("your answer: {answer} (question id {id})").format(answer=node["answer"], id=node["question"]),
    ]


def listing(cl) -> str:
    """Every concern id (with its level and title) and every question id (with its prompt), as text."""
    from clinic_ready.safe_text import clean

    def line(ident: str, words: str) -> str:
        return clean(f"  {ident}  {' '.join(words.split())}") + "\n"

    out = [_("Concerns in {checklist} (explain ID --answers FILE):").format(checklist=cl.id) + "\n"]
    out += [line(c.id, f"[{c.severity.value}] {c.title}") for c in cl.concerns]
    out.append("\n" + _("Questions:") + "\n")
    out += [line(qid, q.prompt) for qid, q in cl.questions.items()]
    return "".join(out)
