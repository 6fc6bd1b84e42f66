"""kill -9 while a person types a note: the file loads, and at most the last second of typing
is lost (bench/e2e_kill_bench.py runs 200 of these trials and reports the worst loss)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from .infoview import (
    ALLOWED_LOSS_S,
    DELIVERY_ALLOWANCE_S,
    HUMAN_CPS,
    infoview_check,
    kill_while_typing,
    on_contact_list,
    quit_app,
)
from .tmux import NO_TMUX, Pane, Tmux, has_tmux

pytestmark = pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)


@pytest.mark.parametrize("seed", [11, 22, 33])
def test_kill_9_while_typing_loses_at_most_the_last_second(
    tmux: Tmux,
    env: dict[str, str],
    infoview: Callable[[Path], Pane],
    tmp_path: Path,
    seed: int,
) -> None:
    # Killed 1.5-4 s into the typing, so some of it must be on disk by then.
    trial = kill_while_typing(tmux, tmp_path, env, random.Random(seed), kill_window=(1.5, 4.0))
    window = ALLOWED_LOSS_S + DELIVERY_ALLOWANCE_S
    assert trial.required > 0, "the kill came too early to test anything"
    assert trial.readable, trial.check
    assert trial.problems == []
    assert trial.typed.startswith(trial.saved)  # what is there is exactly what was typed
    assert len(trial.saved) >= trial.required  # all of it but the last ~1 s
    assert trial.lost_s <= window, trial
    assert trial.lost_chars <= window * HUMAN_CPS * 2, trial  # the same, in characters

    db = tmp_path / "notebook.json"
    done = infoview_check(db)
    assert done.returncode == 0, done.stderr
    assert "OK, 1 contacts" in done.stdout

    # The app opens it again, showing the saved notes.
    pane = infoview(db)
    screen = pane.wait_for(on_contact_list, timeout=60)
    if trial.saved:
        assert trial.saved.split()[0] in screen
    assert quit_app(pane) == 0
