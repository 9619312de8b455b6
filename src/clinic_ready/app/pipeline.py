"""The steps a command strings together: resolve and load inputs, evaluate, write outputs.

Kept out of the CLI so that commands stay thin and these steps are testable without Typer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinic_ready.core import engine
from clinic_ready.core.model import Answers, Checklist, Result
from clinic_ready.errors import InputError, Problem, UsageError, problem, with_program
from clinic_ready.i18n import _, ngettext
from clinic_ready.io import answers as answers_mod
from clinic_ready.io import catalog, loading


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
    resolved = catalog.resolve(name)
    try:
        from clinic_ready import i18n

        return loading.load_checklist(resolved, lang=i18n.language())
    except InputError:
        if name and name != "-" and _looks_like_answers(resolved):
            raise UsageError(
                _(
                    "{name} looks like an answers file, not a checklist — "
                    "did you mean 'clinic-ready run --answers {name}'?"
                ).format(name=name)
            ) from None
        raise


def _looks_like_answers(path) -> bool:
    """An answers file has 'answers:' and no 'sections:' (checked only after a checklist failed)."""
    from clinic_ready.io import yamlio

    try:
        name, text = yamlio.read_source(path)
        data = yamlio.parse(text, name)
    except InputError:
        return False
    return isinstance(data, dict) and "answers" in data and "sections" not in data


def load_inputs(checklist_name: str | None, answers_path: str | None, sets: Sequence[str]) -> Inputs:
    """Load the checklist and (optionally) an answers file, then apply --set overrides."""
    if checklist_name == "-" and answers_path == "-":
        raise UsageError(_("the checklist and the answers cannot both come from standard input — save one to a file"))
    if answers_path is None:
        checklist = load_checklist(checklist_name)
        inputs = Inputs(checklist, Answers(checklist.id, checklist.version))
    else:
        name, text, data = answers_mod.read_document(answers_path)
        named = data.get("checklist")
        if checklist_name is None and isinstance(named, str) and named in catalog.shipped():
            checklist_name = named  # like report and batch: the checklist the answers file names
        checklist = load_checklist(checklist_name)
        found, warnings = answers_mod.parse_answers(data, checklist, text, name)
        inputs = Inputs(checklist, found, name, None, warnings)
    answers_mod.apply_sets(inputs.answers, checklist, sets)
    return inputs


@dataclass(frozen=True)
class Document:
    """An answers document: its display name, its text (for locating problems) and its mapping."""

    name: str
    text: str
    data: Mapping[str, Any]

    @classmethod
    def read(cls, path: str | Path) -> Document:
        return cls(*answers_mod.read_document(path))

    @classmethod
    def parse(cls, text: str, name: str = "<answers>") -> Document:
        from clinic_ready.io import yamlio

        return cls(name, text, yamlio.require_mapping(yamlio.parse(text, name), name))

    def checklist_id(self) -> str:
        """The checklist the document names (an error, located, if it names none)."""
        return answers_mod.named_checklist(self.data, self.text, self.name)


@dataclass(frozen=True)
class Evaluated:
    """What the pipeline gives every command: the result, and warnings as data (a command prints
    them, or returns them, as it sees fit)."""

    result: Result
    warnings: tuple[Problem, ...] = ()


def evaluate_document(
    source: str | Path | Document,
    checklist: Checklist | Callable[[str], Checklist] | None = None,
) -> Evaluated:
    """The one answers pipeline: read the document (a path, or one already read), find its
    checklist (the one given, else the one the document names, through ``checklist`` when it is a
    loader such as a cache, else ``load_checklist``), parse and check the answers exactly as every
    command does, and evaluate them.  Used by report, batch, compare, the compare offer, validate
    and the Python API."""
    doc = source if isinstance(source, Document) else Document.read(source)
    found = checklist if isinstance(checklist, Checklist) else (checklist or load_checklist)(doc.checklist_id())
    answers, warnings = answers_mod.parse_answers(doc.data, found, doc.text, doc.name)
    result = engine.evaluate(found, answers)
    missing = missing_problem(result, doc.name)  # run -a refuses these; every other command says so
    return Evaluated(result, (*warnings, *([missing] if missing else [])))


def report_result(answers_path: str, checklist_name: str | None) -> Evaluated:
    """Evaluate a saved answers file against the checklist it names (or the one given)."""
    doc = Document.read(answers_path)
    named = checklist_name or doc.checklist_id()
    if checklist_name is None and not catalog.looks_like_path(named) and named not in catalog.shipped():
        raise UsageError(
            _(
                "{name}: these answers are for checklist '{named}', which is not shipped with clinic-ready "
                "— give its file: clinic-ready report {answers} --checklist PATH"
            ).format(name=doc.name, named=named, answers=answers_path)
        )
    return evaluate_document(doc, load_checklist(named))


def missing_problem(result: Result, name: str) -> Problem | None:
    """The warning every command gives for required answers an answers file lacks (the same ids
    ``run -a --no-input`` refuses and ``validate`` reports), or None."""
    missing = engine.missing_required(result)
    if not missing:
        return None
    shown = ", ".join(missing[:12]) + (
        _(", … ({count} more)").format(count=len(missing) - 12) if len(missing) > 12 else ""
    )
    p = problem("answers_missing", count=len(missing), ids=shown)
    return Problem(p.code, p.key_path, p.params, None, None, name, True)


def missing_warning(result: Result, name: str) -> str | None:
    """``missing_problem`` as the line it prints."""
    found = missing_problem(result, name)
    return None if found is None else str(found)


def check_scripted(result: Result, inputs: Inputs) -> list[str]:
    """A run without the keyboard: every required answer must be there (else a UsageError that
    lists them); returns warnings for answers given to questions that were not asked."""
    require_complete(result)
    return ignored_warnings(result, inputs)


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
        shown = ", ".join(missing[:12]) + (
            _(", … ({count} more)").format(count=len(missing) - 12) if len(missing) > 12 else ""
        )
        p = problem("answers_missing", count=len(missing), ids=shown)
        raise UsageError(_("{what} — {fix}").format(what=p.what, fix=p.fix))


def has_unanswered(inputs: Inputs) -> bool:
    """Any shown question without an answer (required or not): worth asking on a terminal."""
    return any(i.state == "missing" for i in engine.shown(inputs.checklist, inputs.answers))


def visible_answers(result: Result) -> Answers:
    """Only the answers to questions that were asked (what an answers file should keep)."""
    cl = result.checklist
    kept = {i.question.id: i.answer for i in result.items if i.answer is not None}
    return Answers(cl.id, cl.version, kept, respondent=result.respondent)


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
    import warnings

    from clinic_ready.app.console import warn

    if fmt == "pdf" and (output is None or output == "-") and sys.stdout.isatty():
        raise UsageError(_("a PDF is binary and cannot be shown in the terminal — add --output report.pdf"))
    if fmt == "html" and (output is None or output == "-") and sys.stdout.isatty():
        raise UsageError(
            _(
                "an HTML report is for a browser, not the terminal — add --output report.html "
                "(or use --format markdown to read it here)"
            )
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render()
    if fmt in (
        "json",
        "fhir",
    ):  # C1 and bidi controls as JSON escapes (\u009b): the same data, nothing a terminal obeys
        from clinic_ready.safe_text import escape_json

        data = escape_json(data)
    for w in caught:
        if type(w.message).__name__ == "PdfTextWarning":
            warn(with_program(str(w.message)))
    write_output(data, output)
    if output not in (None, "-"):
        warn(_("Wrote {file}").format(file=output) + _written_hint(fmt))


def _written_hint(fmt: str) -> str:
    """After a PDF report: how many pages, and where the questions to ask start."""
    if fmt != "pdf":
        return ""
    from clinic_ready.render.pdf import LAST_LAYOUT

    pages, page, heading = (LAST_LAYOUT.get(k) for k in ("pages", "questions_page", "questions_heading"))
    if not pages or not page or not heading:
        return ""
    assert isinstance(pages, int)  # pdf.page
    return " " + ngettext(
        "({pages} page; “{heading}” starts on page {page})", "({pages} pages; “{heading}” starts on page {page})", pages
    ).format(pages=pages, page=page, heading=heading)


def write_output(data: str | bytes, output: str | None, replace_read_only: bool = False) -> None:
    """Write to a file or to standard output.

    * A regular file (new or existing) is written atomically with mode 0600: a temporary file in
      the same folder, then a rename.  A symbolic link is followed: the file it points to is
      replaced and the link is kept.  A read-only file is refused (unless the person confirmed).
    * Anything else that exists — a terminal or other character device (/dev/stdout, /dev/null), a
      FIFO, a socket — is written into directly and never replaced.
    """
    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.write(data)
        return
    import os
    import stat

    from clinic_ready.io.atomic import write_atomic

    if not output.strip():
        raise UsageError(_("the --output file name is empty — give a file name, or '-' for the screen"))
    target = Path(output)
    if target.is_dir():
        raise UsageError(_("{file}: is a directory — give a file name for --output").format(file=output))
    try:
        st = target.stat()  # follows links
    except OSError:
        st = None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            _write_into(target, data)
            return
        if st is not None and not (st.st_mode & 0o222) and not replace_read_only:
            raise UsageError(
                _("{file}: the file is read-only — choose another path, or make it writable first").format(file=output)
            )
        if target.is_symlink() and st is not None:
            target = Path(os.path.realpath(target))
        if not target.parent.exists():
            raise UsageError(
                _("{file}: the folder {folder} does not exist — create it or choose another path").format(
                    file=output, folder=target.parent
                )
            )
        write_atomic(target, data)
    except OSError as exc:
        raise UsageError(
            _("{file}: cannot write ({reason}) — choose another path").format(
                file=output, reason=exc.strerror or type(exc).__name__
            )
        ) from None


def _write_into(target: Path, data: str | bytes) -> None:
    """Write into an existing device or FIFO (no temporary file, no rename)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open(target, "wb") as fh:
        fh.write(payload)


def validate_file(path: str, known: dict | None = None) -> tuple[str, list[str]]:
    """Validate a checklist or an answers file; returns (summary, problem lines)."""
    summary, problems = check_file(path, known)
    return summary, [str(p) for p in problems]


def check_file(path: str, known: dict | None = None) -> tuple[str, list]:
    """Validate a checklist or an answers file; returns (summary, problems): each problem a
    ``Problem`` (file, line, column, key, what, fix) or, for a file that cannot be read at all, a
    line of text.  The summary is empty when the file is not valid.

    ``known`` maps checklist ids to checklists validated earlier in the same call, so
    `validate my-checklist.yaml my-answers.yaml` checks the answers against that checklist.
    A shipped checklist id is accepted in place of a path.
    """
    from clinic_ready.io import yamlio

    known = {} if known is None else known
    if path not in ("-",) and not Path(path).exists() and path in catalog.shipped():
        path = str(catalog.shipped()[path])
    try:
        name, text = yamlio.read_source(path)
        data = answers_mod.own_output(yamlio.require_mapping(yamlio.parse(text, name), name), name)
        if ("answers" in data or data.get("resourceType") == "QuestionnaireResponse") and "sections" not in data:
            return _check_answers(data, text, name, known)
        checklist = loading.parse_checklist(text, name, data)  # parsed once: the data is passed on
        known[checklist.id] = checklist
        from clinic_ready.io import translation

        errors, warnings = translation.check_languages(checklist, text, name)
        if errors:
            raise InputError(errors + warnings)
    except InputError as exc:
        from clinic_ready.errors import MAX_SHOWN

        return "", exc.problems[:MAX_SHOWN] + exc.lines()[MAX_SHOWN:]
    except UsageError as exc:
        return "", [f"{path}: {exc}"]
    return _checklist_summary(checklist, name), list(warnings)


def _check_answers(data: dict, text: str, name: str, known: dict) -> tuple[str, list]:
    """``check_file`` for an answers file, checked against the checklist it names."""
    cid = answers_mod.named_checklist(data, text, name)
    checklist = known[cid] if cid in known else load_checklist(cid)
    found, warnings = answers_mod.parse_answers(data, checklist, text, name)
    missing = missing_warning(engine.evaluate(checklist, found), name)
    if missing:  # run -a refuses these answers: not valid yet
        return "", list(warnings) + [missing.replace(" " + _("warning:"), "", 1)]
    return _("{name}: valid answers for {id} ({count} answers)").format(
        name=name, id=checklist.id, count=len(found.values)
    ), list(warnings)


def _checklist_summary(checklist: Checklist, name: str) -> str:
    """What ``validate`` says of a valid checklist: its size, its migrations, and its facts that
    have ended or end within 60 days."""
    from clinic_ready.core import migration

    summary = _("{name}: valid checklist {id} {version} ({questions} questions, {concerns} concerns)").format(
        name=name,
        id=checklist.id,
        version=checklist.version,
        questions=checklist.question_count,
        concerns=len(checklist.concerns),
    )
    for line in migration.describe(checklist):
        summary += "\n  " + _("Migration: {what}").format(what=line)
    return summary + "".join("\n  " + note for note in _fact_notes(checklist))


def _fact_notes(checklist: Checklist) -> Iterator[str]:
    """A note for each dated fact that has ended, or ends within 60 days (soonest first)."""
    from clinic_ready.dates import today

    now = today()
    for fact in sorted(checklist.facts, key=lambda f: f.valid_until):
        days = (fact.valid_until - now).days
        if days < 0:
            yield _("Fact {id} ({text}) ended on {date}: check it, then update 'valid_until'").format(
                id=fact.id, text=" ".join(fact.text.split()), date=fact.valid_until.isoformat()
            )
        elif days <= 60:
            yield _("Fact {id} ({text}) ends on {date}, in {days} days").format(
                id=fact.id, text=" ".join(fact.text.split()), date=fact.valid_until.isoformat(), days=days
            )
