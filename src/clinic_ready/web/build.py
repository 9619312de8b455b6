"""Assemble the static site: the page (static/), Pyodide, the wheels and clinic_ready itself.

    site/
      index.html app.js worker.js sw.js style.css   the page (sw.js names every file and the build)
      pyodide/                                      Pyodide core from npm (runtime + standard library)
      py/*.whl, py/*.zip                            what the worker unpacks into site-packages
      site.json                                     the build: id, versions, files and their sizes

The ingredients come from ``fetch.py`` (the only step that uses the network); assembling is
offline and deterministic for the same ingredients and sources.  markupsafe and pyyaml keep only
their Python files (their C extensions are built for Linux, not for the browser).  The clinic_ready
archive holds the package's Python files, templates, compiled messages and shipped checklists —
not the command line (cli/), the PDF fonts or this build code.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

from clinic_ready import __version__

HERE = Path(__file__).parent
STATIC = HERE / "static"
PAGE_FILES = ("index.html", "app.js", "worker.js", "sw.js", "style.css")
MARKER = "site.json"
#: package folders and files the page never uses
_SKIP_DIRS = {"cli", "__pycache__", "fonts", "static"}
_SKIP_FILES = {("web", "build.py"), ("web", "serve.py"), ("web", "fetch.py")}
#: a fixed time for every archive member: the same sources give the same bytes
_EPOCH = (2020, 1, 1, 0, 0, 0)


class BuildError(Exception):
    """Something the person can fix (a missing ingredient, an unwritable folder)."""


def package_files() -> list[tuple[str, Path]]:
    """(name in the archive, file) for the clinic_ready package and its shipped checklists."""
    from clinic_ready.io import catalog

    root = HERE.parent
    out = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or _SKIP_DIRS & set(rel.parts[:-1]) or tuple(rel.parts) in _SKIP_FILES:
            continue
        if path.suffix in (".pyc", ".po", ".pot") or rel.parts[0] == "checklists":
            continue
        out.append(("clinic_ready/" + rel.as_posix(), path))
    folder = catalog.checklists_dir()
    for path in sorted(folder.glob("*.yaml")):
        out.append(("clinic_ready/checklists/" + path.name, path))
    return out


def source_digest(assets: Path | None = None) -> str:
    """What a built site depends on: the package's files and, when given, the ingredients' names."""
    h = hashlib.sha256()
    for name, path in package_files():
        h.update(name.encode() + b"\0" + path.read_bytes())
    for name in PAGE_FILES:
        h.update((STATIC / name).read_bytes())
    if assets is not None:
        for path in sorted(Path(assets).rglob("*")):
            if path.is_file():
                h.update(f"{path.relative_to(assets)} {path.stat().st_size}".encode())
    return h.hexdigest()


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def _python_only(wheel: Path) -> bytes:
    """A Linux wheel's Python files (markupsafe, pyyaml): their C speed-ups are left out."""
    with zipfile.ZipFile(wheel) as z:
        kept = [(n, z.read(n)) for n in sorted(z.namelist()) if not n.endswith((".so", "/", "RECORD", "WHEEL"))]
    return _zip(kept)


def _need(assets: Path) -> tuple[Path, list[Path], list[Path]]:
    from clinic_ready.web.fetch import PYODIDE_FILES

    pyodide = assets / "pyodide"
    wheels = sorted((assets / "wheels").glob("*.whl"))
    linux = sorted((assets / "linux").glob("*.whl"))
    missing = [f for f in PYODIDE_FILES if not (pyodide / f).is_file()]
    if missing or not any(w.name.startswith("pydantic_core-") for w in wheels) or len(linux) < 2:
        raise BuildError(
            f"{assets}: the site's ingredients are incomplete — run 'clinic-ready web build' with the network, "
            "or fetch them with 'python -m clinic_ready.web.fetch DIR'"
        )
    return pyodide, wheels, linux


def assemble(assets: Path, out: Path) -> dict:
    """Build the site into ``out`` (replaced whole, through a sibling folder) from ``assets``."""
    from clinic_ready.web.fetch import PYODIDE_FILES, PYODIDE_VERSION

    assets, out = Path(assets), Path(out)
    pyodide, wheels, linux = _need(assets)
    work = out.with_name(out.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    (work / "pyodide").mkdir(parents=True)
    (work / "py").mkdir()
    for name in PYODIDE_FILES:
        shutil.copy2(pyodide / name, work / "pyodide" / name)
    archives = []
    for wheel in wheels:
        shutil.copy2(wheel, work / "py" / wheel.name)
        archives.append({"file": "py/" + wheel.name, "format": "wheel"})
    for wheel in linux:
        name = wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + "-python.zip"
        (work / "py" / name).write_bytes(_python_only(wheel))
        archives.append({"file": "py/" + name, "format": "zip"})
    ours = f"clinic_ready-{__version__}.zip"
    (work / "py" / ours).write_bytes(_zip([(name, path.read_bytes()) for name, path in package_files()]))
    archives.append({"file": "py/" + ours, "format": "zip"})
    for name in PAGE_FILES:
        if name != "sw.js":
            shutil.copy2(STATIC / name, work / name)
    files = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode() + b"\0" + (work / name).read_bytes())
    build_id = h.hexdigest()[:16]
    cached = ["./", *files, MARKER]  # what the service worker keeps for offline use
    sw = (STATIC / "sw.js").read_text(encoding="utf-8")
    sw = sw.replace('"__BUILD__"', json.dumps(build_id)).replace('["__FILES__"]', json.dumps(cached))
    (work / "sw.js").write_text(sw, encoding="utf-8")
    files.append("sw.js")
    info = {
        "tool": "clinic-ready",
        "version": __version__,
        "build": build_id,
        "pyodide": PYODIDE_VERSION,
        "archives": archives,
        "files": {name: (work / name).stat().st_size for name in sorted(files)},
    }
    (work / MARKER).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    work.rename(out)
    return info


def build(out: Path, assets: Path | None = None) -> dict:
    """Fetch what is missing (into ``assets``, by default the user's cache folder), then assemble."""
    from clinic_ready.web import fetch

    if assets is None:
        assets = default_assets()
    try:
        fetch.fetch(assets)
    except (RuntimeError, OSError) as exc:
        raise BuildError(str(exc)) from None
    return assemble(assets, out)


def default_assets() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("clinic-ready") / "web-ingredients"


def default_site() -> Path:
    """Where `clinic-ready web build` puts the site, and where `clinic-ready web` looks for it."""
    import platformdirs

    return platformdirs.user_data_path("clinic-ready") / "web"


def built(site: Path) -> dict | None:
    """The build's site.json, or None when ``site`` holds no built site."""
    try:
        info = json.loads((Path(site) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and (Path(site) / "index.html").is_file() else None
