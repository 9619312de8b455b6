"""Performance figures for clinic-ready, measured side by side in one run and printed as ratios.

    python benchmarks/bench.py            # all
    python benchmarks/bench.py P1 P3      # some

P1  `clinic-ready --version` vs a minimal Typer app's `--version` in the same environment
P2  a scripted run of the shipped checklist to the terminal summary (and copier, if installed)
P3  load + validate + evaluate a generated 5,000- and 10,000-question checklist vs a bare
    libyaml (CSafeLoader) parse of the same file
P4  report rendering: HTML and PDF of the shipped checklist's report (when available)
P5  batch: answers files per second for the shipped checklist (when the batch command exists)

Timings are medians of repeated runs; this is a noisy 2-core machine, so read ratios, not
milliseconds.  Nothing here is asserted by the test suite.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLI = str(BIN / "clinic-ready")
EXAMPLE = ROOT / "examples" / "perry-like.yaml"


def wall(cmd: list[str], runs: int = 15, warmup: int = 2, **kw) -> float:
    """Median wall time of a command, in ms."""
    for _ in range(warmup):
        subprocess.run(cmd, capture_output=True, **kw)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, **kw)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def inproc(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def p1(tmp: Path) -> None:
    minimal = tmp / "minimal_typer.py"
    minimal.write_text(
        textwrap.dedent(
            """
            import typer
            app = typer.Typer(add_completion=False, rich_markup_mode=None)
            def _v(value: bool):
                if value:
                    print("minimal 1.0"); raise typer.Exit()
            @app.callback()
            def main(version: bool = typer.Option(None, "--version", callback=_v, is_eager=True)):
                "A minimal app."
            @app.command()
            def hello():
                print("hi")
            if __name__ == "__main__":
                app()
            """
        )
    )
    base = wall([sys.executable, str(minimal), "--version"], runs=25)
    ours = wall([CLI, "--version"], runs=25)
    print(f"P1  --version: clinic-ready {ours:.0f} ms, minimal Typer app {base:.0f} ms, ratio {ours / base:.2f} (goal <= 1.15)")


def p2(tmp: Path) -> None:
    ms = wall([CLI, "run", "-a", str(EXAMPLE)], runs=15)
    line = f"P2  scripted run of ketamine-clinic to the terminal summary: {ms:.0f} ms"
    copier = shutil.which("copier") or (str(BIN / "copier") if (BIN / "copier").exists() else None)
    if copier:
        tpl = tmp / "tpl"
        (tpl / "template").mkdir(parents=True)
        qs = "\n".join(f"q{i}:\n  type: str\n  default: a{i}" for i in range(20))
        (tpl / "copier.yml").write_text("_subdirectory: template\n" + qs + "\n")
        (tpl / "template" / "answers.md.jinja").write_text("{% for i in range(20) %}x{% endfor %}\n")
        data = tmp / "data.yml"
        data.write_text("\n".join(f"q{i}: v{i}" for i in range(20)) + "\n")
        out = tmp / "out"
        cms = wall([copier, "copy", "--defaults", "--data-file", str(data), str(tpl), str(out), "--overwrite"], runs=7)
        line += f"; copier copy --defaults --data-file (20 questions) {cms:.0f} ms, ratio {ms / cms:.2f}"
    else:
        line += "; copier not installed here (pip install copier to compare)"
    print(line)


def generated_checklist(n: int) -> str:
    sections = []
    for s in range(n // 10):
        qs = []
        for j in range(10):
            i = s * 10 + j
            when = f"\n        when: {{question: q{i - 1}, equals: 'yes'}}" if j % 3 == 2 else ""
            qs.append(
                f"      - id: q{i}\n        type: yes_no\n        prompt: Question number {i}?\n"
                f"        help: Why question {i} matters.{when}"
            )
        sections.append(f"  - id: s{s}\n    title: Section {s}\n    questions:\n" + "\n".join(qs))
    concerns = [
        f"  - id: c{i}\n    severity: high\n    title: Concern {i}\n    when: {{question: q{i}, equals: 'no'}}\n"
        f"    why: W\n    ask: A\n    action: D\n    sources: [s1]"
        for i in range(0, n, 5)
    ]
    head = textwrap.dedent(
        """\
        format: 1
        id: generated
        title: Generated
        version: "1"
        facts_as_of: 2026-01-01
        audience: benchmarks
        intro: i
        notice: Not medical advice.
        sources:
          - {id: s1, title: S, publisher: P, year: 2020}
        """
    )
    return head + "sections:\n" + "\n".join(sections) + "\nconcerns:\n" + "\n".join(concerns) + "\n"


def p3(tmp: Path) -> None:
    import yaml

    from clinic_ready import engine
    from clinic_ready.loading import parse_checklist
    from clinic_ready.model import Answer, Answers

    figures = {}
    for n in (5000, 10000):
        text = generated_checklist(n)
        bare = inproc(lambda: yaml.load(text, Loader=yaml.CSafeLoader), runs=5)

        def ours():
            cl = parse_checklist(text, "gen.yaml")
            a = Answers(cl.id, values={q: Answer.of("yes") for q in list(cl.questions)[::2]})
            engine.evaluate(cl, a)

        full = inproc(ours, runs=5)
        figures[n] = full
        print(f"P3  {n} questions ({len(text) / 1e6:.1f} MB): load+validate+evaluate {full:.0f} ms, "
              f"bare CSafeLoader {bare:.0f} ms, ratio {full / bare:.2f} (goal <= 1.3)")
    print(f"P3  10,000 / 5,000 = {figures[10000] / figures[5000]:.2f} (goal <= 2.2, linear)")


def p4(tmp: Path) -> None:
    for fmt in ("html", "pdf"):
        out = tmp / f"r.{fmt}"
        r = subprocess.run([CLI, "run", "-a", str(EXAMPLE), "-f", fmt, "-o", str(out)], capture_output=True)
        if r.returncode != 0:
            print(f"P4  {fmt}: not available ({r.stderr.decode().strip()[:80]})")
            continue
        ms = wall([CLI, "run", "-a", str(EXAMPLE), "-f", fmt, "-o", str(out)], runs=7)
        print(f"P4  {fmt} report of the shipped checklist: {ms:.0f} ms wall")


def p5(tmp: Path) -> None:
    files = []
    src = EXAMPLE.read_text()
    for i in range(2000):
        f = tmp / f"a{i}.yaml"
        f.write_text(src)
        files.append(str(f))
    r = subprocess.run([CLI, "batch", files[0]], capture_output=True)
    if r.returncode not in (0, 1):
        print("P5  batch: command not available")
        return
    t0 = time.perf_counter()
    subprocess.run([CLI, "batch", *files], capture_output=True)
    secs = time.perf_counter() - t0
    print(f"P5  batch: {len(files)} answers files in {secs:.2f} s = {len(files) / secs:.0f} files/s (goal >= 1000)")


def main(argv: list[str]) -> None:
    wanted = set(argv) or {"P1", "P2", "P3", "P4", "P5"}
    os.environ.setdefault("NO_COLOR", "1")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for name, fn in (("P1", p1), ("P2", p2), ("P3", p3), ("P4", p4), ("P5", p5)):
            if name in wanted:
                fn(tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
