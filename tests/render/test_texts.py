"""First steps can be read alone: printed without their concern's title, a step never says "it",
"this", "these" or "them" with nothing it refers to; a sentence is never given twice."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

from clinic_ready.core import engine
from clinic_ready.core.model import Answers
from clinic_ready.io.loading import load_checklist, parse_checklist
from clinic_ready.render import texts

ROOT = FIXTURES.parent.parent
SHIPPED = [ROOT / "checklists" / "ketamine-clinic.yaml", ROOT / "checklists" / "ketamine-clinic-self-audit.yaml"]


def _reads_alone(step: str, concern) -> bool:
    """No word that needs a referent, unless the step names its concern first (its referent)."""
    return not texts.needs_referent(step) or step.startswith(concern.title.rstrip(".") + ":")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_concern_of_the_shipped_checklists_gives_a_step_that_reads_alone(path):
    cl = load_checklist(path)
    for c in cl.concerns:
        for who in ("patient", "supporter"):
            step = texts.step_text(c, who)
            assert _reads_alone(step, c), (c.id, who, step)
        if c.first_step:  # an author's own first step must read alone as written
            assert not texts.needs_referent(c.first_step), (c.id, c.first_step)


def test_the_exemplary_spravato_patient_is_never_told_to_ask_about_it():
    """clinical N11 (p02): '2. Ask about it at your first visit.'"""
    doc = json.loads(
        run_cli(
            "run",
            "-a",
            str(FIXTURES / "saved-1.2.0" / "well-run-clinic.yaml"),
            "--no-input",
            "-f",
            "json",
            "--set",
            "equipment=no",
            "--set",
            "als_trained=no",
        ).stdout
    )
    for step in doc["first_steps"]:
        assert not step["text"].startswith("Ask about it"), step


def test_a_first_step_of_its_own_wins_and_a_sentence_is_given_once():
    text = (FIXTURES / "mini.yaml").read_text()
    text = text.replace(
        "    action: Have a sober adult present.\n",
        "    action: Do not go ahead without checks. Have a sober adult present.\n",
    )
    text = text.replace(
        "    action: Tell the prescriber.\n",
        "    action: Tell them.\n    first_step: Tell the prescriber about any opioid you take.\n",
    )
    cl = parse_checklist(text)
    from clinic_ready.io.answers import apply_sets

    answers = Answers(cl.id)
    apply_sets(answers, cl, ["monitored=no", "where=home", "alone=yes", "meds=opioid"])
    steps = [t for t, _c in texts.first_steps(engine.evaluate(cl, answers))]
    assert steps == [
        "Do not go ahead without checks.",
        "Have a sober adult present.",
        "Tell the prescriber about any opioid you take.",
    ]


def test_a_step_that_needs_a_referent_is_given_its_title():
    cl = parse_checklist(
        (FIXTURES / "mini.yaml").read_text().replace("action: Tell the prescriber.", "action: Ask about it.")
    )
    answers = Answers(cl.id)
    from clinic_ready.io.answers import apply_sets

    apply_sets(answers, cl, ["monitored=yes", "where=clinic", "meds=opioid"])
    assert [t for t, _c in texts.first_steps(engine.evaluate(cl, answers))] == ["Opioid use: Ask about it."]


def test_a_pronoun_with_its_plural_noun_in_the_sentence_reads_alone():
    assert not texts.needs_referent(
        "Do not stop prescribed medicines on your own; plan any change with the prescriber who gives them."
    )
    assert texts.needs_referent("Ask about it at your first visit.")
    assert texts.needs_referent("Do not take ketamine outside a monitored clinic while you use these.")
