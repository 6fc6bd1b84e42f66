"""Add or edit a contact in a modal form; every field error is shown beside its field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from ..model import Contact, Stage, ValidationError, contact_errors, split_list
from ..notebook import Notebook
from ..widgets.completing_input import CompletingInput
from ..widgets.field_errors import show_field_errors
from ..widgets.key_footer import KeyFooter
from ..widgets.markdown_editor import MarkdownEditor

# (field, label, placeholder)
LINE_FIELDS: list[tuple[str, str, str]] = [
    ("name", "Name *", "Full name"),
    ("role", "Role", "Job title"),
    ("organization", "Organization", ""),
    ("field", "Field", "Industry or field"),
    ("location", "Location", ""),
    ("emails", "Emails", "comma-separated"),
    ("phones", "Phones", "comma-separated"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/in/..."),
    ("how_we_met", "How we met", "alumni, event, LinkedIn, colleague..."),
    ("referred_by", "Referred by", "name of another contact"),
    ("tags", "Tags", "comma-separated"),
    ("next_action", "Next action", ""),
    ("next_action_date", "Next action date", "YYYY-MM-DD"),
    ("last_contact", "Last contact", "YYYY-MM-DD"),
]
LIST_FIELDS = {"emails", "phones", "tags"}


def form_values(contact: Contact | None, notebook: Notebook) -> dict[str, str]:
    """A contact as the text the form's inputs show."""
    if contact is None:
        return {}
    values: dict[str, str] = {}
    for name, _, _ in LINE_FIELDS:
        value = getattr(contact, name)
        if name in LIST_FIELDS:
            value = ", ".join(value)
        elif name == "referred_by":
            referrer = notebook.contacts.get(value) if value else None
            value = referrer.name if referrer else ""
        values[name] = value
    return values


class ContactForm(ModalScreen["ContactForm.Result | None"]):
    """Dismisses with a Result (the contact saved, or an existing one to open) or None."""

    @dataclass(frozen=True)
    class Result:
        contact_id: int
        saved: bool
        """False when the user chose to open an existing contact instead of saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact_form.save"),
        Binding(
            "ctrl+o", "open_existing", "Open existing", show=False, id="contact_form.open_existing"
        ),
        Binding("escape", "cancel", "Cancel", id="contact_form.cancel"),
    ]

    def __init__(self, notebook: Notebook, contact: Contact | None = None) -> None:
        super().__init__()
        self.notebook = notebook
        self.contact = contact
        self.duplicates: list[Contact] = []
        """Contacts the user was warned about; a second save goes ahead anyway."""

    def compose(self) -> ComposeResult:
        values = form_values(self.contact, self.notebook)
        names = sorted(c.name for c in self.notebook.contacts.values())
        title = f"Edit {self.contact.name}" if self.contact else "New contact"
        with Vertical(classes="dialog", id="contact-form"):
            yield Static(title, classes="dialog-title")
            yield Static("", id="duplicate-warning")
            with VerticalScroll(id="form-fields"):
                for name, label, placeholder in LINE_FIELDS:
                    with Horizontal(classes="form-row"):
                        yield Label(label, classes="form-label")
                        field = CompletingInput if name == "referred_by" else Input
                        yield field(
                            values.get(name, ""),
                            placeholder=placeholder,
                            id=f"f-{name}",
                            compact=True,
                            suggester=SuggestFromList(names, case_sensitive=False)
                            if name == "referred_by"
                            else None,
                        )
                    yield Static("", id=f"e-{name}", classes="form-error")
                    if name == "linkedin":
                        with Horizontal(classes="form-row"):
                            yield Label("Stage", classes="form-label")
                            yield Select(
                                [(f"{s.glyph} {s.label}", s.value) for s in Stage],
                                value=(
                                    self.contact.stage if self.contact else Stage.TO_RESEARCH
                                ).value,
                                allow_blank=False,
                                compact=True,
                                id="f-stage",
                            )
                yield Label("Research notes (markdown)", classes="form-label")
                research = MarkdownEditor(
                    self.contact.research_notes if self.contact else "",
                    id="f-research_notes",
                    classes="form-text",
                )
                research.text_area.tab_behavior = "focus"  # tab moves on through the form
                yield research
                yield Static("", id="e-research_notes", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()

    def on_markdown_editor_escaped(self) -> None:
        self.action_cancel()  # escape in the research notes cancels, as everywhere in the form

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The form's values as model fields, and the errors found while reading them."""
        fields: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, _, _ in LINE_FIELDS:
            text = self.query_one(f"#f-{name}", Input).value
            if name in LIST_FIELDS:
                fields[name] = split_list(text)
            elif name == "referred_by":
                fields[name] = None
                field = self.query_one(f"#f-{name}", CompletingInput)
                # Saved with a completion on show ("Kar" + "in Lund"): the name it shows.
                unknown = text.strip() and self.notebook.find_contact_by_name(text) is None
                if unknown and field.accept_suggestion():
                    text = field.value
                if text.strip():
                    referrer = self.notebook.find_contact_by_name(text)
                    if referrer is None:
                        errors[name] = f"no contact named {text.strip()!r}"
                    else:
                        fields[name] = referrer.id
            else:
                fields[name] = text
        fields["stage"] = self.query_one("#f-stage", Select).value
        fields["research_notes"] = self.query_one("#f-research_notes", MarkdownEditor).text
        return fields, errors

    def show_errors(self, errors: dict[str, str]) -> None:
        show_field_errors(self, errors)
        wrong = [name for name, _, _ in LINE_FIELDS if name in errors]
        if wrong:
            self.query_one(f"#f-{wrong[0]}", Input).focus()
        if errors:
            self.notify(f"{len(errors)} field(s) need fixing", severity="error", timeout=3)

    def action_save(self) -> None:
        fields, errors = self.collect()
        check = {k: v for k, v in fields.items() if k != "referred_by"}
        errors = {**contact_errors(check), **errors}
        if errors:
            self.show_errors(errors)
            return
        self.show_errors({})
        duplicates = self.notebook.find_duplicates(
            fields["name"], fields["emails"], exclude=self.contact.id if self.contact else None
        )
        if duplicates and [c.id for c in duplicates] != [c.id for c in self.duplicates]:
            self.duplicates = duplicates
            self.warn_duplicates()
            return
        try:
            if self.contact is None:
                saved = self.notebook.add_contact(**fields)
            else:
                saved = self.notebook.update_contact(self.contact.id, **fields)
        except ValidationError as exc:
            self.show_errors({exc.field: exc.message})
            return
        self.dismiss(self.Result(saved.id, saved=True))

    def warn_duplicates(self) -> None:
        people = "; ".join(
            f"{c.name}" + (f" ({c.organization})" if c.organization else "")
            for c in self.duplicates[:3]
        )
        more = f" and {len(self.duplicates) - 3} more" if len(self.duplicates) > 3 else ""
        warning = self.query_one("#duplicate-warning", Static)
        warning.update(
            f"Already in your contacts (same name or email): {people}{more}.\n"
            "ctrl+s saves anyway · ctrl+o opens the existing one · esc cancels"
        )
        warning.display = True

    def action_open_existing(self) -> None:
        if self.duplicates:
            self.dismiss(self.Result(self.duplicates[0].id, saved=False))

    def action_cancel(self) -> None:
        self.dismiss(None)
