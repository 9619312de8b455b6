"""Pre-checked, ready-made copies of the shipped checklists (a start-up saving, never a source of truth).

For each shipped ``checklists/<name>.yaml`` the package carries ``checklists/compiled/<name>.yaml.pickle``:
a first line naming exactly what the copy was made from (the SHA-256 of the YAML text, and of the
checklist's code: SCHEMA_CODE, pydantic's version and Python's), then the
validated ``Checklist`` itself, pickled.  ``python -m clinic_ready.compact`` makes the copies after
running every check the YAML path runs (compact/build.py), and tests/test_compact.py fails while a
copy is missing or stale.  This module only reads them, so the loader can use it without a circle.

Why a pickle: unpickling restores the validated objects without parsing YAML, validating, or even
building the schema's validators (the models are ``defer_build``): about 20 ms of every command that
reads a shipped checklist.  A pickle can run code as it loads, so a copy is read only from the
package's own ``checklists/compiled`` folder, which is trusted exactly as the package's Python files
beside it are; a path the user gives (a checklist of their own, ``-``) never reaches this module.

A copy is used only when its first line matches the YAML beside it and the schema of the running
code.  Any other case (a file that is not shipped, an edited YAML, a changed model, another pydantic,
a missing or damaged copy) loads the YAML as usual, so a stale copy costs time, never correctness.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

FOLDER = "compiled"
SUFFIX = ".pickle"
MAGIC = "clinic-ready checklist"
PROTOCOL = 5
#: the code a copy depends on besides its YAML: the classes it holds (model, conditions) and what
#: turns YAML into them and decides they are valid (yamlio, loading, checks); an edit to any of
#: them makes every copy stale until it is made again
SCHEMA_CODE = ("model.py", "severity.py", "conditions.py", "yamlio.py", "loading.py", "checks.py")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def schema_digest() -> str:
    """What a pickled Checklist depends on besides its YAML: the code in SCHEMA_CODE, and the
    versions of pydantic (whose objects it holds) and of Python."""
    import pydantic

    here = Path(__file__).parent.parent
    h = hashlib.sha256()
    for name in SCHEMA_CODE:
        h.update((here / name).read_bytes())
    h.update(f"pydantic {pydantic.VERSION}; python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    return h.hexdigest()


def header(text: str) -> str:
    return f"{MAGIC} {digest(text)} schema {schema_digest()}"


def copy_path(checklist: Path) -> Path:
    return checklist.parent / FOLDER / (checklist.name + SUFFIX)


def _shipped_folder() -> Path:
    from clinic_ready.catalog import checklists_dir

    return checklists_dir().resolve()


def load(path: object, text: str):
    """The shipped checklist at ``path`` from its pre-checked copy, or None (then load the YAML)."""
    if not isinstance(path, Path):
        return None  # a name the user typed ('-', a path of theirs): never looked up here
    try:
        folder = _shipped_folder()
        if path.parent.resolve() != folder:
            return None
        raw = (folder / FOLDER / (path.name + SUFFIX)).read_bytes()  # from the resolved folder itself
        head, newline, body = raw.partition(b"\n")
        if not newline or head != header(text).encode("ascii"):
            return None
    except OSError:  # no copy, or (an install without sources) no model.py to fingerprint
        return None
    import pickle

    from clinic_ready.model import Checklist

    try:
        checklist = pickle.loads(body)
    except Exception:  # noqa: BLE001 - a damaged copy (any unpickling error): the YAML decides
        return None
    return checklist if type(checklist) is Checklist else None
