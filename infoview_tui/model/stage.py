"""Where a contact stands in the networking pipeline."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    TO_RESEARCH = "to_research"
    TO_CONTACT = "to_contact"
    REACHED_OUT = "reached_out"
    SCHEDULED = "scheduled"
    INTERVIEWED = "interviewed"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping_in_touch"
    NO_REPLY = "no_reply"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def glyph(self) -> str:
        """A mark that tells the stage apart without colour."""
        return _GLYPHS[self]


_LABELS = {
    Stage.TO_RESEARCH: "to research",
    Stage.TO_CONTACT: "to contact",
    Stage.REACHED_OUT: "reached out",
    Stage.SCHEDULED: "scheduled",
    Stage.INTERVIEWED: "interviewed",
    Stage.THANKED: "thanked",
    Stage.KEEPING_IN_TOUCH: "keeping in touch",
    Stage.NO_REPLY: "no reply",
    Stage.DECLINED: "declined",
}

_GLYPHS = {
    Stage.TO_RESEARCH: "?",
    Stage.TO_CONTACT: "○",
    Stage.REACHED_OUT: "→",
    Stage.SCHEDULED: "◷",
    Stage.INTERVIEWED: "●",
    Stage.THANKED: "♥",
    Stage.KEEPING_IN_TOUCH: "∞",
    Stage.NO_REPLY: "…",
    Stage.DECLINED: "×",
}

PIPELINE: tuple[Stage, ...] = tuple(Stage)[:7]
"""The main path, in order; NO_REPLY and DECLINED are side exits."""
