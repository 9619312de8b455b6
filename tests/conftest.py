"""Shared fixtures: an isolated working folder and state directory for every test (helpers.py has
the shared functions, strategies.py the hypothesis strategies)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import FIXTURES

if os.environ.get("PYTEST_XDIST_WORKER"):
    # pytest-xdist's workers export COLUMNS=80 and LINES=24, which Rich (in the tool under test)
    # would prefer to the real size of a test's pseudo-terminal: run as a serial session does
    for _name in ("COLUMNS", "LINES"):
        os.environ.pop(_name, None)


@pytest.fixture(scope="session", autouse=True)
def _empty_working_folder(tmp_path_factory):
    """Tests run in an empty folder, never in the clone: README command 1 saves answers and reports
    in the current folder, and a later test run there must not see them (the end-of-run offer
    would then offer to compare with them).  Module-scoped fixtures run here too."""
    before = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(before)


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory, monkeypatch):
    """No test may touch the developer's own state directory (drafts), nor see another test's
    files in its working folder."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CLINIC_READY_STATE_DIR", str(state))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("CLINIC_READY_LANG", "en")  # English whatever the developer's locale (tests ask for Spanish)
    monkeypatch.setenv(
        "PAGER", "cat"
    )  # a summary on a pseudo-terminal prints straight through (tests/cli/test_pager.py sets its own)
    yield state


@pytest.fixture
def mini_path() -> Path:
    return FIXTURES / "mini.yaml"
