"""Texts every output carries: the not-medical-advice notice and the crisis lines.

Crisis numbers are hard-coded here and pinned by tests (tests/test_notices.py): apps have shipped
wrong crisis numbers before.  Checked against the 988 Lifeline and SAMHSA pages listed in
clinical-facts.md (S41).

Every text is marked ``N_`` (it stays English here) and translated where it is shown: use
``notice()``, ``crisis_lines()``, ``crisis_heading()``, ``crisis_text()``, ``urgent_heading()``,
``urgent_lines()`` and ``come_back()``, which give the texts in the current language.

In Spanish the crisis lines are translations of these (locale/es/LC_MESSAGES/clinic_ready.po),
and they say how to reach the Spanish-language services (checked 2026-11-21):
  * 988 Lifeline: by phone, press 2 for Spanish; by text, the Spanish-language option is "text
    AYUDA"; text and chat are available in Spanish —
    https://988lifeline.org/get-help/what-to-expect/
  * SAMHSA's National Helpline 1-800-662-HELP (4357) is "in English and Spanish" —
    https://www.samhsa.gov/find-help/national-helpline
"""

from __future__ import annotations

from clinic_ready.i18n import N_, _

NOTICE = N_(
    "Not medical advice. clinic-ready does not diagnose and does not replace a clinician: it lists "
    "concerns and questions to discuss with a licensed prescriber."
)

#: (who, how to reach them)
CRISIS_LINES: tuple[tuple[str, str], ...] = (
    (N_("988 Suicide & Crisis Lifeline (US)"), N_("call or text 988")),
    (N_("SAMHSA National Helpline (US)"), N_("1-800-662-4357 (free, confidential, 24/7)")),
    (N_("Emergency"), N_("call 911")),
)

CRISIS_HEADING = N_("If you are in crisis or danger")


def notice() -> str:
    return _(NOTICE)


def crisis_heading() -> str:
    return _(CRISIS_HEADING)


def crisis_lines() -> tuple[tuple[str, str], ...]:
    """The crisis lines in the current language: (who, how to reach them)."""
    return tuple((_(who), _(how)) for who, how in CRISIS_LINES)


def crisis_text(sep: str = "; ") -> str:
    """The crisis lines on one line, in the current language."""
    return sep.join(f"{who}: {how}" for who, how in crisis_lines())


#: What to do now, when an answer raises an urgent concern (interruption screen and every output).
URGENT_HEADING = N_("Your safety comes first")
URGENT_LINES: tuple[str, ...] = (
    N_("Call or text 988 (Suicide & Crisis Lifeline, US) now: free, confidential, 24/7."),
    N_("If you might act on these thoughts or are in danger, call 911 or go to the nearest emergency department."),
    N_("SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7)."),
    N_("If you can, tell someone near you how you are feeling, and do not stay alone."),
)
COME_BACK = N_("You can come back to these questions later: your answers so far are kept.")


def urgent_heading() -> str:
    return _(URGENT_HEADING)


def urgent_lines() -> tuple[str, ...]:
    return tuple(_(line) for line in URGENT_LINES)


def come_back() -> str:
    return _(COME_BACK)
