"""The December 2026 reliability review's reproductions (review-2026-12/reliability.md), with
variants: hostile input is exit 2 with a located line — never exit 3, a traceback, raw terminal
controls or unbounded work.  Every case runs the installed entry point as a process.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess

import pytest
from helpers import EXAMPLES, FIXTURES, cli_path, run_cli

LIMIT = 1536 * 1024 * 1024
MINI = FIXTURES / "mini.yaml"
PAYLOAD = "Acme\x1b]2;PWNED\x07 \x1b]52;c;UFdORUQ=\x1b\\ \x1b[2J\x1b[H \u009b5m \u202eRLO \x1bP1$r\x1b\\ \x08\x0c"
RAW = ("\x1b", "\x07", "\u009b", "\u202e", "\x08", "\x0c")


def limited():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run(*args: str, timeout: float = 30, env: dict | None = None, cwd=None):
    return subprocess.run(
        [cli_path(), *args],
        capture_output=True,
        timeout=timeout,
        preexec_fn=limited,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=cwd,
    )


def one_located_line(r, name: str) -> str:
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert err.startswith(name + ":"), err
    return err


# --------------------------------------------------------------------------- major 3: explicit tags
TAGGED = {
    "timestamp": "checklist: mini\nanswers: {monitored: 'yes', where: clinic, meds: [benzo], age: !!timestamp soon}\n",
    "bool": "checklist: mini\nanswers: {monitored: !!bool 'x', where: clinic, meds: [benzo]}\n",
    "set value": "checklist: mini\nanswers: {monitored: 'yes', where: clinic, meds: !!set [a]}\n",
    "set checklist": "checklist: !!set [a]\nanswers: {monitored: 'yes'}\n",
    "pairs": "checklist: mini\nanswers: {monitored: 'yes', meds: !!pairs [a: b]}\n",
    "omap": "checklist: mini\nanswers: !!omap [monitored: 'yes']\n",
    "binary": "checklist: mini\nanswers: {monitored: !!binary aGk=}\n",
    "local tag": "checklist: mini\nanswers: {monitored: !yes 'yes'}\n",
    "int hex": "checklist: mini\nanswers: {monitored: 'yes', where: clinic, meds: [benzo], age: !!int 0x1F}\n",
    "int base 60": "checklist: mini\nanswers: {monitored: 'yes', where: clinic, meds: [benzo], age: !!int 12:30}\n",
    "float base 60": "checklist: mini\nanswers: {monitored: 'yes', where: clinic, meds: [benzo], age: !!float 190:20:30.15}\n",
    "underflow": "checklist: mini\nanswers: {monitored: 'yes', where: clinic, meds: [benzo], age: 1e-400}\n",
}


@pytest.mark.parametrize("case", sorted(TAGGED))
def test_explicit_tags_are_one_located_line(tmp_path, case):
    f = tmp_path / "a.yaml"
    f.write_text(TAGGED[case])
    r = run("run", str(MINI), "-a", str(f), "-f", "json")
    err = one_located_line(r, str(f))
    assert err.count("\n") == 1
    assert r.stdout == b""


def test_tags_in_checklists_translations_and_fhir_files(tmp_path):
    """The same tags in every kind of YAML the tool reads: validate names each file, exit 2."""
    cl = tmp_path / "t.yaml"
    cl.write_text(MINI.read_text().replace("intro: A tiny checklist for tests.", "intro: !!timestamp soon"))
    fhir = tmp_path / "r.yaml"
    fhir.write_text("resourceType: QuestionnaireResponse\nquestionnaire: !!set [x]\nitem: []\n")
    r = run("validate", str(cl), str(fhir))
    err = r.stderr.decode()
    assert r.returncode == 2 and "internal error" not in err
    assert f"{cl}:7:8: the tag !!timestamp is not allowed" in err
    assert f"{fhir}:2:16: the tag !!set is not allowed" in err


def test_a_tag_in_a_translation_beside_a_checklist(tmp_path):
    (tmp_path / "t.yaml").write_text((FIXTURES / "i18n" / "mini.yaml").read_text())
    (tmp_path / "t.es.yaml").write_text(
        (FIXTURES / "i18n" / "mini.es.yaml").read_text().replace("format: 1", "format: !!int 0x1")
    )
    r = run("--lang", "es", "run", str(tmp_path / "t.yaml"), "-a", str(FIXTURES / "mini-answers.yaml"), "-f", "json")
    one_located_line(r, str(tmp_path / "t.es.yaml"))


# --------------------------------------------------------------------------- majors 1 and 4: aliases
def pairs_bomb(n: int, tag: str) -> str:
    parts = ["&a0 [x,x,x,x,x,x,x,x,x,x]"] + [f"&a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, n)]
    return f"checklist: ketamine-clinic\nanswers:\n  medicines: {tag}\n    - k: [" + ", ".join(parts) + "]\n"


@pytest.mark.parametrize("tag", ["!!pairs", "!!omap"])
def test_an_alias_bomb_inside_pairs_or_omap_is_refused_at_once(tmp_path, tag):
    """423 bytes needed about 24 GB (major 1); now one line, in well under the 1.5 GiB limit."""
    f = tmp_path / "bomb.yaml"
    f.write_text(pairs_bomb(8, tag))
    assert f.stat().st_size < 450
    r = run("run", "-a", str(f), "-f", "json", timeout=60)  # (memory: the 1.5 GiB limit; the old code needed ~24 GB)
    one_located_line(r, str(f))


def test_aliases_to_text_cannot_multiply_a_checklist(tmp_path):
    """Major 4: 2 MB of text used through 3,000 aliases needed more than 4 GB to validate."""
    big = "lorem ipsum " * 175_000
    uses = "".join("  - {item: *big, reason: *big}\n" for _ in range(1500))
    head = MINI.read_text().replace("notice: Not medical advice.", f'notice: &big "{big}"')
    f = tmp_path / "amp.yaml"
    f.write_text(head + "omitted:\n" + uses)
    r = run("validate", str(f), timeout=30)
    err = one_located_line(r, str(f))
    assert "aliases (*name) make the text longer than" in err


# --------------------------------------------------------------------------- major 2, minor 3: terminal controls
def payload_answers(tmp_path):
    f = tmp_path / "received.yaml"
    lines = (EXAMPLES / "well-run-clinic.yaml").read_text().splitlines()
    f.write_text(
        "\n".join(
            "  clinic_name: " + json.dumps(PAYLOAD) if line.startswith("  clinic_name:") else line for line in lines
        )
    )
    return f


def test_explain_text_never_writes_raw_controls(tmp_path):
    r = run("explain", "clinic_name", "-a", str(payload_answers(tmp_path)))
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr
    assert "Acme" in out and "␛]2;PWNED" in out
    assert not any(c in out for c in RAW)


def test_explain_of_a_concern_in_spanish_never_writes_raw_controls(tmp_path):
    """Prompts and titles come from the checklist and its translation."""
    (tmp_path / "t.yaml").write_text(
        (FIXTURES / "i18n" / "mini.yaml")
        .read_text()
        .replace("title: No blood pressure checks", "title: " + json.dumps("No BP " + PAYLOAD))
    )
    es = (FIXTURES / "i18n" / "mini.es.yaml").read_text()
    (tmp_path / "t.es.yaml").write_text(es)
    for lang in ("en", "es"):
        r = run("--lang", lang, "explain", "no_bp", str(tmp_path / "t.yaml"), "-a", str(FIXTURES / "mini-answers.yaml"))
        out = r.stdout.decode()
        assert r.returncode == 0, r.stderr
        assert not any(c in out for c in RAW), lang


def test_json_outputs_escape_c1_and_bidi_controls(tmp_path):
    """Minor 3: still valid JSON with the same data, but nothing a terminal obeys."""
    answers = payload_answers(tmp_path)
    outputs = {
        "run json": run("run", "-a", str(answers), "-f", "json"),
        "run fhir": run("run", "-a", str(answers), "-f", "fhir"),
        "explain json": run("explain", "clinic_name", "-a", str(answers), "-f", "json"),
    }
    for what, r in outputs.items():
        text = r.stdout.decode()
        assert r.returncode == 0, (what, r.stderr)
        assert "\u009b" not in text and "\u202e" not in text, what
        assert "\\u009b" in text and "\\u202e" in text, what
        assert any("\u009b5m \u202eRLO" in v for v in _strings(json.loads(text))), what  # the same data


def test_export_fhir_escapes_c1_and_bidi_from_a_checklist(tmp_path):
    cl = tmp_path / "t.yaml"
    cl.write_text(MINI.read_text().replace("title: Mini checklist", "title: " + json.dumps("Mini \u009b5m \u202e")))
    r = run("export", str(cl), "--fhir")
    text = r.stdout.decode()
    assert r.returncode == 0, r.stderr
    assert "\u009b" not in text and "\u202e" not in text
    assert "Mini \u009b5m \u202e" in _strings(json.loads(text))


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_selftest_never_writes_raw_controls(tmp_path):
    """`test` printed a checklist's version and example names raw."""
    text = (FIXTURES / "mini-examples.yaml").read_text()
    cl = tmp_path / "cl-ex.yaml"
    cl.write_text(text.replace('version: "1.0"', "version: " + json.dumps("1.0" + PAYLOAD), 1))
    r = run("test", str(cl))
    out = r.stdout.decode() + r.stderr.decode()
    assert r.returncode in (0, 1), out
    assert "PWNED" in out and not any(c in out for c in RAW)


# --------------------------------------------------------------------------- major 3 (FHIR), minor 2
def fhir_response(tmp_path) -> dict:
    r = run("run", "-a", str(EXAMPLES / "well-run-clinic.yaml"), "-f", "fhir")
    return json.loads(r.stdout)["entry"][0]["resource"]


@pytest.mark.parametrize("key", ["1", "null", "true", "[a]"])
def test_a_fhir_answer_with_a_key_that_is_not_text(tmp_path, key):
    resource_ = fhir_response(tmp_path)
    text = json.dumps(resource_, indent=2).replace(
        '"valueString": "Example Ketamine Clinic"', f'{key}: 1, "valueString": "Example Ketamine Clinic"', 1
    )
    f = tmp_path / "r.yaml"
    f.write_text(text)
    for args in (["run", "-a", str(f), "-f", "json"], ["validate", str(f)]):
        r = run(*args)
        err = r.stderr.decode()
        assert r.returncode == 2 and "internal error" not in err, err
        assert err.startswith(f"{f}:"), err


def test_fhir_duplicate_link_ids_are_refused(tmp_path):
    resource_ = fhir_response(tmp_path)
    section = resource_["item"][0]
    section["item"].append(json.loads(json.dumps(section["item"][0])))
    f = tmp_path / "r.json"
    f.write_text(json.dumps(resource_, indent=2))
    r = run("run", "-a", str(f), "-f", "json")
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "question 'clinic_name' is answered twice (first at item[0].item[0])" in err


def test_fhir_did_you_mean_is_capped(tmp_path, monkeypatch):
    """Minor 2: 100,000 unknown linkIds took 50 s, almost all of it in difflib; now at most as
    many suggestions as problems shown (in process: the count of difflib calls)."""
    import difflib

    from clinic_ready.errors import MAX_SHOWN, InputError
    from clinic_ready.io import answers as answers_mod
    from clinic_ready.io.catalog import shipped
    from clinic_ready.io.loading import load_checklist

    cl = load_checklist(shipped()["ketamine-clinic"])
    calls = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(1) or real(*a, **k))
    doc = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"urn:clinic-ready:questionnaire:ketamine-clinic|{cl.version}",
        "item": [{"linkId": f"z{n}", "answer": [{"valueString": "a"}]} for n in range(2000)],
    }
    text = json.dumps(doc)
    with pytest.raises(InputError) as exc:
        answers_mod.parse_answers(doc, cl, text, "r.json")
    assert len(exc.value.problems) == 2000
    assert len(calls) <= MAX_SHOWN


# --------------------------------------------------------------------------- major 8
def test_a_translations_unknown_also_cite_is_located(tmp_path):
    (tmp_path / "t.yaml").write_text((FIXTURES / "i18n" / "mini.yaml").read_text())
    es = (FIXTURES / "i18n" / "mini.es.yaml").read_text()
    assert "no_bp: [s1_es]" in es
    (tmp_path / "t.es.yaml").write_text(es.replace("no_bp: [s1_es]", "no_bp: [nonexistent]"))
    for lang in ("es", "en"):
        r = run(
            "--lang", "es", "run", str(tmp_path / "t.yaml"), "-a", str(FIXTURES / "mini-answers.yaml"), "-f", "json"
        )
        err = one_located_line(r, str(tmp_path / "t.es.yaml"))
        assert "also_cite.no_bp[0]" in err and "nonexistent" in err, lang


# --------------------------------------------------------------------------- minor 8: numbers
@pytest.mark.parametrize("value", ["0,500", "-0,250", "000,001", "0,5"])
def test_a_leading_zero_group_is_never_a_thousands_separator(value):
    r = run(
        "run",
        str(MINI),
        "--set",
        "monitored=yes",
        "--set",
        "where=clinic",
        "--set",
        "meds=benzo",
        "--set",
        f"age={value}",
        "-f",
        "json",
    )
    err = r.stderr.decode()
    assert r.returncode == 2, (value, r.stdout[:200])
    assert "comma as the decimal mark" in err


def test_numbers_in_answers_files_are_refused_with_a_hint(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: mini\nanswers: {monitored: 'yes', where: clinic, meds: [benzo], age: '000,001'}\n")
    r = run("run", str(MINI), "-a", str(f), "-f", "json")
    assert r.returncode == 2 and "comma as the decimal mark" in r.stderr.decode()


# --------------------------------------------------------------------------- major 3: drafts
def test_a_draft_holding_a_tag_is_set_aside(tmp_path):
    state = tmp_path / "state"
    drafts = state / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "ketamine-clinic.yaml").write_text("checklist: ketamine-clinic\nanswers: {clinic_name: !!set [a]}\n")
    for extra in ([], ["--fresh"]):
        r = run_cli(
            "run", "--interactive", "--plain", *extra, input="1\nq\n", env={"CLINIC_READY_STATE_DIR": str(state)}
        )
        assert r.returncode == 130, r.stderr
        assert "internal error" not in r.stderr
    kept = [p.name for p in drafts.iterdir() if ".unreadable-" in p.name]
    assert kept, list(drafts.iterdir())
    assert "could not be read" in r.stdout + r.stderr or kept


# --------------------------------------------------------------------------- major 6: separate drafts
def _draft_text(version: str, answers: str, when: str) -> str:
    return f"checklist: ketamine-clinic\nchecklist_version: '{version}'\nsaved_at: '{when}'\nrespondent: patient\nanswers: {answers}\n"


def test_a_separate_draft_is_listed_and_can_be_resumed(_isolated_state):
    """A run told to "start a separate draft" saved answers that --resume never offered."""
    from clinic_ready.io.catalog import shipped
    from clinic_ready.io.loading import load_checklist

    version = load_checklist(shipped()["ketamine-clinic"]).version
    folder = _isolated_state / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ketamine-clinic.yaml").write_text(
        _draft_text(version, "{clinic_name: Clinic A, reason: depression}", "2026-12-01T10:00:00+00:00")
    )
    (folder / "ketamine-clinic-2.yaml").write_text(
        _draft_text(version, "{clinic_name: Clinic B}", "2026-12-02T10:00:00+00:00")
    )
    r = run_cli("run", "--interactive", "--plain", "--resume", input="2\nq\n")
    assert r.returncode == 130, r.stderr
    assert "You have 2 saved drafts for this checklist:" in r.stdout
    assert "1. from 01 Dec 2026 10:00, 2 answers" in r.stdout and "2. from 02 Dec 2026 10:00, 1 answer" in r.stdout
    assert "ketamine-clinic-2.yaml" in r.stderr  # the stopped run names the draft it kept
    assert "Clinic B" in (folder / "ketamine-clinic-2.yaml").read_text()
    assert "Clinic A" in (folder / "ketamine-clinic.yaml").read_text()  # the other draft is untouched
    # the next run lists both again; 'n' starts afresh, and --fresh never asks
    again = run_cli("run", "--interactive", "--plain", input="n\n1\nq\n")
    assert "You have 2 saved drafts" in again.stdout and again.returncode == 130
    fresh = run_cli("run", "--interactive", "--plain", "--fresh", input="1\nq\n")
    assert "You have" not in fresh.stdout and fresh.returncode == 130


# --------------------------------------------------------------------------- minor 4: temporary files
def test_temporary_files_of_a_killed_save_are_removed_at_the_next_start(_isolated_state):
    folder = _isolated_state / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / ".ketamine-clinic.yaml.a1b2c3d4.tmp"
    left.write_text("checklist: ketamine-clinic\nanswers: {clinic_name: secret}\n")
    other = folder / ".other.yaml.a1b2c3d4.tmp"
    other.write_text("x")
    r = run_cli("run", "--interactive", "--plain", input="q\n")
    assert r.returncode == 130, r.stderr
    assert not left.exists()
    assert other.exists()  # another draft's file: only its own run removes it


@pytest.mark.parametrize("sig", ["SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGXCPU", "SIGVTALRM", "SIGPROF"])
def test_fatal_signals_during_an_atomic_write_leave_no_temporary_file(tmp_path, sig):
    """-o and drafts: the temporary file holds a whole report (or the answers) with mode 0600."""
    import sys
    import textwrap

    script = textwrap.dedent(f"""
        import os, signal, sys
        from clinic_ready.io import atomic as writing
        real = os.fsync
        def slow(fd):
            os.kill(os.getpid(), signal.{sig})
            real(fd)
        os.fsync = slow
        try:
            writing.write_atomic({str(tmp_path / "out.json")!r}, "{{}}")
        except KeyboardInterrupt:
            sys.exit(130)
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=30)
    assert r.returncode == 130, r.stderr
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- minor 5
@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_root_help_and_version_into_a_full_or_closed_output(flag):
    full = subprocess.run(f"{cli_path()} {flag} > /dev/full", shell=True, capture_output=True, text=True, timeout=30)
    closed = subprocess.run(f"{cli_path()} {flag} >&-", shell=True, capture_output=True, text=True, timeout=30)
    for r in (full, closed):
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert "No space left" in full.stderr and "standard output is closed" in closed.stderr


# --------------------------------------------------------------------------- minor 7: a pager that fails
@pytest.mark.parametrize("pager", ["false", "'", "sh -c 'exit 3'"])
def test_a_pager_that_fails_to_start_falls_back_to_printing(pager):
    pytest.importorskip("pexpect")
    from helpers import pty_finish, spawn_cli

    child = spawn_cli(
        ["run", "-a", str(EXAMPLES / "perry-like.yaml"), "--no-input", "--plain"], {"PAGER": pager}, rows=20
    )
    screen = pty_finish(child)
    assert child.exitstatus == 0
    assert "Questions to ask your clinic (32)" in screen and "Sources" in screen


# --------------------------------------------------------------------------- minor 10: the compare offer
def test_the_compare_offer_parses_only_files_that_name_this_checklist(tmp_path):
    """A file in the folder holding a tag ended a completed run with exit 3; one that names
    another checklist is never parsed at all (a bounded peek at its start)."""
    (tmp_path / "downloaded.yaml").write_text("checklist: mini\nanswers: {monitored: 'yes', meds: !!set [a]}\n")
    (tmp_path / "bomb.yaml").write_text(pairs_bomb(8, "!!pairs").replace("ketamine-clinic", "other"))
    (tmp_path / "friend.yaml").write_text("checklist: mini\nanswers: {monitored: 'no', meds: [benzo], where: clinic}\n")
    r = run_cli(
        "run", str(MINI), "--interactive", "--plain", "--no-draft", input="1\ny\n2\n1\n\n\n\n\n\n", cwd=tmp_path
    )
    assert "internal error" not in r.stderr
    assert r.returncode in (0, 1, 130), r.stderr
    assert "friend.yaml" in r.stdout and "downloaded.yaml" not in r.stdout


def test_the_peek_reads_only_the_start_of_a_file(tmp_path, monkeypatch):
    from clinic_ready.app.interactive import compare_offer

    f = tmp_path / "x.yaml"
    f.write_text("# notes\n" * 2000 + "checklist: mini\n")
    assert not compare_offer._names_checklist(f, "mini")
    f.write_text('{"checklist": "mini", "answers": {}}')
    assert compare_offer._names_checklist(f, "mini") and not compare_offer._names_checklist(f, "min")


# --------------------------------------------------------------------------- major 5: the blank form
def test_the_blank_forms_work_grows_with_the_checklist_not_questions_times_concerns(monkeypatch):
    """1,500 questions each with its own critical concern took 24 s (every concern evaluated for
    every option of every question); counted here as condition evaluations."""
    from clinic_ready.io.loading import parse_checklist
    from clinic_ready.render import views

    def checklist(n: int):
        qs = "".join(f"      - {{id: q{i}, type: yes_no, prompt: p{i}, help: h}}\n" for i in range(n))
        cs = "".join(
            f'  - {{id: c{i}, severity: critical, title: t{i}, when: {{question: q{i}, equals: "no"}}, why: w, ask: a, '
            f"action: x, sources: [s1]}}\n"
            for i in range(n)
        )
        head = MINI.read_text().split("sections:")[0].replace("id: mini", "id: quad")
        return parse_checklist(
            head + "sections:\n  - id: main\n    title: M\n    questions:\n" + qs + "concerns:\n" + cs, "q.yaml"
        )

    counts = {}
    for n in (50, 200):
        cl = checklist(n)
        calls = [0]
        for key, fn in list(cl.compiled.items()):

            def counted(ctx, fn=fn):
                calls[0] += 1  # noqa: B023
                return fn(ctx)

            cl.compiled[key] = counted
        signs = views.warning_signs(cl)
        assert signs == {f"q{i}": {"no"} for i in range(n)} or all("no" in v for v in signs.values())
        counts[n] = calls[0]
    assert counts[200] <= 4 * counts[50] + 10, counts


# --------------------------------------------------------------------------- minor 9
def test_answers_for_a_checklist_of_ones_own_get_a_hint_that_works(tmp_path):
    answers = FIXTURES / "mini-answers.yaml"
    r = run("run", "-a", str(answers))
    err = r.stderr.decode()
    assert r.returncode == 2
    assert "run them with 'clinic-ready run mini'" not in err
    assert f"'clinic-ready run CHECKLIST_FILE --answers {answers}'" in err
    works = run("run", str(MINI), "--answers", str(answers), "-f", "json")  # the hint, followed
    assert works.returncode == 0, works.stderr


def test_validate_takes_the_answers_file_first_too():
    r = run("validate", str(FIXTURES / "mini-answers.yaml"), str(MINI))
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr
    assert "valid answers for mini" in out and "valid checklist mini" in out
