"""After the call: the debrief, the names received, the thank-you clock, reporting back."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from infoview_tui.app import InfoviewApp
from infoview_tui.model import FrozenClock
from infoview_tui.model import debrief as rules
from infoview_tui.notebook import Notebook
from infoview_tui.screens.call import CallScreen
from infoview_tui.screens.debrief import DebriefScreen
from infoview_tui.screens.thank_you import ThankYouScreen

from .helpers import calls_on_disk, contacts_on_disk, on_disk, running, type_text, widget_text
from .test_prep import select
from .test_snapshots import sample_app


def interview_of(path: Path, name: str) -> dict:  # type: ignore[type-arg]
    contact_id = contacts_on_disk(path)[name]["id"]
    [found] = [
        i
        for i in on_disk(path)["interviews"].values()
        if i["contact_id"] == contact_id and i["status"] == "done"
    ]
    return found


# ----- the rules -------------------------------------------------------------------------------


def test_the_template_has_every_section_and_reads_back_empty() -> None:
    text = rules.template()
    for _, heading, _ in rules.SECTIONS:
        assert f"## {heading}" in text
    assert rules.takeaway(text) == ""
    assert rules.names(text) == []


def test_takeaway_is_the_first_line_under_what_i_learned() -> None:
    text = (
        "## Advice\n- Not this one\n\n## What I learned\n<!-- hint -->\n-   \n"
        "- [x] Hiring follows the budget year\n- Second\n## Next steps\n- later\n"
    )
    assert rules.takeaway(text) == "Hiring follows the budget year"
    assert rules.sections(text)["next"] == ["later"]


def test_names_take_the_common_shapes_and_drop_repeats() -> None:
    text = (
        "## Names to contact\n- Ana Ruiz, Health Dept.\n* Bo Li (Acme Corp)\n"
        "1. Cy Ode at Foo Ltd\n- Di Park - City data team\n- ana ruiz\n- Solo\n"
    )
    assert [(n.name, n.organization) for n in rules.names(text)] == [
        ("Ana Ruiz", "Health Dept."),
        ("Bo Li", "Acme Corp"),
        ("Cy Ode", "Foo Ltd"),
        ("Di Park", "City data team"),
        ("Solo", ""),
    ]


# ----- the screens -----------------------------------------------------------------------------


async def open_debrief(app: InfoviewApp, pilot: Pilot[int], name: str) -> None:
    await select(pilot, app, name)
    await pilot.press("D")
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)


async def test_ending_a_call_opens_the_debrief_and_what_is_typed_is_saved(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        clock.advance(25 * 60)
        await pilot.press("E", "E")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        summary = widget_text(app, "#debrief-summary")
        assert "lasted 25:00 of 30:00 agreed (5:00 under)" in summary
        assert "Thank-you note not sent yet" in summary
        assert "## What I learned" in widget_text(app, "#debrief-editor")
        # The cursor starts in the first section, ready to type.
        await type_text(pilot, "Storage projects hire analysts with field experience")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DebriefScreen)
        await pilot.press("q")
    [call] = calls_on_disk(sample_db)
    text = call["debrief"]
    assert "## What I learned" in text and "## Names to contact" in text
    assert rules.takeaway(text) == "Storage projects hire analysts with field experience"
    assert contacts_on_disk(sample_db)["Jonas Weber"]["stage"] == "interviewed"


async def test_after_a_call_with_a_referred_person_it_offers_to_report_back(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "grace")  # Grace Liu was referred by Priya Raman
        await pilot.press("c")  # no call planned: it asks first (enter: the default length)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("E", "E")
        await pilot.pause()
        assert "Priya Raman put you in touch with Grace Liu" in widget_text(app, ".dialog-text")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("q")
    priya = contacts_on_disk(sample_db)["Priya Raman"]
    assert priya["next_action"] == "Tell them how the talk with Grace Liu went"
    assert priya["next_action_date"] == "2026-11-24"


async def test_no_report_back_prompt_without_a_referrer(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("E", "E")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)  # no dialog on top
        await pilot.press("q")


async def test_names_in_the_debrief_become_contacts_referred_by_the_interviewee(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await open_debrief(app, pilot, "priya")
        await pilot.press("ctrl+n")
        await pilot.pause()
        picker = widget_text(app, "#names")
        assert "Ben Carter, Lumen Learning Co." in picker
        assert "Grace Liu" not in picker  # a contact already
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+n")  # again: nothing new is left
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("escape", "q")
    people = contacts_on_disk(sample_db)
    ben = people["Ben Carter"]
    assert ben["organization"] == "Lumen Learning Co."
    assert ben["referred_by"] == people["Priya Raman"]["id"]
    assert ben["stage"] == "to_contact"
    assert sum(1 for name in people if name == "Grace Liu") == 1


async def test_unticked_names_are_left_out(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await open_debrief(app, pilot, "priya")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space", "a")  # untick Ben Carter, then add: nothing to add
        await pilot.pause()
        await pilot.press("escape", "q")
    assert "Ben Carter" not in contacts_on_disk(sample_db)


async def test_the_thank_you_names_a_takeaway_and_marking_it_sent_moves_the_contact(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await open_debrief(app, pilot, "priya")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ThankYouScreen)
        assert "Due by Tue 24 Nov, 15:33" in widget_text(app, "#thank-you-deadline")
        body = widget_text(app, "#thank-you-body")
        assert "Product managers in edtech spend more time with teachers" in body
        assert "Lumen Learning Co.." not in body
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "Thank-you note sent on 2026-11-23" in widget_text(app, "#debrief-summary")
        await pilot.press("escape", "q")
    assert interview_of(sample_db, "Priya Raman")["thanked"] == "2026-11-23"
    priya = contacts_on_disk(sample_db)["Priya Raman"]
    assert priya["stage"] == "thanked"
    assert priya["last_contact"] == "2026-11-23"


async def test_a_late_thank_you_says_it_is_overdue(sample_db: Path, clock: FrozenClock) -> None:
    clock.advance(3 * 24 * 3600)  # three days after the sample's now: past the 2-day window
    async with running(sample_db, clock) as (app, pilot):
        await open_debrief(app, pilot, "priya")
        await pilot.press("ctrl+t")
        await pilot.pause()
        deadline = app.screen.query_one("#thank-you-deadline")
        assert "! OVERDUE: it was due by Tue 24 Nov, 15:33" in widget_text(
            app, "#thank-you-deadline"
        )
        assert deadline.has_class("overdue")
        await pilot.press("escape", "escape", "q")
    assert interview_of(sample_db, "Priya Raman")["thanked"] == ""


async def test_a_thank_you_already_sent_keeps_its_date(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await open_debrief(app, pilot, "maya")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Sent on 2026-10-15" in widget_text(app, "#thank-you-deadline")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert any("already marked sent" in n.message for n in app._notifications)
        await pilot.press("escape", "escape", "q")
    assert interview_of(sample_db, "Maya Okafor")["thanked"] == "2026-10-15"
    assert contacts_on_disk(sample_db)["Maya Okafor"]["stage"] == "keeping_in_touch"


def test_marking_thanked_never_moves_a_contact_backwards(sample_db: Path, clock) -> None:  # type: ignore[no-untyped-def]
    notebook = Notebook.open(sample_db, clock)
    try:
        maya = notebook.find_contact_by_name("Maya Okafor")
        assert maya is not None
        interview = notebook.add_interview(
            contact_id=maya.id, status="done", when="2026-11-20T10:00"
        )
        notebook.mark_thanked(interview.id)
        assert notebook.interviews[interview.id].thanked == "2026-11-23"
        assert notebook.contacts[maya.id].stage == "keeping_in_touch"
        assert notebook.contacts[maya.id].last_contact == "2026-11-23"
    finally:
        notebook.close()


async def test_debrief_key_without_a_held_call_says_so(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("D")
        await pilot.pause()
        assert not isinstance(app.screen, DebriefScreen)
        assert any("has been held yet" in n.message for n in app._notifications)
        await pilot.press("q")


def test_debrief_snapshot(snap_compare, tmp_path: Path) -> None:
    async def debrief(pilot: Pilot[int]) -> None:
        await type_text(pilot, "/priya")
        await pilot.press("enter", "D")

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=debrief)


def test_thank_you_snapshot(snap_compare, tmp_path: Path) -> None:
    async def thank_you(pilot: Pilot[int]) -> None:
        await type_text(pilot, "/priya")
        await pilot.press("enter", "D", "ctrl+t")

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=thank_you)
