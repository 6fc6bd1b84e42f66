"""Import and export from the app's command palette, with the progress bar."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import ProgressBar

from infoview_tui.model import FrozenClock
from infoview_tui.screens.import_export import ExportScreen, ImportScreen

from .helpers import contacts_on_disk, running, screen_text, type_text, widget_text

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


async def test_import_linkedin_from_the_palette(sample_db: Path, clock: FrozenClock) -> None:
    source = FIXTURES / "linkedin_connections.csv"
    async with running(sample_db, clock) as (app, pilot):
        await open_from_palette(pilot, "import contacts")
        assert isinstance(app.screen, ImportScreen)
        await type_text(pilot, str(source))
        await pilot.press("enter")  # enter in the path field previews
        shown = await wait_for(pilot, app, "would be added", "#import-status")
        assert "(linkedin)" in shown
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]
        await pilot.click("#import")
        shown = await wait_for(pilot, app, "were added", "#import-status")
        bar = app.screen.query_one(ProgressBar)
        assert bar.display and bar.percentage == 1.0
        added = int(shown.split(": ", 1)[1].split(" were added")[0])
        assert added > 0 and len(app.notebook.contacts) == 12 + added  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert f"{12 + added} · by name" in screen_text(app)
        await pilot.press("q")
    assert len(contacts_on_disk(sample_db)) == 12 + added


async def test_a_malformed_file_is_reported_and_changes_nothing(
    sample_db: Path, clock: FrozenClock
) -> None:
    before = sample_db.read_bytes()
    async with running(sample_db, clock) as (app, pilot):
        await open_from_palette(pilot, "import contacts")
        await type_text(pilot, str(FIXTURES / "malformed.vcf"))
        await pilot.click("#import")
        shown = await wait_for(pilot, app, "malformed.vcf:", "#import-status")
        assert "card" in shown
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause(0.8)
    assert sample_db.read_bytes() == before


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
