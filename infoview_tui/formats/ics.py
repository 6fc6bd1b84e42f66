"""Dates as iCalendar (RFC 5545, on ``icalendar``): scheduled calls and next actions.

- Every interview with a ``when`` is a VEVENT from then for its agreed minutes (a cancelled
  one is STATUS:CANCELLED, so a calendar that imported it before drops it). A time without a
  zone is written as floating local time, as it was typed.
- Every contact's next-action date is an all-day VEVENT on that date, marked free
  (TRANSP:TRANSPARENT). All-day events rather than VTODOs: Google Calendar ignores VTODOs.
- UIDs are derived from the record's id and creation time, so exporting again updates the
  same events instead of adding copies; DTSTAMP is the record's last change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar

from .. import __version__
from ..model import Contact, Interview
from ..model.interview import MODE_LABELS, Status
from ..notebook import Notebook
from .common import Output, stable_uid, write_output

PRODID = f"-//infoview//infoview {__version__}//EN"


def _stamp(record: Contact | Interview, fallback: datetime) -> datetime:
    try:
        return datetime.fromisoformat(record.updated)
    except ValueError:
        return fallback


def _interview(notebook: Notebook, interview: Interview, now: datetime) -> icalendar.Event:
    contact = notebook.contacts.get(interview.contact_id)
    who = contact.name if contact else "someone"
    start = datetime.fromisoformat(interview.when)
    event = icalendar.Event()
    event.add("uid", f"{stable_uid('interview', interview)}@infoview")
    event.add("dtstamp", _stamp(interview, now))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=interview.agreed_minutes))
    event.add("summary", f"Informational interview with {who}")
    details = [f"{interview.agreed_minutes} minutes, {MODE_LABELS[interview.mode]}"]
    if contact and contact.headline:
        details.insert(0, contact.headline)
    event.add("description", "\n".join(details))
    if interview.place:
        event.add("location", interview.place)
    event.add("status", "CANCELLED" if interview.status is Status.CANCELLED else "CONFIRMED")
    return event


def _next_action(contact: Contact, now: datetime) -> icalendar.Event:
    day = date.fromisoformat(contact.next_action_date)
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


def calendar(notebook: Notebook) -> icalendar.Calendar:
    now = notebook.clock()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "infoview")
    for interview in sorted(notebook.interviews.values(), key=lambda i: i.id):
        if interview.when:
            cal.add_component(_interview(notebook, interview, now))
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.id):
        if contact.next_action_date:
            cal.add_component(_next_action(contact, now))
    return cal


def render(notebook: Notebook) -> bytes:
    return calendar(notebook).to_ical()


def write(notebook: Notebook, out: Output) -> str:
    cal = calendar(notebook)
    write_output(out, cal.to_ical())
    events = len(cal.walk("VEVENT"))
    return f"{events} events"
