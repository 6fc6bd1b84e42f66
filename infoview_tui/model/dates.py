"""Parsing and formatting of the dates we store (ISO-8601 strings)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from .errors import ValidationError


def local_now(now: datetime) -> datetime:
    """``now`` (aware) as naive local time."""
    return now.astimezone().replace(tzinfo=None)


def local_today(now: datetime) -> date:
    """The user's calendar day at ``now`` (aware). Every date infoview shows or stores (last
    contact, next action, thanked, overdue) is a local day: the UTC day is tomorrow for a user
    west of Greenwich in the evening."""
    return now.astimezone().date()


def iso_now(now: datetime) -> str:
    """A timestamp as stored: UTC, seconds precision."""
    return now.astimezone(UTC).replace(microsecond=0).isoformat()


def check_date(field: str, value: str) -> str:
    """Return ``value`` normalised to YYYY-MM-DD, or "" if blank; raise if it does not parse."""
    value = value.strip()
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date; use YYYY-MM-DD") from None


def check_datetime(field: str, value: str) -> str:
    """Return ``value`` as an ISO-8601 datetime string, or "" if blank; raise if unparseable."""
    value = value.strip()
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise ValidationError(
            field, f"{value!r} is not a date and time; use YYYY-MM-DD HH:MM"
        ) from None
