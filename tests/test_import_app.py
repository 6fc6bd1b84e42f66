"""Import and export from the app's command palette, with the progress bar."""

from __future__ import annotations

import asyncio
import json
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar

from infoview_tui.app import create_app
from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.formats import ImportPlan
from infoview_tui.model import FrozenClock
from infoview_tui.notebook import Notebook
from infoview_tui.screens import import_export
from infoview_tui.screens.import_export import ExportScreen, ImportScreen
from infoview_tui.widgets.contact_list import ContactList

from .helpers import contacts_on_disk, running, screen_text, type_text, wait_until, widget_text

FIXTURES = Path(__file__).parent / "fixtures"


async def open_from_palette(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await type_text(pilot, words)
    await pilot.press("enter")
    await pilot.pause()


async def wait_for(pilot, app, text: str, selector: str) -> str:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        shown = widget_text(app, selector)
        if text in shown:
            return shown
    raise AssertionError(f"{text!r} never appeared; last: {shown!r}")


def write_connections(folder: Path, *rows: str) -> Path:
    path = folder / "Connections.csv"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    return path


async def read_in_dialog(pilot, app, source: Path) -> str:  # type: ignore[no-untyped-def]
    await open_from_palette(pilot, "import contacts")
    assert isinstance(app.screen, ImportScreen)
    await type_text(pilot, str(source))
    await pilot.press("enter")  # enter in the path field reads the file
    return await wait_for(pilot, app, "dry run", "#import-report-text")


async def test_import_linkedin_from_the_palette(sample_db: Path, clock: FrozenClock) -> None:
    source = FIXTURES / "linkedin_connections.csv"
    async with running(sample_db, clock) as (app, pilot):
        report = await read_in_dialog(pilot, app, source)
        assert report.startswith("linkedin_connections.csv (LinkedIn Connections.csv): ")
        added = int(report.split(": ", 1)[1].split(" added")[0])
        assert added > 0
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]  # only read
        assert not app.screen.query_one("#import").disabled
        await pilot.click("#import")
        await wait_for(pilot, app, "Imported", "#import-status")
        shown = widget_text(app, "#import-report-text")
        assert shown.startswith(
            f"linkedin_connections.csv (LinkedIn Connections.csv): {added} added"
        )
        bar = app.screen.query_one(ProgressBar)
        assert bar.display and bar.percentage == 1.0
        assert len(app.notebook.contacts) == 12 + added  # type: ignore[union-attr]
        assert app.screen.query_one("#import").disabled  # the same plan twice: no
        await pilot.press("escape")
        await pilot.pause()
        assert f"{12 + added} · by name" in screen_text(app)
        await pilot.press("q")
    assert len(contacts_on_disk(sample_db)) == 12 + added


async def test_rows_that_cannot_be_imported_are_listed_and_the_rest_imported(
    sample_db: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    source = write_connections(
        tmp_path,
        ",,,,,,05 Feb 2024",  # a hidden profile: left out
        "Ines,Moreau,,ines@intranet,Acme,Analyst,05 Feb 2024",
        "Karl,Berg,not a web address,,Acme,,05 Feb 2024",  # skipped: bad URL
        "Lena,Vogt,,,Acme,,05 Feb 2024",
    )
    async with running(sample_db, clock) as (app, pilot):
        report = await read_in_dialog(pilot, app, source)
        assert "2 added, 0 merged, 0 unchanged, 1 skipped, 1 left out (no name)" in report
        assert "line 4 (Karl Berg): linkedin: 'https://not a web address'" in report or (
            "line 4 (Karl Berg): linkedin:" in report
        )
        assert "line 2: no name and no email" in report
        assert "Press Import to add 2 and merge 0." in widget_text(app, "#import-status")
        await pilot.click("#import")
        await wait_for(pilot, app, "Imported", "#import-status")
        await pilot.press("escape")
        await pilot.press("q")
    on_disk = contacts_on_disk(sample_db)
    assert on_disk["Ines Moreau"]["emails"] == ["ines@intranet"]
    assert "Lena Vogt" in on_disk and "Karl Berg" not in on_disk
    assert len(on_disk) == 14


async def test_changing_the_file_after_reading_needs_a_new_read(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await read_in_dialog(pilot, app, FIXTURES / "linkedin_connections.csv")
        assert not app.screen.query_one("#import").disabled
        assert app.focused is app.screen.query_one("#import")  # enter again imports
        await pilot.press(*["shift+tab"] * 4)  # back to the path (the report scrolls too)
        assert app.focused is app.screen.query_one("#import-path")
        await type_text(pilot, "x")
        assert app.screen.query_one("#import").disabled
        assert not app.screen.query_one("#import-report").display


async def test_a_file_that_cannot_be_read_is_reported_and_changes_nothing(
    sample_db: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    before = sample_db.read_bytes()
    other = tmp_path / "orders.csv"
    other.write_text("Order,Amount\n1,2\n", encoding="utf-8")
    async with running(sample_db, clock) as (app, pilot):
        await open_from_palette(pilot, "import contacts")
        await type_text(pilot, str(other))
        await pilot.press("enter")
        shown = await wait_for(pilot, app, "orders.csv:", "#import-status")
        for layout in ("LinkedIn Connections.csv", "Google Contacts CSV", "Outlook contacts CSV"):
            assert layout in shown
        assert app.screen.query_one("#import").disabled
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause(0.8)
    assert sample_db.read_bytes() == before


async def test_an_importer_bug_is_a_message_and_the_typing_is_saved(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug in a reader")

    monkeypatch.setattr(import_export, "read_import", broken)
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("n")
        await type_text(pilot, "words typed before the import")
        first = app.screen.query_one(ContactList).current
        assert first is not None
        await open_from_palette(pilot, "import contacts")
        await type_text(pilot, str(FIXTURES / "linkedin_connections.csv"))
        await pilot.press("enter")
        shown = await wait_for(pilot, app, "RuntimeError", "#import-status")
        assert "a bug in a reader" in shown
        assert app.is_running and isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: contacts_on_disk(sample_db)[first.name]["notes"].startswith(
                "words typed before the import"
            ),
        )
        assert app.is_running


async def test_an_import_that_fails_half_way_is_undone(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add = Notebook.add_contact
    calls = 0

    def add_then_fail(self: Notebook, **fields: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("disk gremlin")
        return real_add(self, **fields)

    async with running(sample_db, clock) as (app, pilot):
        await read_in_dialog(pilot, app, FIXTURES / "linkedin_connections.csv")
        monkeypatch.setattr(Notebook, "add_contact", add_then_fail)
        await pilot.click("#import")
        shown = await wait_for(pilot, app, "nothing imported", "#import-status")
        assert "disk gremlin" in shown
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]
        monkeypatch.undo()
        await pilot.press("escape")
        await pilot.press("q")
    assert len(contacts_on_disk(sample_db)) == 12


async def test_export_a_json_backup(sample_db: Path, clock: FrozenClock, tmp_path: Path) -> None:
    target = tmp_path / "out" / "backup.json"
    async with running(sample_db, clock) as (app, pilot):
        await open_from_palette(pilot, "export")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
        await pilot.click("#export")
        await wait_for(pilot, app, "Wrote", "#export-status")
    backup = json.loads(target.read_text(encoding="utf-8"))
    assert len(backup["contacts"]) == 12
    assert {c["name"] for c in backup["contacts"]} >= {"Maya Okafor", "Tomás Herrera"}


async def test_a_signal_during_an_import_saves_the_notebook_as_before_it(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM/SIGHUP while an import is half applied: the typing is saved, the import not."""
    half_way = threading.Event()
    go_on = threading.Event()
    finished = threading.Event()
    real_apply = import_export.apply_import

    def slow_apply(notebook: Notebook, plan: ImportPlan, progress: object = None) -> object:
        for n in range(5):
            notebook.add_contact(name=f"Imported {n}")
        half_way.set()
        go_on.wait(10)
        try:
            return real_apply(notebook, plan, None)
        finally:
            finished.set()

    monkeypatch.setattr(import_export, "apply_import", slow_apply)
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("n")
        await type_text(pilot, "typed just before")
        first = app.screen.query_one(ContactList).current
        assert first is not None
        await read_in_dialog(pilot, app, FIXTURES / "linkedin_connections.csv")
        await pilot.click("#import")
        await asyncio.to_thread(half_way.wait, 10)
        assert len(app.notebook.contacts) == 17  # type: ignore[union-attr]  # half imported
        app._on_signal(signal.SIGTERM)  # what the event loop runs for the signal
        on_disk = contacts_on_disk(sample_db)
        assert len(on_disk) == 12 and not any(n.startswith("Imported") for n in on_disk)
        assert on_disk[first.name]["notes"].startswith("typed just before")
        go_on.set()
        await asyncio.to_thread(finished.wait, 10)
        await wait_until(pilot, lambda: not app.notebook.busy)  # type: ignore[union-attr]
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]  # undone
    on_disk = contacts_on_disk(sample_db)  # after the close that follows the exit
    assert len(on_disk) == 12
    assert on_disk[first.name]["notes"].startswith("typed just before")


def test_snapshot_import_report(
    snap_compare: Callable[..., bool], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog after Read: the report, skipped and left-out rows named, Import ready."""
    monkeypatch.chdir(FIXTURES.parent.parent)  # the path typed is relative: same in any clone
    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())
    app = create_app(db, sample_clock(), cursor_blink=False, start_screen="contacts")

    async def read(pilot: Pilot[int]) -> None:
        await open_from_palette(pilot, "import contacts")
        await type_text(pilot, "tests/fixtures/linkedin_with_gaps.csv")
        await pilot.press("enter")
        await wait_for(pilot, pilot.app, "dry run", "#import-report-text")  # type: ignore[arg-type]
        pilot.app.clear_notifications()

    assert snap_compare(app, terminal_size=(100, 34), run_before=read)
