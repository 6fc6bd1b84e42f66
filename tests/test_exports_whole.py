"""Issue 14 items 1 and 2: the Markdown folder carries the whole record (read with
python-frontmatter and PyYAML, its links followed on disk, a re-export tidies its own old files
and nothing else); the iCalendar file has UTC times, held calls where they really were,
cancelled ones marked, stable UIDs (read with icalendar and recurring_ical_events)."""

from __future__ import annotations

import io
import os
import re
import stat
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

import frontmatter
import icalendar
import pytest
import recurring_ical_events
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from infoview_tui.formats import export
from infoview_tui.formats.markdown import front_matter
from infoview_tui.model import FrozenClock
from infoview_tui.model.interview import AgendaItem, ItemState, Status
from infoview_tui.notebook import Notebook

from .helpers import run_cli


@pytest.fixture
def notebook(sample_db: Path, clock: FrozenClock) -> Iterator[Notebook]:
    nb = Notebook.open(sample_db, clock)
    yield nb
    nb.close()


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone is Berlin (UTC+1 in winter, +2 in summer) for this test."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def jonas_call_held(notebook: Notebook) -> int:
    """Jonas's call (planned today 15:00, moved there from Friday 10:00) held now (09:30): an
    agenda with one item asked, one skipped, one open; a 2-minute pause, +5, 35 minutes of
    talk; call notes, a debrief, a pitch, a place, the thank-you sent."""
    clock = notebook.clock
    jonas = next(c for c in notebook.contacts.values() if c.name == "Jonas Weber")
    [interview] = notebook.interviews_of(jonas.id)
    notebook.update_interview(
        interview.id,
        rescheduled_from=("2026-11-20T10:00:00",),
        place="Café Kranzler",
        pitch="I build batteries; I want to learn how grid storage is bought.",
        notes="Asked about tenders.\n## Side note\nHe *loves* pumped hydro.",
    )
    notebook.start_call(interview.id)
    notebook.set_agenda(  # (in place of the opening and closing asks the start added)
        interview.id,
        [
            AgendaItem(text="How did you get into grid storage?", state=ItemState.ASKED),
            AgendaItem(text="What does a week look like?", state=ItemState.SKIPPED),
            AgendaItem(text="Who else should I talk to?", must_ask=True),
        ],
    )
    clock.advance(5 * 60)  # type: ignore[attr-defined]
    notebook.toggle_pause(interview.id)
    clock.advance(2 * 60)  # type: ignore[attr-defined]
    notebook.toggle_pause(interview.id)
    notebook.extend_call(interview.id, 5)
    clock.advance(30 * 60)  # type: ignore[attr-defined]
    notebook.end_call(interview.id)
    notebook.set_debrief(interview.id, "## What I learned\n- Tenders run for a year.\n")
    notebook.mark_thanked(interview.id)
    return interview.id


def test_an_interview_file_holds_the_whole_record(notebook: Notebook, tmp_path: Path) -> None:
    jonas_call_held(notebook)
    folder = tmp_path / "vault"
    export(notebook, "md", folder)
    path = folder / "interviews" / "2026-11-23 Jonas Weber.md"
    post = frontmatter.load(path)
    assert post.metadata == {
        "generator": "infoview",
        "type": "interview",
        "contact": "Jonas Weber",
        "organization": "Greenfield Energy",
        "date": datetime(2026, 11, 23, 9, 30),  # held at, a datetime to YAML and Obsidian
        "planned": datetime(2026, 11, 23, 15, 0),
        "held_start": datetime(2026, 11, 23, 9, 30),
        "held_end": datetime(2026, 11, 23, 10, 7),
        "agreed_minutes": 30,
        "extra_minutes": 5,
        "actual_minutes": 35.0,
        "mode": "video",
        "place": "Café Kranzler",
        "status": "done",
        "stage": post.metadata["stage"],
        "thanked": date(2026, 11, 23),  # a date
        "moved_from": [datetime(2026, 11, 20, 10, 0)],  # a list
        "asked": 1,
        "skipped": 1,
        "open": 1,
    }
    body = post.content
    for line in [
        "# Jonas Weber, 2026-11-23 09:30",
        "- Status: done",
        "- Planned for: Mon 23 Nov 2026, 15:00",
        "- Moved from: Fri 20 Nov 2026, 10:00",
        "- Held: Mon 23 Nov 2026, 09:30 to 10:07",
        "- Length: 30 min agreed + 5 added; talked 35:00, paused 2:00",
        "- Mode: video call, Café Kranzler",
        "- Thank-you note: sent 2026-11-23",
        "## Agenda",
        "1 asked, 1 skipped, 1 open",
        "- [x] How did you get into grid storage?",
        "- [ ] ~~What does a week look like?~~ (skipped)",
        "- [ ] Who else should I talk to? (must ask)",
        "## Pitch",
        "I build batteries; I want to learn how grid storage is bought.",
        "## Call notes",
        "Asked about tenders.",
        "### Side note",  # the notes' own heading, one level under "Call notes"
        "## Debrief",
        "### What I learned",
        "- Tenders run for a year.",
    ]:
        assert line in body.splitlines(), line
    assert body.index("## Call notes") < body.index("## Debrief")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_every_file_is_yaml_front_matter_with_typed_values(
    notebook: Notebook, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    export(notebook, "md", folder)
    files = sorted(folder.rglob("*.md"))
    assert len(files) == 17
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n")
        head = yaml.safe_load(text.split("---\n")[1])  # PyYAML alone, not only frontmatter
        assert head["generator"] == "infoview"
        assert head["type"] == ("interview" if path.parent.name == "interviews" else "contact")
    priya = frontmatter.load(folder / "contacts" / "Priya Raman.md").metadata
    assert priya["emails"] == ["priya.r@example.net"]
    assert priya["tags"] == ["product", "edtech"]
    assert priya["phones"] == []
    assert priya["referred_by"] == "Maya Okafor"
    assert priya["next_action_date"] == date(2026, 11, 24)
    assert priya["last_contact"] == date(2026, 11, 22)
    tomas = frontmatter.load(folder / "interviews" / "2026-11-18 Tomás Herrera.md").metadata
    assert tomas["thanked"] == date(2026, 11, 19)
    assert tomas["actual_minutes"] == 18.0


def test_quotes_colons_and_odd_characters_stay_text(clock: FrozenClock, tmp_path: Path) -> None:
    notebook = Notebook(None, clock)
    odd = 'Ana "Nan" O\'Neil: #1 - yes\\no'
    notebook.add_contact(
        name=odd, organization="null", role="2026-01-01", tags=("true", "- x", "a: b")
    )
    folder = tmp_path / "vault"
    export(notebook, "md", folder)
    [path] = (folder / "contacts").iterdir()
    head = frontmatter.load(path).metadata
    assert head["name"] == odd
    assert head["organization"] == "null" and head["role"] == "2026-01-01"  # strings
    assert head["tags"] == ["true", "- x", "a: b"]
    assert path.name == "Ana -Nan- O'Neil- -1 - yes-no.md"  # no # or \ in a file name


LINK = re.compile(r"\]\(([^)]+)\)")


def test_relative_links_join_contacts_interviews_and_referrers(
    notebook: Notebook, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    export(notebook, "md", folder)
    for path in folder.rglob("*.md"):  # every link leads to a file of the export
        for target in LINK.findall(path.read_text(encoding="utf-8")):
            assert not target.startswith("/") and "://" not in target
            assert (path.parent / unquote(target)).resolve().is_file(), (path.name, target)
    priya = (folder / "contacts" / "Priya Raman.md").read_text(encoding="utf-8")
    assert (
        "- [2026-11-22 15:00](../interviews/2026-11-22%20Priya%20Raman.md): video call, done"
        in priya
    )
    assert "## Referred by\n\n- [Maya Okafor](Maya%20Okafor.md)" in priya
    assert "## Referred\n\n- [Grace Liu](Grace%20Liu.md)" in priya
    maya = (folder / "contacts" / "Maya Okafor.md").read_text(encoding="utf-8")
    assert "- [Priya Raman](Priya%20Raman.md)" in maya.split("## Referred\n")[1]
    interview = (folder / "interviews" / "2026-11-22 Priya Raman.md").read_text(encoding="utf-8")
    assert "[Priya Raman](../contacts/Priya%20Raman.md) · Product manager, Lumen" in interview


WIKILINK = re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]")


def test_wikilinks_name_the_folder_and_are_properties_too(
    notebook: Notebook, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    export(notebook, "md", folder, wikilinks=True)
    for path in folder.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not LINK.search(text.split("\n---\n", 1)[1].replace("](http", "")), path.name
        for target, _ in WIKILINK.findall(text):
            assert (folder / f"{target}.md").is_file(), (path.name, target)
    priya = frontmatter.load(folder / "contacts" / "Priya Raman.md")
    assert priya["referred_by"] == "[[contacts/Maya Okafor|Maya Okafor]]"
    assert "- [[interviews/2026-11-22 Priya Raman|2026-11-22 15:00]]: video call" in priya.content
    omar = frontmatter.load(folder / "interviews" / "2026-11-29 Omar Haddad.md")
    assert omar["contact"] == "[[contacts/Omar Haddad|Omar Haddad]]"


def test_the_cli_takes_wikilinks_for_markdown_only(tmp_path: Path, sample_db: Path) -> None:
    done = run_cli(tmp_path, "export", "--db", str(sample_db), "--format", "md", "--wikilinks",
                   "-o", "out")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "wrote 5 interviews and 12 contacts to out\n"
    text = (tmp_path / "out" / "contacts" / "Priya Raman.md").read_text(encoding="utf-8")
    assert "[[contacts/Maya Okafor|Maya Okafor]]" in text
    refused = run_cli(tmp_path, "export", "--db", str(sample_db), "--format", "csv",
                      "--wikilinks")  # fmt: skip
    assert refused.returncode == 1
    assert "--wikilinks is for the Markdown export" in refused.stderr


def test_exporting_again_removes_only_the_old_files_infoview_wrote(
    notebook: Notebook, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    export(notebook, "md", folder)
    contacts, interviews = folder / "contacts", folder / "interviews"
    # What else lives in the folder: the user's own notes, another tool's, a link to a file
    # that says it is infoview's (never read through, never removed), a text file.
    (contacts / "My own note.md").write_text("# Ideas\n", encoding="utf-8")
    (contacts / "Other tool.md").write_text("---\ngenerator: obsidian\n---\nx\n", "utf-8")
    (contacts / "Mentions infoview.md").write_text(
        "---\ntitle: x\n---\ngenerator: infoview\n", encoding="utf-8"
    )
    outside = tmp_path / "outside.md"
    outside.write_text("---\ngenerator: infoview\n---\nmine\n", encoding="utf-8")
    (contacts / "Linked.md").symlink_to(outside)
    (interviews / "todo.txt").write_text("call back\n", encoding="utf-8")
    # An old file a user re-saved in Obsidian (its properties reordered, quotes dropped).
    (contacts / "Old Name.md").write_text(
        "---\ntype: contact\ngenerator: infoview\n---\n# Old\n", encoding="utf-8"
    )

    maya = next(c for c in notebook.contacts.values() if c.name == "Maya Okafor")
    notebook.update_contact(maya.id, name="Maya Okafor-Reid")
    ravi = next(c for c in notebook.contacts.values() if c.name == "Ravi Shah")
    notebook.delete_contact(ravi.id)
    summary = export(notebook, "md", folder)
    assert summary == "5 interviews and 11 contacts (4 old files removed)"

    names = {p.name for p in contacts.iterdir()}
    assert "Maya Okafor.md" not in names and "Maya Okafor-Reid.md" in names
    assert "Ravi Shah.md" not in names and "Old Name.md" not in names
    for kept in ("My own note.md", "Other tool.md", "Mentions infoview.md", "Linked.md"):
        assert kept in names, kept
    assert (contacts / "Linked.md").is_symlink()
    assert outside.read_text(encoding="utf-8") == "---\ngenerator: infoview\n---\nmine\n"
    assert {p.name for p in interviews.iterdir()} == {
        "2026-10-14 Maya Okafor-Reid.md",
        "2026-11-18 Tomás Herrera.md",
        "2026-11-22 Priya Raman.md",
        "2026-11-23 Jonas Weber.md",
        "2026-11-29 Omar Haddad.md",
        "todo.txt",
    }
    priya = (contacts / "Priya Raman.md").read_text(encoding="utf-8")
    assert "[Maya Okafor-Reid](Maya%20Okafor-Reid.md)" in priya
    # Exporting once more finds nothing old.
    assert export(notebook, "md", folder) == "5 interviews and 11 contacts"


def test_a_name_differing_only_in_case_is_another_file_on_this_disk(
    clock: FrozenClock, tmp_path: Path
) -> None:
    notebook = Notebook(None, clock)
    ana = notebook.add_contact(name="ana lópez")
    folder = tmp_path / "vault"
    export(notebook, "md", folder)
    notebook.update_contact(ana.id, name="Ana López")
    # This disk tells case apart: the old file is another file, and it goes. (On a disk that
    # does not, the new file took its place: the same file, kept; see _remove_old.)
    assert export(notebook, "md", folder) == "0 interviews and 1 contacts (1 old file removed)"
    assert [p.name for p in (folder / "contacts").iterdir()] == ["Ana López.md"]


# ----- iCalendar ------------------------------------------------------------------------------


def calendar_of(notebook: Notebook) -> tuple[bytes, icalendar.Calendar]:
    out = io.BytesIO()
    export(notebook, "ics", out)
    return out.getvalue(), icalendar.Calendar.from_ical(out.getvalue())


def event_with(cal: icalendar.Calendar, name: str) -> icalendar.Event:
    [event] = [e for e in cal.walk("VEVENT") if str(e["summary"]).endswith(f"with {name}")]
    return event


def test_ics_times_are_utc_from_the_local_zone(
    notebook: Notebook, local_zone: None, clock: FrozenClock
) -> None:
    omar = next(c for c in notebook.contacts.values() if c.name == "Omar Haddad")
    summer = notebook.schedule_interview(omar.id, when="2027-07-01T15:00:00", agreed_minutes=20)
    raw, cal = calendar_of(notebook)
    assert b"VTIMEZONE" not in raw and b"TZID" not in raw
    events = [e for e in cal.walk("VEVENT") if str(e["summary"]).endswith("with Omar Haddad")]
    assert len(events) == 2
    assert b"DTSTART:20261129T140000Z" in raw  # 15:00 in Berlin in winter (UTC+1)
    assert b"DTSTART:20270701T130000Z" in raw  # and in summer (UTC+2)
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [
        datetime(2026, 11, 29, 14, 0, tzinfo=UTC),
        datetime(2027, 7, 1, 13, 0, tzinfo=UTC),
    ]
    assert summer.id in {i.id for i in notebook.interviews_of(omar.id)}
    # A held call: its real start and length, in UTC whatever the zone.
    tomas = event_with(cal, "Tomás Herrera")
    assert tomas.decoded("dtstart") == datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
    assert tomas.decoded("dtend") - tomas.decoded("dtstart") == timedelta(minutes=18)
    # Next actions stay all-day dates (no time, so no zone).
    actions = [e for e in cal.walk("VEVENT") if not str(e["summary"]).startswith("Informational")]
    assert actions and all(type(e.decoded("dtstart")) is date for e in actions)
    assert all(e.decoded("dtstamp").tzinfo is not None for e in cal.walk("VEVENT"))


def test_recurring_ical_events_finds_held_planned_and_cancelled_calls(
    notebook: Notebook, clock: FrozenClock
) -> None:
    _, before = calendar_of(notebook)
    planned = event_with(before, "Jonas Weber")
    assert planned.decoded("dtstart") == datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    jonas_call_held(notebook)  # held this morning instead, 37 minutes with the pause
    omar = next(c for c in notebook.contacts.values() if c.name == "Omar Haddad")
    [omar_call] = notebook.interviews_of(omar.id)
    notebook.mark_not_held(omar_call.id, Status.CANCELLED)
    _, after = calendar_of(notebook)

    query = recurring_ical_events.of(after)
    today = {str(e["summary"]): e for e in query.at(date(2026, 11, 23))}
    held = today["Informational interview with Jonas Weber"]
    assert str(held["uid"]) == str(planned["uid"])  # the same event, moved to when it was
    assert held.decoded("dtstart") == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert held.decoded("dtend") == datetime(2026, 11, 23, 10, 7, tzinfo=UTC)
    assert held.decoded("dtend") <= clock()  # in the past now
    assert str(held["status"]) == "CONFIRMED"
    assert "planned for 2026-11-23 15:00" in str(held["description"])
    later = query.between(datetime(2026, 11, 23, 14, tzinfo=UTC), date(2026, 11, 24))
    assert not [e for e in later if str(e["summary"]).startswith("Informational")]  # not at 15:00
    week = {str(e["summary"]): e for e in query.between(date(2026, 11, 24), date(2026, 12, 1))}
    cancelled = week["Informational interview with Omar Haddad"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert cancelled.decoded("dtstart") == datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
    past = list(query.between(date(2026, 10, 1), date(2026, 11, 23)))
    assert {str(e["summary"]) for e in past if str(e["summary"]).startswith("Info")} == {
        "Informational interview with Maya Okafor",
        "Informational interview with Tomás Herrera",
        "Informational interview with Priya Raman",
    }
    uids = [str(e["uid"]) for e in after.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(before.walk("VEVENT"))
    assert [str(e["uid"]) for e in before.walk("VEVENT")] == uids


def test_the_ics_file_from_the_cli_reads_in_recurring_ical_events(
    tmp_path: Path, sample_db: Path
) -> None:
    done = run_cli(tmp_path, "export", "--db", str(sample_db), "--format", "ics", "-o", "c.ics")
    assert done.returncode == 0, done.stderr
    cal = icalendar.Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    events = recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2027, 1, 1))
    calls = [e for e in events if str(e["summary"]).startswith("Informational")]
    assert len(calls) == 5
    assert all(e.decoded("dtstart").utcoffset() == timedelta(0) for e in calls)
    assert os.stat(tmp_path / "c.ics").st_mode & 0o777 == 0o600


@settings(max_examples=300, deadline=None)
@example(text="a\x85b\u2028c\x00d\x9be\ufffe", items=["- x", "a: b", "#c", "null"])
@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    items=st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=10), max_size=3),
)
def test_any_text_reads_back_from_the_front_matter_as_it_was(text: str, items: list[str]) -> None:
    fields = {"name": text, "tags": items, "when": datetime(2026, 1, 2, 3, 4), "n": 1.5}
    head = front_matter(fields)
    assert yaml.safe_load(head.split("---\n")[1]) == fields
