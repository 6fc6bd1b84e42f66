"""An interview's notes (what was said, the quick notes from the call), with the call's
actual length against the agreed one. Edited in the one markdown editor, autosaved."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ..edits import TOO_LONG, apply_edit
from ..model import call as clock
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.key_footer import KeyFooter
from ..widgets.markdown_editor import MarkdownEditor


def call_summary(notebook: Notebook, interview_id: int, what: str = "Notes of the call") -> str:
    interview = notebook.interviews[interview_id]
    contact = notebook.contacts[interview.contact_id]
    head = f"{what} with {contact.name}"
    if interview.call is None or not interview.call.ended:
        return head
    actual = clock.actual_minutes(interview.call) * 60
    over = clock.over_under_seconds(interview.call, interview.agreed_minutes)
    side = "over" if over > 0 else "under"
    extra = interview.call.extra_minutes
    agreed = f"{interview.agreed_minutes}:00 agreed" + (f" + {extra}" if extra else "")
    return (
        f"{head} · lasted {clock.format_clock(actual)} of {agreed} "
        f"({clock.format_clock(abs(over))} {side}). Write down what you learned "
        "while it is fresh."
    )


class InterviewNotesScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back", id="interview_notes.back")]

    def __init__(self, notebook: Notebook, interview_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.interview_id = interview_id

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(call_summary(self.notebook, self.interview_id), id="notes-summary")
        yield MarkdownEditor(
            self.notebook.interviews[self.interview_id].notes,
            title="Notes",
            placeholder="What did you learn? Who else should you talk to?",
            id="interview-notes",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(MarkdownEditor).focus_editor(end=True)

    @on(MarkdownEditor.Changed)
    def _edited(self, event: MarkdownEditor.Changed) -> None:
        if event.text != self.notebook.interviews[self.interview_id].notes:
            text = event.text
            apply_edit(
                self,
                lambda: self.notebook.update_interview(self.interview_id, notes=text),
                hint=TOO_LONG,
            )

    @on(MarkdownEditor.Escaped)
    def _escaped(self) -> None:
        self.action_back()

    def action_back(self) -> None:
        self.dismiss(None)
