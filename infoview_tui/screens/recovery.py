"""Shown instead of the notebook when the file cannot be read: explain, offer the backup."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from ..store import NotebookFileError
from ..widgets.key_footer import KeyFooter


class RecoveryScreen(Screen[bool]):
    """Dismisses with True when the user chooses to open the backup, False to quit."""

    BINDINGS = [
        Binding("b", "choose(True)", "Open the backup", id="recovery.choose_true"),
        Binding("q,escape", "choose(False)", "Quit", id="recovery.choose_false"),
    ]

    def __init__(self, problem: NotebookFileError, backup: Path | None) -> None:
        super().__init__()
        self.problem = problem
        self.backup = backup

    def compose(self) -> ComposeResult:
        lines = [
            "[b]This notebook cannot be opened.[/b]",
            "",
            f"File:    {escape(str(self.problem.path))}",
            f"Problem: {escape(self.problem.reason)}",
            "",
            "infoview has not changed the file.",
        ]
        if self.backup:
            lines += [
                "",
                f"The newest good backup is {escape(self.backup.name)}.",
                "Opening it keeps the damaged file beside it (renamed *.damaged-<time>).",
            ]
        else:
            lines += ["", "There is no good backup beside it."]
        with Vertical(classes="dialog", id="recovery"):
            yield Static("\n".join(lines), markup=True)
            with Horizontal(classes="dialog-buttons"):
                if self.backup:
                    yield Button("Open the backup (b)", variant="primary", id="backup")
                yield Button("Quit (q)", variant="error", id="quit")
        yield KeyFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "backup")

    def action_choose(self, use_backup: bool) -> None:
        self.dismiss(use_backup and self.backup is not None)
