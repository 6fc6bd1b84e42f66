"""A question in the user's bank."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from .record import Record, clean_items, clean_line, set_field


@dataclasses.dataclass(frozen=True, kw_only=True)
class Question(Record):
    TABLE: ClassVar[str] = "questions"

    text: str
    topic: str = ""
    tags: tuple[str, ...] = ()
    retired: bool = False
    builtin: bool = False

    def __post_init__(self) -> None:
        set_field(self, "text", clean_line("text", self.text, required=True))
        set_field(self, "topic", clean_line("topic", self.topic))
        set_field(self, "tags", clean_items("tags", self.tags))


@dataclasses.dataclass(frozen=True)
class BankEntry:
    """A question the user can put on an agenda: built in, or one of their own."""

    key: str
    """A built-in question's slug, or "q<id>" for a question in the questions table."""
    topic: str
    text: str
    builtin: bool
    tags: tuple[str, ...] = ()


def user_key(question_id: int) -> str:
    return f"q{question_id}"
