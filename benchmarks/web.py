"""How quick the browser version feels, beside the terminal's questionnaire (reported, never asserted).

    .venv/bin/python benchmarks/web.py [--runs 3] [--ingredients tests/fixtures/web]

For each run, alternating (browser cold, browser warm, terminal) so that a change in machine load
moves all three:

* browser cold: a new Chromium profile opens the page (nothing cached): time to the start screen
  (the engine ready), then from "Start the questions" to the first question;
* browser warm: the same profile opens the page again (HTTP cache, service worker, compiled wasm);
* answer -> next question: the median of 10 answers (clicking Next to the next question shown);
* terminal: ``clinic-ready run`` in a pseudo-terminal, from start to "Question 1 of", and the
  median of 10 answers (typing an answer to the next "Question N of").

Also the site's size on disk and gzip-compressed (what a static host with compression sends).
Needs Chromium, Playwright and pexpect (the test extras) and the site's ingredients.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return raw, packed


def browser_visit(p, profile: Path, url: str) -> tuple[float, float, list[float]]:
    ctx = p.chromium.launch_persistent_context(
        str(profile), executable_path="/usr/bin/chromium", args=["--no-sandbox"], locale="en-US"
    )
    page = ctx.pages[0] if ctx.pages else ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("#title", timeout=300_000)
    ready = time.perf_counter() - t0
    t1 = time.perf_counter()
    page.click("#begin")
    page.wait_for_selector("#qform")
    first = time.perf_counter() - t1
    steps = []
    for _ in range(10):
        qid = page.get_attribute("#qform", "data-qid")
        t2 = time.perf_counter()
        page.click("#unsure")
        page.wait_for_function(
            "q => { const f = document.querySelector('#qform'); return !f || f.dataset.qid !== q; }", arg=qid
        )
        steps.append(time.perf_counter() - t2)
    page.evaluate("() => localStorage.clear()")
    ctx.close()
    return ready, first, steps


def terminal_visit(state: Path) -> tuple[float, list[float]]:
    import os

    import pexpect

    exe = str(Path(sys.executable).parent / "clinic-ready")
    env = {**os.environ, "CLINIC_READY_STATE_DIR": str(state), "CLINIC_READY_LANG": "en", "PAGER": "cat"}
    t0 = time.perf_counter()
    child = pexpect.spawn(
        exe,
        ["run", "--plain", "--no-draft", "--for-someone-else"],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 120),
    )
    child.expect("Question 1 of")
    first = time.perf_counter() - t0
    child.expect(r"\): ")
    steps = []
    for n in range(2, 12):
        t1 = time.perf_counter()
        child.sendline("u")
        child.expect(f"Question {n} of")
        steps.append(time.perf_counter() - t1)
        child.expect(r"\): ")
    child.sendline("q")
    child.close(force=True)
    return first, steps


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ingredients", default=str(ROOT / "tests" / "fixtures" / "web"))
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from clinic_ready.web import build
    from clinic_ready.web.serve import Server

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build.assemble(Path(args.ingredients), site)
        raw, packed = site_size(site)
        print(
            f"site: {raw / 1e6:.1f} MB on disk, {packed / 1e6:.1f} MB gzip-compressed ({len(list(site.rglob('*.*')))} files)"
        )
        rows: dict[str, list[float]] = {
            k: []
            for k in (
                "cold ready",
                "cold first",
                "cold step",
                "warm ready",
                "warm first",
                "warm step",
                "term first",
                "term step",
            )
        }
        with Server(site) as srv, sync_playwright() as p:
            for run in range(args.runs):
                profile = Path(tmp) / f"profile-{run}"
                for kind in ("cold", "warm"):
                    ready, first, steps = browser_visit(p, profile, srv.url)
                    rows[f"{kind} ready"].append(ready)
                    rows[f"{kind} first"].append(first)
                    rows[f"{kind} step"].append(statistics.median(steps))
                tfirst, tsteps = terminal_visit(Path(tmp) / f"state-{run}")
                rows["term first"].append(tfirst)
                rows["term step"].append(statistics.median(tsteps))
                print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1] * 1000:.0f} ms" for k, v in rows.items()), flush=True)
        print()
        for k, v in rows.items():
            print(
                f"{k:11} median {statistics.median(v) * 1000:7.0f} ms  (min {min(v) * 1000:.0f}, max {max(v) * 1000:.0f})"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
