"""A conversation with a contact, planned or held."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar, Self

from .call import CallState
from .dates import RANGE_HINT, check_date, check_datetime, in_range, local_now, shift
from .errors import ValidationError
from .record import Record, clean_line, clean_text, set_field

MIN_MINUTES = 5
MAX_MINUTES = 90
DEFAULT_MINUTES = 30


class Mode(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"


MODE_LABELS = {Mode.PHONE: "phone call", Mode.VIDEO: "video call", Mode.IN_PERSON: "in person"}
"""How a mode reads in a sentence ("30 minutes, video call")."""


class Status(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
    MISSED = "missed"
    """Planned, and it did not happen (no-show, forgotten): kept so the record says so."""


NOT_HELD = (Status.CANCELLED, Status.MISSED)
"""Statuses of a call that will not happen: left out of Today, the funnel and the thanks."""


OPENING_KEY = "opening"
CLOSING_KEYS = ("closing-again", "closing-names", "closing-thanks")
"""Agenda keys of the items every call gets: the opening reminder and the closing asks."""


class ItemState(StrEnum):
    OPEN = "open"
    ASKED = "asked"
    SKIPPED = "skipped"


@dataclasses.dataclass(frozen=True, kw_only=True)
class AgendaItem:
    """One question on an interview's agenda: its own copy of the text, so later edits to
    the question bank never change what was planned or asked."""

    text: str
    must_ask: bool = False
    key: str = ""
    """Where it came from: a bank key, "q<id>" for the user's own question, "" if typed in."""
    state: ItemState = ItemState.OPEN

    def __post_init__(self) -> None:
        set_field(self, "text", clean_line("agenda", self.text, required=True))
        if not isinstance(self.must_ask, bool):
            raise ValidationError("agenda", "must_ask must be true or false")
        set_field(self, "key", clean_line("agenda", self.key))
        try:
            set_field(self, "state", ItemState(self.state))
        except ValueError:
            raise ValidationError("agenda", f"{self.state!r} is not an item state") from None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "must_ask": self.must_ask,
            "key": self.key,
            "state": self.state.value,
        }

    @classmethod
    def from_dict(cls, data: object) -> AgendaItem:
        if isinstance(data, AgendaItem):
            return data
        if not isinstance(data, dict):
            raise ValidationError("agenda", "each agenda item must be an object")
        known = {k: v for k, v in data.items() if k in ("text", "must_ask", "key", "state")}
        return cls(**known)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Interview(Record):
    TABLE: ClassVar[str] = "interviews"
    STORED_AS_IS: ClassVar[tuple[str, ...]] = ("when", "thanked")

    contact_id: int
    when: str = ""
    """Planned for: the local date and time the call was scheduled ("" for an unplanned call
    started there and then). When it was really held is the call's own start and end
    (``call``): see ``held_start``, ``held_end`` and ``moment``."""
    mode: Mode = Mode.VIDEO
    agreed_minutes: int = DEFAULT_MINUTES
    place: str = ""
    status: Status = Status.PLANNED
    notes: str = ""
    agenda: tuple[AgendaItem, ...] = ()
    pitch: str = ""
    """A variant of the user's introduction for this interview ("" = use the default)."""
    call: CallState | None = None
    """The live call's timestamps (start, pauses, extensions, end), once it has started."""
    debrief: str = ""
    """What the user wrote down after the call (markdown, sections from ``model.debrief``)."""
    thanked: str = ""
    """The date (YYYY-MM-DD) the thank-you note was sent, "" while it is still to send."""
    rescheduled_from: tuple[str, ...] = ()
    """The times it was planned for before it was moved (oldest first)."""

    def __post_init__(self) -> None:
        set_field(self, "when", check_datetime("when", self.when))
        if isinstance(self.rescheduled_from, str) or not isinstance(
            self.rescheduled_from, (tuple, list)
        ):
            raise ValidationError("rescheduled_from", "must be a list")
        set_field(
            self,
            "rescheduled_from",
            tuple(check_datetime("rescheduled_from", w) for w in self.rescheduled_from),
        )
        if isinstance(self.agenda, str) or not isinstance(self.agenda, (tuple, list)):
            raise ValidationError("agenda", "must be a list")
        set_field(self, "agenda", tuple(AgendaItem.from_dict(item) for item in self.agenda))
        set_field(self, "pitch", clean_text("pitch", self.pitch))
        if self.call is not None:
            set_field(self, "call", CallState.from_dict(self.call))
        set_field(self, "place", clean_line("place", self.place))
        set_field(self, "notes", clean_text("notes", self.notes))
        set_field(self, "debrief", clean_text("debrief", self.debrief))
        set_field(self, "thanked", check_date("thanked", self.thanked))
        try:
            set_field(self, "mode", Mode(self.mode))
        except ValueError:
            raise ValidationError(
                "mode", f"{self.mode!r} is not phone, video or in_person"
            ) from None
        try:
            set_field(self, "status", Status(self.status))
        except ValueError:
            raise ValidationError("status", f"{self.status!r} is not a status") from None
        minutes = self.agreed_minutes
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise ValidationError("agreed_minutes", "must be a whole number of minutes")
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise ValidationError(
                "agreed_minutes", f"must be between {MIN_MINUTES} and {MAX_MINUTES}"
            )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """As Record.from_dict, and a call's timestamps must be in the accepted years (only
        here, where records enter from a file: the call clock writes real times itself)."""
        interview = super().from_dict(data)
        if interview.call is not None:
            _check_call_range(interview.call)
        return interview

    # ----- planned for, held at ----------------------------------------------------------

    @property
    def running(self) -> bool:
        """Its call has started and not ended."""
        return self.call is not None and not self.call.ended

    @property
    def held_start(self) -> datetime | None:
        """When the call really started (local time), None if it never started."""
        return None if self.call is None else local_now(self.call.started_at)

    @property
    def held_end(self) -> datetime | None:
        """When the call really ended (local time), None while it runs or if it never ran."""
        if self.call is None or self.call.ended_at is None:
            return None
        return local_now(self.call.ended_at)

    @property
    def planned_for(self) -> datetime | None:
        """The time it was planned for (local), None if unplanned or unreadable."""
        return planned_time(self.when)

    @property
    def moment(self) -> datetime | None:
        """The time that is meant when one time stands for the interview: when it was held
        (its call's start) once it started, else when it is planned for."""
        return self.held_start or self.planned_for


def planned_time(when: str) -> datetime | None:
    """A stored ``when`` as naive local time (None if blank or not a date and time)."""
    if not when:
        return None
    try:
        parsed = datetime.fromisoformat(when)
    except ValueError:
        return None
    return local_now(parsed) if parsed.tzinfo is not None else parsed


def planned_is_past(interview: Interview, now: datetime) -> bool:
    """A planned call that has not started although its agreed time is over: "not held yet /
    missed?" (``now`` aware). A call is not past while it could still be starting late."""
    if interview.status is not Status.PLANNED or interview.call is not None:
        return False
    planned = interview.planned_for
    if planned is None:
        return False
    return local_now(now) >= shift(planned, timedelta(minutes=interview.agreed_minutes))


def _check_call_range(call: CallState) -> None:
    """A call's timestamps in the years infoview accepts (see model/dates.py)."""
    stamps = [call.started_at, call.ended_at]
    for pause in call.pauses:
        stamps += [pause.started_at, pause.ended_at]
    for stamp in stamps:
        if stamp is not None and not in_range(stamp):
            raise ValidationError("call", f"{stamp.isoformat()!r} is out of range: {RANGE_HINT}")


def recency_key(interview: Interview) -> tuple[bool, str, int]:
    """Sort key for "newest first" (with ``reverse=True``): by when it was held, or else
    planned for (``moment``); interviews with neither last."""
    moment = interview.moment
    return (moment is not None, moment.isoformat() if moment else "", interview.id)
