"""Pick which of the names received in a call become contacts (all ticked to start with)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from ..model.debrief import Name
from ..widgets.key_footer import KeyFooter


def label(name: Name) -> str:
    return f"{name.name}, {name.organization}" if name.organization else name.name


class NamesPicker(ModalScreen[list[Name] | None]):
    BINDINGS = [
        Binding("a,ctrl+s", "add", "Add ticked", priority=True, id="names_picker.add"),
        Binding("escape", "cancel", "Cancel", id="names_picker.cancel"),
    ]

    def __init__(self, referrer: str, names: list[Name]) -> None:
        super().__init__()
        self.referrer = referrer
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Static(f"Names {self.referrer} gave you", classes="dialog-title")
            yield Static(
                "Each ticked name becomes a contact to reach out to, referred by "
                f"{self.referrer}. Space ticks or unticks; a adds them.",
                classes="dialog-text",
            )
            yield SelectionList[int](
                *((label(name), i, True) for i, name in enumerate(self.names)), id="names"
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_add(self) -> None:
        chosen = self.query_one("#names", SelectionList).selected
        self.dismiss([self.names[i] for i in sorted(chosen)])

    def action_cancel(self) -> None:
        self.dismiss(None)
