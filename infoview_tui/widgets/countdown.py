"""The countdown of a live call: big digits, a bar of elapsed time, the time of day, and a
label for every change of look (never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Digits, ProgressBar, Static

from ..model.call import Phase, format_clock, phase_label


@dataclass(frozen=True)
class Reading:
    """One look at the call clock, computed by the screen from stored timestamps."""

    remaining: float
    total: float
    phase: Phase
    paused: bool
    time_of_day: str
    closing: bool

    @property
    def elapsed(self) -> float:
        return max(0.0, self.total - self.remaining)


class Countdown(Horizontal):
    reading: reactive[Reading | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Digits("", id="clock")
        with Vertical(id="clock-side"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="elapsed")
            yield Static("", id="clock-label")
            yield Static("", id="time-of-day")

    def watch_reading(self, reading: Reading | None) -> None:
        if reading is None or not self.is_mounted:
            return
        self.query_one(Digits).update(format_clock(reading.remaining))
        self.query_one(ProgressBar).update(
            total=reading.total, progress=min(reading.elapsed, reading.total)
        )
        words = [phase_label(reading.phase)]
        if reading.closing and reading.phase is not Phase.OVER:
            words.append("closing time")
        if reading.paused:
            words.insert(0, "PAUSED")
        self.query_one("#clock-label", Static).update(" · ".join(w for w in words if w))
        self.query_one("#time-of-day", Static).update(f"now {reading.time_of_day}")
        for phase in Phase:
            self.set_class(reading.phase is phase, f"-{phase.value}")
        self.set_class(reading.paused, "-paused")
