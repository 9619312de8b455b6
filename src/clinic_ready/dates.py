"""Dates as the current language writes them.

English keeps the forms it has always printed (ISO dates, "21 Nov 2026 14:05" for a draft's time);
Spanish writes "21 de noviembre de 2026".  Month names come from the message catalogue (a small
table marked ``N_``), not from the system locale or Babel: Babel is only a development tool here,
and the system's locale may not have Spanish installed.
"""

from __future__ import annotations

import datetime as dt

from clinic_ready.i18n import N_, _, language

MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
#: a date in words; Spanish: "{day} de {month} de {year}"
DATE_IN_WORDS = N_("{day} {month} {year}")
#: a date and a time of day; Spanish: "{date}, {time}"
DATE_AND_TIME = N_("{date} {time}")


def in_words(day: dt.date) -> str:
    """'21 November 2026'; in Spanish '21 de noviembre de 2026'."""
    return _(DATE_IN_WORDS).format(day=day.day, month=_(MONTHS[day.month - 1]), year=day.year)


def show_date(day: dt.date) -> str:
    """A date in a line of text: ISO in English (as before), in words in Spanish."""
    return day.isoformat() if language() == "en" else in_words(day)


def show_datetime(moment: dt.datetime) -> str:
    """When something happened: '21 Nov 2026 14:05' in English (as before); in Spanish
    '21 de noviembre de 2026, 14:05'."""
    if language() == "en":
        return moment.strftime("%d %b %Y %H:%M")
    return _(DATE_AND_TIME).format(date=in_words(moment.date()), time=moment.strftime("%H:%M"))


TODAY_ENV = "CLINIC_READY_TODAY"  # YYYY-MM-DD: the date every output is made for (tests inject it)


def today() -> dt.date:
    """Today, or the date in CLINIC_READY_TODAY (for tests, and to preview a checklist's dated facts)."""
    import os

    given = os.environ.get(TODAY_ENV, "").strip()
    if given:
        try:
            return dt.date.fromisoformat(given)
        except ValueError:
            pass
    return dt.date.today()
