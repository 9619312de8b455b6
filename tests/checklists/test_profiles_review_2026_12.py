"""Profiles from the December 2026 clinical review (N1–N12 and the minors), as a clinician states them.

The reviewer's own answers files are used as written (f1–f7, p02, p05, p15), and each finding has
variants of our own. Each test says what a patient-safety pharmacist, an anaesthesiologist or a
psychiatrist would expect the checklist to raise, and what it must not.
"""

from __future__ import annotations

import pytest

from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import texts

CL = load_checklist(shipped()["ketamine-clinic"])


def answers(**values) -> Answers:
    out = {}
    for qid, raw in values.items():
        out[qid] = Answer(raw) if raw in ("unsure", "declined") else Answer.of(raw)
    return Answers(CL.id, CL.version, out)


def result(**values):
    return engine.evaluate(CL, answers(**values))


def raised(r, *severities) -> set[str]:
    return {f.concern.id for f in r.findings if not severities or f.concern.severity.value in severities}


def could(r) -> set[str]:
    return {p.concern.id for p in r.could_apply}


# The reviewer's shared answers (every file below starts from these).
COMMON = dict(
    reason="depression",
    age_band="age_25_64",
    prescriber_licensed="yes",
    in_person_eval="yes",
    driving="no",
    dose_frequency="starting_course",
    long_term_checks="yes",
    after_hours="yes",
    sud_history="never",
    treatment_plan="yes",
    doses_on_request="no",
    other_sources="no",
    cravings="no",
    medicines=["none"],
    alcohol="no",
    street_drugs=["none"],
    conditions=["none"],
    pregnancy="not_applicable",
    bladder="no",
    suicidal_thoughts="no",
    told_approval_status="yes",
    written_risks="yes",
    plan_and_cost_told="yes",
    prepaid_package="no",
    disclosed_history="yes",
    coordination="yes",
    integration_support="yes",
    family_help="no",
    do_self_check="no",
)
HOME_OK = dict(
    sober_adult="yes", water_plan="yes", home_monitoring="yes", remote_check="yes", storage="yes", misuse_checks="yes"
)
CLINIC_OK = dict(
    prescriber_on_site="yes",
    bp_checked="yes",
    oxygen_monitored="yes",
    observation_period="two_hours_plus",
    ride_home="yes",
    equipment="yes",
    als_trained="yes",
    emergency_plan="yes",
)
IV_CLINIC = dict(
    COMMON,
    product="iv",
    where="clinic",
    who_gives="doctor",
    dose_level_explained="yes",
    take_home_supply="no",
    injection_at_home="no",
    **CLINIC_OK,
)
SPRAVATO_CLINIC = dict(
    COMMON,
    product="spravato",
    where="clinic",
    rems_certified="yes",
    spravato_home="no",
    monitoring_told="yes",
    take_home_supply="no",
    **CLINIC_OK,
)


# --------------------------------------------------------------------------- N1
@pytest.mark.parametrize(
    "name, extra",
    [
        ("f1: Spravato at home", dict(where="home", take_home_supply="yes", spravato_home="no", **HOME_OK)),
        (
            "x02: Spravato at the clinic and at home",
            dict(where="both", take_home_supply="yes", home_form=["spravato"], **HOME_OK),
        ),
        ("x01: Spravato sent home with the patient", dict(take_home_supply="yes", home_form=["spravato"], **HOME_OK)),
        ("Spravato somewhere else, such as a hotel", dict(where="elsewhere", take_home_supply="no", **HOME_OK)),
    ],
)
def test_n1_spravato_outside_the_certified_clinic_is_a_stop_whether_or_not_anyone_offered_it(name, extra):
    values = dict(SPRAVATO_CLINIC, **extra)
    if values["where"] != "clinic":
        for q in CLINIC_OK:
            values.pop(q, None)
    r = result(**values)
    assert "spravato_at_home" in raised(r, "critical"), name
    assert r.verdict.code == "stop", name
    c = next(f.concern for f in r.findings if f.concern.id == "spravato_at_home")
    assert "at least 2 hours" in c.why and "certified" in c.why and "REMS" in c.why


def test_n1_a_compliant_spravato_clinic_still_raises_nothing():
    r = result(**SPRAVATO_CLINIC)
    assert r.verdict.code == "none" and "spravato_at_home" not in raised(r)


# --------------------------------------------------------------------------- N2
F2_CRPS = dict(
    IV_CLINIC,
    reason="pain",
    pain_specialist="yes",
    observation_period="until_recovered",
    dose_frequency="daily_course",
    medicines=["opioid", "gabapentinoid"],
)


def test_n2_a_five_day_crps_infusion_course_is_not_a_stop_and_sends_nobody_to_an_addiction_line():
    r = result(**F2_CRPS)
    assert "dose_frequency_daily" not in raised(r)
    assert "daily_pain_course" in raised(r, "moderate")
    assert r.verdict.code == "discuss"  # the opioid and gabapentin, at a monitored clinic: high, not critical
    texts = " ".join(f"{f.concern.why} {f.concern.action}" for f in r.findings)
    assert "1-800-662-4357" not in texts and "evidence looks like this" not in texts
    c = next(f.concern for f in r.findings if f.concern.id == "daily_pain_course")
    assert "how many days" in c.why and "S52" in c.sources


def test_n2_on_demand_use_is_still_critical_and_not_stigmatising():
    r = result(**dict(IV_CLINIC, dose_frequency="on_demand"))
    assert "dose_frequency_daily" in raised(r, "critical")
    c = next(f.concern for f in r.findings if f.concern.id == "dose_frequency_daily")
    assert "refuse" not in c.why and "No treatment plan" not in c.why


def test_n2_a_daily_clinic_course_for_depression_is_more_than_usual_but_not_a_stop():
    r = result(**dict(IV_CLINIC, dose_frequency="daily_course"))
    assert raised(r, "critical", "high") == {"dose_frequency_high"} and r.verdict.code == "discuss"


def test_p15b_prescribed_daily_oral_ketamine_at_home_with_an_opioid_stops_for_the_real_reasons():
    values = dict(
        COMMON,
        reason="pain",
        pain_specialist="yes",
        product="oral_compounded",
        where="home",
        who_gives="self_alone",
        dose_level_explained="yes",
        dose_frequency="daily_course",
        take_home_supply="yes",
        injection_at_home="no",
        medicines=["opioid"],
        **dict(HOME_OK, sober_adult="no"),
    )
    r = result(**values)
    assert {"depressants_without_supervision", "alone_during_session"} <= raised(r, "critical")
    assert "dose_frequency_daily" not in raised(r)


# --------------------------------------------------------------------------- N3
F3 = dict(IV_CLINIC, where="both", take_home_supply="yes", home_form=["oral_compounded"], **HOME_OK)


def test_n3_iv_at_the_clinic_plus_lozenges_at_home_raises_the_home_supply_not_a_false_iv_critical():
    r = result(**F3)
    assert "injectable_outside_clinic" not in raised(r)
    assert "compounded_at_home" in raised(r, "high")
    assert r.verdict.code == "discuss"


def test_n3_injections_at_home_beside_clinic_infusions_are_still_critical():
    r = result(**dict(F3, home_form=["injection"], injection_at_home="yes"))
    assert {"injectable_outside_clinic", "injections_at_home"} <= raised(r, "critical")


def test_n3_p07_methadone_and_clonazepam_with_iv_plus_home_lozenges_stop_for_breathing_only():
    r = result(**dict(F3, medicines=["opioid", "benzodiazepine"]))
    assert "depressants_without_supervision" in raised(r, "critical")
    assert "injectable_outside_clinic" not in raised(r)


def test_n3_the_home_form_question_is_asked_only_for_mixed_regimens():
    def asked(values):
        return {i.question.id for i in engine.evaluate(CL, answers(**values)).items if i.state != "skipped"}

    assert "home_form" in asked(F3)
    assert "home_form" not in asked(IV_CLINIC)
    assert "home_form" not in asked(
        dict(COMMON, product="oral_compounded", where="home", take_home_supply="yes", **HOME_OK)
    )


# --------------------------------------------------------------------------- N5
F6 = dict(SPRAVATO_CLINIC, age_band="age_65_plus", dose_frequency="not_started", conditions=["high_blood_pressure"])


def test_n5_unsure_whether_blood_pressure_is_controlled_means_find_out_first_not_stop():
    r = result(**dict(F6, bp_controlled="unsure"))
    assert r.verdict.code == "held"
    assert "high_blood_pressure_uncontrolled" in could(r)
    assert not raised(r, "critical")


def test_n5_usually_above_140_90_is_high_with_the_product_aware_benefit_risk_text():
    r = result(**dict(F6, bp_controlled="no", bp_very_high="no"))
    assert raised(r, "critical", "high") == {"high_blood_pressure_above_target"} and r.verdict.code == "discuss"
    c = next(f.concern for f in r.findings if f.concern.id == "high_blood_pressure_above_target")
    assert "140/90" in c.why and "Spravato" in c.why and "weigh" in c.why


def test_n5_very_high_or_above_the_clinics_hold_limit_is_critical():
    r = result(**dict(F6, bp_controlled="no", bp_very_high="yes"))
    assert "high_blood_pressure_uncontrolled" in raised(r, "critical") and r.verdict.code == "stop"
    assert "high_blood_pressure_above_target" not in raised(r)


def test_n5_above_140_with_the_peak_unknown_is_high_and_held_at_critical():
    r = result(**dict(F6, bp_controlled="no", bp_very_high="unsure"))
    assert "high_blood_pressure_above_target" in raised(r, "high")
    assert r.verdict.code == "discuss" and r.verdict.held_at == "critical"


# --------------------------------------------------------------------------- N6
F5 = dict(
    COMMON,
    product="oral_compounded",
    where="home",
    age_band="age_65_plus",
    in_person_eval="no",
    who_gives="self_alone",
    dose_level_explained="yes",
    take_home_supply="yes",
    injection_at_home="no",
    conditions=["heart_disease", "stroke"],
    **dict(HOME_OK, home_monitoring="no"),
)


def test_n6_heart_disease_and_a_past_stroke_dosing_at_home_without_blood_pressure_checks_is_a_stop():
    r = result(**F5)
    assert "heart_without_bp_checks" in raised(r, "critical") and r.verdict.code == "stop"
    c = next(f.concern for f in r.findings if f.concern.id == "heart_without_bp_checks")
    assert "before and after every dose" in c.action


@pytest.mark.parametrize("condition", ["high_blood_pressure", "aneurysm", "recent_heart_event"])
def test_n6_each_blood_vessel_condition_counts(condition):
    extra = {"bp_controlled": "yes"} if condition == "high_blood_pressure" else {}
    r = result(**dict(F5, conditions=[condition], **extra))
    assert "heart_without_bp_checks" in raised(r, "critical")


def test_n6_with_a_way_to_check_blood_pressure_at_home_it_is_not_this_critical():
    r = result(**dict(F5, home_monitoring="yes"))
    assert "heart_without_bp_checks" not in raised(r)


# --------------------------------------------------------------------------- N7
F7 = dict(
    COMMON,
    product="oral_compounded",
    where="home",
    age_band="under_18",
    in_person_eval="no",
    who_gives="self_alone",
    dose_level_explained="yes",
    take_home_supply="yes",
    injection_at_home="no",
    **HOME_OK,
)


def test_n7_a_16_year_old_on_telehealth_lozenges_at_home_is_a_stop_worded_for_parents_too():
    r = result(**F7)
    assert "under_18_outside_clinic" in raised(r, "critical") and r.verdict.code == "stop"
    c = next(f.concern for f in r.findings if f.concern.id == "under_18_outside_clinic")
    assert "Parents" in c.action and "child and adolescent psychiatrist" in c.action


@pytest.mark.parametrize(
    "extra",
    [
        dict(product="iv", where="both", home_form=["oral_compounded"]),
        dict(product="nasal_compounded", where="clinic", take_home_supply="no"),
    ],
)
def test_n7_any_home_or_compounded_path_under_18_is_a_stop(extra):
    values = dict(F7, **extra)
    if values["where"] in ("clinic", "both"):
        values.update(CLINIC_OK)
    assert "under_18_outside_clinic" in raised(result(**values), "critical")


def test_n7_under_18_with_every_dose_at_a_clinic_is_discuss():
    r = result(**dict(IV_CLINIC, age_band="under_18"))
    assert "under_18_outside_clinic" not in raised(r) and r.verdict.code == "discuss"


# --------------------------------------------------------------------------- N11 naloxone, self-contained steps
P05 = dict(
    COMMON,
    product="oral_compounded",
    where="home",
    age_band="age_18_24",
    in_person_eval="no",
    who_gives="self_alone",
    dose_level_explained="yes",
    dose_frequency="more_often",
    sud_history="current",
    take_home_supply="yes",
    other_sources="yes",
    injection_at_home="no",
    alcohol="yes",
    street_drugs=["opioids", "stimulants", "cannabis"],
    disclosed_history="no",
    told_prescriber_sud="no",
    cravings="yes",
    **dict(HOME_OK, sober_adult="no", storage="no"),
)


def test_n11_street_opioids_outside_a_clinic_make_naloxone_high_with_never_use_alone():
    r = result(**P05)
    assert "naloxone_street_opioids" in raised(r, "high")
    c = next(f.concern for f in r.findings if f.concern.id == "naloxone_street_opioids")
    assert "Never use" in c.action and "alone" in c.action and "911" in c.action
    assert "not reverse ketamine" in c.why


def test_n11_prescribed_buprenorphine_at_home_keeps_the_moderate_naloxone_reminder():
    r = result(**dict(F7, age_band="age_25_64", medicines=["opioid"]))
    assert "naloxone_at_home" in raised(r, "moderate") and "naloxone_street_opioids" not in raised(r)


PRONOUN_ONLY = (
    "Ask about it",
    "Discuss it",
    "Tell the prescriber before treatment.",
    "while you use these",
    "Keep taking it",
    "Do not stop it",
    "Get these answers",
    "Ask to read them",
    "Bring these answers",
    "with them.",
)


def test_n11_first_step_actions_name_what_they_are_about():
    bad = {c.id: c.action for c in CL.concerns if any(p in c.action for p in PRONOUN_ONLY)}
    assert bad == {}


def test_n11_p02_exemplary_spravato_with_trazodone_has_readable_first_steps_and_is_ask():
    r = result(
        **dict(SPRAVATO_CLINIC, medicines=["sedating_psych"], equipment="no", als_trained="no", doses_on_request="no")
    )
    assert r.verdict.code == "ask"
    assert raised(r, "moderate") >= {
        "one_sedating_medicine",
        "limited_emergency_equipment",
        "limited_life_support_training",
    }


# --------------------------------------------------------------------------- minors (§2.3)
def test_minor_one_prescribed_sedative_at_a_monitored_clinic_is_moderate_combinations_are_high():
    assert raised(result(**dict(SPRAVATO_CLINIC, medicines=["benzodiazepine"])), "high") == set()
    assert "sedating_medicines" in raised(
        result(**dict(SPRAVATO_CLINIC, medicines=["benzodiazepine", "gabapentinoid"])), "high"
    )
    assert "sedating_medicines" in raised(result(**dict(SPRAVATO_CLINIC, medicines=["opioid"])), "high")
    assert "sedating_medicines" in raised(result(**dict(SPRAVATO_CLINIC, alcohol="yes")), "high")


def test_minor_a_prescribed_adhd_stimulant_has_a_neutral_title_and_is_moderate():
    r = result(**dict(SPRAVATO_CLINIC, medicines=["stimulant"]))
    assert raised(r, "critical", "high", "moderate") == {"prescribed_stimulant"} and r.verdict.code == "ask"
    c = next(f.concern for f in r.findings if f.concern.id == "prescribed_stimulant")
    assert "cocaine" not in c.title.lower() and "street" not in c.title.lower()


def test_minor_pregnancy_texts_follow_the_product():
    iv = result(**dict(IV_CLINIC, pregnancy="pregnant"))
    assert "pregnancy_registry" not in {f.concern.id for f in iv.good_to_know}
    assert "Spravato" not in next(f.concern.action for f in iv.findings if f.concern.id == "pregnancy_or_breastfeeding")
    spravato = result(**dict(SPRAVATO_CLINIC, pregnancy="pregnant"))
    assert "pregnancy_registry" in {f.concern.id for f in spravato.good_to_know}  # "Good to know", not a concern


def test_minor_bipolar_disorder_without_mania_gets_a_switch_watch_not_a_psychosis_concern():
    r = result(**dict(IV_CLINIC, conditions=["bipolar"]))
    assert raised(r, "critical", "high", "moderate") == {"bipolar_switch_watch"}
    assert "mania" in next(f.concern.why for f in r.findings if f.concern.id == "bipolar_switch_watch")


def test_minor_a_recent_heart_attack_is_told_apart_from_stable_heart_disease():
    assert "recent_heart_event" in raised(result(**dict(IV_CLINIC, conditions=["recent_heart_event"])), "critical")
    assert raised(result(**dict(IV_CLINIC, conditions=["heart_disease"])), "critical") == set()


def test_minor_the_balance_cites_its_numbers_and_says_they_are_reported_cases():
    text = " ".join(CL.balance.split())
    assert "reported cases" in text and "true number may be higher" in text and "JAMA Psychiatry 2025" in text


def test_minor_the_spravato_two_hour_severity_difference_is_explained():
    assert "audit" in next(c.why for c in CL.concerns if c.id == "spravato_under_two_hours")


# --------------------------------------------------------------------------- sources (§5)
def test_sources_the_pain_consensus_and_the_askp3_home_statement_are_cited():
    cited = {s for c in CL.concerns for s in c.sources}
    assert {"S52", "S53", "S54", "S55", "S56"} <= cited
    assert "S4" not in CL.source_by_id
    assert CL.source_by_id["S9"].url.startswith("https://doi.org/")


ASA_GUIDANCE_DOES_NOT_SAY = (
    "prepaid_package",
    "alone_during_session",
    "no_home_monitoring",
    "no_remote_check",
    "no_emergency_plan",
    "prescriber_not_on_site",
)


def test_sources_the_asa_guidance_is_cited_only_for_what_it_says():
    by_id = {c.id: c for c in CL.concerns}
    assert [cid for cid in ASA_GUIDANCE_DOES_NOT_SAY if "S14" in by_id[cid].sources] == []
    assert "S10" not in by_id["no_life_support_training"].sources


# --------------------------------------------------------------------------- well-run stays quiet
def test_well_run_profiles_raise_no_critical_or_high():
    for values in (IV_CLINIC, SPRAVATO_CLINIC):
        assert raised(result(**values), "critical", "high") == set()


# --------------------------------------------------------------------------- issue 28, supporter forms, migration
def test_issue28_they_take_it_and_the_family_watches_is_an_answer_and_still_unsupervised():
    c = next(ch for ch in CL.questions["who_gives"].choices if ch.value == "self_family_watches")
    assert c.label_supporter.startswith("They take it themselves, and I")
    values = dict(
        COMMON,
        product="oral_compounded",
        where="home",
        who_gives="self_family_watches",
        dose_level_explained="yes",
        take_home_supply="yes",
        injection_at_home="no",
        medicines=["benzodiazepine"],
        **HOME_OK,
    )
    assert "depressants_without_supervision" in raised(result(**values), "critical")


def test_the_crisis_concern_speaks_to_a_supporter_as_a_supporter():
    c = next(c for c in CL.concerns if c.id == "suicidal_now")
    assert c.action_supporter.startswith("Stay with them") and "988 together" in c.action_supporter
    assert "how you feel" not in c.action_supporter


def test_a_1_2_0_answer_of_daily_or_on_demand_is_asked_again_not_guessed(tmp_path):
    from clinic_ready.io.answers import load_answers

    f = tmp_path / "old.yaml"
    f.write_text(
        'checklist: ketamine-clinic\nchecklist_version: "1.2.0"\nanswers: {dose_frequency: daily_or_on_demand, '
        "where: clinic}\n"
    )
    answers, warnings = load_answers(f, CL)
    assert "dose_frequency" not in answers.values
    assert any("dose_frequency" in str(w) for w in warnings)


SUPPORTER_FIRST_STEPS = (
    "suicidal_now",
    "suicidal_thoughts",
    "suicidal_thoughts_with_supply",
    "depressants_without_supervision",
    "naloxone_street_opioids",
    "heart_without_bp_checks",
    "spravato_at_home",
    "under_18_outside_clinic",
    "alone_during_session",
    "dose_frequency_daily",
    "compounded_at_home",
    "injectable_outside_clinic",
    "untrained_person_gives_dose",
    "ketamine_from_other_sources",
    "near_water_or_stairs",
    "no_in_person_evaluation",
    "sedating_medicines",
    "one_sedating_medicine",
    "no_home_monitoring",
    "family_watch",
    "family_crisis",
)


@pytest.mark.parametrize("cid", SUPPORTER_FIRST_STEPS)
def test_n4_the_steps_a_family_member_is_most_often_given_speak_to_them(cid):
    c = next(c for c in CL.concerns if c.id == cid)
    assert c.action_supporter and c.action_supporter != c.action
    assert not any(p in c.action_supporter for p in ("your doses", "you take", "Tell someone near you", "with you."))


# --------------------------------------------------------------------------- N8
P17 = dict(
    IV_CLINIC,
    dose_frequency="not_started",
    sud_history="declined",
    medicines="declined",
    alcohol="declined",
    street_drugs="declined",
    conditions="declined",
    pregnancy="declined",
    bladder="declined",
    suicidal_thoughts="declined",
    suicidal_now="declined",
)


def test_n8_what_the_person_keeps_private_is_a_topic_for_the_prescriber_not_a_question_for_the_clinic():
    r = result(**P17)
    topics = {t for t, _q in texts.private_topics(r)}
    assert {
        "Thoughts of suicide right now",
        "Your medicines",
        "Drugs that were not prescribed",
        "Your health conditions",
        "Pregnancy and breastfeeding",
    } <= topics
    asked_of_clinic = " ".join(a.text for a in r.ask_list)
    assert r.ask_list and "killing yourself" not in asked_of_clinic and "Choose all that apply" not in asked_of_clinic
    assert "problem with alcohol or drugs" not in asked_of_clinic  # p17 declined it: a topic, not a question
    assert "Past or present alcohol or drug problems" in topics


def test_n8_every_question_about_the_person_has_a_topic_in_both_languages():
    for s in CL.sections:
        if s.about == "person":
            for q in s.questions:
                assert q.topic, q.id


# --------------------------------------------------------------------------- N12 dated fact
def test_n12_the_telemedicine_rule_is_a_dated_fact_and_after_new_year_every_reader_is_told_to_check(tmp_path):
    from helpers import run_cli

    fact = next(f for f in CL.facts if f.id == "dea_telemedicine")
    assert fact.valid_until.isoformat() == "2026-12-31" and fact.source == "S30"
    assert "dea_telemedicine" in next(c for c in CL.concerns if c.id == "no_in_person_evaluation").facts
    f = tmp_path / "f7.yaml"
    import yaml

    f.write_text(yaml.safe_dump({"checklist": "ketamine-clinic", "answers": {k: v for k, v in F7.items()}}))
    before = run_cli("run", "-a", str(f), "--no-input", "-f", "markdown", env={"CLINIC_READY_TODAY": "2026-12-30"})
    after = run_cli("run", "-a", str(f), "--no-input", "-f", "markdown", env={"CLINIC_READY_TODAY": "2027-01-02"})
    assert before.returncode == after.returncode == 0, after.stderr
    assert "until at least 31 December 2026" in before.stdout and "check whether it has changed" not in before.stdout
    assert "check whether it has changed" in after.stdout
