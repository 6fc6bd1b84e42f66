"""vCards in (Google, Apple, Thunderbird, 3.0 and 4.0) and out (4.0 with X-INFOVIEW-*)."""

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
from infoview_tui.formats.plan import CONTACT_FIELDS
from infoview_tui.model import Contact, FrozenClock, Stage
from infoview_tui.notebook import Notebook

FIXTURES = Path(__file__).parent / "fixtures"


def only(path: Path, index: int = 0) -> Contact:
    return read_import(path).contacts[index].contact


def write(tmp_path: Path, text: str, name: str = "cards.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


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
    assert jane.notes == "Met at PyCon.\nAsked about, among other things; mentoring."
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
    assert renee.notes == (
        "A long note that folds across several physical lines, because Apple folds at "
        "seventy-five octets; it also has a backslash \\ and\na second line."
    )


def test_thunderbird_vcard_4_with_lf_line_ends() -> None:
    raw = (FIXTURES / "thunderbird.vcf").read_bytes()
    assert b"\r\n" not in raw and b"VERSION:4.0" in raw
    plan = read_import(FIXTURES / "thunderbird.vcf")
    sam, asa = (i.contact for i in plan.contacts)
    assert sam.emails == ("sam.osei@example.com", "sam@home.example")
    assert sam.phones == ("+233 30 000 0000", "+233-24-000-0000")  # tel: URI unwrapped
    assert sam.organization == "Kumasi Robotics"
    assert sam.linkedin == ""  # a plain homepage is not a LinkedIn address
    assert sam.notes == "Thunderbird writes\nmultiline notes."
    assert (asa.name, asa.emails) == ("Åsa Lindqvist", ("asa.lindqvist@example.se",))


def test_malformed_card_names_card_and_line() -> None:
    with pytest.raises(FormatError) as caught:
        read_import(FIXTURES / "malformed.vcf")
    assert str(caught.value) == "card 2 (line 6), line 9: cannot read 'TEL +1 555 0100'"


def test_invalid_email_fails_the_file_naming_the_card() -> None:
    with pytest.raises(FormatError) as caught:
        read_import(FIXTURES / "bad_email.vcf")
    assert str(caught.value) == (
        "card 2 (line 6): emails: 'typo.example.com' is not an email address"
    )


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
    ("text", "message"),
    [
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n", "card 1 (line 1): the card has no END:VCARD"),
        (
            "BEGIN:VCARD\nFN:Ada\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n",
            "card 1 (line 1): no END:VCARD before the next BEGIN:VCARD",
        ),
        ("hello\nBEGIN:VCARD\nFN:Ada\nEND:VCARD\n", "line 1: text outside a card"),
        ("BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@b.co\nEND:VCARD\n", "card 1 (line 1): the card"),
        ("", "no vCard in this file"),
        (
            "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ada=\nEND:VCARD\n",
            "card 1 (line 1), line 3: quoted-printable",
        ),
    ],
)
def test_broken_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_import(write(tmp_path, text), "vcard")
    assert str(caught.value).startswith(message)


def test_export_is_vcard_4_with_infoview_fields(sample_db: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(sample_db, clock)
    try:
        out = io.BytesIO()
        assert export(notebook, "vcard", out) == "12 contacts"
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
    assert (summary.added, summary.merged, summary.skipped) == (2, 0, 1)
