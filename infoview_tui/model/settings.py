"""The user's settings and profile, kept in the notebook's meta table (a plain dict on disk).

Reading is lenient: a missing or unusable value falls back to its default, so a hand-edited
settings block never stops the notebook from opening.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
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

LENGTH_PRESETS = (20, 30, 10)
"""Agreed lengths offered first: 20 or 30 minutes, 10 for a phone call."""


@dataclasses.dataclass(frozen=True)
class Settings:
    name: str = ""
    background: str = ""
    """One line about who the user is, for introductions and outreach."""
    signature: str = ""
    pitch: str = ""
    """The default 15-30 second introduction."""
    default_minutes: int = 30
    closing_minutes: int = 4
    """Minutes kept at the end of a call for the closing asks."""
    thank_you_days: int = 2
    """Days after a call by which the thank-you note should have gone out."""
    losing_touch_weeks: int = 8
    """Weeks without contact after which someone you talked to shows as "losing touch"."""
    bell: bool = False
    """Ring the terminal bell at closing time and when the agreed time is up (off by default)."""
    follow_up_days: Mapping[Stage, int] = dataclasses.field(
        default_factory=lambda: dict(DEFAULT_FOLLOW_UP_DAYS)
    )
    theme: str = ""
    agenda_templates: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    template_must_ask: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """By template name, the texts of its questions marked must-ask (★). Kept beside
    ``agenda_templates`` (stored as ``agenda_template_must_ask``) so the older layout, a plain
    list of texts per template, still reads."""
    retired_questions: frozenset[str] = frozenset()
    """Keys of built-in bank questions the user retired."""

    def must_ask_with(self, template: str, texts: Iterable[str]) -> dict[str, list[str]]:
        """The stored ``agenda_template_must_ask`` value once ``template``'s must-ask questions
        are ``texts`` (JSON-native, sorted for a stable file)."""
        stored = {name: sorted(must) for name, must in self.template_must_ask.items()}
        stored[template.strip()] = sorted(set(texts))
        return stored

    @classmethod
    def from_meta(cls, stored: Mapping[str, Any]) -> Settings:
        days = dict(DEFAULT_FOLLOW_UP_DAYS)
        for key, value in dict(_mapping(stored.get("follow_up_days"))).items():
            try:
                stage = Stage(key)
            except ValueError:
                continue
            if _int_in(value, 0, 3650):
                days[stage] = value
        templates = {
            str(name): tuple(t for t in texts if isinstance(t, str))
            for name, texts in _mapping(stored.get("agenda_templates")).items()
            if isinstance(texts, list)
        }
        must_ask = {
            str(name): frozenset(t for t in texts if isinstance(t, str))
            for name, texts in _mapping(stored.get("agenda_template_must_ask")).items()
            if isinstance(texts, list) and name in templates
        }
        retired = stored.get("retired_questions")
        defaults = cls()
        return cls(
            name=_text(stored.get("name")),
            background=_text(stored.get("background")),
            signature=_text(stored.get("signature")),
            pitch=_text(stored.get("pitch")),
            default_minutes=_int(stored.get("default_minutes"), 5, 90, defaults.default_minutes),
            closing_minutes=_int(stored.get("closing_minutes"), 0, 30, defaults.closing_minutes),
            thank_you_days=_int(stored.get("thank_you_days"), 1, 14, defaults.thank_you_days),
            losing_touch_weeks=_int(
                stored.get("losing_touch_weeks"), 1, 104, defaults.losing_touch_weeks
            ),
            bell=stored.get("bell") is True,
            follow_up_days=days,
            theme=_text(stored.get("theme")),
            agenda_templates=templates,
            template_must_ask=must_ask,
            retired_questions=frozenset(r for r in retired if isinstance(r, str))
            if isinstance(retired, list)
            else frozenset(),
        )


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int_in(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _int(value: Any, low: int, high: int, default: int) -> int:
    return value if _int_in(value, low, high) else default
