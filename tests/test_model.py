"""Model records: validation with the field at fault, Unicode round trips, stage marks."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.model import (
    PIPELINE,
    Contact,
    FrozenClock,
    Interview,
    Mode,
    Question,
    Stage,
    Status,
    ValidationError,
    contact_errors,
    split_list,
)
from infoview_tui.model.record import MAX_SHORT

UNICODE_NAMES = [
    "Zoë 🦊 Fuchs",  # emoji
    "山田 太郎",  # CJK
    "مريم الحسيني",  # RTL (Arabic)
    "יעל כהן",  # RTL (Hebrew)
    "Jose\u0301 Mu\u0303noz",  # combining accents (decomposed)
    "👩🏽‍🔬 Dr. Ngozi",  # ZWJ sequence with skin tone
    "Ωmega ß ǅ",
]


# ----- Contact validation -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", " ", "   \t  ", "\u3000"])
def test_blank_name_is_refused_with_field_name(name: str) -> None:
    with pytest.raises(ValidationError) as info:
        Contact(name=name)
    assert info.value.field == "name"
    assert "empty" in info.value.message


def test_name_is_stripped() -> None:
    assert Contact(name="  Ada Lovelace \t").name == "Ada Lovelace"


def test_name_must_be_text() -> None:
    with pytest.raises(ValidationError) as info:
        Contact(name=42)  # type: ignore[arg-type]
    assert info.value.field == "name"


def test_name_on_two_lines_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Contact(name="Ada\nLovelace")
    assert info.value.field == "name"
    assert "one line" in info.value.message


def test_very_long_name_is_refused() -> None:
    assert Contact(name="x" * MAX_SHORT).name == "x" * MAX_SHORT
    with pytest.raises(ValidationError) as info:
        Contact(name="x" * (MAX_SHORT + 1))
    assert info.value.field == "name"
    assert "501" in info.value.message and str(MAX_SHORT) in info.value.message


def test_very_long_organization_names_its_field() -> None:
    with pytest.raises(ValidationError) as info:
        Contact(name="Ada", organization="Acme " * 200)
    assert info.value.field == "organization"


@pytest.mark.parametrize(
    "email", ["not-an-email", "a b@example.com", "@example.com", "ada@", "a@@b.com"]
)
def test_invalid_email_is_refused(email: str) -> None:
    with pytest.raises(ValidationError) as info:
        Contact(name="Ada", emails=(email,))
    assert info.value.field == "emails"
    assert email.strip() in info.value.message
    assert contact_errors({"name": "Ada", "emails": (email,)})["emails"].startswith(
        repr(email.strip())
    )


@pytest.mark.parametrize("email", ["user@intranet", "a@b"])
def test_an_address_without_a_dot_is_stored_but_the_form_asks_for_one(email: str) -> None:
    """Imports keep ``user@intranet`` (address books have them); the form catches a typo."""
    assert Contact(name="Ada", emails=(email,)).emails == (email,)
    assert contact_errors({"name": "Ada", "emails": (email,)}) == {
        "emails": f"{email!r} is not an email address"
    }


def test_valid_emails_are_kept_and_blank_ones_dropped() -> None:
    contact = Contact(name="Ada", emails=(" ada@example.org ", "", "  ", "a.b+c@sub.example.co.uk"))
    assert contact.emails == ("ada@example.org", "a.b+c@sub.example.co.uk")


@pytest.mark.parametrize("field", ["next_action_date", "last_contact"])
@pytest.mark.parametrize("value", ["2026-13-40", "2026-02-30", "tomorrow", "23/11/2026"])
def test_bad_date_is_refused(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        Contact(name="Ada", **{field: value})
    assert info.value.field == field
    assert "YYYY-MM-DD" in info.value.message


def test_good_date_is_normalised() -> None:
    contact = Contact(name="Ada", next_action_date=" 2026-11-23 ", last_contact="")
    assert contact.next_action_date == "2026-11-23"
    assert contact.last_contact == ""


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "linkedin",
        "ftp://linkedin.com/in/ada",
        "javascript:alert(1)",
        "https://linkedin com/in/ada",
        "http://localhost/in/ada",
    ],
)
def test_non_url_linkedin_is_refused(url: str) -> None:
    with pytest.raises(ValidationError) as info:
        Contact(name="Ada", linkedin=url)
    assert info.value.field == "linkedin"


def test_linkedin_without_scheme_gets_https() -> None:
    assert Contact(name="Ada", linkedin="linkedin.com/in/ada").linkedin == (
        "https://linkedin.com/in/ada"
    )
    assert Contact(name="Ada", linkedin="").linkedin == ""


def test_bad_stage_is_refused_and_string_stage_becomes_enum() -> None:
    assert Contact(name="Ada", stage="thanked").stage is Stage.THANKED
    with pytest.raises(ValidationError) as info:
        Contact(name="Ada", stage="promoted")
    assert info.value.field == "stage"


def test_contact_cannot_refer_themselves() -> None:
    with pytest.raises(ValidationError) as info:
        Contact(id=3, name="Ada", referred_by=3)
    assert info.value.field == "referred_by"
    with pytest.raises(ValidationError) as info:
        Contact(id=3, name="Ada", referred_by="2")  # type: ignore[arg-type]
    assert info.value.field == "referred_by"


def test_headline_and_split_list() -> None:
    assert Contact(name="A", role="Data engineer", organization="Acme").headline == (
        "Data engineer, Acme"
    )
    assert Contact(name="A", organization="Acme").headline == "Acme"
    assert split_list(" ux, , health ,data ") == ("ux", "health", "data")


# ----- Interview and Question -----------------------------------------------------------------


@pytest.mark.parametrize("minutes", [5, 30, 90])
def test_agreed_minutes_in_range(minutes: int) -> None:
    assert Interview(contact_id=1, agreed_minutes=minutes).agreed_minutes == minutes


@pytest.mark.parametrize("minutes", [4, 0, -5, 91, 1000])
def test_agreed_minutes_out_of_range(minutes: int) -> None:
    with pytest.raises(ValidationError) as info:
        Interview(contact_id=1, agreed_minutes=minutes)
    assert info.value.field == "agreed_minutes"
    assert "between 5 and 90" in info.value.message


@pytest.mark.parametrize("minutes", [True, 30.0, "30", None])
def test_agreed_minutes_must_be_whole_number(minutes: object) -> None:
    with pytest.raises(ValidationError) as info:
        Interview(contact_id=1, agreed_minutes=minutes)  # type: ignore[arg-type]
    assert info.value.field == "agreed_minutes"


def test_interview_when_mode_status() -> None:
    interview = Interview(contact_id=1, when="2026-11-23T15:00", mode="phone", status="done")
    assert interview.when == "2026-11-23T15:00:00"
    assert interview.mode is Mode.PHONE and interview.status is Status.DONE
    for field, value in [("when", "2026-13-40 10:00"), ("mode", "fax"), ("status", "maybe")]:
        with pytest.raises(ValidationError) as info:
            Interview(contact_id=1, **{field: value})
        assert info.value.field == field


def test_question_text_required() -> None:
    with pytest.raises(ValidationError) as info:
        Question(text="   ")
    assert info.value.field == "text"
    question = Question(text=" What surprised you? ", tags=("a", " ", "b "))
    assert question.text == "What surprised you?"
    assert question.tags == ("a", "b")


# ----- JSON round trips ----------------------------------------------------------------------


@pytest.mark.parametrize("name", UNICODE_NAMES)
def test_unicode_names_round_trip(name: str) -> None:
    contact = Contact(
        id=7,
        name=name,
        organization=name,
        tags=(name, "ux"),
        notes=f"# {name}\n\nmet at 東京 ☕",
        emails=("x@example.org",),
        stage=Stage.SCHEDULED,
    )
    data = contact.to_dict()
    assert data["name"] == name
    assert data["tags"] == [name, "ux"]
    assert data["stage"] == "scheduled"
    assert Contact.from_dict(data) == contact
    text = contact.json
    assert name in text  # stored as readable UTF-8, not \\u escapes
    assert "\\u" not in text
    back = Contact.from_dict(json.loads(text))
    assert back == contact
    assert back.name == name
    assert back.name.encode("utf-8") == name.encode("utf-8")  # combining marks not normalised


def test_to_dict_is_json_native() -> None:
    interview = Interview(
        id=2,
        contact_id=1,
        mode=Mode.IN_PERSON,
        agenda=({"text": "What surprised you?", "must_ask": True}, {"text": "Who else?"}),
    )
    data = interview.to_dict()
    assert data["mode"] == "in_person" and type(data["mode"]) is str
    assert data["agenda"] == [
        {"text": "What surprised you?", "must_ask": True, "key": "", "state": "open"},
        {"text": "Who else?", "must_ask": False, "key": "", "state": "open"},
    ]
    assert json.loads(json.dumps(data)) == data
    assert Interview.from_dict(data) == interview
    assert Interview.from_stored(json.loads(interview.json)) == interview


def test_agenda_items_are_validated() -> None:
    with pytest.raises(ValidationError) as caught:
        Interview(contact_id=1, agenda=({"text": "   "},))
    assert caught.value.field == "agenda"
    with pytest.raises(ValidationError):
        Interview.from_stored({"contact_id": 1, "agenda": [{"text": "Q", "state": "bogus"}]})
    with pytest.raises(ValidationError):
        Interview.from_stored({"contact_id": 1, "agenda": "Q"})


def test_from_dict_ignores_unknown_keys_and_fills_defaults() -> None:
    contact = Contact.from_dict(
        {"id": 4, "name": "Ada", "email": "old@example.org", "favourite_colour": "blue"}
    )
    assert contact.id == 4 and contact.name == "Ada"
    assert contact.emails == ()
    assert contact.stage is Stage.TO_RESEARCH
    assert not hasattr(contact, "favourite_colour")
    question = Question.from_dict({"text": "Why?", "future_field": [1, 2]})
    assert question.text == "Why?" and question.retired is False


def test_from_dict_validates() -> None:
    with pytest.raises(ValidationError) as info:
        Contact.from_dict({"name": "Ada", "next_action_date": "2026-13-40"})
    assert info.value.field == "next_action_date"


def test_replace_revalidates() -> None:
    contact = Contact(name="Ada")
    with pytest.raises(ValidationError) as info:
        contact.replace(name=" ")
    assert info.value.field == "name"
    assert contact.replace(name="Grace").name == "Grace"


# ----- stages and clock ---------------------------------------------------------------------


def test_stage_glyphs_and_labels_all_distinct() -> None:
    glyphs = [stage.glyph for stage in Stage]
    labels = [stage.label for stage in Stage]
    assert len(glyphs) == len(Stage) == 9
    assert len(set(glyphs)) == len(glyphs)
    assert len(set(labels)) == len(labels)
    assert all(glyph.strip() for glyph in glyphs)


def test_pipeline_order() -> None:
    assert PIPELINE[0] is Stage.TO_RESEARCH
    assert PIPELINE[-1] is Stage.KEEPING_IN_TOUCH
    assert Stage.NO_REPLY not in PIPELINE and Stage.DECLINED not in PIPELINE


def test_frozen_clock() -> None:
    clock = FrozenClock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    clock.advance(90)
    assert clock() == datetime(2026, 11, 23, 9, 31, 30, tzinfo=UTC)
    with pytest.raises(ValueError):
        FrozenClock(datetime(2026, 11, 23))


def test_a_list_field_stored_as_a_string_is_refused_not_split_into_letters() -> None:
    with pytest.raises(ValidationError) as caught:
        Contact.from_dict({"name": "A", "tags": "abc"})
    assert caught.value.field == "tags"
    assert Contact.from_dict({"name": "A", "tags": ["abc", " "]}).tags == ("abc",)


def test_from_stored_equals_from_dict_for_the_sample(tmp_path) -> None:
    from infoview_tui.content.sample import sample_clock, write_sample
    from infoview_tui.notebook import KINDS
    from infoview_tui.store import build_records, read_tables

    path = tmp_path / "notebook.json"
    write_sample(path, sample_clock())
    tables, _ = read_tables(path)
    fast = build_records(path, tables, KINDS)
    strict = build_records(path, tables, KINDS, strict=True)
    assert fast == strict
    assert len(fast["contacts"]) == 12 and len(fast["interviews"]) == 5


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": 5}, "name"),
        ({"name": "  "}, "name"),
        ({}, "name"),
        ({"name": "A", "tags": "abc"}, "tags"),
        ({"name": "A", "tags": ["a", 3]}, "tags"),
        ({"name": "A", "stage": "bogus"}, "stage"),
        ({"name": "A", "referred_by": "2"}, "referred_by"),
        ({"name": "A", "notes": None}, "notes"),
    ],
)
def test_from_stored_refuses_wrong_types(data: dict, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Contact.from_stored(data)
    assert caught.value.field == field


@given(
    name=st.text(min_size=1, max_size=40).filter(
        lambda s: s.strip() and "\n" not in s and "\r" not in s
    ),
    tags=st.lists(st.text(alphabet="abcxyzé😀中", min_size=1, max_size=8), max_size=4),
    notes=st.text(max_size=200),
)
def test_from_stored_round_trips_what_to_dict_wrote(name: str, tags: list[str], notes: str) -> None:
    contact = Contact(id=3, name=name, tags=tuple(tags), notes=notes, stage="thanked")
    assert Contact.from_stored(json.loads(contact.json)) == contact
