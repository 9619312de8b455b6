"""FHIR R4: the exported Questionnaire, QuestionnaireResponse and Bundle, checked with the
fhir.resources models (R4B package: its Questionnaire, QuestionnaireResponse, Bundle and
DetectedIssue have the same structure as R4's), and answers that survive the round trip."""

from __future__ import annotations

import json
import subprocess

import pytest
from helpers import EXAMPLES, checklist_text, cli_path, invoke_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_ready.app import pipeline
from clinic_ready.core import engine
from clinic_ready.core.model import Answer, Answers
from clinic_ready.io.answers import to_data
from clinic_ready.io.catalog import shipped
from clinic_ready.io.fhir import DAR_SYSTEM, YES_NO_SYSTEM, questionnaire_url
from clinic_ready.io.fhir.questionnaire import ENABLE_WHEN_EXPRESSION, OPTION_EXCLUSIVE, questionnaire
from clinic_ready.io.fhir.response import bundle, response
from clinic_ready.io.loading import parse_checklist

R4 = pytest.importorskip("fhir.resources.R4B", reason="fhir.resources (a test dependency) is not installed")
from fhir.resources.R4B.bundle import Bundle  # noqa: E402
from fhir.resources.R4B.detectedissue import DetectedIssue  # noqa: E402
from fhir.resources.R4B.questionnaire import Questionnaire  # noqa: E402
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse  # noqa: E402

CHECKLISTS = {cid: pipeline.load_checklist(cid) for cid in sorted(shipped())}


def cli(*args, **kw):
    """The command in process (the export test below runs the installed one)."""
    return invoke_cli(*args, **kw)


def walk(items):
    for item in items:
        yield item
        yield from walk(item.get("item", []))
        for answer in item.get("answer", []):
            yield from walk(answer.get("item", []))


# --------------------------------------------------------------------------- Questionnaire


@pytest.mark.parametrize("cid", sorted(CHECKLISTS))
def test_exported_questionnaire_is_valid_r4_and_mirrors_the_checklist(cid):
    cl = CHECKLISTS[cid]
    q = questionnaire(cl)
    Questionnaire.model_validate(q)
    assert (q["url"], q["version"], q["title"], q["status"]) == (questionnaire_url(cid), cl.version, cl.title, "active")
    assert q["lastReviewDate"] == q["approvalDate"] == q["date"] == cl.facts_as_of.isoformat()
    assert q["effectivePeriod"] == {"start": cl.facts_as_of.isoformat(), "end": cl.review_by.isoformat()}
    assert q["name"][0].isupper() and q["name"].isalnum()
    assert "988" in q["text"]["div"] and "1-800-662-4357" in q["description"]
    assert [g["linkId"] for g in q["item"]] == [s.id for s in cl.sections]
    assert all(g["type"] == "group" for g in q["item"])
    items = {i["linkId"]: i for i in walk(q["item"])}
    link_ids = [i["linkId"] for i in walk(q["item"])]
    assert len(link_ids) == len(set(link_ids))
    for qu in cl.questions.values():
        item = items[qu.id]
        assert item["text"] == qu.prompt and item["required"] == qu.required
        expected = {
            "yes_no": "choice",
            "choice": "choice",
            "multi_choice": "choice",
            "number": "decimal",
            "text": "string",
        }
        assert item["type"] == expected[qu.type]
        assert item.get("repeats", False) == (qu.type == "multi_choice")
        helps = [c for c in item["item"] if c["type"] == "display"]
        assert helps[0]["text"].startswith(qu.help.strip()[:40])
        assert helps[0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "help"
        if item["type"] == "choice":
            codes = [o["valueCoding"]["code"] for o in item["answerOption"]]
            want = ["Y", "N"] if qu.type == "yes_no" else list(qu.choice_values)
            assert codes == want + ["asked-unknown", "asked-declined"]
            states = item["answerOption"][-2:]
            assert all(o["valueCoding"]["system"] == DAR_SYSTEM for o in states)
            if qu.type == "multi_choice":
                assert all(o["extension"] == [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}] for o in states)
                for option, choice in zip(
                    item["answerOption"], qu.choices, strict=False
                ):  # "None of these" stands alone
                    exclusive = {"url": OPTION_EXCLUSIVE, "valueBoolean": True} in option.get("extension", [])
                    assert exclusive == choice.exclusive, (qu.id, choice.value)
        if qu.type == "number":
            urls = {e["url"].rsplit("/", 1)[1]: e for e in item["extension"]}
            if qu.min is not None:
                assert urls["minValue"]["valueDecimal"] == qu.min
            if qu.max is not None:
                assert urls["maxValue"]["valueDecimal"] == qu.max
        if qu.when is not None:
            assert "enableWhen" in item or any(e["url"] == ENABLE_WHEN_EXPRESSION for e in item.get("extension", []))


def _where(code, display):
    return {
        "question": "where",
        "operator": "=",
        "answerCoding": {"system": questionnaire_url("ketamine-clinic") + ":where", "code": code, "display": display},
    }


IN_DOUBT = [
    {
        "question": "where",
        "operator": "=",
        "answerCoding": {"system": DAR_SYSTEM, "code": "asked-unknown", "display": "Unsure"},
    },
    {
        "question": "where",
        "operator": "=",
        "answerCoding": {"system": DAR_SYSTEM, "code": "asked-declined", "display": "Prefer not to say"},
    },
]


def test_the_at_home_section_maps_onto_enable_when_any():
    """'At home' or 'both' shows the at-home section; so does 'Unsure' or 'Prefer not to say' (when in doubt, ask)."""
    q = questionnaire(CHECKLISTS["ketamine-clinic"])
    home = next(g for g in q["item"] if g["linkId"] == "home")
    assert home["enableBehavior"] == "any"
    assert (
        _where("home", "At home") in home["enableWhen"]
        and _where("both", "Some doses at a clinic, some at home") in home["enableWhen"]
    )
    assert all(w in home["enableWhen"] for w in IN_DOUBT)
    on_site = next(i for i in walk(q["item"]) if i["linkId"] == "prescriber_on_site")
    assert on_site["enableBehavior"] == "any"
    assert on_site["enableWhen"] == [
        _where("clinic", "At a clinic or hospital"),
        _where("both", "Some doses at a clinic, some at home"),
        *IN_DOUBT,
    ]


CONDITIONS = checklist_text(
    """
    sections:
      - id: s
        title: S
        questions:
          - {id: a, type: yes_no, prompt: A?, help: h}
          - {id: m, type: multi_choice, prompt: M?, help: h, choices: [{value: x, label: X}, {value: "y'z", label: Y}]}
          - {id: n, type: number, prompt: N?, help: h, min: 0, max: 10, unit: mg}
          - {id: t, type: text, prompt: T?, help: h, required: false}
          - {id: c1, type: choice, prompt: C1?, help: h, choices: [{value: lo, label: L, score: 0}, {value: hi, label: H, score: 2}]}
          - {id: d_eq, type: yes_no, prompt: D?, help: h, when: {question: a, equals: "yes"}}
          - {id: d_all, type: yes_no, prompt: D?, help: h, when: {all: [{question: a, equals: "no"}, {question: n, gte: 3}]}}
          - {id: d_anyin, type: yes_no, prompt: D?, help: h, when: {question: m, includes_any: [x, "y'z"]}}
          - {id: e_ne, type: yes_no, prompt: E?, help: h, when: {question: a, not_equals: "yes"}}
          - {id: e_state, type: yes_no, prompt: E?, help: h, when: {question: a, state: [unsure, declined]}}
          - {id: e_not, type: yes_no, prompt: E?, help: h, when: {not: {any: [{question: n, lt: 2}, {question: t, state: missing}]}}}
          - {id: e_score, type: yes_no, prompt: E?, help: h, when: {score: sc, gte: 2}}
          - {id: e_skip, type: yes_no, prompt: E?, help: h, when: {question: d_eq, state: skipped}}
          - {id: e_doubt, type: yes_no, prompt: E?, help: h, when: {not: {question: d_eq, equals: "yes"}}}
          - {id: e_num, type: yes_no, prompt: E?, help: h, when: {question: n, lt: 2}}
    scores:
      - {id: sc, title: Sc, items: [c1], source: s1}
    """
)


def test_conditions_become_enable_when_or_an_sdc_expression_never_dropped():
    cl = parse_checklist(CONDITIONS, "c.yaml")
    items = {i["linkId"]: i for i in walk(questionnaire(cl)["item"])}
    Questionnaire.model_validate(questionnaire(cl))
    unsure_a = [
        {"question": "a", "operator": "=", "answerCoding": {"system": DAR_SYSTEM, "code": code, "display": display}}
        for code, display in (("asked-unknown", "Unsure"), ("asked-declined", "Prefer not to say"))
    ]
    assert items["d_eq"]["enableWhen"] == [
        {"question": "a", "operator": "=", "answerCoding": {"system": YES_NO_SYSTEM, "code": "Y", "display": "Yes"}},
        *unsure_a,
    ]
    assert items["d_eq"]["enableBehavior"] == "any"
    assert items["d_anyin"]["enableBehavior"] == "any" and len(items["d_anyin"]["enableWhen"]) == 4
    assert [w["answerCoding"]["code"] for w in items["d_anyin"]["enableWhen"]] == [
        "x",
        "y'z",
        "asked-unknown",
        "asked-declined",
    ]
    for qid in (
        "d_all",
        "e_ne",
        "e_state",
        "e_not",
        "e_score",
        "e_skip",
    ):  # all-of and numbers: unsure cannot be said in enableWhen
        item = items[qid]
        assert "enableWhen" not in item, qid
        (ext,) = [e for e in item["extension"] if e["url"] == ENABLE_WHEN_EXPRESSION]
        assert (
            ext["valueExpression"]["language"] == "text/fhirpath"
            and "%resource" in ext["valueExpression"]["expression"]
        )
    assert items["d_anyin"]["enableWhen"][1]["answerCoding"]["code"] == "y'z"  # codes stay data in JSON
    assert "iif(" in _expr_of(items["e_score"])


fhirpathpy = pytest.importorskip("fhirpathpy", reason="fhirpathpy (a test dependency) is not installed")

COND_CL = parse_checklist(CONDITIONS, "c.yaml")
R4_MODEL = __import__("fhirpathpy.models", fromlist=["models"]).models[
    "r4"
]  # resolves answer.value[x], as form fillers do


_COMPILED: dict[str, object] = {}


def _fhirpath(expression: str):
    if expression not in _COMPILED:
        _COMPILED[expression] = fhirpathpy.compile(expression, R4_MODEL)
    return _COMPILED[expression]


def _expr_of(item):
    return next(
        e["valueExpression"]["expression"] for e in item.get("extension", []) if e["url"] == ENABLE_WHEN_EXPRESSION
    )


EXPRESSIONS = ("d_all", "e_ne", "e_state", "e_not", "e_score", "e_skip", "e_doubt", "e_num")

# Questions that conditions test by value are never left blank here: a blank answer is where the form
# and the engine part on purpose (see test_a_blank_answer_is_not_yet_given and docs/fhir.md).
ANSWER = {
    "a": st.sampled_from(["yes", "no", "unsure", "declined"]),
    "m": st.sampled_from([["x"], ["y'z"], ["x", "y'z"], "unsure", "declined"]),
    "n": st.sampled_from([0, 1, 2, 3, 9.5, "unsure", "declined"]),
    "t": st.sampled_from(["hello", "declined", None]),
    "c1": st.sampled_from(["lo", "hi", "unsure", "declined"]),
    "d_eq": st.sampled_from(["yes", "no", "unsure", None]),
}


def _visible(cl, raw, qids):
    """(clinic-ready's three-valued visibility, the FHIRPath engine's) for the given questions."""
    from clinic_ready.io.answers import coerce

    given_ = Answers(cl.id, cl.version, {k: coerce(cl.questions[k], v) for k, v in raw.items() if v is not None})
    result = engine.evaluate(cl, given_)
    qr = response(result, "2026-01-01T00:00:00+00:00")
    items = {i["linkId"]: i for i in walk(questionnaire(cl)["item"])}
    shown = {i.question.id: i.state != "skipped" for i in result.items}
    got = {}
    for qid in qids:
        value = _fhirpath(_expr_of(items[qid]))(qr, {"resource": qr})
        assert value in ([True], [False]), (qid, value)  # a boolean, never empty
        got[qid] = value[0]
    return {q: shown[q] for q in qids}, got


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries(ANSWER))
def test_fhirpath_expressions_mean_what_the_engine_means(raw):
    """Every generated enableWhenExpression, run by a FHIRPath engine on the response, agrees with
    clinic-ready's three-valued visibility: shown when the condition is true or unknown."""
    engine_says, fhirpath_says = _visible(COND_CL, raw, EXPRESSIONS)
    assert fhirpath_says == engine_says, raw


def test_an_unsure_answer_shows_what_it_gates_in_both_engines():
    """The cases the property must cover, spelled out: unsure makes a test unknown, and unknown asks."""
    base = {"a": "yes", "m": ["x"], "n": 5, "t": "hello", "c1": "lo", "d_eq": None}
    engine_says, fhirpath_says = _visible(COND_CL, {**base, "a": "unsure"}, EXPRESSIONS)
    assert engine_says == fhirpath_says and engine_says["e_ne"] and engine_says["d_all"]  # a != yes: unknown
    engine_says, fhirpath_says = _visible(COND_CL, {**base, "c1": "unsure"}, EXPRESSIONS)
    assert engine_says == fhirpath_says and engine_says["e_score"]  # 0 or 2 points: could reach 2
    engine_says, fhirpath_says = _visible(COND_CL, {**base, "n": "declined"}, EXPRESSIONS)
    assert engine_says == fhirpath_says and engine_says["e_num"] and engine_says["e_not"]
    engine_says, fhirpath_says = _visible(COND_CL, {**base, "a": "unsure", "d_eq": "yes"}, EXPRESSIONS)
    assert engine_says == fhirpath_says and engine_says["e_doubt"]  # d_eq was asked only in doubt
    engine_says, fhirpath_says = _visible(COND_CL, {**base, "a": "yes", "d_eq": "yes"}, EXPRESSIONS)
    assert engine_says == fhirpath_says and not engine_says["e_doubt"] and not engine_says["e_ne"]


def test_a_blank_answer_is_not_yet_given():
    """A form cannot tell "left blank" from "not reached yet": there a blank gate hides what it gates
    (FHIR's enableWhen reading), while the engine, judging a finished response, asks (its missing is
    unknown).  The answers themselves still round-trip unchanged."""
    base = {"a": None, "m": ["x"], "n": 5, "t": "hello", "c1": "lo", "d_eq": None}
    engine_says, fhirpath_says = _visible(COND_CL, base, ("e_ne",))
    assert engine_says == {"e_ne": True} and fhirpath_says == {"e_ne": False}


# --------------------------------------------------------------------------- QuestionnaireResponse and Bundle


def run_json(*args, **kw):
    r = cli("run", *args, "--no-input", "--format", "json", **kw)
    assert r.returncode in (0, 1), r.stderr
    return r.stdout


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_round_trips_through_a_questionnaire_response(example, tmp_path):
    cid = pipeline.report_result(str(example), None).result.checklist.id
    original = run_json(cid, "--answers", str(example))
    r = cli(
        "run", cid, "--answers", str(example), "--no-input", "--format", "fhir", "--output", str(tmp_path / "b.json")
    )
    assert r.returncode == 0, r.stderr
    doc = json.loads((tmp_path / "b.json").read_text())
    Bundle.model_validate(doc)
    qr = doc["entry"][0]["resource"]
    QuestionnaireResponse.model_validate(qr)
    assert qr["questionnaire"] == f"{questionnaire_url(cid)}|{CHECKLISTS[cid].version}"
    assert qr["status"] == "completed"
    (tmp_path / "response.json").write_text(json.dumps(qr))
    assert run_json(cid, "--answers", str(tmp_path / "response.json")) == original
    # report reads the response too, naming its checklist from the questionnaire canonical
    r = cli("report", str(tmp_path / "response.json"), "--format", "fhir")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["entry"][0]["resource"]["item"] == qr["item"]


def test_a_response_is_completed_exactly_when_an_unattended_run_accepts_it(tmp_path):
    """'Unsure' where the doses are taken asks the at-home questions in doubt; leaving them open is
    not assessed, not an error: the response is completed, and run --no-input accepts it."""
    import yaml

    data = yaml.safe_load((EXAMPLES / "well-run-clinic.yaml").read_text())
    data["answers"]["where"] = "unsure"
    path = tmp_path / "unsure.yaml"
    path.write_text(yaml.safe_dump(data))
    result = pipeline.report_result(str(path), None).result
    in_doubt = [i for i in result.items if i.in_doubt and i.state == "missing" and i.question.required]
    assert in_doubt, "the at-home questions are asked in doubt"
    qr = response(result, "2026-01-01T00:00:00+00:00")
    assert qr["status"] == "completed"
    (tmp_path / "qr.json").write_text(json.dumps(qr))
    assert run_json("ketamine-clinic", "--answers", str(tmp_path / "qr.json")) == run_json(
        "ketamine-clinic", "--answers", str(path)
    )
    data["answers"].pop("prescriber_licensed")  # a required question put to everyone: still open
    path.write_text(yaml.safe_dump(data))
    assert (
        response(pipeline.report_result(str(path), None).result, "2026-01-01T00:00:00+00:00")["status"] == "in-progress"
    )


def test_the_bundle_holds_one_detected_issue_per_concern_citing_its_sources():
    result = pipeline.report_result(str(EXAMPLES / "perry-like.yaml"), None).result
    doc = bundle(result, "2026-01-01T00:00:00+00:00")
    Bundle.model_validate(doc)
    assert doc["type"] == "collection"
    issues = [e["resource"] for e in doc["entry"][1:] if e["resource"]["status"] == "final"]
    assert len(issues) == len(result.findings) > 0
    qr_ref = doc["entry"][0]["fullUrl"]
    for issue, finding in zip(issues, result.findings, strict=False):
        DetectedIssue.model_validate(issue)
        assert issue["code"]["coding"][0]["code"] == finding.concern.id
        assert issue["extension"][0]["valueCode"] == finding.concern.severity.value
        cited = [e["valueRelatedArtifact"]["label"] for e in issue["extension"][1:]]
        assert cited == [s.id for s in finding.sources]
        assert issue["evidence"][0]["detail"][0]["reference"] == qr_ref
        assert issue["mitigation"][0]["action"]["text"] == finding.concern.action.strip()
    assert issues[0]["severity"] == "high" and issues[0]["extension"][0]["valueCode"] == "critical"
    assert "988" in doc["entry"][0]["resource"]["text"]["div"]


def test_concerns_that_could_apply_are_preliminary_detected_issues_naming_the_answers_they_depend_on():
    result = pipeline.report_result(str(EXAMPLES / "perry-like.yaml"), None).result
    doc = bundle(result, "2026-01-01T00:00:00+00:00")
    Bundle.model_validate(doc)
    issues = [e["resource"] for e in doc["entry"][1:]]
    assert [i["status"] for i in issues] == ["final"] * len(result.findings) + ["preliminary"] * len(result.could_apply)
    assert len(result.could_apply) > 0
    for issue, possible in zip(issues[len(result.findings) :], result.could_apply, strict=False):
        DetectedIssue.model_validate(issue)
        assert issue["code"]["coding"][0]["code"] == possible.concern.id
        shown = [d["display"] for e in issue["evidence"] for d in e["detail"]]
        assert shown == [
            f"{i.question.prompt} ({ {'unsure': 'you answered unsure', 'declined': 'you preferred not to say'}.get(i.state, 'not answered yet') })"
            for i in possible.depends_on
        ]
        assert "Could apply (" in issue["text"]["div"].split("</p>")[0]
    raised = {i["code"]["coding"][0]["code"] for i in issues if i["status"] == "final"}
    assert raised.isdisjoint(i["code"]["coding"][0]["code"] for i in issues if i["status"] == "preliminary")


def test_an_urgent_concern_comes_first_flagged_and_with_the_crisis_lines():
    answers = Answers(
        cl_main.id,
        cl_main.version,
        {
            "suicidal_thoughts": Answer.of("yes"),
            "suicidal_now": Answer.of("yes"),
            "sober_adult": Answer.of("no"),
            "where": Answer.of("home"),
        },
    )
    result = engine.evaluate(cl_main, answers)
    doc = bundle(result, "2026-01-01T00:00:00+00:00")
    Bundle.model_validate(doc)
    first = doc["entry"][1]["resource"]
    assert first["code"]["coding"][0]["code"] == "suicidal_now" and first["status"] == "final"
    assert {"url": "urn:clinic-ready:extension:concern-urgent", "valueBoolean": True} in first["extension"]
    assert "<p>Urgent. Critical: " in first["text"]["div"] and "988" in first["text"]["div"]
    others = [e["resource"] for e in doc["entry"][2:]]
    assert others and not any(e["url"].endswith("concern-urgent") for i in others for e in i["extension"])


cl_main = CHECKLISTS["ketamine-clinic"]


def _random_answers(draw_values):
    return Answers(cl_main.id, cl_main.version, draw_values)


def _value_strategy(q):
    states = st.sampled_from([Answer("unsure"), Answer("declined")])
    if q.type == "yes_no":
        return st.one_of(st.sampled_from([Answer.of("yes"), Answer.of("no")]), states)
    if q.type == "choice":
        return st.one_of(st.sampled_from([Answer.of(v) for v in q.choice_values]), states)
    if q.type == "multi_choice":
        alone = [c.value for c in q.choices or () if c.exclusive]  # "None of these" is never ticked with another
        others = [v for v in q.choice_values if v not in alone]
        ticks = st.lists(st.sampled_from(others), min_size=1, unique=True)
        if alone:
            ticks = st.one_of(ticks, st.sampled_from(alone).map(lambda v: [v]))
        return st.one_of(ticks.map(Answer.of), states)
    if q.type == "number":
        low, high = q.min if q.min is not None else -1e6, q.max if q.max is not None else 1e6
        return st.one_of(st.integers(int(low), int(high)).map(Answer.of), states)
    return st.one_of(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
        .filter(lambda s: s.strip() and s.strip().lower() not in ("unsure", "declined", "decline"))
        .map(lambda s: Answer.of(s.strip())),
        states,
    )


RANDOM_ANSWERS = {
    cid: st.fixed_dictionaries({}, optional={qid: _value_strategy(q) for qid, q in cl.questions.items()})
    for cid, cl in CHECKLISTS.items()
}


@pytest.mark.parametrize("cid", sorted(CHECKLISTS))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_answers_round_trip(cid, data):
    """YAML answers -> QuestionnaireResponse -> answers: the same result document, in process, for
    every shipped checklist (unsure, declined and unanswered gates included)."""
    from clinic_ready.io.answers import parse_answers
    from clinic_ready.io.yamlio import parse
    from clinic_ready.render.json_ import document

    cl = CHECKLISTS[cid]
    values = data.draw(RANDOM_ANSWERS[cid], label="answers")
    first = engine.evaluate(cl, Answers(cl.id, cl.version, values))
    kept = pipeline.visible_answers(first)  # what a saved answers file keeps
    original = engine.evaluate(cl, kept)
    yaml_data = parse(json.dumps(to_data(kept, cl), ensure_ascii=False), "a.json")
    from_yaml, _ = parse_answers(yaml_data, cl, "", "a.json")
    qr = response(original, "2026-01-01T00:00:00+00:00")
    QuestionnaireResponse.model_validate(qr)
    text = json.dumps(qr, ensure_ascii=False)  # characters as themselves, as a form filler writes them
    back, warnings = parse_answers(parse(text, "qr.json"), cl, text, "qr.json")
    assert warnings == []
    assert back.values == from_yaml.values
    assert document(engine.evaluate(cl, back)) == document(original)


# --------------------------------------------------------------------------- reading responses: errors


def _qr(items, questionnaire=None):
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire or f"{questionnaire_url('ketamine-clinic')}|1.0.0",
        "status": "completed",
        "item": items,
    }


def test_a_bad_answer_in_a_response_is_located_like_a_yaml_error(tmp_path):
    path = tmp_path / "qr.json"
    doc = _qr(
        [
            {
                "linkId": "licensing",
                "item": [
                    {"linkId": "where", "answer": [{"valueCoding": {"code": "moon"}}]},
                    {"linkId": "wher", "answer": [{"valueString": "x"}]},
                    {
                        "linkId": "reason",
                        "answer": [{"valueCoding": {"code": "depression"}}, {"valueCoding": {"code": "pain"}}],
                    },
                ],
            }
        ]
    )
    path.write_text(json.dumps(doc, indent=2))
    r = cli("run", "--answers", str(path), "--no-input")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3
    assert (
        lines[0].startswith(f"{path}:")
        and "the answer is not one of the choices — use one of: clinic, both, home, elsewhere" in lines[0]
    )
    assert "moon" not in r.stderr  # answers are health data: errors never repeat them
    assert ":" in lines[0].split(" ")[0][len(str(path)) :]  # line and column
    assert "no question has the id 'wher'" in lines[1] and "did you mean 'where'" in lines[1]
    assert "2 answers given to a question that takes one" in lines[2]


def test_responses_for_other_questionnaires_are_refused(tmp_path):
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(_qr([], "http://example.org/Questionnaire/phq9")))
    r = cli("run", "--answers", str(path), "--no-input")
    assert r.returncode == 2 and "is not a clinic-ready questionnaire" in r.stderr
    path.write_text(json.dumps(_qr([], f"{questionnaire_url('ketamine-clinic-self-audit')}|1.0.0")))
    r = cli("run", "--answers", str(path), "--no-input")
    assert r.returncode == 2 and "these answers are for checklist 'ketamine-clinic-self-audit'" in r.stderr


def test_what_other_form_fillers_write_is_understood():
    from clinic_ready.io.answers import parse_answers

    doc = _qr(
        [
            {
                "linkId": "g",
                "item": [
                    {"linkId": "prescriber_licensed", "answer": [{"valueBoolean": True}]},
                    {
                        "linkId": "in_person_eval",
                        "answer": [{"valueCoding": {"system": DAR_SYSTEM, "code": "asked-declined"}}],
                    },
                    {"linkId": "clinic_name", "answer": [{"valueString": "Example"}]},
                ],
            }
        ],
        questionnaire_url("ketamine-clinic"),
    )
    answers, _ = parse_answers(doc, cl_main, json.dumps(doc), "qr.json")
    assert answers.values == {
        "prescriber_licensed": Answer.of("yes"),
        "in_person_eval": Answer("declined"),
        "clinic_name": Answer.of("Example"),
    }


# --------------------------------------------------------------------------- commands


def test_export_writes_the_questionnaire_through_the_installed_command(tmp_path):
    out = tmp_path / "questionnaire.json"
    r = subprocess.run(
        [cli_path(), "export", "ketamine-clinic", "--fhir", "--version", "R4", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text()) == questionnaire(cl_main)
    assert (out.stat().st_mode & 0o777) == 0o600
    r = cli("export", "ketamine-clinic")
    assert r.returncode == 2 and "add --fhir" in r.stderr
    assert not (tmp_path / "r5.json").exists()
    r = subprocess.run(
        [cli_path(), "export", "ketamine-clinic", "--fhir", "--version", "R5", "-o", str(tmp_path / "r5.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("Usage: clinic-ready export ")  # Click's own usage message
    assert "Error: Invalid value for '--version'" in r.stderr and "'R5'" in r.stderr and "R4" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "r5.json").exists()


def test_batch_writes_one_questionnaire_response_per_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("checklist: ketamine-clinic\nanswers:\n  where: moon\n")
    files = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    r = cli("batch", *files, str(bad), "--format", "fhir-ndjson")
    assert r.returncode == 2
    assert "bad.yaml:3:10: answers.where: the answer is not one of the choices" in r.stderr and "moon" not in r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == len(files)
    for line in lines:
        qr = json.loads(line)
        QuestionnaireResponse.model_validate(qr)
        assert qr["resourceType"] == "QuestionnaireResponse" and qr["id"]


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(allow_nan=True)
    | st.sampled_from(["where", "home", "Y", "N", "asked-unknown", DAR_SYSTEM, "reason", "valueCoding", "x"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "linkId",
                    "answer",
                    "item",
                    "valueCoding",
                    "valueDecimal",
                    "valueBoolean",
                    "valueString",
                    "code",
                    "system",
                    "extension",
                    "url",
                    "valueCode",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSONISH)
def test_any_response_shape_gives_answers_or_clinic_ready_errors(items):
    """Whatever a response holds, reading it gives answers or located problems, never a crash."""
    from clinic_ready.errors import ClinicReadyError
    from clinic_ready.io.answers import parse_answers

    doc = _qr(items if isinstance(items, list) else [items])
    text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
    try:
        parse_answers(doc, cl_main, text, "qr.json")
    except ClinicReadyError as exc:
        assert all(line.startswith("qr.json") for line in exc.lines())


@pytest.mark.parametrize("extension", [True, "x", {"url": "u"}, 3])
def test_an_item_extension_of_the_wrong_shape_is_not_a_crash(extension):
    """Found by the property above: `"extension": true` on an item raised TypeError (exit 3)."""
    from clinic_ready.errors import ClinicReadyError
    from clinic_ready.io.answers import parse_answers

    doc = _qr([{"linkId": "where", "extension": extension, "answer": []}])
    try:
        parse_answers(doc, cl_main, json.dumps(doc), "qr.json")
    except ClinicReadyError as exc:
        assert all(line.startswith("qr.json") for line in exc.lines())


@pytest.mark.parametrize("code", [["x"], {"a": 1}, 3, None, True])
def test_a_data_absent_reason_of_the_wrong_shape_is_a_missing_answer_not_a_crash(tmp_path, code):
    """Found by the December io refactor: a list as the extension's valueCode raised TypeError
    (unhashable) and the installed command exited 3.  It carries no state: the answer is missing."""
    from clinic_ready.io.fhir import DAR_EXTENSION

    doc = _qr([{"linkId": "where", "extension": [{"url": DAR_EXTENSION, "valueCode": code}], "answer": []}])
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(doc))
    done = subprocess.run(
        [cli_path(), "run", "-a", str(path), "--no-input"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert "internal error" not in done.stderr and "required question(s) have no answer" in done.stderr


def _codings(doc, out=None):
    """Every Coding in a FHIR document, in order, as (system, code, display)."""
    out = [] if out is None else out
    if isinstance(doc, dict):
        if "system" in doc and "code" in doc:
            out.append((doc["system"], doc["code"], doc.get("display")))
        for v in doc.values():
            _codings(v, out)
    elif isinstance(doc, list):
        for v in doc:
            _codings(v, out)
    return out


def test_a_spanish_questionnaire_shows_the_standard_codes_in_spanish(tmp_path):
    """Yes/No (HL7 0136) and unsure/prefer-not-to-say (data-absent-reason) are shown in the
    person's language, on the same systems and codes: what decides is the code. And a Spanish
    QuestionnaireResponse reads back to the same result as the YAML answers it came from."""
    from helpers import invoke_cli as run_cli  # in process

    en, es = (json.loads(run_cli("--lang", lang, "export", "--fhir").stdout) for lang in ("en", "es"))
    en_codes, es_codes = _codings(en), _codings(es)
    assert [c[:2] for c in en_codes] == [c[:2] for c in es_codes]
    shown = {(system, code): display for system, code, display in es_codes if system in (DAR_SYSTEM, YES_NO_SYSTEM)}
    assert shown == {
        (YES_NO_SYSTEM, "Y"): "Sí",
        (YES_NO_SYSTEM, "N"): "No",
        (DAR_SYSTEM, "asked-unknown"): "No sé",
        (DAR_SYSTEM, "asked-declined"): "Prefiero no decirlo",
    }
    assert {d for s, c, d in en_codes if (s, c) == (DAR_SYSTEM, "asked-unknown")} == {"Unsure"}

    line = run_cli("--lang", "es", "batch", "--format", "fhir-ndjson", str(EXAMPLES / "perry-like.yaml")).stdout
    answers = tmp_path / "respuesta.json"
    answers.write_text(line, encoding="utf-8")
    assert '"display":"No sé"' in line or '"display": "No sé"' in line or "Prefiero no decirlo" in line
    back = run_cli("run", "--answers", str(answers), "--no-input", "-f", "json")
    direct = run_cli("run", "--answers", str(EXAMPLES / "perry-like.yaml"), "--no-input", "-f", "json")
    assert (
        back.returncode == direct.returncode
        and json.loads(back.stdout)["answers"] == json.loads(direct.stdout)["answers"]
    ), back.stderr
