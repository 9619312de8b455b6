"""An interactive run: offer to resume a draft, ask the questions, keep the draft safe on exit.

Ctrl-C, Ctrl-D (end of input, at any prompt), `q`, a closed terminal (SIGHUP) and SIGTERM all end
up here as an exception; the draft is saved and the person is told where it is and how to resume
(exit 130).  One run at a time uses a draft (a lock); a second run is offered the draft read-only
or a separate draft.  If drafts cannot be saved at all, the person is told once and the run goes on.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from clinic_ready.app.interactive.prompting import Questionnaire, QuitRequested, Reader, confirm, keywords, typed_text
from clinic_ready.core.model import Answers, Checklist
from clinic_ready.errors import Interrupted
from clinic_ready.i18n import _, ngettext
from clinic_ready.io import drafts

MAX_DROPPED_SHOWN = 10


def signals_interrupt():
    """Turn SIGHUP and SIGTERM into KeyboardInterrupt while questions are being asked."""
    from clinic_ready.signals import SESSION, interrupt_on

    return interrupt_on(SESSION)


class DraftKeeper:
    """Where this run's answers are kept: a locked draft, a read-only view of one, or nowhere."""

    def __init__(self, cl: Checklist, key: str, console: Console, enabled: bool = True):
        self.cl, self.key, self.console = cl, key, console
        self.enabled, self.read_only, self.failed = enabled, False, False
        self.lock: drafts.Lock | None = None
        self.path = None
        self.saved = 0  # answers in the draft as last saved (what a stopped run keeps if saving fails later)

    def _say(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style=style))

    def open(self, read: Reader) -> None:
        """Take the lock (or ask what to do when another run holds it)."""
        if not self.enabled:
            return
        try:
            self.lock = drafts.Lock(self.key)
            return
        except drafts.DraftBusy:
            pass
        except OSError as exc:
            self._disable(exc)
            return
        self._say(_("Another run is using this draft ({path}).").format(path=drafts.draft_path(self.key)), "yellow")
        # r/s/q in English; Spanish uses l (leer: read-only), o (otro borrador: s means sí there) and salir
        from clinic_ready.i18n import language

        separate = ("o", "otro", "separate") if language() == "es" else ("s", "separate")
        while True:
            word = typed_text(
                read(
                    _(
                        "Open it read-only (r: nothing you type here is saved), start a separate draft (s), or quit (q)? "
                    )
                )
            )
            if word in ("r", "read-only", "readonly", "l", "leer"):
                self.read_only = True
                return
            if word in separate:
                self._separate()
                return
            if word in keywords("quit"):
                raise QuitRequested
            self._say(_("Please type r, s or q."), "yellow")

    def _separate(self) -> None:
        for n in range(2, drafts.MAX_SEPARATE + 1):
            key = f"{self.key}-{n}"
            try:
                self.lock = drafts.Lock(key)
            except drafts.DraftBusy:
                continue
            except OSError as exc:
                self._disable(exc)
                return
            self.key = key
            self._say(_("This run keeps its own draft: {path}.").format(path=drafts.draft_path(key)), "dim")
            return
        self._disable(OSError(_("too many runs at once")))

    def _disable(self, exc: OSError) -> None:
        self.enabled, self.failed = False, True
        reason = getattr(exc, "strerror", None) or str(exc)
        self._say(
            _(
                "Note: your answers cannot be saved as a draft ({reason}); the run goes on, but a stopped run cannot be "
                "resumed. Use --no-draft to skip this note, or set CLINIC_READY_STATE_DIR to a folder you can write to."
            ).format(reason=reason),
            "yellow",
        )

    @property
    def saving(self) -> bool:
        return self.enabled and not self.read_only

    def load(self) -> drafts.Draft | None:
        if not self.enabled:
            return None
        try:
            return drafts.load(self.cl, self.key)
        except drafts.CorruptDraft as exc:
            self._say(
                _(
                    "Your saved draft could not be read ({reason}); it was kept as {kept} and a new draft is started."
                ).format(reason=exc.reason, kept=exc.kept),
                "yellow",
            )
            return None

    def others(self) -> list[tuple[str, drafts.Lock, drafts.Draft]]:
        """The separate drafts (``<key>-N``) that no other run is using, each locked for this run
        (a run told to "start a separate draft" keeps its answers there; the next run lists them)."""
        if not self.saving:
            return []
        found = []
        for key in drafts.separate_keys(self.key):
            try:
                lock = drafts.Lock(key)
            except (drafts.DraftBusy, OSError):
                continue
            try:
                draft = drafts.load(self.cl, key)
            except drafts.CorruptDraft as exc:
                self._say(
                    _("A saved draft could not be read ({reason}); it was kept as {kept}.").format(
                        reason=exc.reason, kept=exc.kept
                    ),
                    "yellow",
                )
                draft = None
            if draft is None:
                lock.release(remove=True)
            else:
                found.append((key, lock, draft))
        return found

    def switch(self, key: str, lock: drafts.Lock) -> None:
        """Keep this run's answers in another draft (one of ``others``) from now on."""
        if self.lock is not None:
            self.lock.release(remove=True)
        self.key, self.lock = key, lock

    def save(self, answers: Answers, skipped) -> str | None:
        if not self.saving:
            return None
        try:
            path = str(drafts.save(self.cl, answers, self.key, skipped))
        except OSError as exc:
            self._disable(exc)
            return None
        self.saved = len(answers.values)
        return path

    def release(self) -> None:
        """Let other runs use the draft (the draft itself stays)."""
        if self.lock is not None:
            self.lock.release(remove=True)
            self.lock = None

    def remove(self) -> None:
        if self.saving:
            drafts.remove(self.cl, self.key)
        self.release()


def choose_start(
    keeper: DraftKeeper, given: Answers, console: Console, read: Reader, resume: bool | None
) -> tuple[Answers, list[str]]:
    """Offer a saved draft; answers from a file or --set win over the draft's.  Returns the answers
    to start from and the optional questions the draft records as skipped."""
    draft = keeper.load()
    others = keeper.others()
    if others and resume is False:  # --fresh: afresh in this checklist's own draft; the others stay
        for _key, lock, _d in others:
            lock.release(remove=True)
    elif others:
        draft = _choose_draft(keeper, draft, others, console, read)
        if draft is None:
            return given, []
        resume = True
    if draft is None:
        return given, []
    count = len(draft.answers.values)
    if resume is None and not keeper.read_only:
        when = _friendly(draft.saved_at)
        question = ngettext(
            "You have a saved draft from {when} with {count} answer. Resume it?",
            "You have a saved draft from {when} with {count} answers. Resume it?",
            count,
        )
        resume = confirm(read, console, question.format(when=when, count=count))
    if keeper.read_only:
        resume = True
    if not resume:
        console.print(
            Text(_("Starting afresh. The saved draft is replaced when you give your first answer."), style="dim")
        )
        return given, []
    if draft.carried:
        console.print(Text(draft.carried))
    elif draft.checklist_version != keeper.cl.version:
        console.print(
            Text(
                _("Note: the draft was made for version {old} of this checklist; this is version {new}.").format(
                    old=draft.checklist_version, new=keeper.cl.version
                )
            )
        )
    if draft.dropped:
        shown = ", ".join(draft.dropped[:MAX_DROPPED_SHOWN])
        more = len(draft.dropped) - MAX_DROPPED_SHOWN
        shown += _(" and {more} more").format(more=more) if more > 0 else ""
        console.print(
            Text(_("These saved answers no longer fit the checklist and were dropped: {ids}.").format(ids=shown))
        )
    return drafts.merge(given, draft.answers), draft.skipped


def _choose_draft(keeper: DraftKeeper, main, others, console: Console, read: Reader):
    """Several saved drafts (this checklist's own and separate ones): list them and let the person
    pick one to resume, or start afresh (None).  The chosen draft becomes this run's; the locks
    of the others are let go."""
    choices = ([(keeper.key, None, main)] if main is not None else []) + list(others)
    picked = None
    console.print(
        Text(
            ngettext(
                "You have {count} saved draft for this checklist:",
                "You have {count} saved drafts for this checklist:",
                len(choices),
            ).format(count=len(choices))
        )
    )
    for n, (_key, _lock, d) in enumerate(choices, 1):
        size = len(d.answers.values)
        console.print(
            Text(
                "  "
                + ngettext("{n}. from {when}, {count} answer", "{n}. from {when}, {count} answers", size).format(
                    n=n, when=_friendly(d.saved_at), count=size
                )
            )
        )
    while picked is None:
        word = typed_text(
            read(_("Which one do you want to resume (1-{count}), or start afresh (n)? ").format(count=len(choices)))
        )
        if word in keywords("no") or word in ("n", "new", "nuevo"):
            break
        if word in keywords("quit"):
            for _key, lock, _d in others:
                lock.release(remove=True)
            raise QuitRequested
        if word.isdigit() and 1 <= int(word) <= len(choices):
            picked = choices[int(word) - 1]
        else:
            console.print(
                Text(_("Please type a number from 1 to {count}, or n.").format(count=len(choices)), style="yellow")
            )
    for key, lock, _d in others:
        if picked is None or key != picked[0]:
            lock.release(remove=True)
    if picked is None:
        console.print(
            Text(_("Starting afresh. The saved draft is replaced when you give your first answer."), style="dim")
        )
        return None
    key, lock, draft = picked
    if lock is not None:
        keeper.switch(key, lock)
    return draft


def _friendly(stamp: str) -> str:
    """When the draft was saved, as the current language writes it ("21 de noviembre de 2026, 14:05")."""
    import datetime as dt

    from clinic_ready.dates import show_datetime

    try:
        return show_datetime(dt.datetime.fromisoformat(stamp))
    except ValueError:
        return stamp or _("an earlier run")


def interactive(
    cl: Checklist,
    given: Answers,
    console: Console,
    read: Reader,
    *,
    resume: bool | None = None,
    use_drafts: bool = True,
    plain: bool = False,
    resume_hint: str = "clinic-ready run --resume",
    draft_key: str | None = None,
) -> tuple[Answers, DraftKeeper]:
    """Ask every visible question that has no answer yet; return the completed answers and the
    draft keeper (the caller removes the draft once the run is complete)."""
    keeper = DraftKeeper(cl, draft_key or cl.id, console, use_drafts)
    answers, q = given, None
    try:
        with signals_interrupt():
            keeper.open(read)
            answers, skipped = choose_start(keeper, given, console, read, resume)
            q = Questionnaire(
                cl,
                answers,
                console,
                read,
                on_change=lambda a: keeper.save(a, q.passed if q else ()),
                plain=plain,
                saving=keeper.saving,
            )
            q.passed.update(skipped)
            # who is answering: asked unless --for-someone-else, the answers file or a resumed draft says
            q.ask_who = answers is given and answers.respondent != "supporter"
            q.welcome()
            return q.run(), keeper
    except (KeyboardInterrupt, EOFError, QuitRequested):
        stopped = _stopped(keeper, answers, q.passed if q else set(), resume_hint)
        keeper.release()
        raise stopped from None
    except BaseException:
        keeper.release()
        raise


def _stopped(keeper: DraftKeeper, answers: Answers, skipped, resume_hint: str) -> Interrupted:
    if keeper.read_only:
        return Interrupted(
            "\n" + _("stopped. This run was read-only, so nothing was saved; the other run's draft is unchanged.")
        )
    if not keeper.enabled:
        if keeper.failed and keeper.saved:  # saving failed part-way (a full disk): the draft keeps what it had
            said = ngettext(
                "stopped. The draft could not be saved after that, but it keeps your first "
                "{n} answer, in {path}. To continue from there, type:",
                "stopped. The draft could not be saved after that, but it keeps your first "
                "{n} answers, in {path}. To continue from there, type:",
                keeper.saved,
            )
            return Interrupted(
                "\n" + said.format(n=keeper.saved, path=drafts.draft_path(keeper.key)) + f"\n  {resume_hint}"
            )
        if keeper.failed:
            return Interrupted("\n" + _("stopped. Drafts could not be saved, so these answers were not kept."))
        return Interrupted("\n" + _("stopped. Drafts are off (--no-draft), so these answers were not kept."))
    if not answers.values and not skipped:
        earlier = drafts.draft_path(keeper.key)
        if earlier.exists():  # stopped at "Resume it?" or before the first answer: the draft is untouched
            return Interrupted(
                "\n"
                + _(
                    "stopped before any answer was given. Your saved draft is kept, "
                    "unchanged, in {path}. To continue it, type:"
                ).format(path=shown_path(earlier))
                + f"\n  {resume_hint}"
            )
        return Interrupted("\n" + _("stopped before any answer was given; nothing was saved."))
    path = keeper.save(answers, skipped)
    if path is None:
        return Interrupted("\n" + _("stopped. The draft could not be saved, so these answers were not kept."))
    n = len(answers.values)
    if n == 0:  # only optional questions were skipped: no answer to count
        said = _("stopped. The questions you skipped are noted in {path}. To continue, type:")
    else:
        said = ngettext(
            "stopped. Your {n} answer is saved in {path}. To continue, type:",
            "stopped. Your {n} answers are saved in {path}. To continue, type:",
            n,
        )
    return Interrupted("\n" + said.format(n=n, path=shown_path(path)) + f"\n  {resume_hint}")


def shown_path(path) -> str:
    """A path as the person reads it: the home folder written as ~ (shorter, so it wraps less)."""
    import os

    text = str(path)
    home = os.path.expanduser("~")
    if home not in ("", "/", "~") and text.startswith(home + os.sep):
        return "~" + text[len(home) :]
    return text
