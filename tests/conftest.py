"""Shared fixtures. Tests never touch the developer's own notebook."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.model import FrozenClock
from infoview_tui.store import ids


@pytest.fixture(autouse=True)
def _private_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point XDG_DATA_HOME and HOME at a temp folder so nothing real is read or written."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    # Nor the developer's own config (a keymap) or state (import reports, merge bases).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    # Ids 1, 2, 3, ... as before schema 3 (tests name records by them), here and in the
    # processes tests start; the tests of ids that devices cannot both give out turn it off.
    monkeypatch.setattr(ids, "SEQUENTIAL", True)
    monkeypatch.setenv("INFOVIEW_SEQUENTIAL_IDS", "1")
    # Local times on screen (the time of day in a call) must not depend on the machine.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def clock() -> FrozenClock:
    return sample_clock()


@pytest.fixture
def sample_db(tmp_path: Path, clock: FrozenClock) -> Iterator[Path]:
    """A fresh copy of the sample notebook."""
    path = tmp_path / "notebook.json"
    write_sample(path, clock)
    yield path
