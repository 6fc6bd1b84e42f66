"""The search box and the stage and tag filters above the contact list."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, Select

from ..model import Stage


class SearchBox(Input):
    """The search box: an Input whose typing repaints it without laying out the whole screen.

    Input sets its virtual size (the width of its text) on every key; Widget's virtual size
    asks for a layout when it changes, and a layout here means the whole main screen. The box
    has a fixed size, so a repaint is all a key needs; scrolling a long query still works, as
    it reads the virtual size directly.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class ContactFilters(Horizontal):
    """Two compact selects; posts ``Changed`` with the chosen stage and tag (None = any)."""

    @dataclass
    class Changed(Message):
        stage: Stage | None
        tag: str | None

    def __init__(self, tags: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tags = tags

    def compose(self) -> ComposeResult:
        yield Select(
            [(f"{s.glyph} {s.label}", s.value) for s in Stage],
            prompt="any stage",
            compact=True,
            id="stage-filter",
        )
        yield Select(
            [(f"#{t}", t) for t in self._tags], prompt="any tag", compact=True, id="tag-filter"
        )

    def set_tags(self, tags: list[str]) -> None:
        """Offer ``tags``; keep the current choice if it is still one of them."""
        if tags == self._tags:
            return
        self._tags = tags
        select = self.query_one("#tag-filter", Select)
        current = select.value
        with self.prevent(Select.Changed):
            select.set_options([(f"#{t}", t) for t in tags])
            if current in tags:
                select.value = current

    def clear(self) -> None:
        """Show every stage and tag again (without posting Changed)."""
        with self.prevent(Select.Changed):
            self.query_one("#stage-filter", Select).clear()
            self.query_one("#tag-filter", Select).clear()

    @property
    def stage(self) -> Stage | None:
        value = self.query_one("#stage-filter", Select).value
        return Stage(value) if isinstance(value, str) else None

    @property
    def tag(self) -> str | None:
        value = self.query_one("#tag-filter", Select).value
        return value if isinstance(value, str) else None

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.stage, self.tag))
