"""Pilot tests for issue 13, "Around the call" (items 13-20): templates keep must-ask,
job-seeking questions are flagged everywhere, plain-text thank-you notes, outreach wording and
length, contact search over location and how-we-met, Today's own marks, the referrer
completion on tab, footers of modal forms, focus in prepare, stats at 80 columns."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TabbedContent

from infoview_tui.content.outreach import plain_text
from infoview_tui.model import FrozenClock, Stage
from infoview_tui.screens.contact_form import ContactForm
from infoview_tui.screens.debrief import DebriefScreen
from infoview_tui.screens.outreach import OutreachScreen
from infoview_tui.screens.prep import PrepScreen
from infoview_tui.screens.stats import StatsScreen
from infoview_tui.screens.thank_you import ThankYouScreen
from infoview_tui.screens.today import TodayScreen
from infoview_tui.widgets.agenda_list import AgendaList
from infoview_tui.widgets.contact_list import ContactList

from .helpers import on_disk, running, screen_text, type_text, widget_text


async def select(pilot, app, name: str) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, "/" + name)
    await pilot.press("enter")
    await pilot.pause()
    assert app.screen.query_one(ContactList).current.name.lower().startswith(name[:3])


# --- item 13: templates keep ★; asking to be referred is flagged; ⚠ in the bank ---------------


async def test_a_template_keeps_its_must_ask_marks(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("enter", "down", "enter")  # two bank questions onto the agenda
        await pilot.pause()
        app.screen.query_one(AgendaList).focus()
        await pilot.press("home", "m")  # the first is a must-ask
        await pilot.pause()
        first, second = (item.text for item in app.screen.query_one(AgendaList).items)
        await pilot.press("t")
        await type_text(pilot, "Energy people")
        await pilot.press("enter")
        await pilot.pause()
        assert "Saved the template 'Energy people' (2 questions, 1" in screen_text(app)
        assert "must-ask)" in screen_text(app)
        await pilot.press("escape", "escape")
        await select(pilot, app, "omar")
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one(AgendaList).focus()
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        agenda = widget_text(app, "#agenda")
        assert f"1. ★ {first}" in agenda
        assert f"2. {second}" in agenda  # not marked
        omar = app.screen.interview  # type: ignore[attr-defined]
        assert [(i.text, i.must_ask) for i in omar.agenda] == [(first, True), (second, False)]
        await pilot.press("escape", "q")
    settings = on_disk(sample_db)["meta"]["1"]["settings"]
    assert settings["agenda_templates"] == {"Energy people": [first, second]}
    assert settings["agenda_template_must_ask"] == {"Energy people": [first]}
    [omar_call] = [
        i
        for i in on_disk(sample_db)["interviews"].values()
        if i["agenda"] and i["agenda"][0]["text"] == first and i["id"] == omar.id
    ]
    assert [a["must_ask"] for a in omar_call["agenda"]] == [True, False]


async def test_asking_for_a_referral_to_a_job_is_warned_and_marked_in_the_bank(
    sample_db: Path, clock: FrozenClock
) -> None:
    question = "Could you refer me for a position on your team?"
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, question)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "About jobs or pay" in text
        assert "A yes/no question" not in text
        assert f"{question} ⚠ jobs/pay" in widget_text(app, "#agenda")
        # The bank shows the same mark on the question (it went into the user's bank).
        assert f"{question} (mine) ⚠ jobs/pay" in widget_text(app, "#bank")
        await pilot.press("escape")
        await pilot.press("b")  # the question bank screen
        await pilot.pause()
        app.clear_notifications()  # the warning toast covers the bank's last lines
        await pilot.press("end")  # the user's own questions come last
        await pilot.pause()
        assert f"{question} (mine) ⚠ jobs/pay" in widget_text(app, "BankList")
        # Built-in questions carry no mark: only this one line has one.
        assert sum("⚠" in line for line in screen_text(app).splitlines()) == 1


# --- item 14: the thank-you note is plain text ----------------------------------------------


def test_plain_text_strips_markdown_marks() -> None:
    assert plain_text("They want **reproducible** work") == "They want reproducible work"
    assert plain_text("Read [the guide](https://x.org), `pandas` is _fine_") == (
        "Read the guide (https://x.org), pandas is fine"
    )
    assert (
        plain_text("see <https://y.org> or ~~not~~ \\*this\\*") == "see https://y.org or not *this*"
    )
    assert plain_text("# Head\n\n- one *a*\n- two\n\n> said **so**") == (
        "Head\n\n- one a\n- two\n\n> said so"
    )
    assert plain_text("a <b>bold</b> word") == "a bold word"
    assert plain_text("") == ""


async def test_the_thank_you_note_pastes_no_markdown(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "priya")
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        # The first thing under "What I learned", written with Markdown emphasis.
        await pilot.press("pageup", "pageup", "pageup", "home", "down", "right", "right")
        await type_text(pilot, "**Reproducible** work matters _most_; ")
        await pilot.pause()
        assert "- **Reproducible** work matters _most_; Product managers" in (
            widget_text(app, "#debrief-editor")
        )
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ThankYouScreen)
        body = widget_text(app, "#thank-you-body")
        assert "taking away from our conversation: Reproducible work matters most; Product" in body
        assert "*" not in body and "_most_" not in body
        hint = widget_text(app, "#thank-you-help")
        assert "“Reproducible work matters most; Product managers" in hint
        # What is copied is the same plain text.
        assert "**" not in app.screen.draft()  # type: ignore[attr-defined]
        await pilot.press("escape", "escape", "q")
    # The debrief itself keeps its Markdown.
    [priya] = [
        i
        for i in on_disk(sample_db)["interviews"].values()
        if "**Reproducible** work matters _most_" in i.get("debrief", "")
    ]
    assert priya["status"] == "done"


# --- item 15: outreach reads naturally and asks for the scheduled length --------------------


async def test_outreach_asks_for_the_scheduled_length_in_lower_case_words(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "samuel")  # Urban planner, field Public sector
        await pilot.press("i")  # schedule a 20-minute call
        await pilot.pause()
        await pilot.click("#preset-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "20 min [planned]" in widget_text(app, "#detail")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, OutreachScreen)
        body = widget_text(app, "#email-body")
        assert "you work as an urban planner at" in body
        assert "understand public sector from someone" in body
        assert "Would you have 20 minutes" in body
        assert "30 minutes" not in body
        await pilot.click("#--content-tab-phone-tab")  # the phone script's tab
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "phone-tab"
        script = widget_text(app, "#phone-body")
        assert "Would you have 20 minutes to talk now" in script
        assert "I'll keep it to 20 minutes" in script
        await pilot.press("escape", "q")
    samuel = [c for c in on_disk(sample_db)["contacts"].values() if c["name"] == "Samuel Mensah"]
    assert samuel[0]["role"] == "Urban planner"  # the stored field keeps its capital


# --- item 17: Today's marks are its own -------------------------------------------------------


async def test_today_marks_never_reuse_a_stage_mark(sample_db: Path, clock: FrozenClock) -> None:
    stage_marks = {stage.glyph for stage in Stage}
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        rows = {
            "☎": "Jonas Weber",  # a call today
            "☏": "Omar Haddad",  # a call in the next days
            "✉": "Priya Raman",  # a thank-you to send
            "↻": "Samuel Mensah",  # a follow-up due
            "↩": "Aiko Tanaka",  # awaiting a reply
            "!": "Ravi Shah",  # overdue, as on the contact list
        }
        for mark, name in rows.items():
            assert f"│  {mark} {name}" in text, (mark, name)
        # Each heading carries its mark: the legend is on the screen.
        for heading in (
            "☎ Calls today (1)",
            "☏ Calls in the next 7 days (1)",
            "✉ Thank-you notes to send (1)",
            "↻ Follow-ups due (2)",
            "↩ Awaiting a reply (2)",
            "◌ Losing touch (0)",
        ):
            assert f"│  {heading}" in text, heading
        listing = widget_text(app, "#today-list")
        for mark in stage_marks:
            assert f" {mark} " not in f" {listing} ", f"stage mark {mark} on Today"


# --- item 18: tab takes the "Referred by" completion -----------------------------------------


async def test_tab_takes_the_referrer_completion(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await type_text(pilot, "Lena Park")
        while app.focused is not None and app.focused.id != "f-referred_by":
            await pilot.press("tab")
        await type_text(pilot, "ma")
        await pilot.pause()
        assert "maya Okafor" in screen_text(app)  # typed "ma", the rest suggested
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-tags"  # and on to the next field
        assert "Maya Okafor" in widget_text(app, "#f-referred_by")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert "no contact named" not in screen_text(app)
        assert "Referred by Maya Okafor" in widget_text(app, "#detail")
        await pilot.press("q")
    people = {c["name"]: c for c in on_disk(sample_db)["contacts"].values()}
    assert people["Lena Park"]["referred_by"] == people["Maya Okafor"]["id"]


async def test_saving_with_a_completion_on_show_takes_it_and_a_wrong_name_still_fails(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "Ole Berg")
        while app.focused is not None and app.focused.id != "f-referred_by":
            await pilot.press("tab")
        await type_text(pilot, "Zed")  # nobody: nothing suggested, tab just moves on
        await pilot.press("tab", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert "no contact named 'Zed'" in screen_text(app)
        app.screen.query_one("#f-referred_by").focus()
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "tom")
        await pilot.pause()
        await pilot.press("enter")  # saves, with the name on show
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        await pilot.press("q")
    people = {c["name"]: c for c in on_disk(sample_db)["contacts"].values()}
    assert people["Ole Berg"]["referred_by"] == people["Tomás Herrera"]["id"]


# --- item 20: stats at 80 columns ------------------------------------------------------------


async def test_stats_at_80_columns_wrap_how_it_is_counted(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock, size=(80, 40)) as (app, pilot):
        await pilot.press("t", "g")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        lines = screen_text(app).splitlines()
        text = " ".join(screen_text(app).split())
        for how in (
            "past research (every stage but to research)",
            "asked for a conversation (reached out or any later stage)",
            "answered: scheduled or later, or declined",
            "people named by someone you talked to",
            "against the agreed length, over 3 timed calls",
            "Maya Okafor → Priya Raman → Grace Liu",
        ):
            assert how in text, how
        # Nothing runs into the right edge: every table line ends in blank cells.
        table = [line for line in lines if "Reply rate" in line or "To contact " in line]
        assert table and all(line.endswith("  ") for line in table)
        await pilot.press("escape", "q")


# --- item 16: search finds location and how we met; an empty result says why -----------------


async def test_search_finds_location_and_how_we_met_and_says_when_nothing_matches(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await type_text(pilot, "/madrid")  # Tomás: location Madrid, met at a Madrid meetup
        await pilot.pause()
        assert [c.name for c in app.screen.query_one(ContactList).rows] == ["Tomás Herrera"]
        await pilot.press("ctrl+u")  # empty the box (Input: delete to the start)
        await type_text(pilot, "career fair")  # Léa's how we met
        await pilot.pause()
        assert [c.name for c in app.screen.query_one(ContactList).rows] == ["Léa Dubois"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "priya")  # Priya, then Grace: "Referred by Priya" is how we met her
        await pilot.pause()
        assert [c.name for c in app.screen.query_one(ContactList).rows] == [
            "Priya Raman",
            "Grace Liu",
        ]
        assert app.screen.query_one(ContactList).current.name == "Priya Raman"
        await pilot.press("ctrl+u")
        await type_text(pilot, "oslo")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ContactList).rows == []
        assert "no contact matches 'oslo'" in widget_text(app, "#contacts")
        detail = widget_text(app, "#detail")
        assert "No contact matches 'oslo'. Change the search (/)" in detail
        assert "No contact selected" not in screen_text(app)
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "accra")  # Samuel's location
        await pilot.press("enter")
        await pilot.pause()
        assert "Samuel Mensah" in widget_text(app, "#detail")
        assert "no contact matches" not in screen_text(app)


# --- item 19: a modal shows its own keys; prepare shows where the keys go ----------------------


async def test_a_modal_form_shows_only_its_own_keys(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock, size=(100, 30)) as (app, pilot):
        footer = screen_text(app).splitlines()[-1]
        assert "a Add" in footer and "p Prepare" in footer  # the main screen's keys
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        footer = screen_text(app).splitlines()[-1]
        assert "Save" in footer and "esc Cancel" in footer
        assert "Add" not in footer and "Prepare" not in footer and "Stage" not in footer
        await pilot.press("escape", "s")  # the stage picker
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Prepare" not in footer and "a Add" not in footer
        await pilot.press("escape", "d")  # delete: the confirmation
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Prepare" not in footer and "a Add" not in footer
        await pilot.press("escape")


async def test_prepare_shows_where_the_keys_go_and_they_reach_the_agenda(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await select(pilot, app, "jonas")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter", "down", "enter", "down", "enter")  # three questions
        await pilot.pause()
        first, second, third = (i.text for i in app.screen.query_one(AgendaList).items)
        text = screen_text(app)
        assert "▶ Question bank" in text and "▶ Agenda" not in text
        await type_text(pilot, "/skills")  # into the find box
        await pilot.pause()
        assert "▶ Question bank" in screen_text(app)
        await pilot.press("escape")  # out of the find box, not out of the screen
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("left")  # to the agenda
        await pilot.pause()
        text = screen_text(app)
        assert "▶ Agenda" in text and "▶ Question bank" not in text
        assert "┏━ ▶ Agenda" in text  # a heavy border too, seen without colour
        await pilot.press("home", "m", "J", "end", "x")  # must-ask, move down, remove the last
        await pilot.pause()
        agenda = widget_text(app, "#agenda")
        assert f"1. {second}" in agenda and f"2. ★ {first}" in agenda and third not in agenda
        assert app.screen.query_one("#bank-filter", Input).value == "skills"  # nothing typed
        await pilot.press("right")  # back to the bank
        await pilot.pause()
        assert "▶ Question bank" in screen_text(app)
        await pilot.press("escape", "escape", "q")
    [jonas_call] = [
        i
        for i in on_disk(sample_db)["interviews"].values()
        if any(a["text"] == first for a in i["agenda"])
    ]
    assert [(a["text"], a["must_ask"]) for a in jonas_call["agenda"]] == [
        (second, False),
        (first, True),
    ]
