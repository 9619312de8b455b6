"""The browser version in Chromium, as a person uses it: the same results as the command line,
byte for byte; a whole run by keyboard; the urgent interruption; answering for someone else;
Spanish; nothing requested outside the page's own address; offline after the first visit;
"Forget my answers"; an accessibility check; screenshots at 390 and 1280 px.

One page is opened for the whole session (starting the engine in the browser takes seconds), and
each test starts again from the page's own start screen.  The tests share one xdist worker.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from answer_sets import answer_texts
from helpers import EXAMPLES, cli_path
from site_fixtures import INGREDIENTS, browser, server, shots, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.xdist_group("web-browser")
BOOT_MS = 240_000  # a first visit on a slow, busy machine
#: random answers files per checklist (about 0.13 s each in the browser here); more with the variable
RANDOM_SETS = int(os.environ.get("CLINIC_READY_WEB_PARITY_SETS", "50"))


@pytest.fixture(scope="session")  # session: xdist may run other modules' tests in between, and a boot costs seconds
def page(browser, server):  # noqa: F811
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = context.new_page()
    p.requests = []  # every URL the page (and its worker) asked for
    p.on("request", lambda r: p.requests.append(r.url))
    context.on("request", lambda r: p.requests.append(r.url))
    p.on("dialog", lambda d: d.accept())
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.goto(server.url)
    p.wait_for_selector("#title", timeout=BOOT_MS)
    yield p
    context.close()


def restart(page, checklist="ketamine-clinic", lang="en"):
    page.evaluate("([c, l]) => window.clinicReady.restart(c, l)", [checklist, lang])
    page.wait_for_selector("#title")
    page.evaluate("() => { for (const k of Object.keys(localStorage)) localStorage.removeItem(k); }")


def engine(page, method, *args):
    return page.evaluate("([m, a]) => window.clinicReady.py(m, ...a)", [method, list(args)])


def open_file(page, tmp_path, data, name="answers.yaml"):
    path = tmp_path / name
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if isinstance(data, dict) else data, encoding="utf-8"
    )
    page.set_input_files("#answers-file", str(path))


def cli(*args, lang="en"):
    done = subprocess.run([cli_path(), "--lang", lang, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def visible_text(page) -> str:
    return page.inner_text("#screen")


def axe_violations(page) -> list:
    page.evaluate((INGREDIENTS / "axe" / "axe.min.js").read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def press_and_move_on(page, button: str) -> None:
    """Click a button of the question on screen and wait until another question is shown."""
    qid = page.get_attribute("#qform", "data-qid")
    page.click(button)
    page.wait_for_selector(f"#qform:not([data-qid={qid}])")


def review_and_summary(page):
    page.wait_for_selector("#review-h")
    page.click("#to-summary")
    page.wait_for_selector("#summary-h")
    frame = page.frame_locator("#report")
    frame.locator("h1").first.wait_for()
    return frame


# ------------------------------------------------------------------------------------ parity
@pytest.mark.parametrize(
    "example,lang",
    [
        ("perry-like.yaml", "en"),
        ("well-run-clinic.yaml", "en"),
        ("self-audit-well-run.yaml", "en"),
        ("perry-like.yaml", "es"),
    ],
)
def test_examples_give_the_command_lines_json_and_html_byte_for_byte(page, example, lang, tmp_path):
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    checklist = yaml.safe_load(text)["checklist"]
    engine(page, "open", checklist, lang, "letter")
    (got,) = engine(page, "outputs_for", [text], ["json", "html"])
    want_json = cli("run", "-a", str(EXAMPLES / example), "-f", "json", lang=lang)
    html = tmp_path / "r.html"
    cli("run", "-a", str(EXAMPLES / example), "-f", "html", "--paper", "letter", "-o", str(html), lang=lang)
    assert got["json"] == want_json
    assert got["html"] == html.read_text(encoding="utf-8")
    restart(page)


@pytest.mark.parametrize("checklist,seed", [("ketamine-clinic", 2701), ("ketamine-clinic-self-audit", 2702)])
def test_random_answers_give_the_command_lines_json_and_html(page, checklist, seed, tmp_path):
    """The command line's own path (cli/run.py: load_inputs, evaluate, the renderer), in CPython,
    against the page's path (open the answers file, then the outputs), in Pyodide."""
    from clinic_ready.app import pipeline
    from clinic_ready.core import engine as cpython_engine
    from clinic_ready.render import renderer

    cl = pipeline.load_checklist(checklist)
    texts = answer_texts(cl, RANDOM_SETS, seed)
    engine(page, "open", checklist, "en", "letter")
    got = engine(page, "outputs_for", texts, ["json", "html"])
    for n, (text, out) in enumerate(zip(texts, got, strict=True)):
        path = tmp_path / f"a{n}.yaml"
        path.write_text(text, encoding="utf-8")
        inputs = pipeline.load_inputs(checklist, str(path), [])
        result = cpython_engine.evaluate(inputs.checklist, inputs.answers)
        assert out["json"] == renderer("json").render(result, paper="letter", explain=False), text
        assert out["html"] == renderer("html").render(result, paper="letter", explain=False), text
    restart(page)


# ------------------------------------------------------------------------------------ journeys
def _tab_to(page, element_id: str, limit: int = 40) -> None:
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_a_whole_run_by_keyboard_alone(page, shots):  # noqa: F811
    restart(page)
    page.focus("#title")
    _tab_to(page, "begin")
    page.keyboard.press("Enter")
    answered = 0
    for _ in range(120):
        page.wait_for_selector("#qform, #urgent-h, #review-h")
        if page.query_selector("#review-h"):
            break
        if page.query_selector("#urgent-h"):
            _tab_to(page, "continue")
            page.keyboard.press("Enter")
            continue
        kind = page.evaluate("() => document.activeElement.type")
        progress = page.inner_text("#progress")
        if kind in ("radio", "checkbox"):
            page.keyboard.press("Space")
        elif kind == "text" and page.get_attribute("#v", "inputmode") == "decimal":
            page.keyboard.type("30")
        elif kind == "text":
            page.keyboard.type("Sunrise Clinic")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "p => !document.querySelector('#progress') || document.querySelector('#progress').innerText !== p "
            "|| !document.querySelector('#err').hidden",
            arg=progress,
        )
        if page.query_selector("#err") and not page.eval_on_selector("#err", "e => e.hidden"):
            _tab_to(page, "unsure")  # a number out of range: say unsure, by keyboard too
            page.keyboard.press("Enter")
        answered += 1
    else:
        raise AssertionError("the questions never ended")
    assert answered >= 30
    assert "Review your answers" in visible_text(page)
    _tab_to(page, "to-summary")
    page.keyboard.press("Enter")
    page.wait_for_selector("#summary-h")
    report = page.frame_locator("#report")
    assert "If you are in crisis or danger" in report.locator("body").inner_text()
    assert page.evaluate("() => document.activeElement.id") == "summary-h"
    page.screenshot(path=str(shots / "summary-1280.png"), full_page=False)


def _urgent_file(respondent="patient"):
    data = yaml.safe_load((EXAMPLES / "well-run-clinic.yaml").read_text(encoding="utf-8"))
    data["answers"]["suicidal_thoughts"] = "yes"
    data["answers"].pop("suicidal_now", None)
    if respondent == "supporter":
        data["respondent"] = "supporter"
    return data


def test_an_urgent_answer_interrupts_at_once_with_the_crisis_lines(page, tmp_path, shots):  # noqa: F811
    restart(page)
    open_file(page, tmp_path, _urgent_file())
    page.wait_for_selector("#qform")
    assert page.get_attribute("#qform", "data-qid") == "suicidal_now"
    page.check("input[name=v][value=yes]")
    page.click("#next")
    page.wait_for_selector("#urgent-h")
    text = visible_text(page)
    assert "Your safety comes first" in text
    from clinic_ready.app import pipeline as workflow

    concern = next(c for c in workflow.load_checklist("ketamine-clinic").concerns if c.id == "suicidal_now")
    assert page.inner_text(".urgent h2") == " ".join(concern.title.split())  # the concern itself, first
    assert "object" not in text
    for line in ("988", "911", "1-800-662-4357"):
        assert line in text
    assert page.evaluate("() => document.activeElement.id") == "urgent-h"
    assert axe_violations(page) == []
    page.screenshot(path=str(shots / "urgent-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "urgent-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("#stop")  # stop here: the crisis lines stay, the answers are kept
    page.wait_for_selector("#stopped-h")
    assert "988" in visible_text(page) and "kept in this browser" in visible_text(page)
    assert page.evaluate("() => localStorage.length") == 1
    page.click("#screen button")  # start again: the start screen offers the kept draft
    page.click("#resume")
    frame = review_and_summary(page)
    assert "Your safety comes first" in frame.locator("body").inner_text()


def test_answering_for_someone_else(page, tmp_path):
    from clinic_ready.app import pipeline

    restart(page)
    page.check("input[name=who][value=supporter]")
    page.click("#begin")
    page.wait_for_selector("#qform")
    assert "You are answering for someone else" in page.inner_text("#note")
    cl = pipeline.load_checklist("ketamine-clinic")
    first = cl.questions[page.get_attribute("#qform", "data-qid")]
    assert page.inner_text("#prompt") == " ".join(first.prompt_for("supporter").split())
    restart(page)
    open_file(page, tmp_path, _urgent_file("supporter"))
    page.wait_for_selector("#qform")
    assert page.inner_text("#prompt") == " ".join(cl.questions["suicidal_now"].prompt_for("supporter").split())
    page.check("input[name=v][value=yes]")
    page.click("#next")
    page.wait_for_selector("#urgent-h")
    text = visible_text(page)
    assert "Their safety comes first" in text and "stay with them and call 911" in text
    page.click("#continue")
    frame = review_and_summary(page)
    assert "helping" in frame.locator("body").inner_text()


def test_a_run_in_spanish(page, tmp_path, shots):  # noqa: F811
    restart(page)
    page.select_option("#lang", "es")
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    assert page.inner_text("#begin") == "Empezar las preguntas"
    page.click("#begin")
    page.wait_for_selector("#qform")
    assert page.inner_text("#unsure") == "No sé"
    press_and_move_on(page, "#unsure")  # an optional text question: "No sé" is an answer too
    assert "Pregunta 2 de" in page.inner_text("#progress")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "question-es-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    restart(page, lang="es")
    open_file(page, tmp_path, (EXAMPLES / "well-run-clinic.yaml").read_text(encoding="utf-8"))
    frame = review_and_summary(page)
    body = frame.locator("body").inner_text()
    assert "Si está en crisis o en peligro" in body
    assert frame.locator("html").get_attribute("lang") == "es"
    restart(page, lang="en")


def test_downloads_are_the_answers_file_and_a_fhir_bundle(page, tmp_path):
    restart(page)
    open_file(page, tmp_path, (EXAMPLES / "perry-like.yaml").read_text(encoding="utf-8"))
    review_and_summary(page)
    with page.expect_download() as d:
        page.click("#dl-answers")
    saved = tmp_path / "saved.yaml"
    d.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").startswith("# clinic-ready answers file: health information")
    assert cli("run", "-a", str(saved), "-f", "json") == cli(
        "run", "-a", str(EXAMPLES / "perry-like.yaml"), "-f", "json"
    )
    with page.expect_download() as d:
        page.click("#dl-fhir")
    bundle = json.loads(Path(d.value.path()).read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle"


def test_forget_my_answers_leaves_nothing_in_storage(page):
    restart(page)
    page.click("#begin")
    page.wait_for_selector("#qform")
    press_and_move_on(page, "#unsure")
    assert page.evaluate("() => localStorage.length") == 1  # the draft
    page.click("#forget")
    page.wait_for_selector("#title")
    assert "removed from this browser" in visible_text(page)
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
    assert page.evaluate("async () => (await indexedDB.databases()).length") == 0


def test_accessibility_and_screenshots(page, tmp_path, shots):  # noqa: F811
    restart(page)
    page.wait_for_function("() => document.querySelector('#range').textContent.startsWith('About ')")  # filled in after
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
        page.screenshot(path=str(shots / f"start-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert axe_violations(page) == []
    page.click("#begin")
    page.wait_for_selector("#qform")
    page.click("#next")  # optional question, no answer: skipped
    page.wait_for_selector("#qform input[type=radio]")
    page.click("#next")  # nothing chosen: the error is said, next to the question
    page.wait_for_selector("#err:not([hidden])")
    assert page.get_attribute("#err", "role") == "alert"
    page.screenshot(path=str(shots / "question-error-390.png"), full_page=True)
    assert axe_violations(page) == []
    page.click("summary")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(shots / "question-why-1280.png"), full_page=True)
    assert axe_violations(page) == []
    restart(page)
    open_file(page, tmp_path, (EXAMPLES / "perry-like.yaml").read_text(encoding="utf-8"))
    page.wait_for_selector("#review-h")
    assert axe_violations(page) == []
    page.screenshot(path=str(shots / "review-1280.png"))
    review_and_summary(page)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots / "summary-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})


def test_nothing_is_requested_outside_the_page_and_it_works_offline(page, server, tmp_path):  # noqa: F811
    """Also: a draft survives the tab being reloaded (here, while offline)."""
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function("() => caches.keys().then(k => k.length > 0)")
    restart(page)
    page.click("#begin")
    page.fill("#v", "Sunrise Clinic")
    page.click("#next")
    page.wait_for_selector("#qform[data-qid=treatment_for], #qform input[type=radio]")
    second = page.get_attribute("#qform", "data-qid")
    page.context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector("#title", timeout=BOOT_MS)
        assert page.evaluate("() => navigator.serviceWorker.controller !== null")
        page.click("#resume")  # "Continue where you left off"
        page.wait_for_selector(f"#qform[data-qid={second}]")
        page.click("#back")
        page.wait_for_selector("#qform[data-qid=clinic_name]")
        assert page.input_value("#v") == "Sunrise Clinic"
        restart(page)
        open_file(page, tmp_path, (EXAMPLES / "well-run-clinic.yaml").read_text(encoding="utf-8"))
        frame = review_and_summary(page)
        assert "If you are in crisis or danger" in frame.locator("body").inner_text()
    finally:
        page.context.set_offline(False)
    outside = [u for u in page.requests if not (u.startswith(server.url) or u.startswith(("blob:", "data:", "about:")))]
    assert outside == []
    assert page.errors == []
