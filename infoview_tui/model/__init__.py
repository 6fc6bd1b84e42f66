"""Pure data and rules: no Textual, no files."""

from .clock import Clock, FrozenClock, system_clock
from .contact import Contact, contact_errors, split_list
from .errors import ValidationError
from .interview import AgendaItem, Interview, ItemState, Mode, Status
from .question import Question
from .record import Record
from .stage import PIPELINE, Stage

__all__ = [
    "PIPELINE",
    "AgendaItem",
    "Clock",
    "Contact",
    "FrozenClock",
    "Interview",
    "ItemState",
    "Mode",
    "Question",
    "Record",
    "Stage",
    "Status",
    "ValidationError",
    "contact_errors",
    "split_list",
    "system_clock",
]
