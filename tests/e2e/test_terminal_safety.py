"""In a real terminal (tmux): data cannot drive the terminal (issue 17 item 12), and typing past
the note size limit leaves nothing on screen that is not saved (item 5)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .infoview import (
    SAVED_STATUS,
    make_notebook,
    notes_focused,
    notes_of,
    on_contact_list,
    to_contact_list,
)
from .tmux import NO_TMUX, Pane, Tmux, has_tmux

pytestmark = pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)

HOSTILE_NAME = "A\x1b]0;pwned\x07B"


def pane_title(tmux: Tmux, pane: Pane) -> str:
    [title] = tmux.cmd(f"display-message -p -t {pane.target} '#{{pane_title}}'")
    return title


def raw_screen(tmux: Tmux, pane: Pane) -> str:
    """The pane with its attributes as escape sequences (``capture-pane -e``)."""
    return "\n".join(tmux.cmd(f"capture-pane -e -p -t {pane.target}", check=False))


def test_a_contact_named_with_an_escape_sequence_shows_it_and_sets_no_title(
    tmux: Tmux, infoview: Callable[[Path], Pane], db: Path
) -> None:
    make_notebook(db, HOSTILE_NAME, "Ben Okafor")
    # A note with the same, and one that would clear the screen, written straight into the file
    # (as a restored backup or a hand edit would have it).
    data = json.loads(db.read_text(encoding="utf-8"))
    for doc in data["contacts"].values():
        if doc["name"] == HOSTILE_NAME:
            doc["notes"] = "note \x1b]0;notes-pwned\x07 and \x1b[2J end"
    db.write_text(json.dumps(data), encoding="utf-8")
    pane = infoview(db)
    before = pane_title(tmux, pane)
    screen = to_contact_list(pane)
    shown = "A␛]0;pwned␇B"
    assert shown in screen  # in the list and the details, visibly
    assert screen.count(shown) >= 3  # list row, details, the notes pane's title
    assert "note ␛]0;notes-pwned␇ and ␛[2J end" in screen  # the notes editor
    assert "pwned" not in pane_title(tmux, pane)
    assert pane_title(tmux, pane) == before
    # Every row of the list pane keeps its frame: nothing shifted or swallowed the rest.
    assert on_contact_list(screen)
    assert "Ben Okafor" in screen
    assert "\x1b]" not in raw_screen(tmux, pane)  # tmux holds no OSC in the cells
    pane.send("n")  # the notes, focused, and the preview beside them
    pane.wait_for(notes_focused, timeout=20)
    pane.send("C-r")
    time.sleep(1.5)  # drawn in a thread a moment later (beside the text, or in its place)
    assert "␛]0;notes-pwned␇" in pane.screen()
    assert "pwned" not in pane_title(tmux, pane)
    pane.send("Escape")
    pane.wait_for(on_contact_list)
    pane.send("q")
    deadline = time.monotonic() + 30
    while not pane.dead() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pane.exit_status() == 0
    # Nothing was changed on disk by only looking.
    stored = {d["name"] for d in json.loads(db.read_text(encoding="utf-8"))["contacts"].values()}
    assert HOSTILE_NAME in stored


def test_typing_past_the_note_limit_loses_nothing_on_quit(
    tmux: Tmux, infoview: Callable[[Path], Pane], db: Path
) -> None:
    """The real 2,000,000-character limit: a note 10 characters short of it, then 30 keys."""
    from infoview_tui.model.record import MAX_TEXT

    make_notebook(db, "Ana Ortiz")
    data = json.loads(db.read_text(encoding="utf-8"))
    [doc] = data["contacts"].values()
    original = doc["notes"] = ("word " * (MAX_TEXT // 5))[: MAX_TEXT - 11] + "\n"
    db.write_text(json.dumps(data), encoding="utf-8")
    pane = infoview(db)
    to_contact_list(pane)
    pane.send("n")
    pane.wait_for(notes_focused, timeout=30)
    typed = "abcdefghijklmnopqrstuvwxyz0123"
    for ch in typed:
        pane.send_text(ch)
        time.sleep(0.03)
    pane.wait_for("Text too long", timeout=30)  # the toast (its words: the Pilot test)
    pane.wait_for(SAVED_STATUS, timeout=30)  # and it is true: what is shown is on disk
    pane.send("C-q")  # quits at once: nothing is lost, so nothing to ask
    deadline = time.monotonic() + 60
    while not pane.dead() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pane.exit_status() == 0
    notes = notes_of(db, "Ana Ortiz")
    assert len(notes) == MAX_TEXT
    # The ten keys that fit (where the cursor was), no more; none of them lost.
    assert typed[:10] in notes and typed[:11] not in notes
    assert notes.replace(typed[:10], "", 1) == original
