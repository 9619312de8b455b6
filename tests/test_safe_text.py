"""The one sanitiser: no control character, escape sequence or bidi override from untrusted text
survives into any output, and Rich markup in data is printed as written."""

from __future__ import annotations

import io
import json
import re

import yaml
from helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_ready.app.interactive.prompting import Questionnaire
from clinic_ready.core import engine
from clinic_ready.core.model import Answers
from clinic_ready.errors import problem
from clinic_ready.io.answers import parse_answers
from clinic_ready.io.loading import parse_checklist
from clinic_ready.render import markdown, terminal
from clinic_ready.safe_text import clean, clean_tree, console_class

#: what must never reach an output: C0 except newline and tab, DEL, C1, bidi embeddings/overrides/isolates
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colour codes (when colour is on)

hostile_char = st.sampled_from(
    [
        "\x1b",
        "\x07",
        "\r",
        "\x08",
        "\x9b",
        "\x9d",
        "\x00",
        "\x7f",
        "\u202e",
        "\u2066",
        "[",
        "]",
        "/",
        "=",
        "\\",
        "[/i.v.]",
        "[bold]",
        "[link=http://evil.example]",
        "\x1b]2;PWNED\x07",
        "\x1b[2J",
        "\x1b]8;;http://x\x1b\\",
        ":smile:",
    ]
)
hostile = st.lists(st.one_of(hostile_char, st.text(min_size=1, max_size=3)), min_size=1, max_size=12).map("".join)


def test_clean_makes_controls_visible():
    assert clean("a\x1b[2Jb\x07\r\u202e") == "a␛[2Jb␇␍<U+202E>"
    assert clean("line\nnext\ttab", keep_lines=True) == "line\nnext\ttab"
    assert clean("line\nnext") == "line next"
    assert clean("x\u200bq", reveal=True) == "x<U+200B>q" and clean("x\u200bq") == "x\u200bq"
    assert clean("plain text [/i.v.] ✓") == "plain text [/i.v.] ✓"


def _checklist_with(text: str):
    data = yaml.safe_load((FIXTURES / "mini.yaml").read_text())
    data["title"] = "T " + text
    data["sections"][0]["title"] = "S " + text
    q = data["sections"][0]["questions"]
    q[0]["prompt"] = "P " + text
    q[1]["choices"][0]["label"] = "L " + text
    for c in data["concerns"]:
        c["why"], c["ask"], c["action"] = "W " + text, "A " + text, "D " + text
    return parse_checklist(json.dumps(data, default=str), "hostile.json")


def _answers(cl, text):
    data = {
        "checklist": "mini",
        "answers": {"monitored": "no", "meds": ["opioid"], "where": "home", "alone": "yes", "age": 30},
    }
    answers, _ = parse_answers(data, cl, json.dumps(data), "a.json")
    return answers


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_no_hostile_text_survives_any_renderer(text):
    cl = _checklist_with(text)
    result = engine.evaluate(cl, _answers(cl, text))
    # terminal, with colour and boxes (the dangerous mode) and plain
    for plain in (False, True):
        buf = io.StringIO()
        console = console_class()(
            file=buf, width=70, force_terminal=True, color_system="standard", highlight=False, emoji=False, markup=False
        )
        terminal.show(result, console, plain=plain, answers=True)
        out = SGR.sub("", buf.getvalue())
        assert not FORBIDDEN.search(out), repr(out)
        if "[/i.v.]" in text:  # markup in data printed as written (a long word may be folded across lines)
            assert "[/i.v.]" in re.sub(r"\n\s*", "", out)
    assert not FORBIDDEN.search(terminal.render(result))
    assert not FORBIDDEN.search(markdown.render(result))
    assert not FORBIDDEN.search(markdown.render_blank(cl))
    from clinic_ready.render import html

    assert not FORBIDDEN.search(html.render(result)) and not FORBIDDEN.search(html.render_blank(cl))
    # error messages that quote ids
    assert not FORBIDDEN.search(str(problem("answer_unknown", ("answers", text), id=text).located(text, 1, 1)))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_no_hostile_text_survives_the_questionnaire(text):
    cl = _checklist_with(text)
    buf = io.StringIO()
    console = console_class()(
        file=buf, width=70, force_terminal=True, color_system="standard", highlight=False, emoji=False, markup=False
    )
    lines = ["n", "1", "1", "30", ""]

    def read(prompt):
        console.print(prompt, end="")
        return lines.pop(0) if lines else ""

    q = Questionnaire(cl, Answers(cl.id, cl.version), console, read)
    q.welcome()
    q.run()
    assert not FORBIDDEN.search(SGR.sub("", buf.getvalue()))


def test_clean_tree_cleans_nested_view_models():
    import datetime as dt

    from clinic_ready.render.views import report_view

    cl = _checklist_with("\x1b[2J\u202e")
    view = clean_tree(report_view(engine.evaluate(cl, _answers(cl, "")), dt.date(2026, 1, 1)))
    assert "␛[2J<U+202E>" in view.title and all("\x1b" not in c.why for _l, _s, items in view.groups for c in items)
