"""When Python's cycle collector runs while the app is open: full passes wait for a pause.

A full pass looks at every object that is not frozen and frees the cycles among them (widgets
removed from the screen, for one): 30-95 ms with 10,000 contacts, measured in the middle of a
preview toggle (bench/notes_bench.py). Here the youngest pass runs every ``YOUNG_THRESHOLD``
allocations (Python's: 700; at that rate a full pass landed on one keystroke in ten), and full
passes run on a tick once the user has paused ``IDLE_SECONDS``. Python still runs one on its own
after ``FULL_FALLBACK`` middle passes, so memory stays bounded when the user never pauses.
Nothing here imports Textual: the app tells it about input and calls ``tick``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

YOUNG_THRESHOLD = 2_000
"""Allocations between the collector's youngest passes while the app runs (Python's: 700)."""
FULL_AFTER = 10
"""Middle passes since the last full one before an idle full pass is due (Python's own rule)."""
FULL_FALLBACK = 200
"""Middle passes after which Python runs a full pass itself, paused or not."""
IDLE_SECONDS = 1.0
"""No key or mouse press for this long counts as a pause."""


class IdleCollector:
    """Owns the collector's settings from the first frame until the app stops."""

    def __init__(self, ticks: Callable[[], float] = time.monotonic) -> None:
        self._ticks = ticks
        self._saved: tuple[int, int, int] | None = None
        self.last_input = ticks()
        self.full_passes = 0
        """Full passes run by ``tick`` (for tests)."""

    @property
    def running(self) -> bool:
        return self._saved is not None

    def start(self) -> None:
        """Freeze what exists (start-up objects live on) and collect by the rules above."""
        gc.freeze()
        self._saved = gc.get_threshold()
        gc.set_threshold(YOUNG_THRESHOLD, self._saved[1], FULL_FALLBACK)
        gc.enable()

    def stop(self) -> None:
        """Python's own settings again."""
        gc.enable()
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input_seen(self) -> None:
        self.last_input = self._ticks()

    def tick(self) -> bool:
        """Run a full pass if one is due and the user has paused; True if it ran."""
        if self._saved is None or gc.get_count()[2] < FULL_AFTER:
            return False
        if self._ticks() - self.last_input < IDLE_SECONDS:
            return False
        gc.collect()
        self.full_passes += 1
        return True
