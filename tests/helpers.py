"""What many test files share: the project's folders, inline checklists, the installed entry point
(as a process, or in process), and a pseudo-terminal.  Fixtures live in conftest.py; hypothesis
strategies in strategies.py."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = HERE / "fixtures"
EXAMPLES = ROOT / "examples"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def typed_keys(question, answer) -> str:
    """What a person types at the prompt to give this answer."""
    if answer.state != "answered":
        return {"unsure": "u", "declined": "d"}[answer.state]
    if question.type == "yes_no":
        return answer.value[0]
    if question.type == "choice":
        return str(question.choice_values.index(answer.value) + 1)
    if question.type == "multi_choice":
        return ",".join(str(question.choice_values.index(v) + 1) for v in answer.value)
    return str(answer.value)


MINI_HEAD = dedent(
    """
    format: 1
    id: t
    title: T
    version: "1"
    facts_as_of: 2026-01-01
    audience: testers
    intro: i
    notice: Not medical advice.
    sources:
      - {id: s1, title: S, publisher: P, year: 2020}
    """
)


def checklist_text(body: str) -> str:
    """A valid checklist head followed by the given sections/concerns YAML."""
    return MINI_HEAD + dedent(body)


def cli_path() -> str:
    """The installed console script next to the running interpreter."""
    exe = Path(sys.executable).parent / ("clinic-ready.exe" if os.name == "nt" else "clinic-ready")
    return str(exe)


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run the installed entry point as a user would (no terminal, captured output)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [cli_path(), *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=60,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


def invoke_cli(*args: str, input: str | None = None, cwd: Path | None = None, env: dict | None = None):
    """The same command in this process (Typer's CliRunner), for what is not about the process
    itself: no interpreter start-up (about 0.2 s of CPU a run).  Returns what ``run_cli`` returns
    (``returncode``, ``stdout``, ``stderr``).  Exit codes through the entry point, signals, pipes
    and terminals stay with ``run_cli`` and ``spawn_cli``.  An exception that escapes the app's
    own error boundary is raised here, not turned into an exit code."""
    from typer.testing import CliRunner

    from clinic_ready import i18n
    from clinic_ready.cli import app

    before = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        r = CliRunner().invoke(app, list(args), input=input, env=env, prog_name="clinic-ready")
    finally:
        os.chdir(before)
        i18n.install(i18n.resolve([]))  # --lang or CLINIC_READY_LANG changed the language for this run only
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return subprocess.CompletedProcess([cli_path(), *args], r.exit_code, r.stdout, r.stderr)


# --------------------------------------------------------------------------- typed keys, a pager, a pseudo-terminal
class Keys:
    """A keyboard for the questionnaire in process: feeds the typed lines in order, records every
    prompt it was shown (``prompts``), and is an end of input (EOFError) when the lines run out."""

    def __init__(self, *lines: str):
        self.lines, self.prompts = list(lines), []

    def __call__(self, prompt):
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)


def spawn_run_to_json(checklist: str, state, out):
    """``clinic-ready run CHECKLIST -f json -o OUT`` in a 60x200 pseudo-terminal, without colour,
    with its drafts kept in ``state`` (the pty journeys of a supporter and of an urgent answer)."""
    return spawn_cli(
        ["run", checklist, "-f", "json", "-o", str(out)],
        {"CLINIC_READY_STATE_DIR": str(state), "NO_COLOR": "1"},
        rows=60,
        cols=200,
    )


def pager_recorder(tmp_path) -> str:
    """A pager that records what it was given (``paged``) and its $LESS (``less-env``), showing nothing."""
    import stat

    script = tmp_path / "record-pager"
    script.write_text(f'#!/bin/sh\nprintf "%s" "${{LESS-<unset>}}" > "{tmp_path}/less-env"\ncat > "{tmp_path}/paged"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def spawn_cli(args, env_changes, rows=24, cols=100):
    """The installed entry point in a pseudo-terminal (pexpect); a None value removes that variable."""
    import pexpect

    env = {**os.environ, "TERM": "xterm", **env_changes}
    for key in [k for k, v in env_changes.items() if v is None]:
        env.pop(key, None)
    env.pop("NO_COLOR", None) if "NO_COLOR" not in env_changes else None
    child = pexpect.spawn(cli_path(), args, env=env, encoding="utf-8", timeout=30, dimensions=(rows, cols))
    child.delaybeforesend = None
    child.ptyproc.delayafterclose = 0.0
    return child


def pty_finish(child) -> str:
    """Everything the program printed until it ended."""
    import pexpect

    child.expect(pexpect.EOF)
    out = child.before
    child.close()
    return out
