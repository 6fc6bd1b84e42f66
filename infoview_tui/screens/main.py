"""The main screen: contact list | the selected contact's details | that contact's notes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from ..model import Contact
from ..notebook import Deleted, Notebook
from ..widgets.contact_detail import ContactDetail, ContactView
from ..widgets.contact_list import ContactList
from ..widgets.notes_editor import NotesEditor
from .confirm import ConfirmScreen
from .contact_form import ContactForm


def haystack(contact: Contact) -> str:
    """The text a search looks in, case-folded."""
    return "\n".join(
        (
            contact.name,
            contact.organization,
            contact.role,
            " ".join(contact.tags),
            contact.notes,
            contact.research_notes,
        )
    ).casefold()


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "add_contact", "Add"),
        Binding("e", "edit_contact", "Edit"),
        Binding("d", "delete_contact", "Delete"),
        Binding("u", "undo_delete", "Undo delete"),
        Binding("slash", "search", "Search"),
        Binding("n", "focus_notes", "Notes"),
        Binding("escape", "focus_list", "List"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = "#contacts"

    detail: reactive[ContactView | None] = reactive(None)

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook
        self.last_deleted: Deleted | None = None
        self._hay: dict[int, tuple[Contact, str]] = {}

    @property
    def today(self):  # type: ignore[no-untyped-def]
        return self.notebook.clock().date()

    def compose(self) -> ComposeResult:
        # Everything the first frame shows is decided here, so it paints complete at once.
        rows = self.visible_contacts("")
        first = rows[0] if rows else None
        self.set_reactive(MainScreen.detail, self.view_of(first))
        yield Header()
        with Container(id="panes"):
            with Vertical(id="left") as left:
                left.border_title = "Contacts"
                left.border_subtitle = self.count_label(len(rows))
                yield Input(placeholder="/ search", id="search", compact=True)
                yield ContactList(rows, today=self.today, id="contacts")
            with Container(id="right"):
                detail = ContactDetail(id="detail").data_bind(view=MainScreen.detail)
                detail.border_title = "Details"
                yield detail
                yield NotesEditor(first, id="notes")
        yield Footer()

    def on_mount(self) -> None:
        for widget in self.query("Input, TextArea"):
            widget.cursor_blink = self.app.cursor_blink  # type: ignore[attr-defined]

    # ----- state down ---------------------------------------------------------------------

    def visible_contacts(self, query: str) -> list[Contact]:
        """The contacts matching ``query`` (case-folded substring), sorted by name."""
        query = query.strip().casefold()
        contacts = self.notebook.contacts.values()
        if query:
            contacts = [c for c in contacts if query in self._haystack(c)]
        return sorted(contacts, key=lambda c: (c.name.casefold(), c.id))

    def count_label(self, shown: int) -> str:
        total = len(self.notebook.contacts)
        return f"{shown} of {total}" if shown != total else f"{total}"

    def _haystack(self, contact: Contact) -> str:
        cached = self._hay.get(contact.id)
        if cached is None or cached[0] is not contact:
            cached = (contact, haystack(contact))
            self._hay[contact.id] = cached
        return cached[1]

    def refresh_list(self, keep: int | None = None) -> None:
        contacts = self.query_one(ContactList)
        if keep is None and contacts.current is not None:
            keep = contacts.current.id
        rows = self.visible_contacts(self.query_one("#search", Input).value)
        contacts.set_rows(rows, keep=keep)
        self.query_one("#left").border_subtitle = self.count_label(len(rows))
        self.show_contact(contacts.current.id if contacts.current else None)

    def view_of(self, contact: Contact | None) -> ContactView | None:
        if contact is None:
            return None
        referrer = self.notebook.contacts.get(contact.referred_by) if contact.referred_by else None
        return ContactView(
            contact=contact,
            referrer=referrer.name if referrer else "",
            referrals=tuple(c.name for c in self.notebook.referrals_of(contact.id)),
            interviews=tuple(self.notebook.interviews_of(contact.id)),
            today=self.today,
        )

    def show_contact(self, contact_id: int | None) -> None:
        contact = self.notebook.contacts.get(contact_id) if contact_id else None
        self.detail = self.view_of(contact)
        self.query_one(NotesEditor).show(contact)

    # ----- messages up --------------------------------------------------------------------

    @on(ContactList.Highlighted)
    def _highlighted(self, event: ContactList.Highlighted) -> None:
        self.show_contact(event.contact_id)

    @on(ContactList.Selected)
    def _selected(self, event: ContactList.Selected) -> None:
        self.action_focus_notes()

    @on(NotesEditor.Edited)
    def _notes_edited(self, event: NotesEditor.Edited) -> None:
        if event.contact_id in self.notebook.contacts:
            self.notebook.set_contact_notes(event.contact_id, event.text)

    @on(NotesEditor.Escaped)
    def _notes_escaped(self) -> None:
        self.action_focus_list()

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(ContactList).focus()

    # ----- actions ------------------------------------------------------------------------

    def current(self) -> Contact | None:
        return self.query_one(ContactList).current

    def action_add_contact(self) -> None:
        self.app.push_screen(ContactForm(self.notebook), self._form_closed)

    def action_edit_contact(self) -> None:
        contact = self.current()
        if contact is None:
            self.notify("No contact selected", severity="warning")
            return
        self.app.push_screen(ContactForm(self.notebook, contact), self._form_closed)

    def _form_closed(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.refresh_list(keep=contact_id)
            self.notify(f"Saved {self.notebook.contacts[contact_id].name}")
        self.query_one(ContactList).focus()

    def action_delete_contact(self) -> None:
        contact = self.current()
        if contact is None:
            self.notify("No contact selected", severity="warning")
            return
        count = len(self.notebook.interviews_of(contact.id))
        extra = f" and {count} interview{'s' if count != 1 else ''}" if count else ""
        question = f"Delete {contact.name}{extra}?\nYou can undo with u."

        def answered(yes: bool | None) -> None:
            if yes:
                self.last_deleted = self.notebook.delete_contact(contact.id)
                self.refresh_list()
                self.notify(f"Deleted {contact.name}. Press u to undo.")

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    def action_undo_delete(self) -> None:
        if self.last_deleted is None:
            self.notify("Nothing to undo", severity="warning")
            return
        contact = self.notebook.undo_delete(self.last_deleted)
        self.last_deleted = None
        self.refresh_list(keep=contact.id)
        self.notify(f"Restored {contact.name}")

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_notes(self) -> None:
        if self.current() is not None:
            self.query_one(NotesEditor).focus()

    def action_focus_list(self) -> None:
        self.query_one(ContactList).focus()
