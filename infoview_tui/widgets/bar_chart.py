"""A horizontal bar chart drawn with block characters: one row per label, the count after
its bar.

Bars are scaled so the largest fills the room left after the labels and counts; eighth blocks
(▏▎▍▌▋▊▉) draw the fractional end, so close counts still look different.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"


def bar(value: float, largest: float, width: int) -> str:
    """The bar for ``value`` when ``largest`` fills ``width`` cells (eighth-cell steps)."""
    if largest <= 0 or width <= 0 or value <= 0:
        return ""
    eighths = round(min(value, largest) / largest * width * 8)
    eighths = max(1, eighths)  # a count above zero always shows
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest] if rest else "")


class BarChart(Widget):
    """``rows`` are (label, count) pairs, shown in order."""

    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--label"}

    DEFAULT_CSS = """
    BarChart {
        height: auto;
        & > .bar-chart--bar { color: $primary; }
        & > .bar-chart--label { color: $text; }
    }
    """

    rows: reactive[tuple[tuple[str, int], ...]] = reactive((), layout=True)

    def __init__(
        self,
        rows: Sequence[tuple[str, int]] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(BarChart.rows, tuple(rows))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> Text:
        rows = self.rows
        if not rows:
            return Text("Nothing to chart yet", style="italic")
        label_width = max(len(label) for label, _ in rows)
        count_width = max(len(str(count)) for _, count in rows)
        room = max(1, self.content_size.width - label_width - count_width - 2)
        largest = max(count for _, count in rows)
        bar_style = self.get_component_rich_style("bar-chart--bar")
        label_style = self.get_component_rich_style("bar-chart--label")
        text = Text(no_wrap=True, overflow="ellipsis")
        for n, (label, count) in enumerate(rows):
            if n:
                text.append("\n")
            drawn = bar(count, largest, room)
            text.append(label.rjust(label_width), label_style)
            text.append(" ")
            text.append(drawn, bar_style)
            text.append(f" {count}")
        return text
