"""The page size of printed documents: one option shared by run, report, print, compare and the
end-of-run offer."""

from __future__ import annotations

from enum import Enum

from clinic_ready.i18n import _


class Paper(str, Enum):
    letter = "letter"
    a4 = "a4"


#: territories whose paper is Letter (glibc's LC_PAPER for their locales: 279 mm high)
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "CR", "GT", "NI", "PA", "SV", "DO"})


def default_paper(environ=None) -> Paper:
    """The paper the place uses, from the first of LC_ALL, LC_PAPER, LANG that is set: Letter for
    the United States and the other Letter-paper territories (en_US, es_MX, fr_CA, …), and for the
    C and POSIX locales and no locale at all (the checklist is US-focused); A4 where the locale
    names another territory (en_GB, es_ES, de_DE, …).  --paper always wins."""
    import os

    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(var)
        if value:
            name = value.split(".")[0].split("@")[0]
            if name in ("C", "POSIX") or "_" not in name:
                return Paper.letter
            return Paper.letter if name.split("_", 1)[1].upper() in LETTER_TERRITORIES else Paper.a4
    return Paper.letter


#: translated when the command line is built (the language is chosen before)
PAPER_HELP = _(
    "Page size for html and pdf. Default: the locale's (letter for the US, Canada, Mexico and other "
    "Letter countries, and for the C locale; a4 where the locale names another country)."
)
