"""Outreach drafts: the first email, the phone script and the thank-you note."""

from __future__ import annotations

import pytest

from infoview_tui.content.outreach import (
    Profile,
    first_name,
    outreach_email,
    phone_script,
    thank_you_note,
)
from infoview_tui.model import Contact

MAYA = Contact(
    name="Maya Okafor",
    role="UX researcher",
    organization="Northwind Health",
    field="Health tech",
    how_we_met="Alumni network",
)
TOMAS = Contact(name="Tomás Herrera", role="Data engineer")
ZOE = Contact(name="Zoë Ångström", role="Engineer", organization="Fjällräven Labs")
YAMADA = Contact(name="山田 太郎", organization="株式会社サンプル")
BARE = Contact(name="Sam")
ANA = Profile(
    name="Ana Silva",
    background="I'm a data analyst moving into UX research",
    signature="Ana Silva\nana@example.org",
)
EMPTY = Profile()

NOT_A_JOB = "I'm not asking you for a job"
PHONE_NOT_A_JOB = "I'm not looking for a job"


def assert_clean(text: str) -> None:
    """No placeholders leaked, no gaps left by a missing field."""
    assert "None" not in text
    assert "  " not in text
    assert " ," not in text
    assert " ." not in text
    assert "()" not in text
    assert ",," not in text
    lines = text.splitlines()
    assert not any(line != line.strip() for line in lines)
    for i, line in enumerate(lines):  # a comma ends only the greeting or a sign-off with a name
        if line.endswith(","):
            after = lines[i + 1] if i + 1 < len(lines) else ""
            assert line.startswith("Hello ") or after, f"dangling comma: {line!r}"


def all_drafts(contact: Contact, referrer: Contact | None, profile: Profile) -> list[str]:
    subject, body = outreach_email(contact, referrer, profile)
    thanks_subject, thanks = thank_you_note(contact, profile, "keep a research diary")
    return [subject, body, phone_script(contact, referrer, profile), thanks_subject, thanks]


# --- first name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maya Okafor", "Maya"),
        ("Zoë Ångström", "Zoë"),
        ("山田 太郎", "山田"),
        ("Sam", "Sam"),
        ("Dr. Amara Lee", "Dr. Amara Lee"),
        ("prof Ito", "prof Ito"),
    ],
)
def test_first_name(name: str, expected: str) -> None:
    assert first_name(Contact(name=name)) == expected


# --- email -----------------------------------------------------------------------------------


def test_email_without_referrer_uses_how_we_met() -> None:
    subject, body = outreach_email(MAYA, None, ANA)
    assert subject == "Request for 20 minutes of your advice"
    assert body.startswith("Hello Maya,\n\n")
    assert (
        "My name is Ana Silva. A little about me: I'm a data analyst moving into UX research."
        in (body)
    )
    assert "I came across your name via Alumni network." in body
    assert "you work as a UX researcher at Northwind Health" in body
    assert "understand health tech from someone" in body
    assert NOT_A_JOB in body
    assert "information and advice" in body
    assert "Would you have 20 minutes" in body
    assert "at a time that suits you" in body
    assert body.endswith("Best regards,\nAna Silva\nana@example.org\n")
    assert_clean(body)


def test_email_with_referrer_names_them_in_subject_and_body() -> None:
    subject, body = outreach_email(MAYA, TOMAS, ANA, minutes=30)
    assert subject == "Tomás Herrera suggested I contact you"
    assert "Tomás Herrera suggested I get in touch with you." in body
    assert "Alumni network" not in body  # the referral is the better reason
    assert "Would you have 30 minutes" in body
    assert "20 minutes" not in body
    assert NOT_A_JOB in body
    assert_clean(body)


def test_email_referred_by_in_how_we_met_counts_as_a_referral() -> None:
    contact = Contact(name="Priya Nair", how_we_met="Referred by Maya")
    subject, body = outreach_email(contact, None, ANA)
    assert subject == "Maya suggested I contact you"
    assert "Maya suggested I get in touch with you." in body
    assert "via" not in body


def test_email_unicode_names_pass_through() -> None:
    subject, body = outreach_email(ZOE, YAMADA, ANA)
    assert subject == "山田 太郎 suggested I contact you"
    assert body.startswith("Hello Zoë,")
    assert "山田 太郎 suggested I get in touch with you." in body
    assert "you work as an engineer at Fjällräven Labs" in body
    assert_clean(body)

    subject, body = outreach_email(YAMADA, ZOE, Profile(name="Zoë Ångström"))
    assert body.startswith("Hello 山田,")
    assert "Zoë Ångström suggested" in subject
    assert "you work at 株式会社サンプル" in body
    assert body.endswith("Best regards,\nZoë Ångström\n")
    assert_clean(body)


def test_email_with_missing_fields_and_empty_profile() -> None:
    subject, body = outreach_email(BARE, None, EMPTY)
    assert subject == "Request for 20 minutes of your advice"
    assert body.startswith("Hello Sam,\n\nI came across your name while looking into")
    assert "My name is" not in body
    assert "A little about me" not in body
    assert "you work" not in body
    assert NOT_A_JOB in body
    assert "Would you have 20 minutes" in body
    assert body.endswith("Thank you for considering it.\n\nBest regards\n")
    assert_clean(body)


def test_email_background_without_name_and_messy_profile_text() -> None:
    profile = Profile(
        name="  Ana   Silva ", background="  career changer,  ", signature="\n  A.S. \n"
    )
    _, body = outreach_email(TOMAS, None, profile)
    assert "My name is Ana Silva. A little about me: career changer." in body
    assert "you work as a data engineer" in body
    assert body.endswith("Best regards,\nA.S.\n")
    assert_clean(body)
    _, body = outreach_email(TOMAS, None, Profile(background="I teach chemistry."))
    assert "\n\nA little about me: I teach chemistry.\n\n" in body
    assert_clean(body)


@pytest.mark.parametrize("role", ["Engineer", "MBA intern", "UX writer", "Hourly analyst"])
def test_email_article_before_role(role: str) -> None:
    expected = {"Engineer": "an", "MBA intern": "an", "UX writer": "a", "Hourly analyst": "an"}
    _, body = outreach_email(Contact(name="Kim Ode", role=role), None, ANA)
    shown = {"Engineer": "engineer", "Hourly analyst": "hourly analyst"}.get(role, role)
    assert f"you work as {expected[role]} {shown}." not in body  # the sentence goes on
    assert f"you work as {expected[role]} {shown}," in body


@pytest.mark.parametrize(
    ("role", "field", "reads"),
    [
        (
            "Data journalist",
            "Journalism",
            "as a data journalist at X, and I'd like to understand journalism from",
        ),
        (
            "UX researcher",
            "Health Tech",
            "as a UX researcher at X, and I'd like to understand health tech from",
        ),
        ("iOS developer", "Mobile", "as an iOS developer at X, and I'd like to understand mobile"),
        (
            "Python developer",
            "DevOps",
            "as a Python developer at X, and I'd like to understand DevOps from",
        ),
        ("Spanish teacher", "Education", "as a Spanish teacher at X"),
    ],
)
def test_email_role_and_field_read_inside_the_sentence(role: str, field: str, reads: str) -> None:
    contact = Contact(name="Kim Ode", role=role, organization="X", field=field)
    _, body = outreach_email(contact, None, ANA)
    assert reads in " ".join(body.split())
    _, thanks = thank_you_note(contact, ANA)
    assert "your work " + reads.split(",")[0] in " ".join(thanks.split())


def test_email_rejects_non_positive_minutes() -> None:
    with pytest.raises(ValueError):
        outreach_email(MAYA, None, ANA, minutes=0)


# --- phone script ----------------------------------------------------------------------------


def test_phone_script_with_referrer() -> None:
    script = phone_script(MAYA, TOMAS, ANA)
    assert script.startswith("Hello Maya, this is Ana Silva. A little about me: I'm a data")
    assert "Tomás Herrera suggested I call you." in script
    assert "you work as a UX researcher at Northwind Health" in script
    assert PHONE_NOT_A_JOB in script
    assert "information and advice" in script
    assert "Would you have 10 minutes to talk now" in script
    assert "I'll keep it to 10 minutes" in script
    assert "anyone else you think I should talk to" in script
    assert_clean(script)


def test_phone_script_is_shorter_than_the_email() -> None:
    _, body = outreach_email(MAYA, TOMAS, ANA)
    first_lines = phone_script(MAYA, TOMAS, ANA).split("\n\n")[:4]
    assert len(" ".join(first_lines).split()) < len(body.split())


def test_phone_script_without_referrer_and_missing_fields() -> None:
    script = phone_script(BARE, None, EMPTY, minutes=5)
    assert script.startswith("Hello Sam.\n\nI came across your name while looking into")
    assert "this is" not in script
    assert "Would you have 5 minutes" in script
    assert PHONE_NOT_A_JOB in script
    assert_clean(script)


def test_phone_script_uses_signature_when_name_is_missing() -> None:
    script = phone_script(ZOE, None, Profile(signature="Li Wei\nli@example.org"))
    assert script.startswith("Hello Zoë, this is Li Wei.")
    assert "li@example.org" not in script
    assert_clean(script)


def test_phone_script_unicode() -> None:
    script = phone_script(YAMADA, ZOE, Profile(name="Ana Silva"))
    assert script.startswith("Hello 山田, this is Ana Silva.")
    assert "Zoë Ångström suggested I call you." in script
    assert_clean(script)


# --- thank-you note --------------------------------------------------------------------------


def test_thank_you_names_the_takeaway() -> None:
    subject, body = thank_you_note(MAYA, ANA, "Start with a small research project")
    assert subject == "Thank you for your time"
    assert body.startswith("Hello Maya,\n\nThank you for taking the time to talk with me.")
    assert "your work as a UX researcher at Northwind Health" in body
    assert (
        "One thing I'm taking away from our conversation: Start with a small research project."
        in (body)
    )
    assert body.endswith("With thanks,\nAna Silva\nana@example.org\n")
    assert_clean(body)


def test_thank_you_without_takeaway_or_profile() -> None:
    _, body = thank_you_note(BARE, EMPTY)
    assert "taking away" not in body
    assert "clearer picture" in body
    assert "your work" not in body
    assert body.endswith("With thanks\n")
    assert_clean(body)


def test_thank_you_keeps_takeaway_punctuation() -> None:
    _, body = thank_you_note(ZOE, ANA, "  Ask to shadow a team for a day!  ")
    assert "conversation: Ask to shadow a team for a day!\n" in body
    assert body.startswith("Hello Zoë,")


# --- every combination stays clean ----------------------------------------------------------


@pytest.mark.parametrize("contact", [MAYA, TOMAS, ZOE, YAMADA, BARE], ids=lambda c: c.name)
@pytest.mark.parametrize("referrer", [None, TOMAS, YAMADA], ids=lambda c: c.name if c else "none")
@pytest.mark.parametrize(
    "profile", [ANA, EMPTY, Profile(name="Zoë Ångström")], ids=["ana", "empty", "zoe"]
)
def test_every_draft_is_clean(contact: Contact, referrer: Contact | None, profile: Profile) -> None:
    for text in all_drafts(contact, referrer, profile):
        assert_clean(text)
    subject, body = outreach_email(contact, referrer, profile)
    assert first_name(contact) in body.splitlines()[0]
    if referrer is not None:
        assert referrer.name in subject and referrer.name in body
    assert contact.name.split()[0] in body
