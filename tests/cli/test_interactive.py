"""`clinic-ready run` at the keyboard, through CliRunner (input fed as lines)."""

from __future__ import annotations

import json
import stat

from helpers import FIXTURES
from typer.testing import CliRunner

from clinic_ready.cli import app

runner = CliRunner()
MINI = str(FIXTURES / "mini.yaml")


def mini_draft():
    from clinic_ready.io import drafts

    return drafts.draft_path(drafts.draft_key("mini", MINI))


def invoke(*args, input=""):
    return runner.invoke(app, ["run", MINI, "--interactive", "--plain", *args], input=input)


def test_full_run_shows_summary_and_removes_the_draft(_isolated_state, tmp_path):
    saved = tmp_path / "answers.yaml"
    r = invoke(input=f"\nn\n3\n1\n40\n\n1\n{saved}\n")
    assert r.exit_code == 0, r.output
    assert "Welcome" not in r.stdout and "About 4–5 questions" in r.stdout
    assert "VERDICT: Stop: resolve the critical concerns before any dose" in r.stdout
    assert f"Saved your answers in {saved}" in " ".join(r.stdout.split())  # the sentence wraps at words
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert not (mini_draft()).exists()
    again = runner.invoke(app, ["run", MINI, "--answers", str(saved), "-f", "json"])
    assert json.loads(again.stdout)["verdict"]["code"] == "stop"


def test_quit_keeps_the_draft_and_resume_continues(_isolated_state):
    r = invoke(input="\nn\nq\n")
    assert r.exit_code == 130
    draft = mini_draft()
    assert draft.exists()
    assert f"Your 1 answer is saved in {draft}. To continue, type:" in r.stderr
    assert f" run {MINI} --resume" in r.stderr
    r = invoke("--resume", input="1\n1\n30\n\n\n")
    assert r.exit_code == 0, r.output
    assert "Is your blood pressure checked?" not in r.stdout.split("Review your answers")[0]
    assert "No blood pressure checks" in r.stdout  # the resumed 'no' still counts
    assert not draft.exists()


def test_resume_is_offered_and_fresh_starts_over(_isolated_state):
    invoke(input="\nn\nq\n")
    r = invoke(input="y\n1\n1\n30\n\n\n")
    flat = " ".join(r.stdout.split())
    assert "You have a saved draft from" in flat and "with 1 answer. Resume it? [Y/n]" in flat
    assert r.exit_code == 0
    invoke(input="\nn\nq\n")
    r = invoke("--fresh", input="\ny\n3\n1\n30\n\n\n")
    assert r.exit_code == 0
    assert "No blood pressure checks" not in r.stdout


def test_eof_leaves_the_draft_and_exits_130(_isolated_state):
    r = invoke(input="\nn\n3\n")
    assert r.exit_code == 130
    assert "Your 2 answers are saved" in r.stderr
    assert "Traceback" not in r.output


def test_no_draft_saves_nothing(_isolated_state):
    r = invoke("--no-draft", input="\nn\nq\n")
    assert r.exit_code == 130
    assert "Drafts are off (--no-draft)" in r.stderr
    assert not (_isolated_state / "drafts").exists()


def test_partial_answers_file_asks_only_the_missing(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: mini\nanswers:\n  monitored: yes\n  meds: [none]\n")
    r = runner.invoke(app, ["run", MINI, "-a", str(f), "--interactive", "--plain"], input="\n1\n25\n\n\n")
    assert r.exit_code == 0, r.output
    assert "About 2–3 questions" in r.stdout  # "alone" opens only if "where" is answered home (or unsure)


def test_no_terminal_never_prompts():
    r = runner.invoke(app, ["run", MINI], input="y\n")
    assert r.exit_code == 2
    assert "--answers" in r.stderr


def test_an_unwritable_draft_folder_is_told_once_and_the_run_goes_on(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLINIC_READY_STATE_DIR", str(blocker / "state"))
    r = invoke(input="\nn\n3\n1\n40\n\n\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.count("your answers cannot be saved as a draft") == 1
    assert "Your answers are not saved until the end." in r.stdout
    assert "VERDICT:" in r.stdout


def test_an_unreadable_draft_is_kept_aside_and_named(_isolated_state):
    draft = mini_draft()
    draft.parent.mkdir(parents=True)
    draft.write_bytes(b"checklist: mini\nanswers: [unclosed\n")
    r = invoke(input="\nn\n3\n1\n40\n\n\n")
    assert r.exit_code == 0, r.output
    kept = [p for p in draft.parent.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"checklist: mini\nanswers: [unclosed\n"
    assert f"itwaskeptas{kept[0]}" in "".join(r.stdout.split())  # named (the line may wrap)


def test_a_skipped_optional_question_is_not_asked_again_on_resume(_isolated_state):
    r = invoke(input="\nn\n3\n1\n\nq\n")  # age (optional) skipped with Enter, then quit at the review
    assert r.exit_code == 130
    r = invoke("--resume", input="\n\n")
    assert r.exit_code == 0, r.output
    assert "How old are you?" not in r.stdout.split("Review your answers")[0]
