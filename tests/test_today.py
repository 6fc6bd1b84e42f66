"""Pilot tests of Today with a fake clock: it opens at start when something is due, shows the
thank-you due and then overdue, `l` resets a follow-up (on disk too), enter opens the screen
that acts on each item, `c` starts a call, escape goes to the contacts; and a snapshot."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

import infoview_tui.model.due as due_module
import infoview_tui.screens.today as today_module
from infoview_tui.app import InfoviewApp, create_app
from infoview_tui.content.sample import SAMPLE_NOW, sample_clock, write_sample
from infoview_tui.model import FrozenClock, Stage
from infoview_tui.model.due import Kind
from infoview_tui.notebook import Notebook
from infoview_tui.screens.call import CallScreen
from infoview_tui.screens.main import MainScreen
from infoview_tui.screens.outreach import OutreachScreen
from infoview_tui.screens.prep import PrepScreen
from infoview_tui.screens.stats import StatsScreen
from infoview_tui.screens.today import TodayScreen
from infoview_tui.widgets.contact_list import ContactList

from .helpers import contacts_on_disk, on_disk, running, screen_text, widget_text


def line_of(app: InfoviewApp, name: str) -> str:
    """The screen row that shows ``name``."""
    rows = [row for row in screen_text(app).splitlines() if name in row]
    assert rows, f"{name} is not on screen"
    return rows[0]


async def highlight(app: InfoviewApp, pilot: Pilot[int], name: str, kind: Kind) -> None:
    """Move down the agenda to ``name``'s item in section ``kind``, as a user would."""
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    await pilot.press("home")
    for _ in range(30):
        item = screen.highlighted()
        if item is not None and item.name == name and item.kind is kind:
            return
        await pilot.press("down")
    raise AssertionError(f"no {kind} item for {name}")


def quiet_notebook(path: Path) -> None:
    """A notebook where nothing is due: one contact whose follow-up is next week."""
    notebook = Notebook.open(path, sample_clock())
    notebook.add_contact(
        name="Quiet Person",
        stage=Stage.REACHED_OUT,
        last_contact=(SAMPLE_NOW.date() - timedelta(days=1)).isoformat(),
        next_action_date=(SAMPLE_NOW.date() + timedelta(days=6)).isoformat(),
    )
    assert notebook.close() is None


# ----- the start screen ---------------------------------------------------------------------


async def test_today_opens_at_start_when_something_is_due(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        assert isinstance(app.screen, TodayScreen)
        assert [type(s) for s in app.screen_stack] == [MainScreen, TodayScreen]
        shown = screen_text(app)
        assert "Monday 23 November 2026" in shown
        assert "Thank-you notes to send (1)" in shown
        assert "due by tomorrow 15:33" in line_of(app, "Priya Raman")
        assert "today 15:00" in line_of(app, "Jonas Weber")
        assert "! Ravi Shah" in line_of(app, "Ravi Shah")
        assert "2 days overdue" in line_of(app, "Ravi Shah")
        assert "follow-up 1 day overdue, waiting 8 days" in line_of(app, "Hannah Becker")
        assert "Open" in shown and "l Log" in shown and "Contacts" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_contact_list_opens_when_nothing_is_due(tmp_path: Path) -> None:
    db = tmp_path / "notebook.json"
    quiet_notebook(db)
    async with running(db, sample_clock(), start_screen="auto") as (app, pilot):
        assert isinstance(app.screen, MainScreen)
        await pilot.press("t")  # still one key away
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "nothing due today" in screen_text(app)
        assert "waiting 1 day" in line_of(app, "Quiet Person")


async def test_start_screen_today_and_contacts_are_obeyed(sample_db: Path, tmp_path: Path) -> None:
    async with running(sample_db, sample_clock(), start_screen="contacts") as (app, _):
        assert isinstance(app.screen, MainScreen)
    db = tmp_path / "quiet.json"
    quiet_notebook(db)
    async with running(db, sample_clock(), start_screen="today") as (app, _):
        assert isinstance(app.screen, TodayScreen)


async def test_a_few_days_later_the_thank_you_is_overdue(sample_db: Path) -> None:
    later = FrozenClock(SAMPLE_NOW + timedelta(days=3))  # Thursday 26th, 09:30
    async with running(sample_db, later, start_screen="auto") as (app, pilot):
        assert isinstance(app.screen, TodayScreen)
        row = line_of(app, "Priya Raman")
        assert "! Priya Raman" in row and "2 days overdue" in row  # deadline was Tuesday
        await highlight(app, pilot, "Priya Raman", Kind.THANK_YOU)
        assert app.screen.query_one("#today-list").has_focus


async def test_today_looks_again_while_it_stays_open(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_module, "REFRESH_SECONDS", 0.1)
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        assert "due by tomorrow 15:33" in line_of(app, "Priya Raman")
        clock.advance(timedelta(days=1, hours=7).total_seconds())  # Tuesday 16:30
        await pilot.pause(0.4)
        assert "overdue since 15:33" in line_of(app, "Priya Raman")


# ----- acting on items ----------------------------------------------------------------------


async def test_l_on_a_follow_up_resets_it_and_it_leaves_today(
    sample_db: Path, clock: FrozenClock
) -> None:
    before = contacts_on_disk(sample_db)["Samuel Mensah"]
    assert before["next_action_date"] == "2026-11-23"
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        await highlight(app, pilot, "Samuel Mensah", Kind.FOLLOW_UP)
        await pilot.press("l")
        await pilot.pause()
        assert "Logged contact with Samuel Mensah today" in screen_text(app)
        app.clear_notifications()
        await pilot.pause()
        assert "Samuel Mensah" not in screen_text(app)
        assert "Follow-ups due (1)" in screen_text(app)
        assert app.screen.highlighted() is not None  # the highlight stays on the list
    after = contacts_on_disk(sample_db)["Samuel Mensah"]
    assert after["next_action_date"] == "2026-11-26"  # three days on, for "to contact"
    assert after["last_contact"] == "2026-11-23"


async def test_enter_on_a_follow_up_shows_the_contact_in_the_list(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        await highlight(app, pilot, "Ravi Shah", Kind.FOLLOW_UP)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        contacts = app.screen.query_one(ContactList)
        assert contacts.current is not None and contacts.current.name == "Ravi Shah"
        assert contacts.has_focus
        assert "Ravi Shah" in widget_text(app, "#detail")


async def test_enter_on_a_call_prepares_it_and_today_refreshes_on_return(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        await highlight(app, pilot, "Jonas Weber", Kind.CALL_TODAY)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        assert "Jonas Weber" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_c_starts_the_call_and_today_shows_it_running(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        await highlight(app, pilot, "Priya Raman", Kind.THANK_YOU)
        await pilot.press("c")  # not a call: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await highlight(app, pilot, "Jonas Weber", Kind.CALL_TODAY)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert "Call with Jonas Weber" in screen_text(app)
        await pilot.press("escape")  # leave the call running
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "running now" in line_of(app, "Jonas Weber  ")  # its row in the list
        assert "◉ Call with Jonas Weber running" in screen_text(app)  # the line at the top
    [jonas_call] = [
        i
        for i in on_disk(sample_db)["interviews"].values()
        if i["contact_id"] == contacts_on_disk(sample_db)["Jonas Weber"]["id"]
    ]
    assert jonas_call["call"]["started"].startswith("2026-11-23T09:30")
    assert jonas_call["call"]["ended"] == ""


async def test_enter_on_a_thank_you_opens_the_note(sample_db: Path, clock: FrozenClock) -> None:
    from infoview_tui.screens.thank_you import ThankYouScreen

    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        await highlight(app, pilot, "Priya Raman", Kind.THANK_YOU)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ThankYouScreen)
        assert (
            app.screen.interview_id
            == app.notebook.interviews_of(  # type: ignore[union-attr]
                contacts_on_disk(sample_db)["Priya Raman"]["id"]
            )[0].id
        )


async def test_enter_on_a_reply_awaited_opens_the_outreach_drafts(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        await highlight(app, pilot, "Hannah Becker", Kind.AWAITING_REPLY)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutreachScreen)
        assert "Asking Hannah Becker for a conversation" in screen_text(app)


async def test_g_opens_stats_from_today(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock, start_screen="auto") as (app, pilot):
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


# ----- snapshots ----------------------------------------------------------------------------


def test_today_snapshot_120x40(snap_compare, tmp_path: Path) -> None:
    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())
    app = create_app(db, sample_clock(), cursor_blink=False)  # "auto": Today opens
    assert snap_compare(app, terminal_size=(120, 40))


def test_today_snapshot_overdue_80x24(snap_compare, tmp_path: Path) -> None:
    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())
    later = FrozenClock(SAMPLE_NOW + timedelta(days=3))
    app = create_app(db, later, cursor_blink=False)
    assert snap_compare(app, terminal_size=(80, 24))


async def test_a_long_section_shows_the_first_items_and_counts_the_rest(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(due_module, "AGENDA_SHOWN", 1)
    async with running(sample_db, clock, start_screen="auto") as (app, _):
        shown = screen_text(app)
        assert "Follow-ups due (2)" in shown
        assert "Ravi Shah" in shown and "Samuel Mensah" not in shown
        assert "and 1 more: sort the contact list by next action (o)" in shown
