"""The terminal summary and the pager's closing screen in Spanish, through the installed entry point:
to a pipe, to a file (-f terminal -o), --plain, at 40/60/100 columns, and on a terminal with the
pager (the closing screen after it).  Each carries the Spanish crisis lines (988 "marque 2" /
AYUDA, SAMHSA 1-800-662-4357, 911) and the Spanish notice, and none of the English headings."""

from __future__ import annotations

import difflib
import os
import re
import subprocess

import pytest
from helpers import EXAMPLES, cli_path, invoke_cli, pager_recorder, pty_finish, spawn_cli

from clinic_ready.render.terminal import cells

PERRY = str(EXAMPLES / "perry-like.yaml")
SGR = re.compile(r"\x1b\[[0-9;]*m")

#: what the Spanish summary must say (the crisis lines and the notice in Spanish)
SPANISH = (
    "Si está en crisis o en peligro:",
    "marque 2",
    "AYUDA",
    "1-800-662-4357",
    "llame al 911",
    "Esto no es consejo médico.",
)
#: the English wording of terminal.py and of the notices, which must not show in Spanish
ENGLISH = (
    "Verdict",
    "VERDICT",
    "Raised:",
    "First steps",
    "Questions to ask your clinic",
    "Concerns, most serious first",
    "see question",
    "See question",
    "Could apply (",
    "Not assessed (",
    "Your answers",
    "If you are in crisis",
    "Not medical advice",
    "call or text 988",
    "Suicide & Crisis Lifeline",
    "Emergency:",
    "Version ",
    "Facts checked",
    "review due",
    "URGENT",
    "questions to ask your clinic",
)
CARD_LABELS = re.compile(r"^\s+(Why|Ask|Do|Sources)\b", re.M)  # a concern card's labels in English
SPANISH_DATE = re.compile(
    r"Versión \S+ · Datos \w+ el \d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre) de \d{4}"
)


def spanish_summary(text: str) -> None:
    """Checks every Spanish terminal summary must pass."""
    flat = " ".join(text.replace("│", " ").split())  # wrapped lines joined (and out of their box)
    for part in SPANISH:
        assert part in flat, part
    for part in ENGLISH:
        assert part not in text, part
    assert not CARD_LABELS.search(text)
    assert SPANISH_DATE.search(flat)
    assert "Preguntas para hacerle a su clínica (32)" in flat and "Preocupaciones, las más graves primero" in flat
    assert "Preocupaciones señaladas: 9 críticas, 11 altas, 11 moderadas" in flat and "para su información" not in flat
    assert "Traducción:" in flat  # who translated the checklist, and that it awaits review


def run_es(*args: str, columns: int = 80):
    return invoke_cli(
        "--lang", "es", "run", "-a", PERRY, "--no-input", *args, env={"COLUMNS": str(columns), "PAGER": "cat"}
    )


def test_spanish_summary_to_a_pipe():
    r = run_es()
    assert r.returncode == 0, r.stderr
    spanish_summary(r.stdout)
    assert "╭─ Resultado " in r.stdout
    assert re.search(r"^  Por qué   ", r.stdout, re.M) and re.search(r"^  Qué hacer ", r.stdout, re.M)
    assert "vea la pregunta 1 más arriba" in r.stdout


def test_spanish_summary_to_a_file(tmp_path):
    out = tmp_path / "resumen.txt"
    r = run_es("-f", "terminal", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    spanish_summary(text)
    assert "Sus respuestas" in text  # a file keeps the answers


def test_spanish_plain_summary():
    r = run_es("--plain")
    assert r.returncode == 0, r.stderr
    spanish_summary(r.stdout)
    assert "RESULTADO: Alto:" in r.stdout and "╭" not in r.stdout
    for label in ("Por qué:", "Pregunte:", "Qué hacer:", "Fuentes:"):
        assert re.search(rf"^  {label} ", r.stdout, re.M), label


def test_a_closed_pipe_in_spanish_ends_quietly_with_141():
    """The reader of the pipe goes away first (``| head``): exit 141, no traceback (Spanish goes
    through another main, which once tripped over an exception class Typer's Click lacks)."""
    proc = subprocess.Popen(
        [cli_path(), "--lang", "es", "run", "-a", PERRY, "--no-input"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # before it writes: its first write meets a closed pipe
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141, err
    assert "Traceback" not in err


def _words_kept(narrow: str, wide: str, width: int) -> None:
    """The narrow text has the wide text's words in order; a word is split only when it is longer
    than a whole line (a long address), and its parts join back into it."""
    a, b = narrow.split(), wide.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        parts, whole = a[i1:i2], b[j1:j2]
        if all(set(t) <= set("─╭╮╰╯-+") for t in parts + whole):  # a box's rules, as long as the width
            continue
        assert "".join(parts) == "".join(whole), (parts, whole)
        assert max(cells(t) for t in whole) > width - 6, (parts, whole)


@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize("width", [40, 60, 100])
def test_spanish_summary_fits_the_width_and_cuts_no_word(width, plain):
    args = ("--plain",) if plain else ()
    narrow = run_es(*args, columns=width)
    wide = run_es(*args, columns=2000)
    assert narrow.returncode == 0 and wide.returncode == 0
    lines = narrow.stdout.splitlines()
    assert max(cells(line) for line in lines if not line.strip().startswith("http")) <= width  # a URL runs on, whole
    assert max(cells(line) for line in lines) >= width - 8  # it does use the width
    spanish_summary(narrow.stdout)
    _words_kept(narrow.stdout.replace("│", " "), wide.stdout.replace("│", " "), width)


# ----------------------------------------------------------------------------- a terminal, with the pager

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")


def closing_screen_is_spanish(shown: str) -> None:
    flat = " ".join(shown.split())
    assert "Resultado: Alto: resuelva las preocupaciones críticas antes de cualquier dosis" in flat
    assert "32 preguntas para hacerle a su clínica" in flat and "Primeros pasos" in flat
    assert "Si está en crisis o en peligro:" in flat and "marque 2" in flat and "AYUDA" in flat
    assert "1-800-662-4357" in flat and "llame al 911" in flat
    for part in ENGLISH + ("Fuentes", "http"):
        assert part not in shown, part


@pytest.mark.parametrize("cols", [100, 60])
def test_spanish_summary_through_the_pager_then_the_spanish_closing_screen(tmp_path, cols):
    child = spawn_cli(
        ["--lang", "es", "run", "-a", PERRY, "--no-input"],
        {"PAGER": pager_recorder(tmp_path), "LESS": None, "COLUMNS": None},
        cols=cols,
    )
    shown = SGR.sub("", pty_finish(child))
    assert child.exitstatus == 0
    paged = SGR.sub("", (tmp_path / "paged").read_text(encoding="utf-8"))
    spanish_summary(paged)
    assert max(cells(line) for line in paged.splitlines() if not line.strip().startswith("http")) <= cols
    closing_screen_is_spanish(shown)
    assert len(shown.strip("\r\n").splitlines()) <= 24  # one screen


def test_spanish_plain_closing_screen(tmp_path):
    """--plain prints the summary straight (no pager, as NO_COLOR and TERM=dumb), then the recap."""
    child = spawn_cli(
        ["--lang", "es", "run", "-a", PERRY, "--no-input", "--plain"], {"PAGER": pager_recorder(tmp_path)}
    )
    shown = SGR.sub("", pty_finish(child))
    assert child.exitstatus == 0
    assert not (tmp_path / "paged").exists()
    recap = shown[shown.rindex("RESULTADO: Alto:") :]
    assert "Fuentes" in shown[: shown.rindex("RESULTADO: Alto:")]  # the whole summary came first
    closing_screen_is_spanish(recap.replace("RESULTADO:", "Resultado:"))


@pytest.mark.skipif(
    not os.path.exists("/usr/bin/less") and not os.path.exists("/bin/less"), reason="less is not installed"
)
def test_quitting_less_with_q_leaves_the_spanish_closing_screen():
    child = spawn_cli(["--lang", "es", "run", "-a", PERRY, "--no-input"], {"PAGER": None, "LESS": None}, rows=24)
    child.expect("verificaci")
    child.expect(":")  # less's prompt: the first screen is shown and less reads keys
    child.send("q")
    screen = SGR.sub("", pty_finish(child))
    assert child.exitstatus == 0, screen
    assert "Traceback" not in screen
    closing_screen_is_spanish("Resultado:" + screen.rsplit("Resultado:", 1)[1])  # what is left after less


@pytest.mark.parametrize("plain", [False, True])
def test_urgent_answers_show_the_spanish_urgent_part_first(tmp_path, plain):
    text = (EXAMPLES / "perry-like.yaml").read_text(encoding="utf-8")
    assert "  suicidal_now: declined\n" in text
    (tmp_path / "a.yaml").write_text(
        text.replace("  suicidal_now: declined\n", '  suicidal_now: "yes"\n'), encoding="utf-8"
    )
    r = invoke_cli(
        "--lang",
        "es",
        "run",
        "-a",
        str(tmp_path / "a.yaml"),
        "--no-input",
        *(["--plain"] if plain else []),
        env={"COLUMNS": "50"},
    )
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert max(cells(line) for line in out.splitlines() if not line.strip().startswith("http")) <= 50
    head = out[: out.index("Resultado" if not plain else "RESULTADO:")]  # above the verdict
    flat = " ".join(head.replace("│", " ").split())
    assert ("URGENTE:" in flat) if plain else ("╭─ Urgente: busque ayuda ahora ─" in flat)
    assert "Su seguridad es lo primero" in flat and "marque 2" in flat and "1-800-662-4357" in flat and "911" in flat
    for part in ("URGENT:", "Urgent: get help now", "Your safety comes first", "Call or text 988"):
        assert part not in out, part
