"""Every file the project generates from its own code, in one command.

    python scripts/regen.py            # write every generated file that is stale
    python scripts/regen.py --check    # write nothing; list stale files and exit 1 if any

What it makes (see docs/maintaining.md):
  docs/cli-reference.md           from every command's --help
  docs/checklist.schema.json      from the checklist model
  docs/translation.schema.json    from the translation model
  tests/golden/well-run-clinic.json   the JSON result of examples/well-run-clinic.yaml
  src/clinic_ready/locale/...     the message catalogue: .pot, each .po (translations kept), .mo

The test suite runs the --check mode (tests/test_regen.py), so CI fails while a file is stale and
the failure names this command.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

COMMAND = "python scripts/regen.py"


def cli_reference() -> str:
    from typer.testing import CliRunner

    from clinic_ready.cli import app

    runner = CliRunner()
    parts = ["# CLI reference", "", f"Generated from `--help` by `{COMMAND}`.", ""]
    commands = [c.name for c in app.registered_commands if not c.hidden]
    for group in app.registered_groups:  # `web`, then its own commands (`web build`)
        commands += [group.name] + [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    for name, args in [("clinic-ready", [])] + [(f"clinic-ready {c}", c.split()) for c in commands]:
        out = runner.invoke(app, [*args, "--help"], prog_name="clinic-ready", terminal_width=80).stdout
        parts += [f"## {name}", "", "```", out.rstrip(), "```", ""]
    return "\n".join(parts)


def _json(doc: object) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def checklist_schema() -> str:
    from clinic_ready.io.schemas import checklist_schema

    return _json(checklist_schema())


def translation_schema() -> str:
    from clinic_ready.io.translation import translation_schema

    return _json(translation_schema())


def golden_result() -> str:
    from clinic_ready.app import api
    from clinic_ready.render import renderer

    checklist = api.load_checklist("ketamine-clinic")
    text = (ROOT / "examples" / "well-run-clinic.yaml").read_text(encoding="utf-8")
    return renderer("json").render(api.evaluate_text(checklist, text, "well-run-clinic.yaml"))


def catalogue() -> dict[Path, bytes]:
    import i18n  # scripts/i18n.py

    files = {i18n.POT: i18n.template_bytes()}
    for lang in i18n.LANGUAGES:
        po = i18n.updated_po_bytes(lang, files[i18n.POT])
        files[i18n.po_path(lang)] = po
        files[i18n.po_path(lang).with_suffix(".mo")] = i18n.mo_bytes(po, lang)
    return files


def _own_entries(data: bytes) -> dict:
    """A catalogue's entries that come from our own sources, with their translations and our own
    locations: what the --check compares.  Typer's strings are extracted from the installed Typer,
    so they are refreshed when the catalogue is written, never a reason for the check to fail on a
    new Typer release."""
    import io

    from babel.messages.pofile import read_po

    out = {}
    for m in read_po(io.BytesIO(data)):
        own = sorted(f for f, _ in m.locations if not f.startswith("typer/"))
        if m.id and own:
            out[(m.id if isinstance(m.id, str) else tuple(m.id), m.context)] = (m.string, own, m.fuzzy)
    return out


def _is_catalogue(path: Path) -> bool:
    return path.suffix in (".po", ".pot")


def targets() -> dict[Path, Callable[[], bytes]]:
    """Each generated file and how to make its bytes (the catalogue's files are made together)."""
    made: dict[Path, bytes] = {}

    def from_catalogue(path: Path) -> Callable[[], bytes]:
        def make() -> bytes:
            if not made:
                made.update(catalogue())
            return made[path]

        return make

    import i18n

    out: dict[Path, Callable[[], bytes]] = {
        ROOT / "docs" / "cli-reference.md": lambda: cli_reference().encode(),
        ROOT / "docs" / "checklist.schema.json": lambda: checklist_schema().encode(),
        ROOT / "docs" / "translation.schema.json": lambda: translation_schema().encode(),
        ROOT / "tests" / "golden" / "well-run-clinic.json": lambda: golden_result().encode(),
        i18n.POT: from_catalogue(i18n.POT),
    }
    for lang in i18n.LANGUAGES:
        out[i18n.po_path(lang)] = from_catalogue(i18n.po_path(lang))
        out[i18n.po_path(lang).with_suffix(".mo")] = from_catalogue(i18n.po_path(lang).with_suffix(".mo"))
    return out


def stale() -> list[Path]:
    """The generated files whose committed contents differ from what the code makes now."""
    out = []
    for path, make in targets().items():
        if not path.exists():
            out.append(path)
        elif _is_catalogue(path):
            if _own_entries(path.read_bytes()) != _own_entries(make()):
                out.append(path)
        elif path.suffix == ".mo":
            import i18n

            lang = path.parent.parent.name
            if path.read_bytes() != i18n.compile_mo(lang):  # the .mo holds exactly the committed .po
                out.append(path)
        elif path.suffix == ".md":  # help as Click lays it out: words compared, not line breaks
            if " ".join(path.read_text(encoding="utf-8").split()) != " ".join(make().decode().split()):
                out.append(path)
        elif path.read_bytes() != make():
            out.append(path)
    return out


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__)
        return 2
    if argv == ["--check"]:
        found = stale()
        for path in found:
            print(f"stale: {path.relative_to(ROOT)}")
        if found:
            print(f"run `{COMMAND}` and commit what it writes")
        return 1 if found else 0
    for path, make in targets().items():
        data = make()
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
