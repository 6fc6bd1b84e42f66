"""Moving between screens, in one place.

A screen never imports another screen to open it: it posts one of the messages below (they
bubble up to the App), and the ``Navigator`` the App hands them to opens the screen. Dialogs
that answer their opener (confirm, prompt, pickers, forms) are still pushed by the screen that
asks, with a callback: they are questions, not places.

Edits go through ``apply_edit`` (edits.py); starting a call has one path (``StartCall``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

from .edits import apply_edit

if TYPE_CHECKING:
    from textual.app import App

    from .model.note_search import NoteHit
    from .notebook import Notebook
    from .screens.main import MainScreen

# The screens (and the editor) are imported when first opened: none of them is part of the
# first frame, and importing them all up front adds to the start-up time.


class Navigate(Message):
    """Open a place in the app (the base of every message below)."""


@dataclass
class OpenContact(Navigate):
    """The contact on the contact list: the screens above it close, the contact is selected
    (the search and filters cleared if they hide it)."""

    contact_id: int


@dataclass
class OpenNoteHit(Navigate):
    """A note-search hit, its cursor at the line: contact and research notes on the contact
    list (and the contact's form), interview notes and debriefs on their own screen."""

    hit: NoteHit


@dataclass
class OpenCall(Navigate):
    """The screen of a call that is running. ``replace``: instead of the screen posting it."""

    interview_id: int
    replace: bool = False


@dataclass
class StartCall(Navigate):
    """Start a call with a contact: the planned one (``interview_id``, or the contact's next
    planned call) or, when none is planned, ask first and start an unplanned one now. While a
    call runs, back to that one instead."""

    contact_id: int
    interview_id: int | None = None
    replace: bool = False


@dataclass
class OpenPrep(Navigate):
    interview_id: int


@dataclass
class OpenDebrief(Navigate):
    interview_id: int
    just_ended: bool = False
    replace: bool = False
    at: tuple[int, int] | None = None
    """(line, column) for the cursor in the debrief."""


@dataclass
class OpenInterviewNotes(Navigate):
    interview_id: int
    at: tuple[int, int] | None = None


@dataclass
class OpenThankYou(Navigate):
    interview_id: int


@dataclass
class OpenOutreach(Navigate):
    contact_id: int
    minutes: int | None = None


@dataclass
class OpenHistory(Navigate):
    contact_id: int


@dataclass
class OpenToday(Navigate):
    pass


@dataclass
class OpenStats(Navigate):
    pass


@dataclass
class OpenNoteSearch(Navigate):
    pass


@dataclass
class OpenSettings(Navigate):
    pass


@dataclass
class OpenQuestionBank(Navigate):
    pass


@dataclass
class OpenImport(Navigate):
    pass


@dataclass
class OpenExport(Navigate):
    pass


def put_cursor(
    screen: Screen[Any], line: int, column: int, selector: str = "MarkdownEditor"
) -> None:
    """Focus the screen's markdown editor (the first, or the one ``selector`` names) with its
    cursor on a line, scrolled to the middle of the view."""
    from .widgets.markdown_editor import MarkdownEditor

    editor = next(iter(screen.query(selector).results(MarkdownEditor)), None)
    if editor is None:
        return
    area = editor.text_area
    area.focus()
    area.move_cursor((min(line, area.document.line_count - 1), column), center=True)


class Navigator:
    """Opens the screen a ``Navigate`` message asks for (the App hands them all here)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    @property
    def notebook(self) -> Notebook:
        notebook: Notebook | None = getattr(self.app, "notebook", None)
        assert notebook is not None, "no screen navigates without a notebook"
        return notebook

    def handle(self, message: Navigate) -> None:
        if getattr(self.app, "notebook", None) is None:
            return  # a damaged file: only the recovery screen is open
        match message:
            case OpenContact():
                self.open_contact(message)
            case OpenNoteHit():
                self.open_note_hit(message)
            case OpenCall():
                self.open_call(message)
            case StartCall():
                self.start_call(message)
            case OpenPrep():
                self.open_prep(message)
            case OpenDebrief():
                self.open_debrief(message)
            case OpenInterviewNotes():
                self.open_interview_notes(message)
            case OpenThankYou():
                self.open_thank_you(message)
            case OpenOutreach():
                self.open_outreach(message)
            case OpenHistory():
                self.open_history(message)
            case OpenToday():
                self.open_today(message)
            case OpenStats():
                self.open_stats(message)
            case OpenNoteSearch():
                self.open_note_search(message)
            case OpenSettings():
                self.open_settings(message)
            case OpenQuestionBank():
                self.open_question_bank(message)
            case OpenImport():
                self.open_import(message)
            case OpenExport():
                self.open_export(message)
            case _:
                raise AssertionError(f"no way to {type(message).__name__}")

    def _open(self, screen: Screen[Any], replace: bool = False) -> None:
        if replace:
            self.app.switch_screen(screen)
        else:
            self.app.push_screen(screen)

    def main_screen(self) -> MainScreen | None:
        from .screens.main import MainScreen

        for screen in reversed(self.app.screen_stack):  # a recovery can leave an older one
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _to_main(self) -> MainScreen | None:
        """Close the screens above the contact list (Today, the note search)."""
        main = self.main_screen()
        while len(self.app.screen_stack) > 1 and self.app.screen is not main:
            self.app.pop_screen()
        return main

    # ----- the contact list -----------------------------------------------------------------

    def open_contact(self, message: OpenContact) -> None:
        if (main := self._to_main()) is not None:
            main.jump_to(message.contact_id)

    def open_note_hit(self, message: OpenNoteHit) -> None:
        from .model.note_search import NoteField

        hit = message.hit
        if hit.interview_id is not None:
            at = (hit.line, hit.column)
            if hit.field is NoteField.DEBRIEF:
                self.open_debrief(OpenDebrief(hit.interview_id, at=at))
            else:
                self.open_interview_notes(OpenInterviewNotes(hit.interview_id, at=at))
            return
        main = self._to_main()
        if main is None or hit.contact_id not in self.notebook.contacts:
            return
        # Contact notes: the contact selected, its notes focused at the line; research notes:
        # the contact's form, at that line of the research notes.
        main.jump_to(hit.contact_id)
        main.show_contact(hit.contact_id)  # load the notes now, so the cursor lands in them
        if hit.field is NoteField.RESEARCH:
            main.action_edit_contact()
            form = self.app.screen
            form.call_after_refresh(put_cursor, form, hit.line, hit.column, "#f-research_notes")
            return
        main.action_focus_notes()
        put_cursor(main, hit.line, hit.column, "#notes")

    # ----- the call -------------------------------------------------------------------------

    def open_call(self, message: OpenCall) -> None:
        from .screens.call import CallScreen

        self._open(CallScreen(self.notebook, message.interview_id), message.replace)

    def start_call(self, message: StartCall) -> None:
        notebook = self.notebook
        running = notebook.active_call()
        if running is not None:
            if message.interview_id is not None and running.id != message.interview_id:
                self.app.notify("Another call is running: back to it", severity="warning")
            self.open_call(OpenCall(running.id, message.replace))
            return
        interview_id = message.interview_id
        if interview_id is None:
            planned = notebook.next_interview(message.contact_id)
            interview_id = planned.id if planned is not None else None
        if interview_id is not None:
            started = apply_edit(self.app, lambda: notebook.start_call(interview_id))
            if started is not None:
                self.open_call(OpenCall(started.id, message.replace))
            return
        self._ask_unplanned_call(message.contact_id, message.replace)

    def _ask_unplanned_call(self, contact_id: int, replace: bool) -> None:
        """No call is planned with them: ask before starting one now, and for how long."""
        from .model.interview import MAX_MINUTES, MIN_MINUTES
        from .screens.prompt import PromptScreen

        notebook = self.notebook
        contact = notebook.contacts[contact_id]

        def answered(text: str | None) -> None:
            if text is None:
                return
            if not text.isdigit() or not MIN_MINUTES <= int(text) <= MAX_MINUTES:
                self.app.notify(
                    f"Give the length in minutes, {MIN_MINUTES} to {MAX_MINUTES}: no call started",
                    severity="warning",
                )
                return
            started = apply_edit(self.app, lambda: notebook.start_call_now(contact_id, int(text)))
            if started is not None:
                self.open_call(OpenCall(started.id, replace))

        self.app.push_screen(
            PromptScreen(
                f"No call is planned with {contact.name}. Start one now? Minutes agreed:",
                value=str(notebook.settings.default_minutes),
                hint="Enter starts the call now; Esc starts nothing. "
                "(i schedules one for later; X during the call discards it.)",
            ),
            answered,
        )

    def open_prep(self, message: OpenPrep) -> None:
        from .screens.prep import PrepScreen

        self._open(PrepScreen(self.notebook, message.interview_id))

    def open_debrief(self, message: OpenDebrief) -> None:
        from .screens.debrief import DebriefScreen

        debrief = DebriefScreen(self.notebook, message.interview_id, just_ended=message.just_ended)
        self._open(debrief, message.replace)
        if message.at is not None:
            debrief.call_after_refresh(put_cursor, debrief, *message.at)

    def open_interview_notes(self, message: OpenInterviewNotes) -> None:
        from .screens.interview_notes import InterviewNotesScreen

        notes = InterviewNotesScreen(self.notebook, message.interview_id)
        self._open(notes)
        if message.at is not None:
            notes.call_after_refresh(put_cursor, notes, *message.at)

    def open_thank_you(self, message: OpenThankYou) -> None:
        from .screens.thank_you import ThankYouScreen

        self._open(ThankYouScreen(self.notebook, message.interview_id))

    def open_outreach(self, message: OpenOutreach) -> None:
        from .screens.outreach import OutreachScreen

        self._open(OutreachScreen(self.notebook, message.contact_id, message.minutes))

    # ----- the other places -----------------------------------------------------------------

    def open_history(self, message: OpenHistory) -> None:
        from .screens.history import HistoryScreen

        self._open(HistoryScreen(self.notebook, message.contact_id))

    def open_today(self, message: OpenToday) -> None:
        from .screens.today import TodayScreen

        self._open(TodayScreen(self.notebook))

    def open_stats(self, message: OpenStats) -> None:
        from .screens.stats import StatsScreen

        self._open(StatsScreen(self.notebook))

    def open_note_search(self, message: OpenNoteSearch) -> None:
        from .screens.note_search import NoteSearchScreen

        self._open(NoteSearchScreen(self.notebook))

    def open_settings(self, message: OpenSettings) -> None:
        from .screens.settings import SettingsScreen

        self._open(SettingsScreen(self.notebook))

    def open_question_bank(self, message: OpenQuestionBank) -> None:
        from .screens.question_bank import QuestionBankScreen

        self._open(QuestionBankScreen(self.notebook))

    def open_import(self, message: OpenImport) -> None:
        from .screens.import_export import ImportScreen

        self._open(ImportScreen(self.notebook))

    def open_export(self, message: OpenExport) -> None:
        from .screens.import_export import ExportScreen

        self._open(ExportScreen(self.notebook))
