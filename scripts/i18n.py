"""The message catalogue, in one command per step (see docs/translating.md).

    python scripts/i18n.py extract   # sources -> src/clinic_ready/locale/clinic_ready.pot
    python scripts/i18n.py update    # .pot -> locale/<lang>/LC_MESSAGES/clinic_ready.po (keeps translations)
    python scripts/i18n.py compile   # .po -> .mo (committed; shipped in the wheel)
    python scripts/i18n.py all       # the three in order

What is extracted: every ``_()``, ``N_()`` and ``ngettext()`` in clinic_ready and its templates
(babel.cfg), every command's help (its docstring, which the CLI shows through ``_()``), and the
messages of the Click that Typer bundles (``typer/_click``, ``typer/core.py``, ``typer/main.py``):
Click looks them up in the global gettext domain, which ``i18n.install`` points at our catalogue.
"""

from __future__ import annotations

import inspect
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "clinic_ready" / "locale"
POT = LOCALE / "clinic_ready.pot"
LANGUAGES = ("es",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
#: Click's own files inside the installed typer (Typer bundles its Click)
CLICK_FILES = ("_click/*.py", "core.py", "main.py")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "clinic_ready.po"


def _command_docs() -> list[tuple[str, str]]:
    """(where, help text) of the root callback and every command, as the CLI looks them up."""
    sys.path.insert(0, str(ROOT / "src"))
    import clinic_ready.cli as cli

    out = [("clinic_ready/cli/__init__.py", inspect.getdoc(cli._root))]
    for cmd in cli.app.registered_commands:
        fn = cmd.callback
        package = Path(cli.__file__).resolve().parent.parent  # wherever clinic_ready was imported from
        where = "clinic_ready/" + Path(inspect.getsourcefile(fn)).resolve().relative_to(package).as_posix()
        out.append((where, inspect.getdoc(fn)))
    for group in cli.app.registered_groups:  # `web` and its `build`
        sub = group.typer_instance
        for fn in [sub.registered_callback.callback] + [cmd.callback for cmd in sub.registered_commands]:
            package = Path(cli.__file__).resolve().parent.parent
            where = "clinic_ready/" + Path(inspect.getsourcefile(fn)).resolve().relative_to(package).as_posix()
            out.append((where, inspect.getdoc(fn)))
    return [(where, text) for where, text in out if text]


def build_template(with_typer: bool = True) -> Catalog:
    """Every message to translate; ``with_typer=False`` leaves out the strings of the installed
    Typer (the tests check our own sources only, so a Typer release never turns them red)."""
    cat = Catalog(project="clinic-ready", msgid_bugs_address="", charset="utf-8")
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        cat.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for where, text in _command_docs():
        cat.add(text, None, [(where, 0)], auto_comments=["command help (docstring)"])
    if not with_typer:
        return cat
    import typer

    typer_dir = Path(typer.__file__).parent
    for pattern in CLICK_FILES:
        for path in sorted(typer_dir.glob(pattern)):
            for lineno, message, _comments, context in _extract(path):
                cat.add(
                    message,
                    None,
                    [("typer/" + str(path.relative_to(typer_dir)), lineno)],
                    auto_comments=["Click (bundled by Typer)"],
                    context=context,
                )
    return cat


def _extract(path: Path):
    from babel.messages.extract import extract

    with open(path, "rb") as fh:
        yield from extract("python", fh, keywords={"_": None, "ngettext": (1, 2)})


def template_bytes() -> bytes:
    """The .pot as it should be now."""
    buf = io.BytesIO()
    write_po(buf, build_template(), width=100, sort_output=False, omit_header=False, include_lineno=False)
    return _stable(buf.getvalue())


def _stable(data: bytes) -> bytes:
    """Drop the dates and the Babel version Babel writes, so an unchanged catalogue gives an
    unchanged file whichever Babel made it (line numbers are left out for the same reason)."""
    dated = (b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:')
    return b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(dated))


def updated_po_bytes(lang: str, template: bytes) -> bytes:
    """The language's .po brought up to the template (its translations kept, obsolete ones dropped)."""
    path = po_path(lang)
    if path.exists():
        with open(path, "rb") as fh:
            cat = read_po(fh, locale=lang)
    else:
        cat = Catalog(locale=lang, project="clinic-ready", charset="utf-8")
    cat.update(read_po(io.BytesIO(template)), no_fuzzy_matching=True)
    cat.obsolete.clear()
    buf = io.BytesIO()
    write_po(buf, cat, width=100, ignore_obsolete=True, include_lineno=False)
    return _stable(buf.getvalue())


def mo_bytes(po: bytes, lang: str) -> bytes:
    """The compiled catalogue; its header dates are fixed (Babel would write the current time, and
    gettext reads only the charset and plural forms), so the same .po gives the same bytes."""
    import datetime as dt

    cat = read_po(io.BytesIO(po), locale=lang)
    cat.creation_date = cat.revision_date = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def compile_mo(lang: str) -> bytes:
    return mo_bytes(po_path(lang).read_bytes(), lang)


def extract() -> None:
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(template_bytes())
    print(f"{POT.relative_to(ROOT)}: written")


def update() -> None:
    template = POT.read_bytes()
    for lang in LANGUAGES:
        path = po_path(lang)
        data = updated_po_bytes(lang, template)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cat = read_po(io.BytesIO(data), locale=lang)
        missing = sum(1 for m in cat if m.id and not m.string)
        print(f"{path.relative_to(ROOT)}: {len(cat)} messages, {missing} untranslated")


def compile_all() -> None:
    for lang in LANGUAGES:
        mo = po_path(lang).with_suffix(".mo")
        mo.write_bytes(compile_mo(lang))
        print(f"{mo.relative_to(ROOT)}: compiled")


def main(argv: list[str]) -> int:
    steps = {"extract": [extract], "update": [update], "compile": [compile_all], "all": [extract, update, compile_all]}
    if len(argv) != 1 or argv[0] not in steps:
        print(__doc__)
        return 2
    for step in steps[argv[0]]:
        step()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
