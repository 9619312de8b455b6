"""A family member answering for someone, in a real pseudo-terminal through the installed entry
point: supporter intros, labels and hints at the prompt, the supporter's urgent screen, and a saved
report in supporter words."""

from __future__ import annotations

import json

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the real terminal (POSIX only)")

from helpers import FIXTURES, spawn_run_to_json  # noqa: E402

CHECKLIST = str(FIXTURES / "supporter" / "helper.yaml")
PROMPT = r"\(or \?, u, d, b, q[^)]*\): "
WHO = r"Type 1 or 2 \(Enter for 1\): "
STOP_PROMPT = "Type c to continue the questions, or s to stop here"


def test_a_supporter_is_addressed_as_who_they_are_from_prompt_to_report(tmp_path):
    out = tmp_path / "out.json"
    child = spawn_run_to_json(CHECKLIST, tmp_path / "state", out)
    child.expect(WHO)
    child.sendline("2")
    child.expect("Where they get ketamine changes what to ask.")
    child.expect("Where does the person you are helping take the doses?")
    child.expect(r'\("I" in the answers means them.\)')  # the hint: at the prompt only
    child.expect("At home, on their own")
    child.expect(PROMPT)
    child.sendline("2")
    child.expect("These questions are about the person you are helping.")
    child.expect(PROMPT)
    child.sendline("u")
    child.expect("is the person you are helping thinking about ending their life")
    child.expect(PROMPT)
    child.sendline("y")
    child.expect("Their safety comes first")
    child.expect(STOP_PROMPT)
    screen = child.before
    assert "Stay with them. Call or text 988 together" in screen
    assert "Move the ketamine and other medicines out of their reach." in screen
    assert "tell someone near you how you are feeling" not in screen
    child.sendline("c")
    child.expect("press Enter to confirm")
    child.sendline("")
    child.expect("press Enter to skip: ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    doc = json.loads(out.read_text())
    assert doc["respondent"] == "supporter" and doc["verdict"]["code"] == "urgent"
    assert doc["verdict"]["title"] == "Their safety comes first: get help now"
    assert "Stay with them" in doc["urgent"][0]["what_to_do_now"][0]
    assert [t["text"] for t in doc["supporter_tips"]][0] == "Stay with them at home until the effects wear off."
