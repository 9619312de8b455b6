"""The shipped checklists: they load, they cite, and their concerns behave."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES

from clinic_ready.core import engine
from clinic_ready.core.model import Severity
from clinic_ready.io import catalog
from clinic_ready.io.answers import load_answers
from clinic_ready.io.loading import load_checklist

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
            yield from (q.prompt_supporter or "", q.help_supporter or "")
    for c in cl.concerns:
        yield from (c.title, c.why, c.ask, c.action)
    yield from (t.text for t in cl.supporter_tips)


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
        "injectable_outside_clinic",
        "dose_frequency_daily",
        "ketamine_from_other_sources",
        "injections_at_home",
        "untrained_person_gives_dose",
        "alone_during_session",
        "near_water_or_stairs",
    } <= critical


def test_perry_like_profile_is_not_flooded_with_clinic_room_concerns():
    """Every dose is at home: clinic equipment and staffing are not asked, so they do not pile up (M16)."""
    cl = load_checklist(SHIPPED["ketamine-clinic"])
    answers, _ = load_answers(EXAMPLES / "perry-like.yaml", cl)
    r = engine.evaluate(cl, answers)
    ids = {f.concern.id for f in r.findings}
    assert not ids & {"no_emergency_equipment", "no_life_support_training", "no_blood_pressure_checks", "no_ride_home"}
    assert r.count(Severity.critical) <= 10


def test_well_run_clinic_raises_no_critical_or_high_concern():
    cl = load_checklist(SHIPPED["ketamine-clinic"])
    answers, _ = load_answers(EXAMPLES / "well-run-clinic.yaml", cl)
    r = engine.evaluate(cl, answers)
    assert not [f.concern.id for f in r.findings if f.concern.severity.value in ("critical", "high")]
    assert r.verdict.code == "none"


# --------------------------------------------------------------------------- sources
from urllib.parse import urlsplit  # noqa: E402

import yaml  # noqa: E402

#: hosts that are never a source: copies, staging servers, entertainment and aggregator sites
DENIED_HOSTS = (
    "blogspot.",
    "grunge.com",
    "studylib.net",
    "mimsdev.com",
    "staging.",
    "sit.",
    "dev.",
    "medluna.com",
    "litmetric.com",
    "mendeley.com",
    "scribd.com",
    "opioidrisk.com",
    "pemcincinnati.com",
    "drugs.com",
    "nbclosangeles.com",
    "cp24.com",
    "rxreasoner.com",
    "lopezpsychiatry.com",
    "120ty.net",
    "fdocuments.net",
)
#: hosts of primary documents: labels, regulators, rules, societies' own pages, papers by DOI or PubMed
PRIMARY_HOSTS = (
    "fda.gov",
    "nih.gov",
    "doi.org",
    "govinfo.gov",
    "federalregister.gov",
    "dea.gov",
    "justice.gov",
    "asahq.org",
    "who.int",
    "samhsa.gov",
    "988lifeline.org",
    "spravatorems.com",
    "lacounty.gov",
    "hrsa.gov",
)


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def test_deny_list_and_primary_list_recognise_hosts():
    assert any(d in _host("https://utahaddictionfellowships.blogspot.com/x") for d in DENIED_HOSTS)
    assert any(d in _host("https://sit.mimsdev.com/philippines") for d in DENIED_HOSTS)
    assert _host("https://dailymed.nlm.nih.gov/dailymed/x").endswith(PRIMARY_HOSTS)
    assert not _host("https://www.grunge.com/x").endswith(PRIMARY_HOSTS)


def test_patient_checklist_sources_are_not_on_the_deny_list():
    cl = load_checklist(SHIPPED["ketamine-clinic"])
    bad = [(s.id, s.url) for s in cl.sources if s.url and any(d in _host(s.url) for d in DENIED_HOSTS)]
    assert bad == []


def test_every_patient_concern_cites_a_primary_source():
    cl = load_checklist(SHIPPED["ketamine-clinic"])
    missing = [
        c.id
        for c in cl.concerns
        if not any(_host(cl.source_by_id[s].url or "").endswith(PRIMARY_HOSTS) for s in c.sources)
    ]
    assert missing == []


def test_dea_telemedicine_end_date_and_review_date_are_stated():
    cl = load_checklist(SHIPPED["ketamine-clinic"])
    assert "31 December 2026" in cl.questions["in_person_eval"].help
    assert cl.review_by is not None and cl.review_by.isoformat() == "2026-12-31"
    assert cl.version == "1.3.0" and cl.funding and cl.maintainers and cl.reviewed_by and cl.balance
    assert "1.3.0" in " ".join(cl.reviewed_by)


def _texts(cl):
    for q in cl.questions.values():
        yield f"{q.id}.help", q.help
        yield f"{q.id}.help_supporter", q.help_supporter or ""
    for c in cl.concerns:
        for field in ("title", "why", "ask", "action"):
            yield f"{c.id}.{field}", getattr(c, field)


@pytest.mark.parametrize("name", ["ketamine-clinic", "ketamine-clinic-self-audit"])
def test_the_telemedicine_date_is_worded_to_stay_true_after_it(name):
    """90 FR 61301 runs to 31 December 2026 unless extended: every text naming the date says both."""
    cl = load_checklist(SHIPPED[name])
    dated = {k: " ".join(t.split()) for k, t in _texts(cl) if "31 December 2026" in t}
    assert dated, "the date is gone"
    for key, text in dated.items():
        assert "until at least 31 December 2026" in text and "extended" in text, key


# --------------------------------------------------------------------------- YAML 1.1 / 1.2 agreement
BOOLISH = {"yes", "no", "on", "off", "y", "n"}


def unquoted_boolish(path) -> list[tuple[int, str]]:
    """Plain (unquoted) yes/no/on/off scalars: YAML 1.1 reads them as booleans, YAML 1.2 as strings."""
    with open(path, encoding="utf-8") as fh:
        return [
            (t.start_mark.line + 1, t.value)
            for t in yaml.scan(fh)
            if isinstance(t, yaml.ScalarToken) and t.plain and t.value.lower() in BOOLISH
        ]


def test_the_boolish_check_finds_an_unquoted_value(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text('a: yes\nb: "no"\nc: [on, "off"]\n')
    assert unquoted_boolish(f) == [(1, "yes"), (3, "on")]


@pytest.mark.parametrize("name", ["ketamine-clinic", "ketamine-clinic-self-audit"])
def test_checklist_quotes_every_yes_no_on_off_value(name):
    assert unquoted_boolish(SHIPPED[name]) == []


@pytest.mark.parametrize("name", ["well-run-clinic.yaml", "perry-like.yaml"])
def test_examples_quote_every_yes_no_value(name):
    assert unquoted_boolish(EXAMPLES / name) == []
