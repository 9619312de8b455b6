"""The keyboard side of `run`: consoles and readers for the interactive session."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from clinic_ready.model import Answers, Checklist, Result


def _reader(console):
    def read(prompt: str) -> str:
        return console.input(prompt, markup=False)

    return read


def _source(checklist_arg: Optional[str]) -> Optional[str]:
    """The checklist file behind the run (None for a shipped checklist): part of the draft's name."""
    from clinic_ready import catalog

    if checklist_arg and checklist_arg != "-" and catalog.looks_like_path(checklist_arg):
        return checklist_arg
    return None


def ask(cl: Checklist, given: Answers, checklist_arg: Optional[str], plain: bool, resume, use_drafts: bool):
    """Ask at the keyboard; returns (answers, keeper of the draft)."""
    import gc

    from clinic_ready import drafts, session
    from clinic_ready.cli.console import plain_wanted, stdout_console

    gc.enable()  # a session at the keyboard can last long: collect as usual (the console script turns it off)

    console = stdout_console(plain)
    hint = "clinic-ready run" + (f" {checklist_arg}" if checklist_arg else "") + " --resume"
    key = drafts.draft_key(cl.id, _source(checklist_arg))
    return session.interactive(
        cl, given, console, _reader(console), resume=resume, use_drafts=use_drafts, plain=plain_wanted(plain),
        resume_hint=hint, draft_key=key,
    )


SAVE_QUESTION = "Save your answers to a file, to make the report again later? Type a file name, or press Enter to skip: "


def ask_save_path(read, console) -> str:
    """A file name to save the answers in ('' to skip): ~ is expanded, a missing folder is asked
    again, and an existing file is replaced only when the person says so."""
    from rich.text import Text

    from clinic_ready.prompting import ask_path, confirm

    while True:
        raw = ask_path(read, SAVE_QUESTION)
        if not raw:
            return ""
        path = Path(raw).expanduser()
        if path.is_dir():
            console.print(Text(f"{path} is a folder — type a file name, such as {path / 'my-answers.yaml'}.", style="yellow"))
            continue
        if not path.parent.is_dir():
            console.print(Text(f"The folder {path.parent} does not exist — type another name, or press Enter to skip.", style="yellow"))
            continue
        if path.exists() and not confirm(read, console, f"{path} already exists. Replace it?", default=False):
            continue
        return str(path)


def finish(cl: Checklist, result: Result, plain: bool, keeper, checklist_arg: Optional[str] = None) -> None:
    """Offer to save the answers file, then remove the draft: the run is complete."""
    import yaml

    from clinic_ready import workflow
    from clinic_ready.answers import to_data
    from clinic_ready.cli.console import stdout_console
    from clinic_ready.errors import UsageError

    console = stdout_console(plain)
    read = _reader(console)
    while True:
        try:
            path = ask_save_path(read, console)
        except EOFError:
            path = ""
        if not path:
            break
        data = to_data(workflow.visible_answers(result), cl)
        text = "# clinic-ready answers file: health information, keep it private.\n" + yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True
        )
        try:
            workflow.write_output(text, path, replace_read_only=True)
        except UsageError as exc:
            from rich.text import Text

            console.print(Text(str(exc).replace("clinic-ready: ", ""), style="yellow"))
            continue
        which = f" {checklist_arg}" if _source(checklist_arg) else ""
        console.print(
            f"Saved your answers in {path}. Make the report again with: clinic-ready run{which} --answers {path}",
            soft_wrap=True,
        )
        break
    keeper.remove()
