"""The YAML layer: the yes/no trap, duplicate keys, hostile input, line numbers."""

from __future__ import annotations

import io

import pytest

from clinic_ready.errors import InputError
from clinic_ready.io import yamlio


def lines_of(exc: pytest.ExceptionInfo) -> str:
    return "\n".join(exc.value.lines())


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "a: yes\nb: no\nc: on\nd: off\ne: y\nf: n",
            {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "y", "f": "n"},
        ),
        ("a: true\nb: false", {"a": True, "b": False}),
        ("a: 2024-01-01", {"a": "2024-01-01"}),
        ("a: 3\nb: 2.5", {"a": 3, "b": 2.5}),
        ('{"a": [1, "x"], "b": true}', {"a": [1, "x"], "b": True}),  # JSON is YAML
    ],
)
def test_scalars_mean_what_the_author_typed(text, expected):
    assert yamlio.parse(text, "f.yaml") == expected


def test_duplicate_keys_are_reported_with_both_lines():
    with pytest.raises(InputError) as exc:
        yamlio.parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert lines_of(exc) == "f.yaml:3:1: duplicate key 'a' (also on line 1) — keep only one of them"


def test_syntax_error_names_line_and_column():
    with pytest.raises(InputError) as exc:
        yamlio.parse("a: [1, 2\nb: 3\n", "f.yaml")
    assert lines_of(exc).startswith("f.yaml:2:")
    assert "YAML syntax error" in lines_of(exc)


def test_python_tags_are_refused():
    with pytest.raises(InputError) as exc:
        yamlio.parse("a: !!python/object/apply:os.system ['echo hi']\n", "f.yaml")
    assert "1:4: the tag !!python/object/apply:os.system is not allowed" in lines_of(exc)


def test_alias_bomb_is_refused_quickly():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    with pytest.raises(InputError) as exc:
        yamlio.parse(bomb, "bomb.yaml")
    assert "alias" in lines_of(exc)


@pytest.mark.parametrize("doc", ["[" * 100000 + "]" * 100000, "- " * 5000 + "x", "{a: " * 3000 + "1" + "}" * 3000])
def test_deep_nesting_is_refused_without_crashing(doc):
    with pytest.raises(InputError) as exc:
        yamlio.parse(doc, "deep.yaml")
    assert "nesting is deeper than" in lines_of(exc)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "the file is empty"),
        (b"   \n\t\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "looks like binary data"),
        (b"a: 1\nb: caf\xe9\n", "is not valid UTF-8"),
    ],
)
def test_bad_bytes_get_one_clear_line(raw, message):
    with pytest.raises(InputError) as exc:
        yamlio.decode(raw, "x.yaml")
    assert message in lines_of(exc)
    assert len(exc.value.lines()) == 1


def test_invalid_utf8_names_line_and_column():
    with pytest.raises(InputError) as exc:
        yamlio.decode(b"a: 1\nb: caf\xe9\n", "x.yaml")
    assert lines_of(exc).startswith("x.yaml:2:7: the file is not valid UTF-8 (byte 0xe9 at offset 11)")


def test_utf8_bom_simply_works():
    assert yamlio.parse(yamlio.decode(b"\xef\xbb\xbfa: caf\xc3\xa9\n", "x"), "x") == {"a": "café"}


def test_top_level_must_be_a_mapping():
    with pytest.raises(InputError) as exc:
        yamlio.require_mapping(yamlio.parse("- a\n- b\n", "x.yaml"), "x.yaml")
    assert lines_of(exc) == (
        "x.yaml:1:1: the top level is a list, not a mapping — start the file with keys such as 'id:' and 'title:'"
    )


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError) as exc:
        yamlio.read_source(tmp_path / "nope.yaml")
    assert lines_of(exc) == f"{tmp_path / 'nope.yaml'}: no such file — check the path"
    with pytest.raises(InputError) as exc:
        yamlio.read_source(tmp_path)
    assert "is a directory" in lines_of(exc)


def test_oversize_input_is_refused_before_reading_it_all(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (yamlio.MAX_BYTES + 10))
    with pytest.raises(InputError) as exc:
        yamlio.read_source(big)
    assert "the limit is" in lines_of(exc)
    with pytest.raises(InputError):
        yamlio.read_source("-", stdin=io.BytesIO(b"a: " + b"x" * (yamlio.MAX_BYTES + 10)))


def test_locate_finds_keys_and_list_items():
    text = "a:\n  b:\n    - x\n    - y: 1\n"
    paths = [("a", "b", 1, "y"), ("a", "b", 1, "y"), ("a", "b", 0), ("a", "missing")]
    where = yamlio.locate(text, paths, [True, False, False, False])
    assert where[(paths[0], True)] == (4, 7)  # the key
    assert where[(paths[1], False)] == (4, 10)  # its value
    assert where[(paths[2], False)] == (3, 7)
    assert where[(paths[3], False)] == (2, 3)  # the deepest node that exists


@pytest.mark.parametrize(
    "doc",
    [
        "[" + " ']', [" * 3000 + "1" + "]" * 3001,  # closers hidden in quotes
        "[" + " # ]]]]\n [" * 3000 + "1" + "]" * 3001,  # closers hidden in comments
    ],
)
def test_nesting_cannot_be_hidden_from_the_guard(doc):
    with pytest.raises(InputError) as exc:
        yamlio.parse(doc, "deep.yaml")
    assert "nesting is deeper than" in lines_of(exc)


def test_brackets_in_text_do_not_trip_the_guard():
    text = "a: " + "'[[[['" + "\nb: " + ", ".join(["{x: 1}"] * 200).join(["[", "]"]) + "\nc: text with [ and {\n"
    assert yamlio.parse(text, "x")["a"] == "[[[["


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [1, 2.5, true, null, '3', x]\nc: {d: e}\n",
        "a: &s str\nb: *s\n",
        "1: a\n2: b\n",
        "a: 1\na: 2\nb: {c: 1, c: 2}\n",
        "x: !!str 12\ny: 2026-01-01\nz: .inf\n",
        "",
        "# only\n",
        "[1, [2, [3]]]\n",
        "n: ~\nm: no\nk: |\n  two\n  lines\n",
        "i: !!int 12\nf: !!float 1.5\nb: !!bool true\nz: !!null ~\n",
    ],
)
def test_the_core_schema_build_equals_pyyamls_constructor(text):
    """yamlio builds documents itself; for the core schema the data and duplicate-key records are PyYAML's."""
    loader = yamlio._Loader(text)
    loader.duplicates = []
    try:
        expected = (loader.duplicates, loader.get_single_data())
    finally:
        loader.dispose()
    assert yamlio._construct(text) == expected


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: &x [1]\nb: *x\n", "1:4", "an alias (*name) refers to a list or mapping"),
        ("base: &b {x: 1}\nm: {<<: *b, y: 2}\n", "1:7", "an alias (*name) refers to a list or mapping"),
        ("- !!binary aGk=\n", "1:3", "the tag !!binary is not allowed"),
        ("a: !!set {x, y}\n", "1:4", "the tag !!set is not allowed"),
        ("a: {q: 1, c: !!timestamp soon}\n", "1:14", "the tag !!timestamp is not allowed"),
        ("a: !!bool x\n", "1:4", "a !!bool value must be one of: true, false"),
        ("a: !!bool yes\n", "1:4", "a !!bool value must be one of: true, false"),
        ("a: !!null nothing\n", "1:4", "a !!null value must be one of"),
        ("checklist: !!set [a]\n", "1:12", "the tag !!set is not allowed"),
        ("a: !!pairs [k: v]\n", "1:4", "the tag !!pairs is not allowed"),
        ("a: !!omap [k: v]\n", "1:4", "the tag !!omap is not allowed"),
        ("a: !custom x\n", "1:4", "the tag !custom is not allowed"),
        ("a: !!str [x]\n", "1:4", "the tag !!str is not allowed"),
        ("a: !!int 0x1F\n", "1:4", "a !!int value must be a plain decimal number"),
        ("a: !!int 12:30\n", "1:4", "a !!int value must be a plain decimal number"),
        ("a: !!int 1_000\n", "1:4", "a !!int value must be a plain decimal number"),
        ("a: !!float 190:20:30.15\n", "1:4", "a !!float value must be a plain decimal number"),
        ("a: 1e-400\n", "1:4", "too small or too large"),
        ("a: 0." + "0" * 4000 + "1\n", "1:4", "too small or too large"),
        ("a: -1e400\n", "1:4", "too small or too large"),
        ("? [a]\n: b\n", "1:3", "a key is a list or mapping"),
    ],
)
def test_only_the_core_schema_is_built(text, where, message):
    """Any other tag, or a value its tag does not fit, is one located problem (never PyYAML's
    AttributeError, KeyError or TypeError, which were 'internal errors')."""
    with pytest.raises(InputError) as exc:
        yamlio.parse(text, "t.yaml")
    assert lines_of(exc).startswith(f"t.yaml:{where}: ")
    assert message in lines_of(exc)


def _pairs_bomb(n: int, tag: str) -> str:
    parts = ["&a0 [x,x,x,x,x,x,x,x,x,x]"] + [f"&a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, n)]
    return f"checklist: ketamine-clinic\nanswers:\n  medicines: {tag}\n    - k: [" + ", ".join(parts) + "]\n"


@pytest.mark.parametrize("tag", ["!!pairs", "!!omap", "!!set", "", "!mine"])
def test_alias_bombs_inside_any_tag_are_refused_at_once(tag):
    """Review 2026-12 major 1: an alias bomb inside !!pairs (423 bytes) needed about 24 GB."""
    text = _pairs_bomb(6, tag)  # 6 levels: 10^6 items once expanded (the old loader took ~3 s and 280 MB)
    assert len(text) < 700
    with pytest.raises(InputError):
        yamlio.parse(text, "bomb.yaml")


def test_aliases_to_text_cannot_multiply_memory():
    """Review 2026-12 major 4: each use of an alias to text counts; a 2 MB file never needs 4 GB."""
    big = "lorem ipsum " * 20_000  # 240 KB
    uses = "".join("  - {item: *big, reason: *big}\n" for _ in range(15))
    with pytest.raises(InputError) as exc:
        yamlio.parse(f'notice: &big "{big}"\nomitted:\n{uses}', "amp.yaml")
    assert "aliases (*name) make the text longer than" in lines_of(exc)
    assert lines_of(exc).startswith("amp.yaml:1:9: ")  # at the anchor
    few = "".join("  - {item: *big}\n" for _ in range(3))
    assert len(yamlio.parse(f'notice: &big "{big}"\nomitted:\n{few}', "ok.yaml")["omitted"]) == 3


# --------------------------------------------------------------------------- tag resolution

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "False",
            "yes",
            "no",
            "on",
            "0",
            "-1",
            "+7",
            "010",
            "0x1F",
            "1_000",
            "12:30",
            "1.5",
            ".5",
            "1e3",
            "-.inf",
            ".NaN",
            "2026-11-21",
            "<<",
            "=",
            "note 123",
        ]
    ),
    st.from_regex(r"[-+]?[0-9]{1,6}(\.[0-9]{0,3})?([eE][-+]?[0-9]{1,3})?", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(_SCALARS, st.booleans(), st.booleans())
def test_the_loaders_tag_resolution_is_pyyamls(value, plain, quoted):
    """The loader's own resolve() (a faster copy) gives the tag PyYAML's resolver gives, for any
    scalar, plain or quoted, and for sequences and mappings."""
    import yaml

    loader = yamlio._Loader("")
    try:
        for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
            implicit = (plain, quoted)
            assert loader.resolve(kind, value, implicit) == yaml.resolver.BaseResolver.resolve(
                loader, kind, value, implicit
            )
    finally:
        loader.dispose()


@pytest.mark.parametrize(
    ("text", "where"),
    [("a: b\nc: d\x1b]2;x\n", "2:5"), ("a: [" + "[" * 70 + "\x13" + "]" * 71 + "\n", "1:75"), ("a: x\x00\n", "1:5")],
)
def test_control_characters_are_located_even_where_nesting_is_checked(text, where):
    """libyaml's ReaderError is not a MarkedYAMLError: it escaped the nesting guard (the fuzzer's
    first finding after the nesting fix) and had no location."""
    with pytest.raises(InputError) as exc:
        yamlio.parse(text, "c.yaml")
    assert lines_of(exc).startswith(f"c.yaml:{where}: YAML syntax error: the character U+")
