"""The quick coercion of command-line values (cli/params.py) gives what typer's own gives."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer._coercion import build_runtime_param
from typer._click import Context
from typer._click.exceptions import BadParameter

from clinic_ready.cli import params
from conftest import EXAMPLES


def commands():
    """(name, Click command) of the root and every command."""
    import typer.main

    from clinic_ready.cli import app

    root = typer.main.get_command(app)
    return [("clinic-ready", root), *sorted(root.commands.items())]


def typed_params():
    """(command, parameter) for every parameter that typer coerces (the help option is Click's)."""
    return [(cmd, p) for _, cmd in commands() for p in cmd.params if hasattr(p, "type_descriptor")]


def test_every_parameter_of_every_command_has_the_quick_path():
    """A new parameter of another type would still work (typer's own coercion), but every command
    would again build pydantic adapters: extend cli/params.py with it."""
    slow = [f"{cmd.name} {p.name}: {p.type_descriptor.annotation!r}" for cmd, p in typed_params()
            if params.quick(p.type_descriptor) is None]
    assert not slow
    assert len(typed_params()) > 30


WORDS = st.text(alphabet=st.sampled_from("0123456789-+ _.eEx٣\udcffaA\x00"), max_size=24)


def values_for(param) -> st.SearchStrategy:
    annotation = param.type_descriptor.annotation
    one = annotation if not isinstance(getattr(annotation, "__args__", None), tuple) else annotation.__args__[0]
    forms = [WORDS, st.text(max_size=12), st.integers(min_value=-10**30, max_value=10**30).map(str), st.booleans(),
             st.integers(min_value=-5, max_value=5)]
    if isinstance(one, type) and issubclass(one, Enum):
        names = [m.value for m in one]
        forms += [st.sampled_from(list(one)), st.sampled_from(names),
                  st.sampled_from(names).map(str.upper), st.sampled_from(names).map(str.title)]
    leaf = st.one_of(*forms)
    return st.one_of(leaf, st.lists(leaf, max_size=4), st.lists(leaf, max_size=4).map(tuple))


_TYPERS: dict[int, object] = {}  # typer's coercion of each parameter, built once (a pydantic adapter each)


def typer_says(descriptor, value, param, ctx):
    """typer's own coercion: ("value", result) or ("error", message)."""
    if id(descriptor) not in _TYPERS:
        _TYPERS[id(descriptor)] = (descriptor, build_runtime_param(descriptor))  # (kept alive: ids stay unique)
    try:
        return "value", _TYPERS[id(descriptor)][1]._coerce_value(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return "error", exc.message


@pytest.mark.parametrize("cmd, param", typed_params(), ids=lambda x: getattr(x, "name", None))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_quick_path_gives_typers_value_or_leaves_the_value_to_typer(cmd, param, data):
    value = data.draw(values_for(param))
    ctx = Context(cmd)
    convert = params.quick(param.type_descriptor)
    found = convert(value, ctx)
    if found is params.PASS:
        return
    kind, expected = typer_says(param.type_descriptor, value, param, ctx)
    assert kind == "value", f"typer refuses {value!r} ({expected}); the quick path gave {found!r}"
    assert found == expected and type(found) is type(expected)


@pytest.mark.parametrize("text, number", [("2", 2), ("-0", 0), ("007", 7), ("123456789012345678", 123456789012345678)])
def test_whole_numbers_in_their_usual_form_take_the_quick_path(text, number):
    assert params._whole(text, None) == number


@pytest.mark.parametrize("text", [" 2", "2.0", "1_000", "+2", "٣", "", "1234567890123456789", "two"])
def test_other_forms_of_numbers_go_to_typer(text):
    assert params._whole(text, None) is params.PASS


@given(st.text(alphabet=st.sampled_from("0123456789-+ _.٣"), max_size=22))
@example("0" * 18)
@example("٣")
def test_a_whole_number_the_quick_path_takes_is_the_one_typer_reads(text):
    from typer.models import OptionInfo
    from typer._coercion import resolve_type_descriptor

    found = params._whole(text, None)
    if found is not params.PASS:
        assert typer_says(resolve_type_descriptor(int, OptionInfo()), text, None, None) == ("value", found)


def test_a_bad_value_still_gets_typers_own_message():
    """The quick path passes it on: the same BadParameter (and so the same usage error, exit 2)."""
    from clinic_ready.cli.batch import BatchFormat

    cmd = dict(commands())["batch"]
    (jobs,) = [p for p in cmd.params if p.name == "jobs"]
    (fmt,) = [p for p in cmd.params if p.name == "fmt"]
    params.prepare(cmd.params)
    ctx = Context(cmd)
    for param, value in ((jobs, "two"), (fmt, "ndjson")):
        with pytest.raises(BadParameter) as quick:
            param.get_runtime_param().coerce(value, param=param, ctx=ctx)
        assert ("error", quick.value.message) == typer_says(param.type_descriptor, value, param, ctx)
    assert fmt.get_runtime_param().coerce("fhir-ndjson", param=fmt, ctx=ctx) is BatchFormat.fhir_ndjson


def test_a_command_given_usual_values_never_builds_pydantic_adapters(tmp_path):
    """What the quick path is for: typer's adapter layer (and pydantic's plugin loader) are never
    imported by a report, nor pydantic at all by the parent of `batch --jobs 2`, which only starts its workers and waits."""
    code = (
        "import sys\n"
        "from clinic_ready import batch\n"
        "def parallel(*a, **k):\n"
        "    print('batch parent imports pydantic:', 'pydantic' in sys.modules)\n"
        "    return batch.Summary(False, frozenset())\n"
        "batch.parallel = parallel\n"
        "from clinic_ready.cli import app\n"
        "import typer.main\n"
        "cli = typer.main.get_command(app)\n"
        "cli.main(['batch', '--jobs', '2', '--fail-on', 'critical', sys.argv[1], sys.argv[1]], standalone_mode=False)\n"
        "print('nor after them:', 'pydantic' in sys.modules)\n"
        "cli.main(['--lang', 'EN', 'report', sys.argv[1], '-f', 'html', '-o', sys.argv[2]], standalone_mode=False)\n"
        "for name in ('typer._adapters', 'pydantic.type_adapter', 'pydantic.plugin._loader'):\n"
        "    print(name, name in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "perry-like.yaml"), str(tmp_path / "r.html")],
                         capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "batch parent imports pydantic: False", "nor after them: False",
        "typer._adapters False", "pydantic.type_adapter False", "pydantic.plugin._loader False",
    ]
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
