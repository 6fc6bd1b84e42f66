"""The question checklist of a live call: tick, skip, reorder; closing items rise at the end."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import AgendaItem, ItemState
from ..notebook import CLOSING_KEYS, OPENING_KEY

BOXES = {ItemState.OPEN: "[ ]", ItemState.ASKED: "[x]", ItemState.SKIPPED: "[-]"}


@dataclass(frozen=True)
class ChecklistView:
    """What the checklist shows: the agenda, in which order, and what will not fit."""

    items: tuple[AgendaItem, ...]
    order: tuple[int, ...]
    """Agenda indexes in display order."""
    late: frozenset[int] = frozenset()
    """Agenda indexes of open questions that will not fit at the current pace."""
    pitch: str = ""


def display_order(items: tuple[AgendaItem, ...], closing: bool) -> tuple[int, ...]:
    """The opening first; in the closing block the open closing items go to the top."""
    indexes = list(range(len(items)))
    if closing:
        rising = [
            i for i in indexes if items[i].key in CLOSING_KEYS and items[i].state is ItemState.OPEN
        ]
        return tuple(rising + [i for i in indexes if i not in rising])
    return tuple(indexes)


def label(number: int, item: AgendaItem, late: bool, pitch: str) -> Text:
    text = Text(f"{number:>2} {BOXES[item.state]} ")
    if item.key == OPENING_KEY:
        text.append("Opening: ", style="bold")
    elif item.key in CLOSING_KEYS:
        text.append("Closing: ", style="bold")
    text.append("★ " if item.must_ask else "")
    text.append(item.text, style="strike dim" if item.state is not ItemState.OPEN else "")
    if late:
        text.append("  ⌛ won't fit at this pace", style="italic")
    if item.key == OPENING_KEY and pitch and item.state is ItemState.OPEN:
        text.append(f"\n       Your introduction: {pitch}", style="italic")
    return text


class Checklist(OptionList):
    """Posts ``Changed`` with the new agenda when the user ticks, skips or moves an item."""

    BINDINGS = [
        Binding("space", "toggle", "Tick"),
        Binding("s", "skip", "Skip"),
        Binding("shift+up,K", "move(-1)", "Move up", show=False),
        Binding("shift+down,J", "move(1)", "Move down", show=False),
    ]

    @dataclass
    class Changed(Message):
        items: tuple[AgendaItem, ...]

    def __init__(self, view: ChecklistView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self._fill()

    def show(self, view: ChecklistView) -> None:
        if view == self.view:
            return
        current = self.current_index()
        self.view = view
        self.clear_options()
        self._fill()
        if current is not None and current in view.order:
            self.highlighted = view.order.index(current)

    def _fill(self) -> None:
        view = self.view
        self.add_options(
            Option(label(n, view.items[i], i in view.late, view.pitch))
            for n, i in enumerate(view.order, start=1)
        )
        if self.highlighted is None and view.order:
            first_open = next(
                (n for n, i in enumerate(view.order) if view.items[i].state is ItemState.OPEN), 0
            )
            self.highlighted = first_open

    def current_index(self) -> int | None:
        """The agenda index of the highlighted item."""
        if self.highlighted is None or self.highlighted >= len(self.view.order):
            return None
        return self.view.order[self.highlighted]

    def current_question(self) -> str:
        index = self.current_index()
        if index is None:
            return ""
        item = self.view.items[index]
        return "" if item.key in (OPENING_KEY, *CLOSING_KEYS) else item.text

    def _set_state(self, index: int, state: ItemState) -> None:
        items = list(self.view.items)
        current = items[index].state
        items[index] = dataclasses.replace(
            items[index], state=ItemState.OPEN if current is state else state
        )
        self.post_message(self.Changed(tuple(items)))

    def tick_number(self, number: int) -> None:
        """Tick the item shown with this number (1-based)."""
        if 1 <= number <= len(self.view.order):
            self._set_state(self.view.order[number - 1], ItemState.ASKED)

    def action_toggle(self) -> None:
        if (index := self.current_index()) is not None:
            self._set_state(index, ItemState.ASKED)

    def action_skip(self) -> None:
        if (index := self.current_index()) is not None:
            self._set_state(index, ItemState.SKIPPED)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_move(self, step: int) -> None:
        index = self.current_index()
        position = self.highlighted
        if index is None or position is None:
            return
        target = position + step
        if not 0 <= target < len(self.view.order):
            return
        other = self.view.order[target]
        items = list(self.view.items)
        items[index], items[other] = items[other], items[index]
        self.highlighted = target
        self.post_message(self.Changed(tuple(items)))
