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
        with contextlib.suppress(OSError):
            os.chmod(path, DIR_MODE)
    return path


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write data to path atomically with mode 0600; returns the path.  Every signal that would
    end the process at once (SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, ...) raises KeyboardInterrupt
    instead while the file is written, so the temporary file is removed first."""
    from clinic_ready.signals import WRITE, interrupt_on

    with interrupt_on(WRITE):
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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
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
