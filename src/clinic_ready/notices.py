"""Texts every output carries: the not-medical-advice notice and the crisis lines.

Crisis numbers are hard-coded here and pinned by tests (tests/test_notices.py): apps have shipped
wrong crisis numbers before.  Checked against the 988 Lifeline and SAMHSA pages listed in
clinical-facts.md (S41).
"""

from __future__ import annotations

NOTICE = (
    "Not medical advice. clinic-ready does not diagnose and does not replace a clinician: it lists "
    "concerns and questions to discuss with a licensed prescriber."
)

#: (who, how to reach them)
CRISIS_LINES: tuple[tuple[str, str], ...] = (
    ("988 Suicide & Crisis Lifeline (US)", "call or text 988"),
    ("SAMHSA National Helpline (US)", "1-800-662-4357 (free, confidential, 24/7)"),
    ("Emergency", "call 911"),
)

CRISIS_HEADING = "If you are in crisis or danger"


def crisis_text(sep: str = "; ") -> str:
    """The crisis lines on one line."""
    return sep.join(f"{who}: {how}" for who, how in CRISIS_LINES)

#: What to do now, when an answer raises an urgent concern (interruption screen and every output).
URGENT_HEADING = "Your safety comes first"
URGENT_LINES: tuple[str, ...] = (
    "Call or text 988 (Suicide & Crisis Lifeline, US) now: free, confidential, 24/7.",
    "If you might act on these thoughts or are in danger, call 911 or go to the nearest emergency department.",
    "SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7).",
    "If you can, tell someone near you how you are feeling, and do not stay alone.",
)
COME_BACK = "You can come back to these questions later: your answers so far are kept."
