"""Error types and the message catalogue.

Every problem a user can cause is reported as one line:

    PATH:LINE:COL: key.path: what is wrong — how to fix it

Messages live in ``CATALOGUE`` so that wording is changed in one place and tests can build the
expected text from the same entry (the pyxform habit).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Sequence

EXIT_OK = 0
EXIT_CONCERN = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_PIPE = 141  # the reader of our output went away (128 + SIGPIPE), as for other tools

KeyPath = tuple[object, ...]

#: code -> (what is wrong, how to fix it).  Both are ``str.format`` templates.
CATALOGUE: dict[str, tuple[str, str]] = {
    # reading files
    "file_missing": ("no such file", "check the path"),
    "file_is_dir": ("this is a directory, not a file", "give the path of a YAML or JSON file"),
    "file_unreadable": ("cannot be read ({reason})", "check the file's permissions"),
    "file_too_large": ("the file is {size} bytes; the limit is {limit} bytes", "split it or remove unused content"),
    "file_empty": ("the file is empty", "write a YAML mapping into it (see docs/checklist-format.md)"),
    "file_binary": ("looks like binary data, not text", "give a YAML or JSON text file"),
    "file_encoding": ("the file is not valid UTF-8 (byte {byte} at offset {offset})", "save the file as UTF-8"),
    # YAML syntax and shape
    "yaml_syntax": ("YAML syntax error: {problem}", "fix the YAML at this place{hint}"),
    "yaml_tag": ("the tag {tag} is not allowed", "remove the tag; only plain YAML values are accepted"),
    "yaml_alias": ("an alias (*name) refers to a list or mapping", "write the content out instead of using anchors and aliases"),
    "yaml_too_deep": ("nesting is deeper than {limit} levels", "flatten the structure"),
    "yaml_too_many": ("the document has more than {limit} values", "split it into smaller files"),
    "yaml_duplicate_key": ("duplicate key '{key}' (also on line {first})", "keep only one of them"),
    "yaml_not_mapping": ("the top level is a {kind}, not a mapping", "start the file with keys such as 'id:' and 'title:'"),
    "yaml_bad_key": ("key {key} is not a string", "quote the key"),
    # checklist schema
    "schema_missing": ("'{key}' is required", "add '{key}:'"),
    "schema_unknown_key": ("unknown key '{key}'", "remove it{hint}"),
    "schema_type": ("{message}", "{fix}"),
    "schema_choice": ("'{value}' is not allowed", "use one of: {allowed}"),
    "schema_format": ("format {value} is not supported by this version of clinic-ready", "use 'format: 1' or upgrade clinic-ready"),
    "cond_shape": ("a condition needs exactly one of: question, score, all, any, not", "see 'Conditions' in docs/checklist-format.md"),
    "cond_operator": ("unknown operator '{key}'", "use one of: {allowed}{hint}"),
    "cond_one_operator": ("a test needs exactly one operator, found {found}", "use one of: {allowed}"),
    # cross references
    "dup_id": ("duplicate {kind} id '{id}' (first at {first})", "give each {kind} its own id"),
    "unknown_question": ("no question has the id '{id}'", "use an existing question id{hint}"),
    "forward_reference": ("'{id}' is asked after this {kind}", "a condition may only use questions asked before it"),
    "self_reference": ("a question cannot depend on itself", "refer to an earlier question"),
    "unknown_source": ("no source has the id '{id}'", "add it to 'sources' or cite an existing one{hint}"),
    "unknown_score": ("no score has the id '{id}'", "use an id from 'scores'{hint}"),
    "bad_value": ("'{value}' is not a choice of question '{question}'", "use one of: {allowed}{hint}"),
    "bad_operator": ("'{op}' does not apply to a {type} question", "use one of: {allowed}"),
    "choices_needed": ("a {type} question needs at least two choices", "add 'choices:' with 'value' and 'label'"),
    "choices_unexpected": ("a {type} question has no choices", "remove 'choices:' or change 'type:'"),
    "range_unexpected": ("'{key}' applies only to number questions", "remove '{key}:'"),
    "exclusive_unexpected": ("'exclusive' applies only to multi_choice options (a {type} question takes one answer anyway)", "remove 'exclusive:'"),
    "range_order": ("min {min} is greater than max {max}", "swap them"),
    "score_item": ("'{id}' has no scored choices", "give every choice of the question a 'score:'"),
    # checklist examples (self-tests)
    "unknown_concern": ("no concern has the id '{id}'", "use an existing concern id{hint}"),
    "example_dup": ("two examples are called '{name}' (first at {first})", "give each example its own name"),
    "example_base": ("no earlier example is called '{name}'", "name an example written above this one{hint}"),
    "example_conflict": ("'{id}' is listed under both '{a}' and '{b}'", "keep it under one of them"),
    # answers
    "answers_checklist": ("these answers are for checklist '{found}', not '{expected}'", "run them with 'clinic-ready run {found}' or fix 'checklist:'"),
    "answers_version": ("these answers were made for version {found}; the checklist is version {expected}", "check the answers still fit, then update 'checklist_version'"),
    "answer_unknown": ("no question has the id '{id}'", "remove it or fix the id{hint}"),
    "answer_hidden": ("question '{id}' is not asked with these answers (its condition is false)", "this answer is ignored; remove it or check the answers it depends on"),
    "answer_type": ("{problem}", "{fix}"),
    "answers_missing": ("{count} required question(s) have no answer: {ids}", "add them to the answers file (--answers FILE) or give them with --set ID=VALUE"),
    "set_syntax": ("'{text}' is not ID=VALUE (the '=' or the id is missing)", "write it as --set question_id=value"),
    # checklists by name
    "unknown_checklist": ("no shipped checklist is called '{name}'", "use one of: {allowed}{hint}, or give a path to a YAML file"),
}


def suggest(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint for a near-miss, or ''."""
    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def render_key_path(key_path: Sequence[object]) -> str:
    """('sections', 0, 'questions', 2, 'when') -> 'sections[0].questions[2].when'."""
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    code: str
    key_path: KeyPath = ()
    params: dict[str, object] = field(default_factory=dict, compare=False)
    line: int | None = None
    col: int | None = None
    path: str = ""
    warning: bool = False

    @property
    def what(self) -> str:
        return CATALOGUE[self.code][0].format(**self.params)

    @property
    def fix(self) -> str:
        return CATALOGUE[self.code][1].format(**self.params)

    def located(self, path: str, line: int | None, col: int | None) -> "Problem":
        return Problem(self.code, self.key_path, self.params, line, col, path, self.warning)

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        keys = render_key_path(self.key_path)
        middle = f" {keys}:" if keys else ""
        prefix = " warning:" if self.warning else ""
        from clinic_ready.safe_text import clean

        return clean(f"{where}:{prefix}{middle} {self.what} — {self.fix}", reveal=True)


def problem(code: str, key_path: Sequence[object] = (), **params: object) -> Problem:
    """Build a problem from a catalogue entry (checks the code exists)."""
    if code not in CATALOGUE:  # a programming error, not user input
        raise KeyError(code)
    params.setdefault("hint", "")
    return Problem(code, tuple(key_path), params)


class ClinicReadyError(Exception):
    """An error caused by the user's input or options; shown as one line per problem."""

    exit_code = EXIT_BAD_INPUT

    def lines(self) -> list[str]:
        return [str(self)]


#: at most this many problems are printed per input; the rest are counted
MAX_SHOWN = 100


class InputError(ClinicReadyError):
    """A checklist or answers file has problems (the first MAX_SHOWN are listed, then a count)."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        more = len(self.problems) - MAX_SHOWN
        if more > 0:
            shown.append(f"… and {more} more problem{'s' if more != 1 else ''} (fix these first, then run it again)")
        return shown


class UsageError(ClinicReadyError):
    """A command was used in a way that cannot work (a message and how to fix it)."""


class Interrupted(ClinicReadyError):
    """The person stopped the questionnaire; their draft has been kept."""

    exit_code = EXIT_INTERRUPTED
