"""A contact's history: every interview, newest first, with its length, status, thank-you
note, notes and debrief (rendered markdown), in one scrollable view."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..edits import apply_edit
from ..markdown_render import render
from ..model import Interview, Status
from ..model import call as clock
from ..model.due import ThankYou, thank_you_deadline, thank_you_state
from ..model.interview import MODE_LABELS, planned_is_past, planned_time
from ..navigation import OpenDebrief, OpenInterviewNotes
from ..notebook import Deleted, Notebook
from ..widgets.app_header import AppHeader
from ..widgets.key_footer import KeyFooter
from ..widgets.markdown_editor import theme_styles

STATUSES = {
    Status.PLANNED: "planned",
    Status.DONE: "held",
    Status.CANCELLED: "cancelled",
    Status.MISSED: "missed",
}


def _at(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def when_label(interview: Interview) -> str:
    """The time meant: when it was held once its call started ("held Sun 22 Nov 2026,
    14:02"), else when it is planned for ("Sun 22 Nov 2026, 15:00"), or "no date set"."""
    held = interview.held_start
    if held is not None:
        return f"held {_at(held)}"
    planned = interview.planned_for
    if planned is None:
        return interview.when or "no date set"
    return _at(planned)


def status_label(interview: Interview, now: datetime) -> str:
    """ "held", "planned", "running now", "not held yet / missed?" (its time has passed),
    "missed", "cancelled"; with "planned for ..." when it was held at another time and
    "moved from ..." when it was rescheduled."""
    words: list[str] = []
    if planned_is_past(interview, now):
        words.append("not held yet / missed? (m)")
    elif not interview.running:  # a running one: its length already says "running now"
        words.append(STATUSES[interview.status])
    planned, held = interview.planned_for, interview.held_start
    if held is not None:
        if planned is None:
            words.append("unplanned")
        elif abs(held - planned) >= timedelta(minutes=1):
            words.append(f"planned for {_at(planned)}")
    if interview.rescheduled_from:
        before = planned_time(interview.rescheduled_from[-1])
        words.append(f"moved from {_at(before) if before else interview.rescheduled_from[-1]}")
    return " · ".join(words)


def length_label(interview: Interview) -> str:
    """Agreed against actual: "30 min agreed · lasted 33:00 (3:00 over)"; an extension
    shows as "20 min agreed + 5" and "over" counts from the extended length."""
    agreed = clock.agreed_label(interview.agreed_minutes, interview.call)
    state = interview.call
    if state is None:
        return agreed if interview.status is not Status.DONE else f"{agreed} · not timed"
    if not state.ended:
        return f"{agreed} · running now"
    actual = clock.actual_minutes(state) * 60
    over = clock.over_under_seconds(state, interview.agreed_minutes)
    if round(over) == 0:
        side = "on time"
    else:
        side = f"{clock.format_clock(abs(over))} {'over' if over > 0 else 'under'}"
    return f"{agreed} · lasted {clock.format_clock(actual)} ({side})"


def thank_you_label(interview: Interview, now: datetime, days: int) -> str:
    """ "thank-you sent 2026-11-23", "thank-you due by Tue 24 Nov 15:33", "... overdue"."""
    state = thank_you_state(interview, now, days)
    if state is None:
        return ""
    if state is ThankYou.SENT:
        return f"thank-you sent {interview.thanked}"
    deadline = thank_you_deadline(interview, days)
    if deadline is None:
        return "thank-you to send"
    at = f"{deadline:%a} {deadline.day} {deadline:%b %H:%M}"
    if state is ThankYou.OVERDUE:
        return f"thank-you overdue (was due {at})"
    return f"thank-you due by {at}"


def facts(interview: Interview, now: datetime, thank_you_days: int) -> str:
    """The card's first line: mode, place, length, status, thank-you."""
    mode = MODE_LABELS[interview.mode]
    if interview.place:
        mode = f"{mode} · {interview.place}"
    parts = [mode, length_label(interview)]
    if status := status_label(interview, now):
        parts.append(status)
    if thanks := thank_you_label(interview, now, thank_you_days):
        parts.append(thanks)
    return " · ".join(parts)


class InterviewCard(Vertical, can_focus=True):
    """One interview in the history; focus it to act on it (enter, b)."""

    BINDINGS = [
        Binding("up", "screen.move(-1)", "Previous", show=False, id="history.previous"),
        Binding("down", "screen.move(1)", "Next", show=False, id="history.next"),
    ]

    def __init__(self, interview: Interview, body: list[Static]) -> None:
        super().__init__(*body, id=f"interview-{interview.id}", classes="interview-card")
        self.interview_id = interview.id
        self.border_title = when_label(interview)


class HistoryScreen(Screen[None]):
    TITLE = "History"
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back"),
        Binding("enter", "notes", "Notes", id="history.notes"),
        Binding("b", "debrief", "Debrief", id="history.debrief"),
        Binding(
            "m",
            "outcome",
            "Missed/moved",
            tooltip="Missed, cancelled or rescheduled",
            id="history.outcome",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            tooltip="Delete an interview recorded by mistake",
            id="history.delete",
        ),
        Binding("u", "undo_delete", "Undo delete", show=False, id="history.undo_delete"),
    ]

    def __init__(self, notebook: Notebook, contact_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.contact_id = contact_id
        self._focus_id: int | None = None
        self.last_deleted: Deleted | None = None

    @property
    def interviews(self) -> list[Interview]:
        return self.notebook.interviews_of(self.contact_id)

    def compose(self) -> ComposeResult:
        contact = self.notebook.contacts[self.contact_id]
        interviews = self.interviews
        count = len(interviews)
        head = f"History with {contact.name}"
        if contact.headline:
            head += f" · {contact.headline}"
        if count:
            head += f" · {count} interview{'s' if count != 1 else ''}, newest first"
        yield AppHeader()
        yield Static(head, id="history-title")
        with VerticalScroll(id="history", can_focus=False):
            if not interviews:
                yield Static(
                    f"No interviews with {contact.name} yet. Press i on the contact list to "
                    "schedule one, or c to start a call now.",
                    id="history-empty",
                )
            now = self.notebook.clock()
            styles = theme_styles(self.app.get_css_variables())
            for interview in interviews:
                yield self.card(interview, now, styles)
        yield KeyFooter()

    def card(self, interview: Interview, now: datetime, styles: dict[str, str]) -> InterviewCard:
        body = [
            Static(
                facts(interview, now, self.notebook.settings.thank_you_days),
                classes="card-facts",
            ),
            Static("Notes", classes="card-heading"),
            markdown(interview.notes, "(no notes: press enter to write them)", styles),
            Static("Debrief", classes="card-heading"),
            markdown(interview.debrief, "(no debrief yet: press b to write it)", styles),
        ]
        return InterviewCard(interview, body)

    def on_mount(self) -> None:
        self.focus_card(self._focus_id)

    async def on_screen_resume(self) -> None:
        # Back from the notes or the debrief: show what was written there.
        if not self.is_mounted or self._focus_id is None:
            return
        await self.recompose()
        self.focus_card(self._focus_id)
        self.call_after_refresh(self.focus_card, self._focus_id)  # scroll once laid out

    # ----- moving -------------------------------------------------------------------------

    def cards(self) -> list[InterviewCard]:
        return list(self.query(InterviewCard))

    def current(self) -> InterviewCard | None:
        focused = self.focused
        return focused if isinstance(focused, InterviewCard) else None

    def focus_card(self, interview_id: int | None) -> None:
        cards = self.cards()
        if not cards:
            return
        chosen = next((c for c in cards if c.interview_id == interview_id), cards[0])
        chosen.focus(scroll_visible=False)
        self.query_one("#history", VerticalScroll).scroll_to_widget(chosen, top=True)

    def action_move(self, step: int) -> None:
        cards = self.cards()
        current = self.current()
        if not cards or current is None:
            return
        index = max(0, min(len(cards) - 1, cards.index(current) + step))
        self.focus_card(cards[index].interview_id)

    # ----- opening ------------------------------------------------------------------------

    def _chosen(self) -> int | None:
        card = self.current()
        if card is None:
            self.notify("No interview to open", severity="warning")
            return None
        self._focus_id = card.interview_id
        return card.interview_id

    def action_notes(self) -> None:
        if (interview_id := self._chosen()) is not None:
            self.post_message(OpenInterviewNotes(interview_id))

    def action_debrief(self) -> None:
        if (interview_id := self._chosen()) is not None:
            self.post_message(OpenDebrief(interview_id))

    def action_outcome(self) -> None:
        """A planned call that was not held: missed, cancelled, or moved to a new date."""
        from .call_outcome import ask_outcome, can_mark

        if (interview_id := self._chosen()) is None:
            return
        if not can_mark(self.notebook, interview_id):
            self.notify("Only a call that has not been held can be marked missed or moved")
            return
        ask_outcome(self, self.notebook, interview_id, self._redraw)

    def action_delete(self) -> None:
        """Delete an interview recorded by mistake (asks first; u undoes it)."""
        from .confirm import ConfirmScreen

        if (interview_id := self._chosen()) is None:
            return
        interview = self.notebook.interviews[interview_id]
        what = when_label(interview)
        notes = " Its notes and debrief go with it." if interview.notes or interview.debrief else ""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if interview_id not in self.notebook.interviews:
                return
            deleted = apply_edit(self, lambda: self.notebook.delete_interview(interview_id))
            if deleted is None:
                return
            self.last_deleted = deleted
            self._focus_id = None
            self.notify(f"Deleted the interview of {what}. Press u to undo.")
            self._redraw()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the interview of {what}?{notes}\nThe contact's stage stays as it is. "
                "You can undo with u.",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    def action_undo_delete(self) -> None:
        if self.last_deleted is None:
            self.notify("Nothing to undo", severity="warning")
            return
        deleted = self.last_deleted
        if apply_edit(self, lambda: self.notebook.undo_delete(deleted)) is None:
            return
        self.last_deleted = None
        self._focus_id = deleted.interviews[0].id
        self.notify("Interview restored")
        self._redraw()

    def _redraw(self) -> None:
        async def again() -> None:
            await self.recompose()
            self.focus_card(self._focus_id)

        self.call_later(again)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no interview there is nothing to open: the footer hides enter and b.
        if action in ("notes", "debrief", "outcome", "delete") and self.is_mounted:
            return bool(self.cards())
        return True

    def action_back(self) -> None:
        self.dismiss(None)


def markdown(text: str, empty: str, styles: dict[str, str]) -> Static:
    """A note as rendered markdown in the theme's colours (``styles``), or ``empty``."""
    if not text.strip():
        return Static(empty, classes="card-text muted")
    return Static(render(text, styles), classes="card-text")
