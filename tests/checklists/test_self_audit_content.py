"""The clinic self-audit's content, judged as an accreditation surveyor would.

Severity follows the setting: IV or IM ketamine against anesthesia sedation standards, Spravato
against its REMS (ACLS and an AED are not REMS requirements), ketamine used at home against its
own rules.  Every concern must be able to fire and to stay silent, and must cite a primary source.
"""

from __future__ import annotations

import statistics
from urllib.parse import urlparse

import pytest
from helpers import EXAMPLES
from test_checklist_content import can_fire, can_stay_silent

from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers, Result
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist

AUDIT = load_checklist(shipped()["ketamine-clinic-self-audit"])
PATIENT = load_checklist(shipped()["ketamine-clinic"])
BASE, BASE_WARNINGS = load_answers(EXAMPLES / "self-audit-well-run.yaml", AUDIT)

INJECTABLE_ONLY = {"sedation_clinician", "capnography", "ecg_policy", "backup_power", "iv_infection_control"}
TREATMENT_ROOM = (
    {
        "prescriber_on_site",
        "acls_present",
        "bls_all_staff",
        "day_of_checks",
        "dea_registration_location",
        "secure_storage",
        "inventory",
        "ketamine_source",
        "dose_accounting",
        "loss_reporting",
        "disposal_records",
        "take_home",
    }
    | INJECTABLE_ONLY
    | {q.id for s in AUDIT.sections if s.id in ("monitoring", "emergency", "discharge") for q in s.questions}
)


def audit(**changes) -> Result:
    """The well-run example with some answers changed (None removes an answer)."""
    values = dict(BASE.values)
    for qid, raw in changes.items():
        assert qid in AUDIT.questions, qid
        if raw is None:
            values.pop(qid, None)
        elif raw in ("unsure", "declined"):
            values[qid] = Answer(raw)
        else:
            values[qid] = Answer.of(raw)
    return engine.evaluate(AUDIT, Answers(AUDIT.id, AUDIT.version, values))


def raised(result: Result, *severities: str) -> set[str]:
    wanted = severities or ("critical", "high", "moderate", "low")
    return {f.concern.id for f in result.findings if f.concern.severity.value in wanted}


def shown(result: Result) -> set[str]:
    return {i.question.id for i in result.items if i.state != "skipped"}


IV_ONLY = dict(offers_spravato="no", rems_certified=None, rems_reporting=None)
SPRAVATO_ONLY = dict(highest_route="nasal_or_oral_in_clinic", offers_spravato="yes")
HOME_ONLY = dict(
    highest_route="home_only",
    offers_spravato="no",
    take_home_safeguards="yes",
    dea_registration_patient_states="yes",
    compounding_pharmacy="yes",
    dispense_limits="yes",
    home_exclusions="yes",
    observed_first_dose="yes",
    missed_checkin="yes",
)

# name -> (answers changed from the well-run example, verdict, every concern raised above info)
PROFILES = {
    "well-run IV infusion clinic": (IV_ONLY, "none", set()),
    "well-run Spravato-only REMS clinic, BLS staff, no ACLS, no AED": (
        dict(SPRAVATO_ONLY, acls_present="no", defibrillator="no"),
        "ask",
        {"no_acls_in_clinic", "no_defibrillator_in_clinic"},
    ),
    "Spravato-only clinic without oxygen or emergency drugs": (
        dict(SPRAVATO_ONLY, resus_equipment="no", emergency_drugs="no"),
        "ask",
        {"limited_resus_equipment", "emergency_drugs_unchecked_in_clinic"},
    ),
    "IV clinic without capnography, defibrillator or ALS person": (
        dict(IV_ONLY, capnography="no", defibrillator="no", acls_present="no"),
        "stop",
        {"no_capnography_policy", "no_defibrillator_injectable", "no_acls_injectable"},
    ),
    "IV clinic without oxygen, suction or airway kit": (
        dict(IV_ONLY, resus_equipment="no"),
        "stop",
        {"no_resus_equipment"},
    ),
    "IV clinic where the nurse watching also runs the front desk": (
        dict(IV_ONLY, sedation_clinician="no"),
        "stop",
        {"no_sedation_clinician"},
    ),
    "IV clinic with the prescriber reachable but off site": (
        dict(IV_ONLY, prescriber_on_site="not_always"),
        "ask",
        {"prescriber_off_site"},
    ),
    "IV and Spravato clinic with the prescriber on site for Spravato sessions only": (
        dict(prescriber_on_site="spravato_sessions_only"),
        "ask",
        {"prescriber_off_site"},
    ),
    "Spravato sessions without a prescriber on site": (
        dict(prescriber_on_site="not_always"),
        "stop",
        {"spravato_prescriber_not_on_site"},
    ),
    "Spravato clinic not certified in the REMS": (dict(SPRAVATO_ONLY, rems_certified="no"), "stop", {"no_rems"}),
    "Spravato patients sometimes leave before 2 hours": (
        dict(observation_time="until_recovered"),
        "stop",
        {"spravato_under_two_hours"},
    ),
    "IV and Spravato clinic: Spravato 2 hours, IV patients leave when recovered": (
        dict(observation_time="recovered_spravato_two_hours"),
        "none",
        set(),
    ),
    "IV-only clinic discharging on recovery before 2 hours": (
        dict(IV_ONLY, observation_time="until_recovered"),
        "none",
        set(),
    ),
    "Spravato monitoring forms not sent": (dict(rems_reporting="no"), "discuss", {"rems_forms_missing"}),
    "second address without its own DEA registration": (
        dict(dea_registration_location="no"),
        "stop",
        {"no_dea_registration_here"},
    ),
    "nobody knows whether the address is registered": (
        dict(dea_registration_location="unsure"),
        "discuss",
        {"unverified_safeguards"},
    ),
    "controlled-substance housekeeping gaps": (
        dict(secure_storage="no", inventory="no", ketamine_source="no", loss_reporting="no", disposal_records="no"),
        "discuss",
        {
            "storage_not_secure",
            "no_inventory",
            "ketamine_source_unchecked",
            "loss_reporting_unknown",
            "disposal_not_documented",
        },
    ),
    "governance gaps": (
        dict(medical_director="no", policies_reviewed="no", credentials_tracked="no", scope_of_practice="no"),
        "discuss",
        {"no_medical_director", "policies_not_reviewed", "credentials_not_tracked", "scope_not_checked"},
    ),
    "IV work without aseptic technique": (dict(iv_infection_control="no"), "discuss", {"iv_infection_control_gaps"}),
    "drills once a year": (dict(drills="yearly"), "ask", {"drills_infrequent"}),
    "drills never": (dict(drills="rarely"), "discuss", {"no_drills"}),
    "no validated suicide screening": (dict(suicide_screen="no"), "discuss", {"no_suicide_screen"}),
    "positive screens not followed up, no crisis protocol": (
        dict(positive_screen_followup="no", crisis_protocol="no"),
        "discuss",
        {"no_positive_screen_followup", "no_crisis_protocol"},
    ),
    "diagnosis and past treatments not recorded": (
        dict(indication_documented="no"),
        "ask",
        {"indication_not_documented"},
    ),
    "no outcome measure and no stop rule": (
        dict(outcome_measures="no", stop_rule="no"),
        "discuss",
        {"no_outcome_measures", "no_stop_rule"},
    ),
    "adverse events not logged": (dict(adverse_event_log="no"), "discuss", {"no_adverse_event_log"}),
    "prepaid packages, unsupported ads": (
        dict(pricing_transparent="no", advertising_claims="no"),
        "ask",
        {"pricing_not_transparent", "unsupported_advertising"},
    ),
    "patients may drive themselves home": (dict(transport_rule="no"), "discuss", {"no_transport_rule"}),
    "well-run home-prescribing service": (HOME_ONLY, "none", set()),
    "home prescribing without safeguards": (
        dict(HOME_ONLY, take_home_safeguards="no"),
        "stop",
        {"take_home_without_safeguards"},
    ),
    "Spravato from a service with no treatment room": (
        dict(HOME_ONLY, offers_spravato="yes"),
        "stop",
        {"spravato_without_clinic_dosing"},
    ),
    "clinic sends nurses to give IM ketamine in hotels": (dict(home_injection="yes"), "stop", {"home_injections"}),
}


def test_the_well_run_example_loads_cleanly_and_raises_nothing():
    assert not BASE_WARNINGS
    r = engine.evaluate(AUDIT, BASE)
    assert r.findings == () and r.verdict.code == "none"
    assert r.not_assessed == ()
    assert r.ignored == ()  # every answer in the example is to a question that is asked


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_profiles(name):
    changes, verdict, expected = PROFILES[name]
    r = audit(**changes)
    assert raised(r) == expected, name
    assert r.verdict.code == verdict, name


def test_a_rems_compliant_spravato_clinic_is_never_stopped_for_missing_acls_or_aed():
    r = audit(**SPRAVATO_ONLY, acls_present="no", defibrillator="no", resus_equipment="no", emergency_drugs="no")
    assert raised(r, "critical", "high") == set()
    assert r.verdict.code != "stop"


def test_the_same_gaps_are_critical_when_ketamine_is_given_iv():
    r = audit(acls_present="no", defibrillator="no", resus_equipment="no", sedation_clinician="no")
    assert {
        "no_acls_injectable",
        "no_defibrillator_injectable",
        "no_resus_equipment",
        "no_sedation_clinician",
    } <= raised(r, "critical")


def test_a_first_audit_where_nobody_can_show_evidence_is_a_finding_not_a_stop():
    unsure = {qid: "unsure" for qid, q in AUDIT.questions.items() if qid != "highest_route"}
    r = audit(**unsure)
    assert raised(r) == {"unverified_safeguards"}
    assert r.verdict.code == "discuss"
    assert len(r.not_assessed) > 40


def test_a_home_service_that_cannot_confirm_its_safeguards_is_flagged():
    r = audit(**dict(HOME_ONLY, take_home_safeguards="unsure"))
    assert raised(r) == {"unverified_safeguards"}


def test_the_old_poorly_run_profile_still_stops():
    r = audit(
        pulse_oximetry="no", home_injection="yes", bp_protocol="unsure", take_home="yes", take_home_safeguards="no"
    )
    assert r.verdict.code == "stop"
    assert {"no_pulse_oximetry", "home_injections", "take_home_without_safeguards", "unverified_safeguards"} <= raised(
        r
    )


# --------------------------------------------------------------------------- questions follow the setting
def worst_case(**setting) -> Result:
    """Every question answered the worst way, for one setting."""
    values = {}
    for q in AUDIT.questions.values():
        if q.type == "yes_no":
            values[q.id] = Answer.of("yes" if q.id in ("home_injection", "take_home") else "no")
        elif q.type == "choice":
            values[q.id] = Answer.of(q.choice_values[-1])
    for qid, raw in setting.items():
        values[qid] = Answer.of(raw)
    return engine.evaluate(AUDIT, Answers(AUDIT.id, AUDIT.version, values))


def test_a_home_only_service_is_not_asked_treatment_room_questions():
    r = worst_case(highest_route="home_only", offers_spravato="no")
    assert shown(r) & TREATMENT_ROOM == set()
    assert "take_home_safeguards" in shown(r)
    assert "take_home_without_safeguards" in raised(r, "critical")


def test_a_spravato_only_clinic_is_not_asked_iv_questions_and_never_gets_iv_criticals():
    r = worst_case(highest_route="nasal_or_oral_in_clinic", offers_spravato="yes")
    assert shown(r) & INJECTABLE_ONLY == set()
    critical = raised(r, "critical")
    assert not {c for c in critical if "injectable" in c or c in ("no_resus_equipment", "no_sedation_clinician")}
    assert {"no_acls_in_clinic", "no_defibrillator_in_clinic", "limited_resus_equipment"} <= raised(r, "moderate")
    # what the REMS itself requires stays critical
    assert {"no_rems", "spravato_prescriber_not_on_site", "no_pulse_oximetry", "observation_short"} <= critical


def test_an_iv_clinic_is_asked_everything_but_the_spravato_items_when_it_gives_no_spravato():
    r = worst_case(highest_route="injectable", offers_spravato="no")
    assert INJECTABLE_ONLY | {"acls_present", "dea_registration_location"} <= shown(r)
    assert {"rems_certified", "rems_reporting"} & shown(r) == set()


def test_each_setting_variant_fires_for_one_setting_only():
    """Concerns that come in setting variants never fire together for one answer."""
    for setting in ("injectable", "nasal_or_oral_in_clinic"):
        r = worst_case(highest_route=setting, offers_spravato="yes")
        ids = raised(r)
        for pair in [
            ("no_acls_injectable", "no_acls_in_clinic"),
            ("no_bls_injectable", "no_bls_in_clinic"),
            ("no_resus_equipment", "limited_resus_equipment"),
            ("no_defibrillator_injectable", "no_defibrillator_in_clinic"),
            ("emergency_drugs_unchecked", "emergency_drugs_unchecked_in_clinic"),
            ("spravato_prescriber_not_on_site", "prescriber_off_site"),
        ]:
            assert len(ids & set(pair)) == 1, (setting, pair)


# --------------------------------------------------------------------------- every concern can fire and stay silent
@pytest.mark.parametrize("concern_id", [c.id for c in AUDIT.concerns])
def test_every_concern_can_fire_and_can_stay_silent(concern_id):
    concern = next(c for c in AUDIT.concerns if c.id == concern_id)
    assert can_fire(concern, AUDIT, BASE), f"{concern_id} can never fire"
    assert can_stay_silent(concern, AUDIT, BASE), f"{concern_id} fires for every answer"


# --------------------------------------------------------------------------- sources
# Hosts the clinical review marked secondary, unstable or off-topic: never a citation here.
DENIED_HOSTS = {
    "sit.mimsdev.com",
    "www.drugs.com",
    "drugs.com",
    "www.grunge.com",
    "grunge.com",
    "studylib.net",
    "rxreasoner.com",
    "www.rxreasoner.com",
    "medluna.com",
    "www.lopezpsychiatry.com",
    "www.mendeley.com",
    "pemcincinnati.com",
    "www.oncologynurseadvisor.com",
    "www.pediatrics.wisc.edu",
    "rcemlearning.org",
    "www.openanesthesia.org",
    "www.mwe.com",
    "www.nbclosangeles.com",
    "litmetric.com",
    "www.opioidrisk.com",
    "physician.pdr.net",
    "www.120ty.net",
    "pattonhc.com",
    "www.reliasmedia.com",
}
DENIED_SUFFIXES = (".blogspot.com",)
# Hosts of primary documents: the label, the regulator, the rule, the society's own page, a DOI.
PRIMARY_HOSTS = {
    "www.accessdata.fda.gov",
    "www.fda.gov",
    "dailymed.nlm.nih.gov",
    "www.ecfr.gov",
    "www.federalregister.gov",
    "www.govinfo.gov",
    "asahq.org",
    "www.asahq.org",
    "www.cdc.gov",
    "www.nimh.nih.gov",
    "doi.org",
    "pmc.ncbi.nlm.nih.gov",
    "www.jointcommission.org",
    "www.spravatorems.com",
    "www.ftc.gov",
    "988lifeline.org",
}


def _host(url: str) -> str:
    return urlparse(url).hostname or ""


def test_every_source_has_an_https_address_on_no_denied_host():
    for s in AUDIT.sources:
        assert s.url and s.url.startswith("https://"), s.id
        host = _host(s.url)
        assert host not in DENIED_HOSTS and not host.endswith(DENIED_SUFFIXES), (s.id, host)


def test_every_concern_cites_a_primary_source_that_resolves():
    for c in AUDIT.concerns:
        assert c.sources, c.id
        for sid in c.sources:
            assert sid in AUDIT.source_by_id, (c.id, sid)
        hosts = {_host(AUDIT.source_by_id[sid].url or "") for sid in c.sources}
        assert hosts & PRIMARY_HOSTS, (c.id, hosts)


def test_every_source_is_cited():
    cited = {sid for c in AUDIT.concerns for sid in c.sources} | {
        sid for q in AUDIT.questions.values() for sid in q.sources or ()
    }
    assert {s.id for s in AUDIT.sources} == cited


# Addresses of the 1.0 bibliography that the clinical review asked to replace (its section 5).
SUPERSEDED = {
    "https://www.janssenlabels.com/package-insert/product-monograph/prescribing-information/SPRAVATO-pi.pdf",
    "https://medluna.com/article/28249076",
    "https://www.openanesthesia.org/keywords/asa-standards-for-basic-anesthetic-monitoring",
    "https://www.pediatrics.wisc.edu/?p=40388",
    "http://pemcincinnati.com/blog/ketamine-cnotraindications/",
    "http://www.drugs.com/fda-alerts/1411-0.html",
    "https://www.mwe.com/insights/dea-telemedicine-flexibilities-for-controlled-substances-2026",
    None,  # S45 had no address at all
}


def test_the_two_bibliographies_agree_where_they_share_an_id():
    """Same id, same document, same address in both shipped checklists.

    The patient checklist may still carry an address the review asked to replace; once replaced,
    it must be the address used here.
    """
    for s in AUDIT.sources:
        other = PATIENT.source_by_id.get(s.id)
        if other is None or other.url == s.url:
            continue
        assert other.url in SUPERSEDED, (s.id, s.url, other.url)


def test_audit_only_documents_do_not_reuse_fact_sheet_ids():
    """A-numbers are the audit's own; S-numbers mean the fact sheet's documents."""
    for s in AUDIT.sources:
        assert s.id[0] in "SA" and s.id[1:].isdigit(), s.id


# --------------------------------------------------------------------------- time-sensitive facts
def test_the_telemedicine_exception_is_dated():
    text = " ".join(
        [
            AUDIT.questions["in_person_evaluation"].help,
            next(c.why for c in AUDIT.concerns if c.id == "no_in_person_evaluation"),
        ]
    )
    assert "until at least 31 December 2026" in text and "extended" in text
    assert AUDIT.version == "1.3.0" and AUDIT.facts_as_of.isoformat() >= "2026-11-01"


# --------------------------------------------------------------------------- language
def test_staff_texts_are_readable():
    textstat = pytest.importorskip("textstat")
    questions = [textstat.flesch_kincaid_grade(t) for q in AUDIT.questions.values() for t in (q.prompt, q.help)]
    concerns = [textstat.flesch_kincaid_grade(t) for c in AUDIT.concerns for t in (c.title, c.why, c.ask, c.action)]
    assert statistics.median(questions) <= 9 and max(questions) <= 12
    assert statistics.median(concerns) <= 9 and max(concerns) <= 14


def test_concerns_say_what_to_fix():
    for c in AUDIT.concerns:
        assert c.ask.endswith("?"), c.id
        assert c.action[0].isupper() and c.action.endswith("."), c.id


def test_directives_to_stop_are_kept_for_critical_concerns():
    for c in AUDIT.concerns:
        if c.action.startswith("Stop"):
            assert c.severity.value == "critical", c.id
