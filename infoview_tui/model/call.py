"""The clock of a live call: time left, pauses, "+5", overtime and pacing.

Everything is computed from stored timestamps and a ``now`` the caller reads from its
injected Clock, never by counting ticks: a blocked event loop cannot make the countdown drift,
and the running call (stored in the notebook) resumes after a crash with the right time left.
A paused call stays paused across a restart, because the open pause is stored too.

Timestamps are stored as ISO-8601 UTC strings with microseconds
("2026-11-23T09:30:00.123456+00:00"), so stored intervals are exact.

Wall-clock jumps (the computer's clock is corrected while a call runs):

* A forward jump counts as talk time: real time may have passed (a suspended laptop).
* ``elapsed`` is never negative. Talk time banked before the current running stretch (the
  stretches before each pause, and everything while paused) is never lost: while paused,
  ``elapsed`` ignores the clock entirely; while running, each stretch is clamped at 0, so a
  backward jump past the latest start or resume holds ``elapsed`` at the banked total until
  the clock catches up. Within the current stretch a backward jump does take back up to the
  size of the jump (``elapsed`` is a function of the stored state and ``now``; nothing
  remembers the last value shown).
* pause / resume / end given a ``now`` earlier than the latest stored timestamp use that
  timestamp instead, so the stored history always stays ordered (the interval is 0 long).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cached_property

from .errors import ValidationError

MAX_EXTRA_MINUTES = 600
"""Most minutes "+5" can add to one call (ten hours)."""

_FIELD = "call"
_ZERO = timedelta(0)


# ----- timestamps ---------------------------------------------------------------------------


def _stamp(now: datetime) -> str:
    """``now`` as stored: ISO-8601 UTC with microseconds."""
    return _aware(now).astimezone(UTC).isoformat(timespec="microseconds")


def _aware(now: datetime) -> datetime:
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the call clock needs an aware datetime (use the app's Clock)")
    return now


def _parse(what: str, value: object) -> datetime:
    """A stored timestamp as an aware UTC datetime; ValidationError if it is not one."""
    if not isinstance(value, str):
        raise ValidationError(_FIELD, f"{what} must be a date and time as text")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(_FIELD, f"{what} {value!r} is not a date and time") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValidationError(_FIELD, f"{what} {value!r} has no time zone")
    return parsed.astimezone(UTC)


def _normal(record: object, name: str, value: datetime | None) -> None:
    """Store a checked timestamp field in its canonical form on a frozen dataclass."""
    object.__setattr__(record, name, "" if value is None else _stamp(value))


# ----- stored state -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class Pause:
    """One pause of a call: ``ended`` is "" while the call is still paused."""

    started: str
    ended: str = ""

    def __post_init__(self) -> None:
        started = _parse("a pause start", self.started)
        ended = None if self.ended == "" else _parse("a pause end", self.ended)
        if ended is not None and ended < started:
            raise ValidationError(_FIELD, "a pause ends before it starts")
        _normal(self, "started", started)
        _normal(self, "ended", ended)

    @cached_property
    def started_at(self) -> datetime:
        return datetime.fromisoformat(self.started)

    @cached_property
    def ended_at(self) -> datetime | None:
        return datetime.fromisoformat(self.ended) if self.ended else None

    def to_dict(self) -> dict[str, object]:
        return {"started": self.started, "ended": self.ended}

    @classmethod
    def from_dict(cls, data: object) -> Pause:
        if isinstance(data, Pause):
            return data
        if not isinstance(data, dict):
            raise ValidationError(_FIELD, "each pause must be an object")
        if "started" not in data:
            raise ValidationError(_FIELD, "a pause has no start")
        return cls(**{k: v for k, v in data.items() if k in ("started", "ended")})


@dataclasses.dataclass(frozen=True, kw_only=True)
class CallState:
    """A call as stored in the notebook: when it started, its pauses, "+5"s, and its end."""

    started: str
    pauses: tuple[Pause, ...] = ()
    extra_minutes: int = 0
    ended: str = ""

    def __post_init__(self) -> None:
        started = _parse("the call start", self.started)
        if isinstance(self.pauses, (str, bytes)) or not isinstance(self.pauses, (tuple, list)):
            raise ValidationError(_FIELD, "pauses must be a list")
        pauses = tuple(Pause.from_dict(p) for p in self.pauses)
        mark = started
        for i, p in enumerate(pauses):
            if p.started_at < mark:
                raise ValidationError(_FIELD, "pauses overlap or are out of order")
            if p.ended_at is None:
                if i != len(pauses) - 1:
                    raise ValidationError(_FIELD, "only the last pause can still be open")
            else:
                mark = p.ended_at
        ended = None if self.ended == "" else _parse("the call end", self.ended)
        if ended is not None:
            if pauses and pauses[-1].ended_at is None:
                raise ValidationError(_FIELD, "an ended call cannot still be paused")
            if ended < mark:
                raise ValidationError(_FIELD, "the call ends before its last start or pause")
        extra = self.extra_minutes
        if isinstance(extra, bool) or not isinstance(extra, int):
            raise ValidationError(_FIELD, "extra minutes must be a whole number")
        if not 0 <= extra <= MAX_EXTRA_MINUTES:
            raise ValidationError(
                _FIELD, f"extra minutes must be between 0 and {MAX_EXTRA_MINUTES}"
            )
        _normal(self, "started", started)
        object.__setattr__(self, "pauses", pauses)
        _normal(self, "ended", ended)

    @cached_property
    def started_at(self) -> datetime:
        return datetime.fromisoformat(self.started)

    @cached_property
    def ended_at(self) -> datetime | None:
        return datetime.fromisoformat(self.ended) if self.ended else None

    @property
    def latest(self) -> datetime:
        """The latest stored timestamp: later events are never stored before it."""
        latest = self.started_at
        if self.pauses:
            last = self.pauses[-1]
            latest = last.ended_at or last.started_at
        return self.ended_at or latest

    def to_dict(self) -> dict[str, object]:
        return {
            "started": self.started,
            "pauses": [p.to_dict() for p in self.pauses],
            "extra_minutes": self.extra_minutes,
            "ended": self.ended,
        }

    @classmethod
    def from_dict(cls, data: object) -> CallState:
        if isinstance(data, CallState):
            return data
        if not isinstance(data, dict):
            raise ValidationError(_FIELD, "the running call must be an object")
        if "started" not in data:
            raise ValidationError(_FIELD, "the call has no start")
        known = ("started", "pauses", "extra_minutes", "ended")
        return cls(**{k: v for k, v in data.items() if k in known})


# ----- changing the state -------------------------------------------------------------------


def start(now: datetime) -> CallState:
    return CallState(started=_stamp(now))


def is_paused(state: CallState) -> bool:
    return bool(state.pauses) and not state.pauses[-1].ended


def _not_before(state: CallState, now: datetime) -> datetime:
    """``now``, or the latest stored timestamp if the clock has gone back past it."""
    return max(_aware(now), state.latest)


def pause(state: CallState, now: datetime) -> CallState:
    """Pause the call; no-op if it is already paused or has ended."""
    if is_paused(state) or state.ended:
        return state
    new = Pause(started=_stamp(_not_before(state, now)))
    return dataclasses.replace(state, pauses=(*state.pauses, new))


def resume(state: CallState, now: datetime) -> CallState:
    """Resume a paused call; no-op if it is not paused."""
    if not is_paused(state):
        return state
    closed = dataclasses.replace(state.pauses[-1], ended=_stamp(_not_before(state, now)))
    return dataclasses.replace(state, pauses=(*state.pauses[:-1], closed))


def extend(state: CallState, minutes: int = 5) -> CallState:
    """Add ``minutes`` to the call ("+5"). The total extra is kept within 0..600, so a negative
    ``minutes`` takes back an extension but never goes below the agreed length. No-op once
    the call has ended."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError("extend takes a whole number of minutes")
    if state.ended:
        return state
    extra = min(MAX_EXTRA_MINUTES, max(0, state.extra_minutes + minutes))
    return dataclasses.replace(state, extra_minutes=extra)


def end(state: CallState, now: datetime) -> CallState:
    """End the call, closing an open pause at the same moment; no-op if already ended."""
    if state.ended:
        return state
    now = _not_before(state, now)
    if is_paused(state):
        state = resume(state, now)
    return dataclasses.replace(state, ended=_stamp(now))


# ----- reading the time ---------------------------------------------------------------------


def elapsed(state: CallState, now: datetime) -> float:
    """Seconds of talk: from the start to the end (or ``now``), less the paused time.

    Frozen at the pause start while paused. Each running stretch counts as at least 0, so
    ``elapsed`` is never negative and never drops below the talk banked before the latest
    start or resume (see the module docstring for clock jumps).
    """
    _aware(now)
    talk = _ZERO
    mark = state.started_at
    for p in state.pauses:
        talk += max(_ZERO, p.started_at - mark)
        if p.ended_at is None:
            return talk.total_seconds()
        mark = p.ended_at
    stop = state.ended_at or now
    return (talk + max(_ZERO, stop - mark)).total_seconds()


def total_seconds(state: CallState, agreed_minutes: int) -> float:
    """The length of the call with its extensions, in seconds."""
    return float((agreed_minutes + state.extra_minutes) * 60)


def remaining(state: CallState, agreed_minutes: int, now: datetime) -> float:
    """Seconds left; negative means overtime."""
    return total_seconds(state, agreed_minutes) - elapsed(state, now)


def actual_minutes(state: CallState) -> float:
    """How long the talk lasted, in minutes (pauses not counted). The call must have ended."""
    if state.ended_at is None:
        raise ValueError("the call has not ended")
    return elapsed(state, state.ended_at) / 60


def over_under_seconds(state: CallState, agreed_minutes: int) -> float:
    """Talk time minus the length agreed with its extensions: positive = over.

    One meaning everywhere (the countdown, the debrief, the history, the stats): "+5" is
    five more minutes both sides agreed to, so the agreed length stays as agreed (20), the
    extension is kept apart (``extra_minutes``: shown as "20 min agreed + 5"), and "over"
    starts where the countdown's overtime starts, at 25:00. The call must have ended."""
    if state.ended_at is None:
        raise ValueError("the call has not ended")
    return elapsed(state, state.ended_at) - total_seconds(state, agreed_minutes)


def agreed_label(agreed_minutes: int, state: CallState | None) -> str:
    """ "20 min agreed", or with extensions "20 min agreed + 5"."""
    extra = state.extra_minutes if state is not None else 0
    return f"{agreed_minutes} min agreed" + (f" + {extra}" if extra else "")


# ----- what the screen shows ----------------------------------------------------------------


class Phase(StrEnum):
    """How urgent the countdown is. The closing block is separate: see in_closing_block."""

    NORMAL = "normal"
    FIVE = "five"
    TWO = "two"
    OVER = "over"


_LABELS = {
    Phase.NORMAL: "",
    Phase.FIVE: "under 5 minutes left",
    Phase.TWO: "under 2 minutes left",
    Phase.OVER: "over time",
}


def phase(remaining_seconds: float, closing_minutes: int = 0) -> Phase:
    """OVER below 0 s left (exactly 0 is not over), TWO at 120 s or less, FIVE at 300 s or less,
    else NORMAL. The thresholds match format_clock's rounding up: the label changes exactly
    when the clock shows 5:00, 2:00, and "+0:00".

    ``closing_minutes`` is accepted but ignored: whether the closing questions come to the
    top is in_closing_block's job, independent of these phases.
    """
    if remaining_seconds < 0:
        return Phase.OVER
    if remaining_seconds <= 120:
        return Phase.TWO
    if remaining_seconds <= 300:
        return Phase.FIVE
    return Phase.NORMAL


def phase_label(phase: Phase) -> str:
    """Words shown next to the countdown, so urgency never relies on colour alone."""
    return _LABELS[Phase(phase)]


def in_closing_block(remaining_seconds: float, closing_minutes: int) -> bool:
    """True once the time left is within the closing block (overtime included)."""
    return remaining_seconds <= closing_minutes * 60


class Alert(StrEnum):
    """A moment of the call worth a sound (the terminal bell, when the settings ask for it)."""

    CLOSING = "closing"
    TIME_UP = "time up"


def alerts(before: float | None, now: float, closing_minutes: int) -> tuple[Alert, ...]:
    """What the countdown crossed between two readings of the time left (``before`` None:
    the first reading, nothing crossed). Closing time is crossed when the time left enters
    the closing block, time up when it goes below 0 (as ``phase`` turns OVER)."""
    if before is None:
        return ()
    crossed: list[Alert] = []
    if not in_closing_block(before, closing_minutes) and in_closing_block(now, closing_minutes):
        crossed.append(Alert.CLOSING)
    if before >= 0 > now:
        crossed.append(Alert.TIME_UP)
    return tuple(crossed)


def format_clock(seconds: float) -> str:
    """Time as "29:59"; minutes go past 59 ("75:00").

    Counting down, the seconds are rounded up, so the clock shows "0:01" during the last
    second and "0:00" only when time is up; 1799.2 s shows "30:00". Negative (overtime) shows
    "+m:ss" counting up from "+0:00", the absolute value rounded down. The value is first
    rounded to the microsecond, so float noise cannot tip it into the next second.
    """
    seconds = round(seconds, 6)
    if seconds < 0:
        whole = math.floor(-seconds)
        sign = "+"
    else:
        whole = math.ceil(seconds)
        sign = ""
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes}:{secs:02d}"


@dataclasses.dataclass(frozen=True)
class Pacing:
    """How the time left before the closing block shares out among the open questions."""

    open_questions: int
    seconds_for_questions: float
    """Time left minus the closing block, never below 0."""
    per_question: float
    """Seconds per open question at this pace (0 if none)."""
    fit_count: int
    """How many open questions fit at the typical length, at most ``open_questions``."""

    typical: float = 150.0
    """Seconds a question typically takes (what ``fit_count`` counts with)."""

    def summary(self, drop: Sequence[int] = ()) -> str:
        """One line for the call screen that agrees with the "won't fit" marks.

        When all fit: "6 left, 11:20 to go, about 1:53 each". When some do not:
        "8 left, 15:58 to go: 6 fit at about 2:30 each, ⌛ drop 7 and 9", naming the numbers
        in ``drop`` (the items marked as not fitting); without them, "..., 2 won't fit".
        "to go" rounds up like the countdown; "about ... each" is rounded to the nearest second.
        """
        if self.open_questions == 0:
            return "no questions left"
        if self.seconds_for_questions <= 0:
            return "time for questions is up: go to the closing"
        head = f"{self.open_questions} left, {format_clock(self.seconds_for_questions)} to go"
        if self.fit_count >= self.open_questions:
            return f"{head}, about {format_clock(round(self.per_question))} each"
        fit = {0: "none fits", 1: "1 fits"}.get(self.fit_count, f"{self.fit_count} fit")
        which = (
            f"⌛ drop {number_list(drop)}"
            if drop
            else f"{self.open_questions - self.fit_count} won't fit"
        )
        return f"{head}: {fit} at about {format_clock(round(self.typical))} each, {which}"


def number_list(numbers: Sequence[int]) -> str:
    """Item numbers for a sentence: "7", "7 and 9", "2, 4-6 and 9" (runs of 3 or more as a
    range)."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]}-{ordered[end]}")
        else:
            parts.extend(str(n) for n in ordered[start : end + 1])
        start = end + 1
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def pacing(
    open_questions: int, remaining_seconds: float, closing_minutes: int, typical: float = 150.0
) -> Pacing:
    """Pace the open questions (the caller orders them, must-ask first, so the first
    ``fit_count`` of its list are the ones there is time for)."""
    if open_questions < 0:
        raise ValueError("open_questions cannot be negative")
    if typical <= 0:
        raise ValueError("a typical question must take some time")
    available = max(0.0, remaining_seconds - closing_minutes * 60)
    per = available / open_questions if open_questions else 0.0
    fit = min(open_questions, math.floor(round(available / typical, 9)))
    return Pacing(
        open_questions=open_questions,
        seconds_for_questions=available,
        per_question=per,
        fit_count=fit,
        typical=typical,
    )
