"""Conventions a command-line user expects (issue 28): the paper size of the place, --lang as a
person writes it, keys that mean one thing in Spanish."""

from __future__ import annotations

import io

import pytest
from helpers import FIXTURES, Keys, run_cli
from rich.console import Console

from clinic_ready import i18n
from clinic_ready.app.interactive.prompting import Questionnaire, QuitRequested
from clinic_ready.core.model import Answers
from clinic_ready.io.loading import load_checklist
from clinic_ready.render.paper import Paper, default_paper


@pytest.mark.parametrize(
    "env, paper",
    [
        ({"LANG": "en_US.UTF-8"}, Paper.letter),
        ({"LANG": "es_MX.UTF-8"}, Paper.letter),  # Mexico uses Letter
        ({"LANG": "fr_CA.UTF-8"}, Paper.letter),
        ({"LANG": "es_US.UTF-8"}, Paper.letter),
        ({"LANG": "C.UTF-8"}, Paper.letter),  # the checklist is US-focused: C and POSIX are Letter
        ({"LANG": "POSIX"}, Paper.letter),
        ({}, Paper.letter),
        ({"LANG": "en_GB.UTF-8"}, Paper.a4),  # where the locale says A4
        ({"LANG": "es_ES.UTF-8"}, Paper.a4),
        ({"LANG": "de_DE@euro"}, Paper.a4),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "en_GB.UTF-8"}, Paper.a4),  # LC_PAPER before LANG
        ({"LC_ALL": "es_MX.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, Paper.letter),  # LC_ALL before both
    ],
)
def test_paper_follows_the_place(env, paper):
    assert default_paper(env) is paper


def test_the_pdf_page_size_follows_the_locale_and_paper_wins(tmp_path):
    from helpers import EXAMPLES
    from pypdf import PdfReader

    answers = str(EXAMPLES / "well-run-clinic.yaml")
    for lang, extra, height in (
        ("es_MX.UTF-8", [], 792),
        ("C.UTF-8", [], 792),
        ("en_GB.UTF-8", [], 842),
        ("es_MX.UTF-8", ["--paper", "a4"], 842),
    ):
        out = tmp_path / "r.pdf"
        r = run_cli(
            "report",
            answers,
            "-f",
            "pdf",
            "-o",
            str(out),
            *extra,
            env={"LANG": lang, "LC_ALL": "", "LC_PAPER": "", "CLINIC_READY_LANG": "en"},
        )
        assert r.returncode == 0, r.stderr
        assert round(float(PdfReader(out).pages[0].mediabox.height)) == height, (lang, extra)


@pytest.mark.parametrize("word", ["español", "Spanish", "esp", "es_MX", "ES"])
def test_lang_takes_the_names_a_person_writes(word):
    r = run_cli("--lang", word, "list")
    assert r.returncode == 0 and "PREGUNTAS" in r.stdout, r.stderr


def test_an_unknown_language_is_told_in_both_languages():
    r = run_cli("--lang", "français", "list")
    assert r.returncode == 2
    assert "use en (English) or es (español)" in r.stderr and "use es (español) o en (English)" in r.stderr
    assert "Value error" not in r.stderr


def test_no_pager_help_is_in_spanish():
    r = run_cli("--lang", "es", "run", "--help")
    assert "Mostrar un resumen largo directamente en la terminal, sin pasar por $PAGER." in " ".join(r.stdout.split())
    assert "Print a long summary" not in r.stdout


@pytest.fixture
def spanish():
    i18n.install("es")
    yield
    i18n.install("en")


def test_spanish_urgent_screen_stops_with_t_not_with_s(spanish):
    cl = load_checklist(FIXTURES / "urgent.yaml")
    keys = Keys("s", "t")
    out = io.StringIO()
    q = Questionnaire(cl, Answers(cl.id, cl.version), Console(file=out, width=100, no_color=True), keys, plain=True)
    q.answers.values.update({})
    from clinic_ready.core.model import Answer

    q.answers.values["crisis_now"] = Answer.of("yes")
    q.urged = set()
    with pytest.raises(QuitRequested):
        q._interrupt_if_urgent()
    assert keys.prompts[0].endswith("o t para terminar por ahora (sus respuestas se guardan): ")
    assert "Escriba c para continuar, o t para terminar." in out.getvalue()  # s (sí) is asked again, not taken as stop
    assert len(keys.prompts) == 2


# ----------------------------------------------------------------------------- help, usage, json


def test_help_command_is_an_alias_of_help_option():
    assert run_cli("help").stdout == run_cli("--help").stdout
    for command in ("run", "explain", "validate", "completion"):
        r = run_cli("help", command)
        assert r.returncode == 0 and r.stdout == run_cli(command, "--help").stdout, command
    r = run_cli("help", "rnu")
    assert r.returncode == 2 and "there is no command 'rnu' (did you mean 'run'?)" in r.stderr


@pytest.mark.parametrize("lang", ["en", "es"])
def test_clinic_ready_alone_shows_the_help_not_an_error(lang):
    """A newcomer's first try: `clinic-ready` with nothing after it.  Click raises its "no
    arguments" case as a usage error whose message is the whole help; it was shown as
    "Usage… Try… Error: Usage: <the help>".  Now the help alone, on stderr, exit 2."""
    r = run_cli(env={"CLINIC_READY_LANG": lang})
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith(("Usage: clinic-ready", "Uso: clinic-ready")), r.stderr[:200]
    assert "Error" not in r.stderr and r.stderr.count("clinic-ready [OPTIONS] COMMAND") == 1
    assert r.stderr.rstrip() == run_cli("--help", env={"CLINIC_READY_LANG": lang}).stdout.rstrip()


def test_usage_and_help_have_no_type_placeholders():
    import re

    import typer
    from typer.testing import CliRunner

    from clinic_ready.cli import app

    names = list(typer.main.get_command(app).commands)
    texts = [
        CliRunner().invoke(app, [*([c] if c else []), "--help"], terminal_width=100).stdout for c in [None, *names]
    ]
    texts.append(run_cli("--lang", "es", "batch", "--help").stdout)  # in Spanish, through the installed command
    for text in texts:
        assert not re.search(r"<(list\[)?(str|int|float|path)\]?>", text), text
        assert "{" not in text.split("\n", 1)[0], text  # usage line: no {ARG}
    text = run_cli("run", "--help").stdout
    assert "-f, --format [terminal|json|markdown|html|pdf|fhir]" in text
    assert "CHECKLIST  A shipped checklist id" in text
    assert "ANSWERS_FILE...  Answers files" in run_cli("batch", "--help").stdout


@pytest.mark.parametrize("lang", ["en", "es"])
def test_bad_values_have_no_value_error_prefix(lang):
    r = run_cli("--lang", lang, "run", "-f", "docx")
    assert r.returncode == 2 and "docx" in r.stderr
    assert "Value error" not in r.stderr and "Error de valor" not in r.stderr


def test_list_format_json():
    import json

    r = run_cli("list", "--format", "json")
    assert r.returncode == 0
    docs = json.loads(r.stdout)
    ids = [d["id"] for d in docs]
    assert ids == ["ketamine-clinic", "ketamine-clinic-self-audit"]
    assert all(d["questions"] > 0 and d["version"] and d["title"] for d in docs)


def test_validate_format_json(tmp_path):
    import json

    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: X\n")
    r = run_cli("validate", "--format", "json", "ketamine-clinic", str(bad))
    assert r.returncode == 2 and r.stderr == ""
    doc = json.loads(r.stdout)
    assert doc["valid"] is False and [f["valid"] for f in doc["files"]] == [True, False]
    first = doc["files"][1]["problems"][0]
    assert (
        first["severity"] == "error"
        and first["file"] == str(bad)
        and first["line"] == 1
        and first["what"]
        and first["fix"]
    )
    ok = run_cli("validate", "-f", "json", "ketamine-clinic")
    assert ok.returncode == 0 and json.loads(ok.stdout)["valid"] is True
    missing = run_cli("validate", "-f", "json", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such file" in json.loads(missing.stdout)["files"][0]["problems"][0]["what"]


# ----------------------------------------------------------------------------- shell completion


def _bash_complete(line: str, script: str) -> list[str]:
    """What Tab offers after ``line`` in bash, with the script `clinic-ready completion bash`
    printed: the words split as bash splits them (at blanks and at '=')."""
    import subprocess

    from helpers import cli_path

    driver = (
        script
        + r"""
COMP_LINE="$LINE"; COMP_POINT=${#COMP_LINE}
split="${COMP_LINE//=/ = }"; read -ra COMP_WORDS <<< "$split"
if [[ "${COMP_LINE: -1}" == " " ]]; then COMP_WORDS+=(""); fi
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_clinic_ready_completion "$CLI"
printf '%s\n' "${COMPREPLY[@]}"
"""
    )
    r = subprocess.run(
        ["bash", "-c", driver],
        env={"LINE": line, "CLI": cli_path(), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    return [w for w in r.stdout.splitlines() if w]


def test_bash_completion_through_the_installed_command():
    script = run_cli("completion", "bash").stdout
    assert "complete -o default -F _clinic_ready_completion clinic-ready" in script
    assert _bash_complete("clinic-ready ru", script) == ["run"]
    assert "help" in _bash_complete("clinic-ready he", script)
    assert _bash_complete("clinic-ready run --form", script) == ["--format"]
    assert _bash_complete("clinic-ready run --format p", script) == ["pdf"]
    assert _bash_complete("clinic-ready run ", script) == ["ketamine-clinic", "ketamine-clinic-self-audit"]
    assert _bash_complete("clinic-ready run --set drivi", script) == ["driving="]
    assert _bash_complete("clinic-ready run --set driving=", script) == [
        "=yes",
        "=no",
        "=unsure",
        "=declined",
    ]  # bash replaces "="
    assert _bash_complete("clinic-ready run --set driving=n", script) == ["no"]
    assert "suicidal_now" in _bash_complete("clinic-ready explain suicidal_", script)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_through_the_installed_command(shell):
    script = run_cli("completion", shell).stdout
    assert "_CLINIC_READY_COMPLETE=complete_" + shell in script
    env = {
        "_CLINIC_READY_COMPLETE": "complete_" + shell,
        "_TYPER_COMPLETE_ARGS": "clinic-ready run --set driving=",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    r = run_cli(env=env)
    assert r.returncode == 0
    for value in ("driving=yes", "driving=no", "driving=unsure"):
        assert value in r.stdout, r.stdout
    env["_TYPER_COMPLETE_ARGS"] = "clinic-ready run --format "
    assert "markdown" in run_cli(env=env).stdout
    env["_TYPER_COMPLETE_ARGS"] = "clinic-ready "
    out = run_cli(env=env).stdout
    assert "run" in out and "validate" in out and "completion" in out


def test_completion_of_an_unknown_shell_is_a_usage_error():
    r = run_cli("completion", "tcsh")
    assert r.returncode == 2 and "tcsh" in r.stderr
