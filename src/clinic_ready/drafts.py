"""Drafts: partial answers saved after every answer, so nothing a person typed is ever lost.

* Where: ``$CLINIC_READY_STATE_DIR`` if set, else the platform's user state directory
  (``~/.local/state/clinic-ready`` on Linux), in ``drafts/<checklist id>.yaml``.
* How: atomically (temporary file, fsync, rename), file mode 0600, directories 0700.
* What: the checklist id and version, when it was saved, and the answers so far (including
  answers to questions that are currently hidden, so changing an earlier answer back loses nothing).
* How long: until the run completes (then it is removed), or until the person starts afresh.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from clinic_ready.model import Answer, Answers, Checklist

ENV_DIR = "CLINIC_READY_STATE_DIR"


def state_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("clinic-ready", appauthor=False))


def draft_path(checklist_id: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in checklist_id)
    return state_dir() / "drafts" / f"{safe}.yaml"


@dataclass
class Draft:
    """A saved draft, read back and fitted to the current checklist."""

    path: Path
    checklist_version: str
    saved_at: str
    answers: Answers
    dropped: list[str] = field(default_factory=list)  # answers that no longer fit the checklist

    @property
    def version_changed(self) -> bool:
        return self.checklist_version != self.answers.checklist_version


def save(checklist: Checklist, answers: Answers) -> Path:
    """Write the draft for this checklist (atomic, 0600 in a 0700 directory)."""
    import yaml

    from clinic_ready.writing import ensure_private_dir, write_atomic

    path = draft_path(checklist.id)
    ensure_private_dir(path.parent.parent)
    ensure_private_dir(path.parent)
    data = {
        "checklist": checklist.id,
        "checklist_version": checklist.version,
        "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "answers": {qid: a.to_data() for qid, a in answers.values.items()},
    }
    write_atomic(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def load(checklist: Checklist) -> Draft | None:
    """The draft for this checklist, or None.  Answers that no longer fit are dropped and named."""
    from clinic_ready import yamlio
    from clinic_ready.answers import AnswerRejected, coerce
    from clinic_ready.errors import InputError

    path = draft_path(checklist.id)
    if not path.is_file():
        return None
    try:
        name, text = yamlio.read_source(path)
        data = yamlio.require_mapping(yamlio.parse(text, name), name)
    except InputError:
        return None  # an unreadable draft is not worth a crash; it is replaced on the next save
    raw = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    answers = Answers(checklist.id, checklist.version)
    dropped: list[str] = []
    for qid, value in raw.items():
        q = checklist.questions.get(str(qid))
        if q is None:
            dropped.append(str(qid))
            continue
        try:
            answers.values[q.id] = coerce(q, value)
        except AnswerRejected:
            dropped.append(str(qid))
    return Draft(path, str(data.get("checklist_version", "")), str(data.get("saved_at", "")), answers, dropped)


def remove(checklist: Checklist) -> None:
    try:
        draft_path(checklist.id).unlink()
    except FileNotFoundError:
        pass


def merge(base: Answers, draft: Answers) -> Answers:
    """Answers from a file or --set win over the draft's (they were given explicitly this run)."""
    merged = Answers(base.checklist_id, base.checklist_version, dict(draft.values))
    merged.values.update(base.values)
    return merged


__all__ = ["Answer", "Draft", "draft_path", "load", "merge", "remove", "save", "state_dir"]
