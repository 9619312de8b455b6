"""Checklist self-tests (`examples:`) and `clinic-ready test`, through the installed entry point."""

from __future__ import annotations

import pytest
from helpers import FIXTURES, invoke_cli, run_cli

from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist

EXAMPLES_FIXTURE = FIXTURES / "mini-examples.yaml"


def test_passing_examples_exit_0_with_a_pass_line_each():
    r = invoke_cli("test", str(EXAMPLES_FIXTURE))
    assert r.returncode == 0, r.stderr
    assert "  PASS  well run" in r.stdout and "  PASS  alone at home" in r.stdout
    assert "2 passed, 0 failed" in r.stdout


def test_a_failing_example_exits_1_and_shows_what_differed(tmp_path):
    text = (
        EXAMPLES_FIXTURE.read_text()
        .replace("verdict: discuss", "verdict: stop")
        .replace("raised: [home_alone]", "raised: [no_bp]")
    )
    path = tmp_path / "fail.yaml"
    path.write_text(text)
    r = run_cli("test", str(path))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert "  PASS  well run" in lines
    fail = next(n for n, line in enumerate(lines) if line.startswith("  FAIL  alone at home"))
    assert f"{path}:" in lines[fail]  # located: file and line of the example
    assert lines[fail + 1].split() == ["verdict", "expected", "stop,", "got", "discuss"]
    assert lines[fail + 2].split() == ["no_bp", "expected", "raised,", "got", "not", "raised"]
    assert "1 passed, 1 failed" in r.stdout


@pytest.mark.parametrize(
    "change, located",
    [
        (("raised: [home_alone]", "raised: [home_alon]"), "examples[1].raised[0]: no concern has the id 'home_alon'"),
        (("based_on: well run", "based_on: wel run"), "examples[1].based_on: no earlier example is called 'wel run'"),
        (
            ("where: home, alone: yes", "where: moon, alone: yes"),
            "examples[1].answers.where: the answer is not one of the choices — use one of: clinic, home",
        ),
        (("skipped: [alone]", "skipped: [alon]"), "examples[0].skipped[0]: no question has the id 'alon'"),
        (
            ("not_raised: [no_bp]", "not_raised: [no_bp]\n    raised: [no_bp]"),
            "examples[0].not_raised[0]: 'no_bp' is listed under both",
        ),
        (("name: alone at home", "name: well run"), "examples[1].name: two examples are called 'well run'"),
    ],
)
def test_validate_and_test_locate_bad_example_ids(tmp_path, change, located):
    path = tmp_path / "bad.yaml"
    path.write_text(EXAMPLES_FIXTURE.read_text().replace(*change))
    for command in ("validate", "test"):
        r = invoke_cli(command, str(path))
        assert r.returncode == 2, (command, r.stdout)
        line = next(x for x in r.stderr.splitlines() if located in x)
        assert line.startswith(f"{path}:") and line.split(":")[1].isdigit()


def test_a_checklist_without_examples_says_so():
    r = invoke_cli("test", str(FIXTURES / "mini.yaml"))
    assert r.returncode == 0
    assert "no examples to run" in r.stdout


def test_bad_input_wins_over_a_failure(tmp_path):
    r = invoke_cli("test", str(tmp_path / "missing.yaml"), str(EXAMPLES_FIXTURE))
    assert r.returncode == 2
    assert "PASS  well run" in r.stdout


@pytest.mark.parametrize("checklist_id", sorted(shipped()))
def test_every_shipped_checklist_passes_its_own_examples(checklist_id):
    """The shipped content carries its own self-tests (the clinical profiles a clinician would expect)."""
    examples = load_checklist(shipped()[checklist_id]).examples
    assert len(examples) >= 20
    assert any(e.could_apply for e in examples) and {"stop", "none"} <= {e.verdict for e in examples}
    r = invoke_cli("test", checklist_id)
    assert r.returncode == 0, r.stdout + r.stderr
    for example in examples:
        assert f"  PASS  {example.name}" in r.stdout.splitlines()
    assert f"  {len(examples)} passed, 0 failed" in r.stdout.splitlines()


@pytest.mark.parametrize("checklist_id", sorted(shipped()))
def test_a_broken_example_in_a_shipped_checklist_fails_with_the_difference(tmp_path, checklist_id):
    """Expecting the well-run profile to stop must fail (exit 1) and say what happened instead."""
    text = shipped()[checklist_id].read_text()
    head, examples = text.split("\nexamples:\n")
    first_verdict = "\n  verdict: none\n"
    assert first_verdict in examples
    path = tmp_path / f"{checklist_id}.yaml"
    path.write_text(head + "\nexamples:\n" + examples.replace(first_verdict, "\n  verdict: stop\n", 1))
    name = load_checklist(path).examples[0].name
    r = invoke_cli("test", str(path))
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert any(x.startswith(f"  FAIL  {name}  (") for x in lines), r.stdout
    assert "verdict  expected stop, got none" in r.stdout
    assert f"  {len(load_checklist(path).examples) - 1} passed, 1 failed" in lines
