"""The import contract: arrows between the package's layers point down.

    cli, web        the commands (Typer wiring, the error boundary, console output) and the browser build
    app             one pipeline, outputs, batch, the Python API, the interactive questionnaire
    render          views of a Result: terminal, JSON, Markdown, HTML, PDF, explain (reads core only)
    io              YAML, loading and checks, schemas, translation, answers, drafts, atomic writes, FHIR
    core            pure: model, conditions, engine, migrations, question range, self-tests, comparison
    (root)          foundations every layer may use: i18n, safe_text, errors, dates, notices, wording, signals,
                    process

Every import counts, including those inside functions (a lazy import is still an arrow). The two
entry points are exempt by name: ``launch`` (the console script, which starts the CLI), ``process``
(the guard it runs the CLI in) and the package's ``__init__`` (whose lazy façade reaches the API).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "clinic_ready"

#: what each layer may import, besides itself and the foundations
ALLOWED = {
    "core": set(),
    "io": {"core"},
    "render": {"core"},
    "app": {"core", "io", "render"},
    "web": {"core", "io", "render", "app"},
    "cli": {"core", "io", "render", "app", "web"},
    "": set(),  # the foundations import only each other
}
#: the console script, ``python -m``, the package's lazy façade, and the process guard that runs the
#: whole CLI (it asks the CLI for the one line it prints when standard output is broken)
ENTRY_POINTS = {"clinic_ready.launch", "clinic_ready.__main__", "clinic_ready", "clinic_ready.process"}


def module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str, package: Path) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ALLOWED and (package / parts[1]).is_dir():
        return parts[1]
    return ""


def imports_of(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of clinic_ready in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("clinic_ready")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("clinic_ready") and not node.level:
            for a in node.names:  # `from clinic_ready.io import yamlio` imports the submodule
                sub = f"{node.module}.{a.name}"
                where = package.parent / sub.replace(".", "/")
                found.append((node.lineno, sub if where.with_suffix(".py").exists() or where.is_dir() else node.module))
    return found


def wrong_way_arrows(package: Path = PACKAGE) -> list[str]:
    wrong = []
    for path in sorted(package.rglob("*.py")):
        importer = module_name(path, package)
        if importer in ENTRY_POINTS:
            continue
        mine = layer(importer, package)
        for line, imported in imports_of(path, package):
            theirs = layer(imported, package)
            if imported in {"clinic_ready.launch", "clinic_ready.__main__"} or (
                theirs and theirs != mine and theirs not in ALLOWED[mine]
            ):
                where = path.relative_to(package.parent).as_posix()
                wrong.append(f"{where}:{line}: {mine or 'root'} -> {theirs or 'root'} ({imported})")
    return wrong


def test_every_import_points_down_the_layers():
    assert wrong_way_arrows() == []


#: modules that make no text: the engine returns codes, numbers and ids, and the renderers make
#: every word (render/texts.py, wording.py), so a Result is the same in every language
NO_TEXTS = {"clinic_ready.core.engine": ("clinic_ready.i18n", "clinic_ready.wording", "clinic_ready.notices")}


def text_makers(package: Path = PACKAGE) -> list[str]:
    """Imports of the message catalogue (or of what words texts) by a module that must make none."""
    found = []
    for module, banned in NO_TEXTS.items():
        path = package.parent / (module.replace(".", "/") + ".py")
        where = path.relative_to(package.parent).as_posix()
        found += [f"{where}:{line}: {name}" for line, name in imports_of(path, package) if name.startswith(banned)]
    return found


def test_the_engine_makes_no_text():
    assert text_makers() == []


def test_a_text_made_in_the_engine_is_caught(tmp_path):
    fake = tmp_path / "clinic_ready"
    (fake / "core").mkdir(parents=True)
    (fake / "i18n.py").write_text("")
    (fake / "core" / "engine.py").write_text("def f():\n    from clinic_ready.i18n import _\n")
    assert text_makers(fake) == ["clinic_ready/core/engine.py:2: clinic_ready.i18n"]


def test_the_layers_are_folders():
    for name in ALLOWED:
        if name:
            assert (PACKAGE / name / "__init__.py").is_file(), name


def test_a_wrong_way_import_is_caught(tmp_path):
    """The contract can fail: a core module that reaches up into the CLI, even lazily, is reported."""
    fake = tmp_path / "clinic_ready"
    for folder in ("core", "cli"):
        (fake / folder).mkdir(parents=True)
    for f in ("__init__.py", "core/__init__.py", "cli/__init__.py", "cli/documents.py"):
        (fake / f).write_text("")
    (fake / "core" / "engine.py").write_text("def f():\n    from clinic_ready.cli import documents\n")
    assert wrong_way_arrows(fake) == ["clinic_ready/core/engine.py:2: core -> cli (clinic_ready.cli.documents)"]


#: texts that start with the program's name because they are titles, not messages
TITLES = {
    ("clinic_ready/__init__.py", "clinic-ready: questions to ask before ketamine therapy, as a checklist"),
    ("clinic_ready/web/bridge.py", "clinic-ready: questions to ask before ketamine therapy"),
}


def program_named(package: Path = PACKAGE) -> list[str]:
    """String literals (f-strings too) that start with 'clinic-ready: ' (after any blank lines):
    the program's name is added by the error boundary (errors.with_program), never written into a
    message (issue 24), so the name is written in one place and every message reads the same."""
    found = []
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.lstrip("\n")
                if NAMED.match(text) and not any(where == w and text.startswith(t) for w, t in TITLES):
                    found.append(f"{where}:{node.lineno}: {text[:60]!r}")
    return found


#: a text that names the program, or one of its commands ("clinic-ready batch: …"), before a colon
NAMED = re.compile(r"clinic-ready( [a-z]+)?: ")


def test_only_the_error_boundary_names_the_program():
    assert program_named() == []


def test_the_allowed_titles_are_still_there():
    """The list of titles does not outlive them (a stale entry would let a message through)."""
    for where, text in TITLES:
        assert text in (PACKAGE.parent / where).read_text(encoding="utf-8"), where


def test_a_message_that_names_the_program_is_caught(tmp_path):
    fake = tmp_path / "clinic_ready"
    (fake / "app").mkdir(parents=True)
    (fake / "app" / "x.py").write_text(
        'def f(name):\n    raise UsageError(_("clinic-ready: no such file"))\n'
        'def g(name):\n    return "\\n" + f"clinic-ready: {name} stopped"\n'
    )
    assert program_named(fake) == [
        "clinic_ready/app/x.py:2: 'clinic-ready: no such file'",
        "clinic_ready/app/x.py:4: 'clinic-ready: '",
    ]
