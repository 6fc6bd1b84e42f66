"""Fixtures of the end-to-end tests: a private tmux server per test and infoview in its panes.

Each test module skips (saying what to install) where tmux is missing: ``pytestmark =
pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)``; ``python3 dev.py test`` installs
tmux first where it can.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .infoview import app_env, start
from .tmux import Pane, Tmux


@pytest.fixture(scope="session")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One bytecode cache for every start of the app in this run."""
    return tmp_path_factory.mktemp("pycache")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A private tmux server (its own -L socket, no config, 120x40), killed afterwards."""
    server = Tmux(prefix="infoview-e2e")
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def env(pycache: Path) -> dict[str, str]:
    """The app's environment, from the private HOME and XDG_DATA_HOME that the autouse
    fixture in tests/conftest.py set, passed to tmux explicitly."""
    return app_env(Path(os.environ["HOME"]), Path(os.environ["XDG_DATA_HOME"]), pycache)


@pytest.fixture
def infoview(tmux: Tmux, env: dict[str, str]) -> Iterator[Callable[[Path], Pane]]:
    """``infoview(db)`` runs ``python -m infoview_tui --db DB`` in a new pane."""
    panes: list[Pane] = []

    def launch(db: Path) -> Pane:
        pane = start(tmux, db, env)
        panes.append(pane)
        return pane

    try:
        yield launch
    finally:
        for pane in panes:
            pane.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the test's notebook lives (no file yet)."""
    return tmp_path / "notebook" / "notebook.json"
