"""Stats: the funnel as a table and a bar chart, reply rate, call timing, referral depth."""

from __future__ import annotations

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
        Binding("escape", "back", "Back"),
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
        stats = self.stats
        table = self.query_one("#stats-table", DataTable)
        table.add_columns("Figure", "Value", "How it is counted")
        for label, count in stats.funnel:
            table.add_row(label.capitalize(), str(count), _HOW[label])
        for row in figures(stats):
            table.add_row(*row)
        table.focus()

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
