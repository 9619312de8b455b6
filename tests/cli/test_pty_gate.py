"""Enter at an opt-in gate, in a real pseudo-terminal through the installed entry point: it means
no, the questions behind it are not opened, and the saved answers say so."""

from __future__ import annotations

import json
import os

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")

from helpers import FIXTURES, cli_path  # noqa: E402

PROMPT = r"\(or \?, u, d, b, q[^)]*\): "


def test_enter_at_an_opt_in_gate_means_no(tmp_path):
    out = tmp_path / "out.json"
    env = {**os.environ, "CLINIC_READY_STATE_DIR": str(tmp_path / "state"), "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(
        cli_path(),
        ["run", str(FIXTURES / "gate.yaml"), "-f", "json", "-o", str(out)],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(60, 200),
    )
    child.delaybeforesend = None
    child.expect(r"Type 1 or 2 \(Enter for 1\): ")
    child.sendline("")
    child.expect(PROMPT)
    child.sendline("y")
    child.expect("Would you like to answer 2 optional questions about drinking?")
    child.expect(r"or Enter for No\): ")
    child.sendline("")
    child.expect("Skipped: counted as “No”.")
    child.expect(r"Will someone drive you home\?")  # the next question: the gate did not open
    assert "Do you drink most days" not in child.before
    child.expect(PROMPT)
    child.sendline("y")
    child.expect("press Enter to confirm")
    child.sendline("")
    child.expect("press Enter to skip: ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    doc = json.loads(out.read_text())
    assert doc["verdict"]["code"] == "none" and doc["could_apply"] == []
    assert next(a for a in doc["answers"] if a["id"] == "more")["value"] == "no"
