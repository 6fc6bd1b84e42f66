"""The markdown notes editor: a TextArea with highlighting that reports each edit upward."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from ..model import Contact


def title(contact: Contact | None) -> str:
    return f"Notes: {contact.name}" if contact else "Notes"


class NotesEditor(TextArea):
    """Edits one contact's notes at a time; posts ``Edited`` for every change the user makes."""

    BINDINGS = [Binding("escape", "leave", "Back to the list")]

    @dataclass
    class Edited(Message):
        contact_id: int
        text: str

    def __init__(self, contact: Contact | None, *, id: str | None = None) -> None:
        super().__init__(
            contact.notes if contact else "",
            language="markdown",
            soft_wrap=True,
            tab_behavior="indent",
            id=id,
        )
        self.contact_id = contact.id if contact else None
        self.disabled = contact is None
        self.border_title = title(contact)

    def show(self, contact: Contact | None) -> None:
        """Load a contact's notes without reporting it as an edit."""
        self.border_title = title(contact)
        contact_id = contact.id if contact else None
        text = contact.notes if contact else ""
        if contact_id == self.contact_id and text == self.text:
            return
        self.contact_id = contact_id
        self.disabled = contact is None
        with self.prevent(TextArea.Changed):
            self.load_text(text)

    class Escaped(Message):
        """Escape was pressed: the user is done writing for now."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            event.prevent_default()  # TextArea would move focus to the next widget
            self.action_leave()

    def action_leave(self) -> None:
        self.post_message(self.Escaped())

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.contact_id is not None:
            self.post_message(self.Edited(self.contact_id, self.text))
