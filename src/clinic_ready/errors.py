"""Error types and the message catalogue.

Every problem a user can cause is reported as one line:

    PATH:LINE:COL: key.path: what is wrong — how to fix it

Messages live in ``CATALOGUE`` so that wording is changed in one place and tests can build the
expected text from the same entry (the pyxform habit).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from clinic_ready.i18n import N_, _, ngettext

EXIT_OK = 0
EXIT_CONCERN = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_PIPE = 141  # the reader of our output went away (128 + SIGPIPE), as for other tools

#: the program's name, which the error boundary (process.exit_code_for) writes before a plain
#: message; messages themselves never name the program (issue 24)
PROGRAM = "clinic-ready"

KeyPath = tuple[object, ...]

#: code -> (what is wrong, how to fix it).  Both are ``str.format`` templates, marked for translation
#: and translated when a problem is shown (``Problem.what`` / ``Problem.fix``).
CATALOGUE: dict[str, tuple[str, str]] = {
    # reading files
    "file_missing": (N_("no such file"), N_("check the path")),
    "file_is_dir": (N_("this is a directory, not a file"), N_("give the path of a YAML or JSON file")),
    "file_unreadable": (N_("cannot be read ({reason})"), N_("check the file's permissions")),
    "file_too_large": (
        N_("the file is {size} bytes; the limit is {limit} bytes"),
        N_("split it or remove unused content"),
    ),
    "file_empty": (N_("the file is empty"), N_("write a YAML mapping into it (see docs/checklist-format.md)")),
    "file_binary": (N_("looks like binary data, not text"), N_("give a YAML or JSON text file")),
    "file_encoding": (N_("the file is not valid UTF-8 (byte {byte} at offset {offset})"), N_("save the file as UTF-8")),
    # YAML syntax and shape
    "yaml_syntax": (N_("YAML syntax error: {problem}"), N_("fix the YAML at this place{hint}")),
    "yaml_tag": (N_("the tag {tag} is not allowed"), N_("remove the tag; only plain YAML values are accepted")),
    "yaml_alias": (
        N_("an alias (*name) refers to a list or mapping"),
        N_("write the content out instead of using anchors and aliases"),
    ),
    "yaml_too_deep": (N_("nesting is deeper than {limit} levels"), N_("flatten the structure")),
    "yaml_too_many": (N_("the document has more than {limit} values"), N_("split it into smaller files")),
    "yaml_duplicate_key": (N_("duplicate key '{key}' (also on line {first})"), N_("keep only one of them")),
    "yaml_not_mapping": (
        N_("the top level is a {kind}, not a mapping"),
        N_("start the file with keys such as 'id:' and 'title:'"),
    ),
    "yaml_bad_key": (N_("key {key} is not a string"), N_("quote the key")),
    # checklist schema
    "schema_missing": (N_("'{key}' is required"), N_("add '{key}:'")),
    "schema_unknown_key": (N_("unknown key '{key}'"), N_("remove it{hint}")),
    "schema_type": (N_("{message}"), N_("{fix}")),
    "schema_choice": (N_("'{value}' is not allowed"), N_("use one of: {allowed}")),
    "schema_format": (
        N_("format {value} is not supported by this version of clinic-ready"),
        N_("use 'format: 1' or upgrade clinic-ready"),
    ),
    "cond_shape": (
        N_("a condition needs exactly one of: question, score, all, any, not"),
        N_("see 'Conditions' in docs/checklist-format.md"),
    ),
    "cond_operator": (N_("unknown operator '{key}'"), N_("use one of: {allowed}{hint}")),
    "cond_one_operator": (N_("a test needs exactly one operator, found {found}"), N_("use one of: {allowed}")),
    # cross references
    "dup_id": (N_("duplicate {kind} id '{id}' (first at {first})"), N_("give each {kind} its own id")),
    "unknown_question": (N_("no question has the id '{id}'"), N_("use an existing question id{hint}")),
    "forward_reference": (
        N_("'{id}' is asked after this {kind}"),
        N_("a condition may only use questions asked before it"),
    ),
    "self_reference": (N_("a question cannot depend on itself"), N_("refer to an earlier question")),
    "unknown_source": (N_("no source has the id '{id}'"), N_("add it to 'sources' or cite an existing one{hint}")),
    "unknown_fact": (N_("no fact has the id '{id}'"), N_("add it to 'facts' or use an existing one{hint}")),
    "unknown_score": (N_("no score has the id '{id}'"), N_("use an id from 'scores'{hint}")),
    "bad_value": (N_("'{value}' is not a choice of question '{question}'"), N_("use one of: {allowed}{hint}")),
    "bad_operator": (N_("'{op}' does not apply to a {type} question"), N_("use one of: {allowed}")),
    "choices_needed": (
        N_("a {type} question needs at least two choices"),
        N_("add 'choices:' with 'value' and 'label'"),
    ),
    "choices_unexpected": (N_("a {type} question has no choices"), N_("remove 'choices:' or change 'type:'")),
    "range_unexpected": (N_("'{key}' applies only to number questions"), N_("remove '{key}:'")),
    "exclusive_unexpected": (
        N_("'exclusive' applies only to multi_choice options (a {type} question takes one answer anyway)"),
        N_("remove 'exclusive:'"),
    ),
    "range_order": (N_("min {min} is greater than max {max}"), N_("swap them")),
    "score_item": (N_("'{id}' has no scored choices"), N_("give every choice of the question a 'score:'")),
    # migrations (answers saved with earlier versions)
    "migration_from": (
        N_("a migration from version {found} is not from an earlier version than this one ({version})"),
        N_("write the version the answers were saved with, or remove the step"),
    ),
    "migration_multi": (
        N_("'{id}' is a {type} question, not a multi_choice"),
        N_("remove it from 'to_multi_choice', or make the question a multi_choice"),
    ),
    # checklist examples (self-tests)
    "unknown_concern": (N_("no concern has the id '{id}'"), N_("use an existing concern id{hint}")),
    "example_dup": (N_("two examples are called '{name}' (first at {first})"), N_("give each example its own name")),
    "example_base": (N_("no earlier example is called '{name}'"), N_("name an example written above this one{hint}")),
    "example_conflict": (N_("'{id}' is listed under both '{a}' and '{b}'"), N_("keep it under one of them")),
    # answers
    "answers_checklist": (
        N_("these answers are for checklist '{found}', not '{expected}'"),
        N_("run them with 'clinic-ready run {found}' or fix 'checklist:'"),
    ),
    "answers_version": (
        N_("these answers were made for version {found}; the checklist is version {expected}"),
        N_("check the answers still fit, then update 'checklist_version'"),
    ),
    "answers_migrated": (N_("{note}"), N_("{next}")),
    "answer_unknown": (N_("no question has the id '{id}'"), N_("remove it or fix the id{hint}")),
    "answer_hidden": (
        N_("question '{id}' is not asked with these answers (its condition is false)"),
        N_("this answer is ignored; remove it or check the answers it depends on"),
    ),
    "answer_type": (N_("{problem}"), N_("{fix}")),
    "answers_missing": (
        N_("{count} required question(s) have no answer: {ids}"),
        N_("add them to the answers file (--answers FILE) or give them with --set ID=VALUE"),
    ),
    "set_syntax": (
        N_("'{text}' is not ID=VALUE (the '=' or the id is missing)"),
        N_("write it as --set question_id=value"),
    ),
    # translations (checklists/<id>.<lang>.yaml)
    "translation_missing": (
        N_("no '{language}' translation of this text"),
        N_("add it to the checklist's .{language}.yaml file (see 'Translations' in docs/checklist-format.md)"),
    ),
    "translation_file": (
        N_("the checklist declares language '{language}' but {file} does not exist"),
        N_("write {file} next to the checklist, or remove '{language}' from 'languages'"),
    ),
    "translation_unknown": (N_("the checklist has no {kind} with the id '{id}'"), N_("remove it or fix the id{hint}")),
    "translation_extra_tips": (
        N_("{found} supporter tips, the checklist has {expected}"),
        N_("keep one translated tip per tip of the checklist, in the same order"),
    ),
    "translation_of": (
        N_("this translates '{found}', not '{expected}'"),
        N_("put it next to the checklist it translates, or fix 'translation_of'"),
    ),
    "translation_language": (
        N_("the file is for language '{found}', its name says '{expected}'"),
        N_("fix 'language:' or rename the file"),
    ),
    "translation_version": (
        N_("this translates version {found}; the checklist is version {expected}"),
        N_("check the texts that changed, then set 'version: \"{expected}\"'"),
    ),
    # checklists by name
    "unknown_checklist": (
        N_("no shipped checklist is called '{name}'"),
        N_("use one of: {allowed}{hint}, or give a path to a YAML file"),
    ),
    # hostile or unusual YAML (reliability review, December 2026)
    "yaml_tag_number": (
        N_("a {tag} value must be a plain decimal number"),
        N_("write it as a plain decimal such as 31 or 0.5, without the tag"),
    ),
    "yaml_tag_value": (N_("a {tag} value must be one of: {allowed}"), N_("write one of them, or remove the tag")),
    "yaml_number_range": (
        N_("this number is too small or too large to be read exactly"),
        N_("write it as a plain decimal such as 0.001 or 1000"),
    ),
    "yaml_key_container": (N_("a key is a list or mapping"), N_("use plain text as keys")),
    "fhir_duplicate_link": (
        N_("question '{id}' is answered twice (first at {first})"),
        N_("keep only one item with this linkId"),
    ),
    "answers_checklist_file": (
        N_("these answers are for checklist '{found}', not '{expected}'"),
        N_(
            "give that checklist's file before the answers: 'clinic-ready run CHECKLIST_FILE --answers {answers}', or fix 'checklist:'"
        ),
    ),
    "yaml_expands": (
        N_("aliases (*name) make the text longer than {limit} characters"),
        N_("write the text out once instead of repeating an alias"),
    ),
}


def suggest(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint for a near-miss, or ''."""
    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return _(" (did you mean '{word}'?)").format(word=matches[0]) if matches else ""


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
        return _(CATALOGUE[self.code][0]).format(**self.params)

    @property
    def fix(self) -> str:
        return _(CATALOGUE[self.code][1]).format(**self.params)

    def located(self, path: str, line: int | None, col: int | None) -> Problem:
        return Problem(self.code, self.key_path, self.params, line, col, path, self.warning)

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        keys = render_key_path(self.key_path)
        middle = f" {keys}:" if keys else ""
        prefix = " " + _("warning:") if self.warning else ""
        from clinic_ready.safe_text import clean

        return clean(f"{where}:{prefix}{middle} {self.what} — {self.fix}", reveal=True)


def problem(code: str, key_path: Sequence[object] = (), **params: object) -> Problem:
    """Build a problem from a catalogue entry (checks the code exists)."""
    if code not in CATALOGUE:  # a programming error, not user input
        raise KeyError(code)
    params.setdefault("hint", "")
    return Problem(code, tuple(key_path), params)


def with_program(text: str) -> str:
    """'clinic-ready: text', the way a message is shown; blank lines before the text stay before it."""
    body = text.lstrip("\n")
    return text[: len(text) - len(body)] + f"{PROGRAM}: {body}"


class ClinicReadyError(Exception):
    """An error caused by the user's input or options; shown as one line per problem."""

    exit_code = EXIT_BAD_INPUT
    #: a plain message is shown after the program's name; located problems are not
    names_program = True

    def lines(self) -> list[str]:
        """The message, without the program's name."""
        return [str(self)]

    def shown(self) -> list[str]:
        """The lines as the person sees them (the error boundary prints these)."""
        return [with_program(line) for line in self.lines()] if self.names_program else self.lines()


#: at most this many problems are printed per input; the rest are counted
MAX_SHOWN = 100


class InputError(ClinicReadyError):
    """A checklist or answers file has problems (the first MAX_SHOWN are listed, then a count)."""

    names_program = False  # each line starts with the file it is about

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        more = len(self.problems) - MAX_SHOWN
        if more > 0:
            shown.append(
                ngettext(
                    "… and {count} more problem (fix these first, then run it again)",
                    "… and {count} more problems (fix these first, then run it again)",
                    more,
                ).format(count=more)
            )
        return shown


class UsageError(ClinicReadyError):
    """A command was used in a way that cannot work (a message and how to fix it)."""


class Interrupted(ClinicReadyError):
    """The person stopped the questionnaire; their draft has been kept."""

    exit_code = EXIT_INTERRUPTED
