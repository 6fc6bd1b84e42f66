"""vCard import of real exports from public test suites (tests/fixtures/real/, see SOURCES
and EXPECTED.md there): Android and Outlook 2.1 with quoted-printable and Shift_JIS, Gmail,
Lotus Notes (PROFILE:VCard), FullContact and RFC-style 4.0, and versions mixed in a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_tui.formats import apply_import, detect_format, read_import
from infoview_tui.formats.common import EXTRAS_HEADING
from infoview_tui.formats.plan import ImportPlan
from infoview_tui.model import Contact, FrozenClock
from infoview_tui.notebook import Notebook

REAL = Path(__file__).parent / "fixtures" / "real"
VCARDS = sorted(REAL.glob("*.vcf"))


def plan_of(name: str) -> ImportPlan:
    path = REAL / name
    assert detect_format(path) == "vcard"
    return read_import(path)


def contacts(plan: ImportPlan) -> list[Contact]:
    return [item.contact for item in plan.contacts]


def own_notes(contact: Contact) -> str:
    return contact.notes.split(EXTRAS_HEADING, 1)[0].rstrip("\n")


def extras(contact: Contact) -> list[str]:
    if EXTRAS_HEADING not in contact.notes:
        return []
    return contact.notes.split(EXTRAS_HEADING, 1)[1].strip().splitlines()


def test_every_real_vcard_is_here() -> None:
    assert len(VCARDS) >= 9


@pytest.mark.parametrize("path", VCARDS, ids=lambda p: p.name)
def test_every_real_vcard_imports_whole_into_a_notebook(path: Path, clock: FrozenClock) -> None:
    plan = read_import(path)
    assert plan.problems == ()
    assert plan.notes == ()
    notebook = Notebook(None, clock)
    summary = apply_import(notebook, plan)
    assert summary.added + summary.merged + summary.unchanged == len(plan.contacts) > 0
    assert (summary.skipped, summary.left_out) == (0, 0)


def test_android_21_quoted_printable_soft_breaks_and_email_only_cards() -> None:
    plan = plan_of("vcard21_qp_android_ez-vcard.vcf")
    assert plan.encoding == "UTF-8"
    john, jane, three, four, bob, henry = contacts(plan)
    # no N, no FN: the email is the name
    assert (john.name, john.emails, john.tags) == (
        "john.doe@company.com",
        ("john.doe@company.com",),
        ("My Contacts",),
    )
    assert (jane.name, jane.emails) == ("jane.doe@company.com", ("jane.doe@company.com",))
    assert three.name == "Ñ Ñ Ñ Ñ Ñ"
    assert three.phones == ("123456789",)
    # FN continues over a quoted-printable soft line break
    assert four.name == " ".join(["Ñ"] * 11)
    assert four.phones == ("123456", "234567", "3456789", "45678901")  # TEL;CELL;PREF first
    note = "Ñ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ "  # as written: three soft-broken lines
    assert four.notes == f"{note}\n{note}"
    # a second EMAIL that is no address is kept in the notes, the card is imported
    assert (bob.name, bob.emails) == ("Ñ Ñ Ñ Ñ", ("bob@company.com",))
    assert bob.phones == ("123456",)  # the same number thrice, once
    assert bob.organization == "Ñ" * 12
    assert extras(bob) == [
        "- Email: " + "Ñ" * 14,
        "- Organisation: " + "Ñ" * 12,
        "- Web: www.company.com",
        "- Web: http://www.company.com",
    ]
    # a soft break onto an empty line; a stray =80 (not UTF-8) becomes U+FFFD
    assert (henry.name, henry.emails, henry.phones) == (
        "ÑÑÑÑ",
        ("henry@company.com",),
        ("55556666",),
    )
    assert henry.organization == "Ñ" * 44
    assert extras(henry) == [
        "- Organisation: " + "Ñ" * 44 + "\ufffd",
        "- Organisation: " + "Ñ" * 44,
    ]


def test_outlook_2007_21_quoted_printable_note_and_unindented_base64() -> None:
    plan = plan_of("vcard21_qp_outlook2007_ez-vcard.vcf")
    [mike] = contacts(plan)
    assert mike.name == "Mr. Michael Angstadt Jr."
    assert mike.emails == ("mike.angstadt@gmail.com",)
    assert mike.phones == ("(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333")
    assert (mike.organization, mike.role) == ("TheCompany", "TheJobTitle")
    assert mike.location == "New York, NY, USA"
    assert own_notes(mike) == (
        "This is the NOTE field\t\n"
        "I assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
        "It does not preserve the formatting"
    )
    assert extras(mike) == [
        "- Department: TheDepartment",
        "- Nickname: Mike",
        "- Address (work): TheOffice, 222 Broadway, New York, NY, 99999, USA",
        "- Web (home): http://mikeangstadt.name",
        "- Web (work): http://mikeangstadt.name",
        "- Role: TheProfession",
        "- Birthday: 19220310",
        "- Anniversary: 20120801",
        "- Messaging: im@aim.com",
        "- Manager: TheManagerName",
        "- Assistant: TheAssistantName",
        "- Spouse: TheSpouse",
    ]


def test_android_21_shift_jis_with_quoted_printable_address() -> None:
    plan = plan_of("vcard21_sjis_qp_aosp.vcf")
    assert plan.encoding == "SHIFT_JIS (as the cards say)"
    [ando] = contacts(plan)
    assert ando.name == "安藤 ロイド 1"
    assert (ando.emails, ando.phones) == ((), ())
    assert own_notes(ando) == "メモ"
    assert extras(ando) == ["- Address (home): 東京都渋谷区桜丘町26-1セルリアンタワー6階, 150-8512"]


def test_android_21_shift_jis_cards_with_n_only() -> None:
    plan = plan_of("vcard21_sjis_nofn_aosp.vcf")
    three, four, five = contacts(plan)
    assert [c.name for c in (three, four, five)] == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]
    assert three.phones == ("9", "10", "11", "12")
    assert four.phones == ("13", "14", "15", "16")
    assert five.phones == ("17", "18", "19", "20")
    assert all(c.emails == () and c.notes == "" for c in (three, four, five))


def test_gmail_30_groups_labels_and_escaped_colons() -> None:
    plan = plan_of("vcard30_gmail_items_ez-vcard.vcf")
    [card] = contacts(plan)
    assert card.name == "VCard Test"
    assert card.emails == (
        "email@example.com",
        "homeemail@example.com",
        "workemail@example.com",
        "otheremail@example.com",
        "customcategory@example.com",  # item1.EMAIL
    )
    assert card.phones == tuple(str(n) for n in range(5555551111, 5555551122))
    assert (card.organization, card.role, card.location) == (
        "TheCompany",
        "TheJobTitle",
        "NY, New York",
    )
    assert own_notes(card) == "note line 1\nnote line 2\nCustomField: field value"
    lines = extras(card)
    for line in (
        "- Nickname: TheNickname",
        "- Birthday: 1912-06-23",
        "- Skype: IM5",
        "- Address (home): 112 Main St, NY, New York, 10011",
        "- Address (CustomAddressCategory): 115 Main St, NY, New York, 10011",
        "- Web: http://www.example1.com",  # written http\://
        "- Web (HomePage): http://www.example4.com",
        "- Date (Anniversary): 1930-03-20",
        "- Related (Spouse): Name2",
    ):
        assert line in lines
    assert len([line for line in lines if line.startswith("- Web")]) == 6


def test_lotus_notes_30_with_profile_vcard() -> None:
    plan = plan_of("vcard30_lotus_notes_ez-vcard.vcf")
    [john] = contacts(plan)
    assert john.name == "Mr. Doe John I Johny"
    assert john.emails == ("john.doe@ibm.com", "billy_bob@gmail.com")
    assert john.phones == ("+1 (212) 204-34456", "00-1-212-555-7777")
    assert (john.organization, john.role) == ("IBM", "Generic Accountant")
    assert john.location == "New York, New York, U.S.A."
    assert own_notes(john).startswith(
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"\n'
        "AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO , THE\n"
    )
    assert extras(john) == [
        "- Department: SUN",
        "- Nickname: Johny,JayJay",
        "- Address (home): 25334 South cresent drive, Building 5, 3rd floo r, New York, "
        "New York, NYC887, U.S.A.",
        "- Web (HomePage): http://www.sun.com",
        "- Birthday: 1980-05-21",
        "- Role: Counting Money",
    ]


def test_fullcontact_40_two_organisations_and_titles() -> None:
    plan = plan_of("vcard40_fullcontact_ez-vcard.vcf")
    [card] = contacts(plan)
    assert card.name == "Prefix FirstName MiddleName LastName Suffix"
    assert card.emails == tuple(
        f"{kind}@example.com" for kind in ("home", "work", "school", "other", "custom")
    )
    assert card.phones == tuple(f"555-555-111{n}" for n in range(1, 10))
    assert (card.organization, card.role, card.tags) == ("Organization1", "Title1", ("Tag",))
    assert card.location == "HomeCity, HomeState, HomeCountry"
    assert own_notes(card) == "Notes line 1\nNotes line 2"
    lines = extras(card)
    for line in (
        "- Department: Department1",
        "- Organisation: Organization2, Department2",
        "- Title: Title2",
        "- Birthday: 20160801",
        "- Gender: M",
        "- Nickname: NickName",
        "- Web: http://www.homepage.com",
        "- Address (work): WorkExtended, WorkStreet, WorkCity, WorkState, WorkPostal, WorkCountry",
        "- Messaging: skype:skype",
    ):
        assert line in lines


def test_rfc_style_40_tel_uris_and_quoted_label_parameters() -> None:
    plan = plan_of("vcard40_node-vcf.vcf")
    [forrest] = contacts(plan)
    assert forrest.name == "Forrest Gump"
    assert forrest.emails == ("forrestgump@example.com",)
    assert forrest.phones == ("+11115551212", "+14045551212", "+14045551213")
    assert (forrest.organization, forrest.role) == ("Bubba Gump Shrimp Co.", "Shrimp Man")
    assert forrest.location == "Baytown, LA, United States of America"
    assert extras(forrest) == [
        "- Address (work): 100 Waters Edge, Baytown, LA, 30314, United States of America",
        "- Address (home): 42 Plantation St., Baytown, LA, 30314, United States of America",
    ]


def test_mixed_versions_in_one_file_are_one_person(clock: FrozenClock) -> None:
    plan = plan_of("vcard_mixed_versions_node-vcf.vcf")
    v4, v21, v3 = contacts(plan)
    assert {c.name for c in (v4, v21, v3)} == {"Dr. Erika Mustermann"}
    assert {(c.organization, c.role) for c in (v4, v21, v3)} == {
        ("Wikimedia", "Redaktion & Gestaltung")
    }
    assert v4.phones == ("+49-221-9999123", "+49-221-1234567")
    assert v21.phones == ("(0221) 9999123", "(0221) 1234567")
    assert v3.phones == ("+49 221 9999123", "+49 221 1234567")
    assert (v4.location, v21.location) == ("Köln, Germany", "Koeln, Deutschland")
    assert "- Address (home): Heidestraße 17, Köln, 51147, Germany" in extras(v4)
    assert "- Web: http://de.wikipedia.org/" in extras(v3)
    notebook = Notebook(None, clock)
    summary = apply_import(notebook, plan)
    # the 3.0 card's phones are the 4.0 card's, written otherwise: nothing new
    assert (summary.added, summary.merged, summary.unchanged) == (1, 1, 1)
    [erika] = notebook.contacts.values()
    assert erika.phones == v4.phones + v21.phones
