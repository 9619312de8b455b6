"""The draft lock under a race (review 2026-12 minor 1) and the clean-up of a killed save (minor 4)."""

from __future__ import annotations

import pytest

from clinic_ready.io import drafts


def test_a_lock_file_removed_between_open_and_flock_is_never_held(monkeypatch):
    """A opens the lock file, B opens it too; A quits (removing the file) before B's flock, and C
    then creates a new file and locks it.  B used to lock the removed file and go on: two runs on
    one draft.  Now B finds that the path names another file, tries again, and is told it is busy."""
    import fcntl

    key = "mini"
    a = drafts.Lock(key)
    real = fcntl.flock
    held = {}

    def racing(fd, op):
        if not held:  # B's first flock: A quits and C starts in the window
            held["a"] = a.release(remove=True)
            held["c"] = "started"
            monkeypatch.setattr(fcntl, "flock", real)
            held["c"] = drafts.Lock(key)
            monkeypatch.setattr(fcntl, "flock", racing)
        return real(fd, op)

    monkeypatch.setattr(fcntl, "flock", racing)
    with pytest.raises(drafts.DraftBusy):
        drafts.Lock(key)  # B
    held["c"].release(remove=True)


def test_stale_temporary_files_are_swept_when_the_lock_is_taken(_isolated_state):
    folder = _isolated_state / "drafts"
    folder.mkdir(parents=True)
    mine = [folder / ".mini.yaml.abcd1234.tmp", folder / ".mini.yaml.zz_99xyz.tmp"]
    keep = [folder / ".mini-2.yaml.abcd1234.tmp", folder / "mini.yaml", folder / ".mini.yaml.tmp", folder / "notes.tmp"]
    for p in mine + keep:
        p.write_text("x")
    lock = drafts.Lock("mini")
    try:
        assert [p for p in mine if p.exists()] == []
        assert all(p.exists() for p in keep)
    finally:
        lock.release(remove=True)


def test_separate_drafts_are_found_in_order(_isolated_state):
    folder = _isolated_state / "drafts"
    folder.mkdir(parents=True)
    for name in (
        "mini.yaml",
        "mini-10.yaml",
        "mini-2.yaml",
        "mini-x.yaml",
        "mini-2.yaml.lock",
        "mini--abc.yaml",
        "mini-1.yaml",
    ):
        (folder / name).write_text("x")
    assert drafts.separate_keys("mini") == ["mini-2", "mini-10"]


def test_a_draft_that_fails_part_way_says_what_it_keeps(monkeypatch, mini_path):
    """Review 2026-12 minor 11: a disk that filled up after the 3rd answer; `q` said no answers
    were kept, although the draft held the first 3 (and --resume offers them)."""
    import errno
    import io

    from rich.console import Console

    from clinic_ready.app.interactive import session
    from clinic_ready.core.model import Answer, Answers
    from clinic_ready.io.loading import load_checklist

    cl = load_checklist(mini_path)
    keeper = session.DraftKeeper(cl, cl.id, Console(file=io.StringIO()))
    real = drafts.save
    calls = []

    def filling(*args, **kwargs):
        calls.append(1)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(drafts, "save", filling)
    answers = Answers(cl.id, cl.version)
    for qid, value in [("monitored", "no"), ("where", "clinic"), ("meds", ["benzo"]), ("age", 40)]:
        answers.values[qid] = Answer.of(value)
        keeper.save(answers, ())
    stopped = session._stopped(keeper, answers, set(), "clinic-ready run --resume")
    text = str(stopped)
    assert "keeps your first 3 answers" in text and "not kept" not in text
    assert "clinic-ready run --resume" in text
    assert len(drafts.load(cl).answers.values) == 3
