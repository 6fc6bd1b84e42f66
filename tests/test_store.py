"""The store: atomic writes, strict reads, backups, the lock, migrations, a full disk."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.model import FrozenClock, Stage
from infoview_tui.notebook import Notebook
from infoview_tui.store import (
    SCHEMA_VERSION,
    NotebookFileError,
    NotebookLockedError,
    NotebookStore,
    SafeJSONStorage,
)
from infoview_tui.store import atomic as atomic_module
from infoview_tui.store.atomic import atomic_write, remove_stale_temp_files
from infoview_tui.store.backups import KEEP, backups, newest_good_backup

REPO = Path(__file__).resolve().parents[1]
OLD_MTIME_NS = 1_600_000_000_000_000_000  # 2020-09-13: any write would change it


@pytest.fixture(autouse=True)
def _no_real_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "notebook.json"
    write_sample(path, sample_clock())
    return path


def file_state(path: Path) -> tuple[bytes, int, int]:
    """Bytes, mtime and inode: all three stay the same if nobody wrote the file."""
    stat = path.stat()
    return path.read_bytes(), stat.st_mtime_ns, stat.st_ino


def age(path: Path) -> None:
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.tmp"))


def sound_bytes() -> bytes:
    return json.dumps(
        {
            "contacts": {
                "1": {"name": "Ada Lovelace", "notes": "# Ada\n\nMet at the meetup. " * 5},
                "2": {"name": "山田 太郎", "tags": ["ux"]},
            },
            "interviews": {},
            "questions": {},
            "meta": {"1": {"schema": SCHEMA_VERSION, "settings": {}}},
        },
        ensure_ascii=False,
    ).encode("utf-8")


def _with_bad_utf8(raw: bytes) -> bytes:
    at = raw.index(b"Met at")
    return raw[:at] + b"\xff\xfe\xc3" + raw[at + 3 :]


def _with_nul(raw: bytes) -> bytes:
    at = raw.index(b"Met at")
    return raw[:at] + b"\x00\x00" + raw[at:]


# name -> (bytes from a sound file, words the reason must contain)
BAD_FILES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "empty": (lambda raw: b"", "empty (0 bytes)"),
    "null": (lambda raw: b"null", "holds null"),
    "truncated": (lambda raw: raw[: len(raw) // 2], "truncated"),
    "truncated-after-value": (lambda raw: raw[: raw.rindex(b"}", 0, -1)], "truncated"),
    "trailing-garbage": (lambda raw: raw + b'\n{"x": 1}garbage', "after the end"),
    "bom": (lambda raw: b"\xef\xbb\xbf" + raw, "byte-order mark"),
    "list": (lambda raw: b'[{"name": "Ada"}]', "a list"),
    "number": (lambda raw: b"42", "holds int"),
    "invalid-utf8": (_with_bad_utf8, "not UTF-8"),
    "nul-bytes": (_with_nul, "NUL bytes"),
    "whitespace": (lambda raw: b"  \n\n  ", "truncated"),
    "table-not-object": (lambda raw: b'{"contacts": [1, 2]}', "'contacts' is not a JSON object"),
    "record-id-not-number": (lambda raw: b'{"contacts": {"ada": {}}}', "ids are numbers"),
    "record-id-superscript": (
        lambda raw: '{"contacts": {"\u00b2": {"name": "A"}}}'.encode(),
        "ids are numbers",
    ),
    "record-not-object": (lambda raw: b'{"contacts": {"1": "Ada"}}', "contacts#1 is not"),
    "invalid-record": (
        lambda raw: b'{"contacts": {"1": {"name": "  "}}}',
        "contacts#1 is invalid: name: cannot be empty",
    ),
    "record-missing-name": (lambda raw: b'{"contacts": {"1": {"role": "x"}}}', "contacts#1"),
    "schema-not-number": (lambda raw: b'{"meta": {"1": {"schema": "one"}}}', "not a number"),
    "newer-schema": (lambda raw: b'{"meta": {"1": {"schema": 99}}}', "newer"),
}


# ----- atomic writes -------------------------------------------------------------------------


def test_atomic_write_replaces_the_file_by_rename(tmp_path: Path) -> None:
    path = tmp_path / "notebook.json"
    path.write_bytes(b"old contents")
    old_inode = path.stat().st_ino
    atomic_write(path, [b"new ", b"contents"])
    assert path.read_bytes() == b"new contents"
    assert path.stat().st_ino != old_inode  # a new file renamed over, not rewritten in place
    assert temp_files(tmp_path) == []


def test_atomic_write_fsyncs_file_and_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    path = tmp_path / "notebook.json"
    atomic_write(path, [b"{}"])
    assert len(synced) == 2
    assert Path(synced[0]).name.startswith(".notebook.json.")  # the temp file, before rename
    assert synced[1] == str(tmp_path)  # then the directory, after rename


def test_atomic_write_failing_midway_keeps_old_file(tmp_path: Path) -> None:
    path = tmp_path / "notebook.json"
    path.write_bytes(b"old contents")
    age(path)
    before = file_state(path)

    def chunks():
        yield b"half of the new"
        raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(OSError, match="Input/output"):
        atomic_write(path, chunks())
    assert file_state(path) == before
    assert temp_files(tmp_path) == []


def test_remove_stale_temp_files_only_touches_ours(tmp_path: Path) -> None:
    path = tmp_path / "notebook.json"
    ours = [tmp_path / ".notebook.json.k2j3h4.tmp", tmp_path / ".notebook.json.x.tmp"]
    others = [tmp_path / ".other.json.k2j3h4.tmp", tmp_path / "notebook.json.tmp"]
    for file in ours + others:
        file.write_bytes(b"{partial")
    assert remove_stale_temp_files(path) == 2
    assert [f.exists() for f in ours] == [False, False]
    assert [f.exists() for f in others] == [True, True]


# ----- SafeJSONStorage under TinyDB ----------------------------------------------------------


def test_safe_storage_works_under_tinydb(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "db.json"
    db = TinyDB(path, storage=SafeJSONStorage)
    first = db.table("contacts").insert({"name": "Ada", "tags": ["ux"]})
    second = db.table("contacts").insert({"name": "Zoë 🦊"})
    db.table("contacts").update({"role": "engineer"}, doc_ids=[first])
    assert db.table("contacts").get(doc_id=first) == {
        "name": "Ada",
        "tags": ["ux"],
        "role": "engineer",
    }
    db.close()
    on_disk = json.loads(path.read_bytes().decode("utf-8"))
    assert on_disk == {
        "contacts": {
            str(first): {"name": "Ada", "tags": ["ux"], "role": "engineer"},
            str(second): {"name": "Zoë 🦊"},
        }
    }
    assert "Zoë 🦊".encode() in path.read_bytes()
    again = TinyDB(path, storage=SafeJSONStorage)
    assert [doc["name"] for doc in again.table("contacts").all()] == ["Ada", "Zoë 🦊"]
    again.close()
    assert temp_files(path.parent) == []


@pytest.mark.parametrize("raw", [b"", b"null", b'{"_default": {"1": {"a"'])
def test_tinydb_with_safe_storage_never_overwrites_a_bad_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(raw)
    age(path)
    before = file_state(path)
    db = TinyDB(path, storage=SafeJSONStorage)
    with pytest.raises(NotebookFileError):
        db.insert({"name": "Ada"})
    with pytest.raises(NotebookFileError):
        db.all()
    assert file_state(path) == before


# ----- bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_refused_and_left_alone(tmp_path: Path, clock: FrozenClock, kind: str) -> None:
    make, words = BAD_FILES[kind]
    path = tmp_path / "notebook.json"
    path.write_bytes(make(sound_bytes()))
    age(path)
    before = file_state(path)
    with pytest.raises(NotebookFileError) as info:
        Notebook.open(path, clock)
    assert info.value.path == path
    assert words in info.value.reason
    assert str(path) in str(info.value)
    assert file_state(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebook.json"]  # the lock: state dir
    # The failed open released its lock: trying again gives the same file error, not "locked".
    with pytest.raises(NotebookFileError):
        Notebook.open(path, clock)
    assert file_state(path) == before


def test_sound_bytes_are_sound(tmp_path: Path, clock: FrozenClock) -> None:
    """The control for the table above: the undamaged file opens."""
    path = tmp_path / "notebook.json"
    path.write_bytes(sound_bytes())
    notebook = Notebook.open(path, clock)
    assert [c.name for c in notebook.contacts.values()] == ["Ada Lovelace", "山田 太郎"]
    notebook.close()


def test_missing_file_opens_empty_and_writes_nothing(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "new" / "notebook.json"
    notebook = Notebook.open(path, clock)
    assert notebook.contacts == {} and not notebook.dirty
    assert notebook.close() is None
    assert not path.exists()


# ----- backups -------------------------------------------------------------------------------


def test_backups_rotate_and_keep_at_most_five(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "notebook.json"
    notebook = Notebook.open(path, clock)
    contact = notebook.add_contact(name="Ada", notes="v0")
    assert notebook.flush() is None
    saved = [path.read_bytes()]
    for n in range(1, 9):
        clock.advance(11 * 60)
        notebook.set_contact_notes(contact.id, f"v{n}")
        assert notebook.flush() is None
        saved.append(path.read_bytes())
        assert len(backups(path)) == min(n, KEEP)
    found = backups(path)
    assert len(found) == KEEP == 5
    assert sorted(p.name for p in tmp_path.glob("notebook.json.bak-*")) == sorted(
        p.name for p in found
    )
    # Newest first, each the file as it was before one of the last five saves.
    assert [p.read_bytes() for p in found] == saved[-2:-7:-1]
    assert json.loads(found[0].read_bytes())["contacts"]["1"]["notes"] == "v7"
    notebook.close()


def test_no_new_backup_within_ten_minutes(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "notebook.json"
    write_sample(path, clock)
    notebook = Notebook.open(path, clock)
    for n in range(5):
        clock.advance(60)
        notebook.set_contact_notes(1, f"edit {n}")
        assert notebook.flush() is None
    assert len(backups(path)) == 1  # the file as it was when opened
    notebook.close()


def test_newest_good_backup_skips_a_corrupt_one(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "notebook.json"
    notebook = Notebook.open(path, clock)
    contact = notebook.add_contact(name="Ada", notes="v0")
    notebook.flush()
    for n in range(1, 4):
        clock.advance(11 * 60)
        notebook.set_contact_notes(contact.id, f"v{n}")
        notebook.flush()
    notebook.close()
    newest, second, third = backups(path)
    assert newest_good_backup(path) == newest
    newest.unlink()
    newest.write_bytes(b'{"contacts": {"1": {"name": "Ad')
    assert newest_good_backup(path) == second
    assert json.loads(second.read_bytes())["contacts"]["1"]["notes"] == "v1"
    second.write_bytes(b"")  # damage in place too
    assert newest_good_backup(path) == third
    third.write_bytes(b"null")
    assert newest_good_backup(path) is None


def test_restore_puts_backup_in_place_and_keeps_damaged_file(
    tmp_path: Path, clock: FrozenClock
) -> None:
    path = tmp_path / "notebook.json"
    write_sample(path, clock)
    good = path.read_bytes()
    notebook = Notebook.open(path, clock)
    notebook.set_contact_notes(1, "changed")
    notebook.flush()
    notebook.close()
    damaged_bytes = path.read_bytes()[:100]
    path.write_bytes(damaged_bytes)
    with pytest.raises(NotebookFileError):
        Notebook.open(path, clock)
    store = NotebookStore(path, clock)
    backup = store.newest_good_backup()
    assert backup is not None and backup.read_bytes() == good
    damaged = store.restore(backup)
    store.close()
    assert damaged.read_bytes() == damaged_bytes
    assert path.read_bytes() == good
    reopened = Notebook.open(path, clock)
    assert len(reopened.contacts) == 12
    reopened.close()


# ----- lock ----------------------------------------------------------------------------------


def test_second_store_on_same_path_is_locked_out(sample: Path, clock: FrozenClock) -> None:
    age(sample)
    before = file_state(sample)
    first = NotebookStore(sample, clock)
    with pytest.raises(NotebookLockedError) as info:
        NotebookStore(sample, clock)
    assert info.value.path == sample
    assert "notebook.json.lock" in str(info.value)
    with pytest.raises(NotebookLockedError):
        Notebook.open(sample, clock)
    assert file_state(sample) == before
    first.close()
    second = NotebookStore(sample, clock)
    second.close()


def test_notebook_close_releases_lock(sample: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(sample, clock)
    with pytest.raises(NotebookLockedError):
        Notebook.open(sample, clock)
    assert notebook.close() is None
    again = Notebook.open(sample, clock)
    assert len(again.contacts) == 12
    again.close()


HOLD_LOCK = """
import sys
from pathlib import Path
from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook
notebook = Notebook.open(Path(sys.argv[1]), system_clock)
print("holding", flush=True)
sys.stdin.read()
notebook.close()
print("released", flush=True)
"""


def subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def test_lock_holds_across_processes(sample: Path, clock: FrozenClock, tmp_path: Path) -> None:
    age(sample)
    before = file_state(sample)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(sample)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=subprocess_env(tmp_path),
        cwd=tmp_path,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline() == "holding\n"
        with pytest.raises(NotebookLockedError):
            Notebook.open(sample, clock)
        assert file_state(sample) == before
        child.stdin.close()
        assert child.stdout.readline() == "released\n"
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    notebook = Notebook.open(sample, clock)
    assert len(notebook.contacts) == 12
    notebook.close()
    assert file_state(sample) == before


# ----- schema and migration ------------------------------------------------------------------


def version_zero_bytes() -> bytes:
    return json.dumps(
        {
            "_default": {},
            "contacts": {
                "1": {"name": "Ada Lovelace", "email": "ada@example.org", "role": "Analyst"},
                "2": {"name": "Bob", "email": ""},
                "3": {"name": "Cy"},
            },
        }
    ).encode()


def test_version_zero_file_is_migrated(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "notebook.json"
    path.write_bytes(version_zero_bytes())
    age(path)
    before = file_state(path)
    notebook = Notebook.open(path, clock)
    assert file_state(path) == before  # opening never writes
    assert notebook.contacts[1].emails == ("ada@example.org",)
    assert notebook.contacts[1].role == "Analyst"
    assert notebook.contacts[2].emails == ()
    assert notebook.contacts[3].emails == ()
    assert notebook.meta["schema"] == SCHEMA_VERSION
    notebook.update_contact(3, role="Designer")
    assert notebook.flush() is None
    notebook.close()
    saved = json.loads(path.read_bytes())
    assert saved["meta"] == {"1": {"schema": SCHEMA_VERSION, "settings": {}}}
    assert saved["contacts"]["1"]["emails"] == ["ada@example.org"]
    assert saved["contacts"]["2"]["emails"] == []
    assert all("email" not in doc for doc in saved["contacts"].values())
    assert saved["contacts"]["3"]["role"] == "Designer"
    # The version-0 file is kept as a backup, byte for byte.
    (backup,) = backups(path)
    assert backup.read_bytes() == before[0]


def test_newer_schema_is_refused_and_not_modified(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "notebook.json"
    path.write_bytes(
        json.dumps(
            {
                "contacts": {"1": {"name": "Ada", "pronouns": "she/her"}},
                "meta": {"1": {"schema": 99}},
            }
        ).encode()
    )
    age(path)
    before = file_state(path)
    with pytest.raises(NotebookFileError) as info:
        Notebook.open(path, clock)
    assert "newer" in info.value.reason and "99" in info.value.reason
    assert file_state(path) == before
    assert backups(path) == []


def test_current_schema_round_trips_meta_settings(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "notebook.json"
    notebook = Notebook.open(path, clock)
    notebook.update_settings(theme="textual-dark", follow_up_days={"reached_out": 5})
    notebook.add_contact(name="Ada")
    notebook.close()
    reopened = Notebook.open(path, clock)
    assert reopened.meta["settings"] == {
        "theme": "textual-dark",
        "follow_up_days": {"reached_out": 5},
    }
    assert reopened.settings.follow_up_days[Stage.REACHED_OUT] == 5
    assert reopened.meta["schema"] == SCHEMA_VERSION
    reopened.close()


# ----- stale temp files ----------------------------------------------------------------------


def test_stale_temp_files_removed_on_open(sample: Path, clock: FrozenClock) -> None:
    stale = [
        sample.with_name(".notebook.json.abc123.tmp"),
        sample.with_name(".notebook.json.zzz.tmp"),
    ]
    for file in stale:
        file.write_bytes(b'{"contacts": {"1": {"na')
    unrelated = sample.with_name("notes.txt.tmp")
    unrelated.write_bytes(b"mine")
    age(sample)
    before = file_state(sample)
    notebook = Notebook.open(sample, clock)
    assert [f.exists() for f in stale] == [False, False]
    assert unrelated.read_bytes() == b"mine"
    assert file_state(sample) == before
    notebook.close()


# ----- full disk -----------------------------------------------------------------------------


class _OsWith:
    """The ``os`` module as seen by infoview_tui.store.atomic, with one function replaced."""

    def __init__(self, **overrides: Any) -> None:
        self._overrides = overrides

    def __getattr__(self, name: str) -> Any:
        return self._overrides.get(name, getattr(os, name))


def _enospc(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


class _HalfWriter:
    """A file whose writes stop with ENOSPC after a few hundred bytes."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.written = 0

    def write(self, data: bytes) -> int:
        room = 300 - self.written
        if len(data) > room:
            self.handle.write(data[: max(room, 0)])
            self.written = 300
            raise OSError(errno.ENOSPC, "No space left on device")
        self.written += len(data)
        return self.handle.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _half_fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> _HalfWriter:
    return _HalfWriter(os.fdopen(fd, mode, *args, **kwargs))


@pytest.mark.parametrize(
    "failing", [{"fsync": _enospc}, {"replace": _enospc}, {"fdopen": _half_fdopen}]
)
def test_full_disk_keeps_old_file_and_unsaved_changes(
    sample: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, failing: dict[str, Any]
) -> None:
    notebook = Notebook.open(sample, clock)
    notebook.set_contact_notes(1, "written while the disk was full")
    notebook.add_contact(name="Newcomer")
    age(sample)
    before = file_state(sample)
    monkeypatch.setattr(atomic_module, "os", _OsWith(**failing))
    error = notebook.flush()
    assert error is not None
    assert "No space left" in error and str(sample) in error
    assert notebook.last_save_error == error
    assert file_state(sample) == before
    assert temp_files(sample.parent) == []
    assert notebook.dirty
    assert notebook.retry_at is not None
    assert not notebook.save_due()  # the retry waits
    monkeypatch.setattr(atomic_module, "os", os)
    assert notebook.flush() is None
    assert not notebook.dirty and notebook.last_save_error is None
    saved = json.loads(sample.read_bytes())
    assert saved["contacts"]["1"]["notes"] == "written while the disk was full"
    assert saved["contacts"]["13"]["name"] == "Newcomer"
    assert temp_files(sample.parent) == []
    notebook.close()


def test_close_on_full_disk_reports_and_keeps_lock(
    sample: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = Notebook.open(sample, clock)
    notebook.set_contact_notes(2, "unsaved")
    monkeypatch.setattr(atomic_module, "os", _OsWith(fsync=_enospc))
    error = notebook.close()
    assert error is not None and "No space left" in error
    with pytest.raises(NotebookLockedError):  # still ours: nobody else may clobber it
        Notebook.open(sample, clock)
    monkeypatch.setattr(atomic_module, "os", os)
    assert notebook.close() is None
    reopened = Notebook.open(sample, clock)
    assert reopened.contacts[2].notes == "unsaved"
    reopened.close()


def test_unknown_tables_are_written_back_unchanged(tmp_path: Path) -> None:
    from infoview_tui.content.sample import sample_clock, write_sample

    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())
    data = json.loads(db.read_text(encoding="utf-8"))
    data["_default"] = {"1": {"left": "by plain TinyDB", "n": [1, 2]}}
    db.write_text(json.dumps(data), encoding="utf-8")
    notebook = Notebook.open(db, sample_clock())
    notebook.add_contact(name="Someone New")
    assert notebook.close() is None
    saved = json.loads(db.read_text(encoding="utf-8"))
    assert saved["_default"] == {"1": {"left": "by plain TinyDB", "n": [1, 2]}}
    assert any(c["name"] == "Someone New" for c in saved["contacts"].values())


def test_saves_reuse_unchanged_runs_of_records_and_write_the_same_bytes(
    tmp_path: Path, clock: FrozenClock
) -> None:
    from infoview_tui.store.store import CHUNK_RECORDS, ChunkCache, serialise

    path = tmp_path / "notebook.json"
    notebook = Notebook.open(path, clock)
    ids = [notebook.add_contact(name=f"Person {n}").id for n in range(CHUNK_RECORDS * 2 + 7)]
    cache: ChunkCache = {}

    def both() -> tuple[bytes, bytes]:
        snap = notebook.snapshot()
        fresh = b"".join(serialise(snap.tables, snap.meta, snap.extra))
        cached = b"".join(serialise(snap.tables, snap.meta, snap.extra, cache))
        return fresh, cached

    fresh, cached = both()
    assert fresh == cached and len(cache) == 3
    first_run = cache[("contacts", 0)][1]
    notebook.set_contact_notes(ids[CHUNK_RECORDS + 3], "typed in the second run")  # middle
    fresh, cached = both()
    assert fresh == cached and b"typed in the second run" in cached
    assert cache[("contacts", 0)][1] is first_run  # the untouched run was reused, not rebuilt
    notebook.add_contact(name="Someone new")  # the end
    notebook.delete_contact(ids[0])  # the start: every run shifts
    fresh, cached = both()
    assert fresh == cached
    on_disk = json.loads(cached)
    assert "Someone new" in {c["name"] for c in on_disk["contacts"].values()}
    assert str(ids[0]) not in on_disk["contacts"]
    notebook.close()
