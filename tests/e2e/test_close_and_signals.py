"""Closing the terminal or SIGTERM while a person types: nothing they typed is lost.

Most of the note is typed at human speed and left to be saved; the last word then goes in at
once and the signal comes as soon as it shows on screen, well inside the 0.5 s the save waits
for the typing to pause (typing on, a save would also come every 0.75 s: not here). So only the
save-on-exit can have written the end of the text (the tests check the file did not have it yet).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .infoview import (
    HUMAN_CPS,
    JITTER,
    make_notebook,
    notes_focused,
    notes_of,
    to_contact_list,
)
from .tmux import NO_TMUX, Pane, has_tmux, pid_alive

pytestmark = pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)

NAME = "Ana Ortiz"
WORDS = "Call back on Tuesday about the spring intake."


def type_a_note(infoview: Callable[[Path], Pane], db: Path) -> Pane:
    """Start infoview, open the contact's notes, type WORDS at human speed until they show."""
    make_notebook(db, NAME)
    pane = infoview(db)
    to_contact_list(pane)
    pane.send("n")
    pane.wait_for(notes_focused)
    head, last_word = WORDS.rsplit(" ", 1)
    pane.type_text(head, HUMAN_CPS, jitter=JITTER)
    deadline = time.monotonic() + 10
    while notes_of(db, NAME) != head:  # the typing so far is on disk: no save is pending
        assert time.monotonic() < deadline, "the typing was never saved"
        time.sleep(0.05)
    pane.send_text(" " + last_word)
    pane.wait_for(WORDS[-24:], timeout=10)  # the last key is on screen
    return pane


def test_closing_the_terminal_while_typing_loses_nothing(
    infoview: Callable[[Path], Pane], db: Path
) -> None:
    pane = type_a_note(infoview, db)
    unsaved_before = notes_of(db, NAME) != WORDS
    pane.kill_session()  # the window closes: the app gets SIGHUP
    assert pane.wait_gone(20), "infoview kept running after its terminal closed"
    assert unsaved_before, "the debounced save had already written it: the test proves nothing"
    assert notes_of(db, NAME) == WORDS


def test_sigterm_while_typing_loses_nothing(infoview: Callable[[Path], Pane], db: Path) -> None:
    pane = type_a_note(infoview, db)
    unsaved_before = notes_of(db, NAME) != WORDS
    pane.signal(signal.SIGTERM)
    assert pane.wait_gone(20), "infoview did not stop on SIGTERM"
    assert not pid_alive(pane.pid)
    assert pane.exit_status() == 128 + signal.SIGTERM
    assert unsaved_before, "the debounced save had already written it: the test proves nothing"
    assert notes_of(db, NAME) == WORDS
