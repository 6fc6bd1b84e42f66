"""Textual's Header, with a title that changes without laying out the whole screen.

The sub-title shows whether the notebook is saved ("editing" / "saved"), so it changes with
nearly every save while the user types. Textual 8.2.8's ``HeaderTitle`` takes each new title
with ``Static.update(layout=True)``: a layout and a repaint of the whole screen (10-20 ms with
the contact list and a big note) landing on a keystroke. The title is always as wide as the
header, so a new one only needs its own line redrawn.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header

from ..textual_patches import HeaderTitle


class StillTitle(HeaderTitle):
    """A header title whose new text repaints it, and nothing else (its size never changes)."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class AppHeader(Header):
    """Textual's ``Header`` with a ``StillTitle``."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield StillTitle() if type(widget) is HeaderTitle else widget
