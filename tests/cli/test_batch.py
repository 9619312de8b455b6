"""`clinic-ready batch`: JSON Lines, one per file, bad files reported, exit codes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from clinic_ready.cli import app
from conftest import EXAMPLES, FIXTURES

runner = CliRunner()
PERRY, WELL = str(EXAMPLES / "perry-like.yaml"), str(EXAMPLES / "well-run-clinic.yaml")


def lines(r):
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_one_line_per_file_in_order():
    r = runner.invoke(app, ["batch", WELL, PERRY, WELL])
    assert r.exit_code == 0
    out = lines(r)
    assert [o["file"] for o in out] == [WELL, PERRY, WELL]
    assert [o["result"]["verdict"]["code"] for o in out] == ["none", "stop", "none"]
    single = runner.invoke(app, ["run", "-a", PERRY, "-f", "json"])
    assert out[1]["result"] == json.loads(single.stdout)  # the same document as --format json


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("checklist: ketamine-clinic\nanswers:\n  where: moon\n")
    r = runner.invoke(app, ["batch", PERRY, str(bad), str(tmp_path / "missing.yaml"), WELL])
    assert r.exit_code == 2
    out = lines(r)
    assert [o["ok"] for o in out] == [True, False, False, True]
    assert out[1]["errors"] == [f"{bad}:3:10: answers.where: the answer is not one of the choices — use one of: clinic, both, home, elsewhere"]
    assert "no such file" in out[2]["errors"][0]


def test_fail_on_over_all_files():
    assert runner.invoke(app, ["batch", WELL, PERRY, "--fail-on", "critical"]).exit_code == 1
    assert runner.invoke(app, ["batch", WELL, "--fail-on", "low"]).exit_code == 0


def test_forced_checklist(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: mini\nanswers:\n  monitored: no\n  meds: [none]\n  where: clinic\n")
    r = runner.invoke(app, ["batch", "--checklist", str(FIXTURES / "mini.yaml"), str(f)])
    assert r.exit_code == 0 and lines(r)[0]["result"]["concerns"][0]["id"] == "no_bp"
    r = runner.invoke(app, ["batch", "--checklist", "nonexistent-list", str(f)])
    assert r.exit_code == 2 and "no shipped checklist is called 'nonexistent-list'" in lines(r)[0]["errors"][0]
