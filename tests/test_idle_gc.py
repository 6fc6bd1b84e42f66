"""IdleCollector: full garbage collections wait until the user pauses."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoview_tui import idle_gc
from infoview_tui.idle_gc import IdleCollector
from infoview_tui.model import FrozenClock

from .helpers import running


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector() -> Iterator[tuple[IdleCollector, Ticks]]:
    ticks = Ticks()
    made = IdleCollector(ticks)
    yield made, ticks
    made.stop()
    gc.unfreeze()


def middle_passes(n: int) -> None:
    for _ in range(n):
        gc.collect(1)  # each counts towards the next full pass


def test_settings_while_running_and_python_defaults_after(
    collector: tuple[IdleCollector, Ticks],
) -> None:
    made, _ticks = collector
    before = gc.get_threshold()
    made.start()
    assert gc.isenabled()
    assert gc.get_threshold() == (idle_gc.YOUNG_THRESHOLD, before[1], idle_gc.FULL_FALLBACK)
    assert gc.get_freeze_count() > 0
    made.stop()
    assert gc.get_threshold() == before


def test_a_full_pass_waits_for_a_pause(collector: tuple[IdleCollector, Ticks]) -> None:
    made, ticks = collector
    assert not made.tick()  # not started: Python's own rules
    made.start()
    gc.collect()
    middle_passes(idle_gc.FULL_AFTER - 1)
    ticks.now += 10
    assert not made.tick()  # not enough has happened since the last full pass
    middle_passes(1)
    made.input_seen()
    ticks.now += idle_gc.IDLE_SECONDS / 2
    assert not made.tick()  # the user is typing
    ticks.now += idle_gc.IDLE_SECONDS
    assert made.tick()
    assert made.full_passes == 1
    assert gc.get_count()[2] == 0
    assert not made.tick()  # nothing more to do until it builds up again


async def test_the_app_hands_the_collector_its_keys(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.pause()
        collector = app._collector
        assert collector.running
        collector.last_input = 0.0
        await pilot.press("down")
        assert collector.last_input > 0.0
    assert not collector.running
    gc.unfreeze()
