"""The keyboard side of `run`: consoles and readers for the interactive session."""

from __future__ import annotations

from typing import Optional

from clinic_ready.model import Answers, Checklist, Result


def _reader(console):
    def read(prompt: str) -> str:
        return console.input(prompt, markup=False)

    return read


def ask(cl: Checklist, given: Answers, checklist_arg: Optional[str], plain: bool, resume, use_drafts: bool) -> Answers:
    import gc

    from clinic_ready import session
    from clinic_ready.cli.console import plain_wanted, stdout_console

    gc.enable()  # a session at the keyboard can last long: collect as usual (the console script turns it off)

    console = stdout_console(plain)
    hint = "clinic-ready run" + (f" {checklist_arg}" if checklist_arg else "") + " --resume"
    return session.interactive(
        cl, given, console, _reader(console), resume=resume, use_drafts=use_drafts, plain=plain_wanted(plain), resume_hint=hint
    )


def finish(cl: Checklist, result: Result, plain: bool, use_drafts: bool) -> None:
    """Offer to save the answers file, then remove the draft: the run is complete."""
    import yaml

    from clinic_ready import drafts, workflow
    from clinic_ready.answers import to_data
    from clinic_ready.cli.console import stdout_console
    from clinic_ready.prompting import ask_path

    console = stdout_console(plain)
    try:
        path = ask_path(
            _reader(console),
            "Save your answers to a file, to make the report again later? Type a file name, or press Enter to skip: ",
        )
    except EOFError:
        path = ""
    if path:
        data = to_data(workflow.visible_answers(result), cl)
        text = "# clinic-ready answers file: health information, keep it private.\n" + yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True
        )
        workflow.write_output(text, path)
        console.print(
            f"Saved your answers in {path}. Make the report again with: clinic-ready run --answers {path}",
            markup=False,
            soft_wrap=True,
        )
    if use_drafts:
        drafts.remove(cl)
