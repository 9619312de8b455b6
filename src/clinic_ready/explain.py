"""Why a concern was raised (or could apply, or stayed silent) and why a question was asked or
skipped: the condition tree with each part's value and the answer behind it.

Pure, like the engine: (result, id) -> plain data; ``text`` puts it in words.  Plain words come
first, ids second.
"""

from __future__ import annotations

from clinic_ready import conditions, engine
from clinic_ready.errors import UsageError, suggest
from clinic_ready.model import Result
from clinic_ready.render.common import answer_text

VALUE_WORDS = {True: "true", False: "false", None: "unknown"}
STATUS_WORDS = {
    "raised": "raised — its condition is true for these answers",
    "could apply": "could apply — its condition cannot be decided, because an answer it depends on is unsure, declined or missing",
    "silent": "not raised — its condition is false for these answers",
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
        raise UsageError(f"clinic-ready: no concern or question has the id '{ident}' in {cl.id} — use an id from the checklist{hint}")
    return out


def _tree(result: Result, cond, ctx) -> dict:
    value = cond.value(ctx)
    node: dict = {"value": VALUE_WORDS[value]}
    if isinstance(cond, (conditions.AllOf, conditions.AnyOf)):
        kind = "all" if isinstance(cond, conditions.AllOf) else "any"
        node.update(kind=kind, words=f"{kind} of these", parts=[_tree(result, c, ctx) for c in getattr(cond, kind)])
        return node
    if isinstance(cond, conditions.NotOf):
        node.update(kind="not", words="not this", parts=[_tree(result, cond.not_, ctx)])
        return node
    cl = result.checklist

    def label(qid: str) -> str:
        return "“" + " ".join(cl.questions[qid].prompt.split()) + "”"

    def choice_label(qid: str, v: object) -> str:
        return cl.questions[qid].choice_label(v)

    words = conditions.describe(cond, label, choice_label)
    if isinstance(cond, conditions.ScoreTest):
        score = cl.score_by_id[cond.score]
        words = words.replace(f"the {cond.score} score", f"the {score.title}")
        total = result.scores.get(cond.score)
        node.update(kind="score", words=words, score=cond.score, answer=("incomplete" if total is None else f"{total:g}"))
        return node
    item = next(i for i in result.items if i.question.id == cond.question)
    node.update(kind="question", words=words, question=cond.question, state=item.state, answer=answer_text(item))
    return node


def _concern(result: Result, concern) -> dict:
    ctx = engine.context_of(result)
    value = concern.when.value(ctx)
    status = {True: "raised", None: "could apply", False: "silent"}[value]
    return {
        "kind": "concern", "id": concern.id, "title": " ".join(concern.title.split()), "severity": concern.severity.value,
        "urgent": concern.urgent, "status": status, "summary": STATUS_WORDS[status],
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
        reason = "asked — it has no condition, so everyone is asked it"
    elif not asked:
        reason = "skipped — " + ("its section's" if section.when is not None and section.when.value(ctx) is False else "its") + " condition is false"
    elif item.in_doubt:
        reason = "asked — its condition cannot be decided yet (an earlier answer is unsure, declined or missing): when in doubt, ask"
    else:
        reason = "asked — its condition is true"
    return {
        "kind": "question", "id": qid, "prompt": " ".join(item.question.prompt.split()), "section": section.title,
        "asked": asked, "state": item.state, "answer": answer_text(item), "summary": reason, "conditions": checks,
    }


def text(explanations: list[dict]) -> str:
    """The explanations in words (the default output of ``clinic-ready explain``)."""
    lines: list[str] = []
    for e in explanations:
        if lines:
            lines.append("")
        if e["kind"] == "concern":
            urgent = ", urgent" if e["urgent"] else ""
            lines += [f"Concern: {e['title']}", f"  ({e['severity']}{urgent}; id {e['id']})", f"Status: {e['summary']}.", "", "Condition:"]
            lines += _tree_lines(e["condition"], 1)
        else:
            lines += [f"Question: {e['prompt']}", f"  (section {e['section']}; id {e['id']})", f"Status: {e['summary']}."]
            lines.append(f"Your answer: {e['answer']}.")
            for check in e["conditions"]:
                lines += ["", "Section condition:" if check["of"] == "section" else "Question condition:"]
                lines += _tree_lines(check["condition"], 1)
    return "\n".join(lines) + "\n"


def _tree_lines(node: dict, depth: int) -> list[str]:
    pad = "  " * depth
    head = f"{pad}[{node['value']}] {node['words']}"
    if node["kind"] in ("all", "any", "not"):
        out = [head + ":"]
        for part in node["parts"]:
            out += _tree_lines(part, depth + 1)
        return out
    if node["kind"] == "score":
        return [head, f"{pad}    total: {node['answer']} (score id {node['score']})"]
    return [head, f"{pad}    your answer: {node['answer']} (question id {node['question']})"]
