"""The help screen: every key binding, taken from the bindings themselves so it cannot drift."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

ABOUT = (
    "infoview keeps the people you want to learn from, what you plan to ask them, and what "
    "they told you. Everything you type is saved by itself within a second."
)


def bindings_table(groups: list[tuple[str, list[Binding]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in groups:
        table.add_row("", "")
        table.add_row(f"[u]{title}[/u]", "")
        for binding in bindings:
            if binding.description:
                keys = ", ".join(k.strip() for k in binding.key.split(","))
                table.add_row(
                    keys.replace("question_mark", "?").replace("slash", "/"), binding.description
                )
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static("[b]infoview keys[/b]\n\n" + ABOUT)
            yield Static(bindings_table(self.groups))
            yield Static("\nPress escape to close.", classes="muted")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
