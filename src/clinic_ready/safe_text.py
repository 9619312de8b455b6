"""The one sanitiser for untrusted text (checklists, answers files, --set, drafts, the keyboard).

Text from outside is data.  Before it reaches a terminal, an error message or a document, the
characters that could act on a terminal or hide what is written are made visible:

* C0 controls (ESC, BEL, CR, backspace, ...) become Unicode control pictures (ESC -> ␛), so an
  escape sequence (CSI, OSC: colours, clearing the screen, retitling the window, hyperlinks)
  is printed as harmless characters instead of being obeyed;
* DEL and the C1 controls (U+0080-U+009F, including the single-byte CSI U+009B) and the bidi
  embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) become their code point, such as ``<U+202E>``;
* newline and tab are kept where a text may span lines (``keep_lines``), else they become spaces.

``reveal=True`` (for ids and names in error messages) also shows invisible format characters
(zero-width space and joiners, BOM, word joiner) so that two ids that look alike can be told apart.

Rich markup is a separate matter: consoles are created with markup off and data is passed as
``Text``, so square brackets in data are always printed as written.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_INVISIBLE = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E]


def _table(keep_lines: bool, reveal: bool) -> dict[int, str]:
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
    table[0x7F] = "\u2421"
    for c in [*range(0x80, 0xA0), *_BIDI]:
        table[c] = f"<U+{c:04X}>"
    if reveal:
        for c in _INVISIBLE:
            table[c] = f"<U+{c:04X}>"
    if keep_lines:
        del table[0x0A], table[0x09]
    else:
        table[0x0A] = table[0x09] = " "
    return table


_TABLES = {(k, r): _table(k, r) for k in (False, True) for r in (False, True)}
_TRAILING = re.compile(r"[ ]+\n")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: object, keep_lines: bool = False, reveal: bool = False) -> str:
    """Untrusted text made safe to show: no control character or bidi override survives."""
    s = text if isinstance(text, str) else str(text)
    table = _TABLES[(keep_lines, reveal)]
    if not reveal and keep_lines and not _UNSAFE.search(s):
        return s  # the common case: nothing to change
    return s.translate(table)


#: characters JSON may carry raw that a terminal acts on, that reorder what is shown, or that hide:
#: DEL, the C1 controls (U+009B is a one-character CSI), the soft hyphen, the Arabic letter mark,
#: zero-width and directional marks, the line and paragraph separators, the bidi embeddings,
#: overrides and isolates, the invisible operators, and the byte order mark
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def escape_json(text: str) -> str:
    """JSON text with the characters above written as JSON escapes (\\u009b): still valid JSON, the same
    data once parsed, and nothing a terminal obeys (``json.dumps(..., ensure_ascii=False)``
    escapes only C0).  Every JSON output goes through it: -f json, -f fhir, explain -f json,
    export, list/validate -f json, and batch lines written to a terminal."""
    if not _JSON_UNSAFE.search(text):
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_safe(text: str, keep_lines: bool = True) -> bool:
    """True when ``clean`` would leave the text unchanged (used by tests and checks)."""
    return clean(text, keep_lines=keep_lines) == text


def clean_tree(obj: Any) -> Any:
    """Clean every string in a view model (dataclasses, lists, tuples, dicts), keeping line breaks."""
    if isinstance(obj, str):
        return clean(obj, keep_lines=True)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: clean_tree(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.init}
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*(clean_tree(v) for v in obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(clean_tree(v) for v in obj)
    if isinstance(obj, dict):
        return {k: clean_tree(v) for k, v in obj.items()}
    return obj


def console_class():
    """A Rich Console that cleans every text segment it writes (the terminal's one choke point)
    and treats a closed pipe as the reader having gone away."""
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def render(self, renderable, options=None):
            for seg in super().render(renderable, options):
                if seg.control is None and seg.text and _UNSAFE.search(seg.text):
                    yield Segment(clean(seg.text, keep_lines=True), seg.style, seg.control)
                else:
                    yield seg

        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

        def _render_buffer(self, buffer) -> str:
            text = super()._render_buffer(buffer)
            if not self.is_terminal:  # piped or written to a file: no padding at line ends
                text = _TRAILING.sub("\n", text)
            return text

    return SafeConsole
