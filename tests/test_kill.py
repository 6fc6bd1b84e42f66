"""Kill -9 the writer at random moments: the file must always hold one complete saved state."""

from __future__ import annotations

import importlib.util
import os
import random
import time
from pathlib import Path

from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook
from infoview_tui.store import NotebookFileError

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _load_child():
    spec = importlib.util.spec_from_file_location("kill_child", HERE / "kill_child.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


kill_child = _load_child()

TRIALS = 15
CHAIN = 5
"""Trials share one file this many at a time, so each run also reopens a killed run's file."""


def test_kill_during_saves_never_leaves_a_bad_file(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    rng = random.Random(20261123)
    started = time.monotonic()
    unreadable: list[str] = []
    inconsistent: list[str] = []
    sizes: list[int] = []
    last_n = 0
    path = tmp_path / "notebook.json"
    for trial in range(TRIALS):
        if trial % CHAIN == 0 or unreadable:
            path = tmp_path / f"from-trial-{trial}" / "notebook.json"
            path.parent.mkdir()
            last_n = 0
        kill_child.kill_once(path, rng.uniform(0.05, 0.4), env=env)
        assert path.exists()  # the writer saved at least once before the kill
        try:
            notebook = Notebook.open(path, system_clock)  # also proves the lock was released
        except NotebookFileError as exc:
            unreadable.append(f"trial {trial}: {exc}")
            continue
        try:
            problem = kill_child.check_state(notebook)
            n = len(notebook.contacts)
            if problem:
                inconsistent.append(f"trial {trial}: {problem}")
            assert n >= max(last_n, 1), f"trial {trial}: {n} contacts after {last_n}"
            last_n = n
            sizes.append(path.stat().st_size)
        finally:
            assert notebook.close() is None
        assert list(path.parent.glob("*.tmp")) == []  # the open removed a killed save's temp file
        assert len(list(path.parent.glob("notebook.json.bak-*"))) <= 5
    assert unreadable == []
    assert inconsistent == []
    assert len(sizes) == TRIALS
    assert max(sizes) > 10_000  # the writer really was writing when it died
    assert time.monotonic() - started < 30


def test_check_state_catches_a_torn_state(tmp_path: Path) -> None:
    """The control: a state the writer never saved is reported."""
    notebook = Notebook.open(tmp_path / "notebook.json", system_clock)
    for n in range(1, 7):
        kill_child.step(notebook, n)
    assert kill_child.check_state(notebook) is None
    notebook.update_contact(1, research_notes="5")
    assert "counts '5'" in kill_child.check_state(notebook)
    notebook.update_contact(1, research_notes="6")
    notebook.set_contact_notes(4, "4|")
    assert "contact 4" in kill_child.check_state(notebook)
    notebook.store.close()
