"""HTML: one self-contained file (inline CSS; no scripts, fonts or images from anywhere), rendered
with Jinja2 and autoescape, so any text from a checklist or an answer is escaped.

The templates (``templates/*.j2``) are loaded from the package with ``jinja2.FileSystemLoader``
and compiled once per process, when the first report is rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from clinic_ready.core.model import Checklist
from clinic_ready.dates import today as _today
from clinic_ready.render.printed import report_renderer
from clinic_ready.render.views import ReportView, blank_view
from clinic_ready.safe_text import clean_tree

if TYPE_CHECKING:
    from markupsafe import Markup

PAPER = {"letter": "Letter", "a4": "A4"}
TEMPLATES = Path(__file__).parent / "templates"
OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

_env_cache: list = []


#: a phone number written with hyphens (1-800-662-4357): a browser may break a line at a hyphen
PHONE = re.compile(r"\b\d{1,4}(?:-\d{2,4}){2,3}\b")


def keep_numbers_whole(text: object) -> Markup:
    """The text escaped, with each phone number in a span that keeps it on one line (the
    ``nobreak`` filter: a crisis line must never read "1-800-" at the end of a line)."""
    from markupsafe import Markup, escape

    safe = str(escape(text))  # escaped first: only digits and hyphens are wrapped
    return Markup(PHONE.sub(lambda m: f'<span class="nobreak">{m.group(0)}</span>', safe))


def environment():
    """The one Jinja2 environment of the process."""
    if _env_cache:
        return _env_cache[0]
    import jinja2

    from clinic_ready import i18n

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined, **OPTIONS)
    env.globals["_"] = i18n._
    env.filters["nobreak"] = keep_numbers_whole
    _env_cache.append(env)
    return env


def _draw_report(view: ReportView, paper: str) -> str:
    """The report as one HTML page."""
    return environment().get_template("report.html.j2").render(v=view, paper=PAPER[paper])


render = report_renderer(_draw_report)


def render_blank(checklist: Checklist, paper: str = "letter", today: dt.date | None = None) -> str:
    view = clean_tree(blank_view(checklist, today or _today()))
    return environment().get_template("blank.html.j2").render(v=view, paper=PAPER[paper])
