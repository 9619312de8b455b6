"""HTML templates ship precompiled: the compiled copies are current, used, still autoescaped, and
never used when they no longer match their sources."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from clinic_ready import engine, i18n
from clinic_ready.answers import apply_sets
from clinic_ready.loading import load_checklist
from clinic_ready.model import Answers
from clinic_ready.render import html
from conftest import FIXTURES

REGENERATE = "python -m clinic_ready.render.html --compile"


def test_the_shipped_compiled_templates_are_current():
    assert html.compiled_current(jinja2.__version__), f"templates changed since they were compiled: run `{REGENERATE}`"


def test_compiling_again_gives_the_shipped_files_byte_for_byte(tmp_path):
    fresh = html.compile_templates(tmp_path / "compiled")
    shipped = {p.name: p.read_bytes() for p in html.COMPILED.iterdir() if p.is_file()}
    made = {p.name: p.read_bytes() for p in fresh.iterdir() if p.is_file()}
    recorded = json.loads(shipped.pop("sources.json"))
    assert json.loads(made.pop("sources.json"))["sources"] == recorded["sources"]
    if jinja2.__version__ == recorded["jinja2"]:  # the generated code is Jinja2's own: compare with the same version
        assert made == shipped, f"run `{REGENERATE}`"


def test_the_process_renders_with_the_compiled_templates():
    env = html._env()
    assert isinstance(env.loader, jinja2.ModuleLoader)
    assert env.autoescape is True and env.globals["_"] is i18n._


def clinic_named(name: str):
    cl = load_checklist(FIXTURES / "text.yaml")
    a = Answers(cl.id)
    apply_sets(a, cl, [f"clinic_name={name}"])
    return engine.evaluate(cl, a)


def test_a_script_in_a_clinic_name_stays_escaped():
    out = html.render(clinic_named("<script>alert(1)</script> & \"x\""))
    assert "<script>" not in out and "alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in out


def test_compiled_and_source_templates_give_the_same_report(monkeypatch):
    r = clinic_named("Acme <b>")
    compiled = html.render(r)
    monkeypatch.setattr(html, "_env_cache", [])
    monkeypatch.setattr(html, "COMPILED", Path("/nonexistent"))
    assert html.render(r) == compiled
    assert isinstance(html._env().loader, jinja2.FileSystemLoader)


def test_a_changed_template_is_read_from_its_source_not_from_a_stale_copy(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(html.TEMPLATES, templates)
    monkeypatch.setattr(html, "TEMPLATES", templates)
    monkeypatch.setattr(html, "_env_cache", [])
    assert html.compiled_current(jinja2.__version__)
    report = templates / "report.html.j2"
    report.write_text(report.read_text().replace("<h1>", "<h1>Changed: {{ _('Report') }} "))
    assert not html.compiled_current(jinja2.__version__)
    out = html.render(clinic_named("Acme"))
    assert "Changed: Report" in out  # the source, and _ is a template global
    assert not html.compiled_current("2.11.3")  # another Jinja2 series: not trusted either


def test_the_compile_command_regenerates_the_folder(tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(Path(html.__file__).parent.parent.parent, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    target = pkg / "clinic_ready" / "render" / "templates_compiled"
    shutil.rmtree(target)
    r = subprocess.run([sys.executable, "-m", "clinic_ready.render.html", "--compile"], cwd=pkg, capture_output=True, text=True,
                       env={"PYTHONPATH": str(pkg), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("compiled 4 templates into")
    assert sorted(p.name for p in target.iterdir() if p.suffix == ".py") == sorted(p.name for p in html.COMPILED.iterdir() if p.suffix == ".py")
    bad = subprocess.run([sys.executable, "-m", "clinic_ready.render.html"], cwd=pkg, capture_output=True, text=True,
                         env={"PYTHONPATH": str(pkg), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert bad.returncode == 2 and "--compile" in bad.stdout


@pytest.mark.parametrize("name", sorted(p.name for p in html.TEMPLATES.glob("*.j2")))
def test_every_template_has_a_compiled_copy(name):
    env = jinja2.Environment(loader=jinja2.ModuleLoader(str(html.COMPILED)), **html.OPTIONS)
    assert env.get_template(name).name == name
