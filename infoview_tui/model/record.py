"""What every stored record shares: an id, timestamps, and a JSON form."""

from __future__ import annotations

import dataclasses
import functools
import json
from enum import Enum
from functools import cached_property
from typing import Any, ClassVar, Self

from .errors import ValidationError

MAX_SHORT = 500
"""Longest one-line field (a name, an organisation); a huge paste gets a clear error."""
MAX_TEXT = 2_000_000
"""Longest markdown field (2 MB of notes on one record)."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class Record:
    """Base of the stored records. ``id`` is the TinyDB document id within its table."""

    TABLE: ClassVar[str] = ""

    id: int = 0
    created: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-native values (lists, not tuples; strings, not enums)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Enum):
                value = value.value
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build from stored values; unknown keys are ignored, missing ones take defaults."""
        names = _field_names(cls)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key in names:
                kwargs[key] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)

    @cached_property
    def json(self) -> str:
        """The record serialised once; records are immutable, so it never goes stale."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


@functools.cache
def _field_names(cls: type[Record]) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def clean_line(field: str, value: object, *, required: bool = False) -> str:
    """Check a one-line text field: a string, stripped, not too long, not blank if required."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    value = value.strip()
    if required and not value:
        raise ValidationError(field, "cannot be empty")
    if len(value) > MAX_SHORT:
        raise ValidationError(field, f"is {len(value):,} characters long; the limit is {MAX_SHORT}")
    if "\n" in value or "\r" in value:
        raise ValidationError(field, "must fit on one line")
    return value


def clean_text(field: str, value: object) -> str:
    """Check a markdown text field: a string under the size limit."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    if len(value) > MAX_TEXT:
        raise ValidationError(
            field, f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}"
        )
    return value


def clean_items(field: str, value: object) -> tuple[str, ...]:
    """Check a list field (emails, phones, tags): a list of one-line strings, blanks dropped."""
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError(field, "must be a list")
    return tuple(
        clean_line(field, item) for item in value if not isinstance(item, str) or item.strip()
    )


def set_field(record: Record, name: str, value: object) -> None:
    """Normalise a field of a frozen record during ``__post_init__``."""
    object.__setattr__(record, name, value)
