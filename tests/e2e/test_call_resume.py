"""kill -9 in the middle of a call, start again 30 s later: the call is back with 30 s less."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoview_tui.model import call as call_clock
from infoview_tui.model.call import CallState

from .infoview import (
    countdown,
    make_notebook,
    on_call,
    on_disk,
    quit_app,
    to_contact_list,
)
from .tmux import NO_TMUX, Pane, has_tmux

pytestmark = pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)

NAME = "Ana Ortiz"
AWAY_SECONDS = 30.0
TOLERANCE_SECONDS = 3.0
"""The clock shows whole seconds (rounded up) and the screen is read a moment after it ticks."""


def running_call(db: Path) -> tuple[dict, CallState]:
    """The one interview on disk with its call state, which must still be running."""
    [interview] = on_disk(db)["interviews"].values()
    state = CallState(**interview["call"])
    assert state.ended == ""
    return interview, state


def read_clock(pane: Pane) -> tuple[float, float, datetime]:
    """The countdown on screen, and when it was read (monotonic and wall clock)."""
    screen = pane.wait_for(lambda s: on_call(s) and f"Call with {NAME}" in s)
    return countdown(screen), time.monotonic(), datetime.now(UTC)


def test_a_call_killed_mid_way_resumes_with_the_time_that_passed_gone(
    infoview: Callable[[Path], Pane], db: Path
) -> None:
    make_notebook(db, NAME)
    app = infoview(db)
    to_contact_list(app)
    app.send("c")  # no call planned: it asks first, with the length
    app.wait_for("Start one now?")
    app.send("Enter")
    app.wait_for(lambda s: on_call(s) and f"Call with {NAME}" in s)
    deadline = time.monotonic() + 20
    while not on_disk(db)["interviews"]:  # the debounced save writes the running call
        assert time.monotonic() < deadline, "the running call was never saved"
        time.sleep(0.05)
    interview, state = running_call(db)
    agreed = interview["agreed_minutes"]
    left_before, seen_before, _ = read_clock(app)
    assert 0 <= agreed * 60 - left_before <= 30  # it just started
    app.signal(signal.SIGKILL)
    assert app.wait_gone(20)

    time.sleep(AWAY_SECONDS)

    again = infoview(db)  # straight back into the call, no key needed
    left_after, seen_after, wall_after = read_clock(again)
    passed = seen_after - seen_before
    assert passed >= AWAY_SECONDS
    assert left_before - left_after == pytest.approx(passed, abs=TOLERANCE_SECONDS)
    assert left_before - left_after >= AWAY_SECONDS - TOLERANCE_SECONDS

    # The stored call is the same call, and its timestamps give what the screen shows.
    interview_after, state_after = running_call(db)
    assert state_after == state
    stored_left = call_clock.remaining(state_after, interview_after["agreed_minutes"], wall_after)
    assert stored_left == pytest.approx(left_after, abs=TOLERANCE_SECONDS)

    # Leave the call (it keeps running), quit: it is still running, and started when it did.
    again.send("Escape")
    to_contact_list(again)
    assert quit_app(again) == 0
    assert running_call(db)[1].started == state.started
