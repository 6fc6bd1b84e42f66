"""A contact's history: every interview newest first, with its length against the agreed one,
status, thank-you note, notes and debrief; enter opens the notes, b the debrief."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from infoview_tui.app import create_app
from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.model import FrozenClock
from infoview_tui.notebook import Notebook
from infoview_tui.screens.debrief import DebriefScreen
from infoview_tui.screens.history import HistoryScreen, InterviewCard
from infoview_tui.screens.interview_notes import InterviewNotesScreen
from infoview_tui.screens.main import MainScreen

from .helpers import on_disk, running, screen_text, type_text, wait_until, widget_text
from .test_prep import select

PHONE_NOTES = "- Asked about *teacher panels*\n- She suggested the **Inspired** book\n"


def add_earlier_call(path: Path) -> int:
    """Priya gets a second, older interview: a short phone call with notes, never timed."""
    notebook = Notebook.open(path, sample_clock())
    try:
        priya = notebook.find_contact_by_name("Priya Raman")
        assert priya is not None
        interview = notebook.add_interview(
            contact_id=priya.id,
            when="2026-11-02T12:30",
            mode="phone",
            agreed_minutes=10,
            status="done",
            notes=PHONE_NOTES,
            thanked="2026-11-03",
        )
        return interview.id
    finally:
        notebook.close()


def card_ids(app) -> list[int]:  # type: ignore[no-untyped-def]
    return [card.interview_id for card in app.screen.query(InterviewCard)]


async def test_h_lists_every_interview_newest_first_with_lengths_and_notes(
    sample_db: Path, clock: FrozenClock
) -> None:
    earlier = add_earlier_call(sample_db)
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "priya")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "History with Priya Raman · Product manager, Lumen Learning Co. · 2 interviews" in (
            text
        )
        newer = app.notebook.interviews_of(app.screen.contact_id)[0].id  # type: ignore[union-attr]
        assert card_ids(app) == [newer, earlier]
        assert text.index("Sun 22 Nov 2026, 15:00") < text.index("Mon 2 Nov 2026, 12:30")
        assert app.focused is app.screen.query_one(f"#interview-{newer}")  # the newest is current
        first = widget_text(app, f"#interview-{newer}")
        assert "video call · 30 min agreed · lasted 33:00 (3:00 over) · held" in first
        assert "thank-you due by Tue 24 Nov 15:33" in first
        # the debrief is rendered: headings without their "##", bullets as "•"
        assert "What I learned • Product managers in edtech" in first
        assert "##" not in first
        assert "(no notes: press enter to write them)" in first
        await pilot.press("down")  # the older one comes into view
        await pilot.pause()
        second = widget_text(app, f"#interview-{earlier}")
        assert "phone call · 10 min agreed · not timed · held · thank-you sent 2026-11-03" in second
        assert "• Asked about teacher panels • She suggested the Inspired book" in second
        assert "(no debrief yet: press b to write it)" in second
        assert app.focused is app.screen.query_one(f"#interview-{earlier}")


async def test_keys_move_between_interviews_and_enter_opens_its_notes(
    sample_db: Path, clock: FrozenClock
) -> None:
    earlier = add_earlier_call(sample_db)
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "priya")
        await pilot.press("h")
        await pilot.pause()
        newer = card_ids(app)[0]
        await pilot.press("down")
        assert app.focused is app.screen.query_one(f"#interview-{earlier}")
        await pilot.press("down")  # already the last one: stays
        assert app.focused is app.screen.query_one(f"#interview-{earlier}")
        await pilot.press("up")
        assert app.focused is app.screen.query_one(f"#interview-{newer}")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one(f"#interview-{earlier}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewNotesScreen)
        assert app.screen.interview_id == earlier
        assert isinstance(app.focused, TextArea) and app.focused.text == PHONE_NOTES
        await type_text(pilot, "- Send her the panel dates")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        # what was just written shows, and the same interview is still the current one
        assert "• Send her the panel dates" in widget_text(app, f"#interview-{earlier}")
        assert app.focused is app.screen.query_one(f"#interview-{earlier}")

        def saved() -> str:
            return on_disk(sample_db)["interviews"][str(earlier)]["notes"]

        # The save runs in a thread; on a slow machine a max-wait save can land mid-typing
        # (CI saw "...panel date"), so wait for the whole text, not for the first change.
        expected = PHONE_NOTES + "- Send her the panel dates"
        await wait_until(pilot, lambda: saved() == expected)
        assert saved() == expected
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#contacts").current.name == "Priya Raman"  # type: ignore[attr-defined]


async def test_b_opens_the_debrief_of_the_current_interview(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "tomas")
        await pilot.press("h")
        await pilot.pause()
        interview_id = card_ids(app)[0]
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.interview_id == interview_id
        assert "Learn SQL window functions" in screen_text(app)


async def test_a_contact_with_no_interviews_says_so(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "grace")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert card_ids(app) == []
        text = screen_text(app)
        assert "No interviews with Grace Liu yet." in text
        footer = text.splitlines()[-1]
        assert "Notes" not in footer and "Debrief" not in footer  # nothing to open
        await pilot.press("enter", "b")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_planned_and_a_running_call_say_what_they_are(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("h")
        await pilot.pause()
        interview_id = card_ids(app)[0]
        card = widget_text(app, f"#interview-{interview_id}")
        assert "video call · 30 min agreed · planned" in card
        assert "thank-you" not in card
        await pilot.press("escape")
        app.notebook.start_call(interview_id)  # type: ignore[union-attr]
        await pilot.press("h")
        await pilot.pause()
        card = widget_text(app, f"#interview-{interview_id}")
        # Started at 9:30 for a call planned at 15:00: the card says both (issue 13 item 2).
        assert (
            "video call · 30 min agreed · running now · planned for Mon 23 Nov 2026, 15:00" in card
        )
        assert "held Mon 23 Nov 2026, 09:30" in screen_text(app)


def test_snapshot_history(snap_compare, tmp_path: Path) -> None:
    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())
    add_earlier_call(db)
    app = create_app(db, sample_clock(), cursor_blink=False, start_screen="contacts")

    async def open_history(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("slash", *"priya", "enter", "h")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_history)
