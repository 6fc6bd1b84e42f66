"""The live-call clock: computed from stored timestamps through a fake clock, never ticks."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from infoview_tui.model.call import (
    CallState,
    Pause,
    Phase,
    actual_minutes,
    agreed_label,
    elapsed,
    end,
    extend,
    format_clock,
    in_closing_block,
    is_paused,
    over_under_seconds,
    pacing,
    pause,
    phase,
    phase_label,
    remaining,
    resume,
    start,
    total_seconds,
)
from infoview_tui.model.clock import FrozenClock
from infoview_tui.model.errors import ValidationError

T0 = datetime(2026, 11, 23, 9, 30, 0, 123456, tzinfo=UTC)
AGREED = 30


@pytest.fixture
def fake() -> FrozenClock:
    return FrozenClock(T0)


def reload(state: CallState) -> CallState:
    """What a restart does: the notebook file holds JSON."""
    return CallState.from_dict(json.loads(json.dumps(state.to_dict())))


# ----- start, elapsed, remaining ------------------------------------------------------------


def test_start_stores_utc_with_microseconds(fake: FrozenClock) -> None:
    state = start(fake())
    assert state.started == "2026-11-23T09:30:00.123456+00:00"
    assert state.pauses == () and state.extra_minutes == 0 and state.ended == ""
    assert not is_paused(state)
    assert elapsed(state, fake()) == 0
    assert remaining(state, AGREED, fake()) == 1800


def test_start_converts_other_zones_to_utc() -> None:
    paris = datetime(2026, 11, 23, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    assert start(paris).started == "2026-11-23T09:30:00.000000+00:00"


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        start(datetime(2026, 11, 23, 9, 30))
    with pytest.raises(ValueError):
        elapsed(start(T0), datetime(2026, 11, 23, 9, 31))


def test_elapsed_and_remaining_follow_the_clock(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(61.5)
    assert elapsed(state, fake()) == pytest.approx(61.5)
    assert remaining(state, AGREED, fake()) == pytest.approx(1800 - 61.5)
    assert total_seconds(state, AGREED) == 1800


def test_microseconds_are_exact(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(0.000001)
    assert elapsed(state, fake()) == 0.000001


# ----- pauses -------------------------------------------------------------------------------


def test_time_while_paused_is_not_counted(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(100)
    state = pause(state, fake())
    assert is_paused(state)
    fake.advance(50)
    state = resume(state, fake())
    assert not is_paused(state)
    fake.advance(10)
    assert elapsed(state, fake()) == pytest.approx(110)
    assert remaining(state, AGREED, fake()) == pytest.approx(1690)


def test_remaining_frozen_while_paused(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(300)
    state = pause(state, fake())
    seen = set()
    for _ in range(10):
        fake.advance(97)
        seen.add(remaining(state, AGREED, fake()))
    assert seen == {1500}


def test_multiple_pauses(fake: FrozenClock) -> None:
    state = start(fake())
    talk = 0.0
    for run, rest in [(60, 30), (120, 45), (15, 600)]:
        fake.advance(run)
        talk += run
        state = pause(state, fake())
        fake.advance(rest)
        state = resume(state, fake())
    fake.advance(5)
    assert len(state.pauses) == 3
    assert elapsed(state, fake()) == pytest.approx(talk + 5)


def test_pause_and_resume_no_ops(fake: FrozenClock) -> None:
    state = start(fake())
    assert resume(state, fake()) is state  # not paused
    fake.advance(10)
    paused = pause(state, fake())
    fake.advance(10)
    assert pause(paused, fake()) is paused  # already paused
    done = end(paused, fake())
    assert pause(done, fake()) is done  # ended
    assert resume(done, fake()) is done
    assert end(done, fake()) is done


# ----- extensions and overtime --------------------------------------------------------------


def test_extend_twice(fake: FrozenClock) -> None:
    state = extend(extend(start(fake())))
    assert state.extra_minutes == 10
    assert total_seconds(state, AGREED) == 40 * 60
    fake.advance(35 * 60)
    assert remaining(state, AGREED, fake()) == pytest.approx(300)
    assert format_clock(remaining(state, AGREED, fake())) == "5:00"


def test_extend_bounds(fake: FrozenClock) -> None:
    state = start(fake())
    assert extend(state, -5).extra_minutes == 0  # takes back, never below the agreed time
    assert extend(extend(state, 10), -5).extra_minutes == 5
    assert extend(state, 10_000).extra_minutes == 600
    with pytest.raises(ValueError):
        extend(state, True)
    done = end(state, fake())
    assert extend(done) is done


def test_overtime_is_negative(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(30 * 60 + 65)
    left = remaining(state, AGREED, fake())
    assert left == pytest.approx(-65)
    assert format_clock(left) == "+1:05"
    assert phase(left) is Phase.OVER
    assert phase_label(phase(left)) == "over time"


# ----- ending -------------------------------------------------------------------------------


def test_end_closes_an_open_pause(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(600)
    state = pause(state, fake())
    fake.advance(120)
    state = end(state, fake())
    assert not is_paused(state)
    assert state.pauses[-1].ended == state.ended
    fake.advance(3600)  # the clock no longer matters
    assert elapsed(state, fake()) == 600
    assert actual_minutes(state) == 10
    assert over_under_seconds(state, AGREED) == -1200


def test_over_under_counts_from_the_extended_length_as_the_countdown_does(
    fake: FrozenClock,
) -> None:
    # Issue 13 item 3: one meaning for "+5". The agreed length stays as agreed, the extension
    # is kept apart, and "over" starts where the countdown's overtime starts.
    state = extend(start(fake()))
    fake.advance(35 * 60)
    state = end(state, fake())
    assert remaining(state, AGREED, fake()) == 0
    assert over_under_seconds(state, AGREED) == 0
    assert actual_minutes(state) == 35
    assert agreed_label(AGREED, state) == f"{AGREED} min agreed + 5"
    assert agreed_label(AGREED, None) == f"{AGREED} min agreed"
    longer = end(extend(start(fake())), fake() + timedelta(minutes=36))
    assert over_under_seconds(longer, AGREED) == 60 == -remaining(longer, AGREED, fake())


def test_figures_need_an_ended_call(fake: FrozenClock) -> None:
    state = start(fake())
    with pytest.raises(ValueError):
        actual_minutes(state)
    with pytest.raises(ValueError):
        over_under_seconds(state, AGREED)


# ----- restart ------------------------------------------------------------------------------


def test_restart_mid_call(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(400)
    before = remaining(state, AGREED, fake())
    back = reload(state)  # the app is killed here ...
    assert back == state
    fake.advance(30)  # ... and restarted 30 s later
    assert remaining(back, AGREED, fake()) == pytest.approx(before - 30)
    assert not is_paused(back)


def test_restart_mid_pause_stays_paused(fake: FrozenClock) -> None:
    state = extend(start(fake()))
    fake.advance(200)
    state = pause(state, fake())
    fake.advance(15)
    before = remaining(state, AGREED, fake())
    back = reload(state)
    assert back == state
    fake.advance(30)
    assert is_paused(back)
    assert remaining(back, AGREED, fake()) == before == 35 * 60 - 200
    fake.advance(5)
    back = resume(back, fake())
    fake.advance(10)
    assert remaining(back, AGREED, fake()) == pytest.approx(before - 10)


def test_restart_after_several_pauses_and_end(fake: FrozenClock) -> None:
    state = start(fake())
    for _ in range(3):
        fake.advance(33.333333)
        state = pause(state, fake())
        fake.advance(7)
        state = resume(state, fake())
    state = end(state, fake())
    back = reload(state)
    assert back == state
    assert elapsed(back, fake()) == elapsed(state, fake())


# ----- wall-clock jumps ---------------------------------------------------------------------
# Guarantee: elapsed is never negative; while paused it ignores the clock; talk banked before
# the latest start/resume is never lost; within the current running stretch a backward jump
# takes back at most the jump. A forward jump counts as talk time.


def test_backward_jump_before_the_start_gives_zero(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(90)
    fake.advance(-3600)
    assert elapsed(state, fake()) == 0
    assert remaining(state, AGREED, fake()) == 1800


def test_backward_jump_within_the_running_stretch(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(600)
    fake.advance(-60)
    assert elapsed(state, fake()) == pytest.approx(540)


def test_backward_jump_keeps_banked_talk(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(300)
    state = pause(state, fake())
    fake.advance(60)
    state = resume(state, fake())
    fake.advance(100)
    assert elapsed(state, fake()) == pytest.approx(400)
    fake.advance(-3600)
    assert elapsed(state, fake()) == pytest.approx(300)  # not negative, not below the bank
    fake.advance(3600)
    assert elapsed(state, fake()) == pytest.approx(400)


def test_backward_jump_while_paused_changes_nothing(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(300)
    state = pause(state, fake())
    fake.advance(-3600)  # back past the pause start and the call start
    assert elapsed(state, fake()) == 300
    # resuming in the past resumes at the pause start: history stays ordered, nothing lost
    state = resume(state, fake())
    assert state.pauses[-1].ended == state.pauses[-1].started
    assert elapsed(state, fake()) == 300
    assert reload(state) == state
    fake.advance(3600)
    assert elapsed(state, fake()) == 300  # held until the clock is back at the resume
    fake.advance(10)
    assert elapsed(state, fake()) == pytest.approx(310)


def test_pause_and_end_in_the_past_are_clamped(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(-100)
    state = pause(state, fake())
    assert state.pauses[0].started == state.started
    state = resume(state, fake())
    state = end(state, fake())
    assert state.ended == state.started
    assert elapsed(state, fake()) == 0
    assert reload(state) == state


def test_forward_jump_counts(fake: FrozenClock) -> None:
    state = start(fake())
    fake.advance(3600)  # e.g. the laptop slept
    assert elapsed(state, fake()) == 3600
    assert remaining(state, AGREED, fake()) == -1800


# ----- phases -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (1800, Phase.NORMAL),
        (300.5, Phase.NORMAL),
        (300, Phase.FIVE),
        (299.5, Phase.FIVE),
        (120.1, Phase.FIVE),
        (120, Phase.TWO),
        (0.5, Phase.TWO),
        (0, Phase.TWO),
        (-0.1, Phase.OVER),
        (-3600, Phase.OVER),
    ],
)
def test_phase_thresholds(left: float, expected: Phase) -> None:
    assert phase(left, 4) is expected
    assert phase(left) is expected


def test_phase_labels_are_words() -> None:
    assert phase_label(Phase.NORMAL) == ""
    assert phase_label(Phase.FIVE) == "under 5 minutes left"
    assert phase_label(Phase.TWO) == "under 2 minutes left"
    assert phase_label(Phase.OVER) == "over time"
    assert phase_label("two") == "under 2 minutes left"  # type: ignore[arg-type]


def test_phase_changes_when_the_clock_shows_the_minute() -> None:
    assert format_clock(300.2) == "5:01" and phase(300.2) is Phase.NORMAL
    assert format_clock(300) == "5:00" and phase(300) is Phase.FIVE
    assert format_clock(-0.1) == "+0:00" and phase(-0.1) is Phase.OVER


@pytest.mark.parametrize(
    ("left", "closing", "expected"),
    [(241, 4, False), (240, 4, True), (10, 4, True), (-50, 4, True), (0.1, 0, False), (0, 0, True)],
)
def test_in_closing_block(left: float, closing: int, expected: bool) -> None:
    assert in_closing_block(left, closing) is expected


# ----- format_clock -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (-0.0, "0:00"),
        (0.2, "0:01"),
        (59.9, "1:00"),
        (60, "1:00"),
        (61, "1:01"),
        (1799.2, "30:00"),
        (1800, "30:00"),
        (3600, "60:00"),
        (4500, "75:00"),
        (-0.4, "+0:00"),
        (-59.9, "+0:59"),
        (-60, "+1:00"),
        (-65, "+1:05"),
        (-3725.5, "+62:05"),
        (300.0000000001, "5:00"),  # float noise does not tip into the next second
    ],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


# ----- pacing -------------------------------------------------------------------------------


def test_pacing_example() -> None:
    p = pacing(6, 920, 4)  # 920 s left, the last 240 s are the closing
    assert p.open_questions == 6
    assert p.seconds_for_questions == 680
    assert p.per_question == pytest.approx(113.33, abs=0.01)
    assert p.fit_count == 4  # 680 // 150
    assert p.summary() == "6 left, 11:20 to go: 4 fit at about 2:30 each, 2 won't fit"
    # the numbers of the items marked as not fitting (issue 13 item 8)
    assert p.summary([7, 9]) == "6 left, 11:20 to go: 4 fit at about 2:30 each, ⌛ drop 7 and 9"


@pytest.mark.parametrize(
    ("questions", "left", "closing", "typical", "seconds", "each", "fit", "summary"),
    [
        (6, 900, 4, 150, 660, 110, 4, "6 left, 11:00 to go: 4 fit at about 2:30 each, 2 won't fit"),
        (2, 900, 4, 150, 660, 330, 2, "2 left, 11:00 to go, about 5:30 each"),  # capped
        (3, 690, 4, 150, 450, 150, 3, "3 left, 7:30 to go, about 2:30 each"),  # exact fit
        (1, 1800, 0, 60, 1800, 1800, 1, "1 left, 30:00 to go, about 30:00 each"),
        (
            2,
            300.4,
            5,
            150,
            0.4,
            0.2,
            0,
            "2 left, 0:01 to go: none fits at about 2:30 each, 2 won't fit",
        ),
        (5, 299.6, 5, 150, 0, 0, 0, "time for questions is up: go to the closing"),
        (5, 240, 4, 150, 0, 0, 0, "time for questions is up: go to the closing"),
        (5, 100, 4, 150, 0, 0, 0, "time for questions is up: go to the closing"),
        (5, -30, 4, 150, 0, 0, 0, "time for questions is up: go to the closing"),
        (0, 1500, 4, 150, 1260, 0, 0, "no questions left"),
        (0, -30, 4, 150, 0, 0, 0, "no questions left"),
    ],
)
def test_pacing_table(
    questions: int,
    left: float,
    closing: int,
    typical: float,
    seconds: float,
    each: float,
    fit: int,
    summary: str,
) -> None:
    p = pacing(questions, left, closing, typical)
    assert p.seconds_for_questions == pytest.approx(seconds)
    assert p.per_question == pytest.approx(each)
    assert p.fit_count == fit
    assert p.summary() == summary


def test_pacing_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        pacing(-1, 600, 4)
    with pytest.raises(ValueError):
        pacing(3, 600, 4, typical=0)


# ----- validation ---------------------------------------------------------------------------

GOOD = "2026-11-23T09:30:00.000000+00:00"


def at(minutes: int) -> str:
    return (datetime.fromisoformat(GOOD) + timedelta(minutes=minutes)).isoformat()


@pytest.mark.parametrize(
    "data",
    [
        [GOOD],
        "started",
        None,
        {},
        {"pauses": []},
        {"started": ""},
        {"started": 12},
        {"started": "yesterday"},
        {"started": "2026-11-23T09:30:00"},  # naive
        {"started": GOOD, "ended": "2026-11-23T10:00:00"},  # naive end
        {"started": GOOD, "ended": at(-1)},  # ends before it starts
        {"started": GOOD, "pauses": "none"},
        {"started": GOOD, "pauses": {"started": at(1)}},
        {"started": GOOD, "pauses": [at(1)]},
        {"started": GOOD, "pauses": [{"ended": at(2)}]},
        {"started": GOOD, "pauses": [{"started": at(1), "ended": None}]},
        {"started": GOOD, "pauses": [{"started": at(1), "ended": "2026-11-23T09:32:00"}]},
        {"started": GOOD, "pauses": [{"started": at(2), "ended": at(1)}]},  # backwards pause
        {"started": GOOD, "pauses": [{"started": at(-1), "ended": at(1)}]},  # before the start
        {  # an open pause that is not the last
            "started": GOOD,
            "pauses": [{"started": at(1)}, {"started": at(2), "ended": at(3)}],
        },
        {  # overlapping pauses
            "started": GOOD,
            "pauses": [{"started": at(1), "ended": at(5)}, {"started": at(3), "ended": at(6)}],
        },
        {  # out of order
            "started": GOOD,
            "pauses": [{"started": at(5), "ended": at(6)}, {"started": at(1), "ended": at(2)}],
        },
        {"started": GOOD, "pauses": [{"started": at(1)}], "ended": at(2)},  # ended while paused
        {"started": GOOD, "pauses": [{"started": at(1), "ended": at(5)}], "ended": at(3)},
        {"started": GOOD, "extra_minutes": -1},
        {"started": GOOD, "extra_minutes": "5"},
        {"started": GOOD, "extra_minutes": 5.0},
        {"started": GOOD, "extra_minutes": True},
        {"started": GOOD, "extra_minutes": 601},
    ],
)
def test_from_dict_rejects_garbage(data: object) -> None:
    with pytest.raises(ValidationError) as info:
        CallState.from_dict(data)
    assert info.value.field == "call"


def test_pause_from_dict_rejects_garbage() -> None:
    for data in (None, [], {"ended": at(1)}, {"started": "soon"}):
        with pytest.raises(ValidationError):
            Pause.from_dict(data)


def test_from_dict_accepts_and_normalises() -> None:
    state = CallState.from_dict(
        {
            "started": "2026-11-23T10:30:00+01:00",
            "pauses": [
                {"started": "2026-11-23T09:31:00Z", "ended": "2026-11-23T09:32:00Z"},
                {"started": "2026-11-23T09:32:00Z"},  # open pause, last: fine
            ],
            "extra_minutes": 600,
            "unknown": "ignored",
        }
    )
    assert state.started == GOOD
    assert state.pauses[0] == Pause(started=at(1), ended=at(2))
    assert state.pauses[1].ended == ""
    assert is_paused(state)
    assert elapsed(state, datetime(2030, 1, 1, tzinfo=UTC)) == 60
    assert CallState.from_dict(state) is state
    assert reload(state) == state
    assert state.to_dict() == {
        "started": GOOD,
        "pauses": [
            {
                "started": "2026-11-23T09:31:00.000000+00:00",
                "ended": "2026-11-23T09:32:00.000000+00:00",
            },
            {"started": "2026-11-23T09:32:00.000000+00:00", "ended": ""},
        ],
        "extra_minutes": 600,
        "ended": "",
    }


@pytest.mark.parametrize(
    ("numbers", "text"),
    [
        ([7], "7"),
        ([9, 7], "7 and 9"),
        ([4, 5], "4 and 5"),
        ([2, 4, 5, 6, 9], "2, 4-6 and 9"),
        ([10, 11, 12, 13], "10-13"),
    ],
)
def test_number_list(numbers: list[int], text: str) -> None:
    from infoview_tui.model.call import number_list

    assert number_list(numbers) == text


def test_alerts_ring_once_when_the_closing_block_starts_and_when_time_is_up() -> None:
    from infoview_tui.model.call import Alert, alerts

    assert alerts(None, 100, 4) == ()  # the first reading crosses nothing
    assert alerts(300, 260, 4) == ()
    assert alerts(241, 240, 4) == (Alert.CLOSING,)
    assert alerts(240, 200, 4) == ()  # already inside: no second time
    assert alerts(0, -0.1, 4) == (Alert.TIME_UP,)
    assert alerts(-1, -2, 4) == ()
    assert alerts(250, -1, 4) == (Alert.CLOSING, Alert.TIME_UP)  # a jump over both
    assert alerts(-5, 300, 4) == ()  # "+5" takes it back out: nothing rings
