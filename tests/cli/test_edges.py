"""Trustworthy at the edges, through the installed entry point: honest exit codes for usage errors
and for failures of the environment (pipes, full disk, closed streams, encodings), every --help
example, hostile text that must never reach a terminal raw, and files that are never clobbered."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLES, FIXTURES, ROOT, cli_path, invoke_cli, run_cli

COMMANDS = ["run", "report", "print", "batch", "list", "validate", "schema"]
WELL_RUN = EXAMPLES / "well-run-clinic.yaml"
BUG = "bug in clinic-ready"


def with_clinic_name(name: str) -> str:
    import yaml

    data = yaml.safe_load(WELL_RUN.read_text())
    data["answers"]["clinic_name"] = name
    return yaml.safe_dump(data, allow_unicode=True)


def sh(command: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """A shell pipeline with the installed tool first on PATH."""
    path = f"{Path(cli_path()).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PATH": path, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


# ------------------------------------------------------------------ usage errors are Click's, exit 2
@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS])
def test_every_command_with_an_invalid_option_exits_2_with_clicks_message(command):
    r = run_cli(*command, "--no-such-option")
    assert r.returncode == 2, r.stderr
    assert "No such option: --no-such-option" in r.stderr and "Usage: clinic-ready" in r.stderr
    assert BUG not in r.stderr + r.stdout and "internal error" not in r.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "-a", str(WELL_RUN), "-f", "docx"], "'docx' is not one of"),
        (["run", "--fail-on", "bogus"], "'bogus' is not one of"),
        (["run", "--paper", "a5"], "'a5' is not one of"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["report", str(WELL_RUN), "-f", "terminal"], "'terminal' is not one of"),
        (["report"], "Missing argument 'ANSWERS_FILE'"),
        (["batch", "--jobs", "two", str(WELL_RUN)], "Invalid value for '--jobs' / '-j'"),
        (["--lang", "fr", "list"], "'fr' is not a language clinic-ready speaks"),
    ],
)
def test_mistyped_options_print_the_message_and_usage_line(args, message):
    r = run_cli(*args)
    assert r.returncode == 2
    assert message in r.stderr and "Usage: clinic-ready" in r.stderr and "Try 'clinic-ready" in r.stderr
    assert BUG not in r.stderr


def test_usage_lines_write_arguments_as_command_line_tools_do():
    """A required argument bare, an optional one in brackets, several with "..." (typer 0.29 would
    write {ANSWERS_FILE}, and our metavars doubled the brackets and dots)."""
    from typer.testing import CliRunner

    from clinic_ready.cli import app

    usage = {
        c: CliRunner().invoke(app, [c, "--help"]).stdout.splitlines()[0]
        for c in [*COMMANDS, "explain", "compare", "test"]
    }
    assert usage["report"] == "Usage: clinic-ready report [OPTIONS] ANSWERS_FILE"
    assert usage["explain"] == "Usage: clinic-ready explain [OPTIONS] [ID] [CHECKLIST]"  # ID is optional with --list
    assert usage["validate"] == "Usage: clinic-ready validate [OPTIONS] PATH..."
    assert usage["batch"] == "Usage: clinic-ready batch [OPTIONS] [ANSWERS_FILE]..."
    assert not [line for line in usage.values() if "{" in line or "[[" in line or "...]..." in line or "......" in line]
    missing = run_cli("compare")
    assert missing.returncode == 2 and "Usage: clinic-ready compare [OPTIONS] ANSWERS_FILE..." in missing.stderr


def help_examples() -> list[str]:
    """The example lines of every command's --help (in process: the help text is the same)."""
    from typer.testing import CliRunner

    from clinic_ready.cli import app

    found = []
    for command in [None, *COMMANDS]:
        text = CliRunner().invoke(app, [*([command] if command else []), "--help"], terminal_width=100).stdout
        lines = text.split("Example")[1].splitlines()[1:] if "Example" in text else []
        for line in lines:
            if not line.strip():
                break
            found.append(line.strip())
    return found


def run_example(example: str, cwd: Path):
    """One documented example line, run in process as the shell would: `cat FILE |` feeds standard
    input, `> FILE` takes standard output, globs expand in the folder.  (Each command's exit codes
    through the installed entry point as a process are tested in the files of tests/cli.)"""
    import glob
    import shlex

    from typer.testing import CliRunner

    from clinic_ready.cli import app

    words = shlex.split(example)
    stdin = None
    if words[0] == "cat":
        stdin = (cwd / words[1]).read_text()
        words = words[words.index("|") + 1 :]
    out = None
    if ">" in words:
        out = cwd / words[words.index(">") + 1]
        words = words[: words.index(">")]
    assert words[0] == "clinic-ready", example
    args = []
    for w in words[1:]:
        args += sorted(os.path.relpath(m, cwd) for m in glob.glob(str(cwd / w))) if "*" in w else [w]
    old = os.getcwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(app, args, input=stdin)
    finally:
        os.chdir(old)
    if out is not None:
        out.write_text(r.stdout)
    return r


def test_every_help_example_works(tmp_path):
    """Each example in every --help, run as written in a folder holding the files it names."""
    shutil.copy(WELL_RUN, tmp_path / "answers.yaml")
    shutil.copy(WELL_RUN, tmp_path / "my-answers.yaml")
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "my-checklist.yaml")
    data = {"checklist": "ketamine-clinic", "answers": __import__("yaml").safe_load(WELL_RUN.read_text())["answers"]}
    (tmp_path / "answers.json").write_text(json.dumps(data))
    (tmp_path / "audits").mkdir()
    shutil.copy(EXAMPLES / "self-audit-well-run.yaml", tmp_path / "audits" / "a.yaml")
    (tmp_path / "forms").mkdir()
    shutil.copy(WELL_RUN, tmp_path / "forms" / "a.yaml")
    (tmp_path / "paths.txt").write_text("forms/a.yaml\n")
    examples = help_examples()
    assert len(examples) >= 12
    for example in examples:
        r = run_example(example, tmp_path)
        keyboard = example in ("clinic-ready run", "clinic-ready run --format pdf --output report.pdf")
        if keyboard:  # no terminal here: the documented message listing what to give instead
            assert (
                r.exit_code == 2
                and "run it in a terminal to answer at the keyboard, or give your answers with --answers" in r.stderr
            ), (example, r.stderr)
        else:
            assert r.exit_code == 0, (example, r.stderr, r.exception)
        assert BUG not in r.stderr and "no question has the id" not in r.stderr, (example, r.stderr)
    for made in (
        "report.md",
        "result.json",
        "report.pdf",
        "report.html",
        "checklist.pdf",
        "audit.html",
        "results.jsonl",
        "QuestionnaireResponse.ndjson",
        "checklist.schema.json",
        "answers.schema.json",
    ):
        assert (tmp_path / made).stat().st_size > 0, made


# ------------------------------------------------------------------ the environment is not a bug
@pytest.mark.parametrize(
    "pipeline",
    [
        "clinic-ready run -a {well} | head -1",
        "clinic-ready validate {checklists}/*.yaml | head -1",
        "clinic-ready run -a {well} -f markdown | head -c 10",
        "clinic-ready print -f markdown | head -1",
        "clinic-ready --help | head -1",
    ],
)
def test_a_closed_pipe_ends_quietly(tmp_path, pipeline):
    checklists = ROOT / "checklists"
    r = sh(f"set -o pipefail; {pipeline.format(well=WELL_RUN, checklists=checklists)}; echo rc=$? >&2", tmp_path)
    assert "Traceback" not in r.stderr and BUG not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    assert r.stderr.strip().splitlines()[-1] in ("rc=0", "rc=141"), r.stderr


@pytest.mark.parametrize(
    "command, expected",
    [
        ("clinic-ready run -a {well} -f json > /dev/full", "No space left on device"),
        ("clinic-ready list > /dev/full", "No space left on device"),
        ("clinic-ready run -a - -f json <&-", "standard input is closed"),
        ("clinic-ready run -a {well} -f json >&-", "standard output is closed"),
        ("PYTHONIOENCODING=ascii clinic-ready run -a {cjk} -f markdown", "cannot show some characters"),
    ],
)
def test_environment_failures_are_one_line_and_exit_2(tmp_path, command, expected):
    cjk = tmp_path / "cjk.yaml"
    cjk.write_text(with_clinic_name("東京クリニック"), encoding="utf-8")
    r = sh(command.format(well=WELL_RUN, cjk=cjk), tmp_path)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and BUG not in lines[0], r.stderr


def test_no_color_counts_only_when_not_empty():
    from clinic_ready.app.console import plain_wanted

    os.environ["NO_COLOR"] = ""
    try:
        assert plain_wanted(False) is False
        os.environ["NO_COLOR"] = "1"
        assert plain_wanted(False) is True
    finally:
        del os.environ["NO_COLOR"]


def test_an_answers_file_given_as_the_checklist_gets_a_hint():
    r = invoke_cli("run", str(WELL_RUN))
    assert r.returncode == 2
    assert r.stderr.strip() == (
        f"clinic-ready: {WELL_RUN} looks like an answers file, not a checklist — "
        f"did you mean 'clinic-ready run --answers {WELL_RUN}'?"
    )


# ------------------------------------------------------------------ hostile text never reaches a terminal raw
HOSTILE = "Acme\x1b]2;PWNED\x07\x1b]0;t\x1b\\\x1b[2J\x1b[H\rOK\x08\x9b31m\u202egnp.exe [/i.v.] [link=http://evil.example]x[/link]"


def test_hostile_answers_and_checklist_text_are_neutralised_in_every_output(tmp_path):
    cl = (FIXTURES / "mini.yaml").read_text()
    cl = cl.replace("title: Mini checklist", 'title: "Mini \\e[2J checklist [/mg]"')
    (tmp_path / "cl.yaml").write_text(cl)
    answers = {"checklist": "mini", "answers": {"monitored": "no", "meds": ["none"], "where": "clinic", "age": 30}}
    (tmp_path / "a.json").write_text(json.dumps(answers))
    for fmt in ("terminal", "markdown", "html"):
        r = invoke_cli(
            "run",
            str(tmp_path / "cl.yaml"),
            "-a",
            str(tmp_path / "a.json"),
            "-f",
            fmt,
            env={"NO_COLOR": "", "TERM": "xterm", "FORCE_COLOR": "1"},
        )
        assert r.returncode == 0, r.stderr
        body = r.stdout
        if fmt == "terminal":  # colour is on: the only escapes are Rich's own SGR codes
            import re

            body = re.sub(r"\x1b\[[0-9;]*m", "", body)
        assert "\x1b" not in body and "\x07" not in body and "\r" not in body, fmt
        assert "[/mg]" in body.replace("\\", "")  # markup in data printed as written
        assert "␛[2J" in body.replace("\\", "")


def test_an_error_message_quoting_hostile_input_is_neutralised(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text(json.dumps({"checklist": "ketamine-clinic", "answers": {"bp_checked": HOSTILE, "x\u200bq": "yes"}}))
    r = invoke_cli("run", "-a", str(f), "-f", "json")
    assert r.returncode == 2
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr and "\u202e" not in r.stderr and "\x9b" not in r.stderr
    assert "PWNED" not in r.stderr  # the value is never repeated in the message
    assert "answers.bp_checked: the answer is not yes or no" in r.stderr
    assert "x<U+200B>q" in r.stderr  # an invisible character in an id is shown


def test_markup_in_a_concern_why_prints_literally_and_never_crashes(tmp_path):
    cl = (FIXTURES / "mini.yaml").read_text().replace("why: ", "why: Doses above 0.5 mg/kg [/i.v.] are rare. ", 1)
    (tmp_path / "cl.yaml").write_text(cl)
    (tmp_path / "a.yaml").write_text(
        "checklist: mini\nanswers: {monitored: 'no', meds: [opioid], where: home, alone: 'yes', age: 30}\n"
    )
    r = invoke_cli(
        "run", str(tmp_path / "cl.yaml"), "-a", str(tmp_path / "a.yaml"), env={"TERM": "xterm", "FORCE_COLOR": "1"}
    )
    assert r.returncode == 0, r.stderr
    assert "[/i.v.]" in r.stdout and "988" in r.stdout


# ------------------------------------------------------------------ numbers and documents
@pytest.mark.parametrize("value", ["'0,5'", "12:30", "0x1F", "1_000", "'1e-400'", "9" * 5000, "1" + "0" * 400])
def test_hostile_numbers_are_refused_clearly(tmp_path, value):
    f = tmp_path / "a.yaml"
    f.write_text(f"checklist: mini\nanswers:\n  monitored: 'no'\n  meds: [none]\n  where: clinic\n  age: {value}\n")
    r = invoke_cli("run", str(FIXTURES / "mini.yaml"), "-a", str(f), "-f", "json")
    assert r.returncode == 2, r.stdout
    assert f"{f}:6:8: answers.age:" in r.stderr and BUG not in r.stderr
    assert len(r.stderr) < 400  # the digits are never echoed


def test_a_json_answers_file_with_surrogate_pair_escapes_is_read(tmp_path):
    f = tmp_path / "a.json"
    data = json.loads(json.dumps({"checklist": "ketamine-clinic", "answers": {"clinic_name": "😀 Clinic"}}))
    f.write_text(json.dumps(data))  # ensure_ascii: \ud83d\ude00
    assert "\\ud83d\\ude00" in f.read_text()
    r = invoke_cli("report", str(f), "-f", "markdown")  # validate refuses it now: required answers are missing
    assert r.returncode == 0, r.stderr
    assert "😀 Clinic" in r.stdout


def test_many_unknown_ids_finish_fast_and_print_at_most_100_problems(tmp_path):
    f = tmp_path / "many.yaml"
    f.write_text("checklist: ketamine-clinic\nanswers:\n" + "".join(f"  unknown_{n}: 'yes'\n" for n in range(100_000)))
    assert f.stat().st_size > 2_000_000
    r = invoke_cli("run", "-a", str(f), "-f", "json")
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 101 and lines[-1].startswith("… and 99900 more problems")
    assert lines[0].startswith(f"{f}:3:3: answers.unknown_0: no question has the id 'unknown_0'")


def test_a_very_long_clinic_name_makes_a_pdf_and_missing_glyphs_are_named(tmp_path):
    for name, warning in [
        ("Riverside Ketamine Center " * 76, False),
        ("A" * 1999, False),
        ("東京ケタミン診療所", True),
    ]:
        f = tmp_path / "a.yaml"
        f.write_text(with_clinic_name(name.strip()), encoding="utf-8")
        out = tmp_path / "r.pdf"
        r = invoke_cli("report", str(f), "-f", "pdf", "-o", str(out))
        assert r.returncode == 0, r.stderr
        assert out.read_bytes().startswith(b"%PDF") and b"/Lang" in out.read_bytes()
        assert ("cannot show some characters in the clinic name (東 京" in r.stderr) is warning, r.stderr
        assert "missing the following glyphs" not in r.stderr


def test_the_markdown_blank_form_escapes_the_unit(tmp_path):
    cl = (FIXTURES / "mini.yaml").read_text().replace("unit: years", 'unit: "<img src=x onerror=alert(1)>"')
    (tmp_path / "cl.yaml").write_text(cl)
    r = invoke_cli("print", str(tmp_path / "cl.yaml"), "-f", "markdown")
    assert r.returncode == 0, r.stderr
    import re

    assert not re.search(r"(?<!\\)<img", r.stdout) and "\\<img src=x onerror=alert(1)\\>" in r.stdout


# ------------------------------------------------------------------ files are never clobbered
def test_output_into_a_fifo_is_written_into_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    r = run_cli("run", "-a", str(WELL_RUN), "-f", "json", "-o", str(fifo))
    data = reader.communicate(timeout=30)[0]
    assert r.returncode == 0, r.stderr
    assert json.loads(data)["verdict"]["code"] and fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_output_to_dev_stdout_writes_into_the_pipe():
    r = run_cli("run", "-a", str(WELL_RUN), "-f", "json", "-o", "/dev/stdout")
    assert r.returncode == 0 and json.loads(r.stdout)["verdict"]["code"]


def test_a_read_only_file_is_not_replaced_and_a_link_is_followed(tmp_path):
    ro = tmp_path / "keep.json"
    ro.write_text("IMPORTANT")
    ro.chmod(0o444)
    r = invoke_cli("run", "-a", str(WELL_RUN), "-f", "json", "-o", str(ro))
    assert r.returncode == 2 and "read-only" in r.stderr and ro.read_text() == "IMPORTANT"
    target = tmp_path / "real.json"
    target.write_text("old")
    (tmp_path / "link.json").symlink_to(target)
    r = invoke_cli("run", "-a", str(WELL_RUN), "-f", "json", "-o", str(tmp_path / "link.json"))
    assert r.returncode == 0 and (tmp_path / "link.json").is_symlink() and json.loads(target.read_text())


def test_ctrl_c_while_modules_load_exits_130_without_a_traceback():
    import sys

    code = (
        "import builtins\nreal = builtins.__import__\n"
        "def imp(name, *a, **k):\n    if name == 'typer':\n        raise KeyboardInterrupt\n    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\nfrom clinic_ready.launch import main\nmain()\n"
    )
    r = subprocess.run([sys.executable, "-c", code, "list"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 130 and "Traceback" not in r.stderr and "KeyboardInterrupt" not in r.stderr


def test_an_interrupt_at_a_random_moment_of_start_up_never_shows_a_traceback():
    import signal
    import time

    for delay in (0.05, 0.08, 0.12, 0.2, 0.3):
        p = subprocess.Popen([cli_path(), "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)  # not a wait for anything: the moment of the interrupt is what is tested
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=30)
        # The interpreter's own start-up and the installer's two-line launcher script ("import re")
        # run before any code of ours can guard them; from the first import of clinic_ready on,
        # an interrupt is handled (exit 130, no traceback).
        # (so a traceback may show only the launcher and importlib frames, never a frame of ours)
        assert f"clinic_ready{os.sep}" not in err and f"typer{os.sep}" not in err, (delay, err)
        if p.returncode == 130:
            assert "Traceback" not in err, (delay, err)


@pytest.mark.parametrize("extra", [[], ["--plain"]])
def test_a_narrow_terminal_never_cuts_words(extra):
    r = invoke_cli("run", "-a", str(EXAMPLES / "perry-like.yaml"), *extra, env={"COLUMNS": "20", "FORCE_COLOR": "1"})
    assert r.returncode == 0 and "…" not in r.stdout
    assert "benzodiaz" in r.stdout and "buprenorph" in r.stdout


def test_answers_for_a_custom_checklist_say_how_to_report_and_validate_them():
    answers, checklist = str(FIXTURES / "mini-answers.yaml"), str(FIXTURES / "mini.yaml")
    r = invoke_cli("report", answers, "-f", "markdown")
    assert r.returncode == 2 and f"give its file: clinic-ready report {answers} --checklist PATH" in r.stderr
    assert invoke_cli("report", answers, "--checklist", checklist, "-f", "markdown").returncode == 0
    r = invoke_cli("validate", checklist, answers, "ketamine-clinic")
    assert r.returncode == 0, r.stderr
    assert "valid answers for mini (4 answers)" in r.stdout and "valid checklist ketamine-clinic" in r.stdout


def test_run_with_an_answers_file_uses_the_shipped_checklist_it_names():
    r = invoke_cli("run", "-a", str(EXAMPLES / "self-audit-well-run.yaml"), "-f", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["checklist"]["id"] == "ketamine-clinic-self-audit"


def test_piped_terminal_output_has_no_padding_at_line_ends():
    r = invoke_cli("run", "-a", str(EXAMPLES / "perry-like.yaml"))
    assert r.returncode == 0 and not [line for line in r.stdout.splitlines() if line.endswith(" ")]
