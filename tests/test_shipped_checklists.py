"""The shipped checklists: they load, they cite, and their concerns behave."""

from __future__ import annotations

import pytest

from clinic_ready import catalog, engine
from clinic_ready.answers import load_answers
from clinic_ready.loading import load_checklist
from conftest import EXAMPLES

SHIPPED = catalog.shipped()


def test_checklists_are_installed_inside_the_package():
    assert "ketamine-clinic" in SHIPPED
    assert SHIPPED["ketamine-clinic"].parent.name == "checklists"


@pytest.mark.parametrize("cid", sorted(SHIPPED))
def test_every_concern_cites_a_source_with_a_url_or_publisher(cid):
    cl = load_checklist(SHIPPED[cid])
    assert cl.concerns
    for c in cl.concerns:
        assert c.sources, c.id
        for sid in c.sources:
            src = cl.source_by_id[sid]
            assert src.title and src.publisher and src.year
    assert cl.facts_as_of.year >= 2025
    assert "not" in cl.notice.lower() and "clinician" in cl.notice.lower()


def user_texts(cl):
    """Every text a user reads, except the titles of cited sources."""
    yield from (cl.title, cl.intro, cl.notice, cl.audience)
    for s in cl.sections:
        yield from (s.title, s.intro or "")
        for q in s.questions:
            yield from (q.prompt, q.help, *(c.label for c in q.choices or ()))
    for c in cl.concerns:
        yield from (c.title, c.why, c.ask, c.action)


@pytest.mark.parametrize("cid", sorted(SHIPPED))
def test_no_text_calls_anything_safe(cid):
    import re

    cl = load_checklist(SHIPPED[cid])
    offenders = [t for t in user_texts(cl) if re.search(r"\bsafe\b", t, re.IGNORECASE)]
    assert offenders == []


def test_perry_like_profile_raises_several_critical_concerns():
    cl = load_checklist(SHIPPED["ketamine-clinic"])
    answers, _ = load_answers(EXAMPLES / "perry-like.yaml", cl)
    r = engine.evaluate(cl, answers)
    critical = {f.concern.id for f in r.findings if f.concern.severity.value == "critical"}
    assert r.verdict.code == "stop"
    assert {
        "depressants_without_supervision",
        "heart_without_bp_checks",
        "ketamine_from_other_sources",
        "injections_at_home",
        "untrained_person_gives_dose",
        "alone_during_session",
        "near_water_or_stairs",
    } <= critical


def test_well_run_clinic_raises_no_critical_or_high_concern():
    cl = load_checklist(SHIPPED["ketamine-clinic"])
    answers, _ = load_answers(EXAMPLES / "well-run-clinic.yaml", cl)
    r = engine.evaluate(cl, answers)
    assert not [f.concern.id for f in r.findings if f.concern.severity.value in ("critical", "high")]
    assert r.verdict.code == "none"
