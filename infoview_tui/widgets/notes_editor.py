"""The contact notes pane: the one markdown editor, reporting each edit with the contact's id."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message

from ..model import Contact
from ..model.visible import visible
from .markdown_editor import MarkdownEditor


def title(contact: Contact | None) -> str:
    return f"Notes: {contact.name}" if contact else "Notes"


class NotesEditor(MarkdownEditor):
    """Edits one contact's notes at a time; posts ``Edited`` for every change the user makes
    and ``Escaped`` (the editor's own message) when the user presses escape."""

    BINDINGS = [Binding("escape", "escape", "Back to the list", id="notes_editor.escape")]

    @dataclass
    class Edited(Message):
        contact_id: int
        text: str

    def __init__(self, contact: Contact | None, *, id: str | None = None) -> None:
        super().__init__(contact.notes if contact else "", title=title(contact), id=id)
        self.contact_id = contact.id if contact else None
        self.disabled = contact is None

    def show(self, contact: Contact | None) -> None:
        """Load a contact's notes without reporting it as an edit."""
        self.border_title = title(contact)
        contact_id = contact.id if contact else None
        text = contact.notes if contact else ""
        if contact_id == self.contact_id and visible(text) == self.text:
            return
        self.contact_id = contact_id
        self.disabled = contact is None
        self.load(text)

    @on(MarkdownEditor.Changed)
    def _edited(self, event: MarkdownEditor.Changed) -> None:
        if event.editor is not self:
            return
        event.stop()
        if self.contact_id is not None:
            self.post_message(self.Edited(self.contact_id, event.text))
