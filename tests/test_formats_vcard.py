"""vCards in (Google, Apple, Thunderbird; 2.1, 3.0 and 4.0) and out (4.0 with X-INFOVIEW-*).

The real exports from public test suites are in test_formats_vcard_real.py."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import vobject

from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.formats import (
    FormatError,
    apply_import,
    detect_format,
    export,
    read_import,
    vcard,
)
from infoview_tui.formats.common import EXTRAS_HEADING, WINDOWS_1252
from infoview_tui.formats.plan import CONTACT_FIELDS, ImportPlan
from infoview_tui.model import Contact, FrozenClock, Stage
from infoview_tui.notebook import Notebook

FIXTURES = Path(__file__).parent / "fixtures"


def only(path: Path, index: int = 0) -> Contact:
    return read_import(path).contacts[index].contact


def write(tmp_path: Path, text: str, name: str = "cards.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def read_text(text: str, encoding: str = "utf-8") -> ImportPlan:
    return vcard.read(text.replace("\n", "\r\n").encode(encoding), "memory")


def extras(contact: Contact) -> list[str]:
    """The lines the import put under the notes' extras heading."""
    if EXTRAS_HEADING not in contact.notes:
        return []
    return contact.notes.split(EXTRAS_HEADING, 1)[1].strip().splitlines()


def test_google_export() -> None:
    path = FIXTURES / "google.vcf"
    assert detect_format(path) == "vcard"
    plan = read_import(path)
    assert [i.where for i in plan.contacts] == ["card 1 (line 1)", "card 2 (line 20)"]
    jane = plan.contacts[0].contact
    assert jane.name == "Jane Doe"
    # the grouped item1.EMAIL is kept, after the ungrouped one, as written
    assert jane.emails == ("jane.doe@work.example.com", "jane@personal.example.com")
    assert jane.phones == ("+1 555-0100", "+1 555-0199")
    assert jane.organization == "Acme, Inc."  # escaped comma; the department is left out
    assert jane.role == "Staff Engineer"
    assert jane.linkedin == "https://www.linkedin.com/in/janedoe"  # Google writes https\://
    assert jane.notes.startswith("Met at PyCon.\nAsked about, among other things; mentoring.\n")
    assert extras(jane) == [
        "- Department: Research & Development",
        "- Web (HomePage): https://janedoe.example.com",  # Apple-style label of item3
    ]
    assert jane.tags == ("Mentors",)  # Google's myContacts is not a tag
    li = plan.contacts[1].contact
    assert (li.name, li.organization, li.tags) == ("李小龍", "Dragon Films", ())


def test_apple_export_folding_preference_photo_and_address() -> None:
    renee = only(FIXTURES / "apple.vcf")
    assert renee.name == "Dr. Renée Müller-Lüdenscheidt"
    assert renee.emails == ("renee@example.de", "r.mueller@example.de")  # type=pref first
    assert renee.phones == ("+49 89 1234567",)  # item1.TEL
    assert renee.organization == "Technische Universität München"
    assert renee.location == "München, Bayern, Deutschland"
    assert renee.linkedin == "https://www.linkedin.com/in/renee-mueller"  # X-SOCIALPROFILE
    assert renee.notes.startswith(
        "A long note that folds across several physical lines, because Apple folds at "
        "seventy-five octets; it also has a backslash \\ and\na second line.\n\n"
    )
    assert extras(renee) == [
        "- Department: Lehrstuhl für Informatik",
        "- Address (work): Arcisstraße 21, München, Bayern, 80333, Deutschland",
    ]


def test_thunderbird_vcard_4_with_lf_line_ends() -> None:
    raw = (FIXTURES / "thunderbird.vcf").read_bytes()
    assert b"\r\n" not in raw and b"VERSION:4.0" in raw
    plan = read_import(FIXTURES / "thunderbird.vcf")
    sam, asa = (i.contact for i in plan.contacts)
    assert sam.emails == ("sam.osei@example.com", "sam@home.example")
    assert sam.phones == ("+233 30 000 0000", "+233-24-000-0000")  # tel: URI unwrapped
    assert sam.organization == "Kumasi Robotics"
    assert sam.linkedin == ""  # a plain homepage is not a LinkedIn address
    assert sam.notes.startswith("Thunderbird writes\nmultiline notes.\n\n")
    assert extras(sam) == [
        "- Department: Outreach",
        "- Web (work): https://kumasi-robotics.example",
    ]
    assert (asa.name, asa.emails) == ("Åsa Lindqvist", ("asa.lindqvist@example.se",))


def test_malformed_card_is_skipped_and_listed_the_rest_imported() -> None:
    plan = read_import(FIXTURES / "malformed.vcf")
    assert [i.contact.name for i in plan.contacts] == ["Good Person", "Another Good Person"]
    assert [str(p) for p in plan.skipped] == [
        "card 2 (line 6) (Broken Person): line 9: cannot read 'TEL +1 555 0100'"
    ]
    with pytest.raises(FormatError, match=r"card 2 \(line 6\)"):
        plan.strict()  # --strict: all or nothing


def test_card_with_an_email_that_is_no_address_keeps_it_in_the_notes() -> None:
    plan = read_import(FIXTURES / "bad_email.vcf")
    assert plan.problems == ()
    typo = plan.contacts[1].contact
    assert (typo.name, typo.emails) == ("Typo Person", ())
    assert extras(typo) == ["- Email: typo.example.com"]


def test_fold_inside_a_utf8_character(tmp_path: Path) -> None:
    name = "Zoë Ångström-Øvergård"
    line = f"FN:{name}".encode()
    cut = line.index("Å".encode()) + 1  # between the two bytes of Å
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + line[:cut] + b"\r\n " + line[cut:]
    data += b"\r\nEND:VCARD\r\n"
    path = tmp_path / "split.vcf"
    path.write_bytes(data)
    assert only(path).name == name


def test_damaged_photo_is_ignored(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nPHOTO;ENCODING=b;TYPE=JPEG:@@not base64\n"
        " still not\nEMAIL:ada@example.org\nEND:VCARD\n",
    )
    assert only(path).emails == ("ada@example.org",)


def test_name_from_n_when_there_is_no_fn(tmp_path: Path) -> None:
    path = write(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nN:Lovelace;Ada;King;Countess;\nEND:VCARD\n")
    assert only(path).name == "Countess Ada King Lovelace"


@pytest.mark.parametrize(
    ("text", "skipped", "names"),
    [
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n",
            "card 1 (line 1) (Ada): the card has no END:VCARD (is the file cut short?)",
            [],
        ),
        (
            "BEGIN:VCARD\nFN:Ada\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n",
            "card 1 (line 1) (Ada): no END:VCARD before the next BEGIN:VCARD",
            ["Bo"],
        ),
        (
            "BEGIN:VCARD\nFN:Ada\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nNOT A PROPERTY\nEND:VCARD\n",
            "card 2 (line 4) (Bo): line 6: cannot read 'NOT A PROPERTY'",
            ["Ada"],
        ),
        (
            "BEGIN:VCARD\nFN:Ada\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nBAD NAME:x\nEND:VCARD\n",
            "card 2 (line 4) (Bo): line 6: cannot read 'BAD NAME:x'",
            ["Ada"],
        ),
    ],
)
def test_a_bad_card_is_skipped_not_the_file(text: str, skipped: str, names: list[str]) -> None:
    plan = read_text(text)
    assert [str(p) for p in plan.skipped] == [skipped]
    assert [i.contact.name for i in plan.contacts] == names


@pytest.mark.parametrize(
    "text",
    ["", "hello\nworld\n", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "END:VCARD\n", "\x00\xff"],
)
def test_a_file_without_a_card_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(FormatError, match="no vCard in this file"):
        read_import(write(tmp_path, text), "vcard")


def test_text_outside_cards_is_ignored_and_said() -> None:
    plan = read_text("hello\nBEGIN:VCARD\nFN:Ada\nEND:VCARD\nthere\n")
    assert [i.contact.name for i in plan.contacts] == ["Ada"]
    assert plan.notes == (
        "line 1: text outside a card, ignored: 'hello'",
        "line 5: text outside a card, ignored: 'there'",
    )


def test_card_with_neither_name_nor_email_is_left_out() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@b.co\nEND:VCARD\n"
    )
    assert [str(p) for p in plan.left_out] == [
        "card 1 (line 1): no name and no email to make one from"
    ]
    assert [(i.contact.name, i.contact.emails) for i in plan.contacts] == [("a@b.co", ("a@b.co",))]


def test_export_is_vcard_4_with_infoview_fields(sample_db: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(sample_db, clock)
    try:
        out = io.BytesIO()
        assert export(notebook, "vcard", out) == "12 contacts (vCard 4.0)"
    finally:
        notebook.close()
    text = out.getvalue().decode("utf-8")
    cards = list(vobject.readComponents(text))
    assert len(cards) == 12
    assert all(c.version.value == "4.0" for c in cards)
    priya = next(c for c in cards if c.fn.value == "Priya Raman")
    assert priya.contents["x-infoview-stage"][0].value == "interviewed"
    assert priya.contents["x-infoview-how-we-met"][0].value == "Referred by Maya"
    referred = priya.contents["x-infoview-referred-by"][0]
    assert referred.value == "Maya Okafor"
    assert referred.params["X-INFOVIEW-ID"] == ["1"]
    assert priya.org.value == ["Lumen Learning Co."]
    assert priya.n.value.family == "Raman"
    assert all(line.endswith("\r") or not line for line in text.split("\n"))  # CRLF


def _contacts(notebook: Notebook) -> dict[int, dict]:
    return {c.id: {k: getattr(c, k) for k in CONTACT_FIELDS} for c in notebook.contacts.values()}


def test_round_trip_into_an_empty_notebook(tmp_path: Path) -> None:
    clock = sample_clock()
    original = tmp_path / "original.json"
    write_sample(original, clock)
    source = Notebook.open(original, clock)
    card_file = tmp_path / "contacts.vcf"
    export(source, "vcard", card_file)

    restored = tmp_path / "restored.json"
    target = Notebook.open(restored, clock)
    summary = apply_import(target, read_import(card_file))
    assert target.close() is None
    assert (summary.added, summary.merged, summary.skipped, summary.notes) == (12, 0, 0, ())
    reopened = Notebook.open(restored, clock)
    try:
        assert _contacts(reopened) == _contacts(source)  # referred_by, stage, dates, notes
        assert any(c.referred_by for c in reopened.contacts.values())
    finally:
        reopened.close()
        source.close()


def test_round_trip_keeps_awkward_text(clock: FrozenClock) -> None:
    source = Notebook(None, clock)
    ref = source.add_contact(name="O'Brien, Seán; \\ the second", organization="A;B,C\\D")
    source.add_contact(
        name="Zoë",
        organization="Ørsted; Wind, Inc.",
        referred_by=ref.id,
        research_notes="line one\n\n  indented; with, commas \\ and a tab\t.\n",
        notes="# Notes\r\nwindows line end\rand a bare CR",
        tags=("a,b", "c;d"),
        phones=("+45 12 34",),
        emails=("zoe@example.dk", "z@example.org"),
        location="Aarhus, Denmark",
        linkedin="https://example.com/not-linkedin",
        stage=Stage.THANKED,
        next_action="Say thanks; again",
        next_action_date="2026-12-01",
        last_contact="2026-11-01",
    )
    out = io.BytesIO()
    export(source, "vcard", out)
    target = Notebook(None, clock)
    apply_import(target, vcard.read(out.getvalue(), "memory"))
    expected = _contacts(source)
    expected[2]["notes"] = "# Notes\nwindows line end\nand a bare CR"  # vCard has no CR
    assert _contacts(target) == expected


def test_referrer_named_but_not_in_the_file_is_found_by_name(
    sample_db: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:4.0\nFN:New Person\n"
        "X-INFOVIEW-REFERRED-BY;X-INFOVIEW-ID=99:maya okafor\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Other Person\nX-INFOVIEW-REFERRED-BY:Nobody Known\n"
        "END:VCARD\n",
    )
    notebook = Notebook.open(sample_db, clock)
    summary = apply_import(notebook, read_import(path))
    assert notebook.close() is None
    assert summary.notes == ("card 2 (line 6): referrer Nobody Known not found; left unset",)
    doc = json.loads(sample_db.read_text(encoding="utf-8"))
    by_name = {c["name"]: c for c in doc["contacts"].values()}
    assert by_name["New Person"]["referred_by"] == by_name["Maya Okafor"]["id"]
    assert by_name["Other Person"]["referred_by"] is None


def test_namesakes_from_an_infoview_export_stay_apart(clock: FrozenClock) -> None:
    source = Notebook(None, clock)
    first = source.add_contact(name="Sam Lee", organization="Acme", role="Designer")
    source.add_contact(name="Sam Lee", organization="Acme", role="Engineer")
    source.add_contact(name="Kim", referred_by=first.id)
    out = io.BytesIO()
    export(source, "vcard", out)
    target = Notebook(None, clock)
    summary = apply_import(target, vcard.read(out.getvalue(), "memory"))
    assert (summary.added, summary.merged, summary.skipped) == (3, 0, 0)
    assert _contacts(target) == _contacts(source)
    # the same cards without infoview's ids are taken for one person
    plain = b"".join(
        line + b"\r\n"
        for line in out.getvalue().split(b"\r\n")
        if line and not line.startswith(b"X-INFOVIEW-")
    )
    again = Notebook(None, clock)
    summary = apply_import(again, vcard.read(plain, "memory"))
    assert (summary.added, summary.merged, summary.unchanged, summary.skipped) == (2, 0, 1, 0)


# ----- vCard 2.1 and what real address books write ------------------------------------------


def test_vcard_21_quoted_printable_soft_breaks_and_charsets() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Ren=C3=A9e;;;\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e M=C3=BC=\r\n"
        b"ller\r\n"
        b"ORG;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Caf=E9 S=E3o Paulo\r\n"
        b"TITLE;CHARSET=windows-1252:Chef \x80 \x93Boss\x94\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=\r\n"
        b"line two =3D two\r\n"
        b"END:VCARD\r\n"
    )
    plan = vcard.read(data, "memory")
    renee = plan.contacts[0].contact
    assert renee.name == "Renée Müller"
    assert renee.organization == "Café São Paulo"
    assert renee.role == "Chef € “Boss”"
    assert renee.notes == "line one\nline two = two"
    assert plan.encoding == "ISO-8859-1, WINDOWS-1252 (as the cards say)"


def test_vcard_21_bare_type_parameters_and_preference() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:2.1\nN:Doe;John\n"
        "TEL;HOME;VOICE:555-0101\nTEL;CELL;PREF:555-0102\n"
        "EMAIL;INTERNET:john@home.example\nEMAIL;INTERNET;PREF:john@work.example\n"
        "EMAIL;X400:G=John;S=Doe\nEND:VCARD\n"
    )
    john = plan.contacts[0].contact
    assert john.name == "John Doe"  # from N: there is no FN
    assert john.phones == ("555-0102", "555-0101")
    assert john.emails == ("john@work.example", "john@home.example")
    assert extras(john) == ["- Email (x400): G=John;S=Doe"]


def test_file_that_is_not_utf8_is_read_as_windows_1252_and_says_so() -> None:
    plan = read_text("BEGIN:VCARD\nVERSION:3.0\nFN:José Müller – Œuvre\nEND:VCARD\n", "cp1252")
    assert plan.contacts[0].contact.name == "José Müller – Œuvre"
    assert plan.encoding == WINDOWS_1252


def test_utf16_file_with_a_byte_order_mark() -> None:
    plan = read_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë\nEND:VCARD\n", "utf-16")
    assert plan.contacts[0].contact.name == "Zoë"
    assert plan.encoding == "UTF-16"


def test_vcard_21_base64_photos_indented_or_not_are_dropped() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Indented\n"
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:\n    /9j/4AAQSkZJRgABAQ\n    AAAQABAAD/2wBDAAgG\n\n"
        "EMAIL:indented@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nFN:Flush\n"
        "PHOTO;BASE64;JPEG:/9j/4AAQSkZJRgABAQ\nAAAQABAAD/2wBDAAgG\nAAAQABAAD==\n\n"
        "TEL:555\nEND:VCARD\n"
    )
    assert plan.problems == ()
    flat = [(i.contact.name, i.contact.emails, i.contact.phones) for i in plan.contacts]
    assert flat == [("Indented", ("indented@example.com",), ()), ("Flush", (), ("555",))]
    assert all(i.contact.notes == "" for i in plan.contacts)


def test_profile_vcard_and_odd_properties_are_ignored() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:3.0\nPROFILE:VCard\nNAME:VCard for Ada\nSOURCE:ldap://x\n"
        "FN:Ada\nX-FOO;ENCODING=b:@@@ not base64 @@@\nNOTE;ENCODING=b:%%%\n"
        'X-UNKNOWN;A="x:y";B=2:value\nWHATEVER:else\nEMAIL:ada@intranet\nEND:VCARD\n'
    )
    assert plan.problems == ()
    ada = plan.contacts[0].contact
    assert (ada.name, ada.emails, ada.notes) == ("Ada", ("ada@intranet",), "")


def test_email_only_card_takes_the_email_as_its_name() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:2.1\nEMAIL;PREF:mailto:solo@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:Jane Doe <jane@example.com>\nEND:VCARD\n"
    )
    assert [(i.contact.name, i.contact.emails) for i in plan.contacts] == [
        ("solo@example.com", ("solo@example.com",)),
        ("jane@example.com", ("jane@example.com",)),
    ]


def test_fields_with_no_place_go_to_the_notes() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Kim Park\nNICKNAME:Kimmy\nBDAY:1990-04-01\n"
        "ANNIVERSARY:2015-06-20\nGENDER:F\nORG:Acme;Research;Lab 2\nTITLE:Engineer\n"
        "ROLE:Mentor\nADR;TYPE=home:;;1 Main St;Springfield;IL;62701;USA\n"
        "URL:https://kim.example\nURL:https://www.linkedin.com/in/kimpark\n"
        "IMPP;TYPE=work:xmpp:kim@chat.example\n"
        "X-SOCIALPROFILE;TYPE=twitter:https://twitter.com/kim\n"
        "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/kim-second\n"
        "RELATED;TYPE=spouse:Lee\nCATEGORIES:Friends,Work\nNOTE:Own note.\nEND:VCARD\n"
    )
    kim = plan.contacts[0].contact
    assert kim.organization == "Acme"
    assert kim.role == "Engineer"
    assert kim.location == "Springfield, IL, USA"
    assert kim.linkedin == "https://www.linkedin.com/in/kimpark"
    assert kim.tags == ("Friends", "Work")
    assert kim.notes.startswith("Own note.\n\n" + EXTRAS_HEADING)
    assert extras(kim) == [
        "- Department: Research, Lab 2",
        "- Nickname: Kimmy",
        "- Birthday: 1990-04-01",
        "- Anniversary: 2015-06-20",
        "- Gender: F",
        "- Role: Mentor",
        "- Address (home): 1 Main St, Springfield, IL, 62701, USA",
        "- Web: https://kim.example",
        "- Messaging (work): xmpp:kim@chat.example",
        "- Profile (twitter): https://twitter.com/kim",
        "- Profile (linkedin): https://www.linkedin.com/in/kim-second",
        "- Related (spouse): Lee",
    ]


def test_a_location_only_address_adds_nothing_to_the_notes() -> None:
    plan = read_text("BEGIN:VCARD\nVERSION:3.0\nFN:Al\nADR:;;;Oslo;;;Norway\nEND:VCARD\n")
    al = plan.contacts[0].contact
    assert (al.location, al.notes) == ("Oslo, Norway", "")


def test_name_falls_back_to_nickname_then_organisation() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nNICKNAME:Bee\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nORG:Acme Plumbing;Sales\nTEL:555\nEND:VCARD\n"
    )
    assert [i.contact.name for i in plan.contacts] == ["Bee", "Acme Plumbing"]


def test_vcard_21_agent_card_inside_a_card_is_not_a_card_of_its_own() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Assistant\n"
        "END:VCARD\nEMAIL:boss@example.com\nEND:VCARD\n"
    )
    assert plan.problems == ()
    assert [(i.contact.name, i.contact.emails) for i in plan.contacts] == [
        ("Boss", ("boss@example.com",))
    ]


def test_a_field_the_model_refuses_skips_the_card_with_its_reason() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ok\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Staged\nX-INFOVIEW-STAGE:nonsense\nEND:VCARD\n"
    )
    assert [i.contact.name for i in plan.contacts] == ["Ok"]
    assert [str(p) for p in plan.skipped] == [
        "card 2 (line 5) (Staged): stage: 'nonsense' is not a stage"
    ]


def test_an_unexpected_error_in_one_card_skips_that_card_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = vcard._CardFields.phones

    def phones(self: vcard._CardFields) -> tuple[str, ...]:
        if self.first("FN") == "Bo":
            raise RuntimeError("boom")
        return real(self)

    monkeypatch.setattr(vcard._CardFields, "phones", phones)
    plan = read_text(
        "BEGIN:VCARD\nFN:Ada\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:Cy\nEND:VCARD\n"
    )
    assert [i.contact.name for i in plan.contacts] == ["Ada", "Cy"]
    assert [str(p) for p in plan.skipped] == [
        "card 2 (line 4): cannot read the card (RuntimeError: boom)"
    ]


def test_a_linkedin_url_that_is_no_web_address_goes_to_the_notes() -> None:
    plan = read_text("BEGIN:VCARD\nVERSION:3.0\nFN:Lin\nURL;TYPE=linkedin:not a url\nEND:VCARD\n")
    lin = plan.contacts[0].contact
    assert (lin.linkedin, extras(lin)) == ("", ["- Web (linkedin): not a url"])


def test_a_quoted_printable_value_ending_in_a_bare_equals_sign_does_not_eat_the_card_end() -> None:
    plan = read_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Ada\nNOTE;QUOTED-PRINTABLE:1+1=\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nFN:Bo\nEND:VCARD\n"
    )
    assert plan.problems == ()
    assert [(i.contact.name, i.contact.notes) for i in plan.contacts] == [
        ("Ada", "1+1"),
        ("Bo", ""),
    ]
