"""Fuzz clinic-ready with hostile input: no input is ever "a bug" (exit 3), a traceback or a hang.

    python benchmarks/fuzz.py                      # 250,000 in-process cases + 300 CLI cases
    python benchmarks/fuzz.py --cases 20000 --cli 50 --seed 7
    python benchmarks/fuzz.py --properties 20000   # tests/test_properties.py, 20,000 examples each

In process, each case mutates one kind of input — an answers file (YAML, JSON or a FHIR
QuestionnaireResponse), a checklist, a translation beside it, a draft, ``--set`` values — with
the classes the reviews found: explicit YAML tags (!!timestamp, !!bool, !!set, !!pairs, !!omap,
!!binary, !!int 0x1F, !!int 12:30, local tags), numbers ('0,500', '-0,250', '000,001', 1e-400),
alias bombs inside any tag and scalar aliases, deep nesting, keys that are not text, duplicate
FHIR linkIds, translations citing unknown sources, and terminal payloads (ESC, OSC 52, C1 CSI
U+009B, RLO U+202E, DCS), plus random byte and line mutations.  Whatever is accepted is
evaluated and rendered as the commands render it (JSON and FHIR, explain text and JSON, the
terminal summary; Markdown and the blank form now and then), and the outputs are checked: no raw
control or bidi character in a JSON text or in explain's text.

A case is
* fine when it is accepted, or refused with clinic-ready's own error (exit 2 at the CLI);
* **exit 3** when anything else escapes (the CLI would print "internal error");
* a **hang** when it runs longer than the alarm (10 s).
Memory is limited to 3 GB (address space), so a bomb shows as MemoryError (an exit 3).

Then ``--cli`` cases run the installed entry point as a process on mutated files (run, validate,
explain, print, test, export, --set), checking the exit code is never 3 and stderr never holds a
traceback.  Figures are printed at the end; the exit status is 1 if any case failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALARM_S = 10
MEMORY = 3_000_000_000

TAGS = [
    "!!timestamp soon",
    "!!timestamp 2026-01-01",
    "!!bool x",
    "!!bool yes",
    "!!set [a]",
    "!!set {a, b}",
    "!!pairs [a: b]",
    "!!omap [a: b]",
    "!!binary aGk=",
    "!!int 0x1F",
    "!!int 12:30",
    "!!int 1_000",
    "!!float 190:20:30.15",
    "!!float x",
    "!!null x",
    "!!str [x]",
    "!!map [a]",
    "!!seq {a: b}",
    "!mine x",
    "!<tag:x> y",
    "!!python/name:os.system x",
    "!!python/object/apply:os.system ['true']",
    "!!merge x",
    "!!value x",
    "!!str 12",
    "!!int 12",
    "!!float 1",
]
NUMBERS = [
    "'0,500'",
    "'-0,250'",
    "'000,001'",
    "1e-400",
    "-1e400",
    "1e400",
    "0." + "0" * 400 + "1",
    "'1,000'",
    "'0,5'",
    "'12:30'",
    "'0x1F'",
    "'1_000'",
    ".inf",
    "-.inf",
    ".nan",
    "'٣'",
    "'１'",
    "'²'",
    "9" * 5000,
    "-0",
    "0.0",
    "'1e3'",
    "'+7'",
    "'.5'",
]
PAYLOADS = [
    "\x1b]2;PWNED\x07",
    "\x1b]52;c;UFdORUQ=\x1b\\",
    "\x1b[2J\x1b[H",
    "\u009b5m",
    "\u202eRLO",
    "\x1bP1$r\x1b\\",
    "\x08\x0c",
    "\u2066\u2069",
    "\u200b",
    "[bold]x[/bold]",
    "[link=http://x]y[/link]",
    "[/x]",
    "\x7f",
    "\u2028",
]
KEYS = ["1", "~", "null", "true", "1.5", "[a]", "{a: b}", "? [x]\n ", "<<", "="]


def bomb(n: int, tag: str) -> str:
    parts = ["&a0 [x,x,x,x,x,x,x,x,x,x]"] + [f"&a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, n)]
    return f"{tag} [k: [" + ", ".join(parts) + "]]" if tag else "[" + ", ".join(parts) + "]"


def scalar_bomb(rng: random.Random) -> str:
    big = "lorem ipsum " * rng.choice([10, 10, 1000, 50_000])
    return f'&big "{big}"\nmore: [' + ", ".join(["*big"] * rng.choice([2, 2, 200, 500])) + "]"


def hostile_value(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice(TAGS)
    if kind == 1:
        return rng.choice(NUMBERS)
    if kind == 2:
        return json.dumps("x" + "".join(rng.choice(PAYLOADS) for _ in range(rng.randint(1, 4))))
    if kind == 3:
        return bomb(rng.randint(2, 9), rng.choice(["!!pairs", "!!omap", "!!set", "", "!x"]))
    if kind == 4:
        return scalar_bomb(rng)
    if kind == 5:
        d = rng.choice([10, 70, 200, 3000])
        return "[" * d + "1" + "]" * d
    if kind == 6:
        return "{" + rng.choice(KEYS) + ": 1}"
    if kind == 7:
        return rng.choice(
            ["[]", "{}", "''", "~", "[a, b]", "[null]", "['']", "x,none", "unsure", "declined", "yes", "no", "true"]
        )
    return "".join(rng.choice("ab\x00\x1b\t\n :[]{},'\"&*!|>#%@`-?") for _ in range(rng.randint(1, 12)))


def mutate_text(text: str, rng: random.Random) -> str:
    """One to three edits: a value replaced by a hostile one, a line inserted, moved or dropped,
    or bytes flipped."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(6)
        i = rng.randrange(len(lines)) if lines else 0
        if op <= 1 and lines and ":" in lines[i]:
            head = lines[i].split(":", 1)[0]
            lines[i] = f"{head}: {hostile_value(rng)}"
        elif op == 2:
            indent = " " * rng.choice([0, 2, 4, 6])
            lines.insert(
                i, f"{indent}{rng.choice(['x', 'answers', 'checklist', 'id', rng.choice(KEYS)])}: {hostile_value(rng)}"
            )
        elif op == 3 and lines:
            del lines[i]
        elif op == 4 and len(lines) > 1:
            lines.insert(rng.randrange(len(lines)), lines.pop(i))
        else:
            raw = bytearray("\n".join(lines).encode("utf-8"))
            for _ in range(rng.randint(1, 4)):
                if raw:
                    raw[rng.randrange(len(raw))] = rng.randrange(256)
            lines = raw.decode("utf-8", "replace").splitlines()
    return "\n".join(lines) + "\n"


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


class Fuzzer:
    """Loads the checklists once; each case is one call of ``case(kind, text)``."""

    def __init__(self):
        from clinic_ready.core import engine
        from clinic_ready.io import answers, translation, yamlio
        from clinic_ready.io.catalog import shipped
        from clinic_ready.io.loading import load_checklist, parse_checklist
        from clinic_ready.render import explain

        self.answers, self.engine, self.explain, self.translation, self.yamlio = (
            answers,
            engine,
            explain,
            translation,
            yamlio,
        )
        self.parse_checklist = parse_checklist
        self.shipped = load_checklist(shipped()["ketamine-clinic"])
        self.seeds = {
            "answers": [(ROOT / "examples" / n).read_text() for n in ("well-run-clinic.yaml", "perry-like.yaml")],
            "mini": (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(),
            "mini_answers": (ROOT / "tests" / "fixtures" / "mini-answers.yaml").read_text(),
            "i18n": (ROOT / "tests" / "fixtures" / "i18n" / "mini.yaml").read_text(),
            "es": (ROOT / "tests" / "fixtures" / "i18n" / "mini.es.yaml").read_text(),
        }
        result = engine.evaluate(
            self.shipped,
            answers.parse_answers(
                yamlio.parse(self.seeds["answers"][0], "a"), self.shipped, self.seeds["answers"][0], "a"
            )[0],
        )
        from clinic_ready.io.fhir import response

        self.fhir_seed = response.render(result)
        doc = json.loads(self.fhir_seed)["entry"][0]["resource"]
        self.fhir_yaml = json.dumps(doc, indent=1)
        self.mini = parse_checklist(self.seeds["mini"], "mini.yaml")
        self.i18n_base = {}  # folder -> the checklist beside the translation (parsed once)
        self.tmp = Path(tempfile.mkdtemp(prefix="clinic-ready-fuzz-"))
        os.environ["CLINIC_READY_STATE_DIR"] = str(self.tmp / "state")

    # -- what the commands do with an accepted input
    def check_outputs(self, cl, result, rng, explain_ids) -> None:
        from clinic_ready.io.fhir import response
        from clinic_ready.render import json_
        from clinic_ready.safe_text import clean, escape_json

        for text in (escape_json(json_.render(result)), escape_json(response.render(result))):
            json.loads(text)
            bad = [
                c for c in text if 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069
            ]
            assert not bad, f"raw control in JSON: {bad[:3]!r}"
        for ident in explain_ids:
            try:
                found = self.explain.explain(result, ident)
            except Exception as exc:
                if not _ours(exc):
                    raise
                continue
            shown = clean(self.explain.text(found), keep_lines=True)
            assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in shown), (
                "raw control in explain"
            )
            escape_json(json.dumps(found, ensure_ascii=False))
        roll = rng.random()
        if roll < 0.02:
            from clinic_ready.render import markdown

            markdown.render(result)
        elif roll < 0.03:
            from clinic_ready.render import markdown

            markdown.render_blank(cl)
        elif roll < 0.06:
            from clinic_ready.render import terminal

            terminal.render(result, width=80, plain=True, answers=True, explain=True)

    def case(self, kind: str, rng: random.Random) -> bool:
        """Run one case; True when the input was accepted."""
        y, a = self.yamlio, self.answers
        if kind == "answers":
            text = mutate_text(rng.choice(self.seeds["answers"]), rng)
            data = y.require_mapping(y.parse(text, "a.yaml"), "a.yaml")
            found, _w = a.parse_answers(data, self.shipped, text, "a.yaml")
            result = self.engine.evaluate(self.shipped, found)
            self.check_outputs(
                self.shipped,
                result,
                rng,
                [
                    rng.choice(sorted(self.shipped.questions)),
                    "clinic_name",
                    rng.choice([c.id for c in self.shipped.concerns]),
                ],
            )
        elif kind == "fhir":
            text = mutate_text(self.fhir_yaml, rng) if rng.random() < 0.7 else self._fhir_structural(rng)
            data = y.require_mapping(y.parse(text, "r.json"), "r.json")
            found, _w = a.parse_answers(data, self.shipped, text, "r.json")
            self.engine.evaluate(self.shipped, found)
        elif kind == "checklist":
            text = mutate_text(self.seeds["mini"], rng)
            cl = self.parse_checklist(text, "m.yaml")
            adata = y.parse(self.seeds["mini_answers"], "ma.yaml")
            found, _w = a.parse_answers(adata, cl, self.seeds["mini_answers"], "ma.yaml")
            result = self.engine.evaluate(cl, found)
            self.check_outputs(
                cl, result, rng, [rng.choice(sorted(cl.questions)), rng.choice([c.id for c in cl.concerns] or ["x"])]
            )
            if rng.random() < 0.05:
                from clinic_ready.core import selftest

                selftest.run(cl)
        elif kind == "translation":
            folder = self.tmp / f"t{rng.randrange(4)}"
            folder.mkdir(exist_ok=True)
            if not (folder / "t.yaml").exists():
                (folder / "t.yaml").write_text(self.seeds["i18n"])
            es = mutate_text(self.seeds["es"], rng)
            if rng.random() < 0.3:
                es = es.replace("no_bp: [s1_es]", f"no_bp: [{rng.choice(['nonexistent', 's1', 's1_es', '1', '~'])}]")
            (folder / "t.es.yaml").write_text(es)
            base = self.i18n_base.get(folder)
            if base is None:
                base = self.i18n_base[folder] = self.parse_checklist(self.seeds["i18n"], str(folder / "t.yaml"))
            cl = self.translation.localized(base, folder / "t.yaml", "es")
            adata = y.parse(self.seeds["mini_answers"], "ma.yaml")
            found, _w = a.parse_answers(adata, cl, self.seeds["mini_answers"], "ma.yaml")
            result = self.engine.evaluate(cl, found)
            self.check_outputs(cl, result, rng, [rng.choice([c.id for c in cl.concerns])])
        elif kind == "draft":
            from clinic_ready.io import drafts

            path = drafts.draft_path(self.mini.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                mutate_text(
                    "checklist: mini\nchecklist_version: '1.0'\nsaved_at: '2026-12-01T10:00:00'\n"
                    "answers: {monitored: 'no', age: 30, meds: [benzo]}\nskipped: [age]\n",
                    rng,
                )
            )
            try:
                drafts.load(self.mini)
            except drafts.CorruptDraft:
                return False
        elif kind == "set":
            sets = [
                f"{rng.choice(sorted(self.mini.questions) + ['x', ''])}={rng.choice(NUMBERS + PAYLOADS + ['yes', 'a,b'])}"
                for _ in range(rng.randint(1, 3))
            ]
            from clinic_ready.core.model import Answers

            a.apply_sets(Answers(self.mini.id, self.mini.version), self.mini, sets)
        return True

    def _fhir_structural(self, rng: random.Random) -> str:
        doc = json.loads(self.fhir_seed)["entry"][0]["resource"]
        items = doc["item"]
        op = rng.randrange(4)
        if op == 0:  # a duplicate linkId, at the top or nested
            section = rng.choice(items)
            target = section.get("item") or items
            target.append(json.loads(json.dumps(rng.choice(target))))
        elif op == 1:  # many unknown linkIds
            items.extend(
                {"linkId": f"z{n}", "answer": [{"valueString": "a"}]} for n in range(rng.choice([10, 100, 500]))
            )
        elif op == 2:
            items.append({"linkId": rng.choice([1, None, True, ["x"], {"a": 1}]), "answer": [{"valueString": "a"}]})
        text = json.dumps(doc, indent=1)
        if op == 3:  # a key that is not text inside an answer
            text = text.replace('"valueString"', f'{rng.choice(KEYS[:5])}: 1, "valueString"', 1)
        return text


def _ours(exc: BaseException) -> bool:
    from clinic_ready.errors import ClinicReadyError

    return isinstance(exc, ClinicReadyError)


KINDS = (("answers", 40), ("fhir", 15), ("checklist", 20), ("translation", 10), ("draft", 10), ("set", 5))


def run_in_process(cases: int, seed: int, report_every: int = 25_000) -> dict:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    import warnings

    warnings.simplefilter("ignore")
    fuzzer = Fuzzer()
    rng = random.Random(seed)
    names = [k for k, w in KINDS for _ in range(w)]
    counts: Counter = Counter()
    failures: list[str] = []
    signal.signal(signal.SIGALRM, _alarm)
    t0 = time.perf_counter()
    for n in range(cases):
        kind = rng.choice(names)
        case_rng = random.Random(rng.getrandbits(64))
        signal.setitimer(signal.ITIMER_REAL, ALARM_S)
        try:
            accepted = fuzzer.case(kind, case_rng)
            counts["accepted" if accepted else "refused"] += 1
        except Hang:
            counts["hang"] += 1
            failures.append(f"hang: {kind} case {n}")
        except Exception as exc:
            if _ours(exc):
                counts["refused"] += 1
            else:
                counts["exit 3"] += 1
                counts[f"exit 3 {kind} {type(exc).__name__}"] += 1
                if len(failures) < 20:
                    failures.append(
                        f"{kind} case {n} (seed {seed}): {type(exc).__name__}: {str(exc)[:200]}\n"
                        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-4:])
                    )
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        counts[kind] += 1
        if report_every and (n + 1) % report_every == 0:
            print(
                f"  {n + 1:,} cases, {time.perf_counter() - t0:.0f} s, exit 3: {counts['exit 3']}, hangs: {counts['hang']}",
                flush=True,
            )
    counts["seconds"] = round(time.perf_counter() - t0)
    import shutil

    shutil.rmtree(fuzzer.tmp, ignore_errors=True)  # drafts and translations written by the cases
    return {"counts": counts, "failures": failures}


def run_cli(cases: int, seed: int) -> dict:
    """Mutated files through the installed entry point, as a person would run them."""
    exe = Path(sys.executable).parent / "clinic-ready"
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="clinic-ready-clifuzz-"))
    env = {**os.environ, "CLINIC_READY_STATE_DIR": str(tmp / "state"), "NO_COLOR": "1", "PAGER": "cat"}
    answers = [(ROOT / "examples" / n).read_text() for n in ("well-run-clinic.yaml", "perry-like.yaml")]
    mini = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text()
    counts: Counter = Counter()
    failures: list[str] = []
    for _ in range(cases):
        (tmp / "a.yaml").write_text(mutate_text(rng.choice(answers), rng))
        (tmp / "m.yaml").write_text(mutate_text(mini, rng))
        lang = ["--lang", "es"] if rng.random() < 0.2 else []
        args = rng.choice(
            [
                ["run", "-a", "a.yaml", "-f", rng.choice(["json", "fhir", "markdown", "terminal"])],
                ["validate", "a.yaml", "m.yaml"],
                [
                    "explain",
                    rng.choice(["clinic_name", "where", "no_bp_checks"]),
                    "-a",
                    "a.yaml",
                    "-f",
                    rng.choice(["text", "json"]),
                ],
                ["print", "m.yaml", "-f", "markdown"],
                ["test", "m.yaml"],
                ["export", "m.yaml", "--fhir"],
                [
                    "run",
                    str(ROOT / "tests" / "fixtures" / "mini.yaml"),
                    "--set",
                    f"age={rng.choice(NUMBERS)}",
                    "--set",
                    "monitored=yes",
                    "--set",
                    "where=clinic",
                    "--set",
                    "meds=benzo",
                    "-f",
                    "json",
                ],
            ]
        )
        try:
            r = subprocess.run(
                [str(exe), *lang, *args],
                cwd=tmp,
                env=env,
                capture_output=True,
                timeout=60,
                stdin=subprocess.DEVNULL,
                preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY)),
            )
        except subprocess.TimeoutExpired:
            counts["hang"] += 1
            failures.append(f"cli hang: {args}")
            continue
        counts[f"exit {r.returncode}"] += 1
        err = r.stderr.decode("utf-8", "replace")
        if r.returncode == 3 or "Traceback" in err:
            counts["traceback" if "Traceback" in err else "exit 3"] += 1
            if len(failures) < 20:
                failures.append(f"cli {args}: exit {r.returncode}: {err[-300:]}")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return {"counts": counts, "failures": failures}


def run_properties(per_property: int) -> int:
    env = {**os.environ, "CLINIC_READY_FUZZ_EXAMPLES": str(per_property)}
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_properties.py")],
        cwd=ROOT,
        env=env,
    )
    print(
        f"fuzz: 7 properties x {per_property} examples = {7 * per_property} examples in {time.perf_counter() - t0:.0f} s; "
        f"{'clean' if r.returncode == 0 else 'FAILURES (see above)'}"
    )
    return r.returncode


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", type=int, default=250_000, help="in-process cases (default 250,000)")
    p.add_argument("--cli", type=int, default=300, help="cases through the installed entry point (default 300)")
    p.add_argument("--seed", type=int, default=20261207)
    p.add_argument(
        "--properties", type=int, default=0, help="run tests/test_properties.py with this many examples each instead"
    )
    args = p.parse_args(argv)
    if args.properties:
        return run_properties(args.properties)
    inproc = run_in_process(args.cases, args.seed) if args.cases else {"counts": Counter(), "failures": []}
    cli = run_cli(args.cli, args.seed + 1) if args.cli else {"counts": Counter(), "failures": []}
    c, k = inproc["counts"], cli["counts"]
    for line in inproc["failures"] + cli["failures"]:
        print("FAILURE", line)
    print(
        f"in process: {args.cases:,} cases in {c['seconds']} s: {c['accepted']:,} accepted and rendered, {c['refused']:,} refused "
        f"(exit 2); exit 3: {c['exit 3']}; hangs: {c['hang']}"
    )
    print("  by kind: " + ", ".join(f"{kind} {c[kind]:,}" for kind, _w in KINDS))
    print(
        f"CLI: {args.cli} cases: "
        + ", ".join(f"{key} {v}" for key, v in sorted(k.items()))
        + f"; tracebacks: {k['traceback']}; exit 3: {k['exit 3']}; hangs: {k['hang']}"
    )
    bad = c["exit 3"] + c["hang"] + k["exit 3"] + k["traceback"] + k["hang"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
