"""Read YAML (or JSON) text safely and map key paths back to lines.

* libyaml's C parser when present (5-10x faster), the pure-Python one otherwise.
* YAML 1.2 booleans: only true/false are booleans, so ``answer: no`` means the word "no".
  Dates stay strings; the schema decides what a date is.
* Duplicate keys are reported instead of silently keeping the last one.
* Only the YAML 1.2 core schema is built (text, numbers, true/false, null, lists, mappings): any
  other tag (!!timestamp, !!set, !!pairs, !!python/…) or a value its tag does not fit (!!int 0x1F)
  is a located problem, never a PyYAML constructor's exception.
* Guards against hostile input: a size limit, binary and encoding checks, a nesting check before
  the C parser (which overflows the C stack on very deep flow collections), and, while the data is
  built, aliases to containers ("billion laughs"), nesting, the number of values and the text that
  aliases to text expand to.
* Line numbers are found only when there is something to report, by composing the text again.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from clinic_ready.errors import InputError, KeyPath, Problem, problem

MAX_BYTES = 5 * 1024 * 1024  # documented in docs/checklist-format.md
MAX_DEPTH = 64
MAX_VALUES = 2_000_000

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: YAML 1.1 resolvers the core schema does not have: yes/no booleans, dates, merge keys (<<) and
#: the value key (=) -- all plain text here
_DROPPED = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}


def _note_key(duplicates: list, first: dict, key_node: Any) -> None:
    """Record a mapping key's first line, or the key as a duplicate (key, first line, line, column)."""
    key, line = key_node.value, key_node.start_mark.line + 1
    if key in first:
        duplicates.append((key, first[key], line, key_node.start_mark.column + 1))
    else:
        first[key] = line


class _Loader(_BASE):  # type: ignore[misc,valid-type]
    """Safe loader: YAML 1.2 booleans, dates as text, duplicate keys recorded."""

    duplicates: list[tuple[str, int, int, int]]

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        first: dict[object, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                _note_key(self.duplicates, first, key_node)
        return super().construct_mapping(node, deep=deep)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """PyYAML's tag resolution, for this loader (no path resolvers): the first implicit
        resolver that matches a plain scalar, else the default tag; the same answers as
        BaseResolver.resolve, without its per-call list building (libyaml calls it for every
        scalar of every file)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _SCALAR
        return _SEQUENCE if kind is yaml.SequenceNode else _MAPPING


_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED | _NUMBERS]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# YAML 1.2 (JSON-like) numbers: plain decimal only.  12:30 (base 60), 0x1F, 0b101, 0o17, 010 and
# 1_000 stay text, so a number question rejects them instead of misreading them.  Integers longer
# than 4,000 digits stay text too (Python refuses to convert them; the schema reports them).
_INT_TEXT = re.compile(r"^[-+]?(?:0|[1-9][0-9]{0,3999})$")
_FLOAT_TEXT = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]{1,4})?|[-+]?[0-9]+[eE][-+]?[0-9]{1,4}"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT_TEXT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_TEXT, list("-+0123456789."))
assert not _Loader.yaml_path_resolvers  # resolve() above relies on it
_WILDCARD = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
#: first character of a plain scalar -> the resolvers to try, in PyYAML's order (then the wildcard ones)
_IMPLICIT = {
    first: tuple(resolvers) + _WILDCARD
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
_SCALAR, _SEQUENCE, _MAPPING = _Loader.DEFAULT_SCALAR_TAG, _Loader.DEFAULT_SEQUENCE_TAG, _Loader.DEFAULT_MAPPING_TAG


def read_source(path: str | Path, stdin: Any = None) -> tuple[str, str]:
    """Return (display name, text) for a file path or '-' (standard input)."""
    name = str(path)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = stream.read(MAX_BYTES + 1)
        name = "<stdin>"
    else:
        try:
            with open(name, "rb") as fh:  # a folder: IsADirectoryError (one open, no separate stat)
                size = os.fstat(fh.fileno()).st_size
                if size > MAX_BYTES:
                    raise InputError([problem("file_too_large", size=size, limit=MAX_BYTES).located(name, None, None)])
                raw = fh.read(size + 1)  # a buffer of the file's size, not of the limit (5 MB for every small file)
                if len(raw) > size:  # it grew while read, or a FIFO or device (size 0): read on, to the limit
                    raw += fh.read(MAX_BYTES + 1 - len(raw))
        except FileNotFoundError:
            raise InputError([problem("file_missing").located(name, None, None)]) from None
        except IsADirectoryError:
            raise InputError([problem("file_is_dir").located(name, None, None)]) from None
        except (PermissionError, OSError) as exc:
            if isinstance(exc, InputError):
                raise
            reason = exc.strerror or type(exc).__name__
            raise InputError([problem("file_unreadable", reason=reason).located(name, None, None)]) from None
    return name, decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Bytes -> text, refusing binary, invalid UTF-8 and oversize input (a BOM is fine)."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_BYTES:
        raise InputError(
            [problem("file_too_large", size=f"more than {MAX_BYTES}", limit=MAX_BYTES).located(name, None, None)]
        )
    if b"\x00" in raw[:8192] or b"\x00" in raw:
        raise InputError([problem("file_binary").located(name, None, None)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        err = problem("file_encoding", byte=f"0x{raw[exc.start]:02x}", offset=exc.start)
        raise InputError([err.located(name, line, col)]) from None
    if not text.strip():
        raise InputError([problem("file_empty").located(name, None, None)])
    return text


_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"")
_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth_bound(text: str) -> int:
    """An upper bound on flow-collection nesting: brackets outside quotes and comments.

    Closers can only hide depth inside flow context, where every unquoted bracket is structure;
    the count is clamped at zero so stray closers in block text cannot lower the bound.
    """
    stripped = _COMMENT.sub("", _QUOTED.sub("", text))
    depth = deepest = 0
    for ch in _BRACKETS.findall(stripped):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


#: block sequences nested on one line ("- - - …"): MAX_DEPTH markers in a row; the first pattern,
#: two markers in a row, is necessary for it and several times cheaper to look for
_MARKER_PAIR = re.compile(r"[-?] +[-?]")
_MARKER_RUN = re.compile(rf"(?:[-?] +){{{MAX_DEPTH},}}")


def _check_nesting(text: str, name: str) -> None:
    """Refuse input nested deeper than MAX_DEPTH *before* libyaml recurses into it."""
    if _MARKER_PAIR.search(text) and _MARKER_RUN.search(text):
        raise InputError([problem("yaml_too_deep", limit=MAX_DEPTH).located(name, None, None)])
    if text.count("[") + text.count("{") <= MAX_DEPTH or _flow_depth_bound(text) <= MAX_DEPTH:
        return
    depth = 0
    too_deep = problem("yaml_too_deep", limit=MAX_DEPTH)
    try:
        for event in yaml.parse(text, Loader=_BASE):  # exact and iterative: never recurses
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    assert mark is not None  # the parser marks every event it emits
                    raise InputError([too_deep.located(name, mark.line + 1, mark.column + 1)])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        # A parser's own nesting limit (libyaml's since PyYAML 6.0.4) is the same refusal as ours;
        # any other error (a syntax error, a control character: a ReaderError, which is not a
        # MarkedYAMLError) is reported, located, by the parse that follows.
        if not isinstance(exc, yaml.MarkedYAMLError) or "nesting" not in str(exc.problem or ""):
            return
        mark = exc.problem_mark
        raise InputError(
            [too_deep.located(name, mark.line + 1 if mark else None, mark.column + 1 if mark else None)]
        ) from None


def parse(text: str, name: str) -> Any:
    """Parse YAML/JSON text into plain Python data, or raise InputError with line numbers."""
    _check_nesting(text, name)
    return _parse(text, name)


_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _join_surrogates(text: str) -> str:
    """JSON writes characters beyond U+FFFF as a surrogate pair (\\ud83d\\ude00); YAML does not
    accept that escape, so each pair becomes the character it stands for."""

    def one(m: re.Match) -> str:
        code = 0x10000 + ((int(m.group(2), 16) - 0xD800) << 10) + (int(m.group(3), 16) - 0xDC00)
        return m.group(1) + f"\\U{code:08X}"

    return _SURROGATE_PAIR.sub(one, text)


def _parse(text: str, name: str) -> Any:
    try:
        return _parse_once(text, name)
    except InputError as exc:
        if "escape" in str(exc) and _SURROGATE_PAIR.search(text):
            return _parse_once(_join_surrogates(text), name)
        raise


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT, _FLOAT, _BOOL, _NULL = (
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
)
_NONZERO_MANTISSA = re.compile(r"^[^eE]*[1-9]")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: the text a document may expand to through aliases to text (each use counted): the size limit of a
#: file, so a document without aliases never reaches it and one with them never needs more memory
#: than the largest file would
MAX_TEXT = MAX_BYTES


class _Refused(Exception):
    """Something in the document is refused while it is built: the problem, at the node."""

    def __init__(self, node: Any, code: str, **params: object):
        super().__init__(code)
        self.node, self.code, self.params = node, code, params


def _tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _float(text: str, node: Any) -> float:
    low = text.lower()
    if low.endswith((".inf", ".nan")):
        value = float(low.replace(".", ""))
        return value
    value = float(text)
    if value == 0.0 and _NONZERO_MANTISSA.match(text) or value in (float("inf"), float("-inf")):
        raise _Refused(node, "yaml_number_range")  # 1e-400 would be 0, 1e400 infinity
    return value


def _scalar(node: Any) -> Any:
    """A scalar as the YAML 1.2 core schema reads it; any other tag, or a value its tag does not
    fit (!!int 0x1F, !!int 12:30, !!bool x), is refused rather than guessed at."""
    tag, text = node.tag, node.value
    if tag == _INT:
        if _INT_TEXT.match(text):
            return int(text)
        raise _Refused(node, "yaml_tag_number", tag="!!int")
    if tag == _FLOAT:
        if _FLOAT_TEXT.match(text) or _INT_TEXT.match(text):
            return _float(text, node)
        raise _Refused(node, "yaml_tag_number", tag="!!float")
    if tag == _BOOL:
        if text in _BOOLS:
            return _BOOLS[text]
        raise _Refused(node, "yaml_tag_value", tag="!!bool", allowed="true, false")
    if tag == _NULL:
        if text in _NULLS:
            return None
        raise _Refused(node, "yaml_tag_value", tag="!!null", allowed="null, ~")
    raise _Refused(node, "yaml_tag", tag=_tag_name(tag))


class _Builder:
    """Plain data from composed nodes under the YAML 1.2 core schema: text, numbers, true/false,
    null, lists and mappings.  Nothing else is constructed, so no PyYAML constructor (and none of
    its exceptions) is ever reached; aliases to lists or mappings, nesting deeper than MAX_DEPTH,
    more than MAX_VALUES values and more than MAX_TEXT characters of text (aliases to text
    counted at each use) are refused at the node, while the data is built."""

    def __init__(self, duplicates: list):
        self.duplicates = duplicates
        self.seen: set[int] = set()
        self.values = 0
        self.chars = 0

    def build(self, node: Any, depth: int = 0) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(node, "yaml_too_many", limit=MAX_VALUES)
        cls = node.__class__
        if cls is yaml.ScalarNode:
            self.chars += len(node.value)
            if self.chars > MAX_TEXT:
                raise _Refused(node, "yaml_expands", limit=MAX_TEXT)
            return node.value if node.tag == _STR else _scalar(node)
        if id(node) in self.seen:
            raise _Refused(node, "yaml_alias")
        self.seen.add(id(node))
        if depth >= MAX_DEPTH:
            raise _Refused(node, "yaml_too_deep", limit=MAX_DEPTH)
        if cls is yaml.MappingNode and node.tag == _MAP:
            out: dict = {}
            first: dict = {}
            for k, v in node.value:
                if k.__class__ is not yaml.ScalarNode:
                    raise _Refused(k, "yaml_key_container")
                _note_key(self.duplicates, first, k)
                key = self.build(k, depth + 1)
                if key.__class__ is float and key != key:
                    key = k.value  # NaN is never equal to itself: a key no lookup could find
                out[key] = self.build(v, depth + 1)
            return out
        if cls is yaml.SequenceNode and node.tag == _SEQ:
            return [self.build(n, depth + 1) for n in node.value]
        raise _Refused(node, "yaml_tag", tag=_tag_name(node.tag))


def _construct(text: str) -> tuple[list, Any]:
    """(duplicate keys, data) of a YAML text (see _Builder)."""
    loader = _Loader(text)
    duplicates: list = []
    try:
        node = loader.get_single_node()
        return duplicates, (None if node is None else _Builder(duplicates).build(node))
    finally:
        loader.dispose()


def _parse_once(text: str, name: str) -> Any:
    try:
        duplicates, data = _construct(text)
    except _Refused as exc:
        mark = exc.node.start_mark
        raise InputError([problem(exc.code, (), **exc.params).located(name, mark.line + 1, mark.column + 1)]) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, name)]) from None
    except yaml.reader.ReaderError as exc:  # a control character: located by its position
        at = exc.position if isinstance(exc.position, int) and 0 <= exc.position <= len(text) else None
        line = None if at is None else text.count("\n", 0, at) + 1
        col = None if at is None else at - (text.rfind("\n", 0, at) + 1) + 1
        what = (
            f"the character U+{exc.character:04X} is not allowed"
            if isinstance(exc.character, int)
            else "a character is not allowed"
        )
        raise InputError([problem("yaml_syntax", problem=what).located(name, line, col)]) from None
    except yaml.YAMLError as exc:
        raise InputError([problem("yaml_syntax", problem=str(exc)).located(name, None, None)]) from None
    except RecursionError:  # the pure-Python composer recurses; libyaml has its own depth limit
        raise InputError([problem("yaml_too_deep", limit=MAX_DEPTH).located(name, None, None)]) from None
    except Exception as exc:  # whatever a parser raises on a text is about the text
        raise InputError(
            [
                problem("yaml_syntax", problem=f"the text cannot be read ({type(exc).__name__})").located(
                    name, None, None
                )
            ]
        ) from None
    if duplicates:
        raise InputError(
            [
                problem("yaml_duplicate_key", key=key, first=first).located(name, line, col)
                for key, first, line, col in duplicates
            ]
        )
    return data


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    what = (exc.problem or exc.context or "invalid YAML").strip()
    if "could not determine a constructor for the tag" in what:
        tag = what.rsplit(" ", 1)[-1]
        return problem("yaml_tag", tag=tag).located(name, line, col)
    hint = ""
    if "\t" in what or "tab" in what:
        hint = " (use spaces, not tabs, for indentation)"
    elif "mapping values are not allowed" in what:
        hint = " (a value containing ': ' needs quotes)"
    return problem("yaml_syntax", problem=what, hint=hint).located(name, line, col)


def require_mapping(data: object, name: str) -> dict:
    """The top level of checklists and answers files must be a mapping with string keys."""
    if isinstance(data, dict):
        return data
    kind = {list: "list", type(None): "empty document"}.get(type(data), "single value")
    raise InputError([problem("yaml_not_mapping", kind=kind).located(name, 1, 1)])


#: problems about a key itself (not its value) point at the key
KEY_CODES = frozenset({"schema_unknown_key", "cond_operator", "answer_unknown", "answer_hidden", "yaml_bad_key"})


def locate(text: str, key_paths: Iterable[KeyPath], at_key: Iterable[bool] = ()) -> dict[tuple, tuple[int, int]]:
    """Find (line, column) of each key path's value (or key) by composing the text once.

    Each mapping is indexed the first time a path goes through it, so the work is linear in the
    size of the document plus the length of the paths, however many problems there are.
    """
    try:
        root = yaml.compose(_join_surrogates(text) if _SURROGATE_PAIR.search(text) else text, Loader=_BASE)
    except (yaml.YAMLError, ValueError):
        return {}
    found: dict[tuple, tuple[int, int]] = {}
    index: dict[int, dict[str, tuple[Any, Any]]] = {}
    flags = list(at_key)
    for n, key_path in enumerate(key_paths):
        want_key = flags[n] if n < len(flags) else False
        node = _walk(root, key_path, want_key, index)
        if node is not None:
            found[(tuple(key_path), want_key)] = (node.start_mark.line + 1, node.start_mark.column + 1)
    return found


def _key_texts(part: object) -> tuple[str, ...]:
    """How a key of this value may be written in YAML (keys that are not strings included)."""
    if isinstance(part, str):
        return (part,)
    if part is None:
        return ("~", "null", "Null", "NULL", "")
    if isinstance(part, bool):
        word = "true" if part else "false"
        return (word, word.title(), word.upper())
    return (str(part),)


def _walk(node: Any, key_path: Sequence[object], want_key: bool = False, index: dict | None = None) -> Any:
    """Follow a key path through composed nodes; stop at the deepest node that exists."""
    index = {} if index is None else index
    last = len(key_path) - 1
    for i, part in enumerate(key_path):
        nxt = None
        if isinstance(node, yaml.MappingNode):
            keys = index.get(id(node))
            if keys is None:
                keys = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        keys.setdefault(key_node.value, (key_node, value_node))
                index[id(node)] = keys
            for text in _key_texts(part):
                if text in keys:
                    key_node, value_node = keys[text]
                    nxt = key_node if (i == last and want_key) else value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
        if nxt is None:
            return node
        node = nxt
    return node


def locate_all(problems: Sequence[Problem], text: str, name: str) -> list[Problem]:
    """Attach file name, line and column to every problem, in file order."""
    if not problems:
        return []
    flags = [p.code in KEY_CODES for p in problems]
    where = locate(text, [p.key_path for p in problems], flags)
    out = []
    for p, flag in zip(problems, flags, strict=False):
        line, col = where.get((p.key_path, flag), (None, None))
        out.append(p.located(name, line, col))
    return sorted(out, key=lambda p: (p.line or 0, p.col or 0))
