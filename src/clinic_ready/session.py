"""An interactive run: offer to resume a draft, ask the questions, keep the draft safe on exit.

Ctrl-C, Ctrl-D (end of input), `q`, a closed terminal (SIGHUP) and SIGTERM all end up here as
an exception; the draft is saved and the person is told where it is and how to resume (exit 130).
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Optional

from rich.console import Console
from rich.text import Text

from clinic_ready import drafts
from clinic_ready.errors import Interrupted
from clinic_ready.model import Answers, Checklist
from clinic_ready.prompting import QuitRequested, Questionnaire, Reader, confirm


@contextmanager
def signals_interrupt():
    """Turn SIGHUP and SIGTERM into KeyboardInterrupt while questions are being asked."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    saved = {}
    for name in ("SIGHUP", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                saved[sig] = signal.signal(sig, handler)
            except (ValueError, OSError):  # not the main thread
                pass
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def choose_start(cl: Checklist, given: Answers, console: Console, read: Reader, resume: Optional[bool]) -> Answers:
    """Offer a saved draft; answers from a file or --set win over the draft's."""
    draft = drafts.load(cl)
    if draft is None:
        return given
    count = len(draft.answers.values)
    if resume is None:
        when = _friendly(draft.saved_at)
        noun = "answer" if count == 1 else "answers"
        resume = confirm(read, console, f"You have a saved draft from {when} with {count} {noun}. Resume it?")
    if not resume:
        drafts.remove(cl)
        return given
    if draft.checklist_version != cl.version:
        console.print(Text(f"Note: the draft was made for version {draft.checklist_version} of this checklist; this is version {cl.version}."))
    if draft.dropped:
        console.print(Text(f"These saved answers no longer fit the checklist and were dropped: {', '.join(draft.dropped)}."))
    return drafts.merge(given, draft.answers)


def _friendly(stamp: str) -> str:
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(stamp).strftime("%d %b %Y %H:%M")
    except ValueError:
        return stamp or "an earlier run"


def interactive(
    cl: Checklist,
    given: Answers,
    console: Console,
    read: Reader,
    *,
    resume: Optional[bool] = None,
    use_drafts: bool = True,
    plain: bool = False,
    resume_hint: str = "clinic-ready run --resume",
) -> Answers:
    """Ask every visible question that has no answer yet; return the completed answers."""
    answers = choose_start(cl, given, console, read, resume) if use_drafts else given
    on_change = (lambda a: drafts.save(cl, a)) if use_drafts else (lambda a: None)
    q = Questionnaire(cl, answers, console, read, on_change=on_change, plain=plain)
    try:
        with signals_interrupt():
            q.welcome()
            return q.run()
    except (KeyboardInterrupt, EOFError, QuitRequested):
        raise _stopped(cl, answers, use_drafts, resume_hint) from None


def _stopped(cl: Checklist, answers: Answers, use_drafts: bool, resume_hint: str) -> Interrupted:
    if not use_drafts:
        return Interrupted("clinic-ready: stopped. Drafts are off (--no-draft), so these answers were not kept.")
    if not answers.values:
        return Interrupted("clinic-ready: stopped before any answer was given; nothing was saved.")
    path = drafts.save(cl, answers)
    n = len(answers.values)
    return Interrupted(f"clinic-ready: stopped. Your {n} answer{'s' if n != 1 else ''} are saved in {path}. To continue: {resume_hint}".replace("1 answer are", "1 answer is"))
