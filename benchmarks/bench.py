"""Performance figures for clinic-ready: whole processes, A and B alternated pair by pair.

    python benchmarks/bench.py                 # P1 P2 P3 P4 P5 (T only when asked)
    python benchmarks/bench.py P1 P3           # some
    python benchmarks/bench.py T               # the README's test command, timed
    python benchmarks/bench.py --runs 2 P5     # scale every run count (0.5 = quicker, noisier)

Run it with the interpreter of the environment to measure (``.venv/bin/python benchmarks/bench.py``):
the ``clinic-ready`` next to that interpreter is the one timed.

P1  ``clinic-ready --version`` vs a minimal Typer app's ``--version`` (a console script in the same
    environment)
P2  ``run ketamine-clinic -a examples/perry-like.yaml --no-input -f json`` vs copier's
    non-interactive ``copy --defaults --data-file`` of a 20-question template; P2t the same run
    with ``-f terminal``.  copier is installed into its own environment under the cache folder the
    first time (``pip install copier``), never into the measured one.
P3  ``clinic-ready validate`` of generated 5,000- and 10,000-question checklists vs a process that
    only parses the same file with libyaml (CSafeLoader); and validate 10k vs validate 5k
P4  the PDF and the HTML report of examples/perry-like.yaml, as multiples of ``clinic-ready
    --version`` measured in the same pairs
P5  (issue 23's F5) ``batch`` of 1,500 varied answers files on one process vs a process that only
    reads and libyaml-parses them; ``--jobs 2`` vs 1 on 2,000; peak memory of the whole process
    tree with 2,000 vs 20,000 files given with ``--from``, with 1 and 2 jobs
T   the README's test command (``python -m pytest -q``), one timed run

Every ratio comes from pairs: A and B run one after the other, the order swapped on every pair, so
a change in machine load moves both.  Each figure is printed as median (min–max) over the pairs.
The machine is shared and noisy: read the ratios.  Nothing here is asserted by the test suite.
"""

from __future__ import annotations

import os
import random
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
EXAMPLES = ROOT / "examples"
PERRY = EXAMPLES / "perry-like.yaml"
SCALE = 1.0
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "clinic-ready-bench"


# ----------------------------------------------------------------------------- timing


class Run:
    """One finished process: wall seconds, peak resident memory (MiB), exit code, CPU seconds (user +
    system, its own and its children's: less sensitive to a busy machine than the wall time)."""

    __slots__ = ("secs", "rss_mib", "code", "cpu")

    def __init__(self, secs: float, rss_mib: float, code: int, cpu: float = float("nan")):
        self.secs, self.rss_mib, self.code, self.cpu = secs, rss_mib, code, cpu


TIME = shutil.which("time") if Path("/usr/bin/time").exists() else None


def run_once(cmd: list[str], stdout: Path | None = None, env: dict | None = None, cwd: Path | None = None,
             rss: bool = False) -> Run:
    """Run a command to completion, with its peak RSS.

    The peak comes from GNU time (``%M``) when it is there: Linux carries the forking parent's
    high-water mark across exec, so wait4's ru_maxrss would report at least this script's own
    size.  Without GNU time the wait4 figure is printed as it is (an upper bound).  Only runs that
    report memory (``rss=True``) go through GNU time, so timed pairs carry no wrapper."""
    wrapped = bool(TIME and rss)
    if wrapped:
        fd, mem = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        cmd = ["/usr/bin/time", "-f", "%M", "-o", mem, *cmd]
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(p.pid, 0)
        secs = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdout:
            out.close()
    rss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    if wrapped:
        try:
            rss = int(Path(mem).read_text().split()[-1]) / 1024
        except (ValueError, IndexError):
            pass
        os.unlink(mem)
    return Run(secs, rss, p.returncode, usage.ru_utime + usage.ru_stime)


def paired(a: list[str], b: list[str], n: int, warmup: int = 1, a_out: Path | None = None, b_out: Path | None = None,
           env: dict | None = None, rss: bool = False) -> tuple[list[Run], list[Run]]:
    """n pairs of (A, B), the order swapped on every pair, after ``warmup`` unrecorded pairs."""
    n = max(3, round(n * SCALE))
    ra: list[Run] = []
    rb: list[Run] = []
    for i in range(warmup + n):
        if i % 2 == 0:
            x = run_once(a, a_out, env, rss=rss)
            y = run_once(b, b_out, env, rss=rss)
        else:
            y = run_once(b, b_out, env, rss=rss)
            x = run_once(a, a_out, env, rss=rss)
        for r, cmd in ((x, a), (y, b)):
            if r.code not in (0, 1):
                raise SystemExit(f"bench: {' '.join(cmd[:4])} … exited {r.code}")
        if i >= warmup:
            ra.append(x)
            rb.append(y)
    return ra, rb


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def ms(runs: list[Run]) -> str:
    return spread([r.secs * 1000 for r in runs], "{:.0f}") + " ms"


def ratio(ra: list[Run], rb: list[Run]) -> str:
    return spread([x.secs / y.secs for x, y in zip(ra, rb)]) + "×"


def report(label: str, ra: list[Run], rb: list[Run], b_name: str, goal: str) -> None:
    print(f"{label:<5} {ratio(ra, rb)}  [A {ms(ra)}; {b_name} {ms(rb)}; n={len(ra)}]  goal {goal}")


# ----------------------------------------------------------------------------- P1

MINIMAL_TYPER = '''
import typer

app = typer.Typer()


def _version(value: bool):
    if value:
        print("minimal 1.0")
        raise typer.Exit()


@app.callback()
def root(version: bool = typer.Option(None, "--version", callback=_version, is_eager=True)):
    """A minimal app."""


@app.command()
def hello():
    print("hi")


def main():
    app()
'''


def console_script(folder: Path, name: str, module: str) -> str:
    """The same wrapper pip writes for a console script, for a module in ``folder``."""
    (folder / f"{module}.py").write_text(MINIMAL_TYPER)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / f"{module}.py")], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\nimport re\nimport sys\nsys.path.insert(0, {str(folder)!r})\nfrom {module} import main\n"
        "if __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
        "    sys.exit(main())\n"
    )
    script.chmod(0o755)
    return str(script)


def p1(tmp: Path) -> None:
    minimal = console_script(tmp, "minimal-typer", "minimal_typer")
    ra, rb = paired([CLI, "--version"], [minimal, "--version"], n=41, warmup=3)
    report("P1", ra, rb, "minimal Typer app --version", "<= 1.10×")


# ----------------------------------------------------------------------------- P2

COPIER_YML = """\
_subdirectory: template
project_name: {type: str, default: Demo, help: Project name, validator: "{% if not project_name %}required{% endif %}"}
author: {type: str, default: Someone}
email: {type: str, default: someone@example.org, validator: "{% if '@' not in email %}an email{% endif %}"}
licence: {type: str, default: MIT, choices: [MIT, Apache-2.0, GPL-3.0, BSD-3-Clause]}
language: {type: str, default: python, choices: [python, rust, go]}
layout: {type: str, default: src, choices: [src, flat]}
ci: {type: str, default: github, choices: [github, gitlab, none]}
features: {type: str, multiselect: true, default: [docs], choices: [docs, tests, lint, typing]}
platforms: {type: str, multiselect: true, default: [linux], choices: [linux, macos, windows]}
description: {type: str, multiline: true, default: "A project.\\nMore text."}
min_python: {type: int, default: 10}
max_line: {type: int, default: 100}
coverage: {type: float, default: 90.0}
timeout: {type: float, default: 2.5}
use_docker: {type: bool, default: false}
use_pre_commit: {type: bool, default: true}
publish: {type: bool, default: false}
registry: {type: str, default: pypi, when: "{{ publish }}"}
typed: {type: bool, default: true}
strict: {type: bool, default: false, when: "{{ typed }}"}
extra: {type: yaml, default: "{a: 1, b: [2, 3]}"}
"""

COPIER_DATA = """\
project_name: Clinic
author: A. Person
email: a@example.org
licence: Apache-2.0
language: python
layout: src
ci: gitlab
features: [docs, tests]
platforms: [linux, macos]
description: "Two\\nlines"
min_python: 11
max_line: 88
coverage: 95.5
timeout: 1.5
use_docker: true
use_pre_commit: false
publish: true
registry: internal
typed: true
strict: true
extra: {a: 2}
"""


def copier() -> str | None:
    """copier in its own environment (installed on first use), or None if that fails."""
    found = shutil.which("copier")
    if found:
        return found
    venv = CACHE / "copier-venv"
    exe = venv / "bin" / "copier"
    if not exe.exists():
        print(f"(installing copier into {venv} for P2 …)", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "copier>=9,<10"], check=True, capture_output=True)
        except subprocess.CalledProcessError as exc:
            print(f"P2    copier could not be installed ({exc.stderr.decode(errors='replace').strip()[-120:]})")
            return None
    return str(exe)


def p2(tmp: Path) -> None:
    exe = copier()
    if exe is None:
        return
    tpl = tmp / "tpl"
    (tpl / "template").mkdir(parents=True)
    (tpl / "copier.yml").write_text(COPIER_YML)
    (tpl / "template" / "README.md.jinja").write_text(
        "# {{ project_name }}\n{{ description }}\nby {{ author }} <{{ email }}>, {{ licence }}\n"
        "{% for f in features %}- {{ f }}\n{% endfor %}{% if publish %}registry: {{ registry }}{% endif %}\n"
    )
    data = tmp / "copier-data.yml"
    data.write_text(COPIER_DATA)
    cop = [exe, "copy", "--defaults", "--overwrite", "--quiet", "--data-file", str(data), str(tpl), str(tmp / "dest")]
    if run_once(cop).code != 0:
        print("P2    copier failed on the template; skipped")
        return
    out = tmp / "p2.out"
    for label, fmt, goal in (("P2", "json", "<= 0.45×"), ("P2t", "terminal", "<= 0.55×")):
        ours = [CLI, "run", "ketamine-clinic", "-a", str(PERRY), "--no-input", "-f", fmt]
        ra, rb = paired(ours, cop, n=21, a_out=out)
        report(label, ra, rb, "copier copy --defaults --data-file (20 questions)", goal)


# ----------------------------------------------------------------------------- P3


def generated_checklist(n: int) -> str:
    """n questions of every type, with when/all/any/not/in/includes_any conditions and concerns."""
    sections = []
    for s in range(n // 10):
        qs = []
        for j in range(10):
            i = s * 10 + j
            kind = j % 5
            body = [f"      - id: q{i}", f"        prompt: Question number {i}, asked about something?",
                    f"        help: Why question {i} matters to the person answering."]
            if kind == 0:
                body.append("        type: yes_no")
            elif kind == 1:
                body += ["        type: choice", "        choices:", "          - {value: a, label: First}",
                         "          - {value: b, label: Second}", "          - {value: c, label: Third}"]
            elif kind == 2:
                body += ["        type: multi_choice", "        choices: [{value: x, label: X}, {value: y, label: Y}, {value: z, label: Z}]"]
            elif kind == 3:
                body += ["        type: number", "        min: 0", "        max: 300"]
            else:
                body += ["        type: text", "        required: false"]
            if j == 2:
                body.append(f"        when: {{question: q{i - 2}, equals: 'yes'}}")
            elif j == 6:
                body.append(f"        when: {{any: [{{question: q{i - 5}, in: [a, b]}}, {{not: {{question: q{i - 1}, equals: 'no'}}}}]}}")
            elif j == 8:
                body.append(f"        when: {{all: [{{question: q{i - 1}, includes_any: [x]}}, {{question: q{i - 5}, gt: 10}}]}}")
            qs.append("\n".join(body))
        sections.append(f"  - id: s{s}\n    title: Section {s}\n    questions:\n" + "\n".join(qs))
    concerns = []
    for i in range(0, n, 5):
        concerns.append(
            f"  - id: c{i}\n    severity: {('critical', 'high', 'moderate', 'low')[i % 4]}\n    title: Concern {i}\n"
            f"    when: {{any: [{{question: q{i}, equals: 'no'}}, {{question: q{i + 1}, equals: c}}]}}\n"
            f"    why: Why concern {i} matters.\n    ask: What to ask about {i}.\n    action: What to do about {i}.\n"
            f"    sources: [s1]"
        )
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
    files = {}
    for n in (5000, 10000):
        f = tmp / f"gen{n}.yaml"
        f.write_text(generated_checklist(n))
        files[n] = f
        check = subprocess.run([CLI, "validate", str(f)], capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"bench: the generated checklist is not valid:\n{check.stderr[:2000]}")
    bare = [sys.executable, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"]
    for n, f in files.items():
        ra, rb = paired([CLI, "validate", str(f)], [*bare, str(f)], n=7)
        report(f"P3 {n // 1000}k", ra, rb, f"bare CSafeLoader process ({f.stat().st_size / 1e6:.1f} MB)", "<= 1.10×")
    ra, rb = paired([CLI, "validate", str(files[10000])], [CLI, "validate", str(files[5000])], n=7)
    report("P3 10k/5k", ra, rb, "validate 5k", "<= 2.1")


# ----------------------------------------------------------------------------- P4


def p4(tmp: Path) -> None:
    for fmt, goal in (("pdf", "<= 10×"), ("html", "<= 2.8×")):
        out = tmp / f"r.{fmt}"
        ra, rb = paired([CLI, "report", str(PERRY), "-f", fmt, "-o", str(out)], [CLI, "--version"], n=11)
        report(f"P4 {fmt}", ra, rb, "clinic-ready --version", goal)


# ----------------------------------------------------------------------------- P5


def varied_answers(count: int, folder: Path, seed: int = 15) -> list[str]:
    """Answers files made from the three examples, each with 8 answers changed at random (valid values)."""
    import yaml

    from clinic_ready.catalog import shipped
    from clinic_ready.loading import load_checklist

    rng = random.Random(seed)
    lists = {cid: load_checklist(p) for cid, p in shipped().items()}
    bases = [yaml.safe_load(p.read_text()) for p in sorted(EXAMPLES.glob("*.yaml"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        doc = bases[i % len(bases)]
        cl = lists[doc["checklist"]]
        answers = dict(doc["answers"])
        for qid in rng.sample(sorted(cl.questions), 8):
            q = cl.questions[qid]
            if q.type == "yes_no":
                answers[qid] = rng.choice(["yes", "no", "unsure"])
            elif q.type == "choice":
                answers[qid] = rng.choice(q.choice_values)
            elif q.type == "multi_choice":  # an exclusive option ("None of these") only on its own
                picked = rng.sample(q.choice_values, rng.randint(1, min(3, len(q.choice_values))))
                alone = {c.value for c in q.choices if c.exclusive}
                answers[qid] = picked if len(picked) == 1 else [v for v in picked if v not in alone] or picked[:1]
            elif q.type == "number":
                low, high = q.min if q.min is not None else 0, q.max if q.max is not None else 200
                answers[qid] = rng.randint(int(low), int(high))
            else:
                answers[qid] = f"note {rng.randint(0, 10**6)}"
        path = folder / f"a{i:05d}.yaml"
        path.write_text(yaml.safe_dump({**doc, "answers": answers}, sort_keys=False, allow_unicode=True))
        paths.append(str(path))
    return paths


def tree_peak(cmd: list[str], stdout: Path) -> tuple[float, float]:
    """Run a command; its wall seconds and the peak of its process tree's summed RSS (MiB), sampled
    from /proc every 20 ms (the batch's workers are children: GNU time's %M sees one process)."""
    def rss_tree(root: int) -> int:
        kids: dict[int, list[int]] = {}
        for d in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{d}/stat") as fh:
                    kids.setdefault(int(fh.read().rsplit(")", 1)[1].split()[1]), []).append(int(d))
            except (OSError, ValueError, IndexError):
                pass
        todo, total = [root], 0
        while todo:
            pid = todo.pop()
            todo += kids.get(pid, [])
            try:
                with open(f"/proc/{pid}/status") as fh:
                    total += int(next(x for x in fh if x.startswith("VmRSS:")).split()[1])
            except (OSError, StopIteration):
                pass
        return total

    with open(stdout, "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        peak = 0
        while p.poll() is None:
            peak = max(peak, rss_tree(p.pid))
            time.sleep(0.02)
        secs = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd[:4])} … exited {p.returncode}")
    return secs, peak / 1024


FLOOR = """import sys, yaml
for line in open(sys.argv[1], encoding="utf-8"):
    with open(line.rstrip("\\n"), encoding="utf-8") as fh:
        yaml.load(fh.read(), Loader=yaml.CSafeLoader)
"""


def p5(tmp: Path) -> None:
    """F5: a batch of 1,500 varied files on one process vs one process that only reads and
    libyaml-parses them (goal <= 2.5x); --jobs 2 vs 1 on 2,000 files (goal >= 1.6x); peak memory of
    the whole process tree, 2,000 vs 20,000 files given with --from, 1 and 2 jobs (goal flat)."""
    big = varied_answers(20000, tmp / "b20k")
    if hasattr(os, "sync"):  # the 20,000 new files go to disk now, not during the timed runs (the
        os.sync()  # kernel's writeback would take CPU from --jobs 2, which has no idle core to spare)
    lists = {}
    for n, paths in (("1.5k", big[:1500]), ("2k", big[:2000]), ("20k", big)):
        lists[n] = tmp / f"paths{n}.txt"
        lists[n].write_text("\n".join(paths) + "\n")
    out = tmp / "p5.jsonl"
    floor = tmp / "floor.py"
    floor.write_text(FLOOR)
    one = [CLI, "batch", "--from", str(lists["1.5k"])]
    ra, rb = paired(one, [sys.executable, str(floor), str(lists["1.5k"])], n=7, a_out=out)
    print(f"F5    1,500 files, 1 job vs read + libyaml parse: {ratio(ra, rb)}  [A {ms(ra)}; floor {ms(rb)}; "
          f"n={len(ra)}]  goal <= 2.5×")
    print(f"F5    1 job: {spread([1500 / r.secs for r in ra], '{:.0f}')} files/s; "
          f"{spread([1500 / r.cpu for r in ra], '{:.0f}')} files per CPU-second")
    two, one = [CLI, "batch", "--jobs", "2", "--from", str(lists["2k"])], [CLI, "batch", "--from", str(lists["2k"])]
    ra2, rb2 = paired(two, one, n=7, a_out=out, b_out=out)
    print(f"F5    --jobs 2 vs 1, 2,000 files: {spread([y.secs / x.secs for x, y in zip(ra2, rb2)])}× the throughput  "
          f"[{ms(ra2)} vs {ms(rb2)}; n={len(ra2)}]  goal >= 1.6×")
    print(f"F5    2 jobs CPU time / 1 job CPU time: {spread([x.cpu / y.cpu for x, y in zip(ra2, rb2)])}× "
          "(the parallel overhead)")
    for jobs in ("1", "2"):
        peaks: dict[str, list[float]] = {"2k": [], "20k": []}
        times: dict[str, list[float]] = {"2k": [], "20k": []}
        for i in range(max(2, round(2 * SCALE))):
            for n in (("2k", "20k") if i % 2 == 0 else ("20k", "2k")):
                secs, peak = tree_peak([CLI, "batch", "--jobs", jobs, "--from", str(lists[n])], out)
                peaks[n].append(peak)
                times[n].append(secs)
        print(f"F5    --jobs {jobs} --from: peak RSS of all processes 2k {spread(peaks['2k'], '{:.1f}')} MiB, "
              f"20k {spread(peaks['20k'], '{:.1f}')} MiB  goal flat; 20k/2k time "
              f"{statistics.median(times['20k']) / statistics.median(times['2k']):.1f}× (linear = 10)")


# ----------------------------------------------------------------------------- T


def t(tmp: Path) -> None:
    env = {**os.environ}
    env.pop("NO_COLOR", None)
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "auto", "-p", "no:cacheprovider"]  # the README's test command
    before = os.times()
    r = run_once(cmd, tmp / "pytest.out", env, cwd=ROOT)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    tail = (tmp / "pytest.out").read_text(errors="replace").strip().splitlines()[-1:]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"T     python -m pytest -q -n auto: {r.secs:.1f} s wall, {cpu:.1f} s CPU (all processes), load {load:.1f} after, "
          f"exit {r.code} ({tail[0] if tail else ''})  goal <= 75 s")


def bytecode() -> None:
    """Give the measured package its compiled bytecode, as ``pip install`` does for a wheel.

    An editable install (``pip install -e``) leaves the sources to be compiled on first import,
    and with ``PYTHONDONTWRITEBYTECODE`` set (as on some machines) on every import: that alone
    added about 30 ms to every clinic-ready process here, which no user of an installed wheel pays."""
    where = subprocess.run([sys.executable, "-c", "import clinic_ready, os; print(os.path.dirname(clinic_ready.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # -f: compileall trusts a .pyc whose recorded time matches the source's, but Python also checks
    # the size, so a source changed within the same second would be compiled again at every start
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-f", where], env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"bytecode compiled for {where} (as a wheel install has it)")


def main(argv: list[str]) -> None:
    global SCALE
    if "--runs" in argv:
        i = argv.index("--runs")
        SCALE = float(argv[i + 1])
        del argv[i:i + 2]
    wanted = [a.upper() for a in argv] or ["P1", "P2", "P3", "P4", "P5"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load:.1f}; {CLI}")
    print("each line: A/B ratio median (min–max) over alternating pairs, then A and B wall times")
    steps = {"P1": p1, "P2": p2, "P3": p3, "P4": p4, "P5": p5, "T": t}
    bytecode()
    with tempfile.TemporaryDirectory() as d:
        for name in wanted:
            if name not in steps:
                raise SystemExit(f"bench: unknown benchmark {name!r}; choose from {', '.join(steps)}")
            steps[name](Path(d))
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
