"""Properties of the December 2026 fixes: JSON escaping keeps the data, and the YAML reader
builds only the core schema whatever the text."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_ready.errors import ClinicReadyError
from clinic_ready.io import yamlio
from clinic_ready.safe_text import escape_json

CONTROLS = st.sampled_from(
    ["\u009b", "\u0085", "\u202e", "\u202a", "\u2066", "\u2069", "\u2028", "\u2029", "\x7f", "\x1b", "\\", '"']
)
texts = st.lists(st.one_of(st.text(max_size=5), CONTROLS), max_size=12).map("".join)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda c: st.lists(c, max_size=3) | st.dictionaries(texts, c, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(values, st.booleans())
def test_escaped_json_is_the_same_data_with_nothing_a_terminal_obeys(value, indent):
    text = escape_json(json.dumps(value, ensure_ascii=False, indent=2 if indent else None))
    assert json.loads(text) == value
    assert not any(
        0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 or c in "\u2028\u2029"
        for c in text
    )


BITS = st.sampled_from(
    [
        "!!timestamp ",
        "!!bool ",
        "!!set ",
        "!!pairs ",
        "!!omap ",
        "!!binary ",
        "!!int ",
        "!!float ",
        "!!null ",
        "!x ",
        "&a ",
        "*a",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ": ",
        "- ",
        "\n",
        "  ",
        "0x1F",
        "12:30",
        "1e-400",
        "yes",
        "'",
        '"',
        "? ",
        "<<: ",
        "~",
        "1",
        "a",
    ]
)


def core(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, (str, int, float, bool, type(None))) and core(v) for k, v in value.items())
    if isinstance(value, list):
        return all(core(v) for v in value)
    return isinstance(value, (str, int, float, bool, type(None)))


@settings(max_examples=500, deadline=None)
@given(st.lists(BITS, max_size=30).map("".join))
def test_any_text_is_core_schema_data_or_one_of_our_errors(text):
    try:
        data = yamlio.parse(text, "f.yaml")
    except ClinicReadyError:
        return
    assert core(data)
