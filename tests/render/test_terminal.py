"""The terminal summary: its order, the concern cards pointing to their question, widths, safety,
the closing screen, and the same look whether Rich draws it (a terminal) or not (a file or pipe)."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from helpers import EXAMPLES, FIXTURES, cli_path
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.answers import apply_sets, load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import terminal, texts
from clinic_ready.render.common import source_line
from clinic_ready.safe_text import is_safe
from clinic_ready.wording import verdict_of

SGR = re.compile(r"\x1b\[[0-9;]*m")
CL = load_checklist(shipped()["ketamine-clinic"])


def result_for(example: str):
    answers, _ = load_answers(EXAMPLES / example, CL)
    return engine.evaluate(CL, answers)


@pytest.fixture(scope="module")
def perry():
    return result_for("perry-like.yaml")


def urgent_result():
    cl = load_checklist(FIXTURES / "urgent.yaml")
    a = Answers(cl.id, cl.version)
    for k, v in dict(monitored="no", meds=["opioid"], crisis_now="yes", where="home", alone="unsure").items():
        a.values[k] = Answer(v) if v in ("unsure", "declined") else Answer.of(v)
    return engine.evaluate(cl, a)


@pytest.mark.parametrize("plain", [False, True])
def test_sections_come_in_the_order_a_family_acts_on(plain):
    r = urgent_result()
    text = terminal.render(r, width=100, plain=plain, answers=True)
    marks = [
        "Your safety comes first",  # urgent, with what to do now
        verdict_of(r).title,
        "If you are in crisis or danger:",  # urgent: the crisis lines before the concern list too
        "First steps",
        "Questions to ask your clinic (",
        "Concerns, most serious first",
        "Could apply (",
        "Not assessed (",
        "Your answers",
        "\nSources\n",
    ]
    at = [text.index(m) for m in marks]
    marks.append("If you are in crisis or danger:")
    at.append(text.rindex(marks[-1]))
    assert at == sorted(at), [m for m, a in zip(marks, at, strict=False)]
    crisis = text[at[-1] :]
    assert "988" in crisis and "1-800-662-4357" in crisis and "911" in crisis


def test_each_concern_card_points_to_its_question_instead_of_repeating_it(perry):
    text = terminal.render(perry, width=100, plain=True, answers=False)
    flat = " ".join(text.split())
    for n, item in enumerate(perry.ask_list, 1):
        assert f"{n}. {item.text}" in flat
        if item.question_id is None:  # a raised concern's ask: listed once, never again in a card
            assert flat.count(item.text) == 1, item.text
    cards = flat.split("Concerns, most serious first")[1]
    for f in perry.findings:
        if f.concern.urgent:
            continue
        n = perry.ask_numbers.get(f.concern.id)
        block = cards.split(" ".join(f.concern.title.split()), 1)[1].split("Sources:", 1)[0]
        if n is None:  # information only: not in the list, so the card keeps its own ask
            assert f"Ask: {' '.join(f.concern.ask.split())}" in block
        else:
            assert f"Ask: see question {n} above" in block


def test_open_answers_in_the_ask_list_are_named_by_number_not_listed_again(perry):
    text = " ".join(terminal.render(perry, width=100, plain=True, answers=False).split())
    na = text.split("Not assessed (3): find these out", 1)[1].split("Sources", 1)[0]
    assert na.strip().startswith("See question 21 above.")  # declined personal answers are topics, not questions (N8)
    assert "Thoughts of death or suicide — prefer not to say" in na
    private = set(perry.private)  # kept private: named by topic, never as a question (N8)
    for i in perry.not_assessed:  # each open question appears once: in the ask list
        if i.question.id in private:
            assert text.count(" ".join(i.question.prompt.split())) == 0
            continue
        assert text.count(" ".join(i.question.prompt.split())) == 1 + sum(
            1 for p in perry.could_apply if i in p.depends_on
        )


@pytest.mark.parametrize("width", [40, 60, 80, 100])
@pytest.mark.parametrize("plain", [False, True])
def test_no_line_is_wider_than_the_screen_and_no_word_is_cut(perry, width, plain):
    text = terminal.render(perry, width=width, plain=plain, answers=True)
    assert max(terminal.cells(line) for line in text.splitlines() if not line.strip().startswith("http")) <= width
    words = " ".join(text.split())
    for f in perry.findings:  # every word of every concern is there, whole (URLs may fold)
        for field in (f.concern.title, f.concern.why, f.concern.action):
            assert " ".join(field.split()) in words
    if not plain:
        assert "╭─ Verdict " in text
    else:
        assert "╭" not in text and "│" not in text and "VERDICT: " in text
    assert "!!! CRITICAL" in text and "!! HIGH" in text  # severity in words and symbols, not colour alone


def test_long_words_fold_and_wide_characters_count_two_cells():
    cl = load_checklist(FIXTURES / "unicode.yaml")
    a = Answers(cl.id, cl.version)
    for qid, q in cl.questions.items():
        a.values[qid] = Answer.of(q.choice_values[0]) if q.choice_values else Answer("unsure")
    r = engine.evaluate(cl, a)
    for width in (20, 33, 60):
        text = terminal.render(r, width=width, plain=False)
        assert max(terminal.cells(line) for line in text.splitlines() if not line.strip().startswith("http")) <= width
    out = terminal.Layout(20, plain=False)
    out.wrap([("x" * 50, "")], indent=2, hang=4, prefix=(("Why ", "bold"),))
    lines = terminal.as_text(out.lines).splitlines()
    assert lines[0] == "  Why " + "x" * 14 and all(len(line) <= 20 for line in lines)
    assert "".join(line.strip() for line in lines).replace("Why ", "") == "x" * 50
    out = terminal.Layout(20, plain=False)
    out.wrap([("病院 " * 12, "")], indent=0)
    assert all(terminal.cells(line) <= 20 for line in terminal.as_text(out.lines).splitlines())


HOSTILE = "Acme\x1b]2;PWNED\x07\x1b[2J\r\x08\x9b31m\u202egnp [/i] [link=x]y[/link]"


def test_hostile_text_is_made_visible_in_every_part_of_the_summary(tmp_path):
    text = (FIXTURES / "mini.yaml").read_text()
    text = text.replace("why: Ketamine raises blood pressure.", f"why: {HOSTILE!r}".replace("'", '"'), 1)
    (tmp_path / "cl.yaml").write_text(text.replace("title: Mini checklist", 'title: "Mini \\e[2J [/b]"'))
    cl = load_checklist(tmp_path / "cl.yaml")
    a = Answers(cl.id, cl.version)
    apply_sets(a, cl, ["monitored=no", "meds=none", "where=clinic", "age=30"])
    r = engine.evaluate(cl, a)
    for plain in (False, True):
        out = terminal.render(r, width=60, plain=plain)
        assert is_safe(out) and "\x1b" not in out and "\u202e" not in out and "\r" not in out
        assert "␛[2J" in out and "[/b]" in out and "[link=x]y[/link]" in out
    console = _console(60)
    terminal.show(r, console)
    assert "\x1b]" not in console.file.getvalue() and "␛]2;PWNED␇" in SGR.sub("", console.file.getvalue())


def _console(width: int, color: bool = True):
    from clinic_ready.safe_text import console_class

    return console_class()(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="truecolor" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )


@pytest.mark.parametrize("plain", [False, True])
def test_a_terminal_shows_the_same_summary_as_a_pipe_plus_colour(perry, plain):
    console = _console(80, color=not plain)
    terminal.show(perry, console, plain=plain)
    shown = console.file.getvalue()
    if not plain:
        assert "\x1b[1;37;41m" in shown  # critical: bold white on red, as before
    lines = [line.rstrip() for line in SGR.sub("", shown).splitlines()]
    assert lines == terminal.render(perry, width=80, plain=plain, answers=False).splitlines()


def test_a_pipe_does_not_import_rich():
    probe = (
        "import runpy, sys; sys.argv = [sys.argv[1], 'run', '-a', sys.argv[2], '--no-input'];"
        "\ntry: runpy.run_path(sys.argv[0], run_name='__main__')"
        "\nexcept SystemExit: pass"
        "\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'), file=sys.stderr)"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe, cli_path(), str(EXAMPLES / "perry-like.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert r.stderr.strip().splitlines()[-1] == "[]"
    assert "Questions to ask your clinic" in r.stdout and "╭─ Verdict" in r.stdout


def test_closing_screen_is_short_and_has_the_verdict_steps_and_crisis_lines_but_no_sources(perry):
    for width, most in ((100, 15), (60, 24)):
        console = _console(width, color=False)
        for part in terminal.closing(perry, plain=False):
            console.print(part)
        shown = console.file.getvalue()
        assert len(shown.splitlines()) <= most, shown
        flat = " ".join(shown.split())
        assert verdict_of(perry).title in flat and "9 critical, 11 high" in flat
        for step, _cid in texts.first_steps(perry):
            assert " ".join(step.split()) in flat
        assert "988" in flat and "1-800-662-4357" in flat and "911" in flat
        assert "http" not in flat and "[1]" not in flat
        assert not any(source_line(s) in flat for s in CL.sources)


def test_closing_screen_in_plain_mode_has_no_colour(perry):
    console = _console(100, color=False)
    for part in terminal.closing(perry, plain=True):
        console.print(part)
    assert "\x1b" not in console.file.getvalue() and "VERDICT: " in console.file.getvalue()


words = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(words, min_size=1, max_size=40),
    st.integers(20, 90),
    st.integers(0, 8),
    st.integers(0, 8),
    st.text("ab:", max_size=9),
)
def test_the_quick_wrap_gives_the_same_lines_as_the_general_one(ws, width, indent, hang, prefix):
    text = " ".join(ws)
    head = ((prefix, "b"),) if prefix else ()
    quick, general = terminal.Layout(width, False), terminal.Layout(width, False)
    quick.wrap([(text, "s")], indent, hang, head)
    general._wrap_pieces([(text, "s")], indent, hang, head)
    shown = terminal.as_text(quick.lines)
    assert shown == terminal.as_text(general.lines)
    assert all(
        len(line) <= width for line in shown.splitlines() if not line.strip().startswith("http")
    )  # a URL runs on, whole
    assert "".join(shown.split()) == prefix + "".join(ws)  # nothing lost, nothing cut
