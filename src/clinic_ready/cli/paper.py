"""The page size of printed documents: one option shared by run, report, print, compare and the
end-of-run offer."""

from __future__ import annotations

from enum import Enum

from clinic_ready.i18n import _


class Paper(str, Enum):
    letter = "letter"
    a4 = "a4"


def default_paper() -> "Paper":
    """Letter for US and Canadian English locales, A4 elsewhere."""
    import os

    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(var)
        if value:
            return Paper.letter if value.split(".")[0] in ("en_US", "en_CA", "es_US", "fr_CA") else Paper.a4
    return Paper.a4


#: translated when the command line is built (the language is chosen before)
PAPER_HELP = _("Page size for html and pdf. Default: letter for US and Canadian locales, else a4.")
