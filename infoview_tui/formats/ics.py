"""Dates as iCalendar (RFC 5545, on ``icalendar``): scheduled calls and next actions.

Read by calendar apps (Thunderbird, GNOME Calendar, Apple Calendar, Outlook, Google Calendar's
import) and by khal / vdirsyncer.

- Times are UTC (``DTSTART:20261129T140000Z``): every calendar shows them in the reader's own
  zone, and no VTIMEZONE has to be written (or got wrong) for a zone infoview does not know by
  name. A planned time is stored as the user typed it, local time without a zone: it is read
  in the machine's local zone at export (with that zone's daylight-saving rule for that date)
  and written as the UTC instant. A planned time stored with an offset keeps that instant.
- Every interview with a time is a VEVENT. A call that was held (or is running) is an event
  at its real start (from the call's clock) for as long as it really lasted, pauses included
  (a running one: its agreed minutes and extensions), whatever it was planned for: a past
  event, the planned time said in the description. A call not started is an event from its
  planned time for its agreed minutes; a cancelled or missed one is STATUS:CANCELLED, so a
  calendar that imported it before drops it (or shows it struck through).
- Every contact's next-action date is an all-day VEVENT on that date (a DATE, no time and so
  no zone), marked free (TRANSP:TRANSPARENT). All-day events rather than VTODOs: Google
  Calendar ignores VTODOs.
- UIDs are derived from the record's id and creation time, so exporting again updates the
  same events instead of adding copies; DTSTAMP is the record's last change (UTC).
- A stored date outside the years infoview accepts (9999-12-31 in a file from an older
  infoview or edited by hand; see model/dates.py) or one that does not parse is left out, and
  the summary ``write`` returns says which, on a line of its own beginning "note:".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

import icalendar

from .. import __version__
from ..model import Contact, Interview, call
from ..model.dates import RANGE_HINT, in_range
from ..model.interview import MODE_LABELS, NOT_HELD, Status
from ..notebook import Notebook
from .common import Output, stable_uid, write_output

_D = TypeVar("_D", bound=date)

PRODID = f"-//infoview//infoview {__version__}//EN"


def _stamp(record: Contact | Interview, fallback: datetime) -> datetime:
    try:
        stamp = datetime.fromisoformat(record.updated)
    except ValueError:
        return fallback
    return _utc(stamp) if in_range(stamp) and stamp.tzinfo is not None else _utc(fallback)


class _OutOfRange(Exception):
    """A stored date the calendar cannot hold: the event is left out."""


def _interview(notebook: Notebook, interview: Interview, now: datetime) -> icalendar.Event:
    contact = notebook.contacts.get(interview.contact_id)
    who = contact.name if contact else "someone"
    state = interview.call
    details = [f"{interview.agreed_minutes} minutes, {MODE_LABELS[interview.mode]}"]
    if state is not None:
        start = state.started_at
        if state.ended_at is not None:
            end = state.ended_at
            lasted = call.format_clock(call.actual_minutes(state) * 60)
            details.append(f"held: lasted {lasted}")
        else:
            end = start + timedelta(seconds=call.total_seconds(state, interview.agreed_minutes))
            details.append("running")
        if state.extra_minutes:
            details[0] = (
                f"{interview.agreed_minutes} minutes agreed + {state.extra_minutes}, "
                f"{MODE_LABELS[interview.mode]}"
            )
        if interview.when:
            details.append(f"planned for {interview.when.replace('T', ' ')[:16]}")
        if not in_range(start):
            raise _OutOfRange(f"{state.started} is out of range")
    else:
        start = _parse(interview.when, datetime.fromisoformat)
        end = start + timedelta(minutes=interview.agreed_minutes)
        if interview.status is Status.MISSED:
            details.append("missed")
    start, end = _utc(start), _utc(end)
    event = icalendar.Event()
    event.add("uid", f"{stable_uid('interview', interview)}@infoview")
    event.add("dtstamp", _stamp(interview, now))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Informational interview with {who}")
    if contact and contact.headline:
        details.insert(0, contact.headline)
    event.add("description", "\n".join(details))
    if interview.place:
        event.add("location", interview.place)
    event.add("status", "CANCELLED" if interview.status in NOT_HELD else "CONFIRMED")
    return event


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive one is local time (the machine's zone, as everywhere in
    infoview)."""
    try:
        return moment.astimezone(UTC)
    except (OverflowError, OSError, ValueError):
        raise _OutOfRange(f"{moment.isoformat()} cannot be placed in time") from None


def _next_action(contact: Contact, now: datetime) -> icalendar.Event:
    day = _parse(contact.next_action_date, date.fromisoformat)
    event = icalendar.Event()
    event.add("uid", f"{stable_uid('next-action', contact)}@infoview")
    event.add("dtstamp", _stamp(contact, now))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    action = contact.next_action or "Next step"
    event.add("summary", f"{action}: {contact.name}")
    if contact.headline:
        event.add("description", contact.headline)
    event.add("transp", "TRANSPARENT")
    return event


def _parse(text: str, parse: Callable[[str], _D]) -> _D:
    try:
        value = parse(text)
    except ValueError:
        raise _OutOfRange(f"{text!r} is not a date") from None
    if not in_range(value):
        raise _OutOfRange(f"{text} is out of range")
    return value


def build(notebook: Notebook) -> tuple[icalendar.Calendar, list[str]]:
    """The calendar, and what was left out of it (one phrase per stored date that is out
    of range or does not parse)."""
    now = notebook.clock()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "infoview")
    left_out: list[str] = []
    for interview in sorted(notebook.interviews.values(), key=lambda i: i.id):
        if interview.when or interview.call is not None:
            try:
                cal.add_component(_interview(notebook, interview, now))
            except _OutOfRange as exc:
                contact = notebook.contacts.get(interview.contact_id)
                who = contact.name if contact else f"contact {interview.contact_id}"
                left_out.append(f"the call with {who} (interview {interview.id}): {exc}")
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.id):
        if contact.next_action_date:
            try:
                cal.add_component(_next_action(contact, now))
            except _OutOfRange as exc:
                left_out.append(f"the next action of {contact.name} (contact {contact.id}): {exc}")
    return cal, left_out


def calendar(notebook: Notebook) -> icalendar.Calendar:
    return build(notebook)[0]


def render(notebook: Notebook) -> bytes:
    data: bytes = calendar(notebook).to_ical()
    return data


def write(notebook: Notebook, out: Output) -> str:
    cal, left_out = build(notebook)
    write_output(out, cal.to_ical())
    events = len(cal.walk("VEVENT"))
    summary = f"{events} events"
    if left_out:
        summary += (
            f"\nnote: left out {len(left_out)} date{'s' if len(left_out) != 1 else ''} "
            f"a calendar cannot hold ({RANGE_HINT}; 'infoview check' lists them): "
            + "; ".join(left_out)
        )
    return summary
