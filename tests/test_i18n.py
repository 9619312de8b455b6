"""The tool's own words in Spanish: language resolution, the catalogue, Click's messages."""

from __future__ import annotations

import importlib.util
import re
import string

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from helpers import ROOT, invoke_cli, run_cli

from clinic_ready import i18n, notices

PO = ROOT / "src" / "clinic_ready" / "locale" / "es" / "LC_MESSAGES" / "clinic_ready.po"
MO = PO.with_suffix(".mo")


@pytest.fixture
def spanish(monkeypatch):
    """Spanish for this test only (install touches LANGUAGE; English is put back after)."""
    monkeypatch.delenv("LANGUAGE", raising=False)
    i18n.install("es")
    yield
    i18n.install("en")


def _catalogue():
    with open(PO, "rb") as fh:
        return read_po(fh, locale="es")


# --------------------------------------------------------------------------- choosing the language
@pytest.mark.parametrize(
    "argv, env, expected",
    [
        (["--lang", "es", "run"], {"CLINIC_READY_LANG": "en", "LANG": "en_US.UTF-8"}, "es"),
        (["--lang=en"], {"CLINIC_READY_LANG": "es"}, "en"),
        (["run"], {"CLINIC_READY_LANG": "es", "LANG": "en_US.UTF-8"}, "es"),
        (["run"], {"CLINIC_READY_LANG": "fr", "LANG": "es_MX.UTF-8"}, "es"),  # an unknown value is skipped
        (["run"], {"LANGUAGE": "fr:es_AR", "LANG": "en_US.UTF-8"}, "es"),
        (["run"], {"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        (["run"], {"LC_MESSAGES": "es_CO"}, "es"),
        (["run"], {"LANG": "es_MX.UTF-8"}, "es"),
        (["run"], {"LANG": "C.UTF-8"}, "en"),
        (["run"], {"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, "en"),  # LC_ALL wins, as in gettext
        (["run"], {}, "en"),
        (["run", "--", "--lang", "es"], {}, "en"),  # after '--' it is an argument, not ours
    ],
)
def test_resolution_order(argv, env, expected):
    assert i18n.resolve(argv, env) == expected


def test_install_translates_and_restores(spanish):
    assert i18n.language() == "es"
    assert i18n._("Options") == "Opciones"
    i18n.install("en")
    assert i18n._("Options") == "Options"


# --------------------------------------------------------------------------- through the installed entry point
def test_spanish_error_line_from_the_installed_command(tmp_path):
    missing = tmp_path / "nada.yaml"
    r = run_cli("--lang", "es", "validate", str(missing))
    assert r.returncode == 2
    assert r.stderr.strip() == f"{missing}: el archivo no existe — revise la ruta"
    r = run_cli("validate", str(missing), env={"CLINIC_READY_LANG": "es"})
    assert "el archivo no existe" in r.stderr
    r = run_cli(
        "validate", str(missing), env={"CLINIC_READY_LANG": "", "LANGUAGE": "", "LC_ALL": "", "LANG": "es_MX.UTF-8"}
    )
    assert "el archivo no existe" in r.stderr
    r = run_cli("--lang", "en", "validate", str(missing), env={"CLINIC_READY_LANG": "es"})
    assert r.stderr.strip() == f"{missing}: no such file — check the path"


def test_click_usage_error_in_spanish():
    r = run_cli("--lang", "es", "run", "--nonsense")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "Uso: clinic-ready run [OPTIONS] [CHECKLIST]",
        "Pruebe 'clinic-ready run -h' para ver la ayuda.",
        "",
        "Error: No existe la opción: --nonsense (opciones posibles: --answers)",
    ]
    r = run_cli("--lang", "es", "nosuch")
    assert r.returncode == 2 and "Error: No existe el comando 'nosuch'." in r.stderr
    r = run_cli("run", "--nonsense")  # English is untouched
    assert "Error: No such option: --nonsense" in r.stderr and "Usage: clinic-ready run" in r.stderr


def test_help_in_spanish():
    r = run_cli("--lang", "es", "--help")
    assert r.returncode == 0
    for words in (
        "Uso: clinic-ready",
        "Preguntas que hacer antes de una terapia con ketamina.",
        "Opciones:",
        "Comandos:",
        "Mostrar este mensaje y salir.",
        "Códigos de salida",
    ):
        assert words in r.stdout, words
    r = run_cli("--lang", "es", "validate", "--help")
    assert "Revisar archivos de lista" in r.stdout


def test_a_language_we_do_not_have_is_a_usage_error():
    r = run_cli("--lang", "fr", "list")
    assert r.returncode == 2 and "--lang" in r.stderr


def test_the_roots_options_may_follow_the_command(tmp_path):
    """A newcomer writes `clinic-ready run … --lang es` (or `list --lang es`, `validate --debug`):
    it means what `clinic-ready --lang es run …` means (in process; `list --lang=es` through the
    installed command, whose launcher reads --lang before the app is built)."""
    from helpers import EXAMPLES

    before = invoke_cli("--lang", "es", "run", "-a", str(EXAMPLES / "perry-like.yaml"), "--no-input", "-f", "json")
    after = invoke_cli("run", "-a", str(EXAMPLES / "perry-like.yaml"), "--no-input", "-f", "json", "--lang", "es")
    assert after.returncode == before.returncode == 0, after.stderr
    assert after.stdout == before.stdout and "Lista de verificación" in after.stdout
    listed = run_cli("list", "--lang=es")
    assert listed.returncode == 0 and "PREGUNTAS" in listed.stdout
    exported = invoke_cli("export", "--fhir", "--version", "R4", "--lang", "es")  # export's own --version stays its own
    assert exported.returncode == 0 and '"title": "Lista de verificación' in exported.stdout, exported.stderr[-300:]


def test_no_command_has_an_option_named_like_a_root_option_that_may_follow_it():
    """Moving --lang and --debug in front of the command is right only while no command has an
    option of that name itself."""
    import typer

    from clinic_ready.cli import ROOT_FLAGS, ROOT_VALUED, app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        own = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        assert own.isdisjoint({*ROOT_FLAGS, ROOT_VALUED}), name
    assert invoke_cli("validate", "ketamine-clinic", "--debug").returncode == 0
    for bad in (["list", "--lang", "fr"], ["list", "--lang"]):
        r = run_cli(*bad)
        assert r.returncode == 2 and "use en (English) or es (español)" in r.stderr and "Traceback" not in r.stderr, (
            r.stderr
        )
    after_dashes = invoke_cli("validate", "--", "--lang")  # after `--`, a file name like any other
    assert after_dashes.returncode == 2 and after_dashes.stderr.startswith("--lang: no such file"), after_dashes.stderr


def test_in_process_lang_option():
    from typer.testing import CliRunner

    from clinic_ready.cli import app

    try:
        r = CliRunner().invoke(app, ["--lang", "es", "validate", "/nonexistent/x.yaml"])
        assert r.exit_code == 2 and "el archivo no existe" in r.stderr
    finally:
        i18n.install("en")


# --------------------------------------------------------------------------- crisis lines
def test_spanish_crisis_lines_name_the_spanish_services(spanish):
    lines = dict(notices.crisis_lines())
    text = notices.crisis_text()
    assert "Línea 988 de Prevención del Suicidio y Crisis (EE. UU.)" in lines
    assert "marque 2" in text and "AYUDA" in text and "988" in text
    assert "1-800-662-4357" in text and "español" in text and "911" in text
    urgent = " ".join(notices.urgent_lines())
    assert "marque 2" in urgent and "AYUDA" in urgent and "911" in urgent and "1-800-662-4357" in urgent


def test_every_number_of_the_crisis_texts_survives_translation(spanish):
    english = [who + " " + how for who, how in notices.CRISIS_LINES] + list(notices.URGENT_LINES)
    for text in english:
        numbers = set(re.findall(r"\d[\d-]*\d", text))
        assert numbers <= set(re.findall(r"\d[\d-]*\d", _translated(text))), text


def _translated(text: str) -> str:
    for who, how in notices.CRISIS_LINES:
        if text == who + " " + how:
            return i18n._(who) + " " + i18n._(how)
    return i18n._(text)


# --------------------------------------------------------------------------- the catalogue
def test_every_entry_is_translated_and_none_is_fuzzy():
    cat = _catalogue()
    assert not cat.fuzzy, "the catalogue header is marked fuzzy"
    bad = []
    for m in cat:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            bad.append(m.id)
    assert not bad, f"{len(bad)} untranslated or fuzzy entries in {PO.name}, e.g. {bad[:3]}"


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_translations_keep_the_placeholders():
    for m in _catalogue():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*(_fields(i) for i in ids))
        for s in strings:
            assert _fields(s) == wanted, (m.id, s)
        if "\b" in ids[0]:  # command help keeps its no-rewrap markers
            assert all(s.count("\b") == ids[0].count("\b") for s in strings), m.id


def test_compiled_catalogue_is_current():
    cat = _catalogue()
    with open(MO, "rb") as fh:
        compiled = read_mo(fh)

    def norm(x):
        return tuple(x) if isinstance(x, (list, tuple)) else x

    want = {norm(m.id): norm(m.string) for m in cat if m.id and not m.fuzzy}
    have = {norm(m.id): norm(m.string) for m in compiled if m.id}
    assert have == want, "the .mo is older than the .po: run 'python scripts/regen.py'"


def test_catalogue_holds_every_marked_string():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    template = script.build_template(with_typer=False)
    ours = {m.id for m in _catalogue() if m.id}
    missing = [m.id for m in template if m.id and m.id not in ours]
    assert not missing, (
        f"{len(missing)} marked strings are not in {PO.name} (run 'python scripts/regen.py' and translate them), "
        f"e.g. {missing[:3]}"
    )


def test_spanish_never_calls_an_unsure_answer_unsafe_and_says_how_to_reach_samhsa_in_spanish(spanish):
    """spanish.md M3: "no es segura" reads as "not safe"; M5: the SAMHSA line offers Spanish through
    its national representative option, and the text says how to choose it."""
    from clinic_ready.notices import crisis_lines

    entries = [m.string for m in _catalogue() if m.id]
    texts = [s for e in entries for s in ((e,) if isinstance(e, str) else e)]
    assert not [t for t in texts if "no es segura" in t or "no son seguras" in t]
    samhsa = " ".join(how for who, how in crisis_lines() if "SAMHSA" in who)
    assert "1-800-662-4357" in samhsa and "representante nacional" in samhsa
