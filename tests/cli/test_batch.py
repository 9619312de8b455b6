"""`clinic-ready batch`: JSON Lines, one per file, bad files reported, exit codes."""

from __future__ import annotations

import json
import os
import time

import pytest
from helpers import EXAMPLES, FIXTURES
from typer.testing import CliRunner

from clinic_ready.cli import app

runner = CliRunner()
PERRY, WELL = str(EXAMPLES / "perry-like.yaml"), str(EXAMPLES / "well-run-clinic.yaml")


def lines(r):
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_one_line_per_file_in_order():
    r = runner.invoke(app, ["batch", WELL, PERRY, WELL])
    assert r.exit_code == 0
    out = lines(r)
    assert [o["file"] for o in out] == [WELL, PERRY, WELL]
    assert [o["result"]["verdict"]["code"] for o in out] == ["none", "stop", "none"]
    single = runner.invoke(app, ["run", "-a", PERRY, "-f", "json"])
    assert out[1]["result"] == json.loads(single.stdout)  # the same document as --format json


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("checklist: ketamine-clinic\nanswers:\n  where: moon\n")
    r = runner.invoke(app, ["batch", PERRY, str(bad), str(tmp_path / "missing.yaml"), WELL])
    assert r.exit_code == 2
    out = lines(r)
    assert [o["ok"] for o in out] == [True, False, False, True]
    assert out[1]["errors"] == [
        f"{bad}:3:10: answers.where: the answer is not one of the choices — use one of: clinic, both, home, elsewhere"
    ]
    assert "no such file" in out[2]["errors"][0]


def test_fail_on_over_all_files():
    assert runner.invoke(app, ["batch", WELL, PERRY, "--fail-on", "critical"]).exit_code == 1
    assert runner.invoke(app, ["batch", WELL, "--fail-on", "low"]).exit_code == 0


def test_forced_checklist(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("checklist: mini\nanswers:\n  monitored: no\n  meds: [none]\n  where: clinic\n")
    r = runner.invoke(app, ["batch", "--checklist", str(FIXTURES / "mini.yaml"), str(f)])
    assert r.exit_code == 0 and lines(r)[0]["result"]["concerns"][0]["id"] == "no_bp"
    r = runner.invoke(app, ["batch", "--checklist", "nonexistent-list", str(f)])
    assert r.exit_code == 2 and "no shipped checklist is called 'nonexistent-list'" in lines(r)[0]["errors"][0]


# --------------------------------------------------------------------------- --jobs, interrupts, pipes
# (through the installed entry point: processes, signals and pipes are the behaviour under test)

import signal  # noqa: E402
import subprocess  # noqa: E402

from helpers import cli_path, run_cli  # noqa: E402


def many(tmp_path, count: int, bad_every: int = 0) -> list[str]:
    texts = [open(PERRY).read(), open(WELL).read()]  # noqa: SIM115
    paths = []
    for i in range(count):
        f = tmp_path / f"a{i:04d}.yaml"
        if bad_every and i % bad_every == bad_every - 1:
            f.write_text(f"checklist: ketamine-clinic\nanswers:\n  where: moon{i}\n")
        else:
            f.write_text(texts[i % 2])
        paths.append(str(f))
    return paths


def test_jobs_give_the_same_lines_errors_and_exit_code_in_input_order(tmp_path):
    files = many(tmp_path, 40, bad_every=7) + [str(tmp_path / "missing.yaml")]
    one = run_cli("batch", *files)
    assert one.returncode == 2
    for jobs in ("2", "0"):
        other = run_cli("batch", "--jobs", jobs, *files)
        assert other.returncode == 2
        assert other.stdout == one.stdout  # byte for byte, in input order
        assert other.stderr == one.stderr  # the same per-file error lines, in the same order
    out = [json.loads(x) for x in one.stdout.splitlines()]
    assert [o["file"] for o in out] == files
    assert [o["ok"] for o in out].count(False) == 40 // 7 + 1
    assert (
        "a0006.yaml:3:10: answers.where" in one.stderr.splitlines()[0] and "no such file" in one.stderr.splitlines()[-1]
    )
    assert "moon" not in one.stderr  # messages name the question, never the answer


def test_jobs_keep_the_fail_on_rule():
    assert run_cli("batch", "-j", "2", WELL, PERRY, WELL, "--fail-on", "critical").returncode == 1
    assert run_cli("batch", "-j", "2", WELL, WELL, "--fail-on", "low").returncode == 0
    bad = run_cli("batch", "--jobs", "-1", WELL)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def start(files: list[str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [cli_path(), "batch", *extra, *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_batch_ends_after_a_whole_line(tmp_path, jobs):
    files = many(tmp_path, 400)
    p = start(files, "--jobs", jobs)
    first = p.stdout.readline()  # the batch is running; its next lines soon fill the pipe and block
    p.send_signal(signal.SIGINT)  # arrives while a line is being written
    rest, err = p.stdout.read(), p.stderr.read()  # (communicate() would skip what readline buffered)
    assert p.wait(timeout=60) == 130
    out = (first + rest).decode()
    assert out.endswith("\n")
    lines = out.splitlines()
    assert 1 <= len(lines) < len(files)
    assert [json.loads(x)["file"] for x in lines] == files[: len(lines)]  # every line whole, in order
    assert err.decode().strip() == "clinic-ready: interrupted."


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_closed_pipe_ends_quietly(tmp_path, jobs):
    files = many(tmp_path, 200)
    p = start(files, "--jobs", jobs)
    assert len(p.stdout.read(10)) == 10  # batch … | head -c 10
    p.stdout.close()
    err = p.stderr.read()
    p.wait(timeout=60)
    assert err == b""  # no traceback, no "bug"
    assert p.returncode == 141  # as other tools: 128 + SIGPIPE


def test_paths_listed_in_a_file_or_on_standard_input(tmp_path):
    """--from FILE (or -) for lists too long for the command line: the same lines, after any paths given."""
    from helpers import run_cli

    listed = tmp_path / "paths.txt"
    listed.write_text(f"{PERRY}\n\n{WELL}\r\n")
    by_args = run_cli("batch", WELL, PERRY, WELL)
    by_file = run_cli("batch", WELL, "--from", str(listed))
    by_stdin = run_cli("batch", WELL, "--from", "-", input=listed.read_text())
    assert by_args.returncode == by_file.returncode == by_stdin.returncode == 0, by_file.stderr + by_stdin.stderr
    assert by_args.stdout == by_file.stdout == by_stdin.stdout and len(by_args.stdout.splitlines()) == 3
    missing = run_cli("batch", "--from", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "--from" in missing.stderr and "cannot read it" in missing.stderr, missing.stderr
    nothing = run_cli("batch", "--from", "-", input="\n")
    assert nothing.returncode == 2 and "no answers files" in nothing.stderr and missing.stdout == nothing.stdout == ""


def test_where_workers_cannot_be_forked_jobs_runs_in_one_process_and_says_so(tmp_path, monkeypatch):
    """On a system without fork (Windows) --jobs 2 evaluates in the one process: the same lines, and
    a line on standard error saying why it is not faster."""
    from clinic_ready.app import batch as batch_mod
    from clinic_ready.app import batch_pool

    files = many(tmp_path, 12, bad_every=5)
    one = CliRunner().invoke(app, ["batch", *files])
    monkeypatch.setattr(batch_mod, "FORKS", False)
    monkeypatch.setattr(batch_pool, "pooled", None)  # never reached
    two = CliRunner().invoke(app, ["batch", "--jobs", "2", *files])
    assert two.exit_code == one.exit_code == 2 and two.stdout == one.stdout
    notice = "clinic-ready: --jobs 2: this system cannot start worker processes (they are forked), so the files are evaluated in this one"
    assert two.stderr.splitlines() == [notice] + one.stderr.splitlines()
    assert batch_mod.workers(0) == batch_mod.workers(4) == 1


# --------------------------------------------------------------------------- worker processes (in process)


def _blocks(files, jobs=1):
    from clinic_ready.app import batch as batch_mod

    return list(batch_mod.blocks(files, jobs=jobs))


@pytest.mark.parametrize("ahead", [1, 3])
def test_workers_give_the_same_blocks_in_input_order(tmp_path, monkeypatch, ahead):
    """The pool's Blocks are those of one process, in input order, whether few or many chunks are
    in flight and however many workers share them."""
    from clinic_ready.app import batch_pool

    monkeypatch.setattr(batch_pool, "AHEAD", ahead)
    files = many(tmp_path, 70, bad_every=9)
    one = _blocks(files)
    assert sum(1 for b in one if b.errors) == 70 // 9 and "critical" in {b.worst for b in one}
    for jobs in (2, 3, 5):
        assert _blocks(files, jobs) == one


def test_a_short_batch_is_shared_among_the_workers():
    from clinic_ready.app.batch_pool import CHUNK, _chunks

    assert [len(c) for c in _chunks(map(str, range(10)), 2)] == [2] * 5  # every worker gets some
    sizes = [len(c) for c in _chunks(map(str, range(1000)), 2)]
    assert set(sizes[:-1]) == {CHUNK} and sum(sizes) == 1000  # a long one in full chunks, read as it goes


def test_a_slow_worker_leaves_more_chunks_to_the_others(tmp_path, monkeypatch):
    """Workers take chunks as they go: while one is held up (a core busy with something else, or
    files that take longer), the other evaluates the chunks in flight; the output is the same, in
    order.  (The held-up worker waits for an event the other sets, not for a time.)"""
    import multiprocessing

    from clinic_ready.app import batch_pool

    files = many(tmp_path, 64)  # 8 chunks of 8
    record = tmp_path / "chunks.txt"
    real = batch_pool.block
    go = multiprocessing.get_context("fork").Event()  # inherited by both workers
    mine: list[str] = []  # each worker's own copy

    def block(path, checklists, fmt):
        if path in files[::8]:  # the first file of a chunk
            if path == files[0]:
                mine.append("held")
                assert go.wait(60)
            with open(record, "a") as fh:
                fh.write(f"{mine[0] if mine else 'free'}\n")
            if record.read_text().count("free") == 2 * batch_pool.AHEAD - 1:  # the other did the rest in flight
                go.set()
        return real(path, checklists, fmt)

    monkeypatch.setattr(batch_pool, "block", block)  # the forked workers inherit it
    assert _blocks(files, 2) == _blocks(files)
    claims = record.read_text().split()
    assert len(claims) == 8 and 1 <= claims.count("held") <= 3, claims


def _failing_at(monkeypatch, files, act) -> None:
    """Workers that first do ``act`` when they reach the 31st file (they inherit the patch)."""
    from clinic_ready.app import batch_pool

    real = batch_pool.block

    def block(path, checklists, fmt):
        if path == files[30]:
            act()
        return real(path, checklists, fmt)

    monkeypatch.setattr(batch_pool, "block", block)


def test_a_bug_in_a_worker_is_reported_not_hidden(tmp_path, monkeypatch):
    """A worker's exception reaches the main process with its traceback (the CLI's error boundary
    then reports a bug, exit 3)."""
    files = many(tmp_path, 40)

    def broken():
        raise ZeroDivisionError("deliberate")

    _failing_at(monkeypatch, files, broken)
    with pytest.raises(RuntimeError, match=r"(?s)a batch worker failed:.*ZeroDivisionError: deliberate"):
        _blocks(files, 2)


def test_a_worker_that_ends_on_its_own_stops_the_batch_instead_of_hanging(tmp_path, monkeypatch):
    files = many(tmp_path, 40)
    _failing_at(monkeypatch, files, lambda: os._exit(9))
    with pytest.raises(RuntimeError, match=r"a batch worker stopped before it finished \(exit codes .*9"):
        _blocks(files, 2)


def test_a_worker_stopped_by_the_system_is_reported_as_such(tmp_path, monkeypatch):
    """SIGKILL (the out-of-memory killer, say) is the environment, not a bug: exit 2 at the command
    line, with a message that names the signal, says the output is incomplete and suggests fewer
    --jobs; every Block before the lost chunk still comes, in order."""
    import signal as sig

    from clinic_ready.app import batch as batch_mod
    from clinic_ready.errors import ClinicReadyError

    files = many(tmp_path, 40)
    _failing_at(monkeypatch, files, lambda: os.kill(os.getpid(), sig.SIGKILL))
    got = []
    with pytest.raises(
        ClinicReadyError, match=r"worker \d of 2 was stopped by SIGKILL .*output is incomplete.* try fewer --jobs"
    ):
        for b in batch_mod.blocks(files, jobs=2):
            got.append(b)
    assert got == _blocks(files[: len(got)]) and len(got) <= 30


def test_a_worker_stopped_by_sigterm_ends_the_batch_as_interrupted(tmp_path, monkeypatch):
    """SIGTERM to one worker (or to the whole group) is an interruption: KeyboardInterrupt (exit 130
    at the command line), after the Blocks before it."""
    import signal as sig

    from clinic_ready.app import batch as batch_mod
    from clinic_ready.app import batch_pool

    def told_to_stop():
        os.kill(os.getpid(), sig.SIGTERM)
        while not batch_pool._STOP:  # the worker's signal thread has taken it
            os.sched_yield()

    files = many(tmp_path, 40)
    _failing_at(monkeypatch, files, told_to_stop)
    got = []
    with pytest.raises(KeyboardInterrupt):
        for b in batch_mod.blocks(files, jobs=2):
            got.append(b)
    assert got == _blocks(files[: len(got)]) and len(got) <= 30


def test_sigterm_to_the_whole_group_is_an_interruption(tmp_path):
    """`kill -TERM -<pgid>` (a service manager, `timeout`): the workers die too; the batch still
    ends as interrupted (130) after whole lines, not as a failure."""
    import os
    import signal as sig

    files = many(tmp_path, 400)
    p = subprocess.Popen(
        [cli_path(), "batch", "--jobs", "2", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    first = p.stdout.readline()
    os.killpg(p.pid, sig.SIGTERM)
    rest, err = p.stdout.read(), p.stderr.read()
    assert p.wait(timeout=60) == 130, err
    out = (first + rest).decode()
    assert out.endswith("\n") and all(json.loads(x) for x in out.splitlines())
    assert err.decode().strip() == "clinic-ready: interrupted."


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_is_escaped_the_same_way_with_or_without_workers(tmp_path):
    import os as _os

    good = open(WELL, "rb").read()  # noqa: SIM115
    names = [_os.path.join(_os.fsencode(str(tmp_path)), b"a\xff%d.yaml" % i) for i in range(3)]
    for name in names:
        with open(name, "wb") as fh:
            fh.write(good)
    args = [_os.fsdecode(n) for n in names]
    outs = []
    for jobs in ("1", "2"):
        r = subprocess.run([cli_path(), "batch", "--jobs", jobs, *args], capture_output=True, stdin=subprocess.DEVNULL)
        assert r.returncode == 0, r.stderr
        outs.append(r.stdout)
    assert outs[0] == outs[1]
    files = [json.loads(x)["file"] for x in outs[0].decode("utf-8").splitlines()]
    assert [_os.fsencode(f) for f in files] == names  # the very bytes, back


def test_a_signal_while_waiting_for_listed_paths_ends_the_batch_at_once(tmp_path):
    """`producer | clinic-ready batch --from -`: Ctrl-C or SIGTERM while the batch waits for the
    next path ends it (130) at once, never later as a success."""
    import signal as sig

    files = many(tmp_path, 2)
    p = subprocess.Popen(
        [cli_path(), "batch", "--from", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    p.stdin.write((files[0] + "\n").encode())
    p.stdin.flush()
    first = p.stdout.readline()  # its line is out: the batch now waits for the next path
    assert json.loads(first)["ok"] is True
    p.send_signal(sig.SIGTERM)  # waiting for the next path, or just finishing the line: the same end
    assert p.wait(timeout=10) == 130  # while standard input is still open
    p.stdin.close()
    assert p.stderr.read().decode().strip() == "clinic-ready: interrupted."


def _first_bytes(stream) -> bytes:
    """Some of the output, read from the descriptor itself (a buffered readline would keep more
    than it returns, which _read_all then could not see)."""
    got = b""
    while b"\n" not in got:
        chunk = os.read(stream.fileno(), 1 << 16)
        assert chunk, "the batch ended before writing a line"
        got += chunk
    return got


def _read_all(stream, seconds: float) -> bytes:
    """Everything until end of file, failing the test if it has not come within ``seconds``."""
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(stream, selectors.EVENT_READ)
    got, deadline = b"", time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        assert left > 0, "the output was still open: something is still running"
        if sel.select(left):
            chunk = os.read(stream.fileno(), 1 << 16)
            if not chunk:
                return got
            got += chunk


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return [int(x) for x in fh.read().split()]


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # ended (a zombie until reaped)
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc (Linux)")
def test_workers_stop_when_their_parent_is_killed(tmp_path):
    """`kill -9` of the batch (not of its group): its workers end too, within moments, instead of
    waiting for ever for work (they watch a pipe only the batch holds open)."""
    import signal as sig

    files = many(tmp_path, 400)
    p = start(files, "--jobs", "2")
    _first_bytes(p.stdout)  # the workers are running (they started before the first line)
    workers = _children(p.pid)
    assert len(workers) == 2
    p.send_signal(sig.SIGKILL)
    p.wait(timeout=10)
    deadline = time.monotonic() + 30
    while not all(_gone(w) for w in workers):
        assert time.monotonic() < deadline, "a worker outlived the batch"
        os.sched_yield()


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc (Linux)")
@pytest.mark.parametrize(
    ("signal_name", "code", "said"),
    [
        (
            "SIGKILL",
            2,
            "clinic-ready: worker {n} of 2 was stopped by SIGKILL before it finished, so the output is incomplete",
        ),
        ("SIGTERM", 130, "clinic-ready: interrupted."),
    ],
)
def test_a_worker_killed_while_the_pipe_is_full_leaves_whole_lines(tmp_path, signal_name, code, said):
    """The reader has stopped reading (the pipe is full: the batch waits in the middle of a line)
    when a worker is killed: the batch writes every line it has whole, then stops with a message
    that says the output is incomplete (exit 2), or as interrupted for SIGTERM (130)."""
    files = many(tmp_path, 400)
    p = start(files, "--jobs", "2")
    first = _first_bytes(p.stdout)
    workers = _children(p.pid)
    os.kill(workers[1], getattr(signal, signal_name))
    rest, err = _read_all(p.stdout, 60), p.stderr.read().decode()
    assert p.wait(timeout=30) == code, err
    out = (first + rest).decode()
    assert out.endswith("\n")
    lines = out.splitlines()
    assert [json.loads(x)["file"] for x in lines] == files[: len(lines)] and len(lines) < len(files)
    assert said.format(n=2) in err or said.format(n=1) in err, err
    assert "Traceback" not in err


def _state(pid: int) -> tuple[str, str]:
    with open(f"/proc/{pid}/stat") as fh:
        state = fh.read().rsplit(")", 1)[1].split()[0]
    with open(f"/proc/{pid}/wchan") as fh:
        return state, fh.read()


@pytest.mark.skipif(not os.path.exists("/proc/self/wchan"), reason="needs /proc (Linux)")
def test_a_worker_killed_while_sending_its_result_is_reported_not_waited_for(tmp_path):
    """The batch is held (SIGSTOP) so that its workers' results fill the pipe between them; one
    worker, stopped in the middle of sending a result, is then killed.  Python's process pool
    would wait for the rest of that result for ever; the batch reports the stopped worker (exit 2),
    after whole lines, and ends."""
    import select

    files = many(tmp_path, 400)
    p = start(files, "--jobs", "2")
    first = _first_bytes(p.stdout)
    workers = _children(p.pid)
    p.send_signal(signal.SIGSTOP)
    deadline = time.monotonic() + 60
    sending = []
    while not sending:  # a worker blocked writing its result into the full pipe
        assert time.monotonic() < deadline, [_state(w) for w in workers]
        select.select([], [], [], 0.01)  # (a short pause between looks at /proc, not a wait for an event)
        sending = [w for w in workers if _state(w)[0] == "S" and _state(w)[1].endswith("pipe_write")]
    os.kill(sending[0], signal.SIGKILL)
    p.send_signal(signal.SIGCONT)
    rest, err = _read_all(p.stdout, 60), p.stderr.read().decode()
    assert p.wait(timeout=30) == 2, err
    out = (first + rest).decode()
    assert out.endswith("\n")
    lines = out.splitlines()
    assert [json.loads(x)["file"] for x in lines] == files[: len(lines)] and len(lines) < len(files)
    assert "was stopped by SIGKILL before it finished, so the output is incomplete" in err and "Traceback" not in err


def test_json_lines_on_a_terminal_escape_c1_and_bidi_controls(tmp_path):
    """On a terminal the C1 and bidi controls in a line (here from file names) are written as JSON
    escapes (nothing for the terminal to act on, the same data); into a pipe, as they are."""
    import pty

    names = []
    for i, bad in enumerate(["\u009b31m", "\u202egpj", "\x7f"]):
        f = tmp_path / f"a{bad}{i}.yaml"
        f.write_text(open(WELL).read())  # noqa: SIM115
        names.append(str(f))
    piped = run_cli("batch", "-f", "jsonl-compact", *names)
    assert piped.returncode == 0 and "\u009b" in piped.stdout and "\u202e" in piped.stdout
    for jobs in ("1", "2"):
        leader, follower = pty.openpty()
        p = subprocess.Popen(
            [cli_path(), "batch", "-j", jobs, "-f", "jsonl-compact", *names],
            stdout=follower,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        os.close(follower)
        got = b""
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: the batch has ended and closed the terminal
                break
            if not chunk:
                break
            got += chunk
        os.close(leader)
        assert p.wait(timeout=60) == 0, p.stderr.read()
        shown = got.decode("utf-8")
        assert not any(c in shown for c in "\u009b\u202e\x7f"), shown
        assert [json.loads(x) for x in shown.splitlines()] == [json.loads(x) for x in piped.stdout.splitlines()]


def test_ctrl_c_to_the_whole_group_ends_after_whole_lines(tmp_path):
    """Ctrl-C in a terminal reaches every process of the group: the workers leave it to the batch,
    which ends as interrupted (130) after whole lines."""
    import signal as sig

    files = many(tmp_path, 400)
    p = subprocess.Popen(
        [cli_path(), "batch", "--jobs", "2", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    first = _first_bytes(p.stdout)
    os.killpg(p.pid, sig.SIGINT)
    rest, err = _read_all(p.stdout, 30), p.stderr.read()
    assert p.wait(timeout=30) == 130, err
    lines = (first + rest).decode().splitlines()
    assert [json.loads(x)["file"] for x in lines] == files[: len(lines)] and len(lines) < len(files)
    assert err.decode().strip() == "clinic-ready: interrupted."


def test_nohup_keeps_a_batch_running_past_a_hangup(tmp_path):
    """Under `nohup` (SIGHUP ignored) a hang-up of the terminal neither stops the batch nor its
    workers: every line is written and the batch ends normally."""
    import signal as sig

    files = many(tmp_path, 120)
    p = subprocess.Popen(
        [cli_path(), "batch", "--jobs", "2", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=lambda: sig.signal(sig.SIGHUP, sig.SIG_IGN),
    )
    first = _first_bytes(p.stdout)
    os.killpg(p.pid, sig.SIGHUP)
    rest, err = _read_all(p.stdout, 60), p.stderr.read()
    assert p.wait(timeout=30) == 1 or p.returncode == 0, err
    assert [json.loads(x)["file"] for x in (first + rest).decode().splitlines()] == files


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_reported_the_same_way_with_or_without_workers(tmp_path):
    files = many(tmp_path, 30)
    said = []
    for jobs in ("1", "2"):
        with open("/dev/full", "wb") as full:
            r = subprocess.run(
                [cli_path(), "batch", "--jobs", jobs, *files],
                stdout=full,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                timeout=60,
            )
        assert r.returncode == 2, r.stderr
        said.append(r.stderr)
    assert said[0] == said[1] and b"cannot write the output (No space left on device)" in said[0]


def test_output_and_errors_merged_read_the_same_with_or_without_workers(tmp_path):
    """`batch … > all.txt 2>&1`: each bad file's error lines follow its own line, whatever --jobs is."""
    files = many(tmp_path, 40, bad_every=7)
    merged = [
        subprocess.run(
            [cli_path(), "batch", "--jobs", jobs, *files],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=60,
        ).stdout
        for jobs in ("1", "2")
    ]
    assert merged[0] == merged[1] and merged[0].count(b"answers.where") >= 2 * (40 // 7)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_batch_without_files_names_the_program_once(lang):
    """The boundary adds the program's name: a message that also wrote it read
    "clinic-ready: clinic-ready batch: no answers files …" (found in review)."""
    done = run_cli("batch", env={"CLINIC_READY_LANG": lang})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("clinic-ready") == 1 and done.stderr.startswith("clinic-ready: "), done.stderr
    assert "--from FILE" in done.stderr
