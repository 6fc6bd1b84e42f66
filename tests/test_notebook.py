"""Notebook: typed edits, delete and undo, referral rules, the debounced save path."""

from __future__ import annotations

import asyncio
import errno
import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.model import Contact, FrozenClock, Interview, Stage, ValidationError
from infoview_tui.notebook import (
    MAX_WAIT_SECONDS,
    QUIET_SECONDS,
    RETRY_SECONDS,
    Notebook,
)
from infoview_tui.store import NotebookStore


@pytest.fixture(autouse=True)
def _no_real_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


class FakeMonotonic:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "notebook.json"


@pytest.fixture
def notebook(path: Path, clock: FrozenClock):
    notebook = Notebook.open(path, clock)
    yield notebook
    if notebook.store is not None:
        notebook.store.close()


def timed_notebook(path: Path, clock: FrozenClock, ticks: FakeMonotonic) -> Notebook:
    notebook = Notebook(NotebookStore(path, clock), clock, monotonic=ticks)
    notebook.load()
    return notebook


def on_disk(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes().decode("utf-8"))


# ----- contacts ------------------------------------------------------------------------------


def test_add_contact_assigns_ids_and_stamps(notebook: Notebook, clock: FrozenClock) -> None:
    ada = notebook.add_contact(name=" Ada ", tags=("ux",), stage="scheduled")
    clock.advance(60)
    bob = notebook.add_contact(name="Bob")
    assert (ada.id, bob.id) == (1, 2)
    assert ada.name == "Ada" and ada.stage is Stage.SCHEDULED
    assert ada.created == ada.updated == "2026-11-23T09:30:00+00:00"
    assert bob.created == "2026-11-23T09:31:00+00:00"
    assert notebook.contacts == {1: ada, 2: bob}
    assert notebook.version == 2 and notebook.dirty


def test_invalid_add_changes_nothing(notebook: Notebook) -> None:
    with pytest.raises(ValidationError) as info:
        notebook.add_contact(name="Ada", emails=("nope",))
    assert info.value.field == "emails"
    assert notebook.contacts == {} and notebook.version == 0 and not notebook.dirty


def test_update_contact(notebook: Notebook, clock: FrozenClock) -> None:
    ada = notebook.add_contact(name="Ada")
    clock.advance(3600)
    updated = notebook.update_contact(ada.id, role="Analyst", stage=Stage.REACHED_OUT)
    assert updated.role == "Analyst" and updated.stage is Stage.REACHED_OUT
    assert updated.created == "2026-11-23T09:30:00+00:00"
    assert updated.updated == "2026-11-23T10:30:00+00:00"
    assert notebook.contacts[ada.id] is updated
    version = notebook.version
    same = notebook.update_contact(ada.id, role="Analyst")  # no change: no new version
    assert same is updated and notebook.version == version
    with pytest.raises(ValidationError) as info:
        notebook.update_contact(ada.id, next_action_date="2026-13-40")
    assert info.value.field == "next_action_date"
    assert notebook.contacts[ada.id] is updated and notebook.version == version


def test_set_contact_notes_keeps_markdown_verbatim(notebook: Notebook, path: Path) -> None:
    ada = notebook.add_contact(name="Ada")
    text = "  # Ada\n\n- [ ] send *thanks*\n\n```\ncode\n```\n  "
    notebook.set_contact_notes(ada.id, text)
    assert notebook.contacts[ada.id].notes == text
    assert notebook.flush() is None
    assert on_disk(path)["contacts"]["1"]["notes"] == text


def test_delete_and_undo_restores_contact_interviews_and_referrals(notebook: Notebook) -> None:
    ada = notebook.add_contact(name="Ada")
    bob = notebook.add_contact(name="Bob", referred_by=ada.id)
    cy = notebook.add_contact(name="Cy", referred_by=ada.id)
    other = notebook.add_contact(name="Dee")
    first = notebook.add_interview(contact_id=ada.id, when="2026-11-20T15:00", status="done")
    second = notebook.add_interview(contact_id=ada.id, when="2026-11-30T15:00")
    kept = notebook.add_interview(contact_id=other.id)
    version = notebook.version

    deleted = notebook.delete_contact(ada.id)
    assert ada.id not in notebook.contacts
    assert set(notebook.interviews) == {kept.id}
    assert deleted.contact == ada
    assert {i.id for i in deleted.interviews} == {first.id, second.id}
    assert notebook.contacts[bob.id].referred_by is None
    assert notebook.contacts[cy.id].referred_by is None
    assert notebook.referrals_of(ada.id) == []
    assert notebook.version == version + 1

    restored = notebook.undo_delete(deleted)
    assert restored == ada and notebook.contacts[ada.id] == ada
    assert notebook.interviews == {first.id: first, second.id: second, kept.id: kept}
    assert [i.id for i in notebook.interviews_of(ada.id)] == [second.id, first.id]
    assert notebook.contacts[bob.id].referred_by == ada.id
    assert notebook.contacts[cy.id].referred_by == ada.id
    assert {c.id for c in notebook.referrals_of(ada.id)} == {bob.id, cy.id}
    assert notebook.version == version + 2


def test_delete_and_undo_survive_a_save_and_reload(
    notebook: Notebook, path: Path, clock: FrozenClock
) -> None:
    ada = notebook.add_contact(name="Ada")
    bob = notebook.add_contact(name="Bob", referred_by=ada.id)
    notebook.add_interview(contact_id=ada.id)
    deleted = notebook.delete_contact(ada.id)
    assert notebook.flush() is None
    disk = on_disk(path)
    assert list(disk["contacts"]) == [str(bob.id)]
    assert disk["contacts"][str(bob.id)]["referred_by"] is None
    assert disk["interviews"] == {}
    notebook.undo_delete(deleted)
    assert notebook.close() is None
    reopened = Notebook.open(path, clock)
    assert reopened.contacts[ada.id] == ada
    assert reopened.contacts[bob.id].referred_by == ada.id
    assert len(reopened.interviews_of(ada.id)) == 1
    reopened.close()


def test_undo_delete_after_new_records_loses_nothing(notebook: Notebook) -> None:
    ada = notebook.add_contact(name="Ada")
    bob = notebook.add_contact(name="Bob")
    talk = notebook.add_interview(contact_id=bob.id)
    deleted = notebook.delete_contact(bob.id)
    newcomer = notebook.add_contact(name="Newcomer")
    new_talk = notebook.add_interview(contact_id=ada.id)
    assert newcomer.id != bob.id
    assert new_talk.id != talk.id
    notebook.undo_delete(deleted)
    assert {c.name for c in notebook.contacts.values()} == {"Ada", "Bob", "Newcomer"}
    assert notebook.contacts[newcomer.id] == newcomer
    assert notebook.interviews == {talk.id: talk, new_talk.id: new_talk}


def test_undo_delete_when_referrer_is_gone(notebook: Notebook) -> None:
    ada = notebook.add_contact(name="Ada")
    bob = notebook.add_contact(name="Bob", referred_by=ada.id)
    deleted_bob = notebook.delete_contact(bob.id)
    notebook.delete_contact(ada.id)
    restored = notebook.undo_delete(deleted_bob)
    assert restored.referred_by is None  # no dangling link to a deleted contact
    assert notebook.contacts == {bob.id: restored}


def test_referral_rules(notebook: Notebook) -> None:
    ada = notebook.add_contact(name="Ada")
    bob = notebook.add_contact(name="Bob", referred_by=ada.id)
    cy = notebook.add_contact(name="Cy", referred_by=bob.id)
    for referrer in (cy.id, bob.id, ada.id):
        with pytest.raises(ValidationError) as info:
            notebook.update_contact(ada.id, referred_by=referrer)
        assert info.value.field == "referred_by"
    with pytest.raises(ValidationError, match="loop"):
        notebook.update_contact(ada.id, referred_by=cy.id)
    with pytest.raises(ValidationError, match="no such contact"):
        notebook.add_contact(name="Dee", referred_by=99)
    assert notebook.contacts[ada.id].referred_by is None
    assert len(notebook.contacts) == 3
    moved = notebook.update_contact(cy.id, referred_by=ada.id)
    assert moved.referred_by == ada.id
    assert [c.name for c in notebook.referrals_of(ada.id)] == ["Bob", "Cy"]


def test_interviews_and_questions(notebook: Notebook) -> None:
    ada = notebook.add_contact(name="Ada")
    with pytest.raises(ValidationError) as info:
        notebook.add_interview(contact_id=42)
    assert info.value.field == "contact_id"
    unplanned = notebook.add_interview(contact_id=ada.id)
    old = notebook.add_interview(contact_id=ada.id, when="2026-01-05T10:00")
    new = notebook.add_interview(contact_id=ada.id, when="2026-12-01T10:00", agreed_minutes=20)
    assert [i.id for i in notebook.interviews_of(ada.id)] == [new.id, old.id, unplanned.id]
    done = notebook.update_interview(old.id, status="done", notes="went well")
    assert notebook.interviews[old.id] == done and done.notes == "went well"
    with pytest.raises(ValidationError):
        notebook.update_interview(new.id, agreed_minutes=120)
    assert notebook.interviews[new.id].agreed_minutes == 20
    question = notebook.add_question(text="What surprised you most?", topic="career")
    assert notebook.questions == {1: question}


def test_find_contact_by_name(notebook: Notebook) -> None:
    notebook.add_contact(name="Zoë Fuchs")
    assert notebook.find_contact_by_name("  zoë fuchs ") is not None
    assert notebook.find_contact_by_name("Zoe Fuchs") is None


def test_everything_round_trips_through_the_file(path: Path) -> None:
    write_sample(path, sample_clock())
    first = Notebook.open(path, sample_clock())
    contacts = dict(first.contacts)
    interviews = dict(first.interviews)
    first.close()
    again = Notebook.open(path, sample_clock())
    assert again.contacts == contacts and again.interviews == interviews
    assert len(contacts) == 12 and len(interviews) == 5
    assert all(isinstance(c, Contact) for c in contacts.values())
    assert all(isinstance(i, Interview) for i in interviews.values())
    again.close()


# ----- debounce ------------------------------------------------------------------------------


def test_save_due_after_quiet_period(path: Path, clock: FrozenClock) -> None:
    ticks = FakeMonotonic()
    notebook = timed_notebook(path, clock, ticks)
    assert not notebook.save_due()  # nothing to save
    contact = notebook.add_contact(name="Ada")
    assert not notebook.save_due()
    ticks.now += 0.25
    assert not notebook.save_due()
    notebook.set_contact_notes(contact.id, "a")  # the quiet period starts again
    ticks.now += 0.25
    assert not notebook.save_due()
    ticks.now += 0.24
    assert not notebook.save_due()
    ticks.now += 0.01
    assert notebook.save_due()  # 0.5 s after the last edit
    assert not path.exists()  # save_due only tells; it never writes
    assert notebook.flush() is None
    assert not notebook.save_due() and not notebook.dirty
    assert notebook.first_unsaved_at is None
    ticks.now += 10
    assert not notebook.save_due()
    notebook.store.close()  # type: ignore[union-attr]


def test_save_due_during_continuous_typing(path: Path, clock: FrozenClock) -> None:
    ticks = FakeMonotonic(start=2000.0)
    notebook = timed_notebook(path, clock, ticks)
    contact = notebook.add_contact(name="Ada")
    notebook.flush()
    due_at = []
    for k in range(13):  # a key press every 0.2 s for 2.4 s; the quiet period never comes
        ticks.now = 2000.0 + k / 5
        notebook.set_contact_notes(contact.id, "x" * (k + 1))
        assert ticks.now - notebook.last_edit_at < QUIET_SECONDS
        if notebook.save_due():
            due_at.append(k / 5)
            assert notebook.flush() is None
    assert MAX_WAIT_SECONDS == 0.75
    assert due_at == [0.8, 1.8]  # never more than 0.75 s of edits waiting (+ one tick)
    notebook.store.close()  # type: ignore[union-attr]


def test_edits_made_during_a_save_count_from_when_they_were_made(
    path: Path, clock: FrozenClock
) -> None:
    ticks = FakeMonotonic(start=3000.0)
    notebook = timed_notebook(path, clock, ticks)
    contact = notebook.add_contact(name="Ada")
    notebook.flush()
    notebook.set_contact_notes(contact.id, "a")
    snapshot = notebook.snapshot()  # a save starts...
    ticks.now = 3000.2
    notebook.set_contact_notes(contact.id, "ab")  # ...an edit lands while it writes...
    ticks.now = 3000.6
    notebook._write(snapshot)
    notebook._saved(snapshot)  # ...and the write finishes 0.4 s later
    assert notebook.dirty
    assert notebook.first_unsaved_at == 3000.2  # not 3000.6
    ticks.now = 3000.2 + MAX_WAIT_SECONDS
    assert notebook.save_due()
    notebook.store.close()  # type: ignore[union-attr]


def test_failed_save_waits_before_retrying(
    path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = FakeMonotonic()
    notebook = timed_notebook(path, clock, ticks)
    store = notebook.store
    assert store is not None

    def full_disk(*args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "write", full_disk)
    notebook.add_contact(name="Ada")
    ticks.now += 0.5
    assert notebook.save_due()
    error = notebook.flush()
    assert error is not None and "No space left on device" in error
    assert notebook.retry_at == ticks.now + RETRY_SECONDS
    notebook.add_contact(name="Bob")  # edits go on while the disk is full
    for step in (0.5, 1.0, 4.9):
        ticks.now = notebook.retry_at - RETRY_SECONDS + step
        assert not notebook.save_due(), step
    ticks.now = notebook.retry_at
    assert notebook.save_due()
    monkeypatch.undo()
    assert notebook.flush() is None
    assert notebook.retry_at is None and notebook.last_save_error is None
    assert [c["name"] for c in on_disk(path)["contacts"].values()] == ["Ada", "Bob"]
    store.close()


async def test_failed_save_async_sets_retry(
    path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = FakeMonotonic()
    notebook = timed_notebook(path, clock, ticks)
    assert notebook.store is not None
    monkeypatch.setattr(
        notebook.store, "write", lambda *a: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only"))
    )
    notebook.add_contact(name="Ada")
    error = await notebook.save_async()
    assert error is not None and "Read-only" in error
    assert notebook.dirty and notebook.retry_at == ticks.now + RETRY_SECONDS
    assert not path.exists()
    notebook.store.close()


# ----- saving off the event loop ------------------------------------------------------------


async def test_save_async_writes_the_file(path: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(path, clock)
    assert await notebook.save_async() is None  # nothing to save: no file
    assert not path.exists()
    ada = notebook.add_contact(name="Ada", notes="first")
    assert await notebook.save_async() is None
    assert not notebook.dirty
    assert on_disk(path)["contacts"]["1"]["notes"] == "first"
    notebook.set_contact_notes(ada.id, "second")
    assert notebook.flush() is None
    assert on_disk(path)["contacts"]["1"]["notes"] == "second"
    notebook.close()


async def test_edits_during_save_async_stay_dirty(path: Path, clock: FrozenClock) -> None:
    ticks = FakeMonotonic()
    notebook = timed_notebook(path, clock, ticks)
    ada = notebook.add_contact(name="Ada", notes="before")
    gate = threading.Event()
    entered = threading.Event()
    real_write = notebook._write

    def slow_write(snapshot: Any) -> None:
        entered.set()
        assert gate.wait(10)
        real_write(snapshot)

    notebook._write = slow_write  # type: ignore[method-assign]
    task = asyncio.create_task(notebook.save_async())
    while not entered.is_set():
        await asyncio.sleep(0.001)
    ticks.now += 5
    assert not notebook.save_due()  # a save is running
    notebook.set_contact_notes(ada.id, "during")
    gate.set()
    assert await task is None
    assert notebook.dirty  # the edit made during the save is not saved yet
    assert notebook.first_unsaved_at == ticks.now
    assert on_disk(path)["contacts"]["1"]["notes"] == "before"
    notebook._write = real_write  # type: ignore[method-assign]
    ticks.now += QUIET_SECONDS
    assert notebook.save_due()
    assert await notebook.save_async() is None
    assert on_disk(path)["contacts"]["1"]["notes"] == "during"
    notebook.store.close()  # type: ignore[union-attr]


async def test_flush_while_save_async_waits_keeps_newest(path: Path, clock: FrozenClock) -> None:
    """Quit (flush) while a background save has not yet written: the older save must not win."""
    notebook = Notebook.open(path, clock)
    ada = notebook.add_contact(name="Ada", notes="old")
    gate = threading.Event()
    entered = threading.Event()
    real_write = notebook._write

    def late_write(snapshot: Any) -> None:
        if threading.current_thread() is not threading.main_thread():
            entered.set()
            assert gate.wait(10)
        real_write(snapshot)

    notebook._write = late_write  # type: ignore[method-assign]
    task = asyncio.create_task(notebook.save_async())
    while not entered.is_set():
        await asyncio.sleep(0.001)
    notebook.set_contact_notes(ada.id, "new")
    assert notebook.flush() is None
    assert on_disk(path)["contacts"]["1"]["notes"] == "new"
    gate.set()
    assert await task is None
    assert on_disk(path)["contacts"]["1"]["notes"] == "new"
    assert not notebook.dirty
    notebook.close()


async def test_flush_racing_save_async_keeps_newest(path: Path, clock: FrozenClock) -> None:
    """The same race with real thread timing, many times over."""
    notebook = Notebook.open(path, clock)
    ada = notebook.add_contact(name="Ada")
    for n in range(30):
        notebook.set_contact_notes(ada.id, f"async {n}")
        task = asyncio.create_task(notebook.save_async())
        await asyncio.sleep(0)
        notebook.set_contact_notes(ada.id, f"flush {n}")
        assert notebook.flush() is None
        assert await task is None
        assert on_disk(path)["contacts"]["1"]["notes"] == f"flush {n}", n
        assert not notebook.dirty
    notebook.close()


def test_notebook_without_store_never_saves(clock: FrozenClock) -> None:
    notebook = Notebook(None, clock)
    notebook.add_contact(name="Ada")
    assert notebook.dirty and not notebook.save_due()
    assert notebook.flush() is None and notebook.close() is None
    assert notebook.dirty


def test_close_flushes_and_releases(path: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(path, clock)
    notebook.add_contact(name="Ada")
    assert notebook.close() is None
    assert [c["name"] for c in on_disk(path)["contacts"].values()] == ["Ada"]
    again = Notebook.open(path, clock)
    again.close()


def test_duplicates_referral_counts_and_chains(tmp_path: Path) -> None:
    from infoview_tui.content.sample import sample_clock, write_sample

    path = tmp_path / "notebook.json"
    write_sample(path, sample_clock())
    nb = Notebook.open(path, sample_clock())
    try:
        maya = nb.find_contact_by_name("Maya Okafor")
        priya = nb.find_contact_by_name("Priya Raman")
        grace = nb.find_contact_by_name("Grace Liu")
        assert maya and priya and grace
        assert [c.name for c in nb.find_duplicates("  MAYA okafor ")] == ["Maya Okafor"]
        assert [c.name for c in nb.find_duplicates("Someone", ("TOMAS@example.com",))] == [
            "Tomás Herrera"
        ]
        assert nb.find_duplicates("Maya Okafor", exclude=maya.id) == []
        assert nb.referral_count(maya.id) == 2
        assert nb.referral_count(priya.id) == 1
        assert nb.referral_count(grace.id) == 0
        assert [c.name for c in nb.referral_chain(grace.id)] == ["Priya Raman", "Maya Okafor"]
    finally:
        nb.close()


def test_set_stage_and_log_interaction_use_the_clock_and_settings(tmp_path: Path) -> None:
    from infoview_tui.content.sample import sample_clock

    clock = sample_clock()
    nb = Notebook.open(tmp_path / "n.json", clock)
    try:
        c = nb.add_contact(name="Ada", next_action="Ask about her talk")
        c = nb.set_stage(c.id, Stage.REACHED_OUT)
        assert (c.next_action, c.next_action_date) == (
            "Follow up if there is no reply",
            "2026-11-30",
        )
        nb.update_settings(follow_up_days={"reached_out": 2})
        clock.advance(86400 * 3)
        c = nb.log_interaction(c.id)
        assert c.last_contact == "2026-11-26"
        assert c.next_action_date == "2026-11-28"
        assert c.next_action == "Follow up if there is no reply"  # kept
    finally:
        nb.close()
