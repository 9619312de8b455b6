"""The HTML report as a person meets it (issue 28): sources are links (http/https only, with
rel="noopener noreferrer"), severity symbols are not read aloud, and on a phone the verdict is on
the first screen (checked in Chromium at 390 px when one is installed)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from contextlib import contextmanager

import pytest
from helpers import EXAMPLES

from clinic_ready.core.engine import evaluate
from clinic_ready.io.answers import load_answers
from clinic_ready.io.catalog import shipped
from clinic_ready.io.loading import load_checklist
from clinic_ready.render import html

CL = load_checklist(shipped()["ketamine-clinic"])


def perry_html() -> str:
    answers, _w = load_answers(EXAMPLES / "perry-like.yaml", CL)
    return html.render(evaluate(CL, answers), today=dt.date(2026, 12, 7))


def test_sources_are_links_that_open_safely():
    page = perry_html()
    links = re.findall(r'<a href="([^"]+)"([^>]*)>', page)
    external = [(href, rest) for href, rest in links if not href.startswith("#")]
    cited = [s for s in CL.sources if s.url]
    assert len(external) >= 10
    for href, rest in external:
        assert href.startswith(("https://", "http://")), href
        assert 'rel="noopener noreferrer"' in rest
    assert any(s.url in page for s in cited)


def test_a_source_address_that_is_not_http_is_never_a_link():
    parts = html.environment().get_template("_parts.html.j2").module
    for url in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "JAVASCRIPT:alert(1)"):

        class S:
            text = f"A title. Someone, 2024. {url}"

        S.url = url
        out = str(parts.source(S))
        assert "<a" not in out and url in out


def test_severity_symbols_are_hidden_from_screen_readers():
    page = perry_html()
    assert re.search(r'<h3><span aria-hidden="true">!!!</span> CRITICAL \(\d+\)</h3>', page)
    visible = re.sub(r'<span aria-hidden="true">[^<]*</span>', "", page)
    assert "!!!" not in re.sub(r"<[^>]+>", "", visible.split("<body>", 1)[1])


def test_the_header_is_short_and_the_about_lines_come_at_the_end():
    page = perry_html()
    header = page.split("<header>", 1)[1].split("</header>", 1)[0]
    assert header.count("<p") <= 4  # clinic, who answered, one line of dates, the notice
    about = page.split("About this report", 1)[1]
    assert "review due" in page and all(line in about for line in re.findall(r'<p class="meta">([^<]+)</p>', about))


def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@contextmanager
def perry_in_chromium(tmp_path, width: int, height: int):
    """The perry-like report open in Chromium at this viewport (skips without Playwright or Chromium)."""
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    chromium = _chromium()
    if chromium is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    path = tmp_path / "report.html"
    path.write_text(perry_html(), encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(path.as_uri())
            yield page
        finally:
            browser.close()


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_the_verdict_is_on_the_first_screen(tmp_path, width, height):
    with perry_in_chromium(tmp_path, width, height) as page:
        box = page.locator("section.verdict").bounding_box()
        first_step = page.locator("section.first-steps li").first.bounding_box()
    assert box["y"] + box["height"] <= height, box  # the whole verdict box is on the first screen
    assert first_step["y"] < height  # and the first step starts on it


SAMHSA = "1-800-662-4357"


def _outside_style(page: str) -> str:
    return re.sub(r"<style>.*?</style>", "", page, flags=re.S)


def test_phone_numbers_are_kept_whole_wherever_they_are_written():
    """A browser may break a line at a hyphen: "1-800-" at the end of a line and "662-4357" on the
    next is a crisis number split in two.  Every phone number in the page body (crisis lines,
    urgent lines, concern texts, sources, the footer) sits in a span that keeps it on one line."""
    from clinic_ready import i18n
    from clinic_ready.app.pipeline import load_checklist as by_name

    pages = [perry_html(), html.render_blank(CL, today=dt.date(2026, 12, 7))]
    pages.append(html.render_blank(by_name("ketamine-clinic-self-audit"), today=dt.date(2026, 12, 7)))
    i18n.install("es")
    try:
        es = load_checklist(shipped()["ketamine-clinic"])
        answers, _w = load_answers(EXAMPLES / "perry-like.yaml", es)
        pages.append(html.render(evaluate(es, answers), today=dt.date(2026, 12, 7)))
    finally:
        i18n.install("en")
    for page in pages:
        body = _outside_style(page)
        assert body.count(SAMHSA) >= 1
        assert body.count(SAMHSA) == body.count(f'<span class="nobreak">{SAMHSA}</span>'), body[:300]


def test_keeping_numbers_whole_escapes_first():
    made = html.keep_numbers_whole(f'<img src=x onerror="alert(1)"> call {SAMHSA} & 988')
    assert str(made) == (
        f'&lt;img src=x onerror=&#34;alert(1)&#34;&gt; call <span class="nobreak">{SAMHSA}</span> &amp; 988'
    )


def test_a_phone_number_is_on_one_line_on_a_narrow_phone(tmp_path):
    with perry_in_chromium(tmp_path, 320, 700) as page:
        lines = page.evaluate(
            "[...document.querySelectorAll('span.nobreak')].map(s => new Set([...s.getClientRects()].map(r => Math.round(r.top))).size)"
        )
    assert lines and all(n == 1 for n in lines), lines
