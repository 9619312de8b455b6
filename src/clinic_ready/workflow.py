"""The steps a command strings together: resolve and load inputs, evaluate, write outputs.

Kept out of the CLI so that commands stay thin and these steps are testable without Typer.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from clinic_ready import answers as answers_mod
from clinic_ready import catalog, engine, loading
from clinic_ready.errors import InputError, Problem, UsageError, problem
from clinic_ready.model import Answers, Checklist, Result


@dataclass
class Inputs:
    """A checklist, the answers so far, and warnings to show."""

    checklist: Checklist
    answers: Answers
    answers_name: str | None = None
    answers_text: str | None = None
    warnings: list[Problem] = field(default_factory=list)


def load_checklist(name: str | None) -> Checklist:
    """A shipped checklist id or a path ('-' is standard input)."""
    return loading.load_checklist(catalog.resolve(name))


def load_inputs(checklist_name: str | None, answers_path: str | None, sets: Sequence[str]) -> Inputs:
    """Load the checklist and (optionally) an answers file, then apply --set overrides."""
    if checklist_name == "-" and answers_path == "-":
        raise UsageError("clinic-ready: the checklist and the answers cannot both come from standard input — save one to a file")
    checklist = load_checklist(checklist_name)
    if answers_path is None:
        inputs = Inputs(checklist, Answers(checklist.id, checklist.version))
    else:
        found, warnings = answers_mod.load_answers(answers_path, checklist)
        name = "<stdin>" if answers_path == "-" else str(answers_path)
        inputs = Inputs(checklist, found, name, None, warnings)
    answers_mod.apply_sets(inputs.answers, checklist, sets)
    return inputs


def report_result(answers_path: str, checklist_name: str | None) -> Result:
    """Evaluate a saved answers file against the checklist it names (or the one given)."""
    name, text, data = answers_mod.read_document(answers_path)
    checklist = load_checklist(checklist_name or answers_mod.named_checklist(data, text, name))
    found, _warnings = answers_mod.parse_answers(data, checklist, text, name)
    for w in _warnings:
        sys.stderr.write(str(w) + "\n")
    return engine.evaluate(checklist, found)


def ignored_warnings(result: Result, inputs: Inputs) -> list[str]:
    """Warnings for answers given to questions that were not asked."""
    out = []
    for qid in result.ignored:
        p = problem("answer_hidden", ("answers", qid), id=qid)
        out.append(str(Problem(p.code, p.key_path, p.params, None, None, inputs.answers_name or "--set", True)))
    return out


def require_complete(result: Result) -> None:
    """Without a terminal, missing required answers are an error that says how to give them."""
    missing = engine.missing_required(result)
    if missing:
        shown = ", ".join(missing[:12]) + (f", … ({len(missing) - 12} more)" if len(missing) > 12 else "")
        p = problem("answers_missing", count=len(missing), ids=shown)
        raise UsageError(f"clinic-ready: {p.what} — {p.fix}")


def has_unanswered(result: Result) -> bool:
    """Any shown question without an answer (required or not): worth asking on a terminal."""
    return any(i.state == "missing" for i in result.items)


def visible_answers(result: Result) -> Answers:
    """Only the answers to questions that were asked (what an answers file should keep)."""
    cl = result.checklist
    kept = {i.question.id: i.answer for i in result.items if i.answer is not None}
    return Answers(cl.id, cl.version, kept)


def can_prompt(no_input: bool) -> bool:
    """Prompting needs an interactive terminal on both ends, and no --no-input."""
    if no_input:
        return False
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def write_document(fmt: str, output: str | None, render) -> None:
    """Render (only once the destination is known to be fine) and write to --output or stdout."""
    if fmt == "pdf" and (output is None or output == "-") and sys.stdout.isatty():
        raise UsageError("clinic-ready: a PDF is binary and cannot be shown in the terminal — add --output report.pdf")
    write_output(render(), output)
    if output not in (None, "-"):
        sys.stderr.write(f"Wrote {output}\n")


def write_output(data: str | bytes, output: str | None) -> None:
    """Write to a file (atomically, mode 0600) or to standard output."""
    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.write(data)
        return
    from clinic_ready.writing import write_atomic

    target = Path(output)
    if target.is_dir():
        raise UsageError(f"clinic-ready: {output}: is a directory — give a file name for --output")
    if not target.parent.exists():
        raise UsageError(f"clinic-ready: {output}: the folder {target.parent} does not exist — create it or choose another path")
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise UsageError(f"clinic-ready: {output}: cannot write ({exc.strerror}) — choose another path") from None


def validate_file(path: str) -> tuple[str, list[str]]:
    """Validate a checklist or an answers file; returns (summary, problem lines)."""
    from clinic_ready import yamlio

    try:
        name, text = yamlio.read_source(path)
        with yamlio.no_gc():
            data = yamlio.require_mapping(yamlio.parse(text, name), name)
            if "answers" in data and "sections" not in data:
                checklist = load_checklist(str(data.get("checklist") or ""))
                found, warnings = answers_mod.parse_answers(data, checklist, text, name)
                return f"{name}: valid answers for {checklist.id} ({len(found.values)} answers)", [str(w) for w in warnings]
            checklist = loading.parse_checklist(text, name, data)  # parsed once: the data is passed on
    except InputError as exc:
        return "", exc.lines()
    except UsageError as exc:
        return "", [f"{path}: {exc}".replace("clinic-ready: ", "")]
    return (
        f"{name}: valid checklist {checklist.id} {checklist.version} "
        f"({checklist.question_count} questions, {len(checklist.concerns)} concerns)",
        [],
    )
