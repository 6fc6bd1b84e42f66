"""The CSV importers on real exports taken from public repositories' test suites.

Each file in tests/fixtures/real/ is described in SOURCES (where it came from, its licence)
and EXPECTED.md (what a correct importer must find in it). Nobody on this project wrote
them: they test what users' files are, not what we imagined.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_tui.formats import apply_import, detect_format, read_import
from infoview_tui.formats.common import EXTRAS_HEADING, WINDOWS_1252
from infoview_tui.model import Contact, FrozenClock
from infoview_tui.notebook import Notebook

REAL = Path(__file__).parent / "fixtures" / "real"


def by_name(path: Path) -> dict[str, Contact]:
    return {item.contact.name: item.contact for item in read_import(path).contacts}


def test_every_real_csv_has_its_source_written_down() -> None:
    sources = (REAL / "SOURCES").read_text(encoding="utf-8")
    for path in REAL.glob("*.csv"):
        assert f"\n{path.name}\n" in sources, path.name


@pytest.mark.parametrize(
    ("name", "fmt", "rows", "encoding"),
    [
        ("linkedin_current_kawsay.csv", "linkedin", 2, "UTF-8"),
        ("google_tine20.csv", "google", 5, "UTF-8"),
        ("google_roundcube.csv", "google", 1, "UTF-8"),
        ("outlook2013_de_cp1252_tine20.csv", "outlook", 2, WINDOWS_1252),
        ("thunderbird_utf16_comm-central.csv", "thunderbird", 1, "UTF-16"),
    ],
)
def test_each_real_csv_is_told_apart_and_read_whole(
    name: str, fmt: str, rows: int, encoding: str, clock: FrozenClock
) -> None:
    path = REAL / name
    assert detect_format(path) == fmt
    plan = read_import(path)
    assert (plan.fmt, len(plan.contacts), plan.skipped, plan.left_out) == (fmt, rows, (), ())
    assert plan.encoding == encoding
    summary = apply_import(Notebook(None, clock), plan)
    assert (summary.added, summary.skipped, summary.left_out) == (rows, 0, 0)


def test_linkedin_current_layout_with_a_byte_order_mark() -> None:
    people = by_name(REAL / "linkedin_current_kawsay.csv")
    jose = people["José García"]
    assert (jose.organization, jose.role, jose.last_contact) == (
        "Acme, Inc.",
        "Senior Engineer",
        "2024-01-15",
    )
    assert jose.linkedin == "https://www.linkedin.com/in/josegarcia"
    assert jose.emails == () and jose.how_we_met == "LinkedIn"
    aesop = people["Æsop Fontaine"]
    assert (aesop.emails, aesop.role) == (("aesop@example.com",), "Director, Operations")


def test_google_old_layout_names_groups_and_a_two_line_address() -> None:
    people = by_name(REAL / "google_tine20.csv")
    assert len(people) == 5
    axel = people["axel gert"]  # the name from its parts; Google's own "Name" is "axel"
    assert axel.emails == ("abc@here.de",)
    assert axel.phones == ("+4921234435",)
    assert axel.tags == ("kunden",)  # "* My Contacts" is Google's, not the user's
    assert axel.notes == "rutan"
    bus = next(c for name, c in people.items() if name.startswith("Bus Winsen"))
    assert bus.location == "Winsen"
    assert f"{EXTRAS_HEADING}\n- Address: Ring 22 Winsen" in bus.notes


def test_google_every_column_lands_somewhere() -> None:
    (person,) = by_name(REAL / "google_roundcube.csv").values()
    assert person.name == "Prefix Firstname Middle Lastname Suffix"
    assert person.emails == (
        "home@aaa.pl",
        "work@email.pl",
        "unknown@email.com",
        "other@email.com",
    )
    assert len(person.phones) == 7
    assert (person.organization, person.role) == ("company", "jobtitle")
    assert person.location == "home_city, home_state, home_country"
    assert person.tags == ("Test",)
    assert person.notes.startswith('note"note\n\n' + EXTRAS_HEADING)
    for kept in (
        "- Nickname: nick",
        "- Birthday: 1975-12-12",
        "- Address 2: work_street work_city work_zip work_country",
        "- Website: test.com",
        "- Website: home.page.com",
        "- Relation 1 - Value: spouse",
    ):
        assert kept in person.notes, kept


def test_outlook_in_german_and_windows_1252() -> None:
    people = by_name(REAL / "outlook2013_de_cp1252_tine20.csv")
    christian = people["Christian Baumann"]
    assert christian.emails == ("c.baumann@unittest.de",)
    assert (christian.organization, christian.role) == ("unittest", "Vertrieb")
    assert christian.phones == ("+49 (0) 40 6432131-550",)
    assert christian.location == "Hamburg, Deutschland"
    assert christian.notes == (
        f"{EXTRAS_HEADING}\n- Business address: Pickhuben 2, Hamburg, 20457, Deutschland"
    )  # no "0.0.00" birthday, no initials, no default sensitivity or gender
    cornelius = people["Cornelius Weiß"]  # ß from the cp1252 byte DF
    assert cornelius.phones == ("0176 164321545", "040 6432131545")
    assert cornelius.notes == ""


def test_thunderbird_in_utf16() -> None:
    (john,) = by_name(REAL / "thunderbird_utf16_comm-central.csv").values()
    assert (john.name, john.emails) == ("John Doe", ("johndoe@host.invalid",))
