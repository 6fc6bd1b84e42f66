"""Two devices, one notebook (issue 15): the three-way merge, ids no two devices share, a
file replaced under a running notebook, sync engines' conflict copies, nothing lost."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.model import Contact, FrozenClock, Interview, Stage
from infoview_tui.notebook import Notebook
from infoview_tui.store import ids
from infoview_tui.store.backups import backups
from infoview_tui.store.merge import MARK_BEGIN, merge_notebooks, merge_notes
from infoview_tui.store.paths import state_dir
from infoview_tui.store.schema import SCHEMA_VERSION
from infoview_tui.store.store import lock_path

from .helpers import run_bench

# ----- the merge itself, on records ----------------------------------------------------------

STAMP = "2026-11-23T09:30:00+00:00"
SCALARS = ("role", "organization", "stage", "next_action")
NOTES = ("notes", "research_notes")
STAGES = [s for s in Stage]


def contact(key: int, **fields: Any) -> Contact:
    fields.setdefault("name", f"Person {key}")
    return Contact(id=key, created=STAMP, updated=STAMP, **fields)


def base_tables(n: int) -> dict[str, dict[int, Any]]:
    contacts = {k: contact(k, notes=f"note {k}", tags=("a",)) for k in range(1, n + 1)}
    interviews = {
        100 + k: Interview(id=100 + k, contact_id=k, created=STAMP, updated=STAMP, notes="")
        for k in range(1, n + 1)
    }
    return {"contacts": contacts, "interviews": interviews, "questions": {}}


# An edit: (what, which record (index into the ids), a value)
edit = st.tuples(
    st.sampled_from(["add", "delete", "scalar", "note", "tag"]),
    st.integers(0, 7),
    st.integers(0, 10_000),
)


def apply(tables: dict[str, dict[int, Any]], edits: list[tuple], side: str, log: dict) -> None:
    """Apply edits to one copy, logging what each changed (for the checks below)."""
    contacts = tables["contacts"]
    for number, (what, pick, value) in enumerate(edits):
        keys = sorted(contacts)
        if what == "add" or not keys:
            key = 10_000 + 2 * number + (side == "b")  # ids the two sides never share
            contacts[key] = contact(key, name=f"{side} added {number}", notes=f"{side}{value}")
            log["added"][key] = contacts[key]
            continue
        key = keys[pick % len(keys)]
        old = contacts[key]
        if what == "delete":
            del contacts[key]
            for iid in [i for i, iv in tables["interviews"].items() if iv.contact_id == key]:
                del tables["interviews"][iid]
            log["deleted"].add(key)
        elif what == "scalar":
            field = SCALARS[value % len(SCALARS)]
            new: Any = STAGES[value % len(STAGES)] if field == "stage" else f"{side}-{value}"
            contacts[key] = old.replace(**{field: new})
            if getattr(old, field) != new:  # (the same value again is no edit)
                log["fields"][(key, field)] = new
        elif what == "note":
            field = NOTES[value % 2]
            text = f"{getattr(old, field)}\n{side} wrote {number}/{value}"
            contacts[key] = old.replace(**{field: text})
            log["fields"][(key, field)] = text
        else:
            tag = f"{side}{value % 5}"
            contacts[key] = old.replace(tags=(*old.tags, tag) if tag not in old.tags else old.tags)
            log["tags"].add((key, tag))


def new_log() -> dict[str, Any]:
    return {"added": {}, "deleted": set(), "fields": {}, "tags": set()}


def merge(base: dict, ours: dict, theirs: dict):
    return merge_notebooks(
        base, ours, theirs, meta=({}, {}, {}), extra=({}, {}), label="the other copy"
    )


def copy_tables(tables: dict) -> dict:
    return {name: dict(records) for name, records in tables.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, max_size=12), st.lists(edit, max_size=12), st.integers(1, 6))
def test_every_edit_of_both_sides_is_in_the_merge(
    ours_edits: list[tuple], theirs_edits: list[tuple], size: int
) -> None:
    base = base_tables(size)
    ours, theirs = copy_tables(base), copy_tables(base)
    ours_log, theirs_log = new_log(), new_log()
    apply(ours, ours_edits, "a", ours_log)
    apply(theirs, theirs_edits, "b", theirs_log)
    result = merge(base, ours, theirs)
    merged = result.tables["contacts"]
    clashes = {(c.id, f) for c in result.conflicts for f in c.fields}
    for log, side, other_log in ((ours_log, ours, theirs_log), (theirs_log, theirs, ours_log)):
        for key in log["added"]:
            if key in side["contacts"]:  # added and not deleted again on that side
                assert key in merged
        for key, field in log["fields"]:
            if key not in side["contacts"]:
                continue  # that side deleted it afterwards
            if side["contacts"][key] == base["contacts"].get(key):
                continue  # changed and changed back: no edit in the end
            final = getattr(side["contacts"][key], field)
            assert key in merged, "a record changed on one side is never deleted"
            got = getattr(merged[key], field)
            if field in NOTES:
                for line in str(final).splitlines():
                    assert line in got, "a note keeps the words of both sides"
            elif (key, field) in other_log["fields"]:  # changed on both: ours, and said
                assert got == final or (key, field) in clashes
            else:
                assert got == final
        for key, tag in log["tags"]:
            if key in side["contacts"] and key in merged and tag in side["contacts"][key].tags:
                assert tag in merged[key].tags
        for key in log["deleted"]:
            other = (ours if side is theirs else theirs)["contacts"]
            if key in base["contacts"] and other.get(key) == base["contacts"][key]:
                assert key not in merged, "deleted on one side, unchanged on the other"
    # No interview without its contact.
    assert all(i.contact_id in merged for i in result.tables["interviews"].values())
    # Idempotent: merging the result again changes nothing.
    m = result.tables
    assert merge(base, m, theirs).tables == m
    assert merge(base, m, m).tables == m
    assert merge(base, ours, m).tables["contacts"].keys() == m["contacts"].keys()


def test_one_side_changed_takes_it_both_sides_fields_merge() -> None:
    base = base_tables(2)
    ours, theirs = copy_tables(base), copy_tables(base)
    ours["contacts"][1] = ours["contacts"][1].replace(role="Engineer", tags=("a", "x"))
    theirs["contacts"][1] = theirs["contacts"][1].replace(organization="Acme", tags=("y",))
    theirs["contacts"][2] = theirs["contacts"][2].replace(stage=Stage.SCHEDULED)
    result = merge(base, ours, theirs)
    one, two = result.tables["contacts"][1], result.tables["contacts"][2]
    assert (one.role, one.organization, one.tags) == ("Engineer", "Acme", ("x", "y"))
    assert two.stage is Stage.SCHEDULED
    assert result.conflicts == ()


def test_a_note_changed_on_both_keeps_both_with_a_marker_and_is_reported() -> None:
    base = base_tables(1)
    ours, theirs = copy_tables(base), copy_tables(base)
    ours["contacts"][1] = ours["contacts"][1].replace(notes="Met at the fair. Likes Rust.")
    theirs["contacts"][1] = theirs["contacts"][1].replace(notes="Sent the thank-you.")
    result = merge(base, ours, theirs)
    notes = result.tables["contacts"][1].notes
    assert notes.startswith("Met at the fair. Likes Rust.\n")
    assert MARK_BEGIN.format(label="the other copy") in notes
    assert "Sent the thank-you." in notes
    [conflict] = result.conflicts
    assert (conflict.name, conflict.fields) == ("Person 1", ("notes",))
    # Merging the result again (the other device merging ours) adds no second marker.
    assert merge_notes("note 1", notes, "Sent the thank-you.", "x") == notes
    assert merge_notes("note 1", "Sent the thank-you.", notes, "x") == notes


def test_a_contact_deleted_here_keeps_living_if_there_it_got_a_new_interview() -> None:
    base = base_tables(1)
    ours, theirs = copy_tables(base), copy_tables(base)
    del ours["contacts"][1]
    del ours["interviews"][101]
    theirs["interviews"][999] = Interview(id=999, contact_id=1, created=STAMP, updated=STAMP)
    result = merge(base, ours, theirs)
    assert 1 in result.tables["contacts"] and 999 in result.tables["interviews"]


# ----- ids that two devices cannot both give out (schema 3) ---------------------------------


def test_new_ids_are_big_json_safe_increasing_and_above_the_old_ones(
    monkeypatch: pytest.MonkeyPatch, clock: FrozenClock
) -> None:
    monkeypatch.setattr(ids, "SEQUENTIAL", False)
    notebook = Notebook(None, clock)
    notebook.device_tag = 7
    made = [notebook.add_contact(name=f"P{n}").id for n in range(50)]  # the clock stands still
    assert made == sorted(made) and len(set(made)) == 50
    assert all(1 << 40 < key < 1 << 53 for key in made)
    many = [notebook.add_contact(name=f"R{n}").id for n in range(5000)]  # past 4096 a second
    assert many == sorted(many) and many[0] > made[-1] and len(set(many)) == 5000
    other = Notebook(None, clock)  # another device, the very same second
    other.device_tag = 8
    assert not set(made) & {other.add_contact(name=f"Q{n}").id for n in range(50)}


def test_a_schema_2_file_opens_with_its_ids_and_links_and_saves_as_schema_3(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ids, "SEQUENTIAL", False)
    data = json.loads(sample_db.read_text("utf-8"))
    data["meta"]["1"]["schema"] = 2
    sample_db.write_text(json.dumps(data), "utf-8")
    links = {k: v["referred_by"] for k, v in data["contacts"].items()}
    calls = {k: v["contact_id"] for k, v in data["interviews"].items()}
    notebook = Notebook.open(sample_db, clock)
    referrer = next(c for c in notebook.contacts.values() if c.referred_by is None)
    added = notebook.add_contact(name="New Person", referred_by=referrer.id)
    assert notebook.close() is None
    saved = json.loads(sample_db.read_text("utf-8"))
    assert saved["meta"]["1"]["schema"] == SCHEMA_VERSION == 3
    assert {k: saved["contacts"][k]["referred_by"] for k in links} == links
    assert {k: v["contact_id"] for k, v in saved["interviews"].items()} == calls
    assert saved["contacts"][str(added.id)]["referred_by"] == referrer.id
    assert added.id > max(int(k) for k in links)


# ----- a notebook replaced under a running infoview -----------------------------------------


def two_devices(tmp_path: Path, clock: FrozenClock) -> tuple[Path, Path]:
    """One notebook copied to two devices' folders (as a sync engine leaves it)."""
    a, b = tmp_path / "laptop" / "notebook.json", tmp_path / "desktop" / "notebook.json"
    a.parent.mkdir()
    b.parent.mkdir()
    write_sample(a, clock)
    shutil.copy2(a, b)
    return a, b


def sync(source: Path, target: Path, name: str | None = None) -> Path:
    """What Syncthing does: write a temp file beside the target, rename it into place."""
    dest = target.with_name(name) if name else target
    tmp = dest.with_name(f".syncthing.{dest.name}.tmp")
    tmp.write_bytes(source.read_bytes())
    os.replace(tmp, dest)
    return dest


def by_name(path: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(path.read_text("utf-8"))
    return {c["name"]: c for c in data["contacts"].values()}


def test_a_file_synced_in_while_running_is_merged_not_overwritten(
    tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ids, "SEQUENTIAL", False)
    a_path, b_path = two_devices(tmp_path, clock)
    laptop, desktop = Notebook.open(a_path, clock), Notebook.open(b_path, clock)
    aiko = laptop.find_contact_by_name("Aiko Tanaka")
    tom = laptop.find_contact_by_name("Priya Raman")
    assert aiko is not None and tom is not None
    assert laptop.flush(look=True) is None and desktop.flush(look=True) is None  # nothing new
    laptop.update_contact(aiko.id, role="Staff engineer")
    laptop.add_contact(name="Laptop Person")
    desktop.update_contact(aiko.id, organization="Elsewhere GmbH")
    desktop.update_contact(tom.id, notes="Desktop's note on Tom")
    desktop.add_contact(name="Desktop Person")
    assert laptop.flush() is None and desktop.flush() is None
    before_merge = a_path.read_bytes()
    sync(b_path, a_path)  # the desktop's file arrives on the laptop
    assert laptop.disk_changed()
    laptop.update_contact(tom.id, role="Manager")  # typed before the next save
    assert laptop.flush() is None
    [report] = laptop.take_reports()
    assert report.error is None and report.conflicts == ()
    assert report.backup is not None and report.backup.read_bytes() == b_path.read_bytes()
    on_disk = by_name(a_path)
    assert on_disk["Aiko Tanaka"]["role"] == "Staff engineer"
    assert on_disk["Aiko Tanaka"]["organization"] == "Elsewhere GmbH"
    assert on_disk["Priya Raman"]["notes"] == "Desktop's note on Tom"
    assert on_disk["Priya Raman"]["role"] == "Manager"
    assert {"Laptop Person", "Desktop Person"} <= on_disk.keys()
    # In memory too; the laptop's own last file (replaced by the sync) lives on in the merge.
    assert laptop.contacts[tom.id].notes == "Desktop's note on Tom"
    assert before_merge != a_path.read_bytes()
    # And back: the desktop gets the merge and keeps it (nothing it had is undone).
    sync(a_path, b_path)
    desktop.update_contact(aiko.id, notes="later, on the desktop")
    assert desktop.flush() is None
    final = by_name(b_path)
    assert final["Aiko Tanaka"]["role"] == "Staff engineer"
    assert final["Aiko Tanaka"]["notes"] == "later, on the desktop"
    assert final["Priya Raman"]["role"] == "Manager"
    assert {"Laptop Person", "Desktop Person"} <= final.keys()
    assert laptop.close() is None and desktop.close() is None


def test_the_same_bytes_written_again_are_not_a_change(sample_db: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(sample_db, clock)
    assert notebook.flush(look=True) is None
    sync(sample_db, sample_db)  # a sync engine rewrites the very same file: a new inode
    assert notebook.disk_changed()
    assert notebook.flush() is None
    assert notebook.take_reports() == [] and not notebook.disk_changed()
    assert notebook.close() is None


def test_a_file_that_does_not_parse_is_left_alone_and_said(
    sample_db: Path, clock: FrozenClock
) -> None:
    notebook = Notebook.open(sample_db, clock)
    assert notebook.flush() is None
    first = next(iter(notebook.contacts))
    notebook.update_contact(first, role="kept in memory")
    sample_db.write_bytes(b'{"contacts": {"1": {"name": "half a fi')
    before = sample_db.read_bytes(), sorted(p.name for p in sample_db.parent.iterdir())
    error = notebook.flush()
    assert error is not None and "does not read as a notebook" in error
    assert "has not written over it" in error
    assert (sample_db.read_bytes(), sorted(p.name for p in sample_db.parent.iterdir())) == before
    assert notebook.dirty and notebook.contacts[first].role == "kept in memory"
    write_sample(sample_db.with_name("good.json"), sample_clock())
    sync(sample_db.with_name("good.json"), sample_db)
    notebook.retry_at = None
    assert notebook.flush() is None
    assert by_name(sample_db)[notebook.contacts[first].name]["role"] == "kept in memory"
    notebook.store.close()  # type: ignore[union-attr]


# ----- sync engines' conflict copies ----------------------------------------------------------

CONFLICT_NAMES = {
    "syncthing": "notebook.sync-conflict-20261206-204455-ABCDEF1.json",
    "dropbox": "notebook (Sam's conflicted copy 2026-12-06).json",
    "nextcloud": "notebook (conflicted copy 2026-12-06 204455).json",
}


@pytest.mark.parametrize("engine", sorted(CONFLICT_NAMES))
def test_a_conflict_copy_is_merged_at_start_and_moved_to_merged(
    tmp_path: Path, clock: FrozenClock, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ids, "SEQUENTIAL", False)
    a_path, b_path = two_devices(tmp_path, clock)
    # Both devices open it once (each keeps it as the base both agreed on) and edit apart.
    laptop, desktop = Notebook.open(a_path, clock), Notebook.open(b_path, clock)
    assert laptop.flush(look=True) is None and desktop.flush(look=True) is None
    aiko = laptop.find_contact_by_name("Aiko Tanaka")
    assert aiko is not None
    laptop.update_contact(aiko.id, notes="laptop's words")
    desktop.update_contact(aiko.id, notes="desktop's words")
    desktop.add_contact(name="Desktop Person")
    assert laptop.close() is None and desktop.close() is None
    copy = sync(b_path, a_path, CONFLICT_NAMES[engine])  # the engine's loser, beside
    again = Notebook.open(a_path, clock)
    assert again.disk_changed()
    assert again.flush() is None and again.take_reports() == []  # a plain flush: no look
    assert again.flush(look=True) is None
    [report] = again.take_reports()
    assert report.source == copy.name and report.error is None
    assert [(c.name, c.fields) for c in report.conflicts] == [("Aiko Tanaka", ("notes",))]
    assert not copy.exists() and report.moved == a_path.parent / "merged" / copy.name
    assert report.moved.read_bytes() == b_path.read_bytes()  # kept, never deleted
    on_disk = by_name(a_path)
    assert "laptop's words" in on_disk["Aiko Tanaka"]["notes"]
    assert "desktop's words" in on_disk["Aiko Tanaka"]["notes"]
    assert "Desktop Person" in on_disk
    assert [c.name for c in again.conflicts] == ["Aiko Tanaka"]
    assert again.close() is None


def test_a_conflict_copy_that_does_not_parse_stays_and_is_said_once(
    sample_db: Path, clock: FrozenClock
) -> None:
    copy = sample_db.with_name(CONFLICT_NAMES["syncthing"])
    copy.write_bytes(b"not json")
    notebook = Notebook.open(sample_db, clock)
    before = sample_db.read_bytes()
    assert notebook.flush(look=True) is None
    [report] = notebook.take_reports()
    assert report.error is not None and copy.name in report.error and "unchanged" in report.error
    assert copy.read_bytes() == b"not json" and sample_db.read_bytes() == before
    assert notebook.flush(look=True) is None and notebook.take_reports() == []  # said once
    assert notebook.close() is None


# ----- what stays on this device --------------------------------------------------------------


def test_lock_start_view_and_base_live_outside_the_notebook_folder(
    sample_db: Path, clock: FrozenClock
) -> None:
    from infoview_tui.start_view import view_path, write_view

    notebook = Notebook.open(sample_db, clock)
    assert notebook.flush(look=True) is None
    assert write_view(notebook, clock())
    assert notebook.close() is None
    own = state_dir(sample_db)
    assert lock_path(sample_db).parent == own == view_path(sample_db).parent
    assert (own / "base.json").exists() and not own.is_relative_to(sample_db.parent)
    beside = sorted(p.name for p in sample_db.parent.iterdir())
    assert beside == ["notebook.json"] + [p.name for p in sorted(backups(sample_db))]


def test_noticing_a_change_costs_under_a_millisecond(sample_db: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(sample_db, clock)
    assert notebook.flush(look=True) is None
    times = []
    for _ in range(200):
        start = time.perf_counter()
        notebook.check_due()
        times.append(time.perf_counter() - start)
    assert sorted(times)[len(times) // 2] < 0.001
    assert notebook.close() is None


def test_edits_typed_while_the_merge_ran_are_kept_and_left_to_save(
    tmp_path: Path, clock: FrozenClock
) -> None:
    a_path, b_path = two_devices(tmp_path, clock)
    laptop, desktop = Notebook.open(a_path, clock), Notebook.open(b_path, clock)
    assert laptop.flush(look=True) is None and desktop.flush(look=True) is None
    maya = laptop.find_contact_by_name("Maya Okafor")
    assert maya is not None
    desktop.update_contact(maya.id, role="from the desktop")
    assert desktop.flush() is None
    sync(b_path, a_path)
    laptop.update_contact(maya.id, notes="before the save")
    snapshot = laptop.snapshot()
    merged = laptop._write(snapshot)  # what save_async runs in its worker
    laptop.update_contact(maya.id, notes="typed while it ran")  # on the event loop
    laptop._saved(snapshot)
    laptop._adopt(snapshot, merged)
    assert laptop.contacts[maya.id].role == "from the desktop"
    assert laptop.contacts[maya.id].notes == "typed while it ran"
    assert laptop.dirty
    assert laptop.flush() is None
    assert by_name(a_path)["Maya Okafor"]["notes"] == "typed while it ran"
    assert by_name(a_path)["Maya Okafor"]["role"] == "from the desktop"
    assert laptop.close() is None and desktop.close() is None


async def test_the_app_merges_a_file_synced_in_says_so_and_today_lists_the_conflict(
    tmp_path: Path, clock: FrozenClock
) -> None:
    from tests.helpers import running, screen_text, wait_until, widget_text

    a_path, b_path = two_devices(tmp_path, clock)
    desktop = Notebook.open(b_path, clock)
    assert desktop.flush() is None
    async with running(a_path, clock, start_screen="today") as (app, pilot):
        notebook = app.notebook
        assert notebook is not None
        await wait_until(pilot, lambda: not notebook._first_check)  # the first look is done
        maya = notebook.find_contact_by_name("Maya Okafor")
        assert maya is not None
        notebook.update_contact(maya.id, notes="laptop: wants a referral to the data team")
        desktop.update_contact(maya.id, notes="desktop: send the portfolio link")
        desktop.update_contact(maya.id, role="from the desktop")
        assert desktop.flush() is None
        sync(b_path, a_path)  # the desktop's file arrives while the laptop runs
        await wait_until(pilot, lambda: bool(notebook.conflicts), timeout=10)
        await pilot.pause()
        toast = widget_text(app, "Toast")
        assert "Merged the changes in notebook.json" in toast and "Maya Okafor (notes)" in toast
        assert "Changed on two devices: Maya Okafor (notes)" in screen_text(app)
        await wait_until(pilot, lambda: not notebook.dirty)
    on_disk = by_name(a_path)["Maya Okafor"]
    assert "laptop: wants a referral" in on_disk["notes"]
    assert "desktop: send the portfolio link" in on_disk["notes"]
    assert on_disk["role"] == "from the desktop"
    assert desktop.close() is None


def test_the_merge_benchmark_runs(tmp_path: Path) -> None:
    """bench/merge_bench.py on a small notebook (the figures themselves are not asserted)."""
    args = ("--contacts", "300", "--edits", "30", "--runs", "1")
    ids = {"INFOVIEW_SEQUENTIAL_IDS": ""}  # the ids infoview gives out
    result = run_bench(tmp_path, "merge_bench.py", *args, env=ids)
    assert result.returncode == 0, result.stderr
    assert "every edit of both sides checked" in result.stdout
    assert "detect a change, per save tick" in result.stdout


def test_a_command_that_only_reads_changes_nothing_even_beside_a_conflict_copy(
    sample_db: Path, clock: FrozenClock
) -> None:
    """``infoview export`` opens and closes the notebook: no merge, no write, no move."""
    copy = sample_db.with_name(CONFLICT_NAMES["dropbox"])
    shutil.copy2(sample_db, copy)
    before = {p.name: p.read_bytes() for p in sample_db.parent.iterdir()}
    notebook = Notebook.open(sample_db, clock)
    assert notebook.close() is None
    assert {p.name: p.read_bytes() for p in sample_db.parent.iterdir()} == before
