"""Textual's Footer, rebuilt only when the keys it shows change.

Textual 8.2.8's ``Footer`` removes and mounts all its key widgets on every focus change
(``bindings_changed`` -> ``recompose``), even when the keys shown stay the same: 20-35 ms of
the event loop on the main screen, and two dozen widgets of cyclic garbage each time, which
later cost a full garbage collection (30-40 ms) in the middle of whatever the user does next.
Moving between the list, the notes and the preview mostly leaves the footer as it was.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from ..textual_patches import footer_bindings_ready


class KeyFooter(Footer):
    """A ``Footer`` that skips the rebuild when the shown keys are unchanged."""

    _shown: Hashable | None = None
    """The keys shown (``shown_keys``) when the footer was last built."""

    def shown_keys(self) -> Hashable:
        """What the footer would show now: every shown binding with its state."""
        active = self.screen.active_bindings
        keys = tuple(
            (binding, enabled, tooltip)  # Binding is a frozen dataclass: compared by value
            for _node, binding, enabled, tooltip in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        shown_palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        return (
            keys,
            (palette.binding, palette.enabled, palette.tooltip)
            if palette and shown_palette
            else None,
            self.compact,
        )

    def compose(self) -> ComposeResult:
        if footer_bindings_ready(self):
            self._shown = self.shown_keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (
            self._shown is not None
            and self.is_attached
            and screen is self.screen
            and self.shown_keys() == self._shown
        ):
            return
        super().bindings_changed(screen)
