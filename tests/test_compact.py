"""The pre-checked copies of the shipped checklists: current, equal to the YAML, never read from a
user's folder, and harmless when stale (regenerate with `python -m clinic_ready.compact`)."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys

import pytest

from clinic_ready import catalog, compact
from clinic_ready.compact import build
from clinic_ready.loading import load_checklist, parse_checklist

from conftest import EXAMPLES

REGENERATE = "stale or missing: run `python -m clinic_ready.compact` and commit checklists/compiled/"


@pytest.mark.parametrize("cid", sorted(catalog.shipped()))
def test_every_shipped_checklist_has_a_current_copy_equal_to_its_yaml(cid, monkeypatch):
    src = catalog.shipped()[cid]
    text = src.read_text(encoding="utf-8")
    copy = compact.copy_path(src)
    assert copy.is_file(), f"{copy.name} {REGENERATE}"
    assert copy.read_bytes().partition(b"\n")[0] == compact.header(text).encode(), f"{copy.name} {REGENERATE}"
    assert build.same(copy.read_bytes(), build.make(text, str(src))), f"{copy.name} {REGENERATE}"
    from_yaml = parse_checklist(text, str(src))
    calls = []
    monkeypatch.setattr("clinic_ready.loading.parse_checklist", lambda *a, **k: calls.append(a))
    from_copy = load_checklist(src)
    assert calls == []  # the copy was used
    assert from_copy == from_yaml
    assert from_copy.model_dump() == from_yaml.model_dump()
    assert from_copy.questions.keys() == from_yaml.questions.keys()


def test_the_copy_builds_no_validator_and_gives_the_same_report():
    """In a fresh process: loading the shipped checklist builds none of the schema's validators
    (the saving), and the result of the Perry-like example is the one the YAML path gives."""
    code = r"""
import json, sys, yaml
from clinic_ready import api, model
from clinic_ready.render import json_
cl = api.load_checklist("ketamine-clinic")
built = [c.__name__ for c in (model.Checklist, model.Question, model.Concern) if c.__pydantic_complete__]
print(json.dumps(built))
print(json_.compact(api.evaluate(cl, yaml.safe_load(open(sys.argv[1], encoding="utf-8")))))
"""
    ex = EXAMPLES / "perry-like.yaml"
    out = subprocess.run([sys.executable, "-c", code, str(ex)], capture_output=True, text=True, check=True).stdout
    built, line = out.splitlines()
    assert built == "[]"
    import yaml

    from clinic_ready import api
    from clinic_ready.render import json_

    src = catalog.shipped()["ketamine-clinic"]
    from_yaml = parse_checklist(src.read_text(encoding="utf-8"), str(src))
    assert line == json_.compact(api.evaluate(from_yaml, yaml.safe_load(ex.read_text(encoding="utf-8"))))


def test_copies_exist_only_for_shipped_checklists():
    folder = catalog.checklists_dir() / compact.FOLDER
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted(
        compact.copy_path(p).name for p in catalog.shipped().values())


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


def test_a_copy_made_for_another_schema_is_not_used(shipped_copy, monkeypatch):
    src = shipped_copy / "ketamine-clinic.yaml"
    text = src.read_text(encoding="utf-8")
    assert compact.load(src, text) is not None
    monkeypatch.setattr(compact, "schema_digest", lambda: "0" * 64)  # as after an edit of model.py
    assert compact.load(src, text) is None
    assert load_checklist(src).id == "ketamine-clinic"


@pytest.mark.parametrize("damage", [
    lambda head, body: head + b"\n" + body[: len(body) // 2],  # cut short
    lambda head, body: head + b"\n" + pickle.dumps({"id": 1}),  # right header, not a checklist
    lambda head, body: head + b"\n" + b"\x80\x05garbage",
    lambda head, body: head,  # no body at all
    lambda head, body: b"",
])
def test_a_damaged_copy_falls_back_to_the_yaml(shipped_copy, damage):
    src = shipped_copy / "ketamine-clinic.yaml"
    copy = compact.copy_path(src)
    head, _, body = copy.read_bytes().partition(b"\n")
    copy.write_bytes(damage(head, body))
    assert compact.load(src, src.read_text(encoding="utf-8")) is None
    assert load_checklist(src).id == "ketamine-clinic"
    copy.unlink()
    assert load_checklist(src).id == "ketamine-clinic"


def test_a_users_file_never_uses_a_copy(tmp_path):
    """A checklist outside the shipped folder, even with a current copy beside it, is read as YAML:
    nothing from a user's folder is ever unpickled."""
    src = tmp_path / "ketamine-clinic.yaml"
    shutil.copy(catalog.shipped()["ketamine-clinic"], src)
    (tmp_path / compact.FOLDER).mkdir()
    text = src.read_text(encoding="utf-8")

    class Boom:
        def __reduce__(self):
            return (pytest.fail, ("a pickle from the user's folder was loaded",))

    compact.copy_path(src).write_bytes(compact.header(text).encode() + b"\n" + pickle.dumps(Boom()))
    assert compact.load(src, text) is None
    assert load_checklist(src).id == "ketamine-clinic"
    assert load_checklist(str(src)).id == "ketamine-clinic"


def test_build_rewrites_a_stale_copy_and_removes_orphans(shipped_copy):
    src = shipped_copy / "ketamine-clinic.yaml"
    src.write_text(re.sub(r'^version: ".*"$', 'version: "9.9.9"', src.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    (shipped_copy / compact.FOLDER / "gone.yaml.json").write_text("x\n{}\n")
    written = build.make_all(shipped_copy)
    assert [p.name for p in written] == ["ketamine-clinic.yaml.pickle"]
    assert not (shipped_copy / compact.FOLDER / "gone.yaml.json").exists()
    assert compact.load(src, src.read_text(encoding="utf-8")).version == "9.9.9"
    assert build.make_all(shipped_copy) == []  # nothing changed: nothing rewritten


def test_build_refuses_an_invalid_checklist(shipped_copy):
    from clinic_ready.errors import InputError

    src = shipped_copy / "ketamine-clinic.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("format: 1", "format: 7", 1), encoding="utf-8")
    with pytest.raises(InputError):
        build.make_all(shipped_copy)
