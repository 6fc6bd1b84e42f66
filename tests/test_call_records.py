"""Issue 13 items 1-4 ("Wrong records"), pressed as a user would: what the screen shows and
what is on disk (the records, the history, the Markdown and iCalendar exports)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import frontmatter
import icalendar

from infoview_tui.formats import export
from infoview_tui.model import FrozenClock, Stage
from infoview_tui.model.stats import compute
from infoview_tui.notebook import Notebook
from infoview_tui.screens.call import CallScreen
from infoview_tui.screens.confirm import ConfirmScreen
from infoview_tui.screens.debrief import DebriefScreen
from infoview_tui.screens.history import HistoryScreen
from infoview_tui.screens.main import MainScreen
from infoview_tui.screens.prompt import ChoiceScreen, PromptScreen
from infoview_tui.screens.stats import StatsScreen
from infoview_tui.screens.today import TodayScreen
from infoview_tui.store.schema import SCHEMA_VERSION, migrate

from .helpers import contacts_on_disk, on_disk, running, screen_text, type_text, widget_text
from .test_prep import select


def told(app) -> str:  # type: ignore[no-untyped-def]
    """Every notification shown so far, one per line (a toast wraps long ones)."""
    return "\n".join(n.message for n in app._notifications)


def interviews_of(path: Path, name: str) -> list[dict]:  # type: ignore[type-arg]
    contact_id = contacts_on_disk(path)[name]["id"]
    return [i for i in on_disk(path)["interviews"].values() if i["contact_id"] == contact_id]


async def press_and_wait(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()


async def start_unplanned(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """c on a contact with no planned call: it asks first; enter takes the default length."""
    await press_and_wait(pilot, "c")
    assert isinstance(app.screen, PromptScreen)
    await press_and_wait(pilot, "enter")
    assert isinstance(app.screen, CallScreen)


# ----- item 1: r links someone already there, never a duplicate or a loop -------------------


def add_dana_and_eli(path: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(path, clock)
    try:
        dana = notebook.add_contact(
            name="Dana Kim", organization="Acme Health", stage=Stage.INTERVIEWED
        )
        notebook.add_contact(
            name="Eli Novak", organization="Brightline", referred_by=dana.id, stage=Stage.SCHEDULED
        )
        notebook.add_contact(name="Gus Lee", organization="Acme Health", stage=Stage.TO_RESEARCH)
    finally:
        notebook.close()


async def test_r_in_a_call_links_people_already_there_and_never_makes_a_loop(
    sample_db: Path, clock: FrozenClock
) -> None:
    add_dana_and_eli(sample_db, clock)
    contacts_before = len(on_disk(sample_db)["contacts"])
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "eli nov")
        await start_unplanned(app, pilot)
        # Dana referred Eli: suggesting her back adds nobody and links nothing (no loop).
        await press_and_wait(pilot, "r")
        await type_text(pilot, "dana kim, ACME health")
        await press_and_wait(pilot, "enter")
        assert "Dana Kim is already in your contacts: nothing added" in told(app)
        # Gus has no referrer: he is linked to Eli, not added again (same name and
        # organisation, any case).
        await press_and_wait(pilot, "r")
        await type_text(pilot, "Gus Lee, Acme Health")
        await press_and_wait(pilot, "enter")
        assert "Gus Lee is already in your contacts: now referred by Eli Novak" in told(app)
        # Someone new is added, referred by Eli.
        await press_and_wait(pilot, "r")
        await type_text(pilot, "Ivy Moss, Acme Health")
        await press_and_wait(pilot, "enter")
        assert "Added Ivy Moss to contact, referred by Eli Novak" in told(app)
        assert isinstance(app.screen, CallScreen)
        clock.advance(20 * 60)
        await press_and_wait(pilot, "E", "E")
        assert isinstance(app.screen, ConfirmScreen)  # Dana put you in touch: report back?
        await press_and_wait(pilot, "n")
        assert isinstance(app.screen, DebriefScreen)
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        await press_and_wait(pilot, "g")
        assert isinstance(app.screen, StatsScreen)
        stats = screen_text(app)
        assert "Dana Kim → Eli Novak → Gus Lee" in stats or "Dana Kim → Eli Novak → Ivy Moss" in (
            stats
        )
        assert "Dana Kim → Eli Novak → Dana Kim" not in stats
        await press_and_wait(pilot, "escape", "q")
    contacts = contacts_on_disk(sample_db)
    assert len(on_disk(sample_db)["contacts"]) == contacts_before + 1  # Ivy alone
    ids = {doc["id"]: name for name, doc in contacts.items()}
    assert contacts["Dana Kim"]["referred_by"] is None
    assert ids[contacts["Eli Novak"]["referred_by"]] == "Dana Kim"
    assert ids[contacts["Gus Lee"]["referred_by"]] == "Eli Novak"
    assert contacts["Gus Lee"]["stage"] == "to_research"  # linked, not made anew
    assert ids[contacts["Ivy Moss"]["referred_by"]] == "Eli Novak"
    notebook = Notebook.open(sample_db, clock)
    try:
        figures = compute(notebook.contacts, notebook.interviews)
    finally:
        notebook.close()
    # The sample gains 2 referrals from its held calls (Priya's Grace, Tomás's Samuel); Dana
    # (interviewed, no call on record) adds none; Eli's held call adds Gus and Ivy.
    assert figures.chain[:2] == ("Dana Kim", "Eli Novak") and len(figures.chain) == 3
    names = [
        c
        for c in notebook.contacts.values()
        if c.referred_by
        in {i.contact_id for i in notebook.interviews.values() if i.status.value == "done"}
    ]
    assert figures.referrals_gained == len(names)
    assert {"Gus Lee", "Ivy Moss"} <= {c.name for c in names}


# ----- item 2: planned for and held at --------------------------------------------------------


async def test_a_call_held_before_its_date_keeps_both_and_every_view_uses_the_held_one(
    sample_db: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    # Omar's call is planned for Sunday 29 Nov 15:00; it is held today (Mon 23, 09:30).
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "omar")
        await press_and_wait(pilot, "c")  # a planned call: it starts at once
        assert isinstance(app.screen, CallScreen)
        await press_and_wait(pilot, "escape")  # the call keeps running
        await press_and_wait(pilot, "t")
        assert isinstance(app.screen, TodayScreen)
        today = screen_text(app)
        upcoming = today.split("Calls in the next 7 days")[1].split("Thank-you")[0]
        assert "Omar Haddad" not in upcoming  # running: not "in the next 7 days"
        assert "none planned" in upcoming
        calls_today = today.split("Calls today")[1].split("Calls in the next")[0]
        assert "Omar Haddad" in calls_today and "running now" in calls_today
        await press_and_wait(pilot, "escape", "c")
        assert isinstance(app.screen, CallScreen)
        clock.advance(12 * 60)
        await press_and_wait(pilot, "E", "E")
        assert isinstance(app.screen, DebriefScreen)
        await press_and_wait(pilot, "ctrl+t")
        await press_and_wait(pilot, "ctrl+r")  # the thank-you went today
        await press_and_wait(pilot, "escape")
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        detail = widget_text(app, "#detail")
        assert "2026-11-23 09:30 phone, 10 min [done] (planned 2026-11-29 15:00)" in detail
        assert "thanked 2026-11-23" in detail
        await press_and_wait(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        history = screen_text(app)
        assert "held Mon 23 Nov 2026, 09:30" in history
        assert "planned for Sun 29 Nov 2026, 15:00" in history
        await press_and_wait(pilot, "escape", "q")
    [omar] = interviews_of(sample_db, "Omar Haddad")
    assert omar["when"] == "2026-11-29T15:00:00"  # planned for: kept
    assert omar["call"]["started"].startswith("2026-11-23T09:30")  # held at
    assert omar["call"]["ended"].startswith("2026-11-23T09:42")
    assert omar["status"] == "done" and omar["thanked"] == "2026-11-23"

    notebook = Notebook.open(sample_db, clock)
    try:
        folder = tmp_path / "md"
        export(notebook, "md", folder)
        out = io.BytesIO()
        export(notebook, "ics", out)
    finally:
        notebook.close()
    names = {p.name for p in (folder / "interviews").iterdir()}
    assert "2026-11-23 Omar Haddad.md" in names and "2026-11-29 Omar Haddad.md" not in names
    text = (folder / "interviews" / "2026-11-23 Omar Haddad.md").read_text(encoding="utf-8")
    head = frontmatter.loads(text).metadata  # real YAML: times as times
    assert head["date"] == datetime(2026, 11, 23, 9, 30)
    assert head["planned"] == datetime(2026, 11, 29, 15, 0)
    assert head["held_start"] == datetime(2026, 11, 23, 9, 30)
    assert head["held_end"] == datetime(2026, 11, 23, 9, 42)
    assert head["actual_minutes"] == 12.0
    assert "# Omar Haddad, 2026-11-23 09:30" in text
    calendar = icalendar.Calendar.from_ical(out.getvalue())
    [event] = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["summary"]) == "Informational interview with Omar Haddad"
    ]
    assert event.decoded("dtstart") == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=12)
    assert event.decoded("dtend") <= clock()  # a past event, not a future one
    assert "planned for 2026-11-29 15:00" in str(event["description"])


def test_no_thank_you_before_the_call(sample_db: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(sample_db, clock)
    try:
        omar = next(i for i in notebook.interviews.values() if i.when.startswith("2026-11-29"))
        try:
            notebook.mark_thanked(omar.id)
        except ValueError as exc:
            assert "not been held" in str(exc)
        else:
            raise AssertionError("a planned call was thanked")
        assert notebook.interviews[omar.id].thanked == ""
    finally:
        notebook.close()


# ----- item 3: "+5" -------------------------------------------------------------------------


async def test_plus_five_keeps_the_agreed_length_and_everything_counts_alike(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await press_and_wait(pilot, "c")
        assert "Call with Jonas Weber · 30 min agreed" in screen_text(app)
        await press_and_wait(pilot, "plus")
        assert "Call with Jonas Weber · 30 min agreed + 5" in screen_text(app)
        clock.advance(36 * 60)
        await pilot.pause(0.4)
        assert app.screen.query_one("#clock").value == "+1:00"  # type: ignore[attr-defined]
        await press_and_wait(pilot, "E", "E")
        assert isinstance(app.screen, DebriefScreen)
        summary = widget_text(app, "#debrief-summary")
        assert "lasted 36:00 of 30:00 agreed + 5 (1:00 over)" in summary
        await press_and_wait(pilot, "escape", "h")
        card = screen_text(app)
        assert "30 min agreed + 5 · lasted 36:00 (1:00 over)" in card
        await press_and_wait(pilot, "escape", "q")
    [jonas] = interviews_of(sample_db, "Jonas Weber")
    assert jonas["agreed_minutes"] == 30 and jonas["call"]["extra_minutes"] == 5
    notebook = Notebook.open(sample_db, clock)
    try:
        stats = compute(notebook.contacts, notebook.interviews)
    finally:
        notebook.close()
    # The sample's held calls: 34 of 30, 18 of 20, 33 of 30; this one 36 of 30 + 5.
    assert stats.mean_over_seconds == (4 * 60 - 2 * 60 + 3 * 60 + 60) / 4


# ----- item 4: asked before a call, discarded, missed, moved, deleted -----------------------


async def test_c_without_a_planned_call_asks_and_a_started_call_can_be_discarded(
    sample_db: Path, clock: FrozenClock
) -> None:
    before = contacts_on_disk(sample_db)["Samuel Mensah"]
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "samuel")
        await press_and_wait(pilot, "c")
        assert isinstance(app.screen, PromptScreen)
        assert "No call is planned with Samuel Mensah. Start one now?" in screen_text(app)
        await press_and_wait(pilot, "escape")  # nothing started
        assert isinstance(app.screen, MainScreen)
        assert app.notebook.active_call() is None  # type: ignore[union-attr]
        await press_and_wait(pilot, "c", "backspace", "backspace")
        await type_text(pilot, "20")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, CallScreen)
        assert "Call with Samuel Mensah · 20 min agreed" in screen_text(app)
        await press_and_wait(pilot, "X")
        assert isinstance(app.screen, ConfirmScreen)
        assert "It was not planned" in screen_text(app)
        await press_and_wait(pilot, "y")
        assert isinstance(app.screen, MainScreen)
        assert "discarded" in screen_text(app)
        await pilot.pause(0.8)
        await press_and_wait(pilot, "q")
    assert interviews_of(sample_db, "Samuel Mensah") == []
    after = contacts_on_disk(sample_db)["Samuel Mensah"]
    assert after["stage"] == before["stage"] == "to_contact"
    assert after["next_action"] == before["next_action"]


async def test_a_planned_call_started_by_mistake_goes_back_to_planned(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await press_and_wait(pilot, "c", "X")
        assert "It goes back to planned" in screen_text(app)
        await press_and_wait(pilot, "y", "q")
    [jonas] = interviews_of(sample_db, "Jonas Weber")
    assert jonas["status"] == "planned" and jonas["call"] is None
    assert contacts_on_disk(sample_db)["Jonas Weber"]["stage"] == "scheduled"


async def test_a_call_past_its_time_is_not_upcoming_and_can_be_marked_missed(
    sample_db: Path, clock: FrozenClock
) -> None:
    clock.advance((9 * 60 + 52) * 60)  # 19:22; Jonas's call was at 15:00
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        assert "[not held yet / missed?]" in widget_text(app, "#detail")
        await press_and_wait(pilot, "t")
        assert isinstance(app.screen, TodayScreen)
        row = next(r for r in screen_text(app).splitlines() if "Jonas Weber" in r and "15:00" in r)
        assert "not held yet / missed?" in row and "today 15:00" not in row
        screen = app.screen
        await pilot.press("home")
        for _ in range(10):
            item = screen.highlighted()
            if item is not None and item.name == "Jonas Weber":
                break
            await pilot.press("down")
        await press_and_wait(pilot, "m")
        assert isinstance(app.screen, ChoiceScreen)
        await press_and_wait(pilot, "enter")  # the first choice: missed
        assert isinstance(app.screen, TodayScreen)
        calls_today = screen_text(app).split("Calls today")[1].split("Calls in the next")[0]
        assert "Jonas Weber" not in calls_today
        await press_and_wait(pilot, "escape", "h")
        assert "missed" in screen_text(app)
        await press_and_wait(pilot, "escape", "q")
    [jonas] = interviews_of(sample_db, "Jonas Weber")
    assert jonas["status"] == "missed" and jonas["call"] is None
    notebook = Notebook.open(sample_db, clock)
    try:
        out = io.BytesIO()
        export(notebook, "ics", out)
    finally:
        notebook.close()
    calendar = icalendar.Calendar.from_ical(out.getvalue())
    [event] = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["summary"]) == "Informational interview with Jonas Weber"
    ]
    assert str(event["status"]) == "CANCELLED"


async def test_a_planned_call_is_moved_and_an_interview_deleted_by_mistake_comes_back(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "omar")
        await press_and_wait(pilot, "h", "m")
        assert isinstance(app.screen, ChoiceScreen)
        await press_and_wait(pilot, "down", "down", "enter")  # rescheduled
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*["backspace"] * 20)
        await type_text(pilot, "2026-12-01 10:00")
        await press_and_wait(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        history = screen_text(app)
        assert "Tue 1 Dec 2026, 10:00" in history
        assert "moved from Sun 29 Nov 2026, 15:00" in history
        await pilot.pause(0.8)
        [omar] = interviews_of(sample_db, "Omar Haddad")
        assert omar["when"] == "2026-12-01T10:00:00"
        assert omar["rescheduled_from"] == ["2026-11-29T15:00:00"]
        assert omar["status"] == "planned"
        await press_and_wait(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press_and_wait(pilot, "y")
        await pilot.pause()
        assert "No interviews with Omar Haddad yet" in screen_text(app)
        await pilot.pause(0.8)
        assert interviews_of(sample_db, "Omar Haddad") == []
        assert contacts_on_disk(sample_db)["Omar Haddad"]["stage"] == "scheduled"
        await press_and_wait(pilot, "u")
        await pilot.pause()
        assert "Tue 1 Dec 2026, 10:00" in screen_text(app)
        await press_and_wait(pilot, "escape", "q")
    [omar] = interviews_of(sample_db, "Omar Haddad")
    assert omar["when"] == "2026-12-01T10:00:00"


# ----- the schema ---------------------------------------------------------------------------


def test_a_schema_1_file_is_migrated_and_read(tmp_path: Path, clock: FrozenClock) -> None:
    tables = {
        "contacts": {"1": {"id": 1, "name": "Ada"}},
        "interviews": {
            "1": {"id": 1, "contact_id": 1, "when": "2026-11-29T15:00", "status": "done"}
        },
        "meta": {"1": {"schema": 1, "settings": {}}},
    }
    migrated, start = migrate(json.loads(json.dumps(tables)))
    assert start == 1 and SCHEMA_VERSION >= 2
    assert migrated["interviews"]["1"]["rescheduled_from"] == []
    path = tmp_path / "old.json"
    path.write_text(json.dumps(tables), encoding="utf-8")
    notebook = Notebook.open(path, clock)
    try:
        interview = notebook.interviews[1]
        assert interview.rescheduled_from == () and interview.held_start is None
        assert interview.moment == datetime(2026, 11, 29, 15, 0)  # held as planned
        notebook.update_contact(1, role="Analyst")
    finally:
        notebook.close()
    saved = on_disk(path)
    assert saved["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert saved["interviews"]["1"]["rescheduled_from"] == []
