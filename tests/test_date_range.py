"""Dates at the ends of the calendar (issue 17, item 6): refused where they enter, tolerated
where a notebook file already holds them (the export, Today, history, the start)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from infoview_tui.__main__ import main
from infoview_tui.formats import export
from infoview_tui.model import Contact, FrozenClock, Interview, ValidationError
from infoview_tui.model.dates import check_date, check_datetime
from infoview_tui.model.due import Kind, build_agenda
from infoview_tui.model.settings import Settings
from infoview_tui.notebook import Notebook
from infoview_tui.screens.history import HistoryScreen
from infoview_tui.screens.interview_form import InterviewForm
from infoview_tui.screens.today import TodayScreen

from .helpers import on_disk, running, screen_text, type_text, widget_text

STAMP = "2026-11-20T09:00:00+00:00"
END = "9999-12-31"


def contact(cid: int, **fields: Any) -> dict[str, Any]:
    record = {"id": cid, "created": STAMP, "updated": STAMP, "name": f"Person {cid}"}
    record.update(fields)
    return record


def interview(iid: int, contact_id: int, **fields: Any) -> dict[str, Any]:
    record = {"id": iid, "created": STAMP, "updated": STAMP, "contact_id": contact_id}
    record.update(fields)
    return record


def write_raw(path: Path) -> Path:
    """A notebook written as plain JSON, past every check: dates at both calendar ends."""
    contacts = [
        contact(1, name="Someday Sam", next_action_date=END, stage="interviewed", last_contact=END),
        contact(
            2,
            name="Ancient Ann",
            next_action_date="0001-01-01",
            stage="reached_out",
            last_contact="0001-01-01",
        ),
        contact(3, name="Timed Tom", stage="thanked", last_contact="0001-01-01"),
        contact(4, name="Normal Nia", next_action_date="2026-11-25"),
    ]
    call = {
        "started": f"{END}T23:00:00+00:00",
        "pauses": [],
        "extra_minutes": 0,
        "ended": f"{END}T23:59:59+00:00",
    }
    interviews = [
        interview(1, 1, when=f"{END}T23:30:00", status="done"),
        interview(2, 2, when=f"{END}T23:59:00"),
        interview(3, 3, when="0001-01-01T00:00:00+05:00", status="done"),
        interview(4, 3, when=f"{END}T10:00:00", status="done", call=call),
        interview(5, 4, when="2026-11-26T10:00:00"),
    ]
    doc = {
        "contacts": {str(c["id"]): c for c in contacts},
        "interviews": {str(i["id"]): i for i in interviews},
        "questions": {},
        "meta": {"1": {"schema": 1, "settings": {}}},
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture(params=["UTC", "Pacific/Kiritimati", "Etc/GMT+12"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The far ends of the world's time zones: local time pushes a date past the calendar."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    return str(request.param)


# ----- where dates enter --------------------------------------------------------------------


@pytest.mark.parametrize("value", [END, "0001-01-01", "1899-12-31", "3000-01-01"])
def test_dates_out_of_range_are_refused_with_a_clear_message(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_date("next_action_date", value)
    assert info.value.field == "next_action_date"
    assert "out of range: use a date in the years 1900 to 2999" in info.value.message
    with pytest.raises(ValidationError, match="out of range"):
        check_datetime("when", f"{value}T10:00")
    with pytest.raises(ValidationError, match="out of range"):
        Contact(name="x", last_contact=value)
    with pytest.raises(ValidationError, match="out of range"):
        Interview(contact_id=1, thanked=value)


@pytest.mark.parametrize("value", ["1900-01-01", "2999-12-31", "2026-11-23"])
def test_dates_in_range_are_kept(value: str) -> None:
    assert check_date("d", value) == value
    assert check_datetime("w", f"{value}T23:59") == f"{value}T23:59:00"


def test_a_restored_call_out_of_range_is_refused_but_a_stored_one_opens() -> None:
    data = interview(4, 3, status="done", call={"started": f"{END}T23:00:00+00:00"})
    with pytest.raises(ValidationError, match="out of range"):
        Interview.from_dict(data)  # restore, import and ``infoview check`` read with this
    assert Interview.from_stored(data).call is not None  # opening the notebook does not


def test_a_stored_date_out_of_range_does_not_block_other_changes() -> None:
    stored = Contact.from_stored(contact(1, next_action_date=END, last_contact=END))
    changed = stored.replace(notes="still editable", stage="thanked")
    assert changed.notes == "still editable"
    assert (changed.next_action_date, changed.last_contact) == (END, END)  # shown as it is
    assert changed.replace(next_action_date="").next_action_date == ""
    with pytest.raises(ValidationError, match="out of range"):
        stored.replace(last_contact="9999-12-30")  # a new date is checked as ever


# ----- where stored ones are used -----------------------------------------------------------


def test_today_tolerates_stored_dates_at_the_calendar_ends(tmp_path: Path, zone: str) -> None:
    notebook = Notebook.open(
        write_raw(tmp_path / "nb.json"), FrozenClock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    )
    try:
        now = notebook.clock()
        agenda = build_agenda(notebook.contacts, notebook.interviews, Settings(), now)
    finally:
        notebook.close()
    thanks = {item.interview_id: item for item in agenda.section(Kind.THANK_YOU)}
    assert set(thanks) == {1, 3, 4}
    assert not thanks[1].overdue  # held "on 9999-12-31": its deadline stops at the end
    assert [i.name for i in agenda.section(Kind.AWAITING_REPLY)] == ["Ancient Ann"]


def test_ics_export_leaves_out_dates_a_calendar_cannot_hold(
    tmp_path: Path, zone: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = write_raw(tmp_path / "nb.json")
    out = tmp_path / "out.ics"
    assert main(["export", "--format", "ics", "--db", str(db), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"wrote 2 events to {out}\n"
    assert "Traceback" not in captured.err
    assert captured.err.startswith("infoview export: note: left out 6 dates")
    assert "the next action of Someday Sam (contact 1): 9999-12-31 is out of range" in captured.err
    assert "the call with Ancient Ann (interview 2): 9999-12-31T23:59:00 is out of range" in (
        captured.err
    )
    ics = out.read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 2
    assert "Normal Nia" in ics and "Someday Sam" not in ics
    # to standard output the note goes to stderr as well, the calendar alone to stdout
    assert main(["export", "--format", "ics", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("BEGIN:VCALENDAR") and "note:" not in captured.out
    assert "left out 6 dates" in captured.err


def test_the_other_exports_keep_stored_dates_as_they_are(tmp_path: Path) -> None:
    db = write_raw(tmp_path / "nb.json")
    for fmt in ("json", "csv", "vcard", "md"):
        out = tmp_path / f"out-{fmt}"
        assert main(["export", "--format", fmt, "--db", str(db), "-o", str(out)]) == 0
    assert END in (tmp_path / "out-csv").read_text(encoding="utf-8")
    backup = json.loads((tmp_path / "out-json").read_text(encoding="utf-8"))
    assert backup["contacts"][0]["next_action_date"] == END


def test_check_names_a_stored_date_out_of_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = write_raw(tmp_path / "nb.json")
    assert main(["check", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "contacts#1" in err and "'9999-12-31' is out of range" in err


def test_export_in_the_app_says_what_was_left_out(tmp_path: Path) -> None:
    notebook = Notebook.open(
        write_raw(tmp_path / "nb.json"), FrozenClock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    )
    try:
        what = export(notebook, "ics", tmp_path / "x.ics")
    finally:
        notebook.close()
    first, note = what.split("\n")
    assert first == "2 events" and note.startswith("note: left out 6 dates")


async def test_the_app_opens_on_such_a_notebook_and_shows_the_dates(
    tmp_path: Path, clock: FrozenClock, zone: str
) -> None:
    db = write_raw(tmp_path / "nb.json")
    for _ in range(2):  # the second start paints from the start view
        async with running(db, clock, start_screen="auto") as (app, pilot):
            assert isinstance(app.screen, TodayScreen)
            shown = screen_text(app)
            assert "Someday Sam" in shown and "due by 31 Dec 23:59" in shown
            await pilot.press("escape")
            await pilot.pause()
            await type_text(pilot, "/someday")
            await pilot.press("enter", "h")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            assert "Fri 31 Dec 9999, 23:30" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("l")  # log a contact: the stored date must not block it
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
    saved = on_disk(db)["contacts"]["1"]
    assert saved["next_action_date"] == END or saved["next_action_date"] > "2026"


async def test_the_forms_refuse_the_end_of_the_calendar(
    sample_db: Path, clock: FrozenClock
) -> None:
    before = on_disk(sample_db)
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "Kim")
        form = app.screen
        form.query_one("#f-next_action_date", Input).value = END
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert widget_text(app, "#e-next_action_date") == (
            "'9999-12-31' is out of range: use a date in the years 1900 to 2999 "
            "(for no date, leave it empty)"
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InterviewForm)
        app.screen.query_one("#f-date", Input).value = END
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewForm)
        assert "'9999-12-31T15:00' is out of range: use a date in the years 1900 to 2999" in (
            widget_text(app, "#e-date")
        )
        await pilot.press("escape")
        await pilot.pause()
        assert app.notebook is not None
        assert app.notebook.find_contact_by_name("Kim") is None
        await pilot.press("q")
    assert len(on_disk(sample_db)["interviews"]) == len(before["interviews"])


def test_a_backup_with_a_date_out_of_range_is_refused_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = {
        "format": "infoview-backup",
        "version": 1,
        "contacts": [contact(1, name="Fine Fay"), contact(2, next_action_date=END)],
        "interviews": [
            interview(
                1,
                1,
                when="2026-11-20T10:00:00",
                status="done",
                call={"started": f"{END}T23:00:00+00:00"},
            ),
        ],
    }
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(doc), encoding="utf-8")
    db = tmp_path / "notebook.json"
    assert main(["import", str(backup), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "contacts[1] (id 2): next_action_date: '9999-12-31' is out of range" in err
    assert "interviews[0] (id 1): call: '9999-12-31T23:00:00+00:00' is out of range" in err
    assert not db.exists()
