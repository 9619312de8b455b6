"""Quick coercion of the command line's usual values, without building pydantic adapters.

typer 0.29 turns each parameter's text into its type with a pydantic ``TypeAdapter``, built when
a command runs.  Importing that layer (``typer._adapters``, pydantic's ``TypeAdapter`` and its
plugin loader, which imports ``importlib.metadata``) and building an adapter for every parameter
took about 12 ms of the 190 an HTML report took (measured, 22 November 2026), and it put pydantic
into the parent of ``batch --jobs``, which only waits (review-2026-11/perf.md, items 7 and 8).

clinic-ready's parameters are all simple: text, whole numbers, flags, and choices (``str`` enums),
or lists of them.  For those, a value written in its usual form (a string for text, ``-?[0-9]+``
for a number, an option of the choice) is turned into its type here, to the same value typer's
adapter gives (a property test in tests/cli/test_params.py holds the two equal).  Anything else
— a value typer would refuse, or one in a form it interprets (``" 5"``, ``5.0``, ``1_000``) —
goes to typer's own coercion, which gives the same result or the same usage error as before.

This reaches into typer's internals (``_TyperParameter._runtime_param``, ``typer._coercion``):
pyproject pins typer below 0.30, and with a typer that lacks them, typer's own coercion runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable, get_args, get_origin

#: a value the quick path does not take (typer's own coercion takes it instead)
PASS = object()
#: a whole number as the command line usually writes it (ASCII digits, well within Python's limit)
_WHOLE = re.compile(r"-?[0-9]{1,18}\Z")

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice
except ImportError:  # another typer: its own coercion for everything
    RuntimeParam = None


def _text(value: Any, ctx: Any) -> Any:
    return value if type(value) is str else PASS


def _flag(value: Any, ctx: Any) -> Any:
    return value if type(value) is bool else PASS


def _whole(value: Any, ctx: Any) -> Any:
    if type(value) is int:
        return value
    return int(value) if type(value) is str and _WHOLE.match(value) else PASS


def _choice(choices: tuple, case_sensitive: bool) -> Callable[[Any, Any], Any]:
    def choose(value: Any, ctx: Any) -> Any:
        try:  # typer's adapter runs exactly this (inside a pydantic BeforeValidator)
            return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)
        except ValueError:
            return PASS  # typer's own coercion words the error

    return choose


def _leaf(annotation: Any, info: Any) -> Callable[[Any, Any], Any] | None:
    if info.parser is not None or info.min is not None or info.max is not None:
        return None
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int:
        return _whole
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(tuple(annotation), info.case_sensitive)
    return None


def quick(descriptor: Any) -> Callable[[Any, Any], Any] | None:
    """The quick coercion of a parameter's values (value, ctx) -> its value or PASS; None when the
    parameter's type is not one of the simple ones."""
    if descriptor.file_annotation is not None:
        return None
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        one = _leaf(item, descriptor.parameter_info)
        if one is None:
            return None

        def each(value: Any, ctx: Any) -> Any:
            values = [one(v, ctx) for v in (value if isinstance(value, (list, tuple)) else [value])]
            return PASS if any(v is PASS for v in values) else values

        return each
    return _leaf(annotation, descriptor.parameter_info)


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class Quick(RuntimeParam):
        """A parameter's coercion: the quick path, else typer's own (built only when needed)."""

        descriptor: TypeDescriptor = None
        convert: Callable[[Any, Any], Any] = None
        _typer: list = field(default_factory=list, compare=False, repr=False)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            found = self.convert(value, ctx)
            if found is not PASS:
                return found
            if not self._typer:
                self._typer.append(build_runtime_param(self.descriptor))
            return self._typer[0]._coerce_value(value, param=param, ctx=ctx)


def prepare(params: Iterable[Any]) -> None:
    """Give each simple typer parameter the quick coercion (once; others keep typer's)."""
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", PASS) is not None:
            continue
        convert = quick(descriptor)
        if convert is not None:
            param._runtime_param = Quick(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                descriptor=descriptor, convert=convert,
            )
