"""Issue 13 items 5-12, the checklist during the call: stable numbers, the highlight that moves
on, the ▶ mark, pacing that agrees with the marks, typed words never lost, footers at 80x24,
the running call on the list and Today, and the bell. Keys pressed as a user would; what the
screen shows and what is on disk asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infoview_tui.model import FrozenClock
from infoview_tui.screens.call import CallScreen
from infoview_tui.screens.main import MainScreen
from infoview_tui.screens.prep import PrepScreen
from infoview_tui.screens.today import TodayScreen

from .helpers import calls_on_disk, on_disk, running, screen_text, type_text, widget_text
from .test_call import start_call_with_agenda
from .test_prep import select

ROW = re.compile(r"^▊ ([▶ ])\s+(\d+) \[(.)\] (.*?)\s*▎")


def rows(app) -> dict[int, tuple[bool, str, str]]:  # type: ignore[no-untyped-def]
    """The checklist's first lines as shown: number -> (has ▶, box, text)."""
    found: dict[int, tuple[bool, str, str]] = {}
    for line in screen_text(app).splitlines():
        match = ROW.search(line)
        if match:
            found[int(match[2])] = (match[1] == "▶", match[3], match[4])
    return found


def texts(app) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Number -> the item's text, without the "won't fit" mark (which comes and goes)."""
    return {n: text.split("  ⌛")[0] for n, (_, _, text) in rows(app).items()}


def current(app) -> int:  # type: ignore[no-untyped-def]
    marked = [n for n, (mark, _, _) in rows(app).items() if mark]
    assert len(marked) == 1, rows(app)
    return marked[0]


def footer_line(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()[-1]


def list_rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The contact list's rows as shown (cropped to the list)."""
    region = app.screen.query_one("#contacts").content_region
    strips = app.screen._compositor.render_strips()
    return [strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]]


def states_on_disk(path: Path) -> list[str]:
    return [item["state"] for item in calls_on_disk(path, since="")[0]["agenda"]]


async def test_closing_block_highlights_its_first_ask_and_numbers_never_move(
    sample_db: Path, clock: FrozenClock
) -> None:
    """Item 5."""
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot, questions=3)  # 1 opening, 2-4, 5-7 closing
        before = texts(app)
        assert "Closing:" in before[5] and "Closing:" in before[7]
        assert current(app) == 1
        clock.advance(27 * 60)  # 3:00 left: inside the 4-minute closing block
        await pilot.pause(0.4)
        assert current(app) == 5 and "get back in touch" in rows(app)[5][2]
        await pilot.press("space")  # ticks the closing ask under the highlight
        await pilot.pause(0.4)
        after = rows(app)
        assert after[5][1] == "x"
        assert texts(app) == before  # nothing moved, nothing renumbered
        assert current(app) == 6  # on to the next open item
        await pilot.press("7")  # the digit still means what it showed
        await pilot.pause(0.4)
        assert rows(app)[7][1] == "x" and "Thank them" in rows(app)[7][2]
        assert rows(app)[6][1] == " "
        await pilot.pause(0.8)
        assert states_on_disk(sample_db)[-3:] == ["asked", "open", "asked"]


async def test_a_tick_moves_the_highlight_to_the_next_open_item_and_every_item_has_a_key(
    sample_db: Path, clock: FrozenClock
) -> None:
    """Item 6: one key per question; 0 ticks item 10, t + number + enter any item."""
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot, questions=10)  # 14 items
        assert current(app) == 1
        await pilot.press("space")
        await pilot.pause(0.3)
        assert current(app) == 2
        await pilot.press("s", "space")  # skip 2, tick 3: the highlight follows each time
        await pilot.pause(0.3)
        assert current(app) == 4
        await pilot.press("6")  # another item by its number: the highlight stays where it is
        await pilot.pause(0.3)
        assert current(app) == 4
        await pilot.press("space")  # 4 ticked: 5 next (6 is done already)
        await pilot.pause(0.3)
        assert current(app) == 5
        await pilot.press("0")  # item 10
        await pilot.press("t")
        await type_text(pilot, "12")
        await pilot.press("enter")
        await pilot.pause(0.3)
        shown = rows(app)
        assert shown[10][1] == "x" and shown[12][1] == "x" and shown[11][1] == " "
        assert app.focused is app.screen.query_one("#checklist")
        await pilot.press("t")
        await type_text(pilot, "15")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert "No item 15: the items are 1 to 14" in screen_text(app)
        await pilot.pause(0.8)
    states = states_on_disk(sample_db)
    assert states[:6] == ["asked", "skipped", "asked", "asked", "open", "asked"]
    assert (states[9], states[10], states[11]) == ("asked", "open", "asked")


async def test_the_current_item_is_marked_without_colour(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 7: ▶ on the highlighted item, with NO_COLOR set."""
    monkeypatch.setenv("NO_COLOR", "1")
    async with running(sample_db, clock, size=(80, 24)) as (app, pilot):
        assert app.no_color
        await start_call_with_agenda(app, pilot, questions=3)
        assert current(app) == 1
        await pilot.press("down", "down")
        await pilot.pause(0.2)
        assert current(app) == 3
        assert screen_text(app).count("▶") == 1


async def test_the_pacing_line_says_what_fits_and_which_numbers_to_drop(
    sample_db: Path, clock: FrozenClock
) -> None:
    """Item 8: the line and the ⌛ marks say the same."""
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot, questions=6)  # questions are items 2-7
        assert widget_text(app, "#pacing") == "6 left, 26:00 to go, about 4:20 each"
        clock.advance(30 * 60 - 4 * 60 - 9 * 60)  # 13 min left, 9 for questions: 3 fit
        await pilot.pause(0.4)
        pacing = widget_text(app, "#pacing")
        assert pacing == "6 left, 9:00 to go: 3 fit at about 2:30 each, ⌛ drop 5-7"
        late = sorted(n for n, (_, _, text) in rows(app).items() if "won't fit" in text)
        assert late == [5, 6, 7]
        assert "about 1:30 each" not in pacing


async def test_escape_keeps_what_was_typed(sample_db: Path, clock: FrozenClock) -> None:
    """Item 9: esc in the line keeps the words; each use keeps its own; leaving and quitting
    keep unsent lines in the call's notes."""
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot)
        entry = app.screen.query_one("#entry")
        await pilot.press("n")
        await type_text(pilot, "Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert app.focused is app.screen.query_one("#checklist")
        assert entry.value == "Half a thought"  # type: ignore[attr-defined]
        assert "Half a thought" in screen_text(app)
        await pilot.press("r")  # someone they suggest: a line of its own
        assert entry.value == ""  # type: ignore[attr-defined]
        await type_text(pilot, "Ines Cas")
        await pilot.press("escape", "n")  # back to the note: it is still there
        assert entry.value == "Half a thought"  # type: ignore[attr-defined]
        await type_text(pilot, " on grids")
        await pilot.press("enter")
        await pilot.pause()
        notes = app.notebook.interviews[app.screen.interview_id].notes  # type: ignore[attr-defined]
        assert "] Half a thought on grids" in notes
        await pilot.press("escape")  # leave the call with the referral line unsent
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("c")  # back to it; then a note typed and quit on
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Last words")
        await pilot.press("escape", "q")
        await pilot.pause()
    notes = calls_on_disk(sample_db, since="")[0]["notes"]
    assert "someone they suggest (not added yet): Ines Cas" in notes
    assert "] Last words" in notes


async def test_the_keys_a_user_needs_are_in_the_footer_at_80x24(
    sample_db: Path, clock: FrozenClock
) -> None:
    """Item 10."""
    async with running(sample_db, clock, size=(80, 24)) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        footer = footer_line(app)
        for key in ("g Start call", "p Pitch", "w Outreach", "esc Back", "q Quit"):
            assert key in footer, footer
        await pilot.press("enter", "down", "enter")  # the bank has focus first
        app.screen.query_one("#agenda").focus()
        await pilot.pause()
        footer = footer_line(app)
        assert "g Start call" in footer and "w Outreach" in footer
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        footer = footer_line(app)
        for key in ("E End call", "+ 5 min", "p Pause", "n Note", "esc List", "q Quit"):
            assert key in footer, footer
        await pilot.press("n")  # typing: the keys that would go into the line leave the footer
        await pilot.pause()
        footer = footer_line(app)
        assert "esc Keep it, to the checklist" in footer and "End call" not in footer
        await pilot.press("escape")
        await pilot.pause()
        assert "E End call" in footer_line(app)
        assert "space tick · s skip" in screen_text(app)  # the checklist's keys, on its edge


async def test_the_contact_list_and_today_show_the_running_call(
    sample_db: Path, clock: FrozenClock
) -> None:
    """Item 11."""
    async with running(sample_db, clock) as (app, pilot):
        assert "running" not in screen_text(app)
        await start_call_with_agenda(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        text = screen_text(app)
        assert "◉ Call with Jonas Weber running (30:00 left) · c: back to the call" in text
        assert "c Back to call" in footer_line(app)
        jonas_row = next(row for row in list_rows(app) if "Jonas Weber" in row)
        assert jonas_row.rstrip().endswith("◉")
        assert sum("◉" in row for row in list_rows(app)) == 1
        await pilot.press("home")  # another contact selected: c still goes back to the call
        clock.advance(65)
        await pilot.press("t")
        await pilot.pause(1.2)
        assert isinstance(app.screen, TodayScreen)
        assert "Call with Jonas Weber running (28:55 left)" in screen_text(app)
        assert "c Back to call" in footer_line(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert app.screen.query_one("#clock").value == "28:55"  # type: ignore[attr-defined]
        await pilot.press("E", "E")
        await pilot.pause()
        await pilot.press("escape")  # the debrief, then the contact list: no call runs
        await pilot.pause(0.3)
        while not isinstance(app.screen, MainScreen):
            await pilot.press("escape")
            await pilot.pause(0.2)
        app.clear_notifications()
        await pilot.pause()
        assert "running (" not in screen_text(app) and "◉" not in screen_text(app)
        assert "c Call" in footer_line(app)


async def ring_count(app) -> list[int]:  # type: ignore[no-untyped-def]
    rings: list[int] = []
    app.bell = lambda: rings.append(1)
    return rings


async def test_the_bell_rings_at_closing_time_and_time_up_when_set(
    sample_db: Path, clock: FrozenClock
) -> None:
    """Item 12: off by default; on in the settings, it rings once at each moment, on the call
    screen and on the contact list alike."""
    async with running(sample_db, clock) as (app, pilot):
        rings = await ring_count(app)
        await start_call_with_agenda(app, pilot)
        clock.advance(27 * 60)  # closing time
        await pilot.pause(0.6)
        assert rings == []  # off by default
        await pilot.press("plus", "plus")  # 13 min left: out of the closing block again
        await pilot.press("escape", "comma")
        await pilot.pause()
        assert "Ring the terminal bell at closing time" in screen_text(app)
        app.screen.query_one("#s-bell").focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        clock.advance(8 * 60)  # 5 min left
        await pilot.pause(0.6)
        assert rings == []
        clock.advance(61)  # 3:59 left: closing time
        await pilot.pause(0.6)
        assert rings == [1]
        await pilot.press("escape")  # on the contact list the call goes on, and so does the bell
        clock.advance(4 * 60)
        await pilot.pause(0.6)
        assert rings == [1, 1]
        clock.advance(60)
        await pilot.pause(0.6)
        assert rings == [1, 1]  # once each
        await pilot.pause(0.8)
    assert on_disk(sample_db)["meta"]["1"]["settings"]["bell"] is True
