"""What to do next with a contact, by stage: the default next action and its date."""

from __future__ import annotations

from datetime import date, timedelta

from .contact import Contact
from .settings import Settings
from .stage import PIPELINE, Stage

NEXT_ACTION: dict[Stage, str] = {
    Stage.TO_RESEARCH: "Look into their path and their organisation",
    Stage.TO_CONTACT: "Write to ask for 20-30 minutes",
    Stage.REACHED_OUT: "Follow up if there is no reply",
    Stage.SCHEDULED: "Prepare the questions and the introduction",
    Stage.INTERVIEWED: "Send a thank-you note",
    Stage.THANKED: "Check in and tell them what came of their advice",
    Stage.KEEPING_IN_TOUCH: "Check in",
    Stage.NO_REPLY: "Try once more, or let it go",
    Stage.DECLINED: "",
}


def default_next_action(stage: Stage, today: date, settings: Settings) -> tuple[str, str]:
    """The next action text and its date (YYYY-MM-DD, or "" for none) for ``stage``."""
    days = settings.follow_up_days.get(stage)
    when = (today + timedelta(days=days)).isoformat() if days is not None else ""
    return NEXT_ACTION[stage], when


def next_stage(stage: Stage) -> Stage:
    """One step along the pipeline; the side exits (no reply, declined) go back to it."""
    if stage in (Stage.NO_REPLY, Stage.DECLINED):
        return Stage.REACHED_OUT
    index = PIPELINE.index(stage)
    return PIPELINE[min(index + 1, len(PIPELINE) - 1)]


def is_overdue(next_action_date: str, today: date) -> bool:
    return bool(next_action_date) and next_action_date < today.isoformat()


def logged_message(contact: Contact) -> str:
    """What the user is told after logging a contact with someone today."""
    when = f"; next follow-up {contact.next_action_date}" if contact.next_action_date else ""
    return f"Logged contact with {contact.name} today{when}"
