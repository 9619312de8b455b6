"""The questionnaire in Spanish, driven line by line: the Spanish keys (s/n, ns, p, a, salir, ayuda)
next to the English ones, the special answers' Spanish names, and dates in Spanish."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from helpers import Keys
from rich.console import Console

from clinic_ready import i18n
from clinic_ready.app.interactive.prompting import (
    KEYWORDS,
    SPANISH_KEYWORDS,
    Questionnaire,
    QuitRequested,
    confirm,
    keywords,
    yes_no_choices,
)
from clinic_ready.core.model import Answer, Answers, Choice, Question
from clinic_ready.io.loading import load_checklist


@pytest.fixture
def spanish():
    """Spanish for this test only (install touches LANGUAGE; English is put back after)."""
    i18n.install("es")
    yield
    i18n.install("en")


@pytest.fixture
def mini(mini_path):
    return load_checklist(mini_path)


def run(cl, *lines):
    out = io.StringIO()
    keys = Keys(*lines)
    q = Questionnaire(cl, Answers(cl.id, cl.version), Console(file=out, width=100, no_color=True), keys, plain=True)
    q.welcome()
    answers = q.run()
    return answers, " ".join(out.getvalue().split()), keys.prompts  # the screen, unwrapped


def test_no_spanish_key_means_two_things_or_is_a_number(spanish):
    kinds = list(KEYWORDS)
    for i, a in enumerate(kinds):
        assert KEYWORDS[a] <= keywords(a)  # every English key still works in Spanish
        assert not any(w.isdigit() for w in keywords(a))
        for b in kinds[i + 1 :]:
            assert not keywords(a) & keywords(b), (a, b, keywords(a) & keywords(b))


def test_spanish_keys_only_in_spanish():
    for kind, words in SPANISH_KEYWORDS.items():
        assert not (words - KEYWORDS[kind]) & keywords(kind), kind  # English: s is not yes, a is not back


def test_a_run_with_the_spanish_keys(spanish, mini):
    # monitored: ayuda, then s (sí); meds: a (back to monitored), Enter keeps sí, then ns (No sé);
    # where: p (Prefiero no decirlo) -> alone is asked (in doubt): n; age: 40; review: Enter
    answers, screen, prompts = run(mini, "ayuda", "s", "a", "", "ns", "p", "n", "40", "")
    assert answers.values == {
        "monitored": Answer.of("yes"),
        "meds": Answer("unsure"),
        "where": Answer("declined"),
        "alone": Answer.of("no"),
        "age": Answer.of(40),
    }
    assert "Entre 4 y 5 preguntas" in screen
    assert (
        "En cualquier pregunta: ? por qué importa · ns No sé · p Prefiero no decirlo · a atrás · q guardar y salir."
        in screen
    )
    assert "Por qué importa: Because ketamine raises it." in screen and "Fuente: A source. Someone, 2024." in screen
    assert "Respuesta actual: Sí (presione Enter para dejarla así)" in screen
    assert "Pregunta 1 de 4 · Main" in screen and "Su respuesta abrió 1 pregunta más." in screen
    assert "Revise sus respuestas" in screen
    assert "2. Which do you take? — No sé" in screen and "3. Where is the dose given? — Prefiero no decirlo" in screen
    assert prompts[1] == "Responda s o n (o ?, ns, p, a, q): "
    assert "Escriba un número en years (o ?, ns, p, a, q, o Enter para omitir): " in prompts
    assert "Escriba un número para cambiar esa respuesta" in prompts[-1]


def test_english_keys_keep_working_in_spanish(spanish, mini):
    answers, _screen, _prompts = run(mini, "y", "u", "d", "b", "b", "", "", "", "yes", "", "")
    assert answers.values["monitored"] == Answer.of("yes") and answers.values["meds"] == Answer("unsure")
    assert answers.values["where"] == Answer("declined") and answers.values["alone"] == Answer.of("yes")


def test_salir_and_q_save_and_quit(spanish, mini):
    for word in ("salir", "q", "SALIR"):
        with pytest.raises(QuitRequested):
            run(mini, "s", word)


def test_wrong_answers_are_explained_in_spanish(spanish, mini):
    _answers, screen, _prompts = run(mini, "quizás", "s", "9", "1", "zz", "1", "", "")
    assert "eso no es sí ni no — escriba s (sí) o n (no); ns si no sabe; p si prefiere no decirlo." in screen
    assert "9 no es uno de los números de la lista — escriba un número del 1 al 3." in screen
    assert "esa no es una de las opciones — escriba un número del 1 al 2." in screen


def test_in_english_s_and_a_are_not_keys(mini):
    _answers, screen, _prompts = run(mini, "s", "y", "a", "1", "1", "", "")
    assert "that is not yes or no" in screen and "that is not one of the choices" in screen


def test_si_no_choices_take_s_and_n(spanish):
    q = Question(
        id="cut",
        type="choice",
        prompt="¿?",
        help="…",
        choices=[Choice(value="yes", label="Sí"), Choice(value="no", label="No")],
    )
    assert yes_no_choices(q) == {"y": "yes", "n": "no"}


def test_confirm_in_spanish(spanish):
    out = io.StringIO()
    keys = Keys("x", "s")
    assert confirm(keys, Console(file=out), "¿Retomar?") is True
    assert keys.prompts[0] == "¿Retomar? [S/n] " and "Por favor, escriba s (sí) o n (no)." in out.getvalue()
    assert confirm(Keys("n"), Console(file=io.StringIO()), "¿?", default=True) is False


def test_dates_in_spanish(spanish, mini):
    from clinic_ready.app.interactive.session import _friendly
    from clinic_ready.dates import show_date, show_datetime

    assert show_date(dt.date(2026, 11, 1)) == "1 de noviembre de 2026"
    assert show_datetime(dt.datetime(2026, 1, 5, 9, 7)) == "5 de enero de 2026, 09:07"
    assert _friendly("2026-12-31T23:59:00+00:00") == "31 de diciembre de 2026, 23:59"
    assert mini.currency_line() == "Datos revisados el 1 de noviembre de 2026"


def test_dates_in_english_are_unchanged(mini):
    from clinic_ready.app.interactive.session import _friendly

    assert _friendly("2026-12-31T23:59:00+00:00") == "31 Dec 2026 23:59"
    assert mini.currency_line() == "Facts checked 2026-11-01"


def test_a_draft_is_offered_and_kept_in_spanish(spanish, mini, tmp_path, monkeypatch):
    from clinic_ready.app.interactive import session
    from clinic_ready.errors import Interrupted
    from clinic_ready.io import drafts

    monkeypatch.setenv("CLINIC_READY_STATE_DIR", str(tmp_path))
    drafts.save(mini, Answers(mini.id, mini.version, {"monitored": Answer.of("yes")}))
    out = io.StringIO()
    console = Console(file=out, width=200, no_color=True)
    keys = Keys("s", "salir")
    with pytest.raises(Interrupted) as stopped:
        session.interactive(
            mini, Answers(mini.id, mini.version), console, keys, resume_hint="clinic-ready --lang es run --resume"
        )
    today = dt.date.today()
    from clinic_ready.dates import in_words

    assert keys.prompts[0].startswith(
        f"Tiene un borrador guardado el {in_words(today)}, "
    )  # the draft was saved just now
    assert keys.prompts[0].endswith(" con 1 respuesta. ¿Quiere retomarlo? [S/n] ")
    shown = "\n".join(stopped.value.shown())  # as the error boundary prints it
    assert shown.strip().startswith("clinic-ready: detenido. Se guardó 1 respuesta en ")
    assert shown.rstrip().endswith("Para continuar, escriba:\n  clinic-ready --lang es run --resume")
