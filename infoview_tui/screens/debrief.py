"""The debrief: written right after the call (it opens when a call ends) and reachable later.

One markdown document with fixed sections (``model.debrief``), in the one markdown editor,
autosaved through the one save path. Beside it, what was jotted down during the call. From here:
the thank-you note (ctrl+t) and the names received, made contacts (ctrl+n).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..edits import TOO_LONG, apply_edit, edit_made
from ..model import debrief
from ..navigation import OpenThankYou
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.key_footer import KeyFooter
from ..widgets.markdown_editor import MarkdownEditor
from .interview_notes import call_summary


class DebriefScreen(Screen[None]):
    TITLE = "Debrief"
    CSS_PATH = "after_call.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # narrow: the call notes hide
    BINDINGS = [
        Binding("escape", "back", "Back", id="debrief.back"),
        Binding("ctrl+t", "thank_you", "Thank-you note", id="debrief.thank_you"),
        Binding("ctrl+n", "add_names", "Names → contacts", id="debrief.add_names"),
    ]

    def __init__(self, notebook: Notebook, interview_id: int, *, just_ended: bool = False) -> None:
        super().__init__()
        self.notebook = notebook
        self.interview_id = interview_id
        self.just_ended = just_ended

    @property
    def contact_name(self) -> str:
        interview = self.notebook.interviews[self.interview_id]
        return self.notebook.contacts[interview.contact_id].name

    def compose(self) -> ComposeResult:
        interview = self.notebook.interviews[self.interview_id]
        yield AppHeader()
        yield Static(self.summary(), id="debrief-summary")
        with Horizontal(id="debrief-body"):
            yield MarkdownEditor(
                interview.debrief or debrief.template(),
                title=f"Debrief: {self.contact_name}",
                id="debrief-editor",
            )
            with VerticalScroll(id="debrief-call-notes") as notes:
                notes.border_title = "Noted during the call"
                yield Static(interview.notes or "(nothing was noted during the call)")
        yield KeyFooter()

    def summary(self) -> str:
        head = call_summary(self.notebook, self.interview_id, "Debrief of the call")
        return f"{head}\n{self.thank_you_line()}"

    def thank_you_line(self) -> str:
        interview = self.notebook.interviews[self.interview_id]
        if interview.thanked:
            return f"Thank-you note sent on {interview.thanked}."
        return "Thank-you note not sent yet: ctrl+t drafts it from what you learned."

    def on_mount(self) -> None:
        editor = self.query_one(MarkdownEditor)
        fresh = editor.text == debrief.template()
        editor.focus_editor(end=not fresh)
        if fresh:  # the cursor waits on the first bullet of "What I learned"
            first_bullet = editor.text.splitlines().index("- ")
            editor.text_area.move_cursor((first_bullet, 2))
        if self.just_ended:
            self._offer_report_back()

    def on_screen_resume(self) -> None:
        self.query_one("#debrief-summary", Static).update(self.summary())

    def _offer_report_back(self) -> None:
        contact = self.notebook.contacts[self.notebook.interviews[self.interview_id].contact_id]
        referrer = self.notebook.contacts.get(contact.referred_by) if contact.referred_by else None
        if referrer is None:
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                if not edit_made(self, lambda: self.notebook.remind_report_back(contact.id)):
                    return
                self.notify(f"{referrer.name}: next action is to tell them how it went")

        self.app.push_screen(
            ConfirmScreen(
                f"{referrer.name} put you in touch with {contact.name}. Add a reminder to tell "
                f"{referrer.name} how the conversation went?",
                yes="Remind me",
                no="Not now",
            ),
            answered,
        )

    @on(MarkdownEditor.Changed)
    def _edited(self, event: MarkdownEditor.Changed) -> None:
        text = event.text
        apply_edit(self, lambda: self.notebook.set_debrief(self.interview_id, text), hint=TOO_LONG)

    @on(MarkdownEditor.Escaped)
    def _escaped(self) -> None:
        self.action_back()

    def action_thank_you(self) -> None:
        self.post_message(OpenThankYou(self.interview_id))

    def action_add_names(self) -> None:
        names = self.notebook.new_names(self.interview_id)
        if not names:
            self.notify(
                "No new names under “Names to contact” (one per line: Name, organisation). "
                "Names that are contacts already are left out.",
                timeout=5,
            )
            return
        from .names_picker import NamesPicker

        contact_id = self.notebook.interviews[self.interview_id].contact_id

        def picked(chosen: list[debrief.Name] | None) -> None:
            if not chosen:
                return
            for name in chosen:

                def capture(n: debrief.Name = name) -> object:
                    return self.notebook.capture_referral(contact_id, n.name, n.organization)

                apply_edit(
                    self,
                    capture,
                    title="Not added",
                )
            who = ", ".join(n.name for n in chosen)
            self.notify(
                f"Added to your contacts (to contact, referred by {self.contact_name}): {who}"
            )

        self.app.push_screen(NamesPicker(self.contact_name, names), picked)

    def action_back(self) -> None:
        self.dismiss(None)
