"""The baseline for the first-frame benchmark: a bare Textual app (Header, Static, Footer).

Run it with ``python bench/bare_app.py``; press q to quit.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

READY = "bare app ready"


class BareApp(App[None]):
    TITLE = "bare"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
