"""Make the ready-made copies of the shipped checklists (``python -m clinic_ready.compact``).

Each copy is made only after every check the YAML path runs (loading.parse_checklist), from a
freshly validated Checklist.  Only this build needs the loader; reading a copy does not.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from clinic_ready import yamlio
from clinic_ready.compact import FOLDER, PROTOCOL, _shipped_folder, copy_path, header
from clinic_ready.loading import parse_checklist
from clinic_ready.model import Checklist


def make(text: str, name: str) -> bytes:
    """The copy of one checklist's YAML text: every check of the YAML path first (InputError if
    any fails), then a freshly validated Checklist (no cached lookups, no compiled conditions)."""
    data = yamlio.parse(text, name)
    parse_checklist(text, name, data)  # every check the YAML path runs
    fresh = Checklist.model_validate(data)
    return header(text).encode("ascii") + b"\n" + pickle.dumps(fresh, protocol=PROTOCOL)


def same(a: bytes, b: bytes) -> bool:
    """Two copies hold the same checklist for the same schema.  (Their bytes may differ: pydantic
    keeps the names of the fields given as a set, whose order varies from process to process.)"""
    (head_a, _, body_a), (head_b, _, body_b) = a.partition(b"\n"), b.partition(b"\n")
    if head_a != head_b:
        return False
    try:
        return pickle.loads(body_a) == pickle.loads(body_b)
    except Exception:  # noqa: BLE001 - a damaged copy is not the same
        return False


def make_all(folder: Path | None = None) -> list[Path]:
    """Check every shipped checklist fully and write its copy; remove copies of files that are
    gone.  Returns the files written.  Raises InputError if a checklist is invalid."""
    folder = folder or _shipped_folder()
    out = folder / FOLDER
    out.mkdir(exist_ok=True)
    written = []
    sources = sorted(p for p in folder.glob("*.yaml") if "." not in p.stem)  # <id>.<lang>.yaml are translations
    for src in sources:
        content = make(yamlio.read_source(src)[1], str(src))
        target = copy_path(src)
        if not target.exists() or not same(target.read_bytes(), content):
            target.write_bytes(content)
            written.append(target)
    keep = {copy_path(src).name for src in sources}
    for stale in out.iterdir():
        if stale.is_file() and stale.name not in keep:
            stale.unlink()
    return written


def main() -> None:
    for path in make_all():
        print(f"wrote {path}")
    sys.stdout.flush()
