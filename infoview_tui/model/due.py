"""What is due: thank-you deadlines, follow-ups, replies awaited, calls, people losing touch.

Pure rules (no Textual). ``build_agenda`` turns the notebook's contacts and interviews and a
``now`` into the Today agenda; ``anything_due`` says whether the app should open on it.

The rules
---------

Time. ``now`` is an aware datetime from the app's clock. "Today" is the local calendar day of
``now`` (the machine's time zone). An interview's ``when`` is naive local time (as the forms
store it); an aware ``when`` is converted to local time. Dates stored as YYYY-MM-DD
(``next_action_date``, ``last_contact``, ``thanked``) are compared with today. A stored date at
an end of the calendar (9999-12-31, which forms and imports refuse but an old or hand-edited
file may hold) is shown as it is: a deadline past the last day stops at datetime.max.

Everywhere: a contact at DECLINED never appears, and cancelled or missed interviews are
ignored. An interview whose contact is missing is skipped.

Calls today: a call whose clock is running, first, as "running now" (whatever day it was
planned for, or none: it is being held now, so it is never "in the next 7 days"); then planned
interviews whose ``when`` falls on today. One whose agreed time has passed without its call
starting (set for 15:00 for 30 minutes, still not started at 15:30) says "not held yet /
missed?" and stays listed until it is held, marked missed or cancelled, or moved.
Upcoming: planned interviews not started, in the next 7 days after today (tomorrow up to and
including today + 7). A planned interview with no date, or one whose day has passed, is in
neither list.

Thank-you notes: every done interview with no ``thanked`` date. Its deadline is the end of the
call (``call.ended_at``) or, for an interview marked done without a live call, its ``when``
plus ``thank_you_days`` days (exact: a call ending 15:33 on Sunday with 2 days has its
deadline at 15:33 on Tuesday). Exactly at the deadline it is still "due"; any later it is
"overdue". A done interview with neither an end nor a date has no deadline: it is listed as
due, never overdue. Sent ones (``thanked`` set) are not listed; ``thank_you_state`` tells all
three states.

Awaiting a reply: every contact at REACHED_OUT, with the days waited since ``last_contact``
(None if unknown). Overdue when the follow-up date (``next_action_date``) is before today;
due when it is today. These contacts are not repeated under follow-ups.

Follow-ups due: contacts with a ``next_action_date`` on or before today (overdue when before
today, the same rule as the contact list), except those at REACHED_OUT (listed as awaiting a
reply) and those with a thank-you note still to send (the thank-you item stands for them).

Losing touch: contacts you have talked to (INTERVIEWED, THANKED, KEEPING_IN_TOUCH) whose last
contact (``last_contact``, or failing that the day of their latest done interview) is at least
``losing_touch_weeks`` weeks before today. A contact already listed under follow-ups is not
repeated here; with no known last contact they are not listed.

Order: calls by time; thank-you notes by deadline (none last); follow-ups by date, then name;
replies awaited longest-waiting first; losing touch longest-silent first.

``anything_due``: a call today, a thank-you note to send, a follow-up due, or a reply awaited
whose follow-up date has come (today or before). Upcoming calls, replies still within their
follow-up time and people losing touch alone do not make the app open on Today.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from operator import attrgetter

from .contact import Contact
from .dates import local_now, shift
from .interview import NOT_HELD, Interview, Mode, Status, planned_is_past, planned_time
from .settings import Settings
from .stage import Stage

UPCOMING_DAYS = 7
"""How many days after today the upcoming calls reach."""

TALKED_TO = (Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH)
"""Stages of people you have talked to (the ones who can be losing touch)."""

_MODES = {Mode.PHONE: "Phone call", Mode.VIDEO: "Video call", Mode.IN_PERSON: "Meeting"}


class Kind(StrEnum):
    """The sections of the Today agenda, in the order they are shown."""

    CALL_TODAY = "call_today"
    UPCOMING = "upcoming"
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    AWAITING_REPLY = "awaiting_reply"
    LOSING_TOUCH = "losing_touch"

    @property
    def title(self) -> str:  # type: ignore[override]  # a section title, not str.title()
        return _TITLES[self]

    @property
    def glyph(self) -> str:
        """The section's own mark, shown on its heading and its items."""
        return _GLYPHS[self]


_TITLES = {
    Kind.CALL_TODAY: "Calls today",
    Kind.UPCOMING: f"Calls in the next {UPCOMING_DAYS} days",
    Kind.THANK_YOU: "Thank-you notes to send",
    Kind.FOLLOW_UP: "Follow-ups due",
    Kind.AWAITING_REPLY: "Awaiting a reply",
    Kind.LOSING_TOUCH: "Losing touch",
}


class ThankYou(StrEnum):
    SENT = "sent"
    DUE = "due"
    OVERDUE = "overdue"


@dataclasses.dataclass(frozen=True)
class Item:
    """One line of the agenda."""

    kind: Kind
    contact_id: int
    name: str
    """The contact's name."""
    label: str
    """What to do or what is planned ("Video call, 30 min", the next action, ...)."""
    when: date | None
    """The day it is about: the call, the deadline, the follow-up date, the last contact."""
    overdue: bool
    status: str
    """Its state in words ("2 days overdue", "due by tomorrow 15:33"): with the glyph ("!" when
    overdue) it tells the state without colour."""
    interview_id: int | None = None
    at: datetime | None = None
    """Local (naive) time, for calls and thank-you deadlines."""
    running: bool = False
    """A call whose clock is running now."""

    @property
    def glyph(self) -> str:
        if self.overdue:
            return "!"
        return _GLYPHS[self.kind]


_GLYPHS = {
    Kind.CALL_TODAY: "☎",
    Kind.UPCOMING: "☏",
    Kind.THANK_YOU: "✉",
    Kind.FOLLOW_UP: "↻",
    Kind.AWAITING_REPLY: "↩",
    Kind.LOSING_TOUCH: "◌",
}
"""Today's own marks: none is a stage mark (? ○ → ◷ ● ♥ ∞ … ×), which would say something
else on the contact list ("○" is "to contact" there, "…" is "no reply"). "!" (overdue) is the
one mark Today shares with the list, with the same meaning."""


@dataclasses.dataclass(frozen=True)
class Section:
    kind: Kind
    items: tuple[Item, ...]

    @property
    def title(self) -> str:
        return self.kind.title


AGENDA_SHOWN = 60
"""Items shown per section; the rest are counted ("and 40 more"), so a notebook with thousands
of follow-ups due still opens Today at once."""


@dataclasses.dataclass(frozen=True)
class AgendaCounts:
    """What an agenda drawn from part of the notebook (a start view) cannot count itself."""

    counts: dict[Kind, int]
    """Items per section in the whole notebook."""
    overdue: int
    due: bool
    """``anything_due`` of the whole notebook's agenda."""


@dataclasses.dataclass(frozen=True)
class Agenda:
    today: date
    sections: tuple[Section, ...]
    """One per Kind, in Kind order, empty ones included."""
    whole: AgendaCounts | None = None
    """Set when the agenda is of a start view: the counts of the whole notebook's agenda (its
    first AGENDA_SHOWN items of each section are the view's own)."""

    def section(self, kind: Kind) -> tuple[Item, ...]:
        for section in self.sections:
            if section.kind is kind:
                return section.items
        return ()

    def count(self, kind: Kind) -> int:
        if self.whole is not None:
            return self.whole.counts[kind]
        return len(self.section(kind))

    def overdue_count(self) -> int:
        if self.whole is not None:
            return self.whole.overdue
        return sum(1 for item in self.items if item.overdue)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)


# ----- time ----------------------------------------------------------------------------------


local_when = planned_time
"""An interview's ``when`` as naive local time (None if blank or not a date and time)."""


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _relative_day(day: date, today: date) -> str:
    diff = (day - today).days
    if diff == 0:
        return "today"
    if diff == 1:
        return "tomorrow"
    if diff == -1:
        return "yesterday"
    if 1 < diff <= 6:
        return f"{day:%a} {day.day} {day:%b}"
    return f"{day.day} {day:%b}"


# ----- thank-you notes -----------------------------------------------------------------------


def thank_you_deadline(interview: Interview, thank_you_days: int) -> datetime | None:
    """When the thank-you note for a held interview should have gone out, as naive local
    time: the call's end (or, without a timed call, its ``when``) plus ``thank_you_days``."""
    held: datetime | None = None
    if interview.call is not None and interview.call.ended_at is not None:
        held = local_now(interview.call.ended_at)
    else:
        held = local_when(interview.when)
    if held is None:
        return None
    return shift(held, timedelta(days=thank_you_days))


def thank_you_state(interview: Interview, now: datetime, thank_you_days: int) -> ThankYou | None:
    """SENT, DUE or OVERDUE for a done interview; None for a planned or cancelled one."""
    if interview.status is not Status.DONE:
        return None
    if interview.thanked:
        return ThankYou.SENT
    deadline = thank_you_deadline(interview, thank_you_days)
    if deadline is not None and local_now(now) > deadline:
        return ThankYou.OVERDUE
    return ThankYou.DUE


def _thank_you_status(deadline: datetime | None, now: datetime) -> tuple[bool, str]:
    if deadline is None:
        return False, "due (no call date)"
    today = now.date()
    if now > deadline:
        late = (today - deadline.date()).days
        if late <= 0:
            return True, f"overdue since {deadline:%H:%M}"
        return True, f"{_days(late)} overdue"
    return False, f"due by {_relative_day(deadline.date(), today)} {deadline:%H:%M}"


# ----- the agenda ----------------------------------------------------------------------------


def build_agenda(
    contacts: Mapping[int, Contact],
    interviews: Mapping[int, Interview],
    settings: Settings,
    now: datetime,
) -> Agenda:
    """The Today agenda at ``now`` (see the module docstring for the rules)."""
    local = local_now(now)
    today = local.date()
    live = {cid: c for cid, c in contacts.items() if c.stage is not Stage.DECLINED}

    calls_today: list[Item] = []
    upcoming: list[Item] = []
    thank_yous: list[Item] = []
    last_held: dict[int, date] = {}
    for interview in interviews.values():
        contact = live.get(interview.contact_id)
        if contact is None or interview.status in NOT_HELD:
            continue
        when = local_when(interview.when)
        if interview.status is Status.DONE:
            moment = interview.moment
            if moment is not None:
                held = last_held.get(contact.id)
                last_held[contact.id] = max(held, moment.date()) if held else moment.date()
            if not interview.thanked:
                deadline = thank_you_deadline(interview, settings.thank_you_days)
                overdue, status = _thank_you_status(deadline, local)
                thank_yous.append(
                    Item(
                        Kind.THANK_YOU,
                        contact.id,
                        contact.name,
                        "Send a thank-you note",
                        deadline.date() if deadline else None,
                        overdue,
                        status,
                        interview.id,
                        at=deadline,
                    )
                )
            continue
        running = interview.running
        if running:
            when = interview.held_start
        if when is None:
            continue
        label = f"{_MODES[interview.mode]}, {interview.agreed_minutes} min"
        if running or when.date() == today:
            if running:
                status = "running now"
            elif planned_is_past(interview, now):
                status = f"{when:%H:%M}, not held yet / missed?"
            else:
                status = f"today {when:%H:%M}"
            calls_today.append(
                Item(
                    Kind.CALL_TODAY,
                    contact.id,
                    contact.name,
                    label,
                    when.date(),
                    False,
                    status,
                    interview.id,
                    at=when,
                    running=running,
                )
            )
        elif interview.call is None and 0 < (when.date() - today).days <= UPCOMING_DAYS:
            upcoming.append(
                Item(
                    Kind.UPCOMING,
                    contact.id,
                    contact.name,
                    label,
                    when.date(),
                    False,
                    f"{_relative_day(when.date(), today)} {when:%H:%M}",
                    interview.id,
                    at=when,
                )
            )
    calls_today.sort(key=lambda i: (not i.running, i.at, i.name))
    upcoming.sort(key=lambda i: (i.at, i.name))
    thank_yous.sort(key=lambda i: (i.at is None, i.at or datetime.min, i.name))
    thanking = {item.contact_id for item in thank_yous}

    awaiting: list[Item] = []
    follow_ups: list[Item] = []
    losing: list[Item] = []
    weeks = timedelta(weeks=settings.losing_touch_weeks)
    today_iso = today.isoformat()  # stored dates are YYYY-MM-DD: text order is date order
    for contact in live.values():
        stage = contact.stage
        if stage is Stage.REACHED_OUT:
            follow_up = _day(contact.next_action_date)
            last = _day(contact.last_contact)
            waited = (today - last).days if last else None
            overdue = follow_up is not None and follow_up < today
            words = f"waiting {_days(waited)}" if waited is not None else "waiting"
            if overdue:
                assert follow_up is not None
                words = f"follow-up {_days((today - follow_up).days)} overdue, {words}"
            elif follow_up == today:
                words = f"follow up today, {words}"
            awaiting.append(
                Item(
                    Kind.AWAITING_REPLY,
                    contact.id,
                    contact.name,
                    contact.next_action or "Follow up if there is no reply",
                    follow_up,
                    overdue,
                    words,
                )
            )
            continue
        next_date = contact.next_action_date
        if next_date and next_date <= today_iso and contact.id not in thanking:
            follow_up = _day(next_date)
            if follow_up is None:
                continue
            late = (today - follow_up).days
            follow_ups.append(
                Item(
                    Kind.FOLLOW_UP,
                    contact.id,
                    contact.name,
                    contact.next_action or "Get in touch",
                    follow_up,
                    late > 0,
                    f"{_days(late)} overdue" if late > 0 else "due today",
                )
            )
            continue
        if stage in TALKED_TO:
            seen = _day(contact.last_contact) or last_held.get(contact.id)
            if seen is not None and today - seen >= weeks:
                silent = (today - seen).days
                losing.append(
                    Item(
                        Kind.LOSING_TOUCH,
                        contact.id,
                        contact.name,
                        f"{contact.stage.label}; last contact {seen.isoformat()}",
                        seen,
                        False,
                        f"no contact for {silent // 7} weeks",
                    )
                )
    follow_ups.sort(key=attrgetter("when", "name"))
    awaiting.sort(key=lambda i: (_waited_key(contacts[i.contact_id]), i.name))
    losing.sort(key=attrgetter("when", "name"))

    found = {
        Kind.CALL_TODAY: calls_today,
        Kind.UPCOMING: upcoming,
        Kind.THANK_YOU: thank_yous,
        Kind.FOLLOW_UP: follow_ups,
        Kind.AWAITING_REPLY: awaiting,
        Kind.LOSING_TOUCH: losing,
    }
    return Agenda(today, tuple(Section(kind, tuple(found[kind])) for kind in Kind))


def _waited_key(contact: Contact) -> str:
    """Longest waiting first: the oldest last contact; unknown ones last."""
    return contact.last_contact or "9999-99-99"


def anything_due(agenda: Agenda) -> bool:
    """A call today, a thank-you note to send, a follow-up due, or a reply awaited whose
    follow-up date has come."""
    if agenda.whole is not None:
        return agenda.whole.due
    if agenda.section(Kind.CALL_TODAY) or agenda.section(Kind.THANK_YOU):
        return True
    if agenda.section(Kind.FOLLOW_UP):
        return True
    return any(
        item.when is not None and item.when <= agenda.today
        for item in agenda.section(Kind.AWAITING_REPLY)
    )
