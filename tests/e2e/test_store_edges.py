"""Issue 17 in a real terminal: a notebook behind a symlink (a synced folder) and a FIFO at
the start view's name (items 1 and 11)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from infoview_tui.start_view import view_path
from infoview_tui.store.store import lock_path

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

NAME = "Ana Ortiz"
WORDS = "kept in the synced folder"


def test_a_symlinked_notebook_is_saved_to_its_target_and_the_link_stays(
    infoview: Callable[[Path], Pane], tmp_path: Path
) -> None:
    target = tmp_path / "Sync" / "notebook.json"
    make_notebook(target, NAME)
    link = tmp_path / "data" / "notebook.json"
    link.parent.mkdir()
    link.symlink_to(target)
    pane = infoview(link)
    to_contact_list(pane)
    pane.send("n")
    pane.wait_for(notes_focused)
    pane.type_text(WORDS, HUMAN_CPS * 4)
    pane.wait_for(lambda screen: WORDS in screen and SAVED_STATUS in screen, timeout=20)
    assert quit_app(pane) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert notes_of(target, NAME) == WORDS
    assert sorted(p.name for p in link.parent.iterdir()) == ["notebook.json"]
    beside = {p.name for p in target.parent.iterdir()}
    # The lock and the start view are this device's, in its state folder (issue 15): never
    # in the synced folder, where a sync engine would carry them to another device.
    assert not {".notebook.json.start", "notebook.json.lock"} & beside
    assert all(stat.S_ISREG(os.lstat(target.parent / name).st_mode) for name in beside)
    assert stat.S_ISREG(os.lstat(view_path(target)).st_mode)
    assert stat.S_ISREG(os.lstat(lock_path(target)).st_mode)


def test_a_fifo_at_the_start_views_name_does_not_hang_the_start(
    infoview: Callable[[Path], Pane], db: Path
) -> None:
    make_notebook(db, NAME)
    fifo = view_path(db)
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    pane = infoview(db)
    screen = to_contact_list(pane, timeout=30)
    assert NAME in screen
    assert quit_app(pane) == 0
    # Quitting writes a fresh view in its place (a rename): the FIFO was never opened to wait.
    assert stat.S_ISREG(os.lstat(fifo).st_mode)
