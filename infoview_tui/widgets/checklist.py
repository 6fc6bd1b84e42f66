"""The question checklist of a live call: tick, skip, reorder.

Item numbers are the agenda's order and stay put for the whole call: ticking, skipping or the
closing block never moves an item (the closing block brings the highlight to its first ask,
see ``highlight_index``). After a tick the highlight goes to the next open item, so one key
per question is enough. The highlighted item carries ``▶``: the mark does not rely on colour.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import AgendaItem, ItemState
from ..model.interview import CLOSING_KEYS, OPENING_KEY

BOXES = {ItemState.OPEN: "[ ]", ItemState.ASKED: "[x]", ItemState.SKIPPED: "[-]"}
CURRENT = "▶"
"""The mark of the highlighted item (also without colour: NO_COLOR, a monochrome terminal)."""
KEYS_HINT = "space tick · s skip · 1-9, 0 = 10, t+number: tick that one · K/J move"
"""The checklist's keys, on its bottom edge (the footer keeps the call's own keys)."""


@dataclass(frozen=True)
class ChecklistView:
    """What the checklist shows: the agenda, and what will not fit."""

    items: tuple[AgendaItem, ...]
    late: frozenset[int] = frozenset()
    """Agenda indexes of open questions that will not fit at the current pace."""
    pitch: str = ""


def first_closing(items: tuple[AgendaItem, ...]) -> int | None:
    """The index of the first open closing ask (the closing block starts there)."""
    return next(
        (
            i
            for i, item in enumerate(items)
            if item.key in CLOSING_KEYS and item.state is ItemState.OPEN
        ),
        None,
    )


def next_open(items: tuple[AgendaItem, ...] | list[AgendaItem], after: int) -> int:
    """The first open item after ``after`` (else the first open one before it, else
    ``after`` itself): where the highlight goes after a tick."""
    order = [*range(after + 1, len(items)), *range(after)]
    return next((i for i in order if items[i].state is ItemState.OPEN), after)


def label(number: int, item: AgendaItem, late: bool, pitch: str, current: bool = False) -> Text:
    text = Text(f"{CURRENT if current else ' '} ", style="bold")
    text.append(f"{number:>2} {BOXES[item.state]} ")
    if item.key == OPENING_KEY:
        text.append("Opening: ", style="bold")
    elif item.key in CLOSING_KEYS:
        text.append("Closing: ", style="bold")
    text.append("★ " if item.must_ask else "")
    text.append(item.text, style="strike dim" if item.state is not ItemState.OPEN else "")
    if late:
        text.append("  ⌛ won't fit at this pace", style="italic")
    if item.key == OPENING_KEY and pitch and item.state is ItemState.OPEN:
        text.append(f"\n         Your introduction: {pitch}", style="italic")
    return text


class Checklist(OptionList):
    """Posts ``Changed`` with the new agenda when the user ticks, skips or moves an item."""

    BINDINGS = [
        Binding("space", "toggle", "Tick", show=False, id="checklist.toggle"),
        Binding("s", "skip", "Skip", show=False, id="checklist.skip"),
        Binding("shift+up,K", "move(-1)", "Move up", show=False, id="checklist.move_up"),
        Binding("shift+down,J", "move(1)", "Move down", show=False, id="checklist.move_down"),
    ]

    @dataclass
    class Changed(Message):
        items: tuple[AgendaItem, ...]

    def __init__(self, view: ChecklistView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self._marked: int | None = None
        """The option drawn with the ``▶`` mark."""
        self._follow: int | None = None
        """Where the highlight goes when the ticked agenda comes back (``show``)."""
        self.border_subtitle = KEYS_HINT
        self._fill(None)

    def show(self, view: ChecklistView) -> None:
        follow, self._follow = self._follow, None
        if view == self.view and follow is None:
            return
        self.view = view
        self._fill(follow if follow is not None else self.highlighted)

    def _fill(self, target: int | None) -> None:
        items = self.view.items
        if target is None or not 0 <= target < len(items):
            target = next((i for i, item in enumerate(items) if item.state is ItemState.OPEN), 0)
        self._marked = target if items else None
        scroll = self.scroll_y
        self.set_options(Option(self._prompt(i, i == target)) for i in range(len(items)))
        self.scroll_to(y=scroll, animate=False, immediate=True)
        if items:
            self.highlighted = target

    def _prompt(self, index: int, current: bool) -> Text:
        view = self.view
        return label(index + 1, view.items[index], index in view.late, view.pitch, current)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted == self._marked or highlighted is None:
            return
        if self._marked is not None and self._marked < self.option_count:
            self.replace_option_prompt_at_index(self._marked, self._prompt(self._marked, False))
        self.replace_option_prompt_at_index(highlighted, self._prompt(highlighted, True))
        self._marked = highlighted

    def highlight_index(self, index: int) -> None:
        """Highlight agenda item ``index`` (the screen does it when the closing block starts)."""
        if 0 <= index < self.option_count:
            self.highlighted = index
            self.scroll_to_highlight()

    def inserted(self, at: int) -> None:
        """An item goes in at ``at`` (a question that came up): the highlight stays on the
        item it is on."""
        if self.highlighted is not None and self.highlighted >= at:
            self._follow = self.highlighted + 1

    def current_index(self) -> int | None:
        """The agenda index of the highlighted item."""
        if self.highlighted is None or self.highlighted >= len(self.view.items):
            return None
        return self.highlighted

    def current_question(self) -> str:
        index = self.current_index()
        if index is None:
            return ""
        item = self.view.items[index]
        return "" if item.key in (OPENING_KEY, *CLOSING_KEYS) else item.text

    def _set_state(self, index: int, state: ItemState) -> None:
        items = list(self.view.items)
        new = ItemState.OPEN if items[index].state is state else state
        items[index] = dataclasses.replace(items[index], state=new)
        if new is not ItemState.OPEN and index == self.current_index():
            self._follow = next_open(items, index)  # one key per question: on to the next
        self.post_message(self.Changed(tuple(items)))

    def tick_number(self, number: int) -> bool:
        """Tick the item shown with this number (1-based); False if there is none."""
        if not 1 <= number <= len(self.view.items):
            return False
        self._set_state(number - 1, ItemState.ASKED)
        return True

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
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.view.items):
            return
        items = list(self.view.items)
        items[index], items[target] = items[target], items[index]
        self._follow = target
        self.post_message(self.Changed(tuple(items)))
