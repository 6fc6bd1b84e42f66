"""The help screen: every key binding, taken from the bindings themselves so it cannot drift."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.key_footer import KeyFooter

ABOUT = (
    "infoview keeps the people you want to learn from, what you plan to ask them, and what "
    "they told you. Everything you type is saved by itself within a second."
)


def bindings_table(
    groups: list[tuple[str, list[Binding]]], display: Callable[[Binding], str]
) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in groups:
        table.add_row("", "")
        table.add_row(f"[u]{title}[/u]", "")
        for binding in bindings:
            if binding.description:
                keys = ", ".join(
                    display(dataclasses.replace(binding, key=key.strip()))
                    for key in binding.key.split(",")
                )
                table.add_row(keys, binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.dismiss")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        # The screen's own keys on the left, the keys that work everywhere on the right.
        left, right = self.groups[1:2], [self.groups[0], *self.groups[2:]]
        with VerticalScroll(classes="dialog", id="help"):
            yield Static("[b]infoview keys[/b]\n\n" + ABOUT)
            with Horizontal(id="help-columns"):
                display = self.app.get_key_display
                yield Static(bindings_table(left, display), classes="help-column")
                yield Static(bindings_table(right, display), classes="help-column")
            yield Static("\nPress escape to close.", classes="muted")
        yield KeyFooter()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
