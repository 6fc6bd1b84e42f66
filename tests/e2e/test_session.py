"""A whole session in a real terminal: add a contact, write a note, hold a call (tick two
questions, a quick note), end it, quit; start again and find everything there."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .infoview import (
    SAVED_STATUS,
    call_entry_focused,
    checklist_focused,
    notes_focused,
    on_call,
    on_contact_list,
    on_disk,
    quit_app,
    to_contact_list,
)
from .tmux import NO_TMUX, Pane, has_tmux

pytestmark = pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)

NAME = "Maria Lopez"
NOTE = "Met at the alumni evening. Works on payments at a bank; likes short emails."
QUESTIONS = ("What surprised you most in your first year?", "Who else should I talk to?")
QUICK_NOTE = "they hire juniors every spring"


def number_of(screen: str, text: str) -> str:
    """The checklist number shown before an item ("  3 [ ] text" -> "3")."""
    found = re.search(r"(\d+) \[.\] " + re.escape(text), screen)
    assert found, f"{text!r} is not in the checklist:\n{screen}"
    return found.group(1)


def add_question(pane: Pane, text: str) -> None:
    pane.send("a")
    pane.wait_for(call_entry_focused)
    pane.send_text(text)
    pane.wait_for(text)
    pane.send("Enter")
    pane.wait_for(lambda s: f"[ ] {text}" in s and checklist_focused(s))


def test_a_whole_session_is_there_after_a_restart(
    infoview: Callable[[Path], Pane], db: Path
) -> None:
    app = infoview(db)
    screen = to_contact_list(app)
    assert "0 · by" in screen  # an empty notebook

    # Add a contact.
    app.send("a")
    app.wait_for("New contact")
    app.send_text(NAME)
    app.wait_for(NAME)
    app.send("C-s")
    app.wait_for(lambda s: on_contact_list(s) and f"Notes: {NAME}" in s)

    # Write a note in their notes, then back to the list.
    app.send("n")
    app.wait_for(notes_focused)
    app.type_text(NOTE, cps=40)
    app.wait_for(NOTE[-20:])
    app.send("Escape")
    app.wait_for(on_contact_list)

    # A call: two questions come up and are ticked, one quick note.
    app.send("c")  # no call planned: it asks first, with the length
    app.wait_for("Start one now?")
    app.send("Enter")
    app.wait_for(lambda s: on_call(s) and f"Call with {NAME}" in s and checklist_focused(s))
    for question in QUESTIONS:
        add_question(app, question)
    screen = app.screen()
    for question in QUESTIONS:
        app.send(number_of(screen, question))
        app.wait_for(f"[x] {question}")
    app.send("n")
    app.wait_for(call_entry_focused)
    app.send_text(QUICK_NOTE)
    app.wait_for(QUICK_NOTE)
    app.send("Enter")
    app.wait_for(checklist_focused)
    # End it (E twice), then escape from whatever screen follows back to the list.
    app.send("E")
    app.wait_for("again")
    app.send("E")
    app.wait_for(lambda s: not on_call(s) and s.strip() != "")
    to_contact_list(app)
    assert quit_app(app) == 0

    data = on_disk(db)
    [contact] = data["contacts"].values()
    assert contact["name"] == NAME and contact["notes"] == NOTE
    [interview] = data["interviews"].values()
    assert interview["contact_id"] == contact["id"]
    asked = {item["text"]: item["state"] for item in interview["agenda"]}
    assert [asked[q] for q in QUESTIONS] == ["asked", "asked"]
    assert sorted(asked.values()).count("asked") == 2  # nothing else was ticked
    assert QUICK_NOTE in interview["notes"]
    assert interview["call"]["started"] and interview["call"]["ended"]

    # Start again: everything is there on screen too.
    again = infoview(db)
    screen = to_contact_list(again)
    assert NAME in screen and f"Notes: {NAME}" in screen
    assert "Met at the alumni evening." in screen  # the notes pane shows the first contact's
    assert "[done]" in screen  # the details list the call as held
    again.wait_for(SAVED_STATUS)
    assert not on_call(screen)  # the ended call did not come back
    assert quit_app(again) == 0
    after = on_disk(db)  # opening and quitting changed none of it
    assert (after["contacts"], after["interviews"]) == (data["contacts"], data["interviews"])
