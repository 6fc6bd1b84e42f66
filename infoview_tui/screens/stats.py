"""Stats: the funnel as a table and a bar chart, reply rate, call timing, referral depth."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ..model.stats import Stats, compute, format_over
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.bar_chart import BarChart
from ..widgets.key_footer import KeyFooter

HEADS = ("Figure", "Value", "How it is counted")
MIN_HOW_WIDTH = 20
_HOW = {
    "to contact": "past research (every stage but to research)",
    "reached out": "asked for a conversation (reached out or any later stage)",
    "replied": "answered: scheduled or later, or declined",
    "held": "at least one call held",
    "thanked": "a thank-you note sent after a call",
    "referrals gained": "people named by someone you talked to",
}


class StatsScreen(Screen[None]):
    """Figures worked out from the notebook each time the screen opens (nothing stored)."""

    TITLE = "Stats"
    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="stats.back"),
    ]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook

    def compose(self) -> ComposeResult:
        self.stats = stats = compute(self.notebook.contacts, self.notebook.interviews)
        yield AppHeader()
        with VerticalScroll(id="stats-body"):
            yield Static("Funnel: people at each step", classes="stats-heading")
            yield BarChart(stats.funnel, id="funnel-chart")
            yield Static("Figures", classes="stats-heading")
            yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.fill_table()
        self.query_one("#stats-table", DataTable).focus()

    def on_resize(self) -> None:
        self.fill_table()

    def rows(self) -> list[tuple[str, str, str]]:
        funnel = [
            (label.capitalize(), str(count), _HOW[label]) for label, count in self.stats.funnel
        ]
        return funnel + figures(self.stats)

    def fill_table(self) -> None:
        """The figures, with "How it is counted" as wide as the screen leaves it and wrapped
        onto more lines where it is longer (at 80 columns), never cut."""
        table = self.query_one("#stats-table", DataTable)
        rows = self.rows()
        widths = [
            max(cell_len(head), *(cell_len(row[i]) for row in rows)) for i, head in enumerate(HEADS)
        ]
        pad = 2 * table.cell_padding
        room = self.query_one("#stats-body").scrollable_content_region.width
        how = max(MIN_HOW_WIDTH, min(widths[2], room - widths[0] - widths[1] - 3 * pad - 1))
        if table.columns and list(table.columns.values())[2].width == how:
            return  # already laid out for this width
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(HEADS[0], width=widths[0])
        table.add_column(HEADS[1], width=widths[1])
        table.add_column(HEADS[2], width=how)
        for figure, value, counted in rows:
            table.add_row(figure, value, Text(counted), height=None)
        table.move_cursor(row=cursor)

    def action_back(self) -> None:
        self.dismiss(None)


def figures(stats: Stats) -> list[tuple[str, str, str]]:
    """The rows under the funnel: reply rate, timing, referral chain."""
    rate = stats.reply_rate
    rate_text = "no one reached out to yet" if rate is None else f"{rate:.0%}"
    if stats.chain:
        chain = f"{stats.chain_length} referral{'s' if stats.chain_length != 1 else ''}"
        chain_how = " → ".join(stats.chain)
    else:
        chain, chain_how = "none yet", "nobody has referred anyone yet"
    calls = stats.timed_calls
    return [
        (
            "Reply rate",
            rate_text,
            f"replied / reached out ({stats.replied} of {stats.reached_out})",
        ),
        (
            "Average call length",
            format_over(stats.mean_over_seconds),
            f"against the agreed length, over {calls} timed call{'s' if calls != 1 else ''}",
        ),
        ("Deepest referral chain", chain, chain_how),
    ]
