"""Typed definitions: the checklist (validated by pydantic), answers, and the result of evaluating them.

The checklist classes *are* the schema (strict types, unknown keys rejected); ``clinic-ready
schema`` exports them as JSON Schema.  Answers and Result are plain dataclasses: the engine
builds them and renderers read them; neither knows about YAML, files or terminals.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple, Protocol, TypeGuard, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from clinic_ready.core.conditions import Compiled, Condition, LeafFinder
from clinic_ready.core.severity import Severity as Severity  # part of the model (in its own module: see there)

Id = str  # validated as an identifier in checks.py, so the message can name the fix

QUESTION_TYPES = ("yes_no", "choice", "multi_choice", "number", "text")
QuestionType = Literal["yes_no", "choice", "multi_choice", "number", "text"]
YES_NO = ("yes", "no")


_HINT = re.compile(r"\s*\((?=[^()]*\b(?:answers?|respuestas?)\b)[^()]*\)\s*$", re.IGNORECASE)


def strip_hint(text: str) -> str:
    """A prompt without a closing '(… the answers …)' hint for whoever answers for someone else."""
    return _HINT.sub("", text) if text.rstrip().endswith(")") else text


class _Model(BaseModel):
    # defer_build: the validators are built on first validation, not at import (commands that
    # never validate a checklist, such as --version, do not pay for them)
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, populate_by_name=True, str_strip_whitespace=True, defer_build=True
    )


class Source(_Model):
    """An entry of the checklist's bibliography."""

    id: Id
    title: str
    publisher: str
    year: int
    url: str | None = None


class Choice(_Model):
    """One option of a choice or multi_choice question."""

    value: str
    label: str
    score: int | None = None
    exclusive: bool = False  # multi_choice only: may not be combined with other options (FHIR optionExclusive)
    label_supporter: str | None = Field(
        default=None,
        description=(
            "The label for someone answering for the person: 'They give it to themselves' for 'I give it to myself'. "
            "Absent: the label is shown."
        ),
    )

    def label_for(self, respondent: str = "patient") -> str:
        return self.label_supporter if respondent == "supporter" and self.label_supporter else self.label


class Question(_Model):
    """One question. ``help`` says why it matters; ``when`` hides it unless the condition holds."""

    id: Id
    type: QuestionType
    prompt: str
    help: str
    choices: list[Choice] | None = None
    required: bool = True
    when: Condition | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    sources: list[Id] = Field(default_factory=list)
    facts: list[Id] = Field(
        default_factory=list, description="Ids of dated facts (top-level 'facts') its help relies on."
    )
    prompt_supporter: str | None = Field(
        default=None,
        description=(
            "The prompt for someone answering for the person (respondent: supporter), in the third person: "
            "'Does the person you are helping take...'. Absent: the prompt is shown."
        ),
    )
    help_supporter: str | None = Field(
        default=None,
        description=(
            "The help for a supporter, where it must differ from help (help that speaks to the patient as 'you'). "
            "Absent: the help is shown."
        ),
    )
    topic: str | None = Field(
        default=None,
        description=(
            "For a question about the person (a section with about: person): what it is about, as a topic the "
            "prescriber will ask about ('suicidal thoughts', 'street drugs'). Absent: the section title."
        ),
    )
    if_skipped: str | list[str] | None = Field(
        default=None,
        description=(
            "What skipping this question means (an opt-in gate: 'no'): Enter at the prompt records it, and an "
            "answers file that leaves the question out is read as giving it. Absent: a skipped question stays open."
        ),
    )
    hint_supporter: str | None = Field(
        default=None,
        description=(
            "A line shown under the prompt to a supporter at the questionnaire only, never in a report: "
            "'(\"I\" in the answers means them.)'."
        ),
    )

    def report_prompt(self, respondent: str = "patient") -> str:
        """The prompt as a report shows it: the respondent's wording without any hint about how to
        read the answers ('("I" in the answers means them.)'), which only helps at the prompt."""
        return strip_hint(self.prompt_for(respondent))

    def prompt_for(self, respondent: str = "patient") -> str:
        """The prompt as the respondent should read it ("patient" or "supporter")."""
        return self.prompt_supporter if respondent == "supporter" and self.prompt_supporter else self.prompt

    def help_for(self, respondent: str = "patient") -> str:
        return self.help_supporter if respondent == "supporter" and self.help_supporter else self.help

    @cached_property
    def choice_values(self) -> tuple[str, ...]:
        if self.type == "yes_no":
            return YES_NO
        return tuple(c.value for c in self.choices or ())

    def choice_label(self, value: object, respondent: str = "patient") -> str:
        if self.type == "yes_no":
            from clinic_ready.i18n import _

            return {"yes": _("Yes"), "no": _("No")}.get(str(value), str(value))
        for c in self.choices or ():
            if c.value == value:
                return c.label_for(respondent)
        return str(value)


class Section(_Model):
    """A titled group of questions, optionally shown only when ``when`` holds."""

    id: Id
    title: str
    intro: str | None = None
    when: Condition | None = None
    about: Literal["clinic", "person"] | None = None  # what its answers describe (compare); absent = clinic
    intro_supporter: str | None = Field(
        default=None,
        description=(
            "The intro for someone answering for the person ('Ketamine can raise their blood pressure…'). Absent: intro."
        ),
    )

    def intro_for(self, respondent: str = "patient") -> str | None:
        return self.intro_supporter if respondent == "supporter" and self.intro_supporter else self.intro

    questions: list[Question] = Field(min_length=1)


class Concern(_Model):
    """Something to raise before treatment, triggered when its condition holds."""

    id: Id
    severity: Severity = Field(strict=False)
    title: str
    when: Condition
    why: str
    ask: str
    action: str
    sources: list[Id] = Field(min_length=1)
    urgent: bool = False  # a response, not a severity: shown first, with the crisis lines, and interrupts the questions
    facts: list[Id] = Field(
        default_factory=list, description="Ids of dated facts (top-level 'facts') this concern relies on."
    )
    first_step: str | None = Field(
        default=None,
        description=(
            "The action as a first step that reads alone, without the concern's title ('Ask the prescriber whether "
            "trazodone at bedtime is safe with ketamine'). Absent: the action, prefixed by the title when it says "
            "'it', 'this', 'these' or 'them'."
        ),
    )
    first_step_supporter: str | None = Field(default=None, description="The first step for a supporter.")
    why_supporter: str | None = Field(
        default=None,
        description=(
            "Why it matters, told to someone answering for the person ('…while they have these thoughts'). Absent: why."
        ),
    )
    action_supporter: str | None = Field(
        default=None,
        description=("What to do, told to someone answering for the person ('Stay with them…'). Absent: action."),
    )

    def why_for(self, respondent: str = "patient") -> str:
        return self.why_supporter if respondent == "supporter" and self.why_supporter else self.why

    def first_step_for(self, respondent: str = "patient") -> str | None:
        if respondent == "supporter" and self.first_step_supporter:
            return self.first_step_supporter
        return self.first_step

    def urgent_action_for(self, respondent: str = "patient") -> str | None:
        """The action in the urgent block: for a supporter only its supporter form (the patient's own
        "tell someone near you how you feel" is not for a helper; the supporter's lines follow)."""
        if respondent == "supporter":
            return self.action_supporter
        return self.action

    def action_for(self, respondent: str = "patient") -> str:
        return self.action_supporter if respondent == "supporter" and self.action_supporter else self.action


class Fact(_Model):
    """A fact that depends on a rule with an end date (the DEA telemedicine flexibility ends on
    31 December 2026 unless extended): declared once, referenced by the concerns and questions that
    rely on it.  After ``valid_until`` every output shows a calm line next to them."""

    id: Id
    text: str = Field(description="The rule in a few words, for validate: 'DEA telemedicine flexibilities'.")
    valid_until: dt.date = Field(strict=False, description="The day the rule was set to end (YYYY-MM-DD).")
    source: Id = Field(description="The source id where to check whether it has changed.")


class Score(_Model):
    """A total of the choice scores of some questions (e.g. AUDIT-C), usable in conditions."""

    id: Id
    title: str
    items: list[Id] = Field(min_length=1)
    source: Id


class SupporterTip(_Model):
    """Something a family member or friend can do to help (shown when a supporter answers)."""

    text: str = Field(description="What a supporter can do, in plain language.")
    sources: list[Id] = Field(default_factory=list, description="Source ids behind any fact the tip states.")
    when: Condition | None = Field(
        default=None,
        description=("Shown only when this holds (or is unknown): 'Drive them home' only for clinic doses."),
    )


class Omitted(_Model):
    """A fact-sheet item deliberately left out of the checklist, with the reason."""

    item: str
    reason: str


VerdictCode = Literal["urgent", "stop", "discuss", "held", "ask", "incomplete", "none"]
ExampleAnswer = Union[str, bool, int, float, list[str | int | float | bool]]  # noqa: UP007


class Example(_Model):
    """A self-test run by ``clinic-ready test``: answers, and what must (not) follow from them."""

    name: str
    based_on: str | None = None  # an earlier example's name: start from its answers
    answers: dict[str, ExampleAnswer] = Field(default_factory=dict)
    raised: list[Id] = Field(default_factory=list)
    not_raised: list[Id] = Field(default_factory=list)
    could_apply: list[Id] = Field(default_factory=list)
    verdict: VerdictCode | None = None
    asked: list[Id] = Field(default_factory=list)
    skipped: list[Id] = Field(default_factory=list)


VerdictKey = Literal["urgent", "stop", "discuss", "ask", "incomplete", "none"]
HeadingKey = Literal[
    "questions", "first_steps", "concerns", "could_apply", "answers", "tips", "private", "good_to_know"
]


def _is_verdict_key(code: str) -> TypeGuard[VerdictKey]:
    return code in get_args(VerdictKey)


def _is_heading_key(key: str) -> TypeGuard[HeadingKey]:
    return key in get_args(HeadingKey)


class VerdictText(_Model):
    """A verdict's title and text as this checklist words them (either may be left to the default)."""

    title: str | None = None
    text: str | None = None


class Wording(_Model):
    """The checklist's own verdict texts and headings (wording.py has the defaults per reader).
    ``verdicts``/``headings`` speak to the checklist's reader (the patient, or staff);
    ``verdicts_supporter``/``headings_supporter`` to someone answering for the patient."""

    verdicts: dict[VerdictKey, VerdictText] = Field(default_factory=dict)
    headings: dict[HeadingKey, str] = Field(default_factory=dict)
    verdicts_supporter: dict[VerdictKey, VerdictText] = Field(default_factory=dict)
    headings_supporter: dict[HeadingKey, str] = Field(default_factory=dict)

    def verdict_for(self, code: str, audience: str) -> VerdictText | None:
        """This checklist's own text for a verdict (None: the default; a code that is no verdict
        key has none, as the schema allows only those keys)."""
        if not _is_verdict_key(code):
            return None
        return (self.verdicts_supporter if audience == "supporter" else self.verdicts).get(code)

    def heading_for(self, key: str, audience: str) -> str | None:
        """This checklist's own heading (None: the default; likewise only for a heading key)."""
        if not _is_heading_key(key):
            return None
        return (self.headings_supporter if audience == "supporter" else self.headings).get(key)


MigratedValue = Union[str, list[str]]  # noqa: UP007


class Migration(_Model):
    """How answers saved with an earlier version of this checklist are carried over to this one.

    Applied in order of ``from`` to answers files, drafts and FHIR QuestionnaireResponses that
    record an older ``checklist_version`` (see migration.py)."""

    from_version: str = Field(
        alias="from",
        description=(
            "The version this step starts from: answers saved with this version (or an earlier one) go through it."
        ),
    )
    renamed: dict[Id, Id] = Field(
        default_factory=dict, description="Old question id -> its id from the next version on."
    )
    to_multi_choice: list[Id] = Field(
        default_factory=list,
        description=(
            "Questions (new ids) that were a single choice and became multi_choice: the old answer becomes a one-item list."
        ),
    )
    values: dict[Id, dict[str, MigratedValue]] = Field(
        default_factory=dict,
        description=(
            "Question (new id) -> old value -> its new value, or a list of values (a value split in several). "
            "Split into several values for a single-choice question, the answer is asked again."
        ),
    )
    removed: list[Id] = Field(
        default_factory=list,
        description=("Questions (old ids) no longer asked: their answers are left out, and the note says so."),
    )
    ask_again: list[Id] = Field(
        default_factory=list,
        description=(
            "Questions (new ids) whose old answers cannot be carried over (the question changed its meaning): asked again."
        ),
    )


class TranslationCredit(Protocol):
    """What the model reads of the translation its texts come from (io.translation.Translation)."""

    @property
    def translated_by(self) -> list[str]: ...
    @property
    def review_status(self) -> str: ...


#: the engine's walk laid out once (Checklist.walk_plan): a section, its compiled condition (None:
#: always shown) and its questions, each with its own compiled condition
WalkStep = tuple[Section, Union[Compiled, None], tuple[tuple[Question, Union[Compiled, None]], ...]]  # noqa: UP007
#: Checklist.concern_plan: a concern, its compiled condition and its sources
ConcernStep = tuple[Concern, Compiled, tuple[Source, ...]]


class Checklist(_Model):
    """A whole checklist file (format 1)."""

    format: Literal[1]
    id: Id
    title: str
    version: str
    languages: list[str] = Field(
        default_factory=lambda: ["en"],
        description="Languages of the texts: the checklist's own first, then each one a sibling <file>.<lang>.yaml translates.",
    )
    _translation: TranslationCredit | None = PrivateAttr(
        default=None
    )  # set by translation.localize: who translated, review status
    facts_as_of: dt.date = Field(strict=False)
    review_by: dt.date | None = Field(default=None, strict=False)
    maintainers: list[str] = Field(default_factory=list)
    reviewed_by: list[str] = Field(default_factory=list)
    funding: str | None = None
    audience: str
    reader: Literal["patient", "staff"] = Field(
        default="patient",
        description=(
            "Who reads the results: 'patient' (the person considering treatment, or someone helping them) or "
            "'staff' (a clinic auditing itself). Chooses the verdict texts, headings and banner (wording.py)."
        ),
    )
    wording: Wording | None = Field(
        default=None,
        description=("The checklist's own verdict texts and headings, instead of the defaults for its reader."),
    )
    intro: str
    balance: str | None = None
    notice: str
    sources: list[Source] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    concerns: list[Concern] = Field(default_factory=list)
    scores: list[Score] = Field(default_factory=list)
    supporter_tips: list[SupporterTip] = Field(
        default_factory=list,
        description=("What a family member or friend answering for the person can do; shown when a supporter answers."),
    )
    omitted: list[Omitted] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    facts: list[Fact] = Field(
        default_factory=list,
        description=(
            "Facts with an end date, referenced by concerns and questions (docs/checklist-format.md, 'Dated facts')."
        ),
    )
    migrations: list[Migration] = Field(
        default_factory=list,
        description=(
            "How answers saved with earlier versions are carried over (docs/checklist-format.md, 'Migrations')."
        ),
    )

    @property
    def translation(self) -> TranslationCredit | None:
        """The translation.Translation these texts come from (who translated, review status), or None."""
        return self._translation

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for s in self.sections for q in s.questions}

    @cached_property
    def concern_by_id(self) -> dict[str, Concern]:
        return {c.id: c for c in self.concerns}

    @cached_property
    def section_of(self) -> dict[str, Section]:
        return {q.id: s for s in self.sections for q in s.questions}

    @cached_property
    def skip_answers(self) -> dict[str, Answer]:
        """Question id -> the Answer that skipping it means (Question.if_skipped), checked once."""
        from clinic_ready.core.coercion import coerce

        return {q.id: coerce(q, q.if_skipped) for q in self.questions.values() if q.if_skipped is not None}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def fact_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    def expired_lines(self, fact_ids: Iterable[str], today: dt.date) -> list[str]:
        """The calm line for each of these facts whose end date has passed."""
        from clinic_ready.dates import in_words
        from clinic_ready.i18n import _

        out = []
        for fid in fact_ids:
            f = self.fact_by_id.get(fid)
            if f is None or today <= f.valid_until:
                continue
            src = self.source_by_id.get(f.source)
            where = (src.url or src.title) if src else f.source
            out.append(
                _("This rule was set to end on {date}; check whether it has changed: {source}").format(
                    date=in_words(f.valid_until), source=where
                )
            )
        return out

    @cached_property
    def score_by_id(self) -> dict[str, Score]:
        return {s.id: s for s in self.scores}

    @cached_property
    def compiled(self) -> dict[tuple[str, str], Compiled]:
        """Every condition compiled once: ("section"|"question"|"concern", id) -> function."""
        from clinic_ready.core.conditions import compile_condition

        out: dict[tuple[str, str], Compiled] = {}
        for s in self.sections:
            if s.when is not None:
                out[("section", s.id)] = compile_condition(s.when)
            for q in s.questions:
                if q.when is not None:
                    out[("question", q.id)] = compile_condition(q.when)
        for c in self.concerns:
            out[("concern", c.id)] = compile_condition(c.when)
        for i, t in enumerate(self.supporter_tips):
            if t.when is not None:
                out[("tip", str(i))] = compile_condition(t.when)
        return out

    @cached_property
    def walk_plan(self) -> tuple[WalkStep, ...]:
        """The engine's walk, laid out once: (section, its compiled condition or None, ((question,
        its compiled condition or None), ...)) in checklist order, so that evaluating an answers
        file looks nothing up by id."""
        c = self.compiled
        return tuple(
            (s, c.get(("section", s.id)), tuple((q, c.get(("question", q.id))) for q in s.questions))
            for s in self.sections
        )

    @cached_property
    def concern_plan(self) -> tuple[ConcernStep, ...]:
        """(concern, its compiled condition, its sources) for every concern, in checklist order."""
        c, by_id = self.compiled, self.source_by_id
        return tuple((con, c[("concern", con.id)], tuple(by_id[x] for x in con.sources)) for con in self.concerns)

    @cached_property
    def unknown_leaf_finders(self) -> dict[int, LeafFinder]:
        """Condition (by id) -> its compiled ``conditions.unknown_leaves``, made when first asked."""
        return {}

    def credit_line(self) -> str | None:
        """The line every output shows for translated content: who translated it and its review
        status (None for a checklist in its own language)."""
        tr = self._translation
        if tr is None:
            return None
        from clinic_ready.i18n import _

        return _("Translated by {who}; {status}.").format(
            who=", ".join(tr.translated_by), status=tr.review_status.rstrip(".")
        )

    def currency_line(self) -> str:
        """ "Facts checked 2026-11-01 · review due 2026-12-31": printed in every output (in the
        current language; Spanish writes the dates in words)."""
        from clinic_ready.dates import show_date
        from clinic_ready.i18n import _

        line = _("Facts checked {date}").format(date=show_date(self.facts_as_of))
        if not self.review_by:
            return line
        return _("{facts} · review due {date}").format(facts=line, date=show_date(self.review_by))

    def overdue_line(self, today: dt.date) -> str | None:
        """A calm note once the review date has passed (never an error)."""
        if self.review_by is None or today <= self.review_by:
            return None
        from clinic_ready.dates import show_date
        from clinic_ready.i18n import _

        return _(
            "This checklist is due for review: it was to be re-checked by {date}. "
            "Rules and labels may have changed since; ask your clinician about anything that matters to you."
        ).format(date=show_date(self.review_by))

    @property
    def question_count(self) -> int:
        return len(self.questions)


# --------------------------------------------------------------------------- answers and results

AnswerState = Literal["answered", "unsure", "declined"]
AnswerValue = object  # str | int | float | list[str]


@dataclass(frozen=True)
class Answer:
    """What the person said: a value, or that they are unsure, or that they prefer not to say."""

    state: AnswerState
    value: AnswerValue = None

    @classmethod
    def of(cls, value: AnswerValue) -> Answer:
        return cls("answered", value)

    def to_data(self) -> object:
        """The answers-file form: the value itself, or the words unsure / declined."""
        return self.value if self.state == "answered" else self.state


RESPONDENTS = ("patient", "supporter")  # who answered: the person considering treatment, or someone helping them


@dataclass
class Answers:
    """Answers by question id, with the checklist they were given for, and who gave them."""

    checklist_id: str
    checklist_version: str | None = None
    values: dict[str, Answer] = field(default_factory=dict)
    respondent: str = "patient"  # one of RESPONDENTS


class ItemResult(NamedTuple):
    """One question as the engine saw it: shown or skipped, and its answer state."""

    question: Question
    section: Section
    state: str  # answered | unsure | declined | skipped | missing
    answer: Answer | None
    in_doubt: bool = False  # shown because its (or its section's) condition is unknown: when in doubt, ask
    by_skipping: bool = False  # not answered: its answer is what skipping it means (Question.if_skipped)


class Finding(NamedTuple):
    """A triggered concern with its sources resolved."""

    concern: Concern
    sources: tuple[Source, ...]


class Possible(NamedTuple):
    """A concern that could apply: its condition is unknown because of the answers in ``depends_on``."""

    concern: Concern
    sources: tuple[Source, ...]
    depends_on: tuple[ItemResult, ...]


class AskItem(NamedTuple):
    """One entry of "questions to ask your clinic": a raised concern's ``ask``, or (with
    ``question_id``) an open answer a could-apply concern depends on.  ``text`` is the checklist's
    own text (the ask, or the question as the respondent read it); the words around it ("Could
    apply: …") are made by the renderers (render/texts.py)."""

    text: str
    severity: Severity
    concern_id: str
    question_id: str | None = None  # set when the entry is an unknown answer a could-apply concern depends on
    state: str | None = None  # that answer's state: unsure | declined | missing


#: what a first step is: the urgent concern's action, finding out a held answer, or a concern's step
StepKind = Literal["crisis", "find_out", "concern"]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)


class Step(NamedTuple):
    """A first step as data: what to do, named by ids.  ``crisis``: the urgent concern's action;
    ``find_out``: find out the answer (``question_id``) a held verdict depends on; ``concern``: a
    raised concern's own step.  Its text is made by the renderers (render/texts.py)."""

    kind: StepKind
    concern_id: str
    question_id: str | None = None


@dataclass(frozen=True)
class Verdict:
    """The overall reading, from most to least serious, as a code (the texts are made by the
    renderers: wording.verdict_text)."""

    code: str  # urgent | stop | discuss | ask | incomplete | none | held
    held_at: str | None = None  # the severity a could-apply concern holds the verdict at
    held_count: int = 0  # how many concerns at that level could apply


@dataclass(frozen=True)
class Result:
    """Everything a renderer needs: no renderer looks at the checklist file or the answers file."""

    checklist: Checklist
    items: tuple[ItemResult, ...]
    findings: tuple[Finding, ...]
    not_assessed: tuple[ItemResult, ...]
    verdict: Verdict
    scores: dict[str, float | None]
    ignored: tuple[str, ...] = ()  # answers given to questions that were not asked
    could_apply: tuple[Possible, ...] = ()  # concerns whose condition is unknown, most severe first
    #: the first steps' candidates, most important first (the lead, then raised concerns);
    #: render/texts.first_steps keeps up to three that say something new
    first_steps: tuple[Step, ...] = ()
    private: tuple[str, ...] = ()  # question ids: open answers about the person, for the prescriber to ask
    ask_list: tuple[AskItem, ...] = ()  # "questions to ask your clinic", most serious first
    respondent: str = "patient"  # who answered (Answers.respondent)
    tips: tuple[SupporterTip, ...] = ()  # "How you can help": a supporter's tips whose condition holds or is unknown
    good_to_know: tuple[Finding, ...] = ()  # raised ``info`` items: never concerns, never counted

    @property
    def urgent(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.concern.urgent)

    @cached_property
    def ask_numbers(self) -> dict[str, int]:
        """Concern id -> the number (from 1) of its first entry in ``ask_list``: a concern card says
        "ask question 3" instead of repeating the question."""
        out: dict[str, int] = {}
        for n, item in enumerate(self.ask_list, 1):
            out.setdefault(item.concern_id, n)
        return out

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.concern.severity is severity)

    @property
    def counts(self) -> dict[str, int]:
        """Raised concerns per level (``info`` items are not concerns: see good_to_know)."""
        return {s.value: self.count(s) for s in Severity if s is not Severity.info}

    def fail_level(self) -> Severity | None:
        """What --fail-on compares: the worst raised concern, or the level a held verdict is held at
        ("Find out first: 1 critical concern could apply" counts as critical), whichever is worse."""
        levels = [f.concern.severity for f in self.findings]
        if self.verdict.held_at:
            levels.append(Severity(self.verdict.held_at))
        return min(levels, key=lambda s: s.rank, default=None)

    @property
    def crisis_first(self) -> bool:
        """Crisis lines go before the concern list: an urgent concern is raised, or could apply."""
        return bool(self.urgent) or any(p.concern.urgent for p in self.could_apply)

    def worst(self) -> Severity | None:
        return min(
            (f.concern.severity for f in self.findings), key=lambda s: s.rank, default=None
        )  # urgent ones come first
