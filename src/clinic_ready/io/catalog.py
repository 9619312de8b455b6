"""The shipped checklists: where they are, which exist, and resolving a name or path to a file."""

from __future__ import annotations

from pathlib import Path

from clinic_ready.errors import UsageError, problem, suggest
from clinic_ready.i18n import _

DEFAULT_CHECKLIST = "ketamine-clinic"
_SUFFIXES = (".yaml", ".yml", ".json")


def checklists_dir() -> Path:
    """Inside the installed wheel: clinic_ready/checklists; in a source checkout: ./checklists."""
    package = Path(__file__).resolve().parents[1]  # clinic_ready/
    installed = package / "checklists"
    if installed.is_dir():
        return installed
    return package.parents[1] / "checklists"


def shipped() -> dict[str, Path]:
    """Shipped checklist ids mapped to their files, sorted by id."""
    folder = checklists_dir()
    if not folder.is_dir():
        return {}
    # a translation sits beside its checklist as <id>.<lang>.yaml: not a checklist of its own
    return dict(sorted((p.stem, p) for p in folder.glob("*.yaml") if "." not in p.stem))


def looks_like_path(name: str) -> bool:
    return name == "-" or "/" in name or "\\" in name or name.endswith(_SUFFIXES) or Path(name).exists()


def resolve(name: str | None) -> str | Path:
    """A shipped id becomes its file; anything that looks like a path is returned as given."""
    name = name or DEFAULT_CHECKLIST
    if looks_like_path(name):
        return name
    found = shipped()
    if name in found:
        return found[name]
    p = problem(
        "unknown_checklist", name=name, allowed=", ".join(found) or _("(none installed)"), hint=suggest(name, found)
    )
    raise UsageError(_("{what} — {fix}").format(what=p.what, fix=p.fix))
