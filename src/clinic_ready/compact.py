"""Pre-checked compact copies of the shipped checklists (a start-up saving, never a source of truth).

For each shipped ``checklists/<name>.yaml`` the package carries ``checklists/compiled/<name>.yaml.json``:
a first line with the SHA-256 of the YAML text, then that YAML's data as one line of JSON.  The
copy is made (and every cross-check run on it) by ``python -m clinic_ready.compact``, and
tests/test_compact.py fails while a copy is missing or stale.

Loading a shipped checklist uses its copy only when the YAML beside it still has that hash: the
data then goes through the same pydantic model as the YAML path (``Checklist.model_validate_json``),
skipping only the YAML parse and the cross-checks that the build already ran on the same bytes.
Any other case (a file that is not shipped, an edited YAML, a missing or unreadable copy) loads the
YAML as usual, so a stale copy costs time, never correctness.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

FOLDER = "compiled"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def copy_path(checklist: Path) -> Path:
    return checklist.parent / FOLDER / (checklist.name + ".json")


def _shipped_folder() -> Path:
    from clinic_ready.catalog import checklists_dir

    return checklists_dir().resolve()


def load(path: object, text: str):
    """The shipped checklist at ``path`` from its pre-checked copy, or None (then load the YAML)."""
    if not isinstance(path, Path):
        return None  # a name the user typed ('-', a path of theirs): never looked up here
    try:
        if path.parent.resolve() != _shipped_folder():
            return None
        raw = copy_path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    head, _, body = raw.partition("\n")
    if head != digest(text):
        return None
    from clinic_ready.model import Checklist

    try:
        return Checklist.model_validate_json(body)
    except ValueError:  # a damaged copy: the YAML decides
        return None


def build(folder: Path | None = None) -> list[Path]:
    """Check every shipped checklist fully and write its compact copy; remove copies of files that
    are gone.  Returns the files written.  Raises InputError if a checklist is invalid."""
    from clinic_ready import yamlio
    from clinic_ready.loading import parse_checklist

    folder = folder or _shipped_folder()
    out = folder / FOLDER
    out.mkdir(exist_ok=True)
    written = []
    sources = sorted(p for p in folder.glob("*.yaml") if "." not in p.stem)  # <id>.<lang>.yaml are translations
    for src in sources:
        text = yamlio.read_source(src)[1]
        data = yamlio.parse(text, str(src))
        parse_checklist(text, str(src), data)  # every check the YAML path runs
        target = copy_path(src)
        content = digest(text) + "\n" + json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            target.write_text(content, encoding="utf-8")
            written.append(target)
    keep = {copy_path(src).name for src in sources}
    for stale in out.glob("*.json"):
        if stale.name not in keep:
            stale.unlink()
    return written


def main() -> None:
    for path in build():
        print(f"wrote {path}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
