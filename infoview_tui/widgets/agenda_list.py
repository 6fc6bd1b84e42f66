"""An interview's agenda: questions in order, must-ask marked, with reorder and remove keys."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import AgendaItem
from ..model.prep import asks_about_jobs_or_pay, is_yes_no

MUST = "★"
JOBS = "⚠"
CLOSED = "?"


def add_warning(label: Text, question: str) -> Text:
    """Append the mark a question earns: ⚠ for openings or pay, else ? for a yes/no opener.
    The agenda and the question bank show the same marks."""
    if asks_about_jobs_or_pay(question):
        label.append(f"  {JOBS} jobs/pay", style="bold")
    elif is_yes_no(question):
        label.append(f"  {CLOSED} yes/no", style="italic")
    return label


def item_label(number: int, item: AgendaItem) -> Text:
    label = Text(f"{number:>2}. ")
    label.append(f"{MUST} " if item.must_ask else "  ", style="bold")
    label.append(item.text)
    return add_warning(label, item.text)


class AgendaList(OptionList):
    """Shows agenda items; posts ``Changed`` with the new order when the user edits it."""

    BINDINGS = [
        # Listed on the agenda pane's bottom edge, not in the footer (room for the screen's keys).
        Binding("m", "toggle_must", "Must-ask", show=False, id="agenda_list.toggle_must"),
        Binding("shift+up,K", "move(-1)", "Move up", show=False, id="agenda_list.move_up"),
        Binding("shift+down,J", "move(1)", "Move down", show=False, id="agenda_list.move_down"),
        Binding("x,delete", "remove", "Remove", show=False, id="agenda_list.remove"),
    ]

    @dataclass
    class Changed(Message):
        items: tuple[AgendaItem, ...]

    def __init__(self, items: tuple[AgendaItem, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = items
        self._fill()

    def show(self, items: tuple[AgendaItem, ...]) -> None:
        if items == self.items:
            return
        highlighted = self.highlighted
        self.items = items
        self.clear_options()
        self._fill()
        if items:
            self.highlighted = min(highlighted or 0, len(items) - 1)

    def _fill(self) -> None:
        self.add_options(Option(item_label(n, item)) for n, item in enumerate(self.items, 1))

    def _changed(self, items: list[AgendaItem], highlight: int | None) -> None:
        self.show(tuple(items))
        if highlight is not None and items:
            self.highlighted = max(0, min(highlight, len(items) - 1))
        self.post_message(self.Changed(tuple(items)))

    def action_toggle_must(self) -> None:
        index = self.highlighted
        if index is None:
            return
        items = list(self.items)
        items[index] = dataclasses.replace(items[index], must_ask=not items[index].must_ask)
        self._changed(items, index)

    def action_move(self, step: int) -> None:
        index = self.highlighted
        if index is None or not 0 <= index + step < len(self.items):
            return
        items = list(self.items)
        items[index], items[index + step] = items[index + step], items[index]
        self._changed(items, index + step)

    def action_remove(self) -> None:
        index = self.highlighted
        if index is None:
            return
        items = list(self.items)
        del items[index]
        self._changed(items, index)
