"""Import contacts (LinkedIn CSV, vCard, a JSON backup) and export the notebook, in the app.

Parsing and applying run in a worker thread with a progress bar; while an import changes the
notebook, saving waits (Notebook.busy) and this modal screen keeps the user's hands off it.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from ..formats import (
    EXPORT_FORMATS,
    ImportFailed,
    apply_import,
    export,
    preview_import,
    read_import,
)
from ..notebook import Notebook

EXPORT_NAMES = {
    "json": "JSON backup (everything; import it to restore)",
    "csv": "CSV (contacts, one row each)",
    "vcard": "vCard 4.0 (contacts, for address books)",
    "ics": "iCalendar (calls and follow-up dates)",
    "md": "Markdown folder (interviews and notes)",
}
IMPORT_NAMES = {
    "linkedin": "LinkedIn Connections.csv",
    "vcard": "vCard (Google, Apple, Thunderbird)",
    "json": "infoview JSON backup",
}
SUFFIX = {"json": ".json", "csv": ".csv", "vcard": ".vcf", "ics": ".ics", "md": ""}


class ImportScreen(ModalScreen[bool]):
    """Dismisses with True when something was imported."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook
        self.imported = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Static("Import contacts", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("File", classes="form-label")
                yield Input(
                    placeholder="~/Downloads/Connections.csv", id="import-path", compact=True
                )
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="form-label")
                yield Select(
                    [(name, fmt) for fmt, name in IMPORT_NAMES.items()],
                    prompt="tell from the file",
                    compact=True,
                    id="import-format",
                )
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static(
                "Duplicates (same email, or same name and organisation) are merged or "
                "skipped, never doubled. Nothing changes unless the whole file reads "
                "cleanly.",
                id="import-status",
                classes="muted",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Preview", id="preview")
                yield Button("Import", variant="primary", id="import")
                yield Button("Close (esc)", id="close")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        self.query_one(ProgressBar).display = False

    def status(self, text: str, error: bool = False) -> None:
        widget = self.query_one("#import-status", Static)
        widget.update(text)
        widget.set_class(error, "error-text")

    def chosen(self) -> tuple[Path, str | None] | None:
        text = self.query_one("#import-path", Input).value.strip()
        if not text:
            self.status("Type the path of the file to import.", error=True)
            return None
        path = Path(text).expanduser()
        if not path.is_file():
            self.status(f"There is no file at {path}.", error=True)
            return None
        fmt = self.query_one("#import-format", Select).value
        return path, fmt if isinstance(fmt, str) else None

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#preview")
    def _preview(self) -> None:
        if (choice := self.chosen()) is not None:
            self.run_import(*choice, dry_run=True)

    @on(Button.Pressed, "#import")
    def _import(self) -> None:
        if (choice := self.chosen()) is not None:
            self.run_import(*choice, dry_run=False)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_close()

    def _progress(self, done: int, total: int) -> None:
        self.app.call_from_thread(self.query_one(ProgressBar).update, progress=done, total=total)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: Path, fmt: str | None, dry_run: bool) -> None:
        bar = self.query_one(ProgressBar)
        self.app.call_from_thread(setattr, bar, "display", True)
        self.app.call_from_thread(bar.update, total=None, progress=0)
        self.app.call_from_thread(self.status, f"Reading {path.name} ...")
        try:
            plan = read_import(path, fmt)
            if dry_run:
                summary = preview_import(self.notebook, plan)
                verb = "would be"
            else:
                self.notebook.busy = True
                try:
                    summary = apply_import(self.notebook, plan, self._progress)
                finally:
                    self.notebook.busy = False
                self.imported = True
                verb = "were"
        except ImportFailed as exc:
            self.app.call_from_thread(self.status, f"{path.name}: {exc}", True)
            self.app.call_from_thread(setattr, bar, "display", False)
            return
        self.app.call_from_thread(bar.update, total=1, progress=1)
        self.app.call_from_thread(
            self.status,
            f"{path.name} ({plan.fmt}): {summary.added} {verb} added, {summary.merged} merged, "
            f"{summary.skipped} skipped." + ("" if dry_run else " Saved with your next change."),
        )

    def action_close(self) -> None:
        self.dismiss(self.imported)


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static("Export", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="form-label")
                yield Select(
                    [(EXPORT_NAMES[f], f) for f in EXPORT_FORMATS],
                    value="json",
                    allow_blank=False,
                    compact=True,
                    id="export-format",
                )
            with Horizontal(classes="form-row"):
                yield Label("Write to", classes="form-label")
                yield Input(self.default_path("json"), id="export-path", compact=True)
            yield Static("", id="export-status", classes="muted")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Close (esc)", id="close")

    def default_path(self, fmt: str) -> str:
        stamp = self.notebook.clock().strftime("%Y-%m-%d")
        return str(Path("~") / f"infoview-{stamp}{SUFFIX[fmt]}")

    @on(Select.Changed, "#export-format")
    def _format(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#export-path", Input).value = self.default_path(event.value)

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-path")
    def _export(self) -> None:
        fmt = self.query_one("#export-format", Select).value
        text = self.query_one("#export-path", Input).value.strip()
        if isinstance(fmt, str) and text:
            self.run_export(fmt, Path(text).expanduser())

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_close()

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, fmt: str, path: Path) -> None:
        status = self.query_one("#export-status", Static)
        self.app.call_from_thread(status.update, f"Writing {path} ...")
        try:
            if fmt == "md":
                path.mkdir(parents=True, exist_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
            what = export(self.notebook, fmt, path)
        except (OSError, ValueError) as exc:
            message = f"Could not write {path}: {getattr(exc, 'strerror', None) or exc}"
            self.app.call_from_thread(status.update, message)
            return
        self.app.call_from_thread(status.update, f"Wrote {what}")

    def action_close(self) -> None:
        self.dismiss(None)
