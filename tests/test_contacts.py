"""Pilot tests for the networking pipeline: stages, follow-ups, filters, sort, referrals,
duplicates and Unicode in the list."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len

from infoview_tui.model import FrozenClock, Stage
from infoview_tui.notebook import Notebook
from infoview_tui.widgets.contact_list import ContactList

from .helpers import contacts_on_disk, running, screen_text, type_text, widget_text


def names(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.name for c in app.screen.query_one(ContactList).rows]


async def test_stage_picker_sets_stage_and_default_next_action(
    sample_db: Path, clock: FrozenClock
) -> None:
    tomorrow = (clock().date() + timedelta(days=1)).isoformat()
    async with running(sample_db, clock) as (app, pilot):
        assert app.screen.query_one(ContactList).current.name == "Aiko Tanaka"  # type: ignore[union-attr]
        await pilot.press("s")
        await pilot.pause()
        assert "Stage of Aiko Tanaka" in screen_text(app)
        await pilot.press("4")  # 4 = scheduled
        await pilot.pause()
        shown = widget_text(app, "#detail")
        assert "◷ scheduled" in shown
        assert "Prepare the questions and the introduction" in shown
        await pilot.press("q")
    aiko = contacts_on_disk(sample_db)["Aiko Tanaka"]
    assert aiko["stage"] == "scheduled"
    assert aiko["next_action_date"] == tomorrow


async def test_one_key_advances_along_the_pipeline(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.notebook.find_contact_by_name("Aiko Tanaka").stage is Stage.SCHEDULED  # type: ignore[union-attr]
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "● interviewed" in screen_text(app)


async def test_logging_an_interaction_resets_the_follow_up(
    sample_db: Path, clock: FrozenClock
) -> None:
    notebook = Notebook.open(sample_db, clock)
    notebook.update_settings(follow_up_days={"reached_out": 3})
    assert notebook.close() is None
    today = clock().date()
    async with running(sample_db, clock) as (app, pilot):
        # Hannah Becker: reached out, follow-up overdue (marked "!").
        await type_text(pilot, "/hannah")
        await pilot.press("enter")
        await pilot.pause()
        assert "! overdue" in widget_text(app, "#detail")
        await pilot.press("l")
        await pilot.pause()
        assert "! overdue" not in widget_text(app, "#detail")
        assert f"next follow-up {(today + timedelta(days=3)).isoformat()}" in widget_text(
            app, "Toast"
        )
        await pilot.press("q")
    hannah = contacts_on_disk(sample_db)["Hannah Becker"]
    assert hannah["last_contact"] == today.isoformat()
    assert hannah["next_action_date"] == (today + timedelta(days=3)).isoformat()


async def test_dates_are_the_users_local_day_not_the_utc_day(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In California at 8 pm it is already tomorrow in UTC: "today" must still be today."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        clock.at = clock.at.replace(hour=4, minute=0)  # 04:00 UTC: 20:00 or 21:00 the day before
        local_day = clock.at.astimezone().date()
        assert local_day == clock.at.date() - timedelta(days=1)
        notebook = Notebook.open(sample_db, clock)
        hannah = notebook.find_contact_by_name("Hannah Becker")
        assert hannah is not None
        notebook.update_contact(hannah.id, next_action_date=local_day.isoformat())
        assert notebook.close() is None
        async with running(sample_db, clock) as (app, pilot):
            await type_text(pilot, "/hannah")
            await pilot.press("enter")
            await pilot.pause()
            # Due today where the user is, so not overdue (by the UTC day it would be).
            assert local_day.isoformat() in widget_text(app, "#detail")
            assert "overdue" not in widget_text(app, "#detail")
            await pilot.press("l")
            await pilot.pause()
            await pilot.press("q")
        assert contacts_on_disk(sample_db)["Hannah Becker"]["last_contact"] == local_day.isoformat()
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


async def test_filter_by_stage_and_by_tag(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("f", "enter", "down", "down", "down", "down", "enter")  # scheduled
        await pilot.pause()
        assert names(app) == ["Jonas Weber", "Omar Haddad"]
        assert "2 of 12" in screen_text(app)
        await pilot.press("tab", "enter")  # open the tag filter: any, cities, climate, data,
        await pilot.press(*["down"] * 7, "enter")  # edtech, education, games, health
        await pilot.pause()
        assert app.screen.query_one("#tag-filter").value == "health"  # type: ignore[attr-defined]
        assert names(app) == ["Omar Haddad"]
        assert "1 of 12" in screen_text(app)


async def test_sort_cycles_and_follows_dates(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        assert names(app)[0] == "Aiko Tanaka"
        await pilot.press("o")
        await pilot.pause()
        assert "by next action" in screen_text(app)
        rows = app.screen.query_one(ContactList).rows
        dated = [c.next_action_date for c in rows if c.next_action_date]
        assert dated == sorted(dated) and rows[-1].next_action_date == ""  # undated last
        assert rows[0].name == "Ravi Shah"  # two days overdue: first
        await pilot.press("o")
        await pilot.pause()
        assert "by last contact" in screen_text(app)
        rows = app.screen.query_one(ContactList).rows
        assert [c.last_contact for c in rows] == sorted(c.last_contact for c in rows)
        await pilot.press("o")
        await pilot.pause()
        assert "by name" in screen_text(app)


async def test_search_ignores_case_and_accents_and_needs_every_word(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await type_text(pilot, "/TOMAS")
        await pilot.pause()
        # Samuel too ("Referred by Tomás" is how we met him), after the name that matches.
        assert names(app) == ["Tomás Herrera", "Samuel Mensah"]
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "health ux")
        await pilot.pause()
        assert names(app) == ["Maya Okafor"]
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "window functions")  # only in Tomás's notes
        await pilot.pause()
        assert names(app) == ["Tomás Herrera"]


async def test_referral_tree_shows_the_chain_and_jumps(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await type_text(pilot, "/grace")
        await pilot.press("enter", "r")
        await pilot.pause()
        shown = screen_text(app)
        assert "Referral chain" in shown
        assert "Maya Okafor  (led to 2)" in shown  # Maya -> Priya -> Grace
        assert "Priya Raman  (led to 1)" in shown
        assert "Grace Liu  ◀ this contact" in shown
        await pilot.press("up", "enter")  # to Priya, and jump
        await pilot.pause()
        current = app.screen.query_one(ContactList).current
        assert current is not None and current.name == "Priya Raman"
        assert "Referral chain" not in screen_text(app)
        assert "Introduced Grace Liu" in widget_text(app, "#detail")


async def test_duplicate_name_warns_and_can_open_the_existing_one(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "maya OKAFOR")
        await pilot.press("ctrl+s")
        await pilot.pause()
        warning = widget_text(app, "#duplicate-warning")
        assert "Already in your contacts (same name or email): Maya Okafor (Northwind Health)" in (
            warning
        )
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]
        assert app.screen.query_one(ContactList).current.name == "Maya Okafor"  # type: ignore[union-attr]


async def test_duplicate_email_warns_then_saves_on_second_try(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "T. Herrera")
        await pilot.press(*["tab"] * 5)
        await type_text(pilot, "TOMAS@example.com")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Tomás Herrera (Cobalt Freight)" in widget_text(app, "#duplicate-warning")
        assert len(app.notebook.contacts) == 12  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.notebook.contacts) == 13  # type: ignore[union-attr]
        await pilot.press("q")
    assert contacts_on_disk(sample_db)["T. Herrera"]["emails"] == ["TOMAS@example.com"]


UNICODE_NAMES = [
    "😀🎉 Party Person With A Very Long Name That Goes On",
    "山田太郎 中文名字很长很长很长",
    "שרה לוי",
    "Zoe\u0301 Combining Acute",
    "Ab" * 300,
]


async def test_unicode_and_long_names_keep_the_columns_aligned(
    tmp_path: Path, clock: FrozenClock
) -> None:
    db = tmp_path / "notebook.json"
    notebook = Notebook.open(db, clock)
    for name in UNICODE_NAMES[:-1]:
        notebook.add_contact(
            name=name, organization="Org " + name[:10], next_action_date="2026-11-30"
        )
    notebook.add_contact(name=UNICODE_NAMES[-1][:500], organization="X" * 400)
    assert notebook.close() is None
    async with running(db, clock) as (app, _pilot):
        lines = screen_text(app).splitlines()
        rows = [line for line in lines if "2026-11-30" in line]
        assert len(rows) == 4
        # Every row is as wide as the screen, and the date column starts at the same cell.
        assert {cell_len(line) for line in lines} == {120}
        assert len({cell_len(line[: line.index("2026-11-30")]) for line in rows}) == 1
