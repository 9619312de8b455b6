"""Drafts: private, atomic, in the state directory, and fitted to the checklist on resume."""

from __future__ import annotations

import stat

import pytest

from clinic_ready.core.model import Answer, Answers
from clinic_ready.io import drafts
from clinic_ready.io.loading import load_checklist, parse_checklist


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
    drafts.save(
        mini,
        Answers(
            mini.id, mini.version, {"monitored": Answer.of("no"), "where": Answer.of("home"), "age": Answer.of(30)}
        ),
    )
    text = (
        mini_path.read_text()
        .replace('version: "1.0"', 'version: "1.1"')
        .replace("          - {value: home, label: At home}\n", "          - {value: van, label: In a van}\n")
    )
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


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01 not yaml",
        b"answers: [unclosed",
        b"- a list\n",
        b"checklist: mini\nanswers:\n  [a]: b\n",
        b"checklist: other-checklist\nanswers: {monitored: 'no'}\n",
        b"checklist: mini\nanswers: [1, 2]\n",
    ],
)
def test_a_corrupt_draft_is_set_aside_and_named_never_overwritten(mini, content):
    p = drafts.draft_path(mini.id)
    p.parent.mkdir(parents=True)
    p.write_bytes(content)
    with pytest.raises(drafts.CorruptDraft) as exc:
        drafts.load(mini)
    assert exc.value.kept != p and exc.value.kept.read_bytes() == content and not p.exists()
    assert exc.value.kept.name.startswith("mini.unreadable-")


def test_drafts_are_keyed_by_source_so_a_file_reusing_a_shipped_id_has_its_own(tmp_path):
    shipped = drafts.draft_key("ketamine-clinic")
    custom = drafts.draft_key("ketamine-clinic", str(tmp_path / "copy.yaml"))
    assert shipped == "ketamine-clinic" and custom.startswith("ketamine-clinic--") and custom != shipped
    assert drafts.draft_key("ketamine-clinic", str(tmp_path / "other.yaml")) != custom


def test_skipped_optional_questions_are_remembered(mini):
    drafts.save(mini, Answers(mini.id, mini.version, {"monitored": Answer.of("no")}), skipped={"age", "monitored"})
    assert drafts.load(mini).skipped == ["age"]


def test_the_lock_is_exclusive_and_released(mini):
    first = drafts.Lock(mini.id)
    with pytest.raises(drafts.DraftBusy):
        drafts.Lock(mini.id)
    first.release(remove=True)
    assert not first.path.exists()
    drafts.Lock(mini.id).release(remove=True)


def test_permissions_are_never_tightened_on_a_named_folder_or_through_a_link(tmp_path, monkeypatch, mini):
    named = tmp_path / "shared"
    named.mkdir()
    named.chmod(0o1777)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    (named / "drafts").symlink_to(elsewhere)
    monkeypatch.setenv("CLINIC_READY_STATE_DIR", str(named))
    drafts.save(mini, Answers(mini.id, mini.version, {"monitored": Answer.of("no")}))
    assert stat.S_IMODE(named.stat().st_mode) == 0o1777
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
