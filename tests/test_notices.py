"""Crisis numbers are pinned: apps have shipped wrong ones before."""

from clinic_ready.notices import CRISIS_LINES, NOTICE, crisis_text


def test_crisis_numbers_are_exact():
    text = crisis_text()
    assert "call or text 988" in text
    assert "1-800-662-4357" in text
    assert "call 911" in text
    assert len(CRISIS_LINES) == 3


def test_notice_says_not_medical_advice():
    assert NOTICE.startswith("Not medical advice.")
    assert "does not diagnose" in NOTICE and "does not replace a clinician" in NOTICE
