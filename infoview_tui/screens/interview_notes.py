"""An interview's notes (what was said, the quick notes from the call), with the call's
actual length against the agreed one. Edited in the one markdown editor, autosaved."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from ..model import call as clock
from ..notebook import Notebook


def call_summary(notebook: Notebook, interview_id: int) -> str:
    interview = notebook.interviews[interview_id]
    contact = notebook.contacts[interview.contact_id]
    head = f"Notes of the call with {contact.name}"
    if interview.call is None or not interview.call.ended:
        return head
    actual = clock.actual_minutes(interview.call) * 60
    over = clock.over_under_seconds(interview.call, interview.agreed_minutes)
    side = "over" if over > 0 else "under"
    return (
        f"{head} · lasted {clock.format_clock(actual)} of {interview.agreed_minutes}:00 "
        f"agreed ({clock.format_clock(abs(over))} {side}). Write down what you learned "
        "while it is fresh."
    )


class InterviewNotesScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, notebook: Notebook, interview_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.interview_id = interview_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(call_summary(self.notebook, self.interview_id), id="notes-summary")
        yield TextArea(
            self.notebook.interviews[self.interview_id].notes,
            language="markdown",
            soft_wrap=True,
            id="interview-notes",
        )
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.move_cursor(editor.document.end)
        editor.focus()

    @on(TextArea.Changed)
    def _edited(self, event: TextArea.Changed) -> None:
        if event.text_area.text != self.notebook.interviews[self.interview_id].notes:
            text = event.text_area.text
            self.app.guarded(  # type: ignore[attr-defined]
                lambda: self.notebook.update_interview(self.interview_id, notes=text)
            )

    def action_back(self) -> None:
        self.dismiss(None)
