"""The markdown preview pane: a Line-API widget that shows lines wrapped and drawn elsewhere.

Laying out one big ``Static`` on the main thread cost ~150 ms for a 10 KB note and over a
second at 100 KB. Here the whole job (markdown to ``Text``, wrapping to the pane's width,
``Text`` to ``Strip`` lines) runs in a thread worker (``render_preview``); the main thread only
swaps in the list of strips, sets ``virtual_size`` and draws the few visible lines.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..markdown_render import render
from ..textual_patches import scroll_update

EMPTY_NOTE = "Nothing written yet."
HR_MAX_WIDTH = 80
"""A horizontal rule is as wide as the pane, up to this many columns."""


@dataclass(frozen=True)
class RenderedPreview:
    """A note rendered for a pane ``width`` columns wide (made in a thread, read-only after)."""

    source: str
    styles: tuple[tuple[str, str], ...]
    text: Text
    """The rendered note before wrapping (kept so a resize only re-wraps it)."""
    width: int
    strips: list[Strip]
    complete: bool = True
    """False for the first screenful sent ahead while the rest is still being wrapped."""


def styles_key(styles: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(styles.items()))


def wrap_console(width: int) -> Console:
    """A Console that writes nowhere, ``width`` columns wide (one per render: thread-safe)."""
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        emoji=False,
        highlight=False,
        markup=False,
    )


def wrap_to_strips(text: Text, width: int) -> list[Strip]:
    """``text`` wrapped to ``width`` columns, one ``Strip`` per line (Rich's own wrapping)."""
    console = wrap_console(width)
    options = console.options.update_width(width)
    lines = console.render_lines(text, options, pad=False, new_lines=False)
    return [Strip(line) for line in lines]


def _end_of_row(text: str, rows: int) -> int | None:
    """The offset of the ``rows``-th newline in ``text`` (None when it has fewer, or it is the
    last character)."""
    offset = -1
    for _ in range(rows):
        offset = text.find("\n", offset + 1)
        if offset < 0:
            return None
    return offset if 0 <= offset < len(text) - 1 else None


def render_preview(
    text: str,
    styles: Mapping[str, str],
    width: int,
    previous: RenderedPreview | None = None,
    first: Callable[[RenderedPreview], None] | None = None,
    first_rows: int = 0,
) -> RenderedPreview:
    """Markdown ``text`` rendered and wrapped for a pane ``width`` columns wide. Pure work, run
    in a thread. When ``previous`` was rendered from the same text and styles (a resize), its
    ``Text`` is only wrapped again.

    With ``first``, a note longer than ``first_rows`` lines is wrapped in two goes: its first
    ``first_rows`` lines, handed to ``first`` (an incomplete preview: enough to fill the pane),
    then the rest. Rich wraps each line on its own, so the two joined are the same lines as one
    wrap of the whole (tests/test_editor_speedups.py checks this)."""
    width = max(1, width)
    key = styles_key(styles)
    hr_width = min(HR_MAX_WIDTH, width)
    rendered: Text | None = None
    if (
        previous is not None
        and previous.source == text
        and previous.styles == key
        and min(HR_MAX_WIDTH, previous.width) == hr_width
    ):
        rendered = previous.text
    if rendered is None:
        rendered = render(text, styles, width=hr_width)
        if not rendered.plain:
            rendered = Text(EMPTY_NOTE, style="dim italic", end="")
    cut = _end_of_row(rendered.plain, first_rows) if first is not None and first_rows > 0 else None
    if first is None or cut is None:
        return RenderedPreview(text, key, rendered, width, wrap_to_strips(rendered, width))
    head, _newline, tail = rendered.divide([cut, cut + 1])
    strips = wrap_to_strips(head, width)
    first(RenderedPreview(text, key, rendered, width, strips, complete=False))
    return RenderedPreview(text, key, rendered, width, strips + wrap_to_strips(tail, width))


def message_preview(message: str, width: int) -> RenderedPreview:
    """A line of our own (an error) shown in the pane instead of a note."""
    text = Text(message, style="italic", end="")
    return RenderedPreview("", (), text, max(1, width), wrap_to_strips(text, max(1, width)))


class MarkdownPreview(ScrollView, can_focus=True):
    """The rendered note: lines drawn in a thread, shown here a screenful at a time.
    Scrolls with the arrow keys, page up / down, home / end and the mouse wheel."""

    DEFAULT_CSS = """
    MarkdownPreview {
        /* Lines are wrapped to the width left of the scrollbar: keep that width fixed. */
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Widget's, minus the layout: new lines (every render while typing) repaint the pane
    instead of laying out the screen again (as in ContactList)."""

    @dataclass
    class WidthChanged(Message):
        """The width lines are wrapped to changed (a resize, or the pane was first shown)."""

        preview: MarkdownPreview
        width: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rendered: RenderedPreview | None = None
        self._strips: list[Strip] = []
        self._drawn_lines: dict[tuple[int, int, int], Strip] = {}
        self._announced_width = 0

    # ----- data in ------------------------------------------------------------------------

    @property
    def wrap_width(self) -> int:
        """The columns lines are wrapped to (0 before the pane was laid out)."""
        return self.scrollable_content_region.width

    @property
    def lines(self) -> list[Strip]:
        """The wrapped lines (all of them, not only the visible ones)."""
        return self._strips

    def show(self, rendered: RenderedPreview) -> None:
        """Swap in lines drawn in a thread. A preview scrolled to its end stays at the end
        (typing at the end of a note, the new lines stay in view)."""
        follow_end = self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y
        self.rendered = rendered
        self._strips = rendered.strips
        self._drawn_lines.clear()
        self.virtual_size = Size(rendered.width, len(rendered.strips))
        scroll_update(self)  # the scrollbar, and scroll_y clamped
        if follow_end:
            self.scroll_end(animate=False, immediate=True, x_axis=False)
        self.refresh()

    def clear(self) -> None:
        """Forget the lines (the preview was closed)."""
        self.rendered = None
        self._strips = []
        self._drawn_lines.clear()
        self.virtual_size = Size(0, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    # ----- events -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._drawn_lines.clear()
        width = self.wrap_width
        if width and width != self._announced_width:
            self._announced_width = width
            self.post_message(self.WidthChanged(self, width))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn_lines.clear()

    # ----- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base: Style = self.rich_style
        if not 0 <= index < len(self._strips):
            return Strip.blank(width, base)
        key = (index, scroll_x, width)
        line = self._drawn_lines.get(key)
        if line is None:
            line = (
                self._strips[index].crop_extend(scroll_x, scroll_x + width, None).apply_style(base)
            )
            if len(self._drawn_lines) > 400:
                self._drawn_lines.clear()
            self._drawn_lines[key] = line
        return line
