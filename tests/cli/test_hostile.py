"""Bad input never crashes, hangs or eats memory: every class, for checklists and answers files.

Each case runs the installed entry point with a 1.5 GiB address-space limit and a time limit, and
must end with exit 2 and clear lines on stderr that name the file — never a traceback.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess

import pytest
from helpers import EXAMPLES, FIXTURES, cli_path

LIMIT = 1536 * 1024 * 1024
GOOD_ANSWERS = (EXAMPLES / "well-run-clinic.yaml").read_text()
GOOD_CHECKLIST = (FIXTURES / "mini.yaml").read_text()


def limited():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run(args: list[str], stdin: bytes | None = None, timeout: float = 30):
    return subprocess.run(
        [cli_path(), *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        preexec_fn=limited,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )


def bomb() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        text += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return text


CASES = {
    "empty": (b"", "the file is empty"),
    "whitespace": (b"  \n\n\t \n", "the file is empty"),
    "binary": (bytes(range(256)) * 4, "looks like binary data"),
    "invalid utf-8": (b"checklist: ketamine-clinic\nanswers:\n  where: cl\xe9nic\n", "not valid UTF-8"),
    "yaml syntax": (b"checklist: [ketamine-clinic\nanswers: {}\n", "YAML syntax error"),
    "top-level list": (b"- checklist: ketamine-clinic\n", "the top level is a list, not a mapping"),
    "top-level scalar": (b"just some words\n", "the top level is a single value, not a mapping"),
    "python tag": (b"checklist: !!python/object/apply:os.system ['echo pwned']\n", "is not allowed"),
    "alias bomb": (bomb().encode(), "an alias (*name) refers to a list or mapping"),
    "deep nesting": (b"checklist: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nesting is deeper than 64 levels"),
    "too large": (
        b"checklist: ketamine-clinic\nnotes: '" + b"x" * (5 * 1024 * 1024 + 10) + b"'\n",
        "the limit is 5242880 bytes",
    ),
    "duplicate keys": (
        b"checklist: ketamine-clinic\nanswers:\n  where: clinic\n  where: home\n",
        "duplicate key 'where' (also on line 3)",
    ),
}
ANSWER_CASES = {
    "wrong types": ("checklist: ketamine-clinic\nanswers:\n  where: [clinic]\n  medicines: 3\n", "expected one choice"),
    "unknown ids": ("checklist: ketamine-clinic\nanswers:\n  bp_chekced: yes\n", "did you mean 'bp_checked'?"),
    "unknown choice": (
        "checklist: ketamine-clinic\nanswers:\n  where: moon\n",
        "the answer is not one of the choices — use one of: clinic, both, home, elsewhere",
    ),
    "another checklist": (
        "checklist: dental-clinic\nanswers: {}\n",
        "these answers are for checklist 'dental-clinic', not 'ketamine-clinic'",
    ),
    "answers not a mapping": (
        "checklist: ketamine-clinic\nanswers: [1, 2]\n",
        "expected a mapping of question id to answer",
    ),
}


def check_failure(r, name: str, needle: str) -> None:
    err = r.stderr.decode()
    assert r.returncode == 2, (r.returncode, err[-500:])
    assert "Traceback" not in err and "Error:" not in err.split(" — ")[0][:20]
    assert needle in err, err[:500]
    assert all(line.startswith(name) for line in err.splitlines()), err[:500]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_answers_files(tmp_path, case):
    data, needle = CASES[case]
    f = tmp_path / "answers.yaml"
    f.write_bytes(data)
    check_failure(run(["run", "-a", str(f), "-f", "json"]), str(f), needle)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_checklists(tmp_path, case):
    data, needle = CASES[case]
    f = tmp_path / "checklist.yaml"
    f.write_bytes(data)
    check_failure(run(["validate", str(f)]), str(f), needle)


@pytest.mark.parametrize("case", ["binary", "alias bomb", "deep nesting", "too large", "invalid utf-8"])
def test_bad_input_on_standard_input(case):
    data, needle = CASES[case]
    check_failure(run(["run", "-a", "-", "-f", "json"], stdin=data), "<stdin>", needle)
    check_failure(run(["validate", "-"], stdin=data), "<stdin>", needle)


@pytest.mark.parametrize("case", sorted(ANSWER_CASES))
def test_answers_that_do_not_fit(tmp_path, case):
    text, needle = ANSWER_CASES[case]
    f = tmp_path / "answers.yaml"
    f.write_text(text)
    check_failure(run(["run", "-a", str(f), "-f", "json"]), str(f), needle)


def test_out_of_range_number(tmp_path):
    f = tmp_path / "answers.yaml"
    f.write_text("checklist: mini\nanswers:\n  monitored: no\n  meds: [none]\n  where: clinic\n  age: 999\n")
    check_failure(
        run(["run", str(FIXTURES / "mini.yaml"), "-a", str(f)]),
        str(f),
        "the number is out of range — give a number from 0 to 120 years",
    )


def test_directory_and_missing_file(tmp_path):
    check_failure(run(["run", "-a", str(tmp_path)]), str(tmp_path), "this is a directory, not a file")
    check_failure(run(["run", "-a", str(tmp_path / "nope.yaml")]), str(tmp_path / "nope.yaml"), "no such file")
    check_failure(run(["validate", str(tmp_path)]), str(tmp_path), "this is a directory, not a file")


def test_bom_and_json_simply_work(tmp_path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD_ANSWERS.encode())
    assert run(["run", "-a", str(bom), "-f", "json"]).returncode == 0
    from clinic_ready.io import yamlio

    as_json = tmp_path / "answers.json"
    as_json.write_text(json.dumps(yamlio.parse(GOOD_ANSWERS, "x")))
    r = run(["run", "-a", str(as_json), "-f", "json"])
    assert r.returncode == 0, r.stderr
    checklist_json = tmp_path / "c.json"
    checklist_json.write_text(json.dumps(yamlio.parse(GOOD_CHECKLIST, "x")))
    assert run(["validate", str(checklist_json)]).returncode == 0
    bom_checklist = tmp_path / "bom-checklist.yaml"
    bom_checklist.write_bytes(b"\xef\xbb\xbf" + GOOD_CHECKLIST.encode())
    assert run(["validate", str(bom_checklist)]).returncode == 0


def test_checklist_schema_errors_through_the_cli(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text(GOOD_CHECKLIST.replace("type: yes_no", "type: 7", 1).replace("year: 2024", "year: soon"))
    check_failure(run(["validate", str(f)]), str(f), "'7' is not allowed — use one of: yes_no, choice")
