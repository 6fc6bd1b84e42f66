"""Parsing and formatting of the dates we store (ISO-8601 strings)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from .errors import ValidationError

MIN_YEAR = 1900
MAX_YEAR = 2999
"""The years a date may have when it enters infoview (a form, an import, a restore).

Wide enough for any real call, follow-up or last contact; narrow enough that the sums done
with dates (a call's end, a thank-you deadline days later, a time zone) never run off the end
of the calendar (Python's ``datetime.max`` is 9999-12-31 23:59:59). A "someday" date such as
9999-12-31 is refused: leave the date empty instead. A date outside these years already in a
notebook file (written by hand, or by an older infoview) is shown as it is, left out of the
iCalendar export with a note, and reported by ``infoview check``."""

RANGE_HINT = f"use a date in the years {MIN_YEAR} to {MAX_YEAR}"


def in_range(moment: date) -> bool:
    """Whether ``moment`` (a date or datetime) falls in the years infoview accepts."""
    return MIN_YEAR <= moment.year <= MAX_YEAR


def stored_in_range(text: str) -> bool:
    """Whether a stored date or date-time text is blank or parses within the accepted years
    (a text that does not parse at all is not this function's business: True)."""
    if not text:
        return True
    try:
        parsed: date = datetime.fromisoformat(text)
    except ValueError:
        return True
    return in_range(parsed)


def shift(moment: datetime, delta: timedelta) -> datetime:
    """``moment + delta``, held at the first or last moment of the calendar instead of raising
    OverflowError (a stored date at 9999-12-31 plus a two-day deadline)."""
    try:
        return moment + delta
    except OverflowError:
        edge = datetime.max if delta > timedelta(0) else datetime.min
        return edge.replace(tzinfo=moment.tzinfo)


def local_now(now: datetime) -> datetime:
    """``now`` (aware) as naive local time. A stored moment so near the end of the calendar
    that the local time zone would push it past it is kept as it reads, in its own zone."""
    try:
        return now.astimezone().replace(tzinfo=None)
    except (OverflowError, ValueError):
        return now.replace(tzinfo=None)


def local_today(now: datetime) -> date:
    """The user's calendar day at ``now`` (aware). Every date infoview shows or stores (last
    contact, next action, thanked, overdue) is a local day: the UTC day is tomorrow for a user
    west of Greenwich in the evening."""
    return now.astimezone().date()


def iso_now(now: datetime) -> str:
    """A timestamp as stored: UTC, seconds precision."""
    return now.astimezone(UTC).replace(microsecond=0).isoformat()


def check_date(field: str, value: str) -> str:
    """Return ``value`` normalised to YYYY-MM-DD, or "" if blank; raise if it does not parse
    or falls outside the years MIN_YEAR to MAX_YEAR."""
    value = value.strip()
    if not value:
        return ""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date; use YYYY-MM-DD") from None
    if not in_range(day):
        raise ValidationError(field, _out_of_range(value))
    return day.isoformat()


def check_datetime(field: str, value: str) -> str:
    """Return ``value`` as an ISO-8601 datetime string, or "" if blank; raise if unparseable
    or outside the years MIN_YEAR to MAX_YEAR."""
    value = value.strip()
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            field, f"{value!r} is not a date and time; use YYYY-MM-DD HH:MM"
        ) from None
    if not in_range(moment):
        raise ValidationError(field, _out_of_range(value))
    return moment.isoformat()


def _out_of_range(value: str) -> str:
    return f"{value!r} is out of range: {RANGE_HINT} (for no date, leave it empty)"
