"""The pre-checked compact copies of the shipped checklists: current, equal to the YAML, and
harmless when stale (regenerate with `python -m clinic_ready.compact`)."""

from __future__ import annotations

import re

import shutil

import pytest

from clinic_ready import catalog, compact, yamlio
from clinic_ready.loading import load_checklist, parse_checklist

REGENERATE = "stale or missing: run `python -m clinic_ready.compact` and commit checklists/compiled/"


@pytest.mark.parametrize("cid", sorted(catalog.shipped()))
def test_every_shipped_checklist_has_a_current_copy_equal_to_its_yaml(cid, monkeypatch):
    src = catalog.shipped()[cid]
    text = src.read_text(encoding="utf-8")
    copy = compact.copy_path(src)
    assert copy.is_file(), f"{copy.name} {REGENERATE}"
    head, _, body = copy.read_text(encoding="utf-8").partition("\n")
    assert head == compact.digest(text), f"{copy.name} {REGENERATE}"
    from_yaml = parse_checklist(text, str(src))
    calls = []
    monkeypatch.setattr("clinic_ready.loading.parse_checklist", lambda *a, **k: calls.append(a))
    from_copy = load_checklist(src)
    assert calls == []  # the copy was used
    assert from_copy == from_yaml
    import json

    assert json.loads(body) == yamlio.parse(text, str(src))


def test_copies_exist_only_for_shipped_checklists():
    folder = catalog.checklists_dir() / compact.FOLDER
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(compact.copy_path(p).name for p in catalog.shipped().values())


@pytest.fixture
def shipped_copy(tmp_path, monkeypatch):
    """The shipped folder copied to tmp_path and made the one clinic-ready ships."""
    folder = tmp_path / "checklists"
    shutil.copytree(catalog.checklists_dir(), folder)
    monkeypatch.setattr(catalog, "checklists_dir", lambda: folder)
    return folder


def test_an_edited_yaml_is_read_from_the_yaml_not_the_stale_copy(shipped_copy):
    src = shipped_copy / "ketamine-clinic.yaml"
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("title: Ketamine clinic readiness", "title: Edited clinic readiness", 1), encoding="utf-8")
    assert load_checklist(src).title.startswith("Edited clinic readiness")


def test_a_damaged_copy_falls_back_to_the_yaml(shipped_copy):
    src = shipped_copy / "ketamine-clinic.yaml"
    copy = compact.copy_path(src)
    head = copy.read_text(encoding="utf-8").partition("\n")[0]
    copy.write_text(head + "\n{\"id\": 1}\n", encoding="utf-8")  # right hash, wrong content
    assert load_checklist(src).id == "ketamine-clinic"
    copy.unlink()
    assert load_checklist(src).id == "ketamine-clinic"


def test_a_users_file_never_uses_a_copy(tmp_path):
    """A checklist outside the shipped folder, even with a matching copy beside it, is read as YAML."""
    src = tmp_path / "ketamine-clinic.yaml"
    shutil.copy(catalog.shipped()["ketamine-clinic"], src)
    (tmp_path / compact.FOLDER).mkdir()
    text = src.read_text(encoding="utf-8")
    compact.copy_path(src).write_text(compact.digest(text) + '\n{"not": "used"}\n', encoding="utf-8")
    assert compact.load(src, text) is None
    assert load_checklist(src).id == "ketamine-clinic"


def test_build_rewrites_a_stale_copy_and_removes_orphans(shipped_copy):
    src = shipped_copy / "ketamine-clinic.yaml"
    src.write_text(re.sub(r'^version: ".*"$', 'version: "9.9.9"', src.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    (shipped_copy / compact.FOLDER / "gone.yaml.json").write_text("x\n{}\n")
    written = compact.build(shipped_copy)
    assert [p.name for p in written] == ["ketamine-clinic.yaml.json"]
    assert not (shipped_copy / compact.FOLDER / "gone.yaml.json").exists()
    assert compact.load(src, src.read_text(encoding="utf-8")).version == "9.9.9"
