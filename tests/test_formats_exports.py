"""CSV, iCalendar and Markdown exports of the sample notebook, read back as their users would."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import frontmatter
import icalendar
import pytest

from infoview_tui.formats import EXPORT_FORMATS, export
from infoview_tui.formats.markdown import safe_name
from infoview_tui.model import FrozenClock
from infoview_tui.model.interview import Status
from infoview_tui.notebook import Notebook


@pytest.fixture
def notebook(sample_db: Path, clock: FrozenClock) -> Iterator[Notebook]:
    nb = Notebook.open(sample_db, clock)
    yield nb
    nb.close()


def render(notebook: Notebook, fmt: str) -> bytes:
    out = io.BytesIO()
    export(notebook, fmt, out)
    return out.getvalue()


def test_formats_offered() -> None:
    assert set(EXPORT_FORMATS) == {"md", "json", "csv", "vcard", "ics"}


def test_csv_one_row_per_contact(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    assert export(notebook, "csv", path) == "12 contacts"
    raw = path.read_bytes()
    assert raw.startswith(b"id,name,organization,role,")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(rows) == 12
    maya = rows[0]
    assert maya["name"] == "Maya Okafor" and maya["tags"] == "ux; health"
    assert maya["notes"] == notebook.contacts[1].notes  # multi-line, quoted
    priya = next(r for r in rows if r["name"] == "Priya Raman")
    assert (priya["referred_by"], priya["referred_by_id"]) == ("Maya Okafor", "1")
    assert priya["stage"] == "interviewed"


def test_csv_never_hands_a_spreadsheet_a_formula(notebook: Notebook) -> None:
    maya = notebook.contacts[1]
    notebook.update_contact(
        maya.id,
        organization='=HYPERLINK("http://evil.example","x")',
        role="@SUM(1+1)",
        notes="-2+3*cmd|' /C calc'!A0",
        phones=("+44 20 7946 0018", "-3"),
        how_we_met="+ a talk at the meetup",
    )
    rows = list(csv.DictReader(io.StringIO(render(notebook, "csv").decode("utf-8"), newline="")))
    row = next(r for r in rows if r["id"] == str(maya.id))
    assert row["organization"] == """'=HYPERLINK("http://evil.example","x")"""
    assert row["role"] == "'@SUM(1+1)"
    assert row["notes"] == "'-2+3*cmd|' /C calc'!A0"
    assert row["how_we_met"] == "'+ a talk at the meetup"
    assert row["phones"] == "+44 20 7946 0018; -3"  # plain numbers stay as they are
    assert row["name"] == "Maya Okafor"


def test_ics_calls_and_next_actions(notebook: Notebook) -> None:
    raw = render(notebook, "ics")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    calls = [e for e in events if str(e["summary"]).startswith("Informational interview")]
    actions = [e for e in events if e not in calls]
    scheduled = [i for i in notebook.interviews.values() if i.when]
    assert len(calls) == len(scheduled) == 5
    omar = next(e for e in calls if "Omar Haddad" in str(e["summary"]))
    start, end = omar["dtstart"].dt, omar["dtend"].dt
    assert isinstance(start, datetime) and end - start == timedelta(minutes=10)
    assert start == datetime(2026, 11, 29, 15, 0, tzinfo=UTC)  # planned 15:00 local (TZ=UTC)
    with_dates = [c for c in notebook.contacts.values() if c.next_action_date]
    assert len(actions) == len(with_dates)
    priya = next(e for e in actions if "Priya Raman" in str(e["summary"]))
    assert priya["dtstart"].dt == date(2026, 11, 24)  # all day: a date, not a datetime
    assert str(priya["summary"]) == "Send thank-you note: Priya Raman"
    assert str(priya["transp"]) == "TRANSPARENT"
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_ics_uids_are_stable_and_cancelled_calls_say_so(notebook: Notebook) -> None:
    first = icalendar.Calendar.from_ical(render(notebook, "ics"))
    notebook.update_interview(1, status=Status.CANCELLED)
    notebook.clock.advance(3600)  # type: ignore[attr-defined]
    second = icalendar.Calendar.from_ical(render(notebook, "ics"))
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [
        str(e["uid"]) for e in second.walk("VEVENT")
    ]
    statuses = [str(e["status"]) for e in second.walk("VEVENT") if "status" in e]
    assert statuses.count("CANCELLED") == 1


def front_matter(text: str) -> dict[str, object]:
    """The front matter as a YAML reader (python-frontmatter on PyYAML) sees it."""
    return dict(frontmatter.loads(text).metadata)


def test_markdown_folder(notebook: Notebook, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    assert export(notebook, "md", folder) == "5 interviews and 12 contacts"
    interviews = sorted(p.name for p in (folder / "interviews").iterdir())
    assert interviews[0] == "2026-10-14 Maya Okafor.md"
    assert "2026-11-18 Tomás Herrera.md" in interviews
    text = (folder / "interviews" / "2026-11-29 Omar Haddad.md").read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta == {
        "generator": "infoview",
        "type": "interview",
        "contact": "Omar Haddad",
        "organization": "Valley Clinic",
        "date": datetime(2026, 11, 29, 15, 0),
        "planned": datetime(2026, 11, 29, 15, 0),
        "held_start": None,
        "held_end": None,
        "agreed_minutes": 10,
        "extra_minutes": 0,
        "actual_minutes": None,
        "mode": "phone",
        "place": "",
        "status": "planned",
        "stage": "scheduled",
        "thanked": None,
        "moved_from": [],
        "asked": 0,
        "skipped": 0,
        "open": 0,
    }
    contacts = {p.name for p in (folder / "contacts").iterdir()}
    assert len(contacts) == 12 and "Léa Dubois.md" in contacts
    maya = (folder / "contacts" / "Maya Okafor.md").read_text(encoding="utf-8")
    assert front_matter(maya)["tags"] == ["ux", "health"]
    assert notebook.contacts[1].notes.rstrip("\n") in maya
    assert maya.count("# Maya Okafor") == 1  # her notes have their own title


def test_markdown_file_names_are_safe_and_unique(clock: FrozenClock, tmp_path: Path) -> None:
    notebook = Notebook(None, clock)
    names = ["AC/DC", "ac/dc", "../../etc/passwd", "CON", 'Zoë: "the" <best>?', "é" * 300]
    for name in names:
        notebook.add_contact(name=name)
    folder = tmp_path / "export"
    export(notebook, "md", folder)
    files = sorted(p.name for p in (folder / "contacts").iterdir())
    assert files == sorted(
        [
            "AC-DC.md",
            "ac-dc (2).md",
            "-..-etc-passwd.md",
            "_CON.md",
            "Zoë- -the- -best-.md",
            "é" * 60 + ".md",
        ]
    )
    assert all(p.parent == folder / "contacts" for p in (folder / "contacts").iterdir())
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ana", "Ana"),
        ("  ..hidden. ", "hidden"),
        ("a\\b/c", "a-b-c"),
        ("tab\there\nnew", "tab-here-new"),
        ("", "untitled"),
        ("...", "untitled"),
        ("nul.txt", "_nul.txt"),
        ("Cafe\u0301", "Café"),  # NFC
        ("李小龍", "李小龍"),
    ],
)
def test_safe_name(text: str, name: str) -> None:
    assert safe_name(text) == name


def test_md_needs_a_folder(notebook: Notebook) -> None:
    with pytest.raises(ValueError, match="folder"):
        export(notebook, "md", io.BytesIO())
