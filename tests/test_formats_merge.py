"""Duplicates on import: who counts as the same person, what a merge keeps, what it adds."""

from __future__ import annotations

from typing import Any

from infoview_tui.formats import ImportPlan, Incoming, apply_import, preview_import
from infoview_tui.formats.plan import merge_changes, plan_changes
from infoview_tui.model import Contact, FrozenClock, Stage
from infoview_tui.notebook import Notebook


def plan(*contacts: dict[str, Any], **extra: Any) -> ImportPlan:
    items = tuple(
        Incoming(Contact(**fields), f"line {n}", **extra) for n, fields in enumerate(contacts, 2)
    )
    return ImportPlan("linkedin", "test.csv", items)


def test_same_email_any_case_is_the_same_person(clock: FrozenClock) -> None:
    notebook = Notebook(None, clock)
    ada = notebook.add_contact(name="Ada Lovelace", emails=("Ada@Example.org",))
    summary = apply_import(
        notebook, plan({"name": "A. Lovelace", "emails": ("ada@example.ORG",), "role": "Analyst"})
    )
    assert (summary.added, summary.merged, summary.unchanged) == (0, 1, 0)
    assert list(notebook.contacts) == [ada.id]
    assert notebook.contacts[ada.id].name == "Ada Lovelace"  # the name already there stays
    assert notebook.contacts[ada.id].role == "Analyst"
    assert notebook.contacts[ada.id].emails == ("Ada@Example.org",)


def test_same_name_and_organisation_case_folded(clock: FrozenClock) -> None:
    notebook = Notebook(None, clock)
    notebook.add_contact(name="Straße Müller", organization="ACME  Inc")
    summary = preview_import(
        notebook,
        plan(
            {"name": "STRASSE müller", "organization": "acme inc"},  # casefold: ß == ss
            {"name": "Straße Müller", "organization": "Other Co"},  # another person
            {"name": "Straße Müller"},  # no organisation: another person too
        ),
    )
    assert (summary.added, summary.merged, summary.unchanged) == (2, 0, 1)
    assert len(notebook.contacts) == 1  # preview changes nothing


def test_merge_fills_empty_fields_and_adds_new_items_only() -> None:
    old = Contact(
        name="Ada",
        role="Analyst",
        emails=("ada@example.org",),
        phones=("+44 20 7946 0000",),
        tags=("Math",),
        notes="mine",
        stage=Stage.THANKED,
        last_contact="2024-01-01",
    )
    new = Contact(
        name="Ada",
        role="Engineer",
        organization="Engines",
        emails=("ADA@example.org", "ada@home.example"),
        phones=("+442079460000", "+1 555 0100"),
        tags=("math", "history"),
        notes="theirs",
        stage=Stage.DECLINED,
        last_contact="2025-06-01",
        how_we_met="LinkedIn",
    )
    assert merge_changes(old, new) == {
        "organization": "Engines",
        "how_we_met": "LinkedIn",
        "last_contact": "2025-06-01",
        "emails": ("ada@example.org", "ada@home.example"),
        "phones": ("+44 20 7946 0000", "+1 555 0100"),
        "tags": ("Math", "history"),
    }
    assert "last_contact" not in merge_changes(new, old)  # an older date does not win
    assert merge_changes(old, old) == {}


def test_duplicates_within_the_file_are_never_doubled(clock: FrozenClock) -> None:
    notebook = Notebook(None, clock)
    summary = apply_import(
        notebook,
        plan(
            {"name": "Bo Chen", "organization": "Acme"},
            {"name": "bo chen", "organization": "ACME", "emails": ("bo@example.com",)},
            {"name": "Robert Chen", "emails": ("BO@example.com",), "phones": ("+1 555",)},
            {"name": "Bo Chen", "organization": "Acme"},
        ),
    )
    assert (summary.added, summary.merged, summary.unchanged) == (1, 2, 1)
    (bo,) = notebook.contacts.values()
    assert (bo.name, bo.emails, bo.phones) == ("Bo Chen", ("bo@example.com",), ("+1 555",))


def test_email_match_wins_over_name_match(clock: FrozenClock) -> None:
    contacts = {
        1: Contact(id=1, name="Sam Lee", organization="Acme"),
        2: Contact(id=2, name="Samantha Lee", emails=("sam@example.com",)),
    }
    changes = plan_changes(
        contacts,
        plan({"name": "Sam Lee", "organization": "Acme", "emails": ("sam@example.com",)}).contacts,
    )
    assert changes.landed[0].existing_id == 2
    assert changes.summary.merged == 1
    assert changes.landed[0].contact.organization == "Acme"  # filled in on Samantha
    assert contacts[1].organization == "Acme" and contacts[2].organization == ""  # unchanged


def test_stage_and_existing_referrer_are_kept(clock: FrozenClock) -> None:
    notebook = Notebook(None, clock)
    boss = notebook.add_contact(name="Boss")
    ada = notebook.add_contact(name="Ada", referred_by=boss.id, stage=Stage.SCHEDULED)
    other = notebook.add_contact(name="Other")
    apply_import(
        notebook,
        plan({"name": "Ada", "stage": Stage.DECLINED, "role": "CTO"}, referrer_name="Other"),
    )
    after = notebook.contacts[ada.id]
    assert (after.stage, after.referred_by, after.role) == (Stage.SCHEDULED, boss.id, "CTO")
    assert other.id != after.referred_by


def test_a_referral_loop_is_not_made(clock: FrozenClock) -> None:
    notebook = Notebook(None, clock)
    a = notebook.add_contact(name="A")
    b = notebook.add_contact(name="B", referred_by=a.id)
    summary = apply_import(notebook, plan({"name": "A", "role": "x"}, referrer_name="B"))
    assert notebook.contacts[a.id].referred_by is None
    assert notebook.contacts[b.id].referred_by == a.id
    assert summary.notes == ("line 2: referrer B not linked: that would make a referral loop",)
