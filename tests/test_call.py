"""Pilot tests of the live call with a fake clock: countdown, thresholds, pacing, closing
block, pause and +5, quick notes, referral capture, the end of the call, and a restart."""

from __future__ import annotations

import json
from pathlib import Path

from infoview_tui.model import FrozenClock, Stage
from infoview_tui.screens.call import CallScreen
from infoview_tui.screens.debrief import DebriefScreen
from infoview_tui.screens.prep import PrepScreen

from .helpers import (
    calls_on_disk,
    contacts_on_disk,
    running,
    screen_text,
    type_text,
    widget_text,
)
from .test_prep import select


async def start_call_with_agenda(app, pilot, name: str = "jonas", questions: int = 3):  # type: ignore[no-untyped-def]
    """Prepare an agenda of ``questions`` bank questions for the contact, then start the call."""
    await select(pilot, app, name)
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, PrepScreen)
    keys = ["enter"] + ["down", "enter"] * (questions - 1)
    await pilot.press(*keys)
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(app.screen, CallScreen)


async def test_countdown_follows_the_clock_and_changes_look_with_words(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock, size=(80, 24)) as (app, pilot):
        await start_call_with_agenda(app, pilot)
        assert "Call with Jonas Weber · 30 min agreed" in screen_text(app)
        countdown = app.screen.query_one("#countdown")
        clock.advance(60 * 25 + 1)  # 4:59 left
        await pilot.pause(0.4)
        assert "under 5 minutes left" in widget_text(app, "#clock-label")
        assert countdown.has_class("-five")
        assert app.screen.query_one("#clock").value == "4:59"  # type: ignore[attr-defined]
        clock.advance(60 * 3)  # 1:59 left
        await pilot.pause(0.4)
        assert "under 2 minutes left" in widget_text(app, "#clock-label")
        assert countdown.has_class("-two") and not countdown.has_class("-five")
        clock.advance(125)  # 6 s over
        await pilot.pause(0.4)
        assert "over time" in widget_text(app, "#clock-label")
        assert app.screen.query_one("#clock").value == "+0:06"  # type: ignore[attr-defined]
        assert "Time is up: offer to wrap up" in widget_text(app, "#pacing")


async def test_pause_and_extend_are_one_key_each(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot)
        clock.advance(60)
        await pilot.press("p")
        clock.advance(600)  # ten minutes paused: not counted
        await pilot.pause(0.4)
        assert app.screen.query_one("#clock").value == "29:00"  # type: ignore[attr-defined]
        assert "PAUSED" in widget_text(app, "#clock-label")
        await pilot.press("p", "plus")
        clock.advance(30)
        await pilot.pause(0.4)
        assert app.screen.query_one("#clock").value == "33:30"  # type: ignore[attr-defined]
        assert "PAUSED" not in widget_text(app, "#clock-label")


async def test_ticking_pacing_and_the_closing_block(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot, questions=4)
        shown = widget_text(app, "#pacing")
        assert shown.startswith("4 left, 26:00 to go")  # 30 min minus the 4-minute closing
        await pilot.press("2", "3")  # tick the first two questions by their digit
        await pilot.pause(0.4)
        assert widget_text(app, "#pacing").startswith("2 left")
        assert widget_text(app, "#checklist").count("[x]") == 2
        clock.advance(60 * 24)  # 6 min left: 2 min for 2 questions, one won't fit
        await pilot.pause(0.4)
        assert "⌛ won't fit at this pace" in widget_text(app, "#checklist")
        clock.advance(60 * 3)  # 3 min left: inside the 4-minute closing block
        await pilot.pause(0.4)
        current = [line for line in screen_text(app).splitlines() if "▶" in line]
        assert "Closing:" in current[0]  # the highlight went to the first closing ask
        assert "closing time" in widget_text(app, "#clock-label")
        await pilot.press("q")
    call = calls_on_disk(sample_db)[0]
    assert [a["state"] for a in call["agenda"]][:3] == ["open", "asked", "asked"]


async def test_quick_note_is_stamped_and_attached_to_the_question(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot)
        await pilot.press("down")  # the first bank question
        question = app.screen.query_one("#checklist").current_question()  # type: ignore[attr-defined]
        assert question
        clock.advance(125)
        await pilot.press("n")
        await type_text(pilot, "Started in a lab, moved to policy")
        await pilot.press("enter")
        await pilot.pause()
        notes = app.notebook.interviews[app.screen.interview_id].notes  # type: ignore[attr-defined]
        assert notes == f"- [2:05] Started in a lab, moved to policy (on: {question})\n"
        assert app.focused is app.screen.query_one("#checklist")


async def test_referral_is_captured_without_leaving_the_call(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot)
        await pilot.press("r")
        await type_text(pilot, "Ines Castro, Solar Coop")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        person = app.notebook.find_contact_by_name("Ines Castro")  # type: ignore[union-attr]
        assert person is not None
        assert person.organization == "Solar Coop"
        assert person.stage is Stage.TO_CONTACT
        assert app.notebook.contacts[person.referred_by].name == "Jonas Weber"  # type: ignore[union-attr,index]


async def test_ending_the_call_records_the_length_and_opens_the_debrief(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot)
        clock.advance(27 * 60 + 30)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)  # one press only asks
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "lasted 27:30 of 30:00 agreed (2:30 under)" in widget_text(app, "#debrief-summary")
        await type_text(pilot, "Loved the grid storage story")
        await pilot.press("escape")
        await pilot.pause()
        assert "● interviewed" in widget_text(app, "#detail")
        await pilot.press("q")
    jonas = contacts_on_disk(sample_db)["Jonas Weber"]
    assert jonas["stage"] == "interviewed"
    done = calls_on_disk(sample_db)
    assert done[0]["status"] == "done" and done[0]["call"]["ended"]
    assert "- Loved the grid storage story" in done[0]["debrief"]


async def test_a_running_call_resumes_after_a_restart_with_the_right_time(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await start_call_with_agenda(app, pilot)
        clock.advance(100)
        await pilot.pause(0.8)  # the debounced save writes the running call
    data = json.loads(sample_db.read_text(encoding="utf-8"))
    assert any(i.get("call") and not i["call"]["ended"] for i in data["interviews"].values())
    clock.advance(30)  # infoview was gone for 30 s; the call went on
    async with running(sample_db, clock) as (app, pilot):
        await pilot.pause(0.4)
        assert isinstance(app.screen, CallScreen)
        assert app.screen.query_one("#clock").value == "27:50"  # type: ignore[attr-defined]
