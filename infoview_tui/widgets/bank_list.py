"""The question bank, grouped by topic; enter picks a question."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ..model.question import BankEntry
from ..model.search import fold
from .agenda_list import add_warning


class BankList(OptionList):
    """Posts ``Picked`` with the entry under the cursor when enter is pressed."""

    @dataclass
    class Picked(Message):
        entry: BankEntry

    def __init__(self, entries: list[BankEntry], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries = entries
        self.query_text = ""
        self._fill()

    def show(
        self, entries: list[BankEntry], query: str | None = None, select: str | None = None
    ) -> None:
        """Show ``entries`` (filtered by ``query``), with the cursor on ``select`` if given."""
        self.entries = entries
        if query is not None:
            self.query_text = query
        self.clear_options()
        self._fill()
        if select is not None:
            # Filtered out: leave the cursor where _fill put it.
            with contextlib.suppress(OptionDoesNotExist):
                self.highlighted = self.get_option_index(select)

    def _fill(self) -> None:
        words = fold(self.query_text).split()
        topic = None
        options: list[Option] = []
        for entry in self.entries:
            haystack = fold(f"{entry.topic} {entry.text} {' '.join(entry.tags)}")
            if not all(w in haystack for w in words):
                continue
            if entry.topic != topic:
                topic = entry.topic
                options.append(Option(Text(topic, style="bold underline"), disabled=True))
            mark = "" if entry.builtin else "  (mine)"
            label = add_warning(Text(f"  {entry.text}{mark}"), entry.text)
            options.append(Option(label, id=entry.key))
        self.add_options(options)
        # Start on the first question, not on a topic heading (enter must pick something).
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        self.highlighted = first

    def current(self) -> BankEntry | None:
        if self.highlighted is None:
            return None
        key = self.get_option_at_index(self.highlighted).id
        return next((e for e in self.entries if e.key == key), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.current()
        if entry is not None:
            self.post_message(self.Picked(entry))
