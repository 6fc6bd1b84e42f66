"""The main screen: contact list | the selected contact's details | that contact's notes."""

from __future__ import annotations

import asyncio
import gc
from datetime import date
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

from ..edits import TOO_LONG, apply_edit
from ..model import Contact, Stage, Status
from ..model.followup import logged_message, next_stage
from ..model.search import ContactIndex, SortBy
from ..navigation import (
    OpenCall,
    OpenDebrief,
    OpenExport,
    OpenHistory,
    OpenImport,
    OpenNoteSearch,
    OpenOutreach,
    OpenPrep,
    OpenQuestionBank,
    OpenSettings,
    OpenStats,
    OpenToday,
    StartCall,
)
from ..notebook import Deleted, Notebook
from ..start_view import FIRST_ROWS
from ..textual_patches import node_context
from ..widgets.app_header import AppHeader
from ..widgets.contact_detail import ContactDetail, ContactView
from ..widgets.contact_filters import ContactFilters, SearchBox
from ..widgets.contact_list import ContactList
from ..widgets.key_footer import KeyFooter
from ..widgets.running_call import RunningCall

if TYPE_CHECKING:
    from ..widgets.notes_editor import NotesEditor
    from .contact_form import ContactForm

# The dialogs are imported when first opened (inside the actions below), and the other screens
# are opened by navigation.py: none of them is part of the first frame, and importing them all
# up front added ~60 ms to start-up.

DETAIL_DELAY_SECONDS = 0.15


class MainScreen(Screen[None]):
    # The footer shows the everyday keys; the help screen (?) lists every one.
    BINDINGS = [
        Binding("a", "add_contact", "Add", id="main.add_contact"),
        Binding("e", "edit_contact", "Edit", show=False, id="main.edit_contact"),
        Binding("s", "pick_stage", "Stage", id="main.pick_stage"),
        Binding(
            "greater_than_sign", "advance_stage", "Next stage", show=False, id="main.advance_stage"
        ),
        Binding("l", "log_interaction", "Log contact", show=False, id="main.log_interaction"),
        Binding("r", "referrals", "Referrals", show=False, id="main.referrals"),
        Binding("i", "schedule", "Schedule call", show=False, id="main.schedule"),
        Binding("p", "prepare", "Prepare", id="main.prepare"),
        Binding("w", "outreach", "Outreach", show=False, id="main.outreach"),
        Binding("t", "today", "Today", show=False, id="main.today"),
        Binding("g", "stats", "Stats", show=False, id="main.stats"),
        Binding(
            "c", "back_to_call", "Back to call", id="main.back_to_call"
        ),  # while a call runs (check_action)
        Binding("c", "call", "Call", id="main.call"),
        Binding("D", "debrief", "Debrief", show=False, id="main.debrief"),
        Binding("b", "question_bank", "Question bank", show=False, id="main.question_bank"),
        Binding("comma", "settings", "Settings", show=False, id="main.settings"),
        Binding("d", "delete_contact", "Delete", show=False, id="main.delete_contact"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="main.undo_delete"),
        Binding("slash", "search", "Search", id="main.search"),
        Binding("f", "filter", "Filter", show=False, id="main.filter"),
        Binding("o", "cycle_sort", "Sort", show=False, id="main.cycle_sort"),
        Binding("n", "focus_notes", "Notes", show=False, id="main.focus_notes"),
        Binding("h", "history", "History", show=False, id="main.history"),
        Binding("F", "search_notes", "Search all notes", show=False, id="main.search_notes"),
        Binding("escape", "focus_list", "List", show=False, id="main.focus_list"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = "#contacts"

    detail: reactive[ContactView | None] = reactive(None)
    empty_list: reactive[str] = reactive("")
    """Why the list shows nobody ("No contact matches 'oslo'..."), for the detail pane."""
    sort: reactive[SortBy] = reactive(SortBy.NAME, init=False)

    def __init__(self, notebook: Notebook, *, deferred: bool = False) -> None:
        super().__init__()
        self.notebook = notebook
        self.deferred = deferred
        """Composed without its panes, which ``build_panes`` adds just after the first frame:
        at start, when Today opens on top of this screen, the first frame need not wait for
        panes it does not show."""
        self.index = ContactIndex()
        self.last_deleted: Deleted | None = None
        self._detail_timer: Timer | None = None
        self._shown_once = False

    @property
    def today(self) -> date:
        return self.notebook.today()

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield RunningCall(self.notebook, id="running-call")
        yield Container(*([] if self.deferred else self._panes()), id="panes")
        yield KeyFooter()

    def _panes(self) -> list[Widget]:
        """The list | details | notes, complete: the frame that shows them paints them whole."""
        rows = self.visible_contacts()
        total = len(rows)
        if self.notebook.partial is not None:
            # A start view: its first contacts in list order are the whole list's first ones
            # (the others it holds, people on the agenda, come later in the whole list).
            rows = rows[:FIRST_ROWS]
            total = self.notebook.contact_count
        first = rows[0] if rows else None
        self.set_reactive(MainScreen.detail, self.view_of(first))
        left = Vertical(
            SearchBox(placeholder="/ search", id="search", compact=True),
            ContactFilters(self.all_tags(), id="filters"),
            ContactList(
                rows, today=self.today, total=total, running=self._running_contact(), id="contacts"
            ),
            id="left",
        )
        left.border_title = "Contacts"
        left.border_subtitle = self.count_label(total)
        detail = ContactDetail(id="detail").data_bind(
            view=MainScreen.detail, empty=MainScreen.empty_list
        )
        detail.border_title = "Details"
        from ..widgets.notes_editor import NotesEditor

        return [left, Container(detail, NotesEditor(first, id="notes"), id="right")]

    def on_mount(self) -> None:
        if not self.deferred:
            self._panes_mounted()

    def _panes_mounted(self) -> None:
        # The list follows the search box within the key press that changed it (a watcher runs
        # at once; Input.Changed would arrive after the box alone was painted, and the list
        # would wait for the next frame).
        self.watch(self.query_one("#search", Input), "value", self._search_typed, init=False)
        self.run_worker(self._warm_search(), group="warm-search", exclusive=True)

    async def build_panes(self) -> None:
        """Add the panes of a deferred main screen (see ``deferred``)."""
        if not self.deferred:
            return
        with node_context(self):  # as in compose: data_bind binds to this screen
            panes = self._panes()
        await self.query_one("#panes", Container).mount_all(panes)
        self.deferred = False
        self._panes_mounted()

    def notebook_loaded(self) -> None:
        """The whole notebook is in (the first frame came from a start view): show it all,
        and prepare the search texts of all of it (not only of the part)."""
        if not self.deferred:
            self.refresh_list(tags_changed=True)
            self.run_worker(self._warm_search(), group="warm-search", exclusive=True)

    def on_screen_resume(self) -> None:
        # Back from another screen (a call, the notes, preparing): show what changed there.
        # (A deferred screen has nothing to show yet: a recovery at start pops down to it.)
        if self._shown_once and not self.deferred:
            self.refresh_list(tags_changed=True)
        self._shown_once = True
        self.query_one(RunningCall).show_call()  # a call started or ended there

    def _running_contact(self) -> int | None:
        running = self.notebook.active_call()
        return running.contact_id if running is not None else None

    @on(RunningCall.Changed)
    def _call_changed(self, event: RunningCall.Changed) -> None:
        """A call started or ended: its mark in the list, and c says where it goes."""
        if not self.deferred:
            self.query_one(ContactList).set_running(event.contact_id)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("back_to_call", "call"):
            running = self.notebook.active_call() is not None
            return running if action == "back_to_call" else not running
        return True

    def action_back_to_call(self) -> None:
        """The call that is running (its screen was left with esc)."""
        if (running := self.notebook.active_call()) is not None:
            self.post_message(OpenCall(running.id))

    async def _warm_search(self) -> None:
        """Prepare every contact's search text while the user reads the first screen, a few
        hundred at a time, so the first letter typed in the search box is as quick as the rest."""
        await asyncio.sleep(0.2)
        for start, contact in enumerate(list(self.notebook.contacts.values())):
            self.index.text_of(contact)
            if start % 250 == 249:
                await asyncio.sleep(0)
        # The texts live as long as the screen: keep them out of the collector's full passes
        # (as create_app does for the notebook), which otherwise stall a keystroke now and then.
        gc.freeze()

    # ----- state down ---------------------------------------------------------------------

    def visible_contacts(
        self, query: str = "", stage: Stage | None = None, tag: str | None = None
    ) -> list[Contact]:
        return self.index.rows(
            self.notebook.contacts,
            self.notebook.version,
            query,
            stage=stage,
            tag=tag,
            sort=self.sort,
        )

    def all_tags(self) -> list[str]:
        return sorted(
            {t for c in self.notebook.contacts.values() for t in c.tags}, key=str.casefold
        )

    def count_label(self, shown: int) -> str:
        total = self.notebook.contact_count
        count = f"{shown} of {total}" if shown != total else f"{total}"
        return f"{count} · by {self.sort.value}"

    def refresh_list(
        self, keep: int | None = None, *, tags_changed: bool = False, top: bool = False
    ) -> None:
        """Show the contacts the search and filters let through; the cursor stays on ``keep``
        (by default the contact it is on) or, with ``top``, goes to the best match (a search
        typed: those whose name matches come first)."""
        contacts = self.query_one(ContactList)
        filters = self.query_one(ContactFilters)
        if tags_changed:
            filters.set_tags(self.all_tags())
        if keep is None and contacts.current is not None:
            keep = contacts.current.id
        rows = self.visible_contacts(
            self.query_one("#search", Input).value, filters.stage, filters.tag
        )
        if top and rows:
            keep = rows[0].id
        contacts.date_field = (
            "last_contact" if self.sort is SortBy.LAST_CONTACT else "next_action_date"
        )
        query = self.query_one("#search", Input).value
        line, self.empty_list = self.why_empty(rows, query, filters.stage, filters.tag)
        # posts Highlighted: the detail pane follows
        contacts.set_rows(rows, keep=keep, empty=line)
        self.query_one("#left").border_subtitle = self.count_label(len(rows))

    def why_empty(
        self, rows: list[Contact], query: str, stage: Stage | None, tag: str | None
    ) -> tuple[str, str]:
        """(the list's line, the detail pane's words) when ``rows`` is empty, else ("", "")."""
        wanted = " ".join(query.split())
        limits = [f"at the stage {stage.label!r}"] if stage is not None else []
        limits += [f"tagged #{tag}"] if tag else []
        if rows or not self.notebook.contacts or not (wanted or limits):
            return "", ""
        what = f"matches {wanted!r}" if wanted else "is"
        line = " ".join([f"no contact {what}", *limits])
        undo = [("the search (/)" if wanted else ""), ("the filters (f)" if limits else "")]
        change = " or ".join(u for u in undo if u)
        detail = f"{line[0].upper()}{line[1:]}.\n\nChange {change}, or press a to add someone."
        return line, detail

    def view_of(self, contact: Contact | None) -> ContactView | None:
        if contact is None:
            return None
        referrer = self.notebook.contacts.get(contact.referred_by) if contact.referred_by else None
        return ContactView(
            contact=contact,
            referrer=referrer.name if referrer else "",
            referrals=tuple(c.name for c in self.notebook.referrals_of(contact.id)),
            led_to=self.notebook.referral_count(contact.id),
            interviews=tuple(self.notebook.interviews_of(contact.id)),
            today=self.today,
            now=self.notebook.clock(),
        )

    def show_contact(self, contact_id: int | None) -> None:
        contact = self.notebook.contacts.get(contact_id) if contact_id else None
        self.detail = self.view_of(contact)
        cast("NotesEditor", self.query_one("#notes")).show(contact)

    def watch_sort(self) -> None:
        self.refresh_list()

    # ----- messages up --------------------------------------------------------------------

    @on(ContactList.Highlighted)
    def _highlighted(self, event: ContactList.Highlighted) -> None:
        if self.query_one("#search", Input).has_focus:
            # While a search is being typed the top match changes on every key: paint the list
            # at once and bring the details along when the typing pauses.
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._detail_timer = self.set_timer(
                DETAIL_DELAY_SECONDS, lambda: self.show_contact(event.contact_id)
            )
        else:
            self.show_contact(event.contact_id)

    @on(ContactList.Selected)
    def _selected(self, event: ContactList.Selected) -> None:
        self.action_focus_notes()

    # NotesEditor's messages by handler name, not @on: the editor (Textual's TextArea and
    # tree-sitter) is imported when the panes are built, not before the first frame.
    def on_notes_editor_edited(self, event: NotesEditor.Edited) -> None:
        if event.contact_id in self.notebook.contacts:
            apply_edit(
                self,
                lambda: self.notebook.set_contact_notes(event.contact_id, event.text),
                hint=TOO_LONG,
            )

    def on_markdown_editor_escaped(self) -> None:  # NotesEditor's: its base class's message
        self.action_focus_list()

    def _search_typed(self) -> None:
        self.refresh_list(top=bool(self.query_one("#search", Input).value.strip()))

    @on(ContactFilters.Changed)
    def _filters_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(ContactList).focus()

    # ----- actions ------------------------------------------------------------------------

    def current(self) -> Contact | None:
        contact = self.query_one(ContactList).current
        if contact is None:
            self.notify("No contact selected", severity="warning")
        return contact

    def action_add_contact(self) -> None:
        from .contact_form import ContactForm

        self.app.push_screen(ContactForm(self.notebook), self._form_closed)

    def action_edit_contact(self) -> None:
        from .contact_form import ContactForm

        if (contact := self.current()) is not None:
            self.app.push_screen(ContactForm(self.notebook, contact), self._form_closed)

    def _form_closed(self, result: ContactForm.Result | None) -> None:
        if result is not None:
            self.refresh_list(keep=result.contact_id, tags_changed=True)
            if result.saved:
                self.notify(f"Saved {self.notebook.contacts[result.contact_id].name}")
            else:
                self.jump_to(result.contact_id)
        self.query_one(ContactList).focus()

    def jump_to(self, contact_id: int) -> None:
        """Select a contact, clearing the search and filters if they hide it."""
        contacts = self.query_one(ContactList)
        if all(c.id != contact_id for c in contacts.rows):
            self.query_one("#search", Input).value = ""
            self.query_one(ContactFilters).clear()
            self.refresh_list()
        contacts.select_id(contact_id)
        contacts.focus()

    def action_pick_stage(self) -> None:
        from .stage_picker import StagePicker

        if (contact := self.current()) is None:
            return

        def picked(stage: Stage | None) -> None:
            if stage is not None:
                self.set_stage(contact.id, stage)

        self.app.push_screen(StagePicker(contact.name, contact.stage), picked)

    def action_advance_stage(self) -> None:
        if (contact := self.current()) is not None:
            self.set_stage(contact.id, next_stage(contact.stage))

    def set_stage(self, contact_id: int, stage: Stage) -> None:
        contact = apply_edit(self, lambda: self.notebook.set_stage(contact_id, stage))
        if contact is None:
            return
        self.refresh_list(keep=contact_id)
        when = f" by {contact.next_action_date}" if contact.next_action_date else ""
        self.notify(
            f"{contact.name}: {stage.glyph} {stage.label}. Next: {contact.next_action}{when}"
        )

    def action_log_interaction(self) -> None:
        if (contact := self.current()) is not None:
            contact_id = contact.id
            logged = apply_edit(self, lambda: self.notebook.log_interaction(contact_id))
            if logged is None:
                return
            contact = logged
            self.refresh_list(keep=contact.id)
            self.notify(logged_message(contact))

    def action_debrief(self) -> None:
        """The debrief of the contact's latest held interview."""
        if (contact := self.current()) is None:
            return
        interviews = self.notebook.interviews_of(contact.id)  # newest first
        latest = next((i for i in interviews if i.status is Status.DONE), None)
        if latest is None:
            self.notify(f"No conversation with {contact.name} has been held yet.", timeout=4)
            return
        self.post_message(OpenDebrief(latest.id))  # on_screen_resume updates

    def action_referrals(self) -> None:
        from .referrals import ReferralScreen

        if (contact := self.current()) is not None:
            self.app.push_screen(ReferralScreen(self.notebook, contact.id), self._jump_from_tree)

    def _jump_from_tree(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.jump_to(contact_id)

    def action_schedule(self) -> None:
        from .interview_form import InterviewForm

        if (contact := self.current()) is None:
            return

        def saved(interview_id: int | None) -> None:
            if interview_id is not None:
                self.refresh_list(keep=contact.id)
                self.notify(f"Scheduled a call with {contact.name}. Press p to prepare it.")

        self.app.push_screen(InterviewForm(self.notebook, contact), saved)

    def action_prepare(self) -> None:
        from .interview_form import InterviewForm

        if (contact := self.current()) is None:
            return
        interview = self.notebook.next_interview(contact.id)
        if interview is not None:
            self.open_prep(interview.id)
            return

        def saved(interview_id: int | None) -> None:
            if interview_id is not None:
                self.refresh_list(keep=contact.id)
                self.open_prep(interview_id)

        self.notify(f"No call planned with {contact.name} yet: schedule one first")
        self.app.push_screen(InterviewForm(self.notebook, contact), saved)

    def action_call(self) -> None:
        """Start the contact's next planned call (or, asked first, an unplanned one now), or go
        back to the call that is running: navigation.py's StartCall, as from Today and prep."""
        running = self.notebook.active_call()
        if running is not None:
            self.post_message(OpenCall(running.id))
            return
        if (contact := self.current()) is not None:
            self.post_message(StartCall(contact.id))

    def open_prep(self, interview_id: int) -> None:
        self.post_message(OpenPrep(interview_id))  # on_screen_resume updates the list

    # The places below update the list when they close (on_screen_resume).

    def action_outreach(self) -> None:
        if (contact := self.current()) is not None:
            self.post_message(OpenOutreach(contact.id))

    def action_today(self) -> None:
        """Today: calls, thank-you notes, follow-ups and replies due, each one key away."""
        self.post_message(OpenToday())

    def action_stats(self) -> None:
        """The funnel, reply rate, call timing and deepest referral chain."""
        self.post_message(OpenStats())

    def action_import_contacts(self) -> None:
        self.post_message(OpenImport())

    def action_export(self) -> None:
        self.post_message(OpenExport())

    def action_question_bank(self) -> None:
        self.post_message(OpenQuestionBank())

    def action_settings(self) -> None:
        self.post_message(OpenSettings())

    def action_delete_contact(self) -> None:
        from .confirm import ConfirmScreen

        if (contact := self.current()) is None:
            return
        count = len(self.notebook.interviews_of(contact.id))
        extra = f" and {count} interview{'s' if count != 1 else ''}" if count else ""
        question = f"Delete {contact.name}{extra}?\nYou can undo with u."

        def answered(yes: bool | None) -> None:
            if yes:
                deleted = apply_edit(self, lambda: self.notebook.delete_contact(contact.id))
                if deleted is None:
                    return
                self.last_deleted = deleted
                self.refresh_list(tags_changed=True)
                self.notify(f"Deleted {contact.name}. Press u to undo.")

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    def action_undo_delete(self) -> None:
        if self.last_deleted is None:
            self.notify("Nothing to undo", severity="warning")
            return
        last_deleted = self.last_deleted
        contact = apply_edit(self, lambda: self.notebook.undo_delete(last_deleted))
        if contact is None:
            return
        self.last_deleted = None
        self.refresh_list(keep=contact.id, tags_changed=True)
        self.notify(f"Restored {contact.name}")

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_filter(self) -> None:
        self.query_one("#stage-filter").focus()

    def action_cycle_sort(self) -> None:
        self.sort = self.sort.following()
        self.notify(f"Sorted by {self.sort.value}", timeout=2)

    def action_focus_notes(self) -> None:
        if self.query_one(ContactList).current is not None:
            self.query_one("#notes").focus()

    def action_focus_list(self) -> None:
        self.query_one(ContactList).focus()

    def action_history(self) -> None:
        """Every interview with the selected contact, newest first."""
        if (contact := self.current()) is not None:
            self.post_message(OpenHistory(contact.id))  # resume updates

    def action_search_notes(self) -> None:
        """Search every note (contact, research, interview notes and debriefs)."""
        self.post_message(OpenNoteSearch())
