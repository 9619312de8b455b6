"""The ketamine-clinic checklist's content: coverage, readability, profiles, reachable concerns.

The content is the product: a topic that loses its concern, or a concern that can never fire, is
a defect as real as a crash.
"""

from __future__ import annotations

import itertools
import statistics

import pytest

from clinic_ready import conditions as cond
from clinic_ready import engine
from clinic_ready.answers import load_answers
from clinic_ready.catalog import shipped
from clinic_ready.loading import load_checklist
from clinic_ready.model import Answer, Answers
from conftest import EXAMPLES

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
        ["sud_history", "treatment_plan", "doses_on_request"],
        ["substance_use_history", "no_treatment_plan", "doses_on_request", "addiction_and_take_home"],
    ),
    "3 emergency preparedness: equipment, medicines, a team ready": (
        ["equipment", "emergency_drugs", "als_trained", "emergency_plan"],
        ["no_emergency_equipment", "no_emergency_drugs", "no_life_support_training", "no_emergency_plan"],
    ),
    "4 interactions, especially CNS depressants": (
        ["medicines", "alcohol"],
        ["sedating_medicines", "depressants_without_supervision"],
    ),
    "5 transparency: mental-health history, recovery, all medicines": (["disclosed_history"], ["history_not_disclosed"]),
    "6 medical supervision of every dose, not at home by an untrained helper": (
        ["who_gives", "injection_at_home"],
        ["untrained_person_gives_dose", "injections_at_home", "injectable_outside_clinic"],
    ),
    "7 proper, measured dosing on a plan": (["treatment_plan", "dose_level_explained"], ["no_treatment_plan", "dose_level_not_explained"]),
    "8 ketamine only from the treating clinic or pharmacy": (["other_sources"], ["ketamine_from_other_sources"]),
    "9 after a dose: never alone, no water, no driving": (
        ["sober_adult", "water_plan", "driving", "ride_home"],
        ["alone_during_session", "near_water_or_stairs", "driving_after_dose", "no_ride_home"],
    ),
    "10 heart disease and blood pressure": (
        ["conditions", "bp_checked"],
        ["heart_disease", "high_blood_pressure", "heart_without_bp_checks"],
    ),
    "11 integration counselling, follow-up, a holistic plan": (["integration_support", "coordination"], ["no_integration_support", "no_care_coordination"]),
    "12 tolerance, dose escalation, cravings": (["cravings", "doses_on_request"], ["cravings_or_tolerance", "doses_on_request"]),
    "13 route and product": (["product", "where"], ["compounded_at_home", "off_label_use", "injectable_outside_clinic", "spravato_at_home"]),
    "14 side effects": (["side_effects_told"], ["side_effects_not_told"]),
    "15 limited long-term evidence told before consent": (["plan_and_cost_told"], ["plan_and_evidence_not_told"]),
}

# --------------------------------------------------------------------------- fact sheet section 11
# item -> concern ids that carry it (or None when it is listed under `omitted:` in the YAML)
SECTION_11 = {
    "LIC-1": ["spravato_rems_missing"], "LIC-2": ["no_prescriber_on_site"], "LIC-3": ["prescriber_not_licensed"],
    "LIC-4": ["no_in_person_evaluation"], "LIC-5": ["untrained_person_gives_dose", "no_life_support_training"],
    "LIC-6": ["no_pain_specialist"], "LIC-7": ["off_label_use"],
    "MON-1": ["no_blood_pressure_checks"], "MON-2": ["no_oxygen_monitoring"],
    "MON-3": ["observation_too_short", "spravato_under_two_hours"], "MON-4": ["no_discharge_check"],
    "MON-5": ["no_ride_home", "driving_after_dose"], "MON-6": None, "MON-7": ["no_long_term_checks"],
    "MON-8": ["dose_level_not_explained"], "MON-9": None,
    "EMR-1": ["no_emergency_equipment"], "EMR-2": ["no_life_support_training"], "EMR-3": ["no_emergency_drugs"],
    "EMR-4": ["no_emergency_plan"], "EMR-5": ["no_after_hours_contact"],
    "SUD-1": ["substance_use_history", "prescriber_unaware_of_history"],
    "SUD-2": ["alcohol_screen_positive", "drug_screen_positive"], "SUD-3": None,
    "SUD-4": ["no_treatment_plan", "doses_on_request"], "SUD-5": ["ketamine_from_other_sources"],
    "SUD-6": ["injections_at_home"], "SUD-7": ["cravings_or_tolerance"], "SUD-8": ["no_misuse_checks"],
    "INT-1": ["aneurysm_or_brain_bleed"], "INT-2": ["ketamine_allergy"], "INT-3": ["high_blood_pressure"],
    "INT-4": ["heart_disease"], "INT-5": ["psychosis_or_mania"], "INT-6": ["pregnancy_or_breastfeeding"],
    "INT-7": ["sedating_medicines", "depressants_without_supervision"], "INT-8": ["stimulants"], "INT-9": ["maoi"],
    "INT-10": ["theophylline"], "INT-11": ["enzyme_interactions"], "INT-12": ["thyroid"],
    "INT-13": ["may_blunt_benefit"], "INT-14": ["liver_disease"], "INT-15": ["head_or_eye_pressure"],
    "INT-16": ["bladder_symptoms"], "INT-17": ["spravato_nasal_products"],
    "CON-1": ["approval_status_not_told"], "CON-2": ["no_written_risks"], "CON-3": ["plan_and_evidence_not_told"],
    "CON-4": ["monitoring_not_explained"], "CON-5": ["no_care_coordination"],
    "HOME-1": ["compounded_at_home"], "HOME-2": ["spravato_at_home"], "HOME-3": None,
    "HOME-4": ["alone_during_session", "near_water_or_stairs"], "HOME-5": ["no_home_monitoring"],
    "HOME-6": ["injectable_outside_clinic"], "HOME-7": ["storage_not_secured"], "HOME-8": None,
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
        "licensing", "monitoring", "emergency", "addiction", "health", "consent", "home", "self_check",
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
            if concern.id in {f.concern.id for f in engine.evaluate(cl, answers).findings}:
                return True
    return False


def can_stay_silent(concern, cl=CL, base=BASE) -> bool:
    """Search: the baseline, then the baseline with each question in turn left unsure."""
    candidates = [base.values] + [{**base.values, qid: Answer("unsure")} for qid in cl.questions]
    for values in candidates:
        answers = Answers(cl.id, cl.version, dict(values))
        if concern.id not in {f.concern.id for f in engine.evaluate(cl, answers).findings}:
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
    values.update(pulse_oximetry=Answer.of("no"), home_injection=Answer.of("yes"), bp_protocol=Answer("unsure"),
                  take_home=Answer.of("yes"), take_home_safeguards=Answer.of("no"))
    r = engine.evaluate(AUDIT, Answers(AUDIT.id, AUDIT.version, values))
    assert r.verdict.code == "stop"
    assert {"no_pulse_oximetry", "home_injections", "take_home_without_safeguards", "unverified_safeguards"} <= {
        f.concern.id for f in r.findings
    }


def test_self_audit_covers_the_clinic_side_of_every_standard():
    assert [s.id for s in AUDIT.sections] == [
        "staffing", "monitoring", "emergency", "screening", "discharge", "diversion", "consent", "follow_up",
    ]
    # The audit also cites rules only a clinic needs (DEA, CDC, ...); that the two bibliographies
    # agree where they cite the same document is checked in test_self_audit_content.py.


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


HOME_OK = dict(sober_adult="yes", water_plan="yes", home_monitoring="yes", storage="yes")
PROFILES = {
    "well-run clinic, low-risk patient": (profile(), "none", set()),
    "Spravato at a certified clinic": (
        profile(product="spravato", rems_certified="yes", spravato_home="no", who_gives="self_watched"), "none", set()),
    "Spravato watched for less than 2 hours": (
        profile(product="spravato", rems_certified="yes", spravato_home="no", observation_period="until_recovered"),
        "stop", {"spravato_under_two_hours"}),
    "Spravato offered for home use": (
        profile(product="spravato", rems_certified="no", spravato_home="yes"), "stop", {"spravato_at_home", "spravato_rems_missing"}),
    "telehealth troches taken alone": (
        profile(product="oral_compounded", where="home", who_gives="self_alone", in_person_eval="no", prescriber_on_site=None,
                take_home_supply="yes", sober_adult="no", water_plan="yes", home_monitoring="no", storage="yes"),
        "stop", {"compounded_at_home", "no_in_person_evaluation", "alone_during_session", "no_home_monitoring"}),
    "recovery with a take-home supply": (
        profile(sud_history="past", told_prescriber_sud="yes", take_home_supply="yes", **HOME_OK),
        "discuss", {"substance_use_history", "addiction_and_take_home"}),
    "on buprenorphine, dosing at home": (
        profile(medicines=["opioid"], where="home", prescriber_on_site=None, **HOME_OK),
        "stop", {"sedating_medicines", "depressants_without_supervision", "injectable_outside_clinic"}),
    "heart disease and no blood pressure checks": (
        profile(conditions=["heart_disease"], bp_checked="no"),
        "stop", {"heart_disease", "no_blood_pressure_checks", "heart_without_bp_checks"}),
    "unsure about monitoring is not reassuring": (
        profile(bp_checked="unsure", oxygen_monitored="unsure"), "discuss", {"unsure_monitoring"}),
    "declines to share medicines and conditions": (
        profile(medicines="declined", conditions="declined"), "discuss", {"unsure_health"}),
    "benzodiazepine at a monitored clinic": (
        profile(medicines=["benzodiazepine"]), "discuss", {"sedating_medicines", "may_blunt_benefit"}),
    "pregnant, with a history of psychosis": (
        profile(pregnancy="pregnant", conditions=["psychosis"]), "discuss", {"pregnancy_or_breastfeeding", "psychosis_or_mania"}),
    "positive alcohol and drug self-check": (
        profile(do_self_check="yes", audit_sex="female", audit_c1="two_to_three_week", audit_c2="one_two", audit_c3="never",
                cage_cut="yes", cage_annoyed="no", cage_guilty="no", cage_eye_opener="no"),
        "discuss", {"alcohol_screen_positive", "drug_screen_positive"}),
    "consent gaps only": (
        profile(told_approval_status="no", plan_and_cost_told="no"), "ask", {"approval_status_not_told", "plan_and_evidence_not_told"}),
    "chronic pain without a pain specialist": (
        profile(reason="pain", pain_specialist="no"), "ask", {"no_pain_specialist"}),
    "a question left open": (profile(after_hours=None), "incomplete", set()),
}


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_profiles(name):
    answers, verdict, expected = PROFILES[name]
    r = engine.evaluate(CL, answers)
    raised = {f.concern.id for f in r.findings if f.concern.severity.value != "info"}
    assert raised == expected, name
    assert r.verdict.code == verdict, name


def test_a_checklist_that_flags_everything_is_useless():
    r = engine.evaluate(CL, BASE)
    assert not [f for f in r.findings if f.concern.severity.value in ("critical", "high", "moderate", "low")]
