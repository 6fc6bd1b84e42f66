"""Profile and settings: who you are, your introduction, call lengths, follow-up intervals."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from ..model import Stage
from ..model.prep import pitch_verdict
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.field_errors import show_field_errors
from ..widgets.key_footer import KeyFooter

# (setting, label, low, high)
NUMBERS: list[tuple[str, str, int, int]] = [
    ("default_minutes", "Default call length (minutes)", 5, 90),
    ("closing_minutes", "Closing block (minutes)", 0, 30),
    ("thank_you_days", "Thank-you within (days)", 1, 14),
    ("losing_touch_weeks", "Losing touch after (weeks)", 1, 104),
]
TEXTS: list[tuple[str, str, str]] = [
    ("name", "Your name", ""),
    ("background", "About you (one line)", "e.g. a chemistry graduate looking at science policy"),
    ("signature", "Signature", "how you sign emails"),
]
STAGES_WITH_FOLLOW_UP = [s for s in Stage if s is not Stage.DECLINED]


class SettingsScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "back", "Back", id="settings.back"),
    ]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook

    def compose(self) -> ComposeResult:
        settings = self.notebook.settings
        yield AppHeader()
        with VerticalScroll(id="settings"):
            yield Static("Profile", classes="section-title")
            for key, label, placeholder in TEXTS:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label wide")
                    yield Input(
                        getattr(settings, key), placeholder=placeholder, id=f"s-{key}", compact=True
                    )
            yield Label("Your introduction (15-30 seconds spoken)", classes="form-label")
            yield TextArea(settings.pitch, id="s-pitch", soft_wrap=True, classes="form-text")
            yield Static(pitch_verdict(settings.pitch)[1], id="pitch-estimate", classes="muted")
            yield Static("Calls", classes="section-title")
            for key, label, low, high in NUMBERS:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label wide")
                    yield Input(
                        str(getattr(settings, key)),
                        id=f"s-{key}",
                        compact=True,
                        type="integer",
                        placeholder=f"{low}-{high}",
                    )
                yield Static("", id=f"e-{key}", classes="form-error wide")
            yield Checkbox(
                "Ring the terminal bell at closing time and when time is up",
                settings.bell,
                id="s-bell",
                compact=True,
            )
            yield Static("Next action after a stage change (days)", classes="section-title")
            for stage in STAGES_WITH_FOLLOW_UP:
                with Horizontal(classes="form-row"):
                    yield Label(f"{stage.glyph} {stage.label}", classes="form-label wide")
                    yield Input(
                        str(settings.follow_up_days.get(stage, "")),
                        compact=True,
                        id=f"d-{stage.value}",
                        type="integer",
                        placeholder="0-3650",
                    )
                yield Static("", id=f"e-d-{stage.value}", classes="form-error wide")
            yield Static("Look", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Label("Theme", classes="form-label wide")
                themes = sorted(self.app.available_themes)
                yield Select(
                    [(t, t) for t in themes],
                    value=self.app.theme,
                    allow_blank=False,
                    compact=True,
                    id="s-theme",
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#s-name", Input).focus()

    @on(TextArea.Changed, "#s-pitch")
    def _pitch(self, event: TextArea.Changed) -> None:
        self.query_one("#pitch-estimate", Static).update(pitch_verdict(event.text_area.text)[1])

    @on(Select.Changed, "#s-theme")
    def _theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.app.theme = event.value  # a preview; kept when saved

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for key, _, _ in TEXTS:
            values[key] = self.query_one(f"#s-{key}", Input).value.strip()
        values["pitch"] = self.query_one("#s-pitch", TextArea).text.strip()
        for key, _, low, high in NUMBERS:
            number = _number(self.query_one(f"#s-{key}", Input).value)
            if number is None or not low <= number <= high:
                errors[key] = f"a whole number from {low} to {high}"
            values[key] = number
        days: dict[str, int] = {}
        for stage in STAGES_WITH_FOLLOW_UP:
            number = _number(self.query_one(f"#d-{stage.value}", Input).value)
            if number is None or not 0 <= number <= 3650:
                errors[f"d-{stage.value}"] = "a whole number of days from 0 to 3650"
            else:
                days[stage.value] = number
        values["follow_up_days"] = days
        values["bell"] = self.query_one("#s-bell", Checkbox).value
        theme = self.query_one("#s-theme", Select).value
        values["theme"] = theme if isinstance(theme, str) else ""
        return values, errors

    def action_save(self) -> None:
        values, errors = self.collect()
        show_field_errors(self, errors)
        if errors:
            self.notify(f"{len(errors)} setting(s) need fixing", severity="error")
            return
        self.notebook.update_settings(**values)
        self.notify("Settings saved")
        self.dismiss(None)

    def action_back(self) -> None:
        saved = self.notebook.settings.theme
        if saved and saved != self.app.theme:
            self.app.theme = saved  # undo an unsaved preview
        self.dismiss(None)


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() else None
