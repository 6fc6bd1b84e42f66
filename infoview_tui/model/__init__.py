"""Pure data and rules: no Textual, no files."""

from .clock import Clock, FrozenClock, system_clock
from .contact import Contact, contact_errors, split_list
from .errors import ValidationError
from .interview import Interview, Mode, Status
from .question import Question
from .record import Record
from .stage import PIPELINE, Stage

__all__ = [
    "PIPELINE",
    "Clock",
    "Contact",
    "FrozenClock",
    "Interview",
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
