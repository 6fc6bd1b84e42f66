"""The due-date rules behind Today: thank-you deadlines, follow-ups, replies awaited, calls,
people losing touch, and when the app opens on Today."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from infoview_tui.model import Contact, Interview, Stage, call
from infoview_tui.model.due import (
    Kind,
    ThankYou,
    anything_due,
    build_agenda,
    thank_you_deadline,
    thank_you_state,
)
from infoview_tui.model.settings import Settings

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)
SETTINGS = Settings()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def person(cid: int, stage: Stage = Stage.TO_CONTACT, **fields: object) -> Contact:
    return Contact(id=cid, name=fields.pop("name", f"Person {cid}"), stage=stage, **fields)  # type: ignore[arg-type]


def held(iid: int, cid: int, ended: datetime, *, thanked: str = "", minutes: int = 30) -> Interview:
    """A done interview whose timed call ended at ``ended`` (aware)."""
    start = ended - timedelta(minutes=minutes)
    return Interview(
        id=iid,
        contact_id=cid,
        when=start.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="minutes"),
        status="done",
        call=call.end(call.start(start), ended),
        thanked=thanked,
    )


def agenda(
    contacts: list[Contact],
    interviews: list[Interview] = (),  # type: ignore[assignment]
    now: datetime = NOW,
    settings: Settings = SETTINGS,
):  # type: ignore[no-untyped-def]
    return build_agenda({c.id: c for c in contacts}, {i.id: i for i in interviews}, settings, now)


@pytest.fixture
def berlin():  # type: ignore[no-untyped-def]
    """Local time is Berlin (UTC+1 in November) for this test."""
    mp = pytest.MonkeyPatch()
    mp.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    mp.undo()
    time.tzset()


# ----- thank-you notes --------------------------------------------------------------------


def test_thank_you_deadline_is_the_call_end_plus_the_window() -> None:
    ended = datetime(2026, 11, 22, 15, 33, tzinfo=UTC)
    interview = held(1, 1, ended)
    assert thank_you_deadline(interview, 2) == datetime(2026, 11, 24, 15, 33)
    assert thank_you_deadline(interview, 1) == datetime(2026, 11, 23, 15, 33)


def test_exactly_at_the_deadline_is_due_and_a_second_later_overdue() -> None:
    ended = datetime(2026, 11, 22, 15, 33, tzinfo=UTC)
    interview = held(1, 1, ended)
    deadline = ended + timedelta(days=2)
    assert thank_you_state(interview, deadline, 2) is ThankYou.DUE
    assert thank_you_state(interview, deadline + timedelta(seconds=1), 2) is ThankYou.OVERDUE
    assert thank_you_state(interview, deadline - timedelta(days=1), 2) is ThankYou.DUE
    sent = held(1, 1, ended, thanked="2026-11-23")
    assert thank_you_state(sent, deadline + timedelta(days=9), 2) is ThankYou.SENT


def test_thank_you_items_say_due_then_overdue_in_words() -> None:
    ended = datetime(2026, 11, 22, 15, 33, tzinfo=UTC)
    contacts = [person(1, Stage.INTERVIEWED, name="Priya")]
    [item] = agenda(contacts, [held(7, 1, ended)]).section(Kind.THANK_YOU)
    assert (item.interview_id, item.overdue, item.glyph) == (7, False, "✉")
    assert item.status == "due by tomorrow 15:33"
    at_deadline = agenda(contacts, [held(7, 1, ended)], now=ended + timedelta(days=2))
    assert at_deadline.section(Kind.THANK_YOU)[0].status == "due by today 15:33"
    later_that_day = ended + timedelta(days=2, hours=1)
    [late] = agenda(contacts, [held(7, 1, ended)], now=later_that_day).section(Kind.THANK_YOU)
    assert (late.overdue, late.glyph, late.status) == (True, "!", "overdue since 15:33")
    [days] = agenda(contacts, [held(7, 1, ended)], now=ended + timedelta(days=5)).section(
        Kind.THANK_YOU
    )
    assert days.status == "3 days overdue"
    one = agenda(contacts, [held(7, 1, ended)], now=ended + timedelta(days=3)).section(
        Kind.THANK_YOU
    )
    assert one[0].status == "1 day overdue"


def test_sent_thank_yous_are_not_listed() -> None:
    ended = datetime(2026, 11, 22, 15, 33, tzinfo=UTC)
    got = agenda([person(1, Stage.THANKED)], [held(1, 1, ended, thanked="2026-11-22")])
    assert got.section(Kind.THANK_YOU) == ()


def test_the_window_comes_from_the_settings() -> None:
    ended = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    contacts = [person(1, Stage.INTERVIEWED)]
    one_day = Settings(thank_you_days=1)
    assert agenda(contacts, [held(1, 1, ended)], settings=one_day).items[0].overdue
    assert not agenda(contacts, [held(1, 1, ended)]).items[0].overdue


def test_a_naive_when_is_local_time(berlin: None) -> None:
    """Marked done without a live call: the deadline runs from ``when``, read as local time
    (15:00 in Berlin is 14:00 UTC)."""
    interview = Interview(id=1, contact_id=1, when="2026-11-21T15:00", status="done")
    assert thank_you_deadline(interview, 2) == datetime(2026, 11, 23, 15, 0)
    deadline_utc = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    assert thank_you_state(interview, deadline_utc, 2) is ThankYou.DUE
    assert thank_you_state(interview, deadline_utc + timedelta(seconds=1), 2) is ThankYou.OVERDUE


def test_an_aware_when_is_converted_to_local_time(berlin: None) -> None:
    interview = Interview(id=1, contact_id=1, when="2026-11-21T15:00+00:00", status="done")
    assert thank_you_deadline(interview, 2) == datetime(2026, 11, 23, 16, 0)


def test_done_without_any_date_is_due_never_overdue() -> None:
    interview = Interview(id=1, contact_id=1, status="done")
    assert thank_you_deadline(interview, 2) is None
    [item] = agenda([person(1, Stage.INTERVIEWED)], [interview]).section(Kind.THANK_YOU)
    assert not item.overdue and item.when is None and "no call date" in item.status


def test_cancelled_and_planned_interviews_need_no_thank_you() -> None:
    cancelled = Interview(id=1, contact_id=1, when="2026-11-20T10:00", status="cancelled")
    planned = Interview(id=2, contact_id=1, when="2026-11-20T10:00")
    assert thank_you_state(cancelled, NOW, 2) is None
    assert thank_you_state(planned, NOW, 2) is None
    assert agenda([person(1, Stage.SCHEDULED)], [cancelled]).items == ()


# ----- calls --------------------------------------------------------------------------------


def test_calls_today_and_in_the_next_seven_days() -> None:
    contacts = [person(n, Stage.SCHEDULED, name=f"P{n}") for n in range(1, 7)]
    interviews = [
        Interview(id=1, contact_id=1, when=f"{day(0)}T15:00"),
        Interview(id=2, contact_id=2, when=f"{day(0)}T08:00"),  # earlier today: still listed
        Interview(id=3, contact_id=3, when=f"{day(7)}T23:59"),  # the last upcoming day
        Interview(id=4, contact_id=4, when=f"{day(8)}T08:00"),  # too far
        Interview(id=5, contact_id=5, when=f"{day(-1)}T15:00"),  # yesterday, never held
        Interview(id=6, contact_id=6, when=f"{day(1)}T09:00", status="cancelled"),
    ]
    got = agenda(contacts, interviews)
    assert [i.interview_id for i in got.section(Kind.CALL_TODAY)] == [2, 1]
    # 08:00 for 30 minutes is over at 09:30 with no call started: not upcoming (issue 13 item 4)
    assert [i.status for i in got.section(Kind.CALL_TODAY)] == [
        "08:00, not held yet / missed?",
        "today 15:00",
    ]
    assert [i.interview_id for i in got.section(Kind.UPCOMING)] == [3]


def test_a_running_call_comes_first() -> None:
    contacts = [person(1, Stage.SCHEDULED), person(2, Stage.SCHEDULED)]
    running = Interview(
        id=2, contact_id=2, when=f"{day(0)}T09:00", call=call.start(NOW - timedelta(minutes=3))
    )
    first = Interview(id=1, contact_id=1, when=f"{day(0)}T08:00")
    [top, other] = agenda(contacts, [first, running]).section(Kind.CALL_TODAY)
    assert (top.interview_id, top.running, top.status) == (2, True, "running now")
    assert other.interview_id == 1


def test_call_day_follows_local_time(berlin: None) -> None:
    """23:30 UTC on the 23rd is already the 24th in Berlin: a call at 09:00 on the 24th
    (naive, local) is today there."""
    now = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    interview = Interview(id=1, contact_id=1, when="2026-11-24T09:00")
    got = agenda([person(1, Stage.SCHEDULED)], [interview], now=now)
    assert [i.interview_id for i in got.section(Kind.CALL_TODAY)] == [1]


# ----- follow-ups, replies, losing touch ---------------------------------------------------


def test_follow_ups_due_on_or_before_today() -> None:
    contacts = [
        person(1, next_action="Write", next_action_date=day(0)),
        person(2, next_action="Nudge", next_action_date=day(-1), stage=Stage.NO_REPLY),
        person(3, next_action_date=day(1)),
        person(4),
    ]
    items = agenda(contacts).section(Kind.FOLLOW_UP)
    assert [(i.contact_id, i.overdue, i.status) for i in items] == [
        (2, True, "1 day overdue"),
        (1, False, "due today"),
    ]
    assert items[0].label == "Nudge"


def test_a_declined_contact_is_never_due() -> None:
    ended = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
    declined = person(1, Stage.DECLINED, next_action_date=day(-30), last_contact=day(-400))
    got = agenda(
        [declined], [held(1, 1, ended), Interview(id=2, contact_id=1, when=f"{day(0)}T12:00")]
    )
    assert got.items == ()
    assert not anything_due(got)


def test_awaiting_reply_counts_the_days_and_is_not_repeated_as_a_follow_up() -> None:
    contacts = [
        person(1, Stage.REACHED_OUT, last_contact=day(-8), next_action_date=day(-1)),
        person(2, Stage.REACHED_OUT, last_contact=day(-2), next_action_date=day(5)),
        person(3, Stage.REACHED_OUT),
    ]
    got = agenda(contacts)
    assert got.section(Kind.FOLLOW_UP) == ()
    items = got.section(Kind.AWAITING_REPLY)
    assert [(i.contact_id, i.overdue) for i in items] == [(1, True), (2, False), (3, False)]
    assert items[0].status == "follow-up 1 day overdue, waiting 8 days"
    assert items[1].status == "waiting 2 days"
    assert items[2].status == "waiting"


def test_a_thank_you_to_send_stands_for_the_follow_up() -> None:
    ended = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    priya = person(1, Stage.INTERVIEWED, next_action_date=day(-1))
    got = agenda([priya], [held(1, 1, ended)])
    assert [i.kind for i in got.items] == [Kind.THANK_YOU]


def test_losing_touch_after_n_weeks_for_people_you_talked_to() -> None:
    weeks = SETTINGS.losing_touch_weeks
    contacts = [
        person(1, Stage.KEEPING_IN_TOUCH, last_contact=day(-7 * weeks)),  # exactly N weeks
        person(2, Stage.THANKED, last_contact=day(-7 * weeks + 1)),  # a day short
        person(3, Stage.TO_CONTACT, last_contact=day(-400)),  # never talked to
        person(4, Stage.INTERVIEWED),  # no last contact: the interview's day counts
        person(5, Stage.THANKED, last_contact=day(-100), next_action_date=day(-1)),
    ]
    old = held(1, 4, datetime(2026, 1, 5, 10, 0, tzinfo=UTC), thanked="2026-01-05")
    got = agenda(contacts, [old])
    assert [i.contact_id for i in got.section(Kind.LOSING_TOUCH)] == [4, 1]
    assert got.section(Kind.LOSING_TOUCH)[1].status == f"no contact for {weeks} weeks"
    assert [i.contact_id for i in got.section(Kind.FOLLOW_UP)] == [5]  # listed once
    fewer = Settings(losing_touch_weeks=1)
    assert {
        i.contact_id for i in agenda(contacts, [old], settings=fewer).section(Kind.LOSING_TOUCH)
    } == {1, 2, 4}


# ----- when Today opens ---------------------------------------------------------------------


def test_anything_due() -> None:
    assert not anything_due(agenda([]))
    quiet = [
        person(1, Stage.REACHED_OUT, last_contact=day(-2), next_action_date=day(5)),
        person(2, Stage.KEEPING_IN_TOUCH, last_contact=day(-400)),  # losing touch only
        person(3, Stage.SCHEDULED),
    ]
    upcoming = [Interview(id=1, contact_id=3, when=f"{day(2)}T10:00")]
    assert not anything_due(agenda(quiet, upcoming))
    today_call = [Interview(id=1, contact_id=3, when=f"{day(0)}T18:00")]
    assert anything_due(agenda(quiet, today_call))
    assert anything_due(agenda([*quiet, person(4, next_action_date=day(0))], upcoming))
    reply_due = [person(1, Stage.REACHED_OUT, last_contact=day(-7), next_action_date=day(0))]
    assert anything_due(agenda(reply_due))
    ended = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert anything_due(agenda([person(5, Stage.INTERVIEWED)], [held(2, 5, ended)]))
