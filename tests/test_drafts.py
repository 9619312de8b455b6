"""Drafts: private, atomic, in the state directory, and fitted to the checklist on resume."""

from __future__ import annotations

import stat

import pytest

from clinic_ready import drafts
from clinic_ready.loading import load_checklist, parse_checklist
from clinic_ready.model import Answer, Answers


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


def test_draft_is_private_and_in_the_state_dir(mini, _isolated_state):
    path = drafts.save(mini, Answers(mini.id, mini.version, {"monitored": Answer.of("no"), "age": Answer("unsure")}))
    assert path == _isolated_state / "drafts" / "mini.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["mini.yaml"]
    back = drafts.load(mini)
    assert back.answers.values == {"monitored": Answer.of("no"), "age": Answer("unsure")}
    drafts.remove(mini)
    assert drafts.load(mini) is None


def test_draft_for_another_version_drops_what_no_longer_fits(mini, mini_path):
    drafts.save(mini, Answers(mini.id, mini.version, {"monitored": Answer.of("no"), "where": Answer.of("home"), "age": Answer.of(30)}))
    text = mini_path.read_text().replace('version: "1.0"', 'version: "1.1"').replace("          - {value: home, label: At home}\n", "          - {value: van, label: In a van}\n")
    text = text.replace("      - id: age\n", "      - id: age_years\n")
    newer = parse_checklist(text.replace("question: where, equals: home", "question: where, equals: van"), "m.yaml")
    d = drafts.load(newer)
    assert d.checklist_version == "1.0"
    assert sorted(d.dropped) == ["age", "where"]
    assert d.answers.values == {"monitored": Answer.of("no")}


def test_file_answers_win_over_the_draft():
    base = Answers("x", values={"a": Answer.of("yes")})
    draft = Answers("x", values={"a": Answer.of("no"), "b": Answer.of("no")})
    assert drafts.merge(base, draft).values == {"a": Answer.of("yes"), "b": Answer.of("no")}


def test_a_corrupt_draft_is_ignored(mini, _isolated_state):
    p = drafts.draft_path(mini.id)
    p.parent.mkdir(parents=True)
    p.write_bytes(b"\x00\x01 not yaml")
    assert drafts.load(mini) is None
