"""A conversation with a contact, planned or held."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Any, ClassVar, Self

from .call import CallState
from .dates import RANGE_HINT, check_date, check_datetime, in_range
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

    def __post_init__(self) -> None:
        set_field(self, "when", check_datetime("when", self.when))
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


def _check_call_range(call: CallState) -> None:
    """A call's timestamps in the years infoview accepts (see model/dates.py)."""
    stamps = [call.started_at, call.ended_at]
    for pause in call.pauses:
        stamps += [pause.started_at, pause.ended_at]
    for stamp in stamps:
        if stamp is not None and not in_range(stamp):
            raise ValidationError("call", f"{stamp.isoformat()!r} is out of range: {RANGE_HINT}")


def recency_key(interview: Interview) -> tuple[bool, str, int]:
    """Sort key for "newest first" (with ``reverse=True``): unscheduled interviews last."""
    return (interview.when != "", interview.when, interview.id)
