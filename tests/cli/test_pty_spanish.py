"""A whole interactive run in Spanish, in a real pseudo-terminal, through the installed entry point.

One session of `clinic-ready --lang es run` on the shipped checklist: the welcome with its range,
who is answering, a yes/no answered with `s`, "No sé" with `ns`, back with `a`, help with `?`,
choices by number, Sí/No choices with `s`/`n`, the urgent interruption with the Spanish crisis
lines, the review, the end-of-run menu, saving the answers file.  The saved file then gives the
same JSON result (apart from text) in English as the run gave in Spanish.
"""

from __future__ import annotations

import json
import os
import re

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")

from helpers import cli_path, run_cli  # noqa: E402

PROMPT = r"\(o \?, ns, p, a, q[^)]*\): "
WHO = r"Escriba 1 o 2 \(Enter para 1\): "
STOP = r"o t para terminar por ahora \(sus respuestas se guardan\): "
REVIEW = r"presione Enter para confirmar \(q para guardar y salir\): "
#: JSON fields that carry words (they change with the language); every other value must be equal
TEXT_DROPPED = {
    "sources",
    "crisis_lines",
    "what_to_do_now",
    "maintainers",
    "reviewed_by",
    "translation",
}  # (who translated: Spanish only)
KEPT = {
    "id",
    "code",
    "severity",
    "state",
    "value",
    "section",
    "concern",
    "question",
    "version",
    "facts_as_of",
    "review_by",
    "respondent",
    "name",
}


def skeleton(doc, key=None):
    """A JSON result without its words: ids, codes, states, values, counts and order stay."""
    if isinstance(doc, dict):
        return {k: skeleton(v, k) for k, v in doc.items() if k not in TEXT_DROPPED}
    if isinstance(doc, list):
        return [skeleton(v, key) for v in doc]
    if isinstance(doc, str) and key not in KEPT:
        return "…"
    return doc


def flat(text: str) -> str:
    return " ".join(text.replace("\r", "").split())


def kind_of(before: str) -> str:
    """The kind of question, from the words just before the keys: 'Responda s o n (o ?, …'."""
    tail = before.replace("\r", "").rsplit("\n", 1)[-1]
    for words, kind in (
        ("Responda s o n", "yes_no"),
        ("Escriba s o n, o un número", "si_no_choice"),
        ("Escriba un número del 1 al", "choice"),
        ("Escriba todos los números", "multi"),
        ("Escriba su respuesta", "text"),
    ):
        if tail.startswith(words):
            return kind
    raise AssertionError(f"an unexpected prompt: {tail!r}")


def test_a_whole_run_in_spanish_and_its_answers_give_the_english_result(tmp_path):
    out = tmp_path / "resultado.json"
    env = {**os.environ, "CLINIC_READY_STATE_DIR": str(tmp_path / "state"), "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("CLINIC_READY_LANG", None)
    child = pexpect.spawn(
        cli_path(),
        ["--lang", "es", "run", "-f", "json", "-o", str(out)],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(200, 200),
    )  # the review fits one page
    child.delaybeforesend = None
    child.ptyproc.delayafterclose = 0.0

    child.expect(WHO)
    welcome = flat(child.before)
    assert "¿Quién responde?" in welcome and "1) Soy la persona que está pensando en recibir el tratamiento" in welcome
    assert "Esto no es consejo médico" in welcome and "Datos revisados el " in welcome
    child.sendline("")
    child.expect(PROMPT)
    welcome = flat(child.before)
    begin = re.search(
        r"Entre \d+ y \d+ preguntas, [^:]*minutos: (\d+) para empezar, y sus respuestas abren más", welcome
    )
    assert begin and f"Pregunta 1 de {begin.group(1)} ·" in welcome
    assert (
        "En cualquier pregunta: ? por qué importa · ns No sé · p Prefiero no decirlo · a atrás · q guardar y salir."
        in welcome
    )

    yes_no_seen, si_no_seen, helped, interrupted = 0, 0, False, False
    while True:
        kind = kind_of(child.before)
        if kind == "yes_no":
            yes_no_seen += 1
            if yes_no_seen == 1:
                child.sendline("ns")  # No sé
            elif yes_no_seen == 2:
                child.sendline("a")  # back to the first yes/no question: its answer is shown
                child.expect(PROMPT)
                assert "Respuesta actual: No sé (presione Enter para dejarla así)" in flat(child.before)
                child.sendline("")
                child.expect(PROMPT)
                assert kind_of(child.before) == "yes_no"
                child.sendline("s")
            else:
                child.sendline("s")  # sí (to every other one: the crisis questions too)
        elif kind == "si_no_choice":  # CAGE-AID's Sí / No choices
            si_no_seen += 1
            child.sendline("s" if si_no_seen == 1 else "n")
        elif kind in ("choice", "multi"):
            if not helped:
                helped = True
                child.sendline("?")
                child.expect(PROMPT)
                assert "Por qué importa: " in flat(child.before)
            child.sendline("1")
        else:  # the optional clinic name: skipped with Enter
            child.sendline("")
        i = child.expect([PROMPT, STOP, REVIEW])
        if i == 1:  # the urgent interruption, in Spanish
            screen = flat(child.before)
            assert "Su seguridad es lo primero" in screen and "Qué hacer ahora:" in screen
            assert (
                "Llame ahora al 988 y marque 2 para español, o envíe un mensaje de texto con la palabra AYUDA al 988"
                in screen
            )
            assert "1-800-662-4357" in screen and "llame al 911" in screen
            assert "Call or text" not in screen and "What to do now" not in screen
            assert "Puede volver a estas preguntas más tarde" in screen
            interrupted = True
            child.sendline("c")
            i = child.expect([PROMPT, REVIEW])
            i = 2 if i == 1 else 0
        if i == 2:
            break
    review = flat(child.before)
    assert interrupted and yes_no_seen > 10 and si_no_seen == 4
    assert "Revise sus respuestas" in review and " — No sé " in review and " — Sí " in review
    assert "sin responder" in review  # the clinic's name, skipped
    child.sendline("")

    child.expect(r"Escriba un número del 1 al 5, o presione Enter para omitir: ")
    menu = flat(child.before)
    assert "¿Qué quiere guardar de esta sesión?" in menu
    assert "1) Guardar sus respuestas (para volver a hacer el informe más tarde)" in menu
    assert "5) Ninguna: no guardar nada" in menu
    child.sendline("1")
    child.expect(
        r"Archivo para sus respuestas \[(clinic-ready-answers-[0-9-]+\.yaml)\] \(Enter para aceptar, o escriba"
    )
    saved = tmp_path / child.match.group(1)
    child.sendline("")
    child.expect("Sus respuestas se guardaron en")
    child.expect(pexpect.EOF)
    hint = flat(child.before)
    child.close()
    assert child.exitstatus == 0
    assert f"--lang es run --answers {saved.name}" in hint  # the hint carries on in Spanish

    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# archivo de respuestas de clinic-ready")
    assert "prescriber_licensed: unsure" in text  # what a file holds stays as typed in English
    spanish = json.loads(out.read_text(encoding="utf-8"))
    assert spanish["verdict"]["code"] == "urgent" and spanish["urgent"][0]["id"] == "suicidal_now"

    english = run_cli("run", "--answers", str(saved), "-f", "json", env={"CLINIC_READY_LANG": "en"})
    assert english.returncode == 0, english.stderr
    english = json.loads(english.stdout)
    assert english["verdict"]["title"] != spanish["verdict"]["title"]  # the words differ …
    assert skeleton(english) == skeleton(spanish)  # … and nothing else
    assert english["checklist"]["translation"] is None and spanish["checklist"]["translation"]["language"] == "es"
