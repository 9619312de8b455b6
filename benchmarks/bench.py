"""Performance figures for clinic-ready as people feel them (issue 23 §2): whole processes and
sessions on a pseudo-terminal, A and B alternated pair by pair.

    python benchmarks/bench.py                 # F1 F2 F3 F4 F5 F6 F7 F8 (T only when asked)
    python benchmarks/bench.py F1 F8           # some
    python benchmarks/bench.py T               # the README's test command, timed
    python benchmarks/bench.py --runs 2 F3     # scale every run count (0.5 = quicker, noisier)

Run it with the interpreter of the environment to measure (``.venv/bin/python benchmarks/bench.py``):
the ``clinic-ready`` next to that interpreter is the one timed (so another clone's environment can
be measured with this script: ``../before/.venv/bin/python benchmarks/bench.py``).

F1  ``clinic-ready run`` launched -> its first question fully drawn (on a pseudo-terminal), vs
    copier's first prompt of a 20-question template.  goal <= 0.6x
F2  answer + Enter -> the next question fully drawn (pty), clinic-ready vs copier (questionary):
    the median keystroke latency of one session over the other's, sessions alternated.  goal <= 0.5x
F3  ``run ketamine-clinic -a examples/perry-like.yaml --no-input -f json`` vs copier's
    non-interactive ``copy --defaults --data-file`` of a 20-question template.  goal <= 0.6x
F4  the PDF and the HTML report of examples/perry-like.yaml as multiples of ``clinic-ready
    --version`` measured in the same pairs.  goals PDF <= 10x, HTML <= 4x
F5  ``batch`` (the P5 functions below): 1 process vs a process that only reads and parses the
    files; ``--jobs 2`` speed-up; memory 2k -> 20k with ``--from``
F6  ``clinic-ready validate`` of generated 5,000- and 10,000-question checklists vs a process that
    only parses the same file with libyaml (CSafeLoader); validate 10k / validate 5k.
    goals <= 1.3x; 10k/5k <= 2.1
F7  in one process, on one core: ``clinic_ready.app.api.evaluate`` of 2,000 parsed answers documents
    (forms per CPU-second, which other processes on the machine do not inflate) vs libyaml-parsing
    the same answers texts (the floor of the text path), passes alternated.  goal >= 1.0x
F8  launch -> Question 1 drawn (pty) on a generated 700-question checklist / on the shipped one.
    goal <= 2.5x
T   the README's test command (``python -m pytest -q -n auto``), one timed run, in the clone the
    measured environment's clinic-ready comes from.  goal <= 90 s

copier is installed into its own environment under the cache folder the first time (``pip
install copier``), never into the measured one.  Every ratio comes from pairs: A and B run one
after the other, the order swapped on every pair, so a change in machine load moves both.  Each
figure is printed as median (min–max) over the pairs, with the load average.  The machine is
shared and noisy: read the ratios.  Nothing here is asserted by the test suite.
"""

from __future__ import annotations  # noqa: I001

import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
import contextlib

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


def run_once(
    cmd: list[str], stdout: Path | None = None, env: dict | None = None, cwd: Path | None = None, rss: bool = False
) -> Run:
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
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
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
        with contextlib.suppress(ValueError, IndexError):
            rss = int(Path(mem).read_text().split()[-1]) / 1024
        os.unlink(mem)
    return Run(secs, rss, p.returncode, usage.ru_utime + usage.ru_stime)


def paired(
    a: list[str],
    b: list[str],
    n: int,
    warmup: int = 1,
    a_out: Path | None = None,
    b_out: Path | None = None,
    env: dict | None = None,
    rss: bool = False,
) -> tuple[list[Run], list[Run]]:
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
    return spread([x.secs / y.secs for x, y in zip(ra, rb, strict=False)]) + "×"


def millis(seconds: list[float]) -> str:
    return spread([x * 1000 for x in seconds], "{:.0f}") + " ms"


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "load ?"


def report(label: str, ra: list[Run], rb: list[Run], b_name: str, goal: str) -> None:
    print(f"{label:<6} {ratio(ra, rb)}  [A {ms(ra)}; {b_name} {ms(rb)}; n={len(ra)}; {load()}]  goal {goal}")


# ----------------------------------------------------------------------------- F3 (and copier for F1, F2)

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
        print(f"(installing copier into {venv} for F1-F3 …)", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", "copier>=9,<10"], check=True, capture_output=True
            )
        except subprocess.CalledProcessError as exc:
            print(f"F1-F3  copier could not be installed ({exc.stderr.decode(errors='replace').strip()[-120:]})")
            return None
    return str(exe)


def copier_template(tmp: Path) -> tuple[str, Path, Path] | None:
    """copier, the 20-question template and its data file, or None when copier is not available."""
    exe = copier()
    if exe is None:
        return None
    tpl = tmp / "tpl"
    if not tpl.exists():
        (tpl / "template").mkdir(parents=True)
        (tpl / "copier.yml").write_text(COPIER_YML)
        (tpl / "template" / "README.md.jinja").write_text(
            "# {{ project_name }}\n{{ description }}\nby {{ author }} <{{ email }}>, {{ licence }}\n"
            "{% for f in features %}- {{ f }}\n{% endfor %}{% if publish %}registry: {{ registry }}{% endif %}\n"
        )
    data = tmp / "copier-data.yml"
    data.write_text(COPIER_DATA)
    return exe, tpl, data


def f3(tmp: Path) -> None:
    found = copier_template(tmp)
    if found is None:
        return
    exe, tpl, data = found
    cop = [exe, "copy", "--defaults", "--overwrite", "--quiet", "--data-file", str(data), str(tpl), str(tmp / "dest")]
    if run_once(cop).code != 0:
        print("F3     copier failed on the template; skipped")
        return
    out = tmp / "f3.out"
    ours = [CLI, "run", "ketamine-clinic", "-a", str(PERRY), "--no-input", "-f", "json"]
    ra, rb = paired(ours, cop, n=21, a_out=out)
    report("F3", ra, rb, "copier copy --defaults --data-file (20 questions)", "<= 0.6×")


# ----------------------------------------------------------------------------- F6 (and the generated checklists of F8)


def generated_checklist(n: int) -> str:
    """n questions of every type, with when/all/any/not/in/includes_any conditions and concerns."""
    sections = []
    for s in range(n // 10):
        qs = []
        for j in range(10):
            i = s * 10 + j
            kind = j % 5
            body = [
                f"      - id: q{i}",
                f"        prompt: Question number {i}, asked about something?",
                f"        help: Why question {i} matters to the person answering.",
            ]
            if kind == 0:
                body.append("        type: yes_no")
            elif kind == 1:
                body += [
                    "        type: choice",
                    "        choices:",
                    "          - {value: a, label: First}",
                    "          - {value: b, label: Second}",
                    "          - {value: c, label: Third}",
                ]
            elif kind == 2:
                body += [
                    "        type: multi_choice",
                    "        choices: [{value: x, label: X}, {value: y, label: Y}, {value: z, label: Z}]",
                ]
            elif kind == 3:
                body += ["        type: number", "        min: 0", "        max: 300"]
            else:
                body += ["        type: text", "        required: false"]
            if j == 2:
                body.append(f"        when: {{question: q{i - 2}, equals: 'yes'}}")
            elif j == 6:
                body.append(
                    f"        when: {{any: [{{question: q{i - 5}, in: [a, b]}}, {{not: {{question: q{i - 1}, equals: 'no'}}}}]}}"
                )
            elif j == 8:
                body.append(
                    f"        when: {{all: [{{question: q{i - 1}, includes_any: [x]}}, {{question: q{i - 5}, gt: 10}}]}}"
                )
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


def f6(tmp: Path) -> None:
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
        report(f"F6 {n // 1000}k", ra, rb, f"bare CSafeLoader process ({f.stat().st_size / 1e6:.1f} MB)", "<= 1.3×")
    ra, rb = paired([CLI, "validate", str(files[10000])], [CLI, "validate", str(files[5000])], n=7)
    report("F6 10k/5k", ra, rb, "validate 5k", "<= 2.1")


# ----------------------------------------------------------------------------- F4


def f4(tmp: Path) -> None:
    for fmt, goal in (("pdf", "<= 10×"), ("html", "<= 4×")):
        out = tmp / f"r.{fmt}"
        ra, rb = paired([CLI, "report", str(PERRY), "-f", fmt, "-o", str(out)], [CLI, "--version"], n=11)
        report(f"F4 {fmt}", ra, rb, "clinic-ready --version", goal)


# ----------------------------------------------------------------------------- F5 (P5: the batch helper's)


def varied_answers(count: int, folder: Path, seed: int = 15) -> list[str]:
    """Answers files made from the three examples, each with 8 answers changed at random (valid values)."""
    import yaml

    from clinic_ready.io.catalog import shipped
    from clinic_ready.io.loading import load_checklist

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
    print(
        f"F5    1,500 files, 1 job vs read + libyaml parse: {ratio(ra, rb)}  [A {ms(ra)}; floor {ms(rb)}; "
        f"n={len(ra)}]  goal <= 2.5×"
    )
    print(
        f"F5    1 job: {spread([1500 / r.secs for r in ra], '{:.0f}')} files/s; "
        f"{spread([1500 / r.cpu for r in ra], '{:.0f}')} files per CPU-second"
    )
    two, one = [CLI, "batch", "--jobs", "2", "--from", str(lists["2k"])], [CLI, "batch", "--from", str(lists["2k"])]
    ra2, rb2 = paired(two, one, n=7, a_out=out, b_out=out)
    print(
        f"F5    --jobs 2 vs 1, 2,000 files: {spread([y.secs / x.secs for x, y in zip(ra2, rb2, strict=False)])}× the throughput  "
        f"[{ms(ra2)} vs {ms(rb2)}; n={len(ra2)}]  goal >= 1.6×"
    )
    print(
        f"F5    2 jobs CPU time / 1 job CPU time: {spread([x.cpu / y.cpu for x, y in zip(ra2, rb2, strict=False)])}× "
        "(the parallel overhead)"
    )
    for jobs in ("1", "2"):
        peaks: dict[str, list[float]] = {"2k": [], "20k": []}
        times: dict[str, list[float]] = {"2k": [], "20k": []}
        for i in range(max(2, round(2 * SCALE))):
            for n in ("2k", "20k") if i % 2 == 0 else ("20k", "2k"):
                secs, peak = tree_peak([CLI, "batch", "--jobs", jobs, "--from", str(lists[n])], out)
                peaks[n].append(peak)
                times[n].append(secs)
        print(
            f"F5    --jobs {jobs} --from: peak RSS of all processes 2k {spread(peaks['2k'], '{:.1f}')} MiB, "
            f"20k {spread(peaks['20k'], '{:.1f}')} MiB  goal flat; 20k/2k time "
            f"{statistics.median(times['20k']) / statistics.median(times['2k']):.1f}× (linear = 10)"
        )


# ----------------------------------------------------------------------------- F1, F2, F8: on a pseudo-terminal

QUIET = 0.25  # a screen is "fully drawn" at the last byte before this long a silence
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\r")
CHOOSE_WHO = r"Type 1 or 2 \(Enter for 1\): $"
QUESTION = r"\(or \?, u, d, b, q(, or Enter to skip)?\): $"  # the keys hint that ends every question


class Term:
    """A program on a 100×40 pseudo-terminal that answers the cursor-position request as a terminal
    does (prompt_toolkit, under questionary, waits for it)."""

    def __init__(self, argv: list[str], env: dict):
        import fcntl
        import struct
        import termios

        self.m, s = os.openpty()
        fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))

        def controlling_tty():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.t0 = time.perf_counter()
        self.p = subprocess.Popen(argv, stdin=s, stdout=s, stderr=s, env=env, preexec_fn=controlling_tty)
        os.close(s)
        self.text = ""

    def wait_for(self, pattern: str, start: float, limit: float = 60.0) -> float:
        """Seconds from ``start`` to the last byte before QUIET s of silence, once ``pattern`` showed."""
        import select

        got, matched, last, end = b"", False, start, time.perf_counter() + limit
        while True:
            ready, _, _ = select.select([self.m], [], [], QUIET if matched else max(0.0, end - time.perf_counter()))
            if not ready:
                if matched:
                    self.text = ANSI.sub(b"", got).decode("utf-8", "replace")
                    return last - start
                raise SystemExit(
                    f"bench: timed out waiting for {pattern!r}; the screen ends:\n"
                    f"{ANSI.sub(b'', got).decode('utf-8', 'replace')[-600:]}"
                )
            try:
                data = os.read(self.m, 65536)
            except OSError:
                data = b""
            if not data:
                raise SystemExit(f"bench: the program ended while waiting for {pattern!r}")
            last = time.perf_counter()
            got += data
            if b"\x1b[6n" in data:
                os.write(self.m, b"\x1b[20;1R")
            matched = matched or bool(re.search(pattern, ANSI.sub(b"", got[-4000:]).decode("utf-8", "replace")))

    def send(self, keys: bytes) -> float:
        t = time.perf_counter()
        os.write(self.m, keys)
        return t

    def close(self) -> None:
        self.p.kill()
        self.p.wait()
        os.close(self.m)


def pty_env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "NO_COLOR")}
    state = tmp / "state"
    state.mkdir(exist_ok=True)
    env.update(
        TERM="xterm-256color",
        COLUMNS="100",
        LINES="40",
        CLINIC_READY_STATE_DIR=str(state),
        CLINIC_READY_LANG="en",
        PAGER="cat",
    )
    return env


def typed_answer(screen: str) -> bytes:
    """What a person types at the question on screen: no, the first choice, 30, or a word."""
    tail = screen[-300:]
    if "y or n" in tail:
        return b"n\r"
    if "apply" in tail or "number 1-" in tail:
        return b"1\r"
    if "Type a number" in tail:
        return b"30\r"
    return b"x\r"


def clinic_session(env: dict, checklist: str, answers: int = 0) -> tuple[float, float, list[float]]:
    """(launch -> first question drawn, launch -> Question 1 drawn, keystroke latencies) of
    ``run CHECKLIST --fresh``: the first question is "Who is answering?" when it is asked."""
    t = Term([CLI, "run", checklist, "--fresh"], env)
    first = t.wait_for(CHOOSE_WHO + "|" + QUESTION, t.t0)
    q1 = first
    if re.search(CHOOSE_WHO, t.text):
        q1 = first + t.wait_for(QUESTION, t.send(b"\r"))
    lat = []
    for _ in range(answers):
        lat.append(t.wait_for(QUESTION + "|[Rr]eview|What would you like", t.send(typed_answer(t.text))))
        if "Question" not in t.text:
            break
    t.close()
    return first, q1, lat


def copier_session(exe: str, tpl: Path, dest: Path, env: dict, answers: int = 0) -> tuple[float, list[float]]:
    """(launch -> first prompt drawn, keystroke latencies) of copier on text questions "Question i?"."""
    shutil.rmtree(dest, ignore_errors=True)
    t = Term([exe, "copy", "--overwrite", str(tpl), str(dest)], env)
    first = t.wait_for(r"Question 0\?", t.t0)
    lat = [t.wait_for(rf"Question {i}\?", t.send(b"x\r")) for i in range(1, min(answers + 1, 20))]
    t.close()
    return first, lat


def text_template(tmp: Path) -> tuple[str, Path] | None:
    """copier and a template of 20 text questions (questionary's yes/no answers on y without Enter)."""
    exe = copier()
    if exe is None:
        return None
    tpl = tmp / "tpl20"
    (tpl / "template").mkdir(parents=True, exist_ok=True)
    (tpl / "copier.yml").write_text(
        "_subdirectory: template\n" + "".join(f"q{i}: {{type: str, help: 'Question {i}?'}}\n" for i in range(20))
    )
    (tpl / "template" / "answers.txt.jinja").write_text("{{ q0 }} {{ q19 }}\n")
    return exe, tpl


def alternate(n: int, a, b) -> list[tuple]:
    """n pairs of (a(), b()), the order swapped on every pair, after one unrecorded pair."""
    out = []
    for i in range(1 + max(3, round(n * SCALE))):
        x, y = (a(), b()) if i % 2 == 0 else reversed((b(), a()))
        if i:
            out.append((x, y))
    return out


def f1(tmp: Path) -> None:
    found = text_template(tmp)
    if found is None:
        return
    exe, tpl = found
    env = pty_env(tmp)
    pairs = alternate(
        7, lambda: clinic_session(env, "ketamine-clinic"), lambda: copier_session(exe, tpl, tmp / "d1", env)
    )
    ours = [a[0] for a, _ in pairs]
    theirs = [b[0] for _, b in pairs]
    print(
        f"F1     {spread([x / y for x, y in zip(ours, theirs, strict=True)])}×  [clinic-ready run -> first question "
        f"{millis(ours)}; copier -> first prompt {millis(theirs)}; n={len(pairs)}; {load()}]  goal <= 0.6×"
    )
    print(f"F1     (launch -> Question 1 after Enter at 'Who is answering?': {millis([a[1] for a, _ in pairs])})")


def f2(tmp: Path) -> None:
    found = text_template(tmp)
    if found is None:
        return
    exe, tpl = found
    env = pty_env(tmp)
    pairs = alternate(
        5,
        lambda: clinic_session(env, "ketamine-clinic", answers=20),
        lambda: copier_session(exe, tpl, tmp / "d2", env, answers=19),
    )
    rat = [statistics.median(a[2]) / statistics.median(b[1]) for a, b in pairs]
    ours = [x * 1000 for a, _ in pairs for x in a[2]]
    theirs = [x * 1000 for _, b in pairs for x in b[1]]
    print(
        f"F2     {spread(rat)}×  [answer + Enter -> next question drawn: clinic-ready {spread(ours, '{:.1f}')} ms "
        f"(n={len(ours)}); copier {spread(theirs, '{:.1f}')} ms (n={len(theirs)}); {len(pairs)} session pairs; "
        f"{load()}]  goal <= 0.5×"
    )


def f8(tmp: Path) -> None:
    big = tmp / "gen700.yaml"
    big.write_text(generated_checklist(700))
    env = pty_env(tmp)
    pairs = alternate(5, lambda: clinic_session(env, str(big)), lambda: clinic_session(env, "ketamine-clinic"))
    rat = [a[1] / b[1] for a, b in pairs]
    print(
        f"F8     {spread(rat)}×  [launch -> Question 1: 700 questions {millis([a[1] for a, _ in pairs])}; "
        f"shipped ({len(_shipped_questions())} questions) {millis([b[1] for _, b in pairs])}; "
        f"n={len(pairs)}; {load()}]  goal <= 2.5×"
    )


def _shipped_questions() -> list[str]:
    from clinic_ready.io.catalog import shipped
    from clinic_ready.io.loading import load_checklist

    return list(load_checklist(shipped()["ketamine-clinic"]).questions)


# ----------------------------------------------------------------------------- F7

F7_SCRIPT = r"""
import gc, json, os, statistics, sys, time
import yaml
from clinic_ready.app import api
paths = open(sys.argv[1]).read().split()
texts = [open(p, encoding="utf-8").read() for p in paths]
docs = [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts]
lists = {}
for d in docs:
    if d["checklist"] not in lists:
        lists[d["checklist"]] = api.load_checklist(d["checklist"])
pairs = [(lists[d["checklist"]], d) for d in docs]
def evaluate():
    for cl, d in pairs:
        api.evaluate(cl, d)
def evaluate_line():
    for cl, d in pairs:
        api.result_line(api.evaluate(cl, d))
def parse():
    for t in texts:
        yaml.load(t, Loader=yaml.CSafeLoader)
out = {"evaluate": [], "evaluate_line": [], "parse": []}
jobs = [("evaluate", evaluate), ("evaluate_line", evaluate_line), ("parse", parse)]
for i in range(1 + int(sys.argv[2])):
    for name, fn in (jobs if i % 2 == 0 else jobs[::-1]):
        gc.collect()
        t = time.process_time(); fn(); secs = time.process_time() - t
        if i:
            out[name].append(len(texts) / secs)
print(json.dumps(out))
"""


def f7(tmp: Path) -> None:
    paths = varied_answers(2000, tmp / "f7")
    listing = tmp / "f7.txt"
    listing.write_text("\n".join(paths))
    cmd = [sys.executable, "-c", F7_SCRIPT, str(listing), str(max(3, round(7 * SCALE)))]
    if hasattr(os, "sched_setaffinity"):  # one core, as the goal says
        cmd = ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd
    got = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    for name, what in (("evaluate", "api.evaluate"), ("evaluate_line", "api.evaluate + api.result_line")):
        rat = [x / y for x, y in zip(got[name], got["parse"], strict=True)]
        print(
            f"F7     {spread(rat)}×  [{what} {spread(got[name], '{:.0f}')} forms per CPU-s; "
            f"libyaml parse of the same texts {spread(got['parse'], '{:.0f}')}; "
            f"n={len(rat)} alternated passes of 2,000 forms; {load()}]"
            + ("  goal >= 1.0×" if name == "evaluate" else "  (what batch adds before writing)")
        )


# ----------------------------------------------------------------------------- T


def measured_clone() -> Path:
    """The clone the measured environment's clinic-ready comes from (an editable install), else this one."""
    where = subprocess.run(
        [sys.executable, "-c", "import clinic_ready; print(clinic_ready.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    root = Path(where).resolve().parents[2]
    return root if (root / "pyproject.toml").exists() and (root / "tests").is_dir() else ROOT


def t(tmp: Path) -> None:
    env = {**os.environ}
    env.pop("NO_COLOR", None)
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "auto", "-p", "no:cacheprovider"]  # the README's test command
    before = os.times()
    load0 = load()
    clone = measured_clone()
    r = run_once(cmd, tmp / "pytest.out", env, cwd=clone)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    tail = (tmp / "pytest.out").read_text(errors="replace").strip().splitlines()[-1:]
    print(
        f"T      python -m pytest -q -n auto in {clone}: {r.secs:.1f} s wall, {cpu:.1f} s CPU (all processes), "
        f"{load0} before, {load()} after, exit {r.code} ({tail[0] if tail else ''})  goal <= 90 s"
    )


def bytecode() -> None:
    """Give the measured package its compiled bytecode, as ``pip install`` does for a wheel.

    An editable install (``pip install -e``) leaves the sources to be compiled on first import,
    and with ``PYTHONDONTWRITEBYTECODE`` set (as on some machines) on every import: that alone
    added about 30 ms to every clinic-ready process here, which no user of an installed wheel pays."""
    where = subprocess.run(
        [sys.executable, "-c", "import clinic_ready, os; print(os.path.dirname(clinic_ready.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # -f: compileall trusts a .pyc whose recorded time matches the source's, but Python also checks
    # the size, so a source changed within the same second would be compiled again at every start
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-f", where], env=env, check=True, stdout=subprocess.DEVNULL
    )
    print(f"bytecode compiled for {where} (as a wheel install has it)")


def main(argv: list[str]) -> None:
    global SCALE
    if "--runs" in argv:
        i = argv.index("--runs")
        SCALE = float(argv[i + 1])
        del argv[i : i + 2]
    steps = {"F1": f1, "F2": f2, "F3": f3, "F4": f4, "F5": p5, "F6": f6, "F7": f7, "F8": f8, "T": t}
    wanted = [a.upper() for a in argv] or [s for s in steps if s != "T"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {load()}; {CLI}")
    print("each line: A/B ratio median (min–max) over alternating pairs, then A and B wall times")
    bytecode()
    with tempfile.TemporaryDirectory() as d:
        for name in wanted:
            if name not in steps:
                raise SystemExit(f"bench: unknown benchmark {name!r}; choose from {', '.join(steps)}")
            steps[name](Path(d))
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
