"""An Input whose completion is taken with tab as well as with →."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from ..textual_patches import input_suggestion


class CompletingInput(Input):
    """Tab takes the suggestion on show (the grey rest of a name) and then moves on, as the
    eye expects; with nothing suggested, tab moves on as in any other field."""

    BINDINGS = [
        Binding(
            "tab",
            "accept_and_next",
            "Accept and next",
            show=False,
            id="completing_input.accept_and_next",
        )
    ]

    @property
    def suggestion_shown(self) -> str:
        """The completion drawn after the cursor now, or "" (Textual keeps it privately)."""
        suggestion = input_suggestion(self)
        if self.cursor_at_end and len(suggestion) > len(self.value):
            return suggestion
        return ""

    def accept_suggestion(self) -> bool:
        """Take the suggestion on show; whether there was one."""
        suggestion = self.suggestion_shown
        if suggestion:
            self.value = suggestion
            self.cursor_position = len(suggestion)
        return bool(suggestion)

    def action_accept_and_next(self) -> None:
        self.accept_suggestion()
        self.screen.focus_next()
