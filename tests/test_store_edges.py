"""The store at its edges (issue 17): a notebook behind a symlink, the lock through a link, a
full disk without hard links, private backups, read-only notebooks and folders, a clock set
back. Each test does what a user (or bad luck) does, then reads what is on disk."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.app import create_app
from infoview_tui.model import FrozenClock
from infoview_tui.notebook import Notebook
from infoview_tui.start_view import view_path, write_view
from infoview_tui.store import NotebookLockedError, NotebookStore
from infoview_tui.store import atomic as atomic_module
from infoview_tui.store import backups as backups_module
from infoview_tui.store import store as store_module
from infoview_tui.store.backups import KEEP, backups
from infoview_tui.store.store import lock_path
from infoview_tui.widgets.notes_editor import NotesEditor

from .helpers import (
    REPO,
    contacts_on_disk,
    on_disk,
    running,
    screen_text,
    type_text,
    wait_until,
    widget_text,
)
from .test_store import _half_fdopen, _OsWith

BACKUP_GAP = 11 * 60  # seconds: more than the 10 minutes between backups


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def regular(path: Path) -> bool:
    return stat.S_ISREG(os.lstat(path).st_mode)


def synced(tmp_path: Path, sample_db: Path) -> tuple[Path, Path]:
    """``data/notebook.json -> Sync/notebook.json``: the notebook kept in a synced folder."""
    target = tmp_path / "Sync" / "notebook.json"
    target.parent.mkdir()
    sample_db.rename(target)
    link = tmp_path / "data" / "notebook.json"
    link.parent.mkdir()
    link.symlink_to(target)
    return link, target


def save_versions(notebook: Notebook, clock: FrozenClock, count: int) -> list[bytes]:
    """``count`` saves BACKUP_GAP apart (each takes a backup); the file after each."""
    saved = []
    for n in range(count):
        clock.advance(BACKUP_GAP)
        notebook.set_contact_notes(1, f"version {n}")
        assert notebook.flush() is None
        assert notebook.store is not None
        saved.append(notebook.store.path.read_bytes())
    return saved


def _eperm(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.EPERM, "Operation not permitted")


# ----- 1. a notebook behind a symlink --------------------------------------------------------


async def test_a_notebook_behind_a_symlink_saves_to_its_target_and_keeps_the_link(
    tmp_path: Path, sample_db: Path, clock: FrozenClock
) -> None:
    link, target = synced(tmp_path, sample_db)
    async with running(link, clock) as (app, pilot):
        assert app.store.path == target
        await pilot.press("n")
        await type_text(pilot, "kept in sync")
        await wait_until(pilot, lambda: "saved" in app.sub_title and not app.notebook.dirty)  # type: ignore[union-attr]
        assert "notebook.json - saved" in screen_text(app)
        assert link.is_symlink() and os.readlink(link) == str(target)
        assert contacts_on_disk(target)["Aiko Tanaka"]["notes"] == "kept in sync"
        clock.advance(BACKUP_GAP)
        await pilot.press("x")
        await wait_until(pilot, lambda: not app.notebook.dirty)  # type: ignore[union-attr]
        await pilot.press("escape", "q")
        await pilot.pause()
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert contacts_on_disk(target)["Aiko Tanaka"]["notes"] == "kept in syncx"
    # Everything infoview keeps with the notebook sits beside the real file, as regular files.
    assert sorted(p.name for p in link.parent.iterdir()) == ["notebook.json"]
    found = backups(target)
    assert len(found) == 2 and all(regular(p) for p in found)
    assert contacts_on_disk(found[0])["Aiko Tanaka"]["notes"] == "kept in sync"
    # The start view too: written beside the target, used by the next start through the link.
    notebook = Notebook.open(link, clock)
    assert write_view(notebook, clock())
    assert notebook.close() is None
    # (in this device's state folder for the real file, not beside it: issue 15)
    assert regular(view_path(target)) and view_path(link) == view_path(target)
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".start")]
    app = create_app(link, clock)
    try:
        assert app.store.path == target
        assert app.notebook is not None and app.notebook.partial is not None
    finally:
        app.store.close()


# ----- 2. the lock cannot be bypassed through a link ----------------------------------------


@pytest.mark.parametrize("first", ["real", "link", "folder-link"])
def test_the_lock_is_the_real_files_a_link_does_not_get_round_it(
    tmp_path: Path, sample_db: Path, clock: FrozenClock, first: str
) -> None:
    link, target = synced(tmp_path, sample_db)
    folder_link = tmp_path / "sync-folder"
    folder_link.symlink_to(target.parent, target_is_directory=True)
    paths = {"real": target, "link": link, "folder-link": folder_link / "notebook.json"}
    before = target.read_bytes()
    holder = Notebook.open(paths[first], clock)
    for name, other in paths.items():
        with pytest.raises(NotebookLockedError) as info:
            Notebook.open(other, clock)
        assert info.value.path == target, name
    assert target.read_bytes() == before
    # One lock, the real file's, in this device's state folder (never synced: issue 15).
    assert lock_path(target) == lock_path(link) == lock_path(paths["folder-link"])
    assert lock_path(target).exists() and lock_path(target).parent.is_relative_to(Path.home())
    assert not list(target.parent.glob("*.lock")) and not list(link.parent.glob("*.lock"))
    assert holder.close() is None
    again = Notebook.open(link, clock)
    assert again.close() is None


# ----- 4. a full disk on a filesystem without hard links -------------------------------------


def _short_fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
    """A file that silently keeps only half of what is written (a lying network mount)."""
    handle = os.fdopen(fd, mode, *args, **kwargs)
    real_write = handle.write

    def write(data: bytes) -> int:
        real_write(data[: len(data) // 2])
        return len(data)

    handle.write = write
    return handle


@pytest.mark.parametrize("fault", ["full-disk", "short-copy"])
def test_without_hard_links_a_failed_backup_copy_never_counts_nor_rotates_good_ones_out(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    monkeypatch.setattr(backups_module, "os", _OsWith(link=_eperm))  # exFAT, many FUSE mounts
    notebook = Notebook.open(sample_db, clock)
    save_versions(notebook, clock, KEEP + 1)
    good = {p.name: p.read_bytes() for p in backups(sample_db)}
    assert len(good) == KEEP
    assert all(mode(sample_db.with_name(name)) == 0o600 for name in good)
    folder = sample_db.parent
    if fault == "full-disk":  # every write stops with ENOSPC, the notebook's too
        monkeypatch.setattr(backups_module, "os", _OsWith(link=_eperm, fdopen=_half_fdopen))
        monkeypatch.setattr(atomic_module, "os", _OsWith(fdopen=_half_fdopen))
    else:  # the copy comes out short without an error: the check must catch it
        monkeypatch.setattr(backups_module, "os", _OsWith(link=_eperm, fdopen=_short_fdopen))
    for n in range(8):  # the app retries the save every few seconds, long after 10 minutes
        clock.advance(BACKUP_GAP)
        notebook.set_contact_notes(1, f"during the fault {n}")
        error = notebook.flush()
        assert (error is not None and "No space left" in error) == (fault == "full-disk")
        assert {p.name: p.read_bytes() for p in backups(sample_db)} == good
        assert not list(folder.glob(".notebook.json.*.tmp"))  # no partial copy left behind
    before_recovery = sample_db.read_bytes()
    monkeypatch.setattr(backups_module, "os", _OsWith(link=_eperm))  # space is back
    monkeypatch.setattr(atomic_module, "os", os)
    clock.advance(BACKUP_GAP)
    notebook.set_contact_notes(1, "after the fault")
    assert notebook.flush() is None
    assert notebook.close() is None
    found = backups(sample_db)
    assert len(found) == KEEP
    assert found[0].read_bytes() == before_recovery  # a complete, checked copy
    assert found[0].stat().st_ino != sample_db.stat().st_ino
    oldest = sorted(good)[0]  # numbered in order of creation
    assert {p.name for p in found[1:]} == set(good) - {oldest}
    assert all(p.read_bytes() == good[p.name] for p in found[1:])
    assert all(json.loads(p.read_bytes()) for p in found)
    assert on_disk(sample_db)["contacts"]["1"]["notes"] == "after the fault"


# ----- 10. backups are private ---------------------------------------------------------------


@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "copies"])
def test_backups_are_0600_even_when_the_notebook_was_world_readable(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    if not links:
        monkeypatch.setattr(backups_module, "os", _OsWith(link=_eperm))
    # An old backup, hard-linked from a 0644 notebook by an earlier version.
    old = sample_db.with_name("notebook.json.bak-20261122T000000000000Z")
    os.link(sample_db, old)
    sample_db.chmod(0o644)  # copied in, restored by hand, written by a sync client
    notebook = Notebook.open(sample_db, clock)
    save_versions(notebook, clock, 2)
    assert notebook.close() is None
    found = backups(sample_db)
    assert len(found) == 3 and found[-1] == old
    assert {p.name: mode(p) for p in found} == {p.name: 0o600 for p in found}
    assert mode(sample_db) == 0o600
    readable = [p for p in sample_db.parent.iterdir() if mode(p) & 0o077 and regular(p)]
    assert readable == []  # (the lock is in the state folder: issue 15)


# ----- 15. read-only notebooks and folders, a clock set back ---------------------------------


async def test_a_0444_notebook_opens_read_only_says_so_and_is_never_replaced(
    sample_db: Path, clock: FrozenClock
) -> None:
    sample_db.chmod(0o444)
    before = sample_db.read_bytes(), sample_db.stat().st_ino
    folder = sample_db.parent
    lock_path(sample_db).unlink(missing_ok=True)  # left by the sample's writer
    async with running(sample_db, clock) as (app, pilot):
        assert app.store.read_only == "the file is read-only"
        await wait_until(pilot, lambda: "is open read-only" in screen_text(app))
        shown = screen_text(app)
        assert "notebook.json - read-only" in shown
        assert "is open read-only: the file is read-only. Nothing you change here is saved" in (
            widget_text(app, "Toast")
        )
        await pilot.press("n")
        await type_text(pilot, "typed anyway")
        await wait_until(pilot, lambda: "NOT SAVED" in screen_text(app))
        assert "opened read-only" in " ".join(screen_text(app).split())  # a toast wraps
        assert app.notebook.last_save_error.endswith(  # type: ignore[union-attr]
            "export them (ctrl+p, Export) before you quit."
        )  # not "infoview will try again": it will not
        assert app.screen.query_one(NotesEditor).text.startswith("typed anyway")
        await pilot.press("escape", "q")  # quitting asks before throwing the edit away
        await pilot.pause()
        assert "Quit anyway" in screen_text(app)
    assert (sample_db.read_bytes(), sample_db.stat().st_ino) == before
    assert mode(sample_db) == 0o444
    assert sorted(p.name for p in folder.iterdir()) == ["notebook.json"]  # no lock, backup, view


READ_ONLY_FOLDER = """
import os, sys
from pathlib import Path
from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook
notebook = Notebook.open(Path(sys.argv[1]), system_clock)
print(notebook.store.read_only, len(notebook.contacts), flush=True)
notebook.set_contact_notes(1, "not written")
print(notebook.flush(), flush=True)
"""


def test_a_read_only_folder_with_no_lock_file_opens_for_viewing(
    sample_db: Path, tmp_path: Path
) -> None:
    """For real: a folder this user cannot write (as root, the child runs as nobody)."""
    base = Path(tempfile.mkdtemp(prefix="infoview-ro-"))
    try:
        base.chmod(0o755)
        folder = base / "ro"
        folder.mkdir()
        path = folder / "notebook.json"
        path.write_bytes(sample_db.read_bytes())  # and no lock file
        if os.getuid() == 0:
            os.chown(path, 65534, 65534)  # nobody's own file, in a folder nobody cannot write
        folder.chmod(0o555)
        before = path.read_bytes(), path.stat().st_ino
        env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(base)}
        result = subprocess.run(
            [sys.executable, "-c", READ_ONLY_FOLDER, str(path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=base,
            timeout=60,
            user=65534 if os.getuid() == 0 else None,
        )
        assert result.returncode == 0, result.stderr
        opened, saved = result.stdout.splitlines()
        assert opened == "its folder is read-only 12"
        assert "opened read-only (its folder is read-only)" in saved
        assert (path.read_bytes(), path.stat().st_ino) == before
        assert sorted(p.name for p in folder.iterdir()) == ["notebook.json"]
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()
        base.rmdir()


async def test_a_read_only_folder_says_so_on_screen(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = sample_db.parent
    lock_path(sample_db).unlink(missing_ok=True)  # left by the sample's writer

    def access(path: Any, how: int, **kwargs: Any) -> bool:  # root may write anywhere
        return Path(path) != folder and os.access(path, how, **kwargs)

    monkeypatch.setattr(store_module, "os", _OsWith(access=access))
    async with running(sample_db, clock) as (app, pilot):
        await wait_until(pilot, lambda: "is open read-only" in screen_text(app))
        shown = screen_text(app)
        assert "notebook.json - read-only" in shown
        assert "is open read-only: its folder is read-only" in widget_text(app, "Toast")
        assert "Aiko Tanaka" in shown
    assert not folder.joinpath("notebook.json.lock").exists()


def test_a_lock_file_that_cannot_be_made_means_read_only_not_a_crash(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Any, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(store_module.filelock.FileLock, "acquire", refuse)
    before = sample_db.read_bytes()
    store = NotebookStore(sample_db, clock)
    assert store.read_only == "its lock file cannot be made"
    with pytest.raises(PermissionError):
        store.write({}, {})
    store.close()
    assert sample_db.read_bytes() == before


def test_a_clock_set_back_does_not_rotate_out_the_backup_just_taken(
    sample_db: Path, clock: FrozenClock
) -> None:
    notebook = Notebook.open(sample_db, clock)
    save_versions(notebook, clock, KEEP)
    made = [p.name for p in backups(sample_db)]
    assert len(made) == KEEP
    before = sample_db.read_bytes()
    clock.advance(
        -timedelta(days=400).total_seconds()
    )  # the clock is set back (a dead RTC battery, a VM)
    notebook.set_contact_notes(1, "after the clock went back")
    assert notebook.flush() is None
    assert notebook.close() is None
    found = backups(sample_db)
    assert len(found) == KEEP
    assert found[0].read_bytes() == before  # the backup just taken, kept and newest
    assert "20251" in found[0].name  # its stamp is the (wrong) wall clock's
    assert [p.name for p in found[1:]] == made[:-1]  # the first made went, not the newest


# ----- 13. dependency floors -----------------------------------------------------------------


def test_filelock_floor_is_past_the_symlink_cves_and_the_installed_one_meets_it() -> None:
    import importlib.metadata
    import re
    import tomllib

    deps = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    floors = {
        m.group(1): tuple(int(n) for n in m.group(2).split("."))
        for d in deps
        if (m := re.fullmatch(r"([\w-]+)(?:\[[\w,]+\])?\s*>=\s*([\d.]+).*", d))
    }
    assert floors["filelock"] >= (3, 20, 3)  # CVE-2025-68146 (3.20.1), CVE-2026-22701 (3.20.3)
    assert floors["markdown-it-py"] >= (2, 2, 0)  # CVE-2023-26302, CVE-2023-26303
    installed = importlib.metadata.version("filelock")
    assert tuple(int(n) for n in installed.split(".")[:3]) >= floors["filelock"]
