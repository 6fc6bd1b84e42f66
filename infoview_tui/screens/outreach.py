"""Outreach drafts: an email and a phone script, generated, editable, copied, marked sent."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from ..content.outreach import Profile, outreach_email, phone_script
from ..edits import apply_edit
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.key_footer import KeyFooter


def profile_of(notebook: Notebook) -> Profile:
    settings = notebook.settings
    return Profile(name=settings.name, background=settings.background, signature=settings.signature)


def copy_draft(screen: Screen[None], text: str) -> None:
    """Copy a draft to the clipboard through the terminal (OSC 52), saying how to fall back."""
    screen.app.copy_to_clipboard(text)
    screen.notify(
        "Copied. (Through the terminal: if pasting gives nothing, select the text "
        "with the mouse instead.)",
        timeout=5,
    )


class OutreachScreen(Screen[None]):
    """The drafts are only kept while this screen is open; sending is recorded on the contact."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="outreach.back"),
        Binding("ctrl+o", "copy", "Copy draft", id="outreach.copy"),
        Binding("ctrl+r", "mark_sent", "Mark sent", id="outreach.mark_sent"),
    ]

    def __init__(self, notebook: Notebook, contact_id: int, minutes: int | None = None) -> None:
        super().__init__()
        self.notebook = notebook
        self.contact_id = contact_id
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        contact = self.notebook.contacts[self.contact_id]
        referrer = self.notebook.contacts.get(contact.referred_by) if contact.referred_by else None
        profile = profile_of(self.notebook)
        minutes = self.call_minutes()
        default = max(20, min(self.notebook.settings.default_minutes, 30))
        subject, body = outreach_email(contact, referrer, profile, minutes=minutes or default)
        script = phone_script(contact, referrer, profile, minutes=minutes or 10)
        yield AppHeader()
        hint = []
        if not profile.name:
            hint.append("Tip: add your name and a line about yourself in Settings (,)")
        if not contact.emails:
            hint.append(f"{contact.name} has no email address yet")
        yield Static(
            f"Asking {contact.name} for a conversation. "
            "Edit the drafts, copy one with ctrl+o, and mark it sent with ctrl+r."
            + ("\n" + " · ".join(hint) if hint else ""),
            id="outreach-help",
        )
        with TabbedContent(id="drafts"):
            with TabPane("Email", id="email-tab"), Vertical():
                with Horizontal(id="subject-row"):
                    yield Label("Subject ", classes="muted")
                    yield Input(subject, id="subject", compact=True)
                yield TextArea(body, id="email-body", soft_wrap=True)
            with TabPane("Phone script", id="phone-tab"):
                yield TextArea(script, id="phone-body", soft_wrap=True)
        yield KeyFooter()

    def call_minutes(self) -> int | None:
        """The length agreed for the call being prepared, else for the contact's next planned
        call: the drafts ask for that, not for a default. None when no call is planned (the
        email then asks for 20-30 minutes, the phone script for 10)."""
        if self.minutes:
            return self.minutes
        planned = self.notebook.next_interview(self.contact_id)
        return planned.agreed_minutes if planned is not None else None

    def on_mount(self) -> None:
        self.query_one("#email-body", TextArea).focus()

    def draft(self) -> str:
        """The draft on the visible tab, as it would be pasted."""
        if self.query_one(TabbedContent).active == "phone-tab":
            return self.query_one("#phone-body", TextArea).text
        subject = self.query_one("#subject", Input).value
        to = ", ".join(self.notebook.contacts[self.contact_id].emails)
        head = (f"To: {to}\n" if to else "") + f"Subject: {subject}\n\n"
        return head + self.query_one("#email-body", TextArea).text

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        target = "#phone-body" if event.pane.id == "phone-tab" else "#email-body"
        self.query_one(target, TextArea).focus()

    def action_copy(self) -> None:
        copy_draft(self, self.draft())

    def action_mark_sent(self) -> None:
        contact = apply_edit(self, lambda: self.notebook.mark_outreach_sent(self.contact_id))
        if contact is None:
            return
        when = f"; follow up on {contact.next_action_date}" if contact.next_action_date else ""
        self.notify(f"{contact.name}: → reached out{when}")
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
