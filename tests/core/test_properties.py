"""Property tests: whatever bytes or structures come in, only clinic-ready's own errors come out.

A few thousand examples run here; benchmarks/fuzz.py runs the same properties far longer.
"""

from __future__ import annotations  # noqa: I001

import os
import string

from helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_ready.core import engine
from clinic_ready.errors import ClinicReadyError
from clinic_ready.io.answers import AnswerRejected, coerce, parse_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist, parse_checklist
from clinic_ready.io.yamlio import decode, parse
import contextlib

CL = load_checklist(shipped()["ketamine-clinic"])
MINI_TEXT = (FIXTURES / "mini.yaml").read_text()
EXAMPLES_EACH = int(os.environ.get("CLINIC_READY_FUZZ_EXAMPLES", "400"))  # benchmarks/fuzz.py raises it
SETTINGS = settings(
    max_examples=EXAMPLES_EACH, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)

YAML_BITS = st.sampled_from(
    [
        "- ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        ",",
        "&a ",
        "*a",
        "!!python/name:os.system",
        "!!str ",
        "? ",
        "|",
        ">",
        "#",
        "\n",
        "  ",
        "'",
        '"',
        "yes",
        "no",
        "~",
        "1e3",
        ".inf",
        "2026-01-01",
        "<<: *a",
        "%YAML 1.2\n---\n",
        "...\n",
        "\t",
    ]
)
yaml_like = st.lists(st.one_of(YAML_BITS, st.text(string.printable, max_size=6)), max_size=40).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)


def only_our_errors(fn, *args):
    with contextlib.suppress(ClinicReadyError):
        fn(*args)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_our_error(raw):
    def go():
        parse(decode(raw, "f"), "f")

    only_our_errors(go)


@SETTINGS
@given(yaml_like)
def test_yaml_like_text_never_escapes_as_a_crash(text):
    only_our_errors(parse, text, "f.yaml")
    only_our_errors(parse_checklist, text, "f.yaml")


@SETTINGS
@given(st.integers(0, MINI_TEXT.count("\n")), yaml_like)
def test_mutated_checklists_load_or_report(line, insert):
    lines = MINI_TEXT.splitlines()
    lines.insert(line, insert)
    only_our_errors(parse_checklist, "\n".join(lines), "m.yaml")


@SETTINGS
@given(
    st.dictionaries(st.sampled_from(["checklist", "checklist_version", "answers", "other"]), json_values, max_size=4)
)
def test_answers_documents_parse_or_report(data):
    only_our_errors(parse_answers, data, CL, "", "a.yaml")


@SETTINGS
@given(st.sampled_from(sorted(CL.questions)), json_values)
def test_coerce_accepts_or_rejects_with_a_message(qid, raw):
    try:
        answer = coerce(CL.questions[qid], raw)
    except AnswerRejected as exc:
        assert exc.what and exc.fix
    else:
        assert answer.state in ("answered", "unsure", "declined")


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(CL.questions)), json_values, max_size=30))
def test_whatever_survives_validation_evaluates(raw):
    data = {"checklist": CL.id, "answers": raw}
    try:
        answers, _ = parse_answers(data, CL, "", "a.yaml")
    except ClinicReadyError:
        return
    result = engine.evaluate(CL, answers)
    assert result.verdict.code in ("urgent", "stop", "discuss", "held", "ask", "incomplete", "none")


conditions = st.recursive(
    st.fixed_dictionaries({"question": st.sampled_from(["monitored", "meds", "where", "age", "nope"])}).flatmap(
        lambda base: st.fixed_dictionaries(
            {**{k: st.just(v) for k, v in base.items()}},
            optional={op: json_values for op in ["equals", "in", "includes", "gte", "state", "bogus"]},
        )
    ),
    lambda c: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(c, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(c, max_size=3)),
        st.builds(lambda x: {"not": x}, c),
    ),
    max_leaves=6,
)


@SETTINGS
@given(conditions)
def test_condition_language_validates_or_reports(cond):
    import json

    text = MINI_TEXT.replace("when: {question: monitored, equals: no}", "when: " + json.dumps(cond), 1)
    only_our_errors(parse_checklist, text, "m.yaml")
