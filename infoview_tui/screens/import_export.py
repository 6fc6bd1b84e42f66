"""Import contacts (LinkedIn, Google or Outlook CSV, vCard, a JSON backup) and export the
notebook, in the app.

An import is two steps, as on the command line: *Read* parses the file in a worker thread and
shows the same report as ``infoview import --dry-run`` (added, merged, unchanged, skipped,
left out, the first reasons); nothing changes until the user presses *Import*, which applies
that very plan in a worker with a progress bar, inside ``Notebook.batch`` (saved whole or not
at all). Whatever a reader or an import raises is shown in the dialog: it never ends the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from ..formats import (
    EXPORT_FORMATS,
    ImportFailed,
    ImportPlan,
    apply_import,
    export,
    preview_import,
    read_import,
)
from ..formats.report import TITLES, report_lines
from ..notebook import Notebook
from ..widgets.key_footer import KeyFooter

EXPORT_NAMES = {
    "json": "JSON backup (everything; import it to restore)",
    "csv": "CSV (contacts, one row each)",
    "vcard": "vCard 4.0 (contacts, for address books)",
    "ics": "iCalendar (calls and follow-up dates)",
    "md": "Markdown folder (interviews and notes)",
}
IMPORT_HINTS = {
    "vcard": " 2.1 / 3.0 / 4.0 (phones, Apple, Google)",
    "json": " (restore)",
    "infoview": " (its own export)",
}
IMPORT_NAMES = {fmt: title + IMPORT_HINTS.get(fmt, "") for fmt, title in TITLES.items()}
"""The kinds of file the Kind list offers: report.TITLES, with a hint where it helps."""


class ImportAbandoned(Exception):
    """Raised in the import's thread when the app is closing: the batch is undone."""


SUFFIX = {"json": ".json", "csv": ".csv", "vcard": ".vcf", "ics": ".ics", "md": ""}
HINT = (
    "Read shows what the file holds; nothing changes until you press Import. People already "
    "here (same email, or same name and organisation) are merged, never doubled."
)


class ImportScreen(ModalScreen[bool]):
    """Dismisses with True when something was imported."""

    BINDINGS = [Binding("escape", "close", "Close", id="import.close")]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook
        self.imported = False
        self.plan: ImportPlan | None = None
        """The plan read and shown, waiting for the user's word."""

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
            yield Static(HINT, id="import-status", classes="muted")
            with VerticalScroll(id="import-report"):
                yield Static("", id="import-report-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Read", id="preview")
                yield Button("Import", variant="primary", id="import", disabled=True)
                yield Button("Close (esc)", id="close")
        yield KeyFooter()  # this dialog's own keys, not the screen's beneath

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        self.query_one(ProgressBar).display = False
        self.query_one("#import-report").display = False

    def status(self, text: str, error: bool = False) -> None:
        widget = self.query_one("#import-status", Static)
        widget.update(text)
        widget.set_class(error, "error-text")

    def show_report(self, lines: list[str]) -> None:
        self.query_one("#import-report-text", Static).update("\n".join(lines))
        self.query_one("#import-report").display = bool(lines)

    def set_plan(self, plan: ImportPlan | None) -> None:
        """The plan the Import button would apply (None: read a file first)."""
        self.plan = plan
        button = self.query_one("#import", Button)
        button.disabled = plan is None or (not plan.contacts and plan.backup is None)
        button.label = "Restore" if plan is not None and plan.backup is not None else "Import"
        if not button.disabled:
            button.focus()  # path, enter (read), enter (import)

    def chosen(self) -> tuple[Path, str | None] | None:
        text = self.query_one("#import-path", Input).value.strip()
        if not text:
            self.status("Type the path of the file to import.", error=True)
            return None
        path = Path(text).expanduser()
        if not path.is_file():
            what = "a folder" if path.is_dir() else "no file"
            self.status(f"There is {what} at {path}.", error=True)
            return None
        fmt = self.query_one("#import-format", Select).value
        return path, fmt if isinstance(fmt, str) else None

    @on(Input.Changed, "#import-path")
    @on(Select.Changed, "#import-format")
    def _changed(self) -> None:
        if self.plan is not None:  # what was read is not what is asked for any more
            self.set_plan(None)
            self.show_report([])
            self.status(HINT)

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#preview")
    def _preview(self) -> None:
        if (choice := self.chosen()) is not None:
            self.set_plan(None)
            self.read_file(*choice)

    @on(Button.Pressed, "#import")
    def _import(self) -> None:
        if self.plan is not None:
            plan, self.plan = self.plan, None
            self.query_one("#import", Button).disabled = True
            self.apply_plan(plan)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_close()

    @dataclass
    class Progressed(Message):
        """Posted from the import's thread: never blocks it (call_from_thread would wait for
        the event loop, which may be closing: a signal, a quit)."""

        done: int
        total: int

    def _progress(self, done: int, total: int) -> None:
        if self.notebook.batch_abandoned:
            raise ImportAbandoned("the app is closing")  # the batch undoes what was done
        self.post_message(self.Progressed(done, total))

    def on_import_screen_progressed(self, event: Progressed) -> None:
        self.query_one(ProgressBar).update(progress=event.done, total=event.total)

    def _show_bar(self, busy: bool) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None if busy else 1, progress=0 if busy else 1)

    def _failed(self, path: Path, message: str) -> None:
        self.query_one(ProgressBar).display = False
        self.status(f"{path.name}: {message}", error=True)
        self.show_report([])

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def read_file(self, path: Path, fmt: str | None) -> None:
        call = self.app.call_from_thread
        call(self._show_bar, True)
        call(self.status, f"Reading {path.name} ...")
        try:
            plan = read_import(path, fmt)
            summary = preview_import(self.notebook, plan)
            lines = report_lines(plan, summary, self.notebook.clock(), dry_run=True)
        except ImportFailed as exc:
            call(self._failed, path, str(exc))
            return
        except Exception as exc:  # never let a reader's bug end the app
            call(self._failed, path, f"could not be read ({type(exc).__name__}: {exc})")
            return
        call(setattr, self.query_one(ProgressBar), "display", False)
        if plan.backup is not None:
            what = "Press Restore to restore this backup."
        elif summary.added or summary.merged:
            what = f"Press Import to add {summary.added:,} and merge {summary.merged:,}."
        else:
            what = "There is nothing new to import."
        call(self.status, f"Read {TITLES.get(plan.fmt, plan.fmt)}. {what}")
        call(self.show_report, lines)
        call(self.set_plan, plan)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def apply_plan(self, plan: ImportPlan) -> None:
        call = self.app.call_from_thread
        path = Path(plan.source)
        call(self._show_bar, True)
        call(self.status, f"Importing {path.name} ...")
        try:
            with self.notebook.batch():  # saved whole or not at all
                summary = apply_import(self.notebook, plan, self._progress)
                if self.notebook.batch_abandoned:
                    return  # the app is closing: the batch is undone, the screen is going
        except ImportAbandoned:
            return
        except ImportFailed as exc:
            call(self._failed, path, str(exc))
            return
        except Exception as exc:  # the batch undid its edits; the app goes on
            call(self._failed, path, f"nothing imported ({type(exc).__name__}: {exc})")
            return
        self.imported = True
        call(self._show_bar, False)
        call(self.status, "Imported; saved in a moment.")
        call(self.show_report, report_lines(plan, summary, self.notebook.clock()))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A last guard: a worker that still failed is a message, not an app exit."""
        if event.state == WorkerState.ERROR and event.worker.group == "import":
            error = event.worker.error
            self.status(f"The import stopped: {type(error).__name__}: {error}", error=True)
            self.query_one(ProgressBar).display = False

    def action_close(self) -> None:
        self.dismiss(self.imported)


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "Close", id="export.close")]

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
        yield KeyFooter()  # this dialog's own keys, not the screen's beneath

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
