"""Atomic, private file writes: temporary file in the same folder, fsync, rename; mode 0600.

A failed or interrupted write leaves the old file (or nothing), never half a file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(path: Path, tighten: bool = True) -> Path:
    """Create a directory (and parents) readable only by the user.

    An existing folder is tightened to 0700 only when ``tighten`` (folders clinic-ready owns, such
    as ``drafts/``) and never through a symbolic link; a folder the user named is left as it is.
    """
    path = Path(path)
    if not path.exists():
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        return path
    if tighten and not path.is_symlink():
        try:
            os.chmod(path, DIR_MODE)
        except OSError:
            pass
    return path


@contextlib.contextmanager
def signals_handled(names, handler):
    """While the block runs, the named signals (those this platform has) call ``handler``; the
    previous handlers come back afterwards.  A signal that is ignored stays ignored (`nohup`
    ignores SIGHUP so that a command outlives the terminal).  Outside the main thread nothing
    changes."""
    import signal

    saved = {}
    for name in names:
        sig = getattr(signal, name, None)
        if sig is None or signal.getsignal(sig) is signal.SIG_IGN:
            continue
        try:
            saved[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):  # not the main thread: nothing to change
            pass
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _signals_end_the_write():
    """SIGTERM and SIGHUP during a write raise KeyboardInterrupt, so the temporary file is removed
    before the process ends (by default they would end it at once, leaving the file behind)."""
    return signals_handled(("SIGTERM", "SIGHUP"), _interrupt)


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write data to path atomically with mode 0600; returns the path."""
    with _signals_end_the_write():
        return _write_atomic(Path(path), data)


def _write_atomic(target: Path, data: bytes | str) -> Path:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    import tempfile  # (here: batch and the questionnaire's signals need this module, not tempfile)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # POSIX; mkstemp already creates the file readable only by the user
                os.fchmod(fh.fileno(), FILE_MODE)
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(folder)
    return target


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
