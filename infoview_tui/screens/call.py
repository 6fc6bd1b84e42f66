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
from textual.screen import Screen
from textual.widgets import Input, Static

from ..model import AgendaItem, Interview, ItemState, ValidationError
from ..model import call as clock
from ..notebook import CLOSING_KEYS, OPENING_KEY, Notebook
from ..widgets.app_header import AppHeader
from ..widgets.checklist import Checklist, ChecklistView, display_order
from ..widgets.countdown import Countdown, Reading
from ..widgets.key_footer import KeyFooter
from .debrief import DebriefScreen

TICK_SECONDS = 0.25
END_CONFIRM_SECONDS = 3.0


class Entry(StrEnum):
    """What the line at the bottom is taking."""

    NOTE = "note"
    REFERRAL = "referral"
    QUESTION = "question"


PLACEHOLDERS = {
    Entry.NOTE: "quick note: enter stores it with the call time (esc: back to the list)",
    Entry.REFERRAL: "someone they suggest: Name, Organisation (enter adds them to contact)",
    Entry.QUESTION: "a question that came up: enter adds it to the checklist",
}


class CallScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "entry('note')", "Note"),
        Binding("r", "entry('referral')", "Referral"),
        Binding("a", "entry('question')", "Add question"),
        Binding("p", "pause", "Pause/resume"),
        Binding("plus,equals_sign", "extend", "+5 min"),
        Binding("E", "end_call", "End call"),
        Binding("X", "discard", "Discard call", show=False),
        Binding("escape", "leave", "Back"),
        *(Binding(str(n), f"tick({n})", f"Tick {n}", show=False) for n in range(1, 10)),
    ]

    def __init__(self, notebook: Notebook, interview_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.interview_id = interview_id
        self.entry_mode = Entry.NOTE
        self._end_pressed_at: float | None = None
        self._was_over = False

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
        order = display_order(items, reading.closing)
        return ChecklistView(items, order, late, pitch), pace

    def compose(self) -> ComposeResult:
        reading = self.reading()
        view, pace = self.checklist_view(reading)
        yield AppHeader()
        countdown = Countdown(id="countdown")
        countdown.border_title = self.title_text()
        yield countdown
        yield Static(pace.summary(), id="pacing")
        yield Checklist(view, id="checklist")
        yield Input(placeholder=PLACEHOLDERS[Entry.NOTE], id="entry", compact=True)
        yield KeyFooter()

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
        self.query_one(Checklist).show(view)
        text = pace.summary()
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
        self.notebook.set_agenda(self.interview_id, event.items)
        self.tick()

    @on(Input.Submitted, "#entry")
    def _entered(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one(Checklist).focus()
            return
        checklist = self.query_one(Checklist)
        if self.entry_mode is Entry.NOTE:
            question = checklist.current_question()
            if not self.app.guarded(  # type: ignore[attr-defined]
                lambda: self.notebook.add_call_note(self.interview_id, text, question)
            ):
                return
            self.notify("Noted", timeout=1.5)
        elif self.entry_mode is Entry.REFERRAL:
            name, _, organization = text.partition(",")
            try:
                suggested = self.notebook.capture_referral(
                    self.interview.contact_id, name.strip(), organization.strip()
                )
            except ValueError as exc:
                self.notify(str(exc), severity="error")
                return
            referrer = self.notebook.contacts[self.interview.contact_id].name
            self.notify(suggested.message(referrer), timeout=4)
        else:
            agenda = self.interview.agenda
            closing_at = next(
                (i for i, item in enumerate(agenda) if item.key in CLOSING_KEYS), len(agenda)
            )
            new = (*agenda[:closing_at], AgendaItem(text=text), *agenda[closing_at:])
            self.notebook.set_agenda(self.interview_id, new)
            self.tick()
        event.input.value = ""
        self.action_entry(Entry.NOTE.value, focus=False)
        checklist.focus()

    # ----- actions ------------------------------------------------------------------------

    def action_entry(self, mode: str, focus: bool = True) -> None:
        self.entry_mode = Entry(mode)
        field = self.query_one("#entry", Input)
        field.placeholder = PLACEHOLDERS[self.entry_mode]
        if focus:
            field.focus()

    def action_tick(self, number: int) -> None:
        self.query_one(Checklist).tick_number(number)

    def action_pause(self) -> None:
        self.notebook.toggle_pause(self.interview_id)
        self.tick()

    def action_extend(self) -> None:
        self.notebook.extend_call(self.interview_id)
        self.query_one(Countdown).border_title = self.title_text()
        self.tick()
        self.notify("+5 minutes (the agreed length stays as agreed)", timeout=1.5)

    def action_end_call(self) -> None:
        now = self.notebook.monotonic()
        if self._end_pressed_at is None or now - self._end_pressed_at > END_CONFIRM_SECONDS:
            self._end_pressed_at = now
            self.notify("Press E again to end the call", timeout=END_CONFIRM_SECONDS)
            return
        interview = self.notebook.end_call(self.interview_id)
        self.app.switch_screen(DebriefScreen(self.notebook, interview.id, just_ended=True))

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
            try:
                self.notebook.discard_call(self.interview_id)
            except ValidationError as exc:
                self.notify(exc.message, severity="error")
                return
            self.notify(f"Call with {name} discarded: nothing recorded", timeout=4)
            self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep it"), answered)

    def action_leave(self) -> None:
        entry = self.query_one("#entry", Input)
        if entry.has_focus:  # escape in the line at the bottom: back to the checklist
            entry.value = ""
            self.action_entry(Entry.NOTE.value, focus=False)
            self.query_one(Checklist).focus()
            return
        self.notify("The call keeps running: press c on the contact to come back.", timeout=4)
        self.dismiss(None)
