"""A real FHIR form filler: NLM LHC-Forms shows the exported Questionnaire in headless Chromium,
behaves as the checklist says, and its own QuestionnaireResponse is accepted as an answers file.

Needs Chromium (Debian: apt-get install chromium), Playwright for Python (a test dependency) and
LHC-Forms in tests/fixtures/lforms (tests/io/fhir/install-lforms.sh puts it there; .ci/run does both).
Nothing is fetched while the test runs: every request that is not to the local page is refused.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest
from helpers import FIXTURES, cli_path

LFORMS = FIXTURES / "lforms"
FILES = ("lhc-forms.js", "styles.css", "zone.min.js", "lformsFHIR.min.js")
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clinic-ready in LHC-Forms</title>
<link rel="stylesheet" href="styles.css"></head>
<body><div id="form"></div>
<script src="zone.min.js"></script><script src="lhc-forms.js"></script><script src="lformsFHIR.min.js"></script>
</body></html>
"""


def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _cli(*args):
    return subprocess.run([cli_path(), *args], capture_output=True, text=True, timeout=60)


@pytest.fixture
def browser_page(tmp_path):
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is not installed (pip install '.[test]')"
    )
    chromium = _chromium()
    if chromium is None:
        pytest.skip(
            "no Chromium on this machine (Debian: apt-get install chromium); the LHC-Forms test needs a browser"
        )
    if not all((LFORMS / f).is_file() for f in FILES):
        pytest.skip("LHC-Forms is not in tests/fixtures/lforms: run tests/io/fhir/install-lforms.sh (needs npm)")
    site = tmp_path / "site"
    site.mkdir()
    for f in FILES:
        shutil.copy(LFORMS / f, site / f)
    (site / "index.html").write_text(PAGE)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    refused: list[str] = []
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                refused.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(base + "/index.html")
        page.wait_for_function("() => !!(window.LForms && LForms.Util && LForms.Util.addFormToPage)", timeout=30000)
        yield page, errors
        browser.close()
    server.shutdown()
    assert refused == [], "the page tried to fetch something from outside"


def test_lhc_forms_renders_the_questionnaire_and_its_response_is_accepted(browser_page, tmp_path):
    page, errors = browser_page
    q_path = tmp_path / "questionnaire.json"
    r = _cli("export", "ketamine-clinic", "--fhir", "-o", str(q_path))
    assert r.returncode == 0, r.stderr
    questionnaire = json.loads(q_path.read_text())
    page.evaluate("q => LForms.Util.addFormToPage(q, 'form', {})", questionnaire)
    page.wait_for_selector("lhc-item", timeout=30000)

    def item(link_id):
        return page.locator(f'lhc-item[id^="item-{link_id}/"]')

    # sections and questions, as the checklist has them
    shown_sections = [g["text"] for g in questionnaire["item"] if "enableWhen" not in g and "extension" not in g]
    for title in shown_sections:
        assert page.get_by_text(title, exact=True).first.is_visible(), title
    assert item("where").get_by_text("Where will you take each dose?").is_visible()
    assert item("where").get_by_text("Prefer not to say", exact=True).is_visible()  # declined is offered everywhere
    # conditional display: nothing about home use until the person says "At home"
    assert item("sober_adult").count() == 0
    assert page.get_by_text("At-home and telehealth ketamine", exact=True).count() == 0
    item("where").get_by_text("At home", exact=True).click()
    item("sober_adult").wait_for(state="visible", timeout=10000)
    assert page.get_by_text("At-home and telehealth ketamine", exact=True).first.is_visible()
    assert item("prescriber_on_site").count() == 0  # shown only for a clinic
    # when in doubt, ask: "Unsure" where the doses are taken shows both the clinic and the at-home questions
    item("where").get_by_text("Unsure", exact=True).click()
    item("prescriber_on_site").wait_for(state="visible", timeout=10000)
    assert item("sober_adult").first.is_visible()
    item("where").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "lhc-forms-unsure.png"))
    item("where").get_by_text("At home", exact=True).click()
    item("prescriber_on_site").wait_for(state="detached", timeout=10000)
    # a few answers, clicked and typed as a person would
    item("reason").get_by_text("Depression", exact=True).click()
    item("prescriber_licensed").get_by_text("Yes", exact=True).click()
    item("in_person_eval").get_by_text("Unsure", exact=True).click()
    item("sober_adult").get_by_text("No", exact=True).click()
    item("clinic_name").locator("input").fill("Example Clinic")
    page.screenshot(path=str(tmp_path / "lhc-forms.png"))
    item("sober_adult").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "lhc-forms-home.png"))
    assert errors == []

    qr = page.evaluate(
        "() => LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form'))"
    )
    assert qr["resourceType"] == "QuestionnaireResponse"
    assert qr["questionnaire"] == f"urn:clinic-ready:questionnaire:ketamine-clinic|{questionnaire['version']}"
    try:
        from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
    except ImportError:  # pragma: no cover - installed with the test extras
        QuestionnaireResponse = None
    if QuestionnaireResponse is not None:
        QuestionnaireResponse.model_validate(qr)
    response = tmp_path / "response.json"
    response.write_text(json.dumps(qr, ensure_ascii=False, indent=2))

    r = _cli("validate", str(response))  # read in full; refused only for the questions left blank,
    # as run -a refuses them (every command agrees on missing answers)
    assert r.returncode == 2, r.stderr
    problems = r.stderr.strip().splitlines()
    assert len(problems) == 1 and "required question(s) have no answer" in problems[0], r.stderr
    r = _cli("report", str(response), "--format", "fhir")
    assert r.returncode == 0, r.stderr
    ours = json.loads(r.stdout)["entry"][0]["resource"]
    answers = {
        i["linkId"]: i["answer"][0]["valueCoding"]["code"]
        if "valueCoding" in i["answer"][0]
        else i["answer"][0]["valueString"]
        for g in ours["item"]
        for i in g["item"]
    }
    assert answers == {
        "clinic_name": "Example Clinic",
        "reason": "depression",
        "where": "home",
        "prescriber_licensed": "Y",
        "in_person_eval": "asked-unknown",
        "sober_adult": "N",
        # two opt-in gates left blank: skipping one means "no" (if_skipped), in every command alike
        "family_help": "N",
        "do_self_check": "N",
    }
    assert ours["status"] == "in-progress"  # required questions are still open
    # run accepts the file; what is left is only the questions nobody answered yet
    r = _cli("run", "--answers", str(response), "--no-input")
    assert r.returncode == 2
    assert "required question(s) have no answer" in r.stderr and str(response) not in r.stderr


EXPRESSIONS = """\
format: 1
id: expressions
title: Expressions
version: "1"
facts_as_of: 2026-01-01
audience: testers
intro: i
notice: Not medical advice.
sources:
  - {id: s1, title: S, publisher: P, year: 2020}
sections:
  - id: s
    title: Section S
    questions:
      - {id: a, type: yes_no, prompt: Question A, help: h}
      - {id: e_ne, type: text, prompt: Shown when A is answered and not yes, help: h, when: {question: a, not_equals: "yes"}}
      - {id: e_state, type: text, prompt: Shown when A is unsure or declined, help: h, when: {question: a, state: [unsure, declined]}}
      - {id: e_not, type: text, prompt: Shown unless A is yes, help: h, when: {not: {question: a, equals: "yes"}}}
"""


def test_lhc_forms_evaluates_the_fhirpath_conditions_as_clinic_ready_does(browser_page, tmp_path):
    """Conditions that enableWhen cannot say travel as SDC FHIRPath; LHC-Forms' fhirpath.js must agree."""
    page, errors = browser_page
    (tmp_path / "expressions.yaml").write_text(EXPRESSIONS)
    r = _cli("export", str(tmp_path / "expressions.yaml"), "--fhir")
    assert r.returncode == 0, r.stderr
    page.evaluate("q => LForms.Util.addFormToPage(q, 'form', {})", json.loads(r.stdout))
    page.wait_for_selector("lhc-item", timeout=30000)

    def shown(expected: dict) -> dict:
        """Which of the three questions LHC-Forms shows, once it shows the expected ones (every step
        below changes at least one of them, so reaching it means the answer was processed), or
        after 5 s: then the assertion shows what it does show."""
        js = (
            "exp => Object.entries(exp).every(([q, v]) => "
            "(document.querySelectorAll(`lhc-item[id^='item-${q}/']`).length > 0) === v)"
        )
        try:  # noqa: SIM105
            page.wait_for_function(js, arg=expected, timeout=5000)
        except Exception:  # Playwright's timeout: compare what is there
            pass
        return {q: page.locator(f'lhc-item[id^="item-{q}/"]').count() > 0 for q in expected}

    def expect(expected: dict) -> None:
        assert shown(expected) == expected

    expect({"e_ne": False, "e_state": False, "e_not": True})  # blank: not given yet (docs/fhir.md)
    answer = page.locator('lhc-item[id^="item-a/"]')
    answer.get_by_text("Unsure", exact=True).click()
    expect({"e_ne": True, "e_state": True, "e_not": True})  # unknown: when in doubt, ask
    answer.get_by_text("No", exact=True).click()
    expect({"e_ne": True, "e_state": False, "e_not": True})
    answer.get_by_text("Yes", exact=True).click()
    expect({"e_ne": False, "e_state": False, "e_not": False})
    answer.get_by_text("Prefer not to say", exact=True).click()
    expect({"e_ne": True, "e_state": True, "e_not": True})
    assert errors == []
