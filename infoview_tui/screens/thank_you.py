"""The thank-you note: a draft built from the debrief (it names one takeaway), to edit, copy and
mark sent. Marking it sent dates it on the interview and moves the contact to "thanked"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static, TextArea

from ..content.outreach import plain_text, thank_you_note
from ..edits import apply_edit
from ..model import debrief
from ..model.dates import local_now
from ..model.due import ThankYou, thank_you_deadline, thank_you_state
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.key_footer import KeyFooter
from .outreach import copy_draft, profile_of


def deadline_line(notebook: Notebook, interview_id: int) -> tuple[str, bool]:
    """Where the thank-you stands (sent on a date, due by a time, or overdue, in words), and
    whether it is overdue."""
    interview = notebook.interviews[interview_id]
    days = notebook.settings.thank_you_days
    state = thank_you_state(interview, notebook.clock(), days)
    if state is ThankYou.SENT:
        return f"✓ Sent on {interview.thanked}.", False
    deadline = thank_you_deadline(interview, days)
    if deadline is None:
        return "Send it within a day or two of the conversation.", False
    when = f"{deadline:%a %d %b, %H:%M}"
    if state is ThankYou.OVERDUE:
        late = local_now(notebook.clock()) - deadline
        hours = int(late.total_seconds() // 3600)
        ago = f"{hours // 24} days" if hours >= 48 else f"{hours} hours"
        return f"! OVERDUE: it was due by {when} ({ago} ago). Better late than never.", True
    return f"Due by {when} ({days} days after the call).", False


class ThankYouScreen(Screen[None]):
    TITLE = "Thank-you note"
    CSS_PATH = "after_call.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="thank_you.back"),
        Binding("ctrl+o", "copy", "Copy draft", id="thank_you.copy"),
        Binding("ctrl+r", "mark_sent", "Mark sent", id="thank_you.mark_sent"),
    ]

    def __init__(self, notebook: Notebook, interview_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.interview_id = interview_id

    def compose(self) -> ComposeResult:
        interview = self.notebook.interviews[self.interview_id]
        contact = self.notebook.contacts[interview.contact_id]
        takeaway = debrief.takeaway(interview.debrief)
        subject, body = thank_you_note(contact, profile_of(self.notebook), takeaway)
        yield AppHeader()
        hint = (
            f"It names what you learned first: “{plain_text(takeaway).rstrip('.')}”."
            if takeaway
            else "Tip: write what you learned in the debrief, and the note will name it."
        )
        deadline, overdue = deadline_line(self.notebook, self.interview_id)
        yield Static(
            f"Thank-you note to {contact.name}. {deadline}",
            id="thank-you-deadline",
            classes="overdue" if overdue else "",
        )
        yield Static(
            f"{hint} Edit it, copy it with ctrl+o, mark it sent with ctrl+r.", id="thank-you-help"
        )
        with Vertical(id="thank-you-draft"):
            with Horizontal(id="subject-row"):
                yield Label("Subject ", classes="muted")
                yield Input(subject, id="subject", compact=True)
            yield TextArea(body, id="thank-you-body", soft_wrap=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#thank-you-body", TextArea).focus()

    def draft(self) -> str:
        """The note as it would be pasted into an email."""
        contact = self.notebook.contacts[self.notebook.interviews[self.interview_id].contact_id]
        to = ", ".join(contact.emails)
        subject = self.query_one("#subject", Input).value
        head = (f"To: {to}\n" if to else "") + f"Subject: {subject}\n\n"
        return head + self.query_one("#thank-you-body", TextArea).text

    def action_copy(self) -> None:
        copy_draft(self, self.draft())

    def action_mark_sent(self) -> None:
        sent = self.notebook.interviews[self.interview_id].thanked
        if sent:
            self.notify(f"This thank-you was already marked sent on {sent}.", timeout=4)
            return
        interview = apply_edit(self, lambda: self.notebook.mark_thanked(self.interview_id))
        if interview is None:
            return
        contact = self.notebook.contacts[interview.contact_id]
        when = f"; check in on {contact.next_action_date}" if contact.next_action_date else ""
        self.notify(f"{contact.name}: thank-you sent → {contact.stage.label}{when}")
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
