"""The live call: countdown, checklist, pacing, quick notes and referrals, all on one screen.

The countdown is computed from the interview's stored call timestamps and the app's clock on
every tick (a tick only redraws), so a blocked loop or a restart cannot make it drift. Nothing
modal ever covers it: notes, referrals and new questions are typed in the line at the bottom.
"""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, Static

from ..edits import TOO_LONG, apply_edit, edit_made
from ..model import AgendaItem, Interview, ItemState
from ..model import call as clock
from ..model.interview import CLOSING_KEYS, OPENING_KEY
from ..navigation import OpenDebrief
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.checklist import Checklist, ChecklistView, first_closing
from ..widgets.countdown import Countdown, Reading
from ..widgets.key_footer import KeyFooter

TICK_SECONDS = 0.25
END_CONFIRM_SECONDS = 3.0


class Entry(StrEnum):
    """What the line at the bottom is taking."""

    NOTE = "note"
    REFERRAL = "referral"
    QUESTION = "question"
    TICK = "tick"


PLACEHOLDERS = {
    Entry.NOTE: "quick note: enter stores it with the call time (esc keeps it for later)",
    Entry.REFERRAL: "someone they suggest: Name, Organisation (enter adds them to contact)",
    Entry.QUESTION: "a question that came up: enter adds it to the checklist",
    Entry.TICK: "tick item number: enter ticks it (1-9 and 0 = 10 tick at once)",
}
DRAFT_WORDS = {
    Entry.NOTE: "",
    Entry.REFERRAL: "someone they suggest (not added yet): ",
    Entry.QUESTION: "a question that came up (not added yet): ",
}
"""How a line typed but never entered is kept in the call's notes (never thrown away)."""


class CallScreen(Screen[None]):
    # The footer is compact and lists the call's own keys, most needed first, so all fit at
    # 80 columns (the checklist's keys are on its bottom edge; ? lists every key).
    BINDINGS = [
        Binding("E", "end_call", "End call", id="call.end_call"),
        Binding("plus,equals_sign", "extend", "5 min", id="call.extend"),
        Binding("p", "pause", "Pause", id="call.pause"),
        Binding("n", "entry('note')", "Note", id="call.entry_note"),
        Binding("r", "entry('referral')", "Referral", id="call.entry_referral"),
        Binding("a", "entry('question')", "Question", id="call.entry_question"),
        Binding("X", "discard", "Discard call", show=False, id="call.discard"),
        Binding(
            "escape", "line_back", "Keep it, to the checklist", id="call.line_back"
        ),  # while typing
        Binding("escape", "leave", "List", id="call.leave"),
        *(
            Binding(str(n), f"tick({n})", f"Tick {n}", show=False, id=f"call.tick_{n}")
            for n in range(1, 10)
        ),
        Binding("0", "tick(10)", "Tick 10", show=False, id="call.tick_10"),
        Binding("t", "entry('tick')", "Tick item by number", show=False, id="call.entry_tick"),
    ]

    def __init__(self, notebook: Notebook, interview_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.interview_id = interview_id
        self.entry_mode = Entry.NOTE
        self._end_pressed_at: float | None = None
        self._was_over = False
        self._was_closing = False
        self.drafts: dict[Entry, str] = {}
        self._line = ""
        """The line at the bottom as last typed (kept for when the screen is taken down)."""
        """What was typed in the line at the bottom and not entered, by what it was for."""

    @property
    def interview(self) -> Interview:
        return self.notebook.interviews[self.interview_id]

    # ----- state down -------------------------------------------------------------------

    def reading(self) -> Reading:
        interview = self.interview
        assert interview.call is not None
        now = self.notebook.clock()
        remaining = clock.remaining(interview.call, interview.agreed_minutes, now)
        closing = self.notebook.settings.closing_minutes
        return Reading(
            remaining=remaining,
            total=clock.total_seconds(interview.call, interview.agreed_minutes),
            phase=clock.phase(remaining),
            paused=clock.is_paused(interview.call),
            time_of_day=now.astimezone().strftime("%H:%M"),
            closing=clock.in_closing_block(remaining, closing),
        )

    def checklist_view(self, reading: Reading) -> tuple[ChecklistView, clock.Pacing]:
        interview = self.interview
        items = interview.agenda
        questions = [
            i
            for i, item in enumerate(items)
            if item.state is ItemState.OPEN and item.key not in (OPENING_KEY, *CLOSING_KEYS)
        ]
        questions.sort(key=lambda i: not items[i].must_ask)  # must-ask first
        pace = clock.pacing(
            len(questions), reading.remaining, self.notebook.settings.closing_minutes
        )
        late = frozenset(questions[pace.fit_count :])
        pitch = interview.pitch or self.notebook.settings.pitch
        return ChecklistView(items, late, pitch), pace

    def pacing_text(self, view: ChecklistView, pace: clock.Pacing) -> str:
        """The pacing line, naming the items marked as not fitting by their numbers."""
        return pace.summary([i + 1 for i in view.late])

    def compose(self) -> ComposeResult:
        reading = self.reading()
        view, pace = self.checklist_view(reading)
        yield AppHeader()
        countdown = Countdown(id="countdown")
        countdown.border_title = self.title_text()
        yield countdown
        yield Static(self.pacing_text(view, pace), id="pacing")
        yield Checklist(view, id="checklist")
        yield Input(
            placeholder=PLACEHOLDERS[Entry.NOTE], id="entry", compact=True, select_on_focus=False
        )
        yield KeyFooter(compact=True, show_command_palette=False)

    def title_text(self) -> str:
        """ "Call with Jonas Weber · 20 min agreed", with "+ 5" once extended."""
        interview = self.interview
        contact = self.notebook.contacts[interview.contact_id]
        agreed = clock.agreed_label(interview.agreed_minutes, interview.call)
        return f"Call with {contact.name} · {agreed}"

    def on_mount(self) -> None:
        self.query_one(Checklist).focus()
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)

    def tick(self) -> None:
        """Redraw from the stored timestamps; nothing is counted here."""
        interview = self.notebook.interviews.get(self.interview_id)
        if interview is None or interview.call is None or interview.call.ended:
            return
        reading = self.reading()
        self.query_one(Countdown).reading = reading
        view, pace = self.checklist_view(reading)
        checklist = self.query_one(Checklist)
        checklist.show(view)
        first = first_closing(view.items)
        if reading.closing and not self._was_closing and first is not None:
            # The closing block starts (or the call reopens inside it): its first ask next.
            checklist.highlight_index(first)
        self._was_closing = reading.closing
        text = self.pacing_text(view, pace)
        if reading.phase is clock.Phase.OVER:
            text = "Time is up: offer to wrap up (or + for 5 more minutes). " + text
        self.query_one("#pacing", Static).update(text)
        over = reading.phase is clock.Phase.OVER
        if over and not self._was_over:
            self.notify(
                "The agreed time is up: thank them and offer to wrap up.", title="Time", timeout=8
            )
        self._was_over = over

    # ----- messages up --------------------------------------------------------------------

    @on(Checklist.Changed)
    def _changed(self, event: Checklist.Changed) -> None:
        apply_edit(self, lambda: self.notebook.set_agenda(self.interview_id, event.items))
        self.tick()

    @on(Input.Submitted, "#entry")
    def _entered(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one(Checklist).focus()
            return
        checklist = self.query_one(Checklist)
        if self.entry_mode is Entry.TICK:
            if not (text.isdigit() and checklist.tick_number(int(text))):
                count = len(self.interview.agenda)
                self.notify(f"No item {text}: the items are 1 to {count}", severity="warning")
                return
        elif self.entry_mode is Entry.NOTE:
            question = checklist.current_question()
            if not edit_made(
                self,
                lambda: self.notebook.add_call_note(self.interview_id, text, question),
                hint=TOO_LONG,
            ):
                return
            self.notify("Noted", timeout=1.5)
        elif self.entry_mode is Entry.REFERRAL:
            name, _, organization = text.partition(",")
            suggested = apply_edit(
                self,
                lambda: self.notebook.capture_referral(
                    self.interview.contact_id, name.strip(), organization.strip()
                ),
                title="Not added",
            )
            if suggested is None:
                return
            referrer = self.notebook.contacts[self.interview.contact_id].name
            self.notify(suggested.message(referrer), timeout=4)
        else:
            agenda = self.interview.agenda
            closing_at = next(
                (i for i, item in enumerate(agenda) if item.key in CLOSING_KEYS), len(agenda)
            )
            new = (*agenda[:closing_at], AgendaItem(text=text), *agenda[closing_at:])
            if apply_edit(self, lambda: self.notebook.set_agenda(self.interview_id, new)) is None:
                return
            checklist.inserted(closing_at)
            self.tick()
        event.input.value = ""
        self.action_entry(Entry.NOTE.value, focus=False)
        checklist.focus()

    # ----- actions ------------------------------------------------------------------------

    def action_entry(self, mode: str, focus: bool = True) -> None:
        """Type in the line at the bottom for ``mode``; what was typed for another use and not
        entered is put aside and comes back with its key."""
        field = self.query_one("#entry", Input)
        new = Entry(mode)
        if new is not self.entry_mode:
            if field.value.strip():
                self.drafts[self.entry_mode] = field.value
            else:
                self.drafts.pop(self.entry_mode, None)
            field.value = self.drafts.pop(new, "")
        self.entry_mode = new
        field.placeholder = PLACEHOLDERS[new]
        field.cursor_position = len(field.value)  # go on typing after what was kept
        if focus:
            field.focus()

    def unsent(self) -> dict[Entry, str]:
        """What was typed in the line at the bottom and not entered yet, by its use."""
        typed = {mode: text for mode, text in self.drafts.items() if text.strip()}
        field = self._entry_line()
        line = field.value if field is not None else self._line  # the screen is going
        if line.strip():
            typed[self.entry_mode] = line
        return typed

    @on(Input.Changed, "#entry")
    def _typed(self, event: Input.Changed) -> None:
        self._line = event.value

    def _entry_line(self) -> Input | None:
        """The line at the bottom (None once the screen is being taken down)."""
        try:
            return self.query_one("#entry", Input)
        except NoMatches:
            return None

    def keep_unsent(self) -> None:
        """Typed words are never lost: leaving the call (or ending it, or quitting) with a line
        typed but not entered keeps it in the call's notes. A number for t is not kept."""
        typed = self.unsent()
        self.drafts.clear()
        self._line = ""
        if (field := self._entry_line()) is not None:
            field.value = ""
        if self.interview_id not in self.notebook.interviews:
            return  # the call was discarded
        kept = 0
        for mode, text in typed.items():
            if mode is Entry.TICK:
                continue
            line = DRAFT_WORDS[mode] + " ".join(text.split())

            def keep(line: str = line) -> object:
                return self.notebook.add_call_note(self.interview_id, line)

            if edit_made(self, keep):
                kept += 1
        if kept:
            self.app.notify("What you typed and did not enter is kept in the call's notes.")

    def on_unmount(self) -> None:
        # Quitting (or a signal) while a line is half typed: keep it before the last save.
        self.keep_unsent()

    TYPING_HIDES = frozenset({"end_call", "extend", "pause", "entry", "tick", "discard", "leave"})
    """Keys that go into the line at the bottom while it is typed in: not in the footer then."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.is_mounted and (field := self._entry_line()) is not None and field.has_focus
        if action == "line_back":
            return typing
        return not (typing and action in self.TYPING_HIDES)

    def action_line_back(self) -> None:
        self.action_leave()

    def action_tick(self, number: int) -> None:
        self.query_one(Checklist).tick_number(number)

    def action_pause(self) -> None:
        apply_edit(self, lambda: self.notebook.toggle_pause(self.interview_id))
        self.tick()

    def action_extend(self) -> None:
        if apply_edit(self, lambda: self.notebook.extend_call(self.interview_id)) is None:
            return
        self.query_one(Countdown).border_title = self.title_text()
        self.tick()
        self.notify("+5 minutes (the agreed length stays as agreed)", timeout=1.5)

    def action_end_call(self) -> None:
        now = self.notebook.monotonic()
        if self._end_pressed_at is None or now - self._end_pressed_at > END_CONFIRM_SECONDS:
            self._end_pressed_at = now
            self.notify("Press E again to end the call", timeout=END_CONFIRM_SECONDS)
            return
        self.keep_unsent()
        interview = apply_edit(self, lambda: self.notebook.end_call(self.interview_id))
        if interview is not None:
            self.post_message(OpenDebrief(interview.id, just_ended=True, replace=True))

    def action_discard(self) -> None:
        """A call started by mistake: gone without a trace (an unplanned one), or back to
        planned (a planned one). Asks first; the contact's stage is never touched."""
        from .confirm import ConfirmScreen

        interview = self.interview
        name = self.notebook.contacts[interview.contact_id].name
        if interview.when:
            question = (
                f"Discard this call with {name}?\nIt goes back to planned; nothing is recorded "
                "as held. Notes typed during it are kept."
            )
        else:
            notes = " and what was noted during it" if interview.notes.strip() else ""
            question = (
                f"Discard this call with {name}?\nIt was not planned: the call{notes} will "
                "not be kept."
            )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if not edit_made(
                self, lambda: self.notebook.discard_call(self.interview_id), title="Not discarded"
            ):
                return
            self.notify(f"Call with {name} discarded: nothing recorded", timeout=4)
            self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep it"), answered)

    def action_leave(self) -> None:
        entry = self.query_one("#entry", Input)
        if entry.has_focus:  # escape in the line at the bottom: back to the checklist
            if entry.value.strip():  # what was typed stays in the line, never thrown away
                key = {Entry.NOTE: "n", Entry.REFERRAL: "r", Entry.QUESTION: "a"}.get(
                    self.entry_mode, "t"
                )
                self.notify(f"Kept what you typed: {key} to go on with it", timeout=3)
            else:
                entry.value = ""
                self.action_entry(Entry.NOTE.value, focus=False)
            self.query_one(Checklist).focus()
            return
        self.keep_unsent()
        self.notify("The call keeps running: press c on the contact to come back.", timeout=4)
        self.dismiss(None)
