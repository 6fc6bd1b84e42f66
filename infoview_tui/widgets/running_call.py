"""A line saying that a call is running, how long is left, and the key back to it.

Shown at the top of the contact list and of Today while a call runs (the call keeps running
when the user leaves its screen); hidden otherwise. It reads the time left from the stored
timestamps, like the call screen, and redraws once a second while its screen is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from textual.message import Message
from textual.widgets import Static

from ..model import Contact, Interview
from ..model import call as clock

MARK = "◉"
"""The running call's mark, here and on its contact's row in the list."""
REFRESH_SECONDS = 1.0


class CallSource(Protocol):
    """What the line reads (the screens give it their Notebook)."""

    @property
    def contacts(self) -> Mapping[int, Contact]: ...

    def active_call(self) -> Interview | None: ...

    def clock(self) -> datetime: ...


def running_text(notebook: CallSource) -> tuple[int | None, str]:
    """The contact of the running call and the line about it ("" when no call runs)."""
    interview = notebook.active_call()
    if interview is None or interview.call is None:
        return None, ""
    contact = notebook.contacts.get(interview.contact_id)
    name = contact.name if contact else "someone"
    left = clock.remaining(interview.call, interview.agreed_minutes, notebook.clock())
    if left < 0:
        time = f"{clock.format_clock(left)} over time"
    else:
        time = f"{clock.format_clock(left)} left"
    if clock.is_paused(interview.call):
        time += ", paused"
    return interview.contact_id, f"{MARK} Call with {name} running ({time}) · c: back to the call"


class RunningCall(Static):
    """Posts ``Changed`` when the call that runs starts, ends or is another one."""

    @dataclass
    class Changed(Message):
        contact_id: int | None
        """The contact of the running call, None when no call runs."""

    def __init__(self, notebook: CallSource, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.notebook = notebook
        self.contact_id: int | None = None
        self.text = ""
        """What the line shows now ("" while no call runs)."""
        self.display = False

    def on_mount(self) -> None:
        self.show_call()
        self.set_interval(REFRESH_SECONDS, self._tick)

    def _tick(self) -> None:
        if self.screen.is_current:
            self.show_call()

    def show_call(self) -> None:
        """Read the notebook again (the screen calls it when it is shown again)."""
        contact_id, text = running_text(self.notebook)
        if text != self.text:  # an update lays the screen out again: only on a change
            self.text = text
            self.display = bool(text)
            self.update(text)
        if contact_id != self.contact_id:
            self.contact_id = contact_id
            self.post_message(self.Changed(contact_id))
