"""The tool's own words in the person's language: standard gettext, catalogues compiled with Babel
and shipped in the wheel (``clinic_ready/locale/<lang>/LC_MESSAGES/clinic_ready.mo``).

How to mark a string:
  * at the point of use: ``_("Question {n} of {m}").format(n=n, m=m)`` (format *after* translating;
    never an f-string inside ``_()``);
  * a module-level constant: mark it with ``N_("…")`` where it is defined (it stays English) and
    translate it where it is shown: ``_(NOTICE)``;
  * plurals: ``ngettext("{n} question", "{n} questions", n).format(n=n)``.

The language is chosen once, before the command line is built (``launch.main`` calls
``install(resolve(sys.argv))``), so Typer's help and Click's own messages are translated too:
Click looks its strings up in the global gettext domain, which ``install`` points at our catalogue.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "clinic_ready"
LANGUAGES = ("en", "es")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
ENV_VAR = "CLINIC_READY_LANG"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT
_UNSET = object()
_saved_env: object = _UNSET  # LANGUAGE as it was before install() set it


def N_(message: str) -> str:
    """Mark a string for translation without translating it (module-level constants)."""
    return message


def _(message: str) -> str:
    """The message in the current language (English when there is no translation)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def language() -> str:
    """The current language code: "en" or "es"."""
    return _language


#: the names a person may write for a language (--lang español, --lang spanish, --lang es_MX)
ALIASES = {
    "español": "es",
    "espanol": "es",
    "spanish": "es",
    "esp": "es",
    "castellano": "es",
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "eng": "en",
}


def _supported(value: str | None) -> str | None:
    """'es_MX.UTF-8' -> 'es', 'español' -> 'es'; None when the value names no language we have."""
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()
    code = ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def supported(value: str | None) -> str | None:
    """The language code a --lang value names (en, es), or None."""
    return _supported(value)


def resolve(argv: list[str] | None = None, environ: dict | None = None) -> str:
    """--lang es|en (or --lang=es), else CLINIC_READY_LANG, else the locale (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG, as gettext reads them), else English.  A value we do not know is skipped
    here; the command line itself reports a bad --lang."""
    env = os.environ if environ is None else environ
    args = list(argv or ())
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return _supported(args[i + 1]) or DEFAULT
        if arg.startswith("--lang="):
            return _supported(arg.split("=", 1)[1]) or DEFAULT
    explicit = _supported(env.get(ENV_VAR))
    if explicit:
        return explicit
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        if var == "LANGUAGE":  # a colon-separated preference list
            for part in value.split(":"):
                found = _supported(part)
                if found:
                    return found
            continue
        if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
            return DEFAULT
        return _supported(value) or DEFAULT
    return DEFAULT


def install(lang: str) -> None:
    """Use ``lang`` for our strings and for Click's (the global gettext domain)."""
    global _translation, _language
    lang = lang if lang in LANGUAGES else DEFAULT
    _language = lang
    if lang == DEFAULT:
        _translation = _gettext.NullTranslations()
    else:
        _translation = _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)
    # Click calls gettext.gettext(), which reads the global domain in the language the environment
    # names: point both at ours (our catalogue carries Click's strings too)
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN if lang != DEFAULT else "messages")
    # gettext.gettext picks the language from the environment: name ours while it is installed
    # (and put back what was there when English is installed again, for in-process callers)
    global _saved_env
    if lang != DEFAULT:
        if _saved_env is _UNSET:
            _saved_env = os.environ.get("LANGUAGE")
        os.environ["LANGUAGE"] = lang
    elif _saved_env is not _UNSET:
        if _saved_env is None:
            os.environ.pop("LANGUAGE", None)
        else:
            assert isinstance(_saved_env, str)  # os.environ.get gave None or a str
            os.environ["LANGUAGE"] = _saved_env
        _saved_env = _UNSET
