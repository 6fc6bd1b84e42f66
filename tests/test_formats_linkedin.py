"""LinkedIn's Connections.csv: the awkward parts of the real file, and merging into a notebook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview_tui.formats import FormatError, apply_import, detect_format, read_import
from infoview_tui.formats.linkedin import parse_date
from infoview_tui.model import FrozenClock, Stage
from infoview_tui.notebook import Notebook

FIXTURES = Path(__file__).parent / "fixtures"
CONNECTIONS = FIXTURES / "linkedin_connections.csv"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def contacts_on_disk(path: Path) -> dict[str, dict]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {c["name"]: c for c in doc["contacts"].values()}


def write_csv(tmp_path: Path, *rows: str, preamble: str = "") -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes((preamble + "\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8"))
    return path


def test_fixture_is_as_linkedin_writes_it() -> None:
    raw = CONNECTIONS.read_bytes()
    assert raw.startswith(b"Notes:\r\n")
    assert b"\r\n\r\nFirst Name,Last Name,URL," in raw  # blank line before the header
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF everywhere
    assert b'"Analyst, ""Difference"" team"' in raw
    assert b",,US Navy," in raw  # no email


def test_reads_every_row_with_quotes_commas_and_missing_emails() -> None:
    assert detect_format(CONNECTIONS) == "linkedin"
    plan = read_import(CONNECTIONS)
    assert plan.fmt == "linkedin"
    assert len(plan) == 9
    ada = plan.contacts[0]
    assert ada.where == "line 5"
    c = ada.contact
    assert c.name == "Ada Lovelace"
    assert c.organization == "Analytical Engines, Ltd"
    assert c.role == 'Analyst, "Difference" team'
    assert c.emails == ("ada@example.org",)
    assert c.linkedin == "https://www.linkedin.com/in/ada-lovelace"
    assert c.how_we_met == "LinkedIn"
    assert c.last_contact == "2024-03-12"
    grace = plan.contacts[1].contact
    assert grace.emails == () and grace.last_contact == "2023-01-01"
    zoe = plan.contacts[2].contact
    assert (zoe.name, zoe.organization) == ("Zoë Ångström", "Ørsted A/S")
    assert zoe.last_contact == "2025-02-03"
    assert plan.contacts[-1].contact.organization == 'Quote "Q" Corp, Inc.'
    assert sum(1 for i in plan.contacts if not i.contact.emails) == 6


def test_into_an_empty_notebook_duplicates_in_the_file_merge_or_skip(
    tmp_path: Path, clock: FrozenClock
) -> None:
    db = tmp_path / "notebook.json"
    notebook = Notebook.open(db, clock)
    summary = apply_import(notebook, read_import(CONNECTIONS))
    assert notebook.close() is None
    # Ada's second row brings nothing new; Grace's second row brings her email.
    assert (summary.added, summary.merged, summary.unchanged) == (7, 1, 1)
    on_disk = contacts_on_disk(db)
    assert len(on_disk) == 7
    assert on_disk["Grace Hopper"]["emails"] == ["grace@navy.example.mil"]
    assert on_disk["Ada Lovelace"]["role"] == 'Analyst, "Difference" team'
    assert on_disk["Wei Chen"]["stage"] == Stage.TO_RESEARCH.value


def test_into_the_sample_merges_by_email_and_by_name_and_organisation(
    sample_db: Path, clock: FrozenClock
) -> None:
    before = contacts_on_disk(sample_db)
    notebook = Notebook.open(sample_db, clock)
    summary = apply_import(notebook, read_import(CONNECTIONS))
    assert notebook.close() is None
    assert summary.describe() == "4 added, 3 merged, 2 unchanged"
    after = contacts_on_disk(sample_db)
    assert len(after) == len(before) + 4
    jonas = after["Jonas Weber"]  # same email, other case: merged, email not doubled
    assert jonas["emails"] == ["j.weber@example.de"]
    assert jonas["linkedin"] == "https://www.linkedin.com/in/jonas-weber"
    assert jonas["stage"] == before["Jonas Weber"]["stage"]
    assert jonas["how_we_met"] == before["Jonas Weber"]["how_we_met"]  # filled: kept
    assert jonas["last_contact"] == before["Jonas Weber"]["last_contact"]  # later one kept
    maya = after["Maya Okafor"]  # no email in the row: matched by name and organisation
    assert maya["linkedin"] == "https://www.linkedin.com/in/maya-okafor"
    assert maya["notes"] == before["Maya Okafor"]["notes"]
    assert after["Tomás Herrera"] == before["Tomás Herrera"]  # nothing new: unchanged


def test_progress_is_reported_up_to_the_total(tmp_path: Path, clock: FrozenClock) -> None:
    rows = [f"P{n},Q{n},,p{n}@example.com,Org,,1 Jan 2020" for n in range(250)]
    plan = read_import(write_csv(tmp_path, *rows))
    calls: list[tuple[int, int]] = []
    notebook = Notebook(None, clock)
    apply_import(notebook, plan, progress=lambda done, total: calls.append((done, total)))
    assert 2 <= len(calls) <= 101
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(notebook.contacts) == 250


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Ada,Lovelace,,ada@,Acme,,1 Jan 2020", "line 3 (Ada Lovelace): emails: 'ada@'"),
        ("Ada,Lovelace,,,Acme,Analyst,1 Jan 2020,extra", "line 3: 8 cells, but the header has 7"),
        ("Ada,Lovelace,not a url,,Acme,,1 Jan 2020", "line 3 (Ada Lovelace): linkedin:"),
        ("Ada," + "L" * 600 + ",,,Acme,,1 Jan 2020", "line 3 (Ada LLLL"),
    ],
)
def test_a_bad_row_is_skipped_and_named_and_the_rest_imported(
    tmp_path: Path, row: str, reason: str
) -> None:
    path = write_csv(tmp_path, "Grace,Hopper,,,US Navy,,1 Jan 2020", row, "Lin,Chu,,,X,,")
    plan = read_import(path, "linkedin")
    assert [i.contact.name for i in plan.contacts] == ["Grace Hopper", "Lin Chu"]
    assert len(plan.skipped) == 1 and not plan.left_out
    assert str(plan.skipped[0]).startswith(reason)
    with pytest.raises(FormatError) as caught:  # --strict: all or nothing, as before
        read_import(path, "linkedin", strict=True)
    assert str(caught.value).startswith(reason)


def test_hidden_profiles_are_left_out_and_counted(tmp_path: Path, clock: FrozenClock) -> None:
    """LinkedIn writes ``,,,,,,05 Feb 2024`` for hidden or closed profiles: 19 to 47 of them
    in each real file tried. They must not refuse the file."""
    rows = ["Ada,Lovelace,,,Acme,,1 Jan 2020", *[",,,,,,05 Feb 2024"] * 30, "Bo,Li,,,,,"]
    path = write_csv(tmp_path, *rows)
    plan = read_import(path)
    assert [i.contact.name for i in plan.contacts] == ["Ada Lovelace", "Bo Li"]
    assert len(plan.left_out) == 30 and not plan.skipped
    assert plan.left_out[0].where == "line 3"
    summary = apply_import(Notebook(None, clock), plan)
    assert summary.describe() == "2 added, 0 merged, 0 unchanged, 30 left out (no name)"
    assert len(summary.reasons()) == 21 and summary.reasons()[-1] == "... and 10 more"


def test_a_row_with_an_email_and_no_name_is_named_by_its_email(tmp_path: Path) -> None:
    plan = read_import(write_csv(tmp_path, ",,,pat@example.org,Acme,,1 Jan 2020"))
    assert plan.contacts[0].contact.name == "pat@example.org"


def test_a_date_that_cannot_be_read_goes_to_the_notes(tmp_path: Path) -> None:
    plan = read_import(write_csv(tmp_path, "Ada,Lovelace,,,Acme,,31 Foo 2020"))
    ada = plan.contacts[0].contact
    assert ada.last_contact == ""
    assert ada.notes.endswith("- Connected on: 31 Foo 2020")


def test_the_2018_layout(tmp_path: Path) -> None:
    """No URL column, month-first dates with a time, LinkedIn member ids as emails."""
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On,Tags\n"
        'Ada,Lovelace,urn:li:member:12345,Acme,Analyst,"1/8/18, 6:14 PM",\n'
        'Grace,Hopper,grace@example.org,Navy,,"12/31/2017, 11:59 AM",mentor\n',
        encoding="utf-8",
    )
    assert detect_format(path) == "linkedin"
    plan = read_import(path)
    ada, grace = (i.contact for i in plan.contacts)
    assert (ada.emails, ada.last_contact, ada.notes) == ((), "2018-01-08", "")
    assert (grace.emails, grace.last_contact) == (("grace@example.org",), "2017-12-31")
    assert grace.notes.endswith("- Tags: mentor")  # a column infoview has no field for


def test_no_header_is_a_clear_error_naming_the_layouts(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Name,Email\nAda,ada@example.org\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"expected LinkedIn Connections\.csv"):
        read_import(path, "linkedin")
    with pytest.raises(FormatError) as caught:
        read_import(path)
    for layout in ("LinkedIn Connections.csv", "Google Contacts CSV", "Outlook contacts CSV"):
        assert layout in str(caught.value)


def test_byte_order_mark_lf_line_ends_and_older_columns(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\nAda,L,,Acme,,\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    plan = read_import(path)
    assert [i.contact.name for i in plan.contacts] == ["Ada L"]
    assert plan.contacts[0].contact.last_contact == ""


@pytest.mark.parametrize(
    ("encoding", "separator", "said"),
    [
        ("cp1252", ",", "Windows-1252"),
        ("cp1252", ";", "Windows-1252"),
        ("utf-16", ",", "UTF-16"),
        ("utf-16", "\t", "UTF-16"),
        ("utf-8-sig", ";", "UTF-8"),
    ],
)
def test_a_file_a_spreadsheet_saved_again(
    tmp_path: Path, encoding: str, separator: str, said: str
) -> None:
    """Excel re-saves a CSV as Windows-1252 with ';' (European locales) or UTF-16 text."""
    rows = [HEADER.split(","), ["Zoë", "Åberg", "", "", "Café Noir; SA", "Barista", "3 Feb 2025"]]
    lines = [
        separator.join(f'"{cell}"' if separator in cell else cell for cell in row) for row in rows
    ]
    path = tmp_path / "Connections.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    plan = read_import(path)
    zoe = plan.contacts[0].contact
    assert (zoe.name, zoe.organization, zoe.last_contact) == (
        "Zoë Åberg",
        "Café Noir; SA",
        "2025-02-03",
    )
    assert plan.encoding.startswith(said)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 Mar 2024", "2024-03-12"),
        ("3 Feb 2025", "2025-02-03"),
        ("03 Sept 2019", "2019-09-03"),
        ("12-Mar-24", "2024-03-12"),
        ("2024-03-12", "2024-03-12"),
        ("1/8/18, 6:14 PM", "2018-01-08"),
        ("12/03/2024", "2024-12-03"),
        ("", ""),
    ],
)
def test_connected_on_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["31 Feb 2024", "Mar 12 2024", "13/03/2024", "soon"])
def test_connected_on_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
