"""Answering for someone else: every shipped question reads right to a supporter.

A supporter is a family member or friend answering for the person considering treatment (the
patient checklist), or a colleague or consultant answering for a clinic (the self-audit). Each
shipped question has a ``prompt_supporter`` in the third person, a ``help_supporter`` wherever the
help speaks to the patient about their own body, medicines or care, and each checklist has
``supporter_tips``: what a supporter can do, each fact cited.
"""

from __future__ import annotations

import re
import statistics

import pytest

from clinic_ready.io import catalog
from clinic_ready.io.loading import load_checklist

SHIPPED = catalog.shipped()
PATIENT = load_checklist(SHIPPED["ketamine-clinic"])
AUDIT = load_checklist(SHIPPED["ketamine-clinic-self-audit"])
BOTH = [("ketamine-clinic", PATIENT), ("ketamine-clinic-self-audit", AUDIT)]
QUESTIONS = [(cid, q) for cid, cl in BOTH for q in cl.questions.values()]

# Who a supporter's prompt is about: the person they help, or the clinic they answer for.
SUBJECT = {"ketamine-clinic": "the person you are helping", "ketamine-clinic-self-audit": "the clinic"}

# Patient-checklist prompts that rightly speak to the supporter as "you" (beyond "the person you
# are helping" and "you or the person you are helping"): reviewed one by one.
ADDRESS_THE_SUPPORTER = {
    "after_hours": "can the person, or you, reach the clinic after hours",
    "do_self_check": "would you like to answer questions about the person's alcohol and drug use",
    "family_help": "questions about what you, the supporter, can do",
    "family_watch": "do you, the supporter, know what to watch for",
    "family_crisis": "do you, the supporter, know what to do in a crisis",
}

# Helps that say "you"/"your" but speak to whoever is answering, not about the patient's own body,
# medicines or care: they read right to a supporter as they are.
HELP_FITS_ANYONE = {
    "clinic_name": "the name is printed at the top of your report (the report is the reader's)",
    "family_help": "you can skip this part",
}

# "your ..." that may appear in a supporter's help: it is the supporter's own.
SUPPORTER_OWN = {"your answer", "your part"}

SAFE = re.compile(r"\bsafe(ly|r|st)?\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(I|me|my|myself)\b")


def _words(text: str) -> str:
    return " ".join(text.split())


def _about_the_patient(text: str) -> bool:
    return re.search(r"\b(you|your|yours|yourself)\b", text, re.IGNORECASE) is not None


# --------------------------------------------------------------------------- prompts
@pytest.mark.parametrize("cid,q", QUESTIONS, ids=[f"{c}:{q.id}" for c, q in QUESTIONS])
def test_every_shipped_question_has_a_supporter_prompt(cid, q):
    assert q.prompt_supporter and q.prompt_supporter.strip(), "no prompt_supporter"
    assert _words(q.prompt_supporter) != _words(q.prompt), "prompt_supporter repeats the prompt"
    assert SUBJECT[cid] in q.prompt_supporter, f"prompt_supporter does not name {SUBJECT[cid]!r}"
    assert not re.search(r"\b(your|yours|yourself)\b", q.prompt_supporter, re.IGNORECASE), (
        "prompt_supporter speaks to the patient ('your')"
    )
    assert q.prompt_for("supporter") == q.prompt_supporter and q.prompt_for("patient") == q.prompt


@pytest.mark.parametrize("q", list(PATIENT.questions.values()), ids=list(PATIENT.questions))
def test_patient_checklist_supporter_prompts_do_not_speak_to_the_patient(q):
    rest = q.prompt_supporter.replace("you or the person you are helping", "").replace("the person you are helping", "")
    if q.id in ADDRESS_THE_SUPPORTER:
        assert re.search(r"\byou\b", rest), f"{q.id} is listed as speaking to the supporter, but does not"
    else:
        assert not re.search(r"\byou\b", rest, re.IGNORECASE), f"{q.id}: 'you' left over: {q.prompt_supporter}"


def test_the_exception_lists_name_real_questions():
    assert set(ADDRESS_THE_SUPPORTER) <= set(PATIENT.questions)
    assert set(HELP_FITS_ANYONE) <= set(PATIENT.questions)


@pytest.mark.parametrize("q", [q for q in PATIENT.questions.values() if q.choices], ids=lambda q: q.id)
def test_first_person_choice_labels_have_a_supporter_label(q):
    """A label in the patient's words ("I take it myself") has a supporter form ("They take it
    themselves") in the third person, so no report needs a hint about who "I" is."""
    for c in q.choices:
        if FIRST_PERSON.findall(c.label):
            assert c.label_supporter, f"{q.id}.{c.value}: '{c.label}' has no label_supporter"
            assert not FIRST_PERSON.findall(c.label_supporter.replace("I or another adult", "")), (q.id, c.value)
    assert "in the answers mean" not in q.prompt_supporter.lower()


# --------------------------------------------------------------------------- help
@pytest.mark.parametrize("q", list(PATIENT.questions.values()), ids=list(PATIENT.questions))
def test_help_that_speaks_to_the_patient_has_a_supporter_version(q):
    if q.id in HELP_FITS_ANYONE:
        assert q.help_supporter is None, f"{q.id} is listed as fitting anyone but has a help_supporter"
        return
    if _about_the_patient(q.help):
        assert q.help_supporter, f"{q.id}: the help speaks to the patient ({q.help!r}) but has no help_supporter"
    if q.help_supporter:
        assert _words(q.help_supporter) != _words(q.help)
        assert q.help_for("supporter") == q.help_supporter and q.help_for("patient") == q.help
        owned = {m.lower() for m in re.findall(r"\byour \w+", q.help_supporter, re.IGNORECASE)}
        assert owned <= SUPPORTER_OWN, f"{q.id}: help_supporter says {sorted(owned - SUPPORTER_OWN)}"
        assert not re.search(r"\byourself\b", q.help_supporter)
    else:
        assert q.help_for("supporter") == q.help


def test_self_audit_help_fits_anyone_answering_for_the_clinic():
    for q in AUDIT.questions.values():
        assert not _about_the_patient(q.help) or q.help_supporter, q.id


def test_supporter_help_keeps_the_numbers_of_the_patient_help():
    """Same facts: every number, phone number and date in the help survives in the supporter's help."""
    for q in PATIENT.questions.values():
        if q.help_supporter:
            assert re.findall(r"\d[\d,./-]*", q.help) == re.findall(r"\d[\d,./-]*", q.help_supporter), q.id


# --------------------------------------------------------------------------- tips
@pytest.mark.parametrize("cid,cl", BOTH, ids=[c for c, _ in BOTH])
def test_supporter_tips_are_few_plain_and_cited(cid, cl):
    tips = cl.supporter_tips
    assert 4 <= len(tips) <= 8
    assert len({_words(t.text) for t in tips}) == len(tips), "a tip is repeated"
    for t in tips:
        assert t.text.strip() and t.text.strip()[0].isupper() and t.text.strip().endswith("."), t.text
        for sid in t.sources:
            assert sid in cl.source_by_id, f"tip cites unknown source {sid}: {t.text[:40]}"
    cited = [t for t in tips if t.sources]
    assert len(cited) >= len(tips) - 1, "tips that state facts must cite their sources"


def test_patient_tips_cover_what_a_supporter_can_do():
    text = " ".join(_words(t.text) for t in PATIENT.supporter_tips)
    for needle in (
        "first session",
        "Drive them home",
        "until the next day",
        "stay with them",
        "trouble breathing",
        "chest pain",
        "severe headache",
        "confusion",
        "thoughts of suicide",
        "988",
        "911",
        "naloxone",
        "list of every medicine",
        "questions to ask",
    ):
        assert needle.lower() in text.lower(), f"no tip mentions {needle!r}"


def test_driving_tip_follows_the_spravato_label():
    """The label (S3, 17): no driving or machinery until the next day after a restful sleep."""
    tip = next(t for t in PATIENT.supporter_tips if "drive" in t.text.lower())
    assert "S3" in tip.sources
    assert "until the next day, after a good night's sleep" in _words(tip.text)


def test_naloxone_tip_says_it_does_not_reverse_ketamine():
    tip = next(t for t in PATIENT.supporter_tips if "naloxone" in t.text.lower())
    assert "not ketamine" in tip.text and "911" in tip.text and "S48" in tip.sources


# --------------------------------------------------------------------------- language
def _supporter_texts(cl):
    for q in cl.questions.values():
        yield f"{q.id}.prompt_supporter", q.prompt_supporter
        if q.help_supporter:
            yield f"{q.id}.help_supporter", q.help_supporter
    for n, t in enumerate(cl.supporter_tips):
        yield f"tip {n + 1}", t.text


@pytest.mark.parametrize("cid,cl", BOTH, ids=[c for c, _ in BOTH])
def test_supporter_texts_never_call_anything_safe(cid, cl):
    assert [k for k, t in _supporter_texts(cl) if SAFE.search(t)] == []


# The patient checklist is written for about grade 6; the self-audit for staff. Flesch-Kincaid
# medians, measured on 1.2.0: patient prompts+help 5.5, as a supporter reads them 6.4 (tips 5.8);
# self-audit 8.4 and 8.7 (tips 6.6).
GRADE = {"ketamine-clinic": 7, "ketamine-clinic-self-audit": 9}


@pytest.mark.parametrize("cid,cl", BOTH, ids=[c for c, _ in BOTH])
def test_supporter_texts_are_plain_language(cid, cl):
    """What a supporter reads (prompt and help) is as plain as what the patient or staff read."""
    textstat = pytest.importorskip("textstat")
    fk = textstat.flesch_kincaid_grade
    read = {
        f"{q.id}.{part}": fk(getattr(q, f"{part}_for")("supporter"))
        for q in cl.questions.values()
        for part in ("prompt", "help")
    }
    assert statistics.median(read.values()) <= GRADE[cid]
    assert {k: g for k, g in read.items() if g > 12} == {}
    tips = [fk(t.text) for t in cl.supporter_tips]
    assert statistics.median(tips) <= GRADE[cid] and max(tips) <= 12


# --------------------------------------------------------------------------- layout
@pytest.mark.parametrize("cid", sorted(SUBJECT))
def test_supporter_prompt_sits_right_under_the_prompt_in_the_file(cid):
    """Reviewers and translators read the two versions side by side."""
    lines = SHIPPED[cid].read_text(encoding="utf-8").splitlines()
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a.lstrip().startswith("prompt:")]
    assert len(pairs) == len(load_checklist(SHIPPED[cid]).questions)
    for a, b in pairs:
        assert b.lstrip().startswith("prompt_supporter:"), a
        assert len(a) - len(a.lstrip()) == len(b) - len(b.lstrip()), b


# --------------------------------------------------------------------------- validation
def test_validate_accepts_supporter_fields_and_names_a_tip_citing_an_unknown_source(tmp_path):
    """Someone else's checklist: supporter wording is optional, but a tip's citation must exist."""
    from helpers import FIXTURES, run_cli

    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        prompt: Will you be alone?\n",
        "        prompt: Will you be alone?\n        prompt_supporter: Will the person you are helping be alone?\n",
    )
    good = tmp_path / "good.yaml"
    good.write_text(
        text + "supporter_tips:\n  - {text: Stay with them after a dose., sources: [s1]}\n", encoding="utf-8"
    )
    r = run_cli("validate", str(good))
    assert r.returncode == 0, r.stdout + r.stderr

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text + "supporter_tips:\n  - {text: Stay with them after a dose., sources: [s2]}\n", encoding="utf-8"
    )
    r = run_cli("validate", str(bad))
    assert r.returncode == 2
    line = len(text.splitlines()) + 2
    assert f"bad.yaml:{line}:" in r.stderr and "supporter_tips[0].sources[0]" in r.stderr and "s2" in r.stderr, r.stderr


def test_a_supporters_report_asks_the_open_questions_as_the_supporter_read_them():
    """Answered by a supporter, the open answers behind could-apply concerns ("Questions to ask",
    "Depends on", "Because …") are the questions as the supporter read them ("Has the person you
    are helping been given ketamine to take home?"), never "Have you been given …?", in every
    format."""
    from clinic_ready.core import engine
    from clinic_ready.core.model import Answer, Answers
    from clinic_ready.render import html, markdown, terminal

    unsure = {q: Answer("unsure") for q in PATIENT.questions}
    result = engine.evaluate(PATIENT, Answers(PATIENT.id, PATIENT.version, unsure, respondent="supporter"))
    opened = [i for i in result.ask_list if i.question_id]
    assert len(opened) >= 5
    for item in opened:
        q = PATIENT.questions[item.question_id]
        assert item.text == _words(q.report_prompt("supporter")), item.question_id  # without the prompt's hint
    home = _words(PATIENT.questions["take_home_supply"].prompt_for("supporter"))
    assert "person you are helping" in home and any(i.text == home for i in opened)
    patient_voice = _words(PATIENT.questions["take_home_supply"].prompt)
    for render in (markdown.render, html.render, lambda r: terminal.render(r, width=100)):
        shown = _words(render(result))
        assert "person you are helping" in shown and patient_voice not in shown, render
