"""The 'compare with another saved clinic?' shortcut at the end of an interactive run."""

from __future__ import annotations

import io
import shutil

from helpers import FIXTURES
from rich.console import Console

from clinic_ready.app.interactive.compare_offer import offer
from clinic_ready.core import engine
from clinic_ready.io.answers import load_answers
from clinic_ready.io.loading import load_checklist

CL = load_checklist(FIXTURES / "compare-checklist.yaml")


def _setup(tmp_path):
    for x in "abc":
        shutil.copy(FIXTURES / f"compare-{x}.yaml", tmp_path / f"compare-{x}.yaml")
    (tmp_path / "notes.yaml").write_text("not: answers\n")
    shutil.copy(FIXTURES / "mini-answers.yaml", tmp_path / "other-checklist.yaml")
    answers, _ = load_answers(FIXTURES / "compare-a.yaml", CL)
    return engine.evaluate(CL, answers)


def _drive(tmp_path, typed):
    result = _setup(tmp_path)
    buf = io.StringIO()
    console = Console(file=buf, width=80, no_color=True, highlight=False, emoji=False)
    inputs = iter(typed)

    def read(prompt):
        buf.write(prompt)
        value = next(inputs, None)
        if value is None:
            raise EOFError
        return value

    offer(CL, result, True, folder=tmp_path, read=read, console=console)
    return buf.getvalue()


def test_lists_only_other_clinics_for_this_checklist_and_compares_the_chosen(tmp_path):
    out = _drive(tmp_path, ["7", "2"])
    listing = out.split("Type the numbers")[0]
    assert "1. compare-b.yaml (Brightside Ketamine and Wellness Center)" in listing
    assert "2. compare-c.yaml (compare-c.yaml)" in listing
    assert "compare-a.yaml" not in listing  # this run's own answers
    assert "notes.yaml" not in listing and "other-checklist.yaml" not in listing
    assert "Please type numbers from 1 to 2" in out
    assert (
        "Stop: resolve" in out and "Discuss these concerns" in out and "Brightside" not in out.split("Please type")[1]
    )


def test_enter_or_end_of_input_skips(tmp_path):
    assert "Comparing" not in _drive(tmp_path, [""])
    assert "Comparing" not in _drive(tmp_path, [])


def test_nothing_is_offered_when_no_other_clinic_is_saved(tmp_path):
    result = engine.evaluate(CL, load_answers(FIXTURES / "compare-a.yaml", CL)[0])
    buf = io.StringIO()
    offer(CL, result, True, folder=tmp_path, read=lambda p: "1", console=Console(file=buf))
    assert buf.getvalue() == ""
