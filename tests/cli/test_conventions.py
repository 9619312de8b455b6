"""Conventions a command-line user expects (issue 28): the paper size of the place, --lang as a
person writes it, keys that mean one thing in Spanish."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from clinic_ready import i18n
from clinic_ready.cli.paper import Paper, default_paper
from clinic_ready.loading import load_checklist
from clinic_ready.model import Answers
from clinic_ready.prompting import QuitRequested, Questionnaire
from conftest import FIXTURES, run_cli


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
    from pypdf import PdfReader

    from conftest import EXAMPLES

    answers = str(EXAMPLES / "well-run-clinic.yaml")
    for lang, extra, height in (("es_MX.UTF-8", [], 792), ("C.UTF-8", [], 792), ("en_GB.UTF-8", [], 842),
                                ("es_MX.UTF-8", ["--paper", "a4"], 842)):
        out = tmp_path / "r.pdf"
        r = run_cli("report", answers, "-f", "pdf", "-o", str(out), *extra,
                    env={"LANG": lang, "LC_ALL": "", "LC_PAPER": "", "CLINIC_READY_LANG": "en"})
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


class Keys:
    def __init__(self, *lines):
        self.lines, self.prompts = list(lines), []

    def __call__(self, prompt):
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)


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
    from clinic_ready.model import Answer

    q.answers.values["crisis_now"] = Answer.of("yes")
    q.urged = set()
    with pytest.raises(QuitRequested):
        q._interrupt_if_urgent()
    assert keys.prompts[0].endswith("o t para terminar por ahora (sus respuestas se guardan): ")
    assert "Escriba c para continuar, o t para terminar." in out.getvalue()  # s (sí) is asked again, not taken as stop
    assert len(keys.prompts) == 2
