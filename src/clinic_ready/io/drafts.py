"""Drafts: partial answers saved after every answer, so nothing a person typed is ever lost.

* Where: ``$CLINIC_READY_STATE_DIR`` if set, else the platform's user state directory
  (``~/.local/state/clinic-ready`` on Linux), in ``drafts/<checklist id>.yaml`` for a shipped
  checklist and ``drafts/<checklist id>--<hash of the file's path>.yaml`` for a checklist file.
* Who: one run at a time per draft (an exclusive lock, ``<name>.lock``, held while answering).
* How: atomically (temporary file, fsync, rename), file mode 0600, directories 0700.
* What: the checklist id and version, when it was saved, and the answers so far (including
  answers to questions that are currently hidden, so changing an earlier answer back loses nothing).
* How long: until the run completes (then it is removed), or until the person starts afresh.
"""

from __future__ import annotations  # noqa: I001

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from clinic_ready.core.model import RESPONDENTS, Answer, Answers, Checklist
from clinic_ready.i18n import _
import contextlib

ENV_DIR = "CLINIC_READY_STATE_DIR"


def state_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("clinic-ready", appauthor=False))


def draft_key(checklist_id: str, source: str | None = None) -> str:
    """The draft's name: the checklist id for a shipped checklist; the id plus a short hash of the
    file's full path for a checklist file, so a file that reuses a shipped id never shares its draft."""
    if not source:
        return checklist_id
    import hashlib

    digest = hashlib.sha256(str(Path(source).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"{checklist_id}--{digest}"


def draft_path(key: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in key)
    return state_dir() / "drafts" / f"{safe}.yaml"


def _prepare_dirs(path: Path) -> None:
    """The state folder (left as it is when the user named it) and drafts/ (0700, ours)."""
    from clinic_ready.io.atomic import ensure_private_dir

    ensure_private_dir(path.parent.parent, tighten=not os.environ.get(ENV_DIR))
    ensure_private_dir(path.parent)


class DraftBusy(Exception):
    """Another run holds the lock on this draft."""


class CorruptDraft(Exception):
    """A draft that cannot be read was moved aside (``kept``) instead of being overwritten."""

    def __init__(self, kept: Path, reason: str):
        super().__init__(reason)
        self.kept, self.reason = kept, reason


class Lock:
    """An exclusive lock on one draft, held for the whole interactive run (released on exit).

    The lock file is removed on release, so a run that opened it just before may lock a file that
    is no longer at the path: after ``flock`` the locked file must still be the one the path
    names, else the run opens the path again (two runs can never both hold "the" lock).  With the
    lock held, temporary files that a run killed mid-save left beside the draft are removed."""

    def __init__(self, key: str):
        self.path = draft_path(key).with_suffix(".lock")
        _prepare_dirs(self.path)
        for _attempt in range(20):
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                import fcntl

                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:  # no flock on this platform: no lock (documented)
                return
            except OSError:
                os.close(self.fd)
                self.fd = -1
                raise DraftBusy(str(self.path)) from None
            if _same_file(self.fd, self.path):
                sweep_temporary(draft_path(key))
                return
            os.close(self.fd)  # locked a file another run has just removed: try the path again
            self.fd = -1
        raise DraftBusy(str(self.path))

    def release(self, remove: bool = False) -> None:
        if self.fd < 0:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(self.fd)
        self.fd = -1


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def sweep_temporary(path: Path) -> None:
    """Remove the temporary files (``.NAME.XXXXXXXX.tmp``) of this draft's atomic saves that a run
    killed mid-save (kill -9, a power cut) left behind: they hold answers and are never used.
    Called only with the draft's lock held, when no other run can be saving it."""
    import re

    pattern = re.compile(re.escape(f".{path.name}.") + r"[A-Za-z0-9_]{8}\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if pattern.fullmatch(name):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)


@dataclass
class Draft:
    """A saved draft, read back and fitted to the current checklist."""

    path: Path
    checklist_version: str
    saved_at: str
    answers: Answers
    dropped: list[str] = field(default_factory=list)  # answers that no longer fit the checklist
    skipped: list[str] = field(default_factory=list)  # optional questions the person chose to skip
    carried: str | None = None  # the note when a migration carried the answers to this version

    @property
    def version_changed(self) -> bool:
        return self.checklist_version != self.answers.checklist_version


def save(checklist: Checklist, answers: Answers, key: str | None = None, skipped: Iterable[str] = ()) -> Path:
    """Write the draft for this checklist (atomic, 0600 in a 0700 directory)."""
    import yaml

    from clinic_ready.io.atomic import write_atomic

    path = draft_path(key or checklist.id)
    _prepare_dirs(path)
    data = {
        "checklist": checklist.id,
        "checklist_version": checklist.version,
        "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "respondent": answers.respondent,
        "answers": {qid: a.to_data() for qid, a in answers.values.items()},
    }
    skipped = sorted(q for q in skipped if q not in answers.values)
    if skipped:
        data["skipped"] = skipped
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's writer: ~10x faster, same text
    write_atomic(path, yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True))
    return path


def load(checklist: Checklist, key: str | None = None) -> Draft | None:
    """The draft for this checklist, or None.  Answers that no longer fit are dropped and named.

    A draft that cannot be read, or that belongs to another checklist, is renamed aside
    (``NAME.unreadable-STAMP.yaml``) and CorruptDraft says where: it is never silently overwritten.
    """
    from clinic_ready.core.coercion import AnswerRejected, coerce
    from clinic_ready.errors import InputError
    from clinic_ready.io import yamlio

    path = draft_path(key or checklist.id)
    if not os.path.lexists(path):
        return None
    try:
        name, text = yamlio.read_source(path)
        data = yamlio.require_mapping(yamlio.parse(text, name), name)
    except InputError as exc:
        raise _set_aside(path, exc.problems[0].what if exc.problems else _("it cannot be read")) from None
    if data.get("checklist") != checklist.id:
        raise _set_aside(path, _("it belongs to another checklist"))
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise _set_aside(path, _("it has no answers in the expected form"))
    respondent = data.get("respondent")
    answers = Answers(
        checklist.id, checklist.version, respondent=respondent if respondent in RESPONDENTS else "patient"
    )
    dropped: list[str] = []
    from clinic_ready.core import migration

    carried = migration.plan(checklist, str(data.get("checklist_version", "")))
    if carried is not None:
        raw = carried.carry_all(raw)
    for qid, value in raw.items():
        q = checklist.questions.get(str(qid))
        if q is None:
            dropped.append(str(qid))
            continue
        try:
            answers.values[q.id] = coerce(q, value)
        except AnswerRejected:
            dropped.append(str(qid))
    raw_skipped = data.get("skipped")
    skipped = [str(s) for s in raw_skipped if str(s) in checklist.questions] if isinstance(raw_skipped, list) else []
    return Draft(
        path,
        str(data.get("checklist_version", "")),
        str(data.get("saved_at", "")),
        answers,
        dropped,
        skipped,
        carried.note() if carried is not None else None,
    )


#: a run that finds its draft in use may keep a separate one: ``<key>-2``, ``<key>-3``, ...
MAX_SEPARATE = 99


def separate_keys(key: str) -> list[str]:
    """The keys of the separate drafts (``<key>-N``) that exist for this draft, in order of N."""
    import re

    path = draft_path(key)
    pattern = re.compile(re.escape(path.stem) + r"-([0-9]{1,2})" + re.escape(path.suffix))
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    found = sorted(int(m.group(1)) for m in map(pattern.fullmatch, names) if m and 2 <= int(m.group(1)) <= MAX_SEPARATE)
    return [f"{key}-{n}" for n in found]


def _set_aside(path: Path, reason: str) -> CorruptDraft:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    try:
        os.replace(path, kept)
    except OSError:
        kept = path  # cannot move it: leave it where it is, and say so
    return CorruptDraft(kept, reason)


def remove(checklist: Checklist, key: str | None = None) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft_path(key or checklist.id).unlink()


def merge(base: Answers, draft: Answers) -> Answers:
    """Answers from a file or --set win over the draft's (they were given explicitly this run)."""
    who = base.respondent if base.respondent != "patient" else draft.respondent
    merged = Answers(base.checklist_id, base.checklist_version, dict(draft.values), respondent=who)
    merged.values.update(base.values)
    return merged


__all__ = [
    "Answer",
    "CorruptDraft",
    "Draft",
    "DraftBusy",
    "Lock",
    "draft_key",
    "draft_path",
    "load",
    "merge",
    "remove",
    "save",
    "separate_keys",
    "state_dir",
    "sweep_temporary",
]
