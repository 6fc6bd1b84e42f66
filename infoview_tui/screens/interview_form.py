"""Schedule a call, or change one: when, how, how long, where."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ..model import Contact, Interview, Mode, Status, ValidationError
from ..model.dates import local_now
from ..model.interview import MAX_MINUTES, MIN_MINUTES
from ..model.settings import LENGTH_PRESETS
from ..notebook import Notebook
from ..widgets.field_errors import show_field_errors
from ..widgets.key_footer import KeyFooter

MODES = [
    ("video", Mode.VIDEO.value),
    ("phone", Mode.PHONE.value),
    ("in person", Mode.IN_PERSON.value),
]
STATUSES = [(s.value, s.value) for s in Status]


class InterviewForm(ModalScreen[int | None]):
    """Dismisses with the interview's id once saved, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="interview_form.save"),
        Binding("escape", "cancel", "Cancel", id="interview_form.cancel"),
    ]

    def __init__(self, notebook: Notebook, contact: Contact, interview: Interview | None = None):
        super().__init__()
        self.notebook = notebook
        self.contact = contact
        self.interview = interview

    def compose(self) -> ComposeResult:
        interview = self.interview
        if interview and interview.moment:  # planned for, or held at if it never was planned
            when = interview.planned_for or interview.moment
            day, time = when.date().isoformat(), when.strftime("%H:%M")
        else:
            day = (self.notebook.today() + timedelta(days=1)).isoformat()
            time = "15:00"
        minutes = interview.agreed_minutes if interview else self.notebook.settings.default_minutes
        title = "Change the call" if interview else f"Schedule a call with {self.contact.name}"
        with Vertical(classes="dialog", id="interview-form"):
            yield Static(title, classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="form-label")
                yield Input(day, placeholder="YYYY-MM-DD", id="f-date", compact=True)
            yield Static("", id="e-date", classes="form-error")
            with Horizontal(classes="form-row"):
                yield Label("Time", classes="form-label")
                yield Input(time, placeholder="HH:MM (24 h)", id="f-time", compact=True)
            yield Static("", id="e-time", classes="form-error")
            with Horizontal(classes="form-row"):
                yield Label("How", classes="form-label")
                yield Select(
                    MODES,
                    value=(interview.mode if interview else Mode.VIDEO).value,
                    allow_blank=False,
                    compact=True,
                    id="f-mode",
                )
            with Horizontal(classes="form-row"):
                yield Label("Minutes agreed", classes="form-label")
                yield Input(str(minutes), id="f-minutes", compact=True, type="integer")
                for preset in LENGTH_PRESETS:
                    yield Button(str(preset), id=f"preset-{preset}", compact=True, classes="preset")
            yield Static("", id="e-agreed_minutes", classes="form-error")
            yield Static(
                f"20-30 minutes is the usual ask; 10 for a phone call; any {MIN_MINUTES}-"
                f"{MAX_MINUTES}.",
                classes="muted form-hint",
            )
            with Horizontal(classes="form-row"):
                yield Label("Place or link", classes="form-label")
                yield Input(interview.place if interview else "", id="f-place", compact=True)
            yield Static("", id="e-place", classes="form-error")
            if interview:
                with Horizontal(classes="form-row"):
                    yield Label("Status", classes="form-label")
                    yield Select(
                        STATUSES,
                        value=interview.status.value,
                        allow_blank=False,
                        compact=True,
                        id="f-status",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")
        yield KeyFooter()

    @on(Button.Pressed, ".preset")
    def _preset(self, event: Button.Pressed) -> None:
        self.query_one("#f-minutes", Input).value = str(event.button.label)

    @on(Select.Changed, "#f-mode")
    def _mode(self, event: Select.Changed) -> None:
        # A phone call is usually shorter: offer 10 minutes unless the user chose a length.
        minutes = self.query_one("#f-minutes", Input)
        if event.value == Mode.PHONE.value and minutes.value == str(
            self.notebook.settings.default_minutes
        ):
            minutes.value = "10"

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def show_errors(self, errors: dict[str, str]) -> None:
        show_field_errors(self, errors)

    def action_save(self) -> None:
        errors: dict[str, str] = {}
        day = self.query_one("#f-date", Input).value.strip()
        time = self.query_one("#f-time", Input).value.strip() or "00:00"
        when = ""
        try:
            when = datetime.fromisoformat(f"{day}T{time}").isoformat(timespec="minutes")
        except ValueError:
            if not _is_date(day):
                errors["date"] = f"{day!r} is not a date; use YYYY-MM-DD"
            else:
                errors["time"] = f"{time!r} is not a time; use HH:MM"
        text = self.query_one("#f-minutes", Input).value.strip()
        minutes = int(text) if text.lstrip("-").isdigit() else 0
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            errors["agreed_minutes"] = f"give a length between {MIN_MINUTES} and {MAX_MINUTES}"
        if errors:
            self.show_errors(errors)
            return
        fields = {
            "when": when,
            "mode": self.query_one("#f-mode", Select).value,
            "agreed_minutes": minutes,
            "place": self.query_one("#f-place", Input).value,
        }
        try:
            if self.interview is None:
                saved = self.notebook.schedule_interview(self.contact.id, **fields)
            else:
                fields["status"] = self.query_one("#f-status", Select).value
                if (
                    fields["status"] == Status.DONE.value
                    and self.interview.call is None
                    and datetime.fromisoformat(when) > local_now(self.notebook.clock())
                ):
                    self.show_errors(
                        {"date": "a call planned for later cannot be done yet: change the date"}
                    )
                    return
                saved = self.notebook.update_interview(self.interview.id, **fields)
        except ValidationError as exc:
            # "when" is typed in two fields: a date out of range is said under the date
            self.show_errors({"date" if exc.field == "when" else exc.field: exc.message})
            return
        self.dismiss(saved.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _is_date(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
