"""The shortcut at the end of an interactive `run`: compare this clinic with others saved here.

Self-contained: `offer()` lists the answers files in the current folder made for the same
checklist (those that hold exactly this run's answers are left out; a file is parsed only when a
short look at its start shows it names this checklist, and at most MAX_TRIED files are looked at), asks which to compare with,
and shows the comparison in the terminal.  Enter, or end of input, skips it.
"""

from __future__ import annotations

from pathlib import Path

from clinic_ready.core.model import Checklist, Result
from clinic_ready.i18n import _

MAX_FILES = 20
MAX_BYTES = 1 << 20
#: files looked at in the folder (a folder of downloads may hold thousands), and the bytes of each
#: read to see whether it names this checklist before it is parsed at all
MAX_TRIED = 200
PEEK_BYTES = 4096


def _names_checklist(path: Path, checklist_id: str) -> bool:
    """A bounded, safe peek: does the start of the file say ``checklist: <id>`` (YAML or JSON)?
    Only such files are parsed; nothing else in the folder is read further."""
    import re

    try:
        with open(path, "rb") as fh:
            head = fh.read(PEEK_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    quoted = re.escape(checklist_id)
    return (
        re.search(r"""(?m)^\s*[{]?\s*["']?checklist["']?\s*:\s*["']?""" + quoted + r"""["']?\s*(?:[,}#]|$)""", head)
        is not None
    )


def saved_clinics(checklist: Checklist, folder: Path, current: Result) -> list[tuple[Path, Result]]:
    """Valid answers files for this checklist in the folder (not this run's own answers), by name."""
    from clinic_ready.app.pipeline import Document, evaluate_document, visible_answers
    from clinic_ready.errors import ClinicReadyError

    mine = visible_answers(current).values
    found: list[tuple[Path, Result]] = []
    try:
        candidates = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))[:MAX_TRIED]
    except OSError:
        return []
    for path in candidates:
        try:
            if not path.is_file() or path.stat().st_size > MAX_BYTES or not _names_checklist(path, checklist.id):
                continue
            doc = Document.read(path)
            if doc.data.get("checklist") != checklist.id or "answers" not in doc.data:
                continue
            other = evaluate_document(Document(path.name, doc.text, doc.data), checklist).result
        except (ClinicReadyError, OSError):
            continue
        if visible_answers(other).values == mine:
            continue
        found.append((path, other))
        if len(found) == MAX_FILES:
            break
    return found


def choose(read, console, count: int) -> list[int]:
    """Numbers typed by the person (1-based, distinct), or [] to skip."""
    from rich.text import Text

    while True:
        try:
            raw = read(_("Type the numbers to compare with (for example 1 or 1,3), or press Enter to skip: ")).strip()
        except EOFError:
            return []
        if not raw:
            return []
        parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
        if parts and all(p.isdigit() and 1 <= int(p) <= count for p in parts):
            return list(dict.fromkeys(int(p) for p in parts))
        console.print(Text(_("Please type numbers from 1 to {count}, separated by commas.").format(count=count)))


def offer(
    checklist: Checklist, result: Result, plain: bool, folder: Path | None = None, read=None, console=None
) -> None:
    """Offer to compare this run's clinic with saved ones; show the comparison if asked."""
    from rich.text import Text

    from clinic_ready.app.console import plain_wanted, stdout_console
    from clinic_ready.core import compare
    from clinic_ready.render import compare_text

    saved = saved_clinics(checklist, folder or Path.cwd(), result)
    if not saved:
        return
    console = console or stdout_console(plain)
    if read is None:

        def read(prompt: str) -> str:
            return console.input(prompt, markup=False)

    console.print(Text(_("Compare with another saved clinic? Answers files here for this checklist:")))
    for n, (path, other) in enumerate(saved, 1):
        console.print(Text(f"  {n}. {compare.one_line(path.name)} ({compare.clinic_name(other, str(path))})"))
    picked = choose(read, console, len(saved))
    if not picked:
        return
    this_run = _("this run")
    files = [this_run] + [str(saved[n - 1][0]) for n in picked]
    results = [result] + [saved[n - 1][1] for n in picked]
    names = [compare.clinic_name(result, this_run)] + [
        compare.clinic_name(r, f) for r, f in zip(results[1:], files[1:], strict=True)
    ]
    names = compare.distinct_names(names, files)
    clinics = [compare.Clinic(n, f, r) for n, f, r in zip(names, files, results, strict=True)]
    console.print(Text(""))
    compare_text.show(compare.compare(checklist, clinics), console, plain=plain_wanted(plain))
