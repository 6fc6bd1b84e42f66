"""Pilot tests for preparing and reaching out: schedule, agenda, warnings, templates, pitch,
outreach drafts, settings, the question bank and the command palette."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from infoview_tui.model import FrozenClock, Status
from infoview_tui.screens.interview_form import InterviewForm
from infoview_tui.screens.outreach import OutreachScreen
from infoview_tui.screens.prep import PrepScreen
from infoview_tui.widgets.agenda_list import AgendaList
from infoview_tui.widgets.contact_list import ContactList

from .helpers import contacts_on_disk, on_disk, running, screen_text, type_text, widget_text


async def select(pilot, app, name: str) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, "/" + name)
    await pilot.press("enter")
    await pilot.pause()
    assert app.screen.query_one(ContactList).current.name.startswith(name.title()[:3])


def interviews_on_disk(path: Path, contact_name: str) -> list[dict]:
    contact_id = contacts_on_disk(path)[contact_name]["id"]
    return [i for i in on_disk(path)["interviews"].values() if i["contact_id"] == contact_id]


async def test_schedule_a_call_moves_the_contact_to_scheduled(
    sample_db: Path, clock: FrozenClock
) -> None:
    tomorrow = (clock().date() + timedelta(days=1)).isoformat()
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "samuel")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InterviewForm)
        assert "Schedule a call with Samuel Mensah" in screen_text(app)
        app.screen.query_one("#f-minutes").value = "95"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "give a length between 5 and 90" in screen_text(app)
        await pilot.click("#preset-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "◷ scheduled" in widget_text(app, "#detail")
        assert f"{tomorrow} 15:00 video, 20 min [planned]" in widget_text(app, "#detail")
        await pilot.press("q")
    [call] = interviews_on_disk(sample_db, "Samuel Mensah")
    assert call["when"] == f"{tomorrow}T15:00:00" and call["agreed_minutes"] == 20
    assert contacts_on_disk(sample_db)["Samuel Mensah"]["stage"] == "scheduled"


async def test_agenda_from_the_bank_with_fit_must_ask_reorder_and_remove(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        assert "Call with Jonas Weber" in screen_text(app)
        bank = app.screen.query_one("#bank")
        await pilot.press("enter", "down", "enter", "down", "enter")  # the first three
        await pilot.pause()
        agenda = app.screen.query_one(AgendaList)
        first_three = [item.text for item in agenda.items]
        assert len(first_three) == 3
        assert "3 questions" in widget_text(app, "#prep-fit")
        assert bank is not None
        await pilot.press("tab")  # back to... the filter or the agenda: go to the agenda
        agenda.focus()
        await pilot.press("home", "m", "shift+down")  # must-ask the first, move it second
        await pilot.press("end", "x")  # remove the last
        await pilot.pause()
        texts = [item.text for item in agenda.items]
        assert texts == [first_three[1], first_three[0]]
        assert agenda.items[1].must_ask and not agenda.items[0].must_ask
        assert "★" in widget_text(app, "#agenda")
        await pilot.press("escape", "q")
    [call] = [i for i in interviews_on_disk(sample_db, "Jonas Weber") if i["status"] == "planned"]
    assert [(a["text"], a["must_ask"]) for a in call["agenda"]] == [
        (first_three[1], False),
        (first_three[0], True),
    ]


async def test_questions_about_pay_warn_and_yes_no_questions_get_a_hint(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "What is the salary for this role?")
        await pilot.press("enter")
        await pilot.pause()
        assert "About jobs or pay" in screen_text(app)
        assert "⚠ jobs/pay" in widget_text(app, "#agenda")
        await pilot.press("n")
        await type_text(pilot, "Do you like your work?")
        await pilot.press("enter")
        await pilot.pause()
        assert "A yes/no question" in screen_text(app)
        assert "? yes/no" in widget_text(app, "#agenda")
        # Both went into the user's own bank too.
        texts = [q.text for q in app.notebook.questions.values()]  # type: ignore[union-attr]
        assert texts == ["What is the salary for this role?", "Do you like your work?"]


async def test_agenda_templates_save_and_reuse(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        saved = [item.text for item in app.screen.query_one(AgendaList).items]
        app.screen.query_one(AgendaList).focus()
        await pilot.press("t")
        await type_text(pilot, "Energy people")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # back to the list
        await pilot.press("escape")
        await select(pilot, app, "omar")
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one(AgendaList).focus()
        await pilot.press("T")
        await pilot.pause()
        assert "Energy people  (2 questions)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert [item.text for item in app.screen.query_one(AgendaList).items] == saved
    settings = on_disk(sample_db)["meta"]["1"]["settings"]
    assert settings["agenda_templates"] == {"Energy people": saved}


async def test_pitch_variant_is_estimated_and_saved(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        assert "write a 15-30 second introduction" in widget_text(app, "#pitch-estimate")
        app.screen.query_one(AgendaList).focus()
        await pilot.press("p")
        words = " ".join(["word"] * 50)  # 50 words at 150 a minute: about 20 s
        await type_text(pilot, words)
        await pilot.pause()
        assert "about 20 s" in widget_text(app, "#pitch-estimate")
        await pilot.press("ctrl+q")
    [call] = [i for i in interviews_on_disk(sample_db, "Jonas Weber") if i["status"] == "planned"]
    assert call["pitch"] == words


async def test_outreach_draft_names_the_referrer_copies_and_marks_sent(
    sample_db: Path, clock: FrozenClock
) -> None:
    week = (clock().date() + timedelta(days=7)).isoformat()
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "samuel")  # referred by Tomás Herrera
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, OutreachScreen)
        body = app.screen.query_one("#email-body").text  # type: ignore[attr-defined]
        assert "Tomás" in body and "Samuel" in body
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.clipboard.startswith("To: s.mensah@example.gov\nSubject: ")
        assert "Tomás" in app.clipboard
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not isinstance(app.screen, OutreachScreen)
        assert "→ reached out" in widget_text(app, "#detail")
        await pilot.press("q")
    samuel = contacts_on_disk(sample_db)["Samuel Mensah"]
    assert samuel["stage"] == "reached_out"
    assert samuel["next_action_date"] == week
    assert samuel["last_contact"] == clock().date().isoformat()


async def test_settings_are_validated_and_saved(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("comma")
        await pilot.pause()
        await type_text(pilot, "Kim Lee")
        screen = app.screen
        screen.query_one("#s-background").value = "a biology graduate exploring science writing"  # type: ignore[attr-defined]
        screen.query_one("#s-closing_minutes").value = "45"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "a whole number from 0 to 30" in screen_text(app)
        screen.query_one("#s-closing_minutes").value = "5"  # type: ignore[attr-defined]
        screen.query_one("#d-reached_out").value = "4"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not screen
        assert app.notebook.settings.closing_minutes == 5  # type: ignore[union-attr]
        await pilot.press("q")
    settings = on_disk(sample_db)["meta"]["1"]["settings"]
    assert settings["name"] == "Kim Lee"
    assert settings["closing_minutes"] == 5
    assert settings["follow_up_days"]["reached_out"] == 4


async def test_question_bank_add_edit_and_retire(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("b")
        await pilot.pause()
        before = len(app.notebook.bank())  # type: ignore[union-attr]
        await pilot.press("a")
        await type_text(pilot, "What would you study today?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "What would you study today? (mine)" in widget_text(app, "#bank")
        assert len(app.notebook.bank()) == before + 1  # type: ignore[union-attr]
        await pilot.press("home")
        first = app.screen.query_one("#bank").current()  # type: ignore[attr-defined]
        assert first.builtin
        await pilot.press("x", "y")
        await pilot.pause()
        assert first.text not in [e.text for e in app.notebook.bank()]  # type: ignore[union-attr]
        await pilot.press("escape", "q")
    settings = on_disk(sample_db)["meta"]["1"]["settings"]
    assert settings["retired_questions"] == [first.key]
    assert [q["text"] for q in on_disk(sample_db)["questions"].values()] == [
        "What would you study today?"
    ]


async def test_command_palette_reaches_the_flows(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("ctrl+p")
        await type_text(pilot, "schedule call")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewForm)
        assert "Schedule a call with Aiko Tanaka" in screen_text(app)


async def test_prepare_without_a_planned_call_schedules_first(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "léa")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, InterviewForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        assert app.screen.interview.status is Status.PLANNED


async def test_the_palette_offers_the_prepare_screen_keys_too(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "new question")
        await pilot.press("enter")
        await pilot.pause()
        assert "A question of your own" in screen_text(app)


async def test_the_saved_theme_is_used_at_start(sample_db: Path, clock: FrozenClock) -> None:
    from infoview_tui.notebook import Notebook

    notebook = Notebook.open(sample_db, clock)
    notebook.update_settings(theme="nord")
    assert notebook.close() is None
    async with running(sample_db, clock) as (app, _pilot):
        assert app.theme == "nord"
