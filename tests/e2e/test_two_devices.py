"""Issue 15 in real terminals: two infoview processes on two copies of one notebook (two
devices), edits on both, and a copy step playing the sync engine (a temp file renamed into
place, as Syncthing does; or a Syncthing conflict copy beside the notebook). The notebook
ends up holding both sides' words."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .infoview import (
    HUMAN_CPS,
    SAVED_STATUS,
    make_notebook,
    notes_focused,
    notes_of,
    quit_app,
    to_contact_list,
)
from .tmux import NO_TMUX, Pane, has_tmux

pytestmark = pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)

ANA, BEN = "Ana Ortiz", "Ben Ode"
LAPTOP_WORDS = "laptop met Ana at the fair"
DESKTOP_WORDS = "desktop asked Ben for intros"


def sync_engine(source: Path, target: Path) -> None:
    """What a sync engine does with a file from the other device: write it to a temp file
    beside the target, then rename it into place."""
    tmp = target.with_name(f".syncthing.{target.name}.tmp")
    tmp.write_bytes(source.read_bytes())
    os.replace(tmp, target)


def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    laptop = tmp_path / "laptop" / "Sync" / "notebook.json"
    desktop = tmp_path / "desktop" / "Sync" / "notebook.json"
    make_notebook(laptop, ANA, BEN)
    desktop.parent.mkdir(parents=True)
    shutil.copy2(laptop, desktop)
    return laptop, desktop


def type_notes(pane: Pane, words: str, down: int = 0) -> None:
    """In the contact list: move ``down`` rows, open the notes, type, wait until saved."""
    to_contact_list(pane)
    for _ in range(down):
        pane.send("Down")
    pane.send("n")
    pane.wait_for(notes_focused)
    pane.type_text(words, HUMAN_CPS * 4)
    pane.wait_for(lambda screen: words in screen and SAVED_STATUS in screen, timeout=20)


def wait_on_disk(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the merge never reached the file"
        time.sleep(0.05)


def both_sides(path: Path) -> bool:
    try:
        return notes_of(path, ANA) == LAPTOP_WORDS and notes_of(path, BEN) == DESKTOP_WORDS
    except (OSError, ValueError):
        return False


def test_a_file_synced_in_under_a_running_infoview_is_merged(
    infoview: Callable[[Path], Pane], tmp_path: Path
) -> None:
    laptop_db, desktop_db = two_copies(tmp_path)
    laptop, desktop = infoview(laptop_db), infoview(desktop_db)
    type_notes(laptop, LAPTOP_WORDS)
    type_notes(desktop, DESKTOP_WORDS, down=1)
    sync_engine(desktop_db, laptop_db)  # the desktop's file arrives on the laptop
    wait_on_disk(lambda: both_sides(laptop_db))
    laptop.wait_for("Merged the changes", timeout=10)
    sync_engine(laptop_db, desktop_db)  # and the merge goes back to the desktop
    wait_on_disk(lambda: both_sides(desktop_db))
    assert quit_app(laptop) == 0 and quit_app(desktop) == 0
    assert both_sides(laptop_db) and both_sides(desktop_db)
    # The file each merge wrote over is kept as a backup.
    assert any(b"desktop asked Ben" in p.read_bytes() for p in laptop_db.parent.glob("*.bak-*"))


def test_a_syncthing_conflict_copy_is_merged_and_moved_to_merged(
    infoview: Callable[[Path], Pane], tmp_path: Path
) -> None:
    laptop_db, desktop_db = two_copies(tmp_path)
    laptop, desktop = infoview(laptop_db), infoview(desktop_db)
    type_notes(laptop, LAPTOP_WORDS)
    type_notes(desktop, DESKTOP_WORDS, down=1)
    assert quit_app(desktop) == 0
    # Syncthing found both changed: the desktop's version is the conflict copy on the laptop.
    copy = laptop_db.with_name("notebook.sync-conflict-20261206-204455-ABCDEF1.json")
    sync_engine(desktop_db, copy)
    wait_on_disk(lambda: both_sides(laptop_db))
    laptop.wait_for("Merged the changes", timeout=10)
    assert quit_app(laptop) == 0
    assert both_sides(laptop_db)
    assert not copy.exists()
    moved = laptop_db.parent / "merged" / copy.name
    assert json.loads(moved.read_text("utf-8")) == json.loads(desktop_db.read_text("utf-8"))
