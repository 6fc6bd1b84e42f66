"""A conversation with a contact, planned or held."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import ClassVar

from .dates import check_datetime
from .errors import ValidationError
from .record import Record, clean_line, clean_text, set_field

MIN_MINUTES = 5
MAX_MINUTES = 90
DEFAULT_MINUTES = 30


class Mode(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"


class Status(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Interview(Record):
    TABLE: ClassVar[str] = "interviews"

    contact_id: int
    when: str = ""
    mode: Mode = Mode.VIDEO
    agreed_minutes: int = DEFAULT_MINUTES
    place: str = ""
    status: Status = Status.PLANNED
    notes: str = ""
    question_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        set_field(self, "when", check_datetime("when", self.when))
        set_field(self, "place", clean_line("place", self.place))
        set_field(self, "notes", clean_text("notes", self.notes))
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
