"""Issue 17 item 12: control characters in data never reach the terminal; item 5: typing past
the note size limit never leaves text on screen that is not saved.

What Textual 8.2.8 and Rich do on their own (``test_textual_alone_passes_esc_through``): they
drop BEL, BS, VT, FF and CR when a Text or Content is built, and pass every other control
character (ESC among them) to the terminal, in every widget. ``widgets/terminal_guard.py``
makes them draw each one visibly (``model/visible.py``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.app import App

from infoview_tui.app import InfoviewApp
from infoview_tui.model import FrozenClock, record
from infoview_tui.model.visible import visible
from infoview_tui.notebook import Notebook
from infoview_tui.widgets.markdown_editor import MarkdownEditor
from infoview_tui.widgets.notes_editor import NotesEditor

from .helpers import REPO, contacts_on_disk, on_disk, running, screen_text, wait_until, widget_text

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x00\x7f"
"""Sets the terminal's title, clears the screen, a C1 CSI, NUL and DEL."""
SHOWN = "␛]0;pwned␇␛[2J\\x9b31m␀␡"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def controls_drawn(app: App[object]) -> list[str]:
    """Every piece of text on screen that holds a control character (a terminal would act on
    it), with the segment around it."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if CONTROL.search(segment.text):
                found.append(segment.text)
    return found


# ----- the helper and the guard -------------------------------------------------------------


def test_visible_shows_every_control_character_but_tab_and_newline() -> None:
    assert visible("A" + HOSTILE + "B") == "A" + SHOWN + "B"
    assert visible("line\r\nnext\ttab") == "line\nnext\ttab"  # CRLF as Rich and Textual show it
    assert visible("Zoë 名前 plain") == "Zoë 名前 plain"
    every = "".join(map(chr, range(0xA0)))
    assert CONTROL.findall(visible(every)) == []
    assert visible(every).count("\n") == 1 and visible(every).count("\t") == 1


_WIDGETS = r"""
import asyncio, json, re, sys
from textual import events
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Label, ListItem, ListView, Markdown, OptionList
from textual.widgets import Static, TextArea
if GUARDED:
    from infoview_tui.widgets.terminal_guard import guard_terminal
    guard_terminal()
name = "A" + HOSTILE + "B"
class Widgets(App):
    def compose(self):
        with VerticalScroll():
            yield Static(name, id="static")
            yield Label(name, id="label")
            yield Input(name, id="input")
            table = DataTable(id="datatable")
            table.add_columns("name")
            table.add_row(name)
            yield table
            yield OptionList(name, id="optionlist")
            yield ListView(ListItem(Label(name)), id="listview")
            yield TextArea(name, id="textarea")
            yield Markdown("# " + name + "\n\n" + name, id="markdown")
async def main():
    app = Widgets()
    found = {}
    async with app.run_test(size=(60, 60)) as pilot:
        await pilot.pause(0.3)
        strips = app.screen._compositor.render_strips()
        ids = "#static, #label, #input, #datatable, #optionlist, #listview, #textarea, #markdown"
        for widget in app.query(ids):
            region = widget.region
            text = "".join(
                s.crop(region.x, region.right).text for s in strips[region.y : region.bottom]
            )
            found[widget.id] = sorted(set(re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)))
    print(json.dumps(found))
asyncio.run(main())
"""


def _widget_probe(guarded: bool) -> dict[str, list[str]]:
    """Run each widget in a fresh interpreter (the guard changes Rich and Textual for the whole
    process, and importing the app installs it); per widget, the control characters drawn."""
    code = f"GUARDED = {guarded!r}\nHOSTILE = {HOSTILE!r}\n" + _WIDGETS
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_textual_alone_passes_esc_through_and_the_guard_stops_it() -> None:
    unguarded = _widget_probe(False)
    # Static, Label, Input, DataTable, OptionList, ListView, TextArea and Markdown all draw
    # ESC, NUL, DEL and C1 as they are (BEL is dropped: Rich and Textual strip five codes).
    assert len(unguarded) == 8
    for widget, controls in unguarded.items():
        assert "\x1b" in controls, widget
        assert "\x07" not in controls, widget
    assert _widget_probe(True) == {key: [] for key in unguarded}


def test_the_guard_is_on_in_the_app() -> None:
    from rich.text import Text
    from textual.content import Content

    assert InfoviewApp is not None  # importing the app installs it
    assert Text("A" + HOSTILE).plain == "A" + SHOWN
    assert Content("A" + HOSTILE).plain == "A" + SHOWN


# ----- the app, on a notebook full of control characters -------------------------------------


def _hostile_notebook(path: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(path, clock)
    referrer = notebook.add_contact(name="Ref" + HOSTILE, organization="Org" + HOSTILE)
    contact = notebook.add_contact(
        name="A" + HOSTILE + "B",
        organization="Org" + HOSTILE,
        role="Role" + HOSTILE,
        location="Loc" + HOSTILE,
        how_we_met="Met" + HOSTILE,
        next_action="Next" + HOSTILE,
        next_action_date="2026-11-20",
        tags=["tag" + HOSTILE],
        referred_by=referrer.id,
        notes="# Notes" + HOSTILE + "\n\nbody " + HOSTILE + "\n",
    )
    notebook.add_question(text="Question" + HOSTILE + "?", topic="Topic" + HOSTILE)
    interview = notebook.schedule_interview(contact.id, when="2026-11-24T10:00")
    notebook.update_interview(interview.id, notes="Call notes" + HOSTILE, pitch="Pitch" + HOSTILE)
    assert notebook.close() is None


async def test_no_screen_draws_a_control_character(tmp_path: Path, clock: FrozenClock) -> None:
    db = tmp_path / "notebook.json"
    _hostile_notebook(db, clock)
    raw = json.dumps(on_disk(db))
    assert "\\u001b]0;pwned" in raw  # the data does hold them
    async with running(db, clock) as (app, pilot):
        for _ in range(3):
            if app.screen.query(NotesEditor):
                break
            await pilot.press("escape")  # Today, opened at start (the next action is due)
        await pilot.press("end")  # the hostile contact (sorted by name: "A..." vs "Ref...")
        await pilot.press("home")
        await pilot.pause()
        shown = screen_text(app)
        assert "A" + SHOWN + "B" in shown  # the list row and the details, visibly
        assert "Org␛]0;pwned" in shown
        assert controls_drawn(app) == []
        editor = app.screen.query_one(NotesEditor)
        assert editor.text == visible(editor.text)  # the editor holds what it shows
        await pilot.press("n", "ctrl+r")
        await wait_until(pilot, lambda: editor.preview_current)
        await pilot.pause()
        assert "Notes␛]0;pwned" in screen_text(app)
        assert controls_drawn(app) == []
        await pilot.press("escape", "escape")
        for keys in (("t",), ("g",), ("h",), ("b",), ("p",), ("r",)):
            await pilot.press(*keys)
            await pilot.pause(0.2)
            assert controls_drawn(app) == [], (keys, app.screen)
            while len(app.screen_stack) > 1:
                app.pop_screen()
                await pilot.pause()


async def test_a_paste_with_control_characters_is_shown_and_saved_visibly(
    tmp_path: Path, clock: FrozenClock
) -> None:
    db = tmp_path / "notebook.json"
    notebook = Notebook.open(db, clock)
    notebook.add_contact(name="Ana")
    assert notebook.close() is None
    async with running(db, clock) as (app, pilot):
        await pilot.press("n")
        editor = app.screen.query_one(NotesEditor)
        editor.text_area.post_message(events.Paste("x" + HOSTILE + "y"))
        await pilot.pause()
        assert editor.text == "x" + SHOWN + "y"
        assert controls_drawn(app) == []
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert contacts_on_disk(db)["Ana"]["notes"] == "x" + SHOWN + "y"


# ----- item 5: the size limit -----------------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """A 60-character limit on markdown fields, so the test types a few keys, not 2 MB."""
    monkeypatch.setattr(record, "MAX_TEXT", 60)
    return 60


async def test_typing_past_the_limit_adds_nothing_and_quitting_loses_nothing(
    tmp_path: Path, clock: FrozenClock, small_limit: int
) -> None:
    db = tmp_path / "notebook.json"
    notebook = Notebook.open(db, clock)
    notebook.add_contact(name="Ana", notes="n" * (small_limit - 5))
    assert notebook.close() is None
    async with running(db, clock) as (app, pilot):
        await pilot.press("n")
        editor = app.screen.query_one(MarkdownEditor)
        editor.focus_editor(end=True)
        await pilot.press(*"abcdefghij")
        await pilot.pause()
        assert editor.text == "n" * (small_limit - 5) + "abcde"  # up to the limit, no further
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")))
        assert "It was not added" in widget_text(app, "Toast")
        assert len(app.screen.query("Toast")) == 1  # one toast for the run of keys
        await wait_until(pilot, lambda: app.sub_title.endswith(" - saved"))
        assert contacts_on_disk(db)["Ana"]["notes"] == editor.text  # what is shown is saved
        # A paste that would go past it is refused whole; deleting and typing still work.
        editor.text_area.post_message(events.Paste("PASTED"))
        await pilot.press("backspace", "backspace", "Z")
        await pilot.pause()
        assert editor.text == "n" * (small_limit - 5) + "abcZ"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    assert contacts_on_disk(db)["Ana"]["notes"] == "n" * (small_limit - 5) + "abcZ"
