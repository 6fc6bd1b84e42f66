"""The user's settings, kept in the notebook's meta table (a plain dict on disk)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .stage import Stage

DEFAULT_FOLLOW_UP_DAYS: dict[Stage, int] = {
    Stage.TO_RESEARCH: 3,
    Stage.TO_CONTACT: 3,
    Stage.REACHED_OUT: 7,
    Stage.SCHEDULED: 1,
    Stage.INTERVIEWED: 1,
    Stage.THANKED: 30,
    Stage.KEEPING_IN_TOUCH: 60,
    Stage.NO_REPLY: 30,
}
"""Days until the next action, by the stage a contact is in (DECLINED has none)."""


@dataclasses.dataclass(frozen=True)
class Settings:
    follow_up_days: Mapping[Stage, int] = dataclasses.field(
        default_factory=lambda: dict(DEFAULT_FOLLOW_UP_DAYS)
    )

    @classmethod
    def from_meta(cls, stored: Mapping[str, Any]) -> Settings:
        """Read settings leniently: a missing or unusable value falls back to its default."""
        days = dict(DEFAULT_FOLLOW_UP_DAYS)
        for key, value in dict(stored.get("follow_up_days") or {}).items():
            try:
                stage = Stage(key)
            except ValueError:
                continue
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3650:
                days[stage] = value
        return cls(follow_up_days=days)
