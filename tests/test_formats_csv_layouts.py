"""Google's 2024 CSV header and Outlook's English one, as those programs write them.

No public test suite had these two as files (tests/fixtures/real has Google's older header and
a German Outlook export), so the headers here are copied from what Google Contacts and
Outlook write; the rows are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_tui.formats import FormatError, detect_format, read_import
from infoview_tui.formats.common import EXTRAS_HEADING

GOOGLE_2024 = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value"
)
OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,"
    "Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,"
    "Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,"
    "TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,"
    "Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,"
    "Business State,Business Postal Code,Business Country/Region,Home Street,Home City,"
    "Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,"
    "Languages,Birthday,Anniversary,Location,Web Page,Notes,Categories,Sensitivity,Priority,"
    "Private,Gender"
)


def write(tmp_path: Path, header: str, *rows: list[str]) -> Path:
    width = len(header.split(","))
    lines = [header]
    for row in rows:
        cells = [f'"{c}"' if ("," in c or "\n" in c) else c for c in row]
        lines.append(",".join(cells + [""] * (width - len(cells))))
    path = tmp_path / "contacts.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def google_row(**cells: str) -> list[str]:
    names = GOOGLE_2024.split(",")
    return [cells.get(name, "") for name in names]


def outlook_row(**cells: str) -> list[str]:
    names = OUTLOOK.split(",")
    return [cells.get(name, "") for name in names]


def test_google_2024_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOGLE_2024,
        google_row(
            **{
                "First Name": "Ines",
                "Last Name": "Moreau",
                "Nickname": "Nessa",
                "Organization Name": "Acme",
                "Organization Title": "Analyst",
                "Organization Department": "Research",
                "Birthday": "1990-04-02",
                "Labels": "* myContacts ::: Mentors",
                "E-mail 1 - Label": "* Work",
                "E-mail 1 - Value": "ines@acme.example ::: ines@home.example",
                "Phone 1 - Value": "+33 1 23 45 67 89",
                "Address 1 - City": "Lyon",
                "Address 1 - Country": "France",
                "Website 1 - Value": "https://www.linkedin.com/in/ines",
                "Website 2 - Value": "https://ines.example",
            }
        ),
        google_row(**{"E-mail 1 - Value": "only@mail.example"}),
        google_row(**{"Labels": "* myContacts"}),
    )
    assert detect_format(path) == "google"
    plan = read_import(path)
    ines, only = (item.contact for item in plan.contacts)
    assert ines.name == "Ines Moreau"
    assert ines.emails == ("ines@acme.example", "ines@home.example")
    assert (ines.organization, ines.role, ines.location) == ("Acme", "Analyst", "Lyon, France")
    assert ines.linkedin == "https://www.linkedin.com/in/ines"
    assert ines.tags == ("Mentors",)
    assert ines.how_we_met == ""  # not LinkedIn: nothing said about how we met
    assert ines.notes.startswith(EXTRAS_HEADING)
    for kept in (
        "- Nickname: Nessa",
        "- Organization Department: Research",
        "- Birthday: 1990-04-02",
        "- Website: https://ines.example",
    ):
        assert kept in ines.notes
    assert "Label" not in ines.notes  # Google's labels for values are noise
    assert only.name == "only@mail.example"
    assert [str(p) for p in plan.left_out] == ["line 4: no name and no email to make one from"]


def test_outlook_english_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OUTLOOK,
        outlook_row(
            **{
                "First Name": "Karl",
                "Last Name": "Berg",
                "Title": "Dr.",
                "E-mail Address": "karl@berg.example",
                "E-mail 2 Address": "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=karl",
                "Mobile Phone": "+49 170 000000",
                "Business Phone": "+49 30 000000",
                "Job Title": "Editor",
                "Department": "Science desk",
                "Company": "Tagblatt",
                "Business Street": "Hauptstr. 1",
                "Business City": "Berlin",
                "Business Country/Region": "Germany",
                "Birthday": "0/0/00",
                "Web Page": "https://linkedin.com/in/karlberg",
                "Notes": "Met at the data journalism meetup.",
                "Categories": "Press;Mentors",
                "Sensitivity": "Normal",
                "Priority": "Normal",
                "Private": "False",
                "Gender": "Unspecified",
            }
        ),
    )
    assert detect_format(path) == "outlook"
    (karl,) = (item.contact for item in read_import(path).contacts)
    assert karl.name == "Karl Berg"
    assert karl.emails == ("karl@berg.example",)
    assert karl.phones == ("+49 170 000000", "+49 30 000000")
    assert (karl.organization, karl.role, karl.location) == (
        "Tagblatt",
        "Editor",
        "Berlin, Germany",
    )
    assert karl.linkedin == "https://linkedin.com/in/karlberg"
    assert karl.tags == ("Press", "Mentors")
    assert karl.notes.splitlines() == [
        "Met at the data journalism meetup.",
        "",
        EXTRAS_HEADING,
        "- Email (not an address): /o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=karl",
        "- Business address: Hauptstr. 1, Berlin, Germany",
        "- Title: Dr.",
        "- Department: Science desk",
    ]


def test_forcing_a_layout_that_does_not_match_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLOOK, outlook_row(**{"First Name": "Karl"}))
    with pytest.raises(FormatError, match="expected Google Contacts CSV"):
        read_import(path, "google")
