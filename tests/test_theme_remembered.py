"""Issue 14 item 7: a theme picked in the command palette is kept for the next start, as one
saved on the settings screen is; a theme only previewed on the settings screen is not."""

from __future__ import annotations

from pathlib import Path

from infoview_tui.model import FrozenClock
from infoview_tui.screens.main import MainScreen
from infoview_tui.screens.settings import SettingsScreen

from .helpers import on_disk, running, type_text, wait_until


def stored_theme(path: Path) -> str:
    return str(on_disk(path)["meta"]["1"].get("settings", {}).get("theme", ""))


async def test_a_theme_picked_in_the_palette_is_there_at_the_next_start(
    sample_db: Path, clock: FrozenClock
) -> None:
    assert stored_theme(sample_db) == ""
    async with running(sample_db, clock) as (app, pilot):
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme")
        await pilot.press("enter")  # "Theme: Change the current theme"
        await pilot.pause()
        await type_text(pilot, "nord")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "nord")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("q")
        await pilot.pause()
    assert stored_theme(sample_db) == "nord"
    async with running(sample_db, clock) as (app, pilot):
        assert app.theme == "nord"


async def test_a_theme_previewed_on_the_settings_screen_is_not_kept(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("comma")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        app.theme = "dracula"  # what choosing it in the screen's Theme list does (a preview)
        await pilot.pause()
        await pilot.press("escape")  # not saved
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("q")
        await pilot.pause()
    assert stored_theme(sample_db) == ""
    async with running(sample_db, clock) as (app, pilot):
        assert app.theme == "textual-dark"
