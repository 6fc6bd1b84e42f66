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
    assert (summary.added, summary.merged, summary.skipped) == (7, 1, 1)
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
    assert summary.describe() == "4 added, 3 merged, 2 skipped"
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
    assert after["Tomás Herrera"] == before["Tomás Herrera"]  # nothing new: skipped


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
    ("rows", "words"),
    [
        (["Ada,Lovelace,,ada@,Acme,,1 Jan 2020"], ["line 2", "emails", "'ada@'"]),
        (["Ada,Lovelace,,,Acme,,31 Foo 2020"], ["line 2", "Connected On", "31 Foo 2020"]),
        (["Ada,Lovelace,,,Acme,Analyst,1 Jan 2020,extra"], ["line 2", "8 fields"]),
        ([",,https://www.linkedin.com/in/x,,Acme,,1 Jan 2020"], ["line 2", "name"]),
        (["Ada,Lovelace,not a url,,Acme,,1 Jan 2020"], ["line 2", "linkedin"]),
        (['Ada,Lovelace,,,"Acme, Inc,,1 Jan 2020'], ["line 2", "unexpected end of data"]),
    ],
)
def test_a_bad_row_fails_the_whole_file_naming_its_line(
    tmp_path: Path, rows: list[str], words: list[str]
) -> None:
    path = write_csv(tmp_path, "Grace,Hopper,,,US Navy,,1 Jan 2020", *rows)
    with pytest.raises(FormatError) as caught:
        read_import(path, "linkedin")
    message = str(caught.value).replace("line 3", "line 2")  # after Grace's good row
    for word in words:
        assert word in message


def test_every_bad_row_is_listed(tmp_path: Path) -> None:
    rows = [f"A{n},B,,bad{n}@,Acme,,1 Jan 2020" for n in range(6)]
    with pytest.raises(FormatError) as caught:
        read_import(write_csv(tmp_path, *rows), "linkedin")
    assert len(caught.value.problems) == 6
    assert str(caught.value).startswith("line 2: emails:")
    assert "5 more rows with problems" in str(caught.value)


def test_no_header_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Name,Email\nAda,ada@example.org\n", encoding="utf-8")
    with pytest.raises(FormatError, match="First Name and Last Name"):
        read_import(path, "linkedin")


def test_byte_order_mark_lf_line_ends_and_older_columns(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\nAda,L,,Acme,,\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    plan = read_import(path)
    assert [i.contact.name for i in plan.contacts] == ["Ada L"]
    assert plan.contacts[0].contact.last_contact == ""


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Ada,Lovelace,,,Acme,,1 Jan 2020")
    path.write_bytes(path.read_bytes() + "Zoë,X,,,Acme,,1 Jan 2020\r\n".encode("latin-1"))
    with pytest.raises(FormatError, match=r"line 3: byte 0xeb is not UTF-8"):
        read_import(path, "linkedin")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 Mar 2024", "2024-03-12"),
        ("3 Feb 2025", "2025-02-03"),
        ("03 Sept 2019", "2019-09-03"),
        ("12-Mar-24", "2024-03-12"),
        ("2024-03-12", "2024-03-12"),
        ("", ""),
    ],
)
def test_connected_on_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["31 Feb 2024", "Mar 12 2024", "12/03/2024", "soon"])
def test_connected_on_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
