"""errors.py: a plain message is shown after the program's name, a located problem as it is."""

from __future__ import annotations

from clinic_ready.errors import InputError, Interrupted, UsageError, problem, with_program


def test_a_usage_error_holds_its_message_and_is_shown_after_the_name():
    exc = UsageError("compare needs at least two answers files — give one file per clinic")
    assert exc.lines() == ["compare needs at least two answers files — give one file per clinic"]
    assert exc.shown() == ["clinic-ready: compare needs at least two answers files — give one file per clinic"]


def test_a_stop_keeps_its_blank_line_before_the_name():
    exc = Interrupted("\nstopped. Your 2 answers are saved in d.yaml. To continue, type:\n  clinic-ready run --resume")
    assert exc.shown() == [
        "\nclinic-ready: stopped. Your 2 answers are saved in d.yaml. To continue, type:\n  clinic-ready run --resume"
    ]
    assert with_program("\n\ninterrupted.") == "\n\nclinic-ready: interrupted."


def test_located_problems_are_shown_without_the_name():
    exc = InputError([problem("file_empty").located("a.yaml", 1, 1)])
    assert (
        exc.shown()
        == exc.lines()
        == ["a.yaml:1:1: the file is empty — write a YAML mapping into it (see docs/checklist-format.md)"]
    )
