"""The keyboard side of `run`: consoles and readers for the interactive session."""

from __future__ import annotations

from pathlib import Path

from clinic_ready.core.model import Answers, Checklist, Result
from clinic_ready.i18n import N_


def _reader(console):
    def read(prompt: str) -> str:
        return console.input(prompt, markup=False)

    return read


def _source(checklist_arg: str | None) -> str | None:
    """The checklist file behind the run (None for a shipped checklist): part of the draft's name."""
    from clinic_ready.io import catalog

    if checklist_arg and checklist_arg != "-" and catalog.looks_like_path(checklist_arg):
        return checklist_arg
    return None


def ask(cl: Checklist, given: Answers, checklist_arg: str | None, plain: bool, resume, use_drafts: bool):
    """Ask at the keyboard; returns (answers, keeper of the draft)."""
    from clinic_ready.app.console import plain_wanted, stdout_console
    from clinic_ready.app.interactive import session
    from clinic_ready.io import drafts

    console = stdout_console(plain)
    hint = resume_hint(checklist_arg)
    key = drafts.draft_key(cl.id, _source(checklist_arg))
    return session.interactive(
        cl,
        given,
        console,
        _reader(console),
        resume=resume,
        use_drafts=use_drafts,
        plain=plain_wanted(plain),
        resume_hint=hint,
        draft_key=key,
    )


def resume_hint(checklist_arg: str | None) -> str:
    """How to continue a stopped run, as the person can paste it."""
    import shlex

    which = f" {shlex.quote(checklist_arg)}" if checklist_arg else ""
    return f"{command()} run{which} --resume"


def command() -> str:
    """The program as invoked, with ``--lang`` when the run is not in English (so that a pasted
    hint continues in the language the person chose, whichever way it was chosen)."""
    from clinic_ready import i18n
    from clinic_ready.app.console import invoked_as

    lang = i18n.language()
    return invoked_as() if lang == i18n.DEFAULT else f"{invoked_as()} --lang {lang}"


#: the end-of-run menu: (key, label, what to write)
CHOICES = (
    ("1", N_("Save your answers (to make the report again later)"), ("answers",)),
    ("2", N_("Write a PDF report (to print or bring to the clinic)"), ("pdf",)),
    ("3", N_("Write an HTML report (to open in a browser)"), ("html",)),
    ("4", N_("Both: save your answers and write a PDF report"), ("answers", "pdf")),
    ("5", N_("Neither: write nothing"), ()),
)
KINDS = {
    "answers": (N_("your answers"), "clinic-ready-answers-{date}.yaml"),
    "pdf": (N_("the PDF report"), "clinic-ready-report-{date}.pdf"),
    "html": (N_("the HTML report"), "clinic-ready-report-{date}.html"),
}


def default_name(kind: str, today=None) -> str:

    from clinic_ready.dates import today as current_date

    return KINDS[kind][1].format(date=(today or current_date()).isoformat())


def choose_outputs(read, console) -> tuple[str, ...]:
    """One prompt: what to keep from this run.  Enter, 5, or end of input (Ctrl-D) write nothing."""
    from rich.text import Text

    from clinic_ready.i18n import _

    console.print(Text(""))
    console.print(Text(_("What would you like to keep from this run?"), style="bold"))
    for key, label, _kinds in CHOICES:
        console.print(Text(f"  {key}) {_(label)}"))
    words = {"a": "1", "p": "2", "h": "3", "b": "4", "n": "5"}
    while True:
        try:
            raw = read(_("Type a number 1-5, or press Enter to skip: ")).strip().lower()
        except EOFError:  # Ctrl-D: nothing more is written; end the line the prompt was on
            console.print()
            return ()
        if not raw:
            return ()
        key = words.get(raw, raw)
        for k, _label, kinds in CHOICES:
            if key == k:
                return kinds
        console.print(Text(_("Please type a number from 1 to 5, or press Enter to write nothing."), style="yellow"))


def say_whole(console, text: str, style: str = "") -> None:
    """A sentence wrapped at spaces to the console's width, a path or a name longer than a line
    left whole on a line of its own (Rich would cut it at the width)."""
    from rich.text import Text

    from clinic_ready.app.console import wrap_words

    console.print(Text(wrap_words(text, console.width), style=style), soft_wrap=True)


def ask_save_path(read, console, what: str = "", default: str = "") -> str:
    """A file name to write ('' to skip): Enter takes the default, ~ is expanded, a folder or a
    missing folder is asked again, and an existing file is replaced only when the person says so."""

    from clinic_ready.app.interactive.prompting import ask_path, confirm
    from clinic_ready.i18n import _

    label = KINDS["answers"][0]
    what = what or _(label)
    while True:
        if default:
            question = _("File for {what} [{default}] (Enter to accept, or type another name): ").format(
                what=what, default=default
            )
        else:
            question = _("File for {what} (type a name, or press Enter to skip): ").format(what=what)
        raw = ask_path(read, question) or default
        if not raw:
            return ""
        path = Path(raw).expanduser()
        if path.is_dir():
            example = path / (Path(default).name if default else "my-answers.yaml")
            say_whole(
                console,
                _("{path} is a folder — type a file name, such as {example}.").format(path=path, example=example),
                "yellow",
            )
            continue
        if not path.parent.is_dir():
            say_whole(
                console,
                _("The folder {folder} does not exist — type another name.").format(folder=path.parent),
                "yellow",
            )
            continue
        if path.exists() and not confirm(
            read, console, _("{path} already exists. Replace it?").format(path=path), default=False
        ):
            default = ""
            continue
        return str(path)


def finish(
    cl: Checklist,
    result: Result,
    plain: bool,
    keeper,
    checklist_arg: str | None = None,
    paper: str = "",
    explain: bool = False,
) -> None:
    """Offer, in one prompt, to save the answers and/or write a report; then remove the draft: the
    run is complete.  Ctrl-D at any of these prompts writes nothing more (the run is still complete)."""
    from clinic_ready.app.console import stdout_console

    console = stdout_console(plain)
    read = _reader(console)
    written: list[str] = []
    kinds: tuple[str, ...] = ()
    try:
        kinds = choose_outputs(read, console)
        for kind in kinds:
            try:
                path = _write_one(kind, cl, result, console, read, checklist_arg, paper, explain)
            except EOFError:
                console.print()
                break
            if path:
                written.append(path)
    except KeyboardInterrupt:  # Ctrl-C at a save prompt: say what was written, and that the answers are kept
        raise _stopped_saving(written, kinds, keeper, checklist_arg) from None
    keeper.remove()


def _stopped_saving(written: list[str], kinds, keeper, checklist_arg: str | None):
    """The stop message for Ctrl-C at the end-of-run prompts: what was written, what was not, and
    where the answers still are (the draft is kept, so the run can be finished again)."""
    from clinic_ready.app.interactive.session import shown_path
    from clinic_ready.errors import Interrupted
    from clinic_ready.i18n import _

    lines = [_("stopped.")]
    if written:
        lines[0] += " " + _("Written: {files}.").format(files=", ".join(written))
    elif not kinds:
        lines[0] += " " + _("No file was written.")
    else:
        lines[0] += " " + _("Nothing more was written.")
    keeper.release()
    if keeper.saving:
        from clinic_ready.io import drafts

        lines[0] += " " + _(
            "Your answers are still kept in the draft {path}; to come back to the review and save them, type:"
        ).format(path=shown_path(drafts.draft_path(keeper.key)))
        lines.append("  " + resume_hint(checklist_arg))
    else:
        lines[0] += " " + _("Drafts are off, so answers that were not saved to a file are not kept.")
    return Interrupted("\n" + "\n".join(lines))


def _write_one(
    kind: str, cl: Checklist, result: Result, console, read, checklist_arg, paper: str, explain: bool
) -> str:
    """Ask for a file name and write one output; returns its path ('' when skipped)."""
    import shlex

    from rich.text import Text

    from clinic_ready.app import pipeline
    from clinic_ready.errors import UsageError
    from clinic_ready.i18n import _

    default = default_name(kind)
    while True:
        path = ask_save_path(read, console, _(KINDS[kind][0]), default)
        if not path:
            return ""
        try:
            if kind == "answers":
                pipeline.write_output(answers_text(cl, result), path, replace_read_only=True)
            else:
                if not paper:
                    from clinic_ready.render.paper import default_paper

                    paper = default_paper().value
                from clinic_ready.render import renderer

                pipeline.write_document(kind, path, lambda: renderer(kind).render(result, paper=paper, explain=explain))  # noqa: B023
        except UsageError as exc:
            console.print(Text(str(exc), style="yellow"))
            default = ""
            continue
        if kind == "answers":
            which = f" {shlex.quote(checklist_arg)}" if _source(checklist_arg) else ""
            # the sentence wraps at words; the command stays one line, to paste
            say_whole(console, _("Saved your answers in {path}. To make the report again, type:").format(path=path))
            console.print(Text(f"  {command()} run{which} --answers {shlex.quote(path)}"), soft_wrap=True)
        return path


def answers_text(cl: Checklist, result: Result) -> str:
    """The answers file this run would save (only the questions that were asked)."""
    import yaml

    from clinic_ready.app import pipeline
    from clinic_ready.i18n import _
    from clinic_ready.io.answers import to_data

    data = to_data(pipeline.visible_answers(result), cl)
    return (
        "# "
        + _("clinic-ready answers file: health information, keep it private.")
        + "\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )
