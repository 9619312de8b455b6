"""The site's ingredients, from the package registries, into one folder (the only step that uses
the network; ``build.py`` then assembles the site from that folder without it).

    python src/clinic_ready/web/fetch.py DEST     (standard library only: .ci/run calls it so)

What it fetches, pinned here so that a build is the same on every machine:

* npm ``pyodide`` (core only: the runtime, the standard library zip, its lock file);
* PyPI wheels for Pyodide's platform: ``pydantic_core`` built for Pyodide (PyPI has these from
  pydantic-core 2.47) and the ``pydantic`` that requires exactly that core, with their pure-Python
  dependencies (``typing_extensions``, ``annotated_types``, ``typing_inspection``), and the pure
  ``jinja2`` and ``platformdirs``;
* ``markupsafe`` and ``pyyaml`` as they are on PyPI for Linux, of which the build keeps only the
  Python files (both fall back to pure Python without their C extension);
* npm ``axe-core`` for the accessibility test (not part of the site).

A file already in DEST is not fetched again.  These pins are the build's, not the package's:
clinic-ready's own dependency ranges are unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PYODIDE_VERSION = "314.0.8"
#: Pyodide 314 runs CPython 3.14 on this Emscripten platform (PEP 783 tag)
PYODIDE_PYTHON = "3.14"
PYODIDE_PLATFORM = "pyemscripten_2026_0_wasm32"
#: the newest pydantic whose pydantic-core has a wheel for PYODIDE_PLATFORM on PyPI
PYDANTIC_VERSION = "2.14.4"
AXE_VERSION = "4.14.1"
#: the files of the npm package the site needs (the rest are docs, maps and the CommonJS build)
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)
#: resolved with their dependencies for Pyodide's platform
WHEELS_WITH_DEPS = (f"pydantic=={PYDANTIC_VERSION}", "platformdirs>=3")
#: pure Python, fetched alone (its dependency markupsafe is in LINUX_ONLY)
WHEELS_NO_DEPS = ("jinja2>=3.1",)
#: only Linux builds on PyPI: the build keeps their Python files
LINUX_ONLY = ("markupsafe>=2", "pyyaml>=6.0.1")


def _run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-6:])
        raise RuntimeError(f"{' '.join(cmd[:4])} … failed (exit {done.returncode}):\n{tail}")


def _npm_pack(spec: str, work: Path) -> Path:
    work.mkdir()
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "npm is not installed (Debian: apt-get install npm); it fetches Pyodide from the npm registry"
        )
    _run([npm, "pack", "--silent", spec], work)
    (tgz,) = work.glob("*.tgz")
    target = work / "unpacked"
    with tarfile.open(tgz) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, filter="data")
        else:  # Python before 3.10.12 / 3.11.4
            tar.extractall(target)  # a package tarball from the registry
    tgz.unlink()
    return target / "package"


def _pip(args: list[str], dest: Path, platform: str, work: Path) -> None:
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            "--platform",
            platform,
            "--python-version",
            PYODIDE_PYTHON,
            "--implementation",
            "cp",
            "--abi",
            "cp" + PYODIDE_PYTHON.replace(".", ""),
            "--dest",
            str(dest),
            *args,
        ],
        work,
    )


def fetch(dest: Path, with_axe: bool = False) -> Path:
    """Fill ``dest`` (pyodide/, wheels/, linux/ and axe/); returns ``dest``.  Idempotent."""
    dest = Path(dest).resolve()
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pyodide = dest / "pyodide"
        if not all((pyodide / f).is_file() for f in PYODIDE_FILES) or _version(pyodide) != PYODIDE_VERSION:
            package = _npm_pack(f"pyodide@{PYODIDE_VERSION}", work / "p")
            shutil.rmtree(pyodide, ignore_errors=True)
            pyodide.mkdir()
            for name in PYODIDE_FILES:
                shutil.copy2(package / name, pyodide / name)
            (pyodide / "VERSION").write_text(PYODIDE_VERSION + "\n")
        wheels, linux = dest / "wheels", dest / "linux"
        if not wheels.is_dir() or not list(wheels.glob(f"pydantic-{PYDANTIC_VERSION}-*.whl")):
            shutil.rmtree(wheels, ignore_errors=True)
            _pip(list(WHEELS_WITH_DEPS), wheels, PYODIDE_PLATFORM, work)
            _pip(["--no-deps", *WHEELS_NO_DEPS], wheels, PYODIDE_PLATFORM, work)
        if not linux.is_dir() or len(list(linux.glob("*.whl"))) < len(LINUX_ONLY):
            shutil.rmtree(linux, ignore_errors=True)
            _pip(["--no-deps", *LINUX_ONLY], linux, "manylinux_2_17_x86_64", work)
        axe = dest / "axe"
        if with_axe and not (axe / "axe.min.js").is_file():
            package = _npm_pack(f"axe-core@{AXE_VERSION}", work / "a")
            axe.mkdir(exist_ok=True)
            shutil.copy2(package / "axe.min.js", axe / "axe.min.js")
            shutil.copy2(package / "LICENSE", axe / "LICENSE")
    return dest


def _version(pyodide: Path) -> str:
    try:
        return (pyodide / "VERSION").read_text().strip()
    except OSError:
        return ""


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):
        print(
            "usage: python fetch.py DEST   (fetch the web site's ingredients and axe-core into DEST)", file=sys.stderr
        )
        return 2
    try:
        where = fetch(Path(argv[0]), with_axe=True)
    except RuntimeError as exc:
        print(f"fetch.py: {exc}", file=sys.stderr)
        return 1
    files = [p for p in where.rglob("*") if p.is_file()]
    print(f"fetched {len(files)} files ({sum(p.stat().st_size for p in files) / 1e6:.1f} MB) into {where}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PIP_NO_INPUT", "1")
    sys.exit(main(sys.argv[1:]))
