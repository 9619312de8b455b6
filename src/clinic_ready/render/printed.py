"""What the printed report formats share: from a result and a renderer's options to the report's
view, every untrusted text made safe, drawn by the format (HTML with Jinja2, PDF with fpdf2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from clinic_ready.core.model import Result
from clinic_ready.dates import today as _today
from clinic_ready.render.views import ReportView, report_view
from clinic_ready.safe_text import clean_tree

Drawn = TypeVar("Drawn", str, bytes)


def report_renderer(draw: Callable[[ReportView, str], Drawn]) -> Callable[..., Drawn]:
    """A format's ``render(result, paper, today, explain, only)``: the report's view of the result
    (``only="questions"``: the questions to ask on their own), drawn by ``draw(view, paper)``."""

    def render(
        result: Result,
        paper: str = "letter",
        today: dt.date | None = None,
        explain: bool = False,
        only: str | None = None,
        **_options: object,
    ) -> Drawn:
        return draw(clean_tree(report_view(result, today or _today(), explain, only)), paper)

    render.__doc__ = draw.__doc__
    return render
