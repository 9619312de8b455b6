"""How long the questionnaire takes, in words: "About 20–35 questions", "roughly 7–12 minutes".

One wording for the terminal's welcome (prompting.Questionnaire) and the browser's start screen
(web/bridge.Page.question_range); no terminal here, so the browser's engine can import it.
"""

from __future__ import annotations

from clinic_ready.core import question_range
from clinic_ready.i18n import _, ngettext


def how_long(fewest: int, most: int) -> tuple[str, str]:
    """(questions, minutes) in words for a range of questions, both rounded as the welcome says them."""
    low, high = question_range.rounded(fewest, most)
    mlow, mhigh = question_range.minutes(fewest, most)
    if low == high:
        count = ngettext("About {n} question", "About {n} questions", high).format(n=high)
    else:
        count = _("About {low}–{high} questions").format(low=low, high=high)
    if mlow == mhigh:
        time = ngettext("roughly {n} minute", "roughly {n} minutes", mhigh).format(n=mhigh)
    else:
        time = _("roughly {low}–{high} minutes").format(low=mlow, high=mhigh)
    return count, time
