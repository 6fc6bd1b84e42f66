"""The markdown notes editor: a TextArea with highlighting that reports each edit upward."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea


class NotesEditor(TextArea):
    """Edits one contact's notes at a time; posts ``Edited`` for every change the user makes."""

    @dataclass
    class Edited(Message):
        contact_id: int
        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(language="markdown", soft_wrap=True, tab_behavior="indent", id=id)
        self.contact_id: int | None = None

    def show(self, contact_id: int | None, text: str) -> None:
        """Load a contact's notes without reporting it as an edit."""
        if contact_id == self.contact_id and text == self.text:
            return
        self.contact_id = contact_id
        self.disabled = contact_id is None
        with self.prevent(TextArea.Changed):
            self.load_text(text)

    class Escaped(Message):
        """Escape was pressed: the user is done writing for now."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            event.prevent_default()  # TextArea would move focus to the next widget
            self.post_message(self.Escaped())

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.contact_id is not None:
            self.post_message(self.Edited(self.contact_id, self.text))
