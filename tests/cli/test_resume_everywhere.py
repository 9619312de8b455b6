"""Resume at any point equals an uninterrupted run: Ctrl-C at every question k, in process.

The real terminal (tests/cli/test_pty.py) interrupts at about ten chosen questions; here the same run goes
through the Typer app with the keyboard fed as lines, and Ctrl-C arrives as KeyboardInterrupt
from the keyboard reader when question k is asked, for every k.
"""

from __future__ import annotations

import json
import os

import pytest
from helpers import EXAMPLES, typed_keys
from typer.testing import CliRunner

from clinic_ready.app.interactive import asking
from clinic_ready.cli import app
from clinic_ready.core import engine
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist

CL = load_checklist(shipped()["ketamine-clinic"])
ANSWERS, _ = load_answers(EXAMPLES / "perry-like.yaml", CL)
ASKED = [i.question.id for i in engine.evaluate(CL, ANSWERS).items if i.state != "skipped"]


def keys_for(qid: str) -> str:
    return typed_keys(CL.questions[qid], ANSWERS.values[qid])


KEYS = [keys_for(qid) for qid in ASKED]
END = ["", ""]  # confirm the review; keep nothing (the end-of-run menu)
WHO = [""]  # who is answering (asked when no draft is resumed): the person


@pytest.fixture
def ctrl_c_when_input_ends(monkeypatch):
    """The keyboard reader raises KeyboardInterrupt (Ctrl-C) instead of EOFError once the typed
    lines run out: the run is interrupted exactly at the next question."""
    original = asking._reader

    def reader(console):
        read = original(console)

        def interrupting(prompt: str) -> str:
            try:
                return read(prompt)
            except EOFError:
                raise KeyboardInterrupt from None

        return interrupting

    monkeypatch.setattr(asking, "_reader", reader)


def run(out, typed: list[str], *extra: str):
    args = ["run", "ketamine-clinic", "--interactive", "--plain", "-f", "json", "-o", str(out), *extra]
    return CliRunner().invoke(app, args, input="\n".join(typed) + "\n" if typed else "")


CHUNKS = 4  # every k is checked; the ks are dealt into chunks so that test workers share them


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_resume_at_every_question_equals_an_uninterrupted_run(
    chunk, ctrl_c_when_input_ends, _isolated_state, tmp_path, monkeypatch
):
    # about 2,400 draft saves: flushing each to the disk is the real terminal test's business (test_pty)
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    whole = run(tmp_path / "whole.json", WHO + KEYS + END)
    assert whole.exit_code == 0, whole.output
    reference = json.loads((tmp_path / "whole.json").read_text())
    assert reference["verdict"]["code"] == "stop"
    draft = _isolated_state / "drafts" / "ketamine-clinic.yaml"
    for k in range(1 + chunk, len(ASKED) + 1, CHUNKS):
        out = tmp_path / f"o{k}.json"
        stopped = run(out, WHO + KEYS[: k - 1])
        assert stopped.exit_code == 130, (k, stopped.output)
        assert not out.exists(), k
        assert draft.exists() == (k > 1), k
        resumed = run(out, (WHO if k == 1 else []) + KEYS[k - 1 :] + END, "--resume")
        assert resumed.exit_code == 0, (k, resumed.output)
        assert json.loads(out.read_text()) == reference, f"interrupted at question {k}"
        assert not draft.exists(), k
