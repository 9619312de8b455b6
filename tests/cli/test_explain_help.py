"""`explain` is easy to use: every example in its --help works as printed, an unknown id gets a
did-you-mean and the way to list ids, and `explain --list` shows the ids with their titles."""

from __future__ import annotations

import shlex

from helpers import FIXTURES, run_cli

ROOT = FIXTURES.parent.parent


def test_every_help_example_works_as_printed():
    help_text = run_cli("explain", "--help").stdout
    examples = [ln.strip() for ln in help_text.splitlines() if ln.strip().startswith("clinic-ready explain")]
    assert len(examples) >= 3
    for line in examples:
        done = run_cli(*shlex.split(line)[1:], cwd=ROOT)
        assert done.returncode == 0, (line, done.stderr)
        assert done.stdout.strip()


def test_list_shows_ids_with_titles():
    out = run_cli("explain", "--list").stdout
    assert (
        "  heart_without_bp_checks  [critical] Heart or blood vessel disease, or high blood pressure, with no blood "
        in out
    )
    assert "Questions:" in out and "  bp_checked  " in out
    audit = run_cli("explain", "--list", "ketamine-clinic-self-audit").stdout
    assert audit.startswith("Concerns in ketamine-clinic-self-audit")


def test_an_unknown_id_gets_did_you_mean_and_the_list_command():
    done = run_cli("explain", "heart_without_bp_check", "--answers", str(ROOT / "examples" / "perry-like.yaml"))
    assert done.returncode == 2
    assert "(did you mean 'heart_without_bp_checks'?)" in done.stderr
    assert "clinic-ready explain --list ketamine-clinic" in done.stderr
    bare = run_cli("explain")
    assert bare.returncode == 2 and "explain --list" in bare.stderr
