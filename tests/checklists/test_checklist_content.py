"""The ketamine-clinic checklist's content: coverage, readability, profiles, reachable concerns.

The content is the product: a topic that loses its concern, or a concern that can never fire, is
a defect as real as a crash.
"""

from __future__ import annotations

import itertools
import statistics

import pytest
from helpers import EXAMPLES

from clinic_ready.core import conditions as cond
from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist

CL = load_checklist(shipped()["ketamine-clinic"])
BASE, _ = load_answers(EXAMPLES / "well-run-clinic.yaml", CL)
CONCERNS = {c.id: c for c in CL.concerns}

# --------------------------------------------------------------------------- seed coverage
SEED_TOPICS = {
    "1 licensed facility, trained professionals, standard protocols": (
        ["prescriber_licensed", "prescriber_on_site", "who_gives"],
        ["prescriber_not_licensed", "no_prescriber_on_site", "untrained_person_gives_dose"],
    ),
    "2 dependency risk: addiction history, tailored frequency, strict boundaries": (
        ["sud_history", "treatment_plan", "doses_on_request", "dose_frequency"],
        [
            "substance_use_history",
            "no_treatment_plan",
            "doses_on_request",
            "addiction_and_take_home",
            "dose_frequency_high",
            "dose_frequency_daily",
        ],
    ),
    "3 emergency preparedness: equipment, medicines, a team ready": (
        ["equipment", "als_trained", "emergency_plan"],
        ["no_emergency_equipment", "no_life_support_training", "no_emergency_plan"],
    ),
    "4 interactions, especially CNS depressants": (
        ["medicines", "alcohol", "street_drugs"],
        ["sedating_medicines", "depressants_without_supervision", "naloxone_at_home"],
    ),
    "5 transparency: mental-health history, recovery, all medicines": (
        ["disclosed_history"],
        ["history_not_disclosed"],
    ),
    "6 medical supervision of every dose, not at home by an untrained helper": (
        ["who_gives", "injection_at_home"],
        ["untrained_person_gives_dose", "injections_at_home", "injectable_outside_clinic"],
    ),
    "7 proper, measured dosing on a plan": (
        ["treatment_plan", "dose_level_explained"],
        ["no_treatment_plan", "dose_level_not_explained"],
    ),
    "8 ketamine only from the treating clinic or pharmacy": (["other_sources"], ["ketamine_from_other_sources"]),
    "9 after a dose: never alone, no water, no driving": (
        ["sober_adult", "water_plan", "driving", "ride_home"],
        ["alone_during_session", "near_water_or_stairs", "driving_after_dose", "no_ride_home"],
    ),
    "10 heart disease and blood pressure": (
        ["conditions", "bp_checked"],
        ["heart_disease", "high_blood_pressure", "high_blood_pressure_uncontrolled", "heart_without_bp_checks"],
    ),
    "11 integration counselling, follow-up, a holistic plan": (
        ["integration_support", "coordination"],
        ["no_integration_support", "no_care_coordination"],
    ),
    "12 tolerance, dose escalation, cravings": (
        ["cravings", "doses_on_request"],
        ["cravings_or_tolerance", "doses_on_request"],
    ),
    "13 route and product": (
        ["product", "where"],
        ["compounded_at_home", "off_label_use", "injectable_outside_clinic", "spravato_at_home"],
    ),
    "14 side effects": (["written_risks"], ["no_written_risks"]),
    "15 limited long-term evidence told before consent": (["plan_and_cost_told"], ["plan_and_evidence_not_told"]),
}

# --------------------------------------------------------------------------- fact sheet section 11
# item -> concern ids that carry it (or None when it is listed under `omitted:` in the YAML)
SECTION_11 = {
    "LIC-1": ["spravato_rems_missing"],
    "LIC-2": ["no_prescriber_on_site"],
    "LIC-3": ["prescriber_not_licensed"],
    "LIC-4": ["no_in_person_evaluation"],
    "LIC-5": ["untrained_person_gives_dose", "no_life_support_training"],
    "LIC-6": ["no_pain_specialist"],
    "LIC-7": ["off_label_use"],
    "MON-1": ["no_blood_pressure_checks"],
    "MON-2": ["no_oxygen_monitoring"],
    "MON-3": ["observation_too_short", "spravato_under_two_hours"],
    "MON-4": ["observation_too_short"],
    "MON-5": ["no_ride_home", "driving_after_dose"],
    "MON-6": None,
    "MON-7": ["no_long_term_checks"],
    "MON-8": ["dose_level_not_explained"],
    "MON-9": None,
    "EMR-1": ["no_emergency_equipment"],
    "EMR-2": ["no_life_support_training"],
    "EMR-3": ["no_emergency_equipment"],
    "EMR-4": ["no_emergency_plan"],
    "EMR-5": ["no_after_hours_contact"],
    "SUD-1": ["substance_use_history", "prescriber_unaware_of_history"],
    "SUD-2": ["alcohol_screen_positive", "drug_screen_positive"],
    "SUD-3": None,
    "SUD-4": ["no_treatment_plan", "doses_on_request"],
    "SUD-5": ["ketamine_from_other_sources"],
    "SUD-6": ["injections_at_home"],
    "SUD-7": ["cravings_or_tolerance"],
    "SUD-8": ["no_misuse_checks"],
    "INT-1": ["aneurysm_or_brain_bleed"],
    "INT-2": ["ketamine_allergy"],
    "INT-3": ["high_blood_pressure", "high_blood_pressure_uncontrolled"],
    "INT-4": ["heart_disease"],
    "INT-5": ["psychosis_or_mania"],
    "INT-6": ["pregnancy_or_breastfeeding"],
    "INT-7": ["sedating_medicines", "depressants_without_supervision"],
    "INT-8": ["stimulants"],
    "INT-9": ["maoi"],
    "INT-10": ["theophylline"],
    "INT-11": ["enzyme_interactions"],
    "INT-12": ["thyroid", "overactive_thyroid"],
    "INT-13": ["may_blunt_benefit"],
    "INT-14": ["liver_disease"],
    "INT-15": ["head_or_eye_pressure"],
    "INT-16": ["bladder_symptoms"],
    "INT-17": ["spravato_nasal_products"],
    "CON-1": ["approval_status_not_told"],
    "CON-2": ["no_written_risks"],
    "CON-3": ["plan_and_evidence_not_told"],
    "CON-4": ["monitoring_not_explained"],
    "CON-5": ["no_care_coordination"],
    "HOME-1": ["compounded_at_home"],
    "HOME-2": ["spravato_at_home"],
    "HOME-3": None,
    "HOME-4": ["alone_during_session", "near_water_or_stairs"],
    "HOME-5": ["no_home_monitoring"],
    "HOME-6": ["injectable_outside_clinic"],
    "HOME-7": ["storage_not_secured"],
    "HOME-8": None,
}


@pytest.mark.parametrize("topic", sorted(SEED_TOPICS))
def test_every_seed_topic_has_questions_and_concerns(topic):
    questions, concerns = SEED_TOPICS[topic]
    for qid in questions:
        assert qid in CL.questions, f"{topic}: question {qid} is gone"
    for cid in concerns:
        assert cid in CONCERNS, f"{topic}: concern {cid} is gone"
        assert can_fire(CONCERNS[cid]), f"{topic}: concern {cid} can no longer fire"


def test_every_section_11_item_is_covered_or_omitted_with_a_reason():
    omitted = " ".join(o.item for o in CL.omitted)
    for item, concerns in SECTION_11.items():
        if concerns is None:
            assert f"{item}:" in omitted or f"{item} " in omitted, f"{item} is neither covered nor omitted"
        else:
            for cid in concerns:
                assert cid in CONCERNS, f"{item}: {cid} missing"
    assert all(o.reason for o in CL.omitted)


def test_sections_are_in_the_agreed_order():
    assert [s.id for s in CL.sections] == [
        "licensing",
        "monitoring",
        "emergency",
        "addiction",
        "safeguards",
        "health",
        "consent",
        "home",
        "family",
        "self_check",
    ]


# --------------------------------------------------------------------------- readability
def test_prompts_and_help_are_plain_language():
    textstat = pytest.importorskip("textstat")
    grades = {}
    for q in CL.questions.values():
        grades[f"{q.id}.prompt"] = textstat.flesch_kincaid_grade(q.prompt)
        grades[f"{q.id}.help"] = textstat.flesch_kincaid_grade(q.help)
    assert statistics.median(grades.values()) <= 9
    too_hard = {k: v for k, v in grades.items() if v > 12}
    assert too_hard == {}


# --------------------------------------------------------------------------- every concern can fire and stay silent
def _options(c, cl=CL) -> list[dict]:
    """Assignments (question id -> Answer) that make a condition true, found by walking it."""
    if isinstance(c, cond.AllOf):
        out = []
        for combo in itertools.product(*[_options(x, cl)[:4] for x in c.all]):
            merged: dict = {}
            ok = True
            for part in combo:
                for k, v in part.items():
                    if k in merged and merged[k] != v:
                        if cl.questions[k].type == "multi_choice" and v.state == merged[k].state == "answered":
                            merged[k] = Answer.of(sorted(set(merged[k].value) | set(v.value)))
                        else:
                            ok = False
                    else:
                        merged[k] = v
            if ok:
                out.append(merged)
        return out
    if isinstance(c, cond.AnyOf):
        return [o for x in c.any for o in _options(x, cl)]
    if isinstance(c, cond.NotOf):
        inner = c.not_
        if isinstance(inner, cond.QuestionTest) and inner.operator in ("equals", "in"):
            q = cl.questions[inner.question]
            bad = [inner.operand] if inner.operator == "equals" else inner.operand
            return [{q.id: Answer.of(v)} for v in q.choice_values if v not in bad]
        return [{}]
    if isinstance(c, cond.ScoreTest):
        items = cl.score_by_id[c.score].items
        top = {qid: Answer.of(max(cl.questions[qid].choices, key=lambda ch: ch.score).value) for qid in items}
        return [top]
    q, op, want = cl.questions[c.question], c.operator, c.operand
    if op == "state":
        states = [want] if isinstance(want, str) else want
        out = [{q.id: Answer(s)} for s in states if s in ("unsure", "declined")]
        if "answered" in states:
            out.append({q.id: Answer.of(q.choice_values[0] if q.choice_values else 1)})
        return out
    if op in ("equals", "in"):
        vals = [want] if op == "equals" else want
        return [{q.id: Answer.of(v)} for v in vals]
    if op in ("includes", "includes_any"):
        vals = [want] if op == "includes" else want
        return [{q.id: Answer.of([v])} for v in vals]
    if op in ("not_equals", "not_in"):
        bad = [want] if op == "not_equals" else want
        return [{q.id: Answer.of(v)} for v in q.choice_values if v not in bad]
    return [{q.id: Answer.of((want or 0) + 1 if op in ("gt", "gte") else (want or 0) - 1)}]


def _with_visibility(assign: dict, cl=CL) -> list[dict]:
    """Add what makes each assigned question visible (its section's and its own conditions)."""
    results = [dict(assign)]
    for qid in list(assign):
        needs = [w for w in (cl.section_of[qid].when, cl.questions[qid].when) if w is not None]
        for w in needs:
            results = [{**opt, **r} for r in results for opt in _options(w, cl)[:3]]
    return results


def can_fire(concern, cl=CL, base=BASE) -> bool:
    """Search: build answers that satisfy the condition (and make its questions visible)."""
    for assign in _options(concern.when, cl):
        for full in _with_visibility(assign, cl):
            answers = Answers(cl.id, cl.version, {**base.values, **full})
            result = engine.evaluate(cl, answers)
            if concern.id in {f.concern.id for f in (*result.findings, *result.good_to_know)}:
                return True
    return False


def can_stay_silent(concern, cl=CL, base=BASE) -> bool:
    """Search: the baseline, then the baseline with each question in turn left unsure."""
    candidates = [base.values] + [{**base.values, qid: Answer("unsure")} for qid in cl.questions]
    for values in candidates:
        answers = Answers(cl.id, cl.version, dict(values))
        result = engine.evaluate(cl, answers)
        if concern.id not in {f.concern.id for f in (*result.findings, *result.good_to_know)}:
            return True
    return False


AUDIT = load_checklist(shipped()["ketamine-clinic-self-audit"])
AUDIT_BASE, _ = load_answers(EXAMPLES / "self-audit-well-run.yaml", AUDIT)
ALL_CONCERNS = [("ketamine-clinic", c.id) for c in CL.concerns] + [("self-audit", c.id) for c in AUDIT.concerns]


@pytest.mark.parametrize("which, concern_id", ALL_CONCERNS)
def test_every_concern_can_fire_and_can_stay_silent(which, concern_id):
    cl, base = (CL, BASE) if which == "ketamine-clinic" else (AUDIT, AUDIT_BASE)
    concern = next(c for c in cl.concerns if c.id == concern_id)
    assert can_fire(concern, cl, base), f"{concern_id} can never fire"
    assert can_stay_silent(concern, cl, base), f"{concern_id} fires for every answer"


def test_self_audit_well_run_clinic_has_nothing_to_fix():
    r = engine.evaluate(AUDIT, AUDIT_BASE)
    assert r.findings == () and r.verdict.code == "none"


def test_self_audit_poorly_run_clinic():
    values = dict(AUDIT_BASE.values)
    values.update(
        pulse_oximetry=Answer.of("no"),
        home_injection=Answer.of("yes"),
        bp_protocol=Answer("unsure"),
        take_home=Answer.of("yes"),
        take_home_safeguards=Answer.of("no"),
    )
    r = engine.evaluate(AUDIT, Answers(AUDIT.id, AUDIT.version, values))
    assert r.verdict.code == "stop"
    assert {"no_pulse_oximetry", "home_injections", "take_home_without_safeguards", "unverified_safeguards"} <= {
        f.concern.id for f in r.findings
    }


def test_self_audit_covers_the_clinic_side_of_every_standard():
    assert [s.id for s in AUDIT.sections] == [
        "staffing",
        "monitoring",
        "emergency",
        "screening",
        "discharge",
        "diversion",
        "consent",
        "follow_up",
    ]
    # The audit also cites rules only a clinic needs (DEA, CDC, ...); that the two bibliographies
    # agree where they cite the same document is checked in test_self_audit_content.py.
    cited = {sid for c in AUDIT.concerns for sid in c.sources}
    assert cited <= set(AUDIT.source_by_id)


# --------------------------------------------------------------------------- profiles
def profile(**changes) -> Answers:
    values = dict(BASE.values)
    for qid, raw in changes.items():
        if raw is None:
            values.pop(qid, None)
        elif raw in ("unsure", "declined"):
            values[qid] = Answer(raw)
        else:
            values[qid] = Answer.of(raw)
    return Answers(CL.id, CL.version, values)


HOME_OK = dict(
    sober_adult="yes", water_plan="yes", home_monitoring="yes", remote_check="yes", storage="yes", misuse_checks="yes"
)
CLINIC_ROOM = (
    "prescriber_on_site",
    "bp_checked",
    "oxygen_monitored",
    "observation_period",
    "ride_home",
    "equipment",
    "als_trained",
    "emergency_plan",
    "monitoring_told",
)
SPRAVATO_OK = dict(
    product="spravato",
    rems_certified="yes",
    spravato_home="no",
    monitoring_told="yes",
    who_gives=None,
    dose_level_explained=None,
    injection_at_home=None,
)
AT_HOME = dict(where="home", **{q: None for q in CLINIC_ROOM}, **HOME_OK)
PROFILES = {
    # name: (answers, the verdict a clinician would expect, the non-info concerns they would raise)
    "well-run clinic, low-risk patient": (profile(), "none", set()),
    "Spravato at a certified clinic": (profile(**SPRAVATO_OK), "none", set()),
    # The review's false "Stop": a REMS-compliant Spravato clinic, taxi home, BLS- not ACLS-trained
    # staff, lorazepam and levothyroxine, controlled hypertension, passive thoughts of death.
    "compliant Spravato clinic, taxi, BLS staff, passive thoughts": (
        profile(
            **SPRAVATO_OK,
            ride_home="yes",
            als_trained="no",
            medicines=["benzodiazepine", "thyroid_hormone"],
            conditions=["high_blood_pressure"],
            bp_controlled="yes",
            suicidal_thoughts="yes",
            suicidal_now="no",
        ),
        "discuss",
        {
            "one_sedating_medicine",
            "may_blunt_benefit",
            "thyroid",
            "high_blood_pressure",
            "limited_life_support_training",
            "suicidal_thoughts",
        },
    ),
    "Spravato watched for less than 2 hours": (
        profile(**SPRAVATO_OK, observation_period="until_recovered"),
        "discuss",
        {"spravato_under_two_hours"},
    ),
    "Spravato without a prescriber on site": (
        profile(**SPRAVATO_OK, prescriber_on_site="no"),
        "stop",
        {"no_prescriber_on_site"},
    ),
    "Spravato offered for home use": (
        profile(**SPRAVATO_OK | dict(rems_certified="no", spravato_home="yes")),
        "stop",
        {"spravato_at_home", "spravato_rems_missing"},
    ),
    "Spravato for PTSD is off-label too": (profile(**SPRAVATO_OK, reason="ptsd"), "none", set()),
    "IV clinic without ACLS or emergency equipment": (
        profile(als_trained="no", equipment="no"),
        "stop",
        {"no_life_support_training", "no_emergency_equipment"},
    ),
    "IV clinic, nurse anesthetist with no prescriber in the building": (
        profile(who_gives="anesthesia_nurse", prescriber_on_site="no"),
        "ask",
        {"prescriber_not_on_site"},
    ),
    "no ride home and plans to drive": (
        profile(ride_home="no", driving="yes"),
        "discuss",
        {"no_ride_home", "driving_after_dose"},
    ),
    "passive thoughts of death: high, not stop": (
        profile(suicidal_thoughts="yes", suicidal_now="no"),
        "discuss",
        {"suicidal_thoughts"},
    ),
    "thoughts of suicide right now: the crisis route": (
        profile(suicidal_thoughts="yes", suicidal_now="yes"),
        "urgent",
        {"suicidal_now", "suicidal_thoughts"},
    ),
    "thoughts of suicide with a take-home supply": (
        profile(suicidal_thoughts="yes", suicidal_now="no", take_home_supply="yes", **HOME_OK),
        "stop",
        {"suicidal_thoughts", "suicidal_thoughts_with_supply"},
    ),
    "street opioids, compounded ketamine alone at home": (
        profile(
            product="oral_compounded",
            who_gives="self_alone",
            street_drugs=["opioids"],
            take_home_supply="yes",
            **AT_HOME,
        ),
        "stop",
        {"depressants_without_supervision", "sedating_medicines", "naloxone_street_opioids", "compounded_at_home"},
    ),
    "street opioids, every dose at a monitored clinic": (
        profile(street_drugs=["opioids"]),
        "discuss",
        {"sedating_medicines"},
    ),
    "gabapentin at home": (
        profile(product="oral_compounded", medicines=["gabapentinoid"], take_home_supply="yes", **AT_HOME),
        "stop",
        {"depressants_without_supervision", "one_sedating_medicine", "compounded_at_home"},
    ),
    "cannabis at a monitored clinic": (profile(street_drugs=["cannabis"]), "ask", {"other_street_drugs"}),
    "telehealth troches taken alone": (
        profile(
            product="oral_compounded",
            who_gives="self_alone",
            in_person_eval="no",
            take_home_supply="yes",
            **AT_HOME | dict(sober_adult="no", home_monitoring="no"),
        ),
        "stop",
        {"compounded_at_home", "no_in_person_evaluation", "alone_during_session", "no_home_monitoring"},
    ),
    "recovery with a take-home supply": (
        profile(sud_history="past", told_prescriber_sud="yes", take_home_supply="yes", **HOME_OK),
        "discuss",
        {"substance_use_history", "addiction_and_take_home"},
    ),
    "on buprenorphine, IV at home": (
        profile(medicines=["opioid"], **AT_HOME),
        "stop",
        {"sedating_medicines", "depressants_without_supervision", "injectable_outside_clinic", "naloxone_at_home"},
    ),
    "heart disease and no blood pressure checks": (
        profile(conditions=["heart_disease"], bp_checked="no"),
        "stop",
        {"heart_disease", "no_blood_pressure_checks", "heart_without_bp_checks"},
    ),
    "high blood pressure, very high at times": (
        profile(conditions=["high_blood_pressure"], bp_controlled="no", bp_very_high="yes"),
        "stop",
        {"high_blood_pressure_uncontrolled"},
    ),
    "high blood pressure often above 140/90": (
        profile(conditions=["high_blood_pressure"], bp_controlled="no", bp_very_high="no"),
        "discuss",
        {"high_blood_pressure_above_target"},
    ),
    "high blood pressure, not known whether controlled": (
        profile(conditions=["high_blood_pressure"], bp_controlled="unsure"),
        "held",
        set(),
    ),
    "high blood pressure, under control": (
        profile(conditions=["high_blood_pressure"], bp_controlled="yes"),
        "ask",
        {"high_blood_pressure"},
    ),
    "stable thyroid replacement": (profile(medicines=["thyroid_hormone"]), "ask", {"thyroid"}),
    "overactive thyroid not under control": (
        profile(conditions=["overactive_thyroid"]),
        "discuss",
        {"overactive_thyroid"},
    ),
    "COPD or sleep apnea at a monitored clinic": (profile(conditions=["lung_disease"]), "discuss", {"lung_disease"}),
    "on-demand dosing": (profile(dose_frequency="on_demand"), "stop", {"dose_frequency_daily"}),
    "more than 3 doses a week": (profile(dose_frequency="more_often"), "discuss", {"dose_frequency_high"}),
    "aged 19": (profile(age_band="age_18_24"), "ask", {"age_18_24"}),
    "aged 70": (profile(age_band="age_65_plus"), "ask", {"age_65_plus"}),
    "aged 16": (profile(age_band="under_18"), "discuss", {"age_under_18"}),
    "prepaid package": (profile(prepaid_package="yes"), "ask", {"prepaid_package"}),
    "supporter who does not know the signs": (
        profile(family_help="yes", family_watch="no", family_crisis="yes"),
        "ask",
        {"family_watch"},
    ),
    # unsure and declined are not "no": nothing is raised, but the verdict is held (see could-apply tests)
    "unsure about monitoring is not reassuring": (
        profile(bp_checked="unsure", oxygen_monitored="unsure"),
        "held",
        set(),
    ),
    "declines to share medicines and conditions": (profile(medicines="declined", conditions="declined"), "held", set()),
    "benzodiazepine at a monitored clinic": (
        profile(medicines=["benzodiazepine"]),
        "ask",
        {"one_sedating_medicine", "may_blunt_benefit"},
    ),
    "pregnant, with a history of psychosis": (
        profile(pregnancy="pregnant", conditions=["psychosis"]),
        "discuss",
        {"pregnancy_or_breastfeeding", "psychosis_or_mania"},
    ),
    "positive alcohol and drug self-check": (
        profile(
            do_self_check="yes",
            audit_sex="female",
            audit_c1="two_to_three_week",
            audit_c2="one_two",
            audit_c3="never",
            cage_cut="yes",
            cage_annoyed="no",
            cage_guilty="no",
            cage_eye_opener="no",
        ),
        "discuss",
        {"alcohol_screen_positive", "drug_screen_positive"},
    ),
    "consent gaps only": (
        profile(told_approval_status="no", plan_and_cost_told="no"),
        "ask",
        {"approval_status_not_told", "plan_and_evidence_not_told"},
    ),
    "chronic pain without a pain specialist": (
        profile(reason="pain", pain_specialist="no"),
        "ask",
        {"no_pain_specialist"},
    ),
    "a question left open": (profile(after_hours=None), "incomplete", set()),
}


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_profiles(name):
    answers, verdict, expected = PROFILES[name]
    r = engine.evaluate(CL, answers)
    raised = {f.concern.id for f in r.findings if f.concern.severity.value != "info"}
    assert raised == expected, name
    assert r.verdict.code == verdict, name


@pytest.mark.parametrize(
    "answers, expected",
    [
        (profile(bp_checked="unsure", oxygen_monitored="unsure"), {"no_blood_pressure_checks", "no_oxygen_monitoring"}),
        (
            profile(medicines="declined", conditions="declined"),
            {"sedating_medicines", "aneurysm_or_brain_bleed", "ketamine_allergy"},
        ),
    ],
)
def test_unsure_or_declined_safety_answers_hold_the_verdict_with_what_could_apply(answers, expected):
    r = engine.evaluate(CL, answers)
    could = {p.concern.id for p in r.could_apply}
    assert expected <= could
    assert r.verdict.code == "held" and r.verdict.held_at == "critical"
    assert not {f.concern.id for f in r.findings if f.concern.severity.value != "info"}


def test_a_checklist_that_flags_everything_is_useless():
    r = engine.evaluate(CL, BASE)
    assert not [f for f in r.findings if f.concern.severity.value in ("critical", "high", "moderate", "low")]


def raised(answers) -> set[str]:
    result = engine.evaluate(CL, answers)
    return {f.concern.id for f in (*result.findings, *result.good_to_know)}  # info items are raised too (Good to know)


def asked(answers) -> list[str]:
    return [i.question.id for i in engine.evaluate(CL, answers).items if i.state != "skipped"]


def test_off_label_flag_covers_spravato_for_ptsd_and_pain():
    for reason in ("ptsd", "pain"):
        assert "off_label_use" in raised(profile(**SPRAVATO_OK, reason=reason, pain_specialist="yes"))
    assert "off_label_use" not in raised(profile(**SPRAVATO_OK))


def test_at_home_path_asks_no_clinic_room_question_and_asks_home_ones():
    answers = profile(product="oral_compounded", take_home_supply="yes", **AT_HOME)
    shown = asked(answers)
    assert not set(shown) & set(CLINIC_ROOM)
    assert {"sober_adult", "water_plan", "home_monitoring", "remote_check", "storage"} <= set(shown)


def test_no_concern_fires_on_a_question_that_does_not_apply():
    """Clinic-room answers left in an at-home answers file are not asked, so they raise nothing."""
    stray = {
        q: "no" for q in ("bp_checked", "oxygen_monitored", "ride_home", "equipment", "als_trained", "emergency_plan")
    }
    answers = profile(
        product="oral_compounded", take_home_supply="yes", **AT_HOME | stray | dict(observation_period="nobody")
    )
    fired = raised(answers)
    for concern in CL.concerns:
        if concern.id in fired:
            visible = set(asked(answers))
            mentioned = {t.question for t in _tests(concern.when)}
            assert mentioned & visible or not mentioned, concern.id
    clinic_concerns = {
        "no_blood_pressure_checks",
        "no_oxygen_monitoring",
        "no_ride_home",
        "no_emergency_equipment",
        "limited_emergency_equipment",
        "no_life_support_training",
        "limited_life_support_training",
        "no_emergency_plan",
        "observation_too_short",
    }
    assert not fired & clinic_concerns


def _tests(c):
    if isinstance(c, cond.QuestionTest):
        return [c]
    if isinstance(c, cond.NotOf):
        return _tests(c.not_)
    parts = getattr(c, "all", None) or getattr(c, "any", None) or []
    return [t for p in parts for t in _tests(p)]


def test_naloxone_advice_says_it_does_not_reverse_ketamine():
    c = CONCERNS["naloxone_at_home"]
    assert "not reverse ketamine" in c.why


def test_stop_or_lower_warning_wherever_benzodiazepines_or_opioids_are_named():
    for cid in ("depressants_without_supervision", "sedating_medicines", "may_blunt_benefit"):
        assert "do not stop or lower" in CONCERNS[cid].action.lower(), cid


def test_crisis_concern_gives_the_crisis_route_and_is_not_a_verdict_on_ketamine():
    c = CONCERNS["suicidal_now"]
    assert "988" in c.action and "911" in c.action
    assert "not a judgment about ketamine" in c.why
    assert CONCERNS["suicidal_thoughts"].severity.value == "high"


TYPICAL_RUNS = {
    "well-run IV clinic": profile(),
    "compliant Spravato clinic": profile(**SPRAVATO_OK),
    "compounded troches at home": profile(product="oral_compounded", take_home_supply="yes", **AT_HOME),
    "in recovery, every dose at an IV clinic": profile(
        sud_history="past",
        told_prescriber_sud="yes",
        misuse_checks="yes",
        dose_frequency="not_started",
        doses_on_request=None,
        cravings=None,
    ),
    "Perry-like": load_answers(EXAMPLES / "perry-like.yaml", CL)[0],
}


@pytest.mark.parametrize("name", sorted(TYPICAL_RUNS))
def test_a_typical_run_asks_at_most_45_questions(name):
    assert len(asked(TYPICAL_RUNS[name])) <= 45
