"""Saving: autosave timing (``save_due``), the snapshot handed to the save thread, the
write itself (``_write``, ``save_async``, ``flush``), batches (an import) and the merge of a
file changed on disk or of a sync engine's conflict copies (store/merge.py).

Every edit bumps ``version`` and marks the notebook dirty. Saving is the caller's timer's job
(``save_due`` tells when; ``save_async`` writes off the event loop; ``flush`` writes now, for
quit and signals). Nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..model import Clock, Record
from ..store import NotebookFileError, NotebookStore
from ..store.conflicts import conflict_copies, file_stamp, folder_stamp, move_merged
from ..store.merge import Conflict, MergeResult, merge_notebooks
from ..store.store import OtherVersion
from .tables import KINDS, Tables

QUIET_SECONDS = 0.5
"""Save this long after the last edit..."""
MAX_WAIT_SECONDS = 0.75
"""...and at least this often while edits keep coming. With the app's 0.1 s save tick and the
write itself this bounds what a kill -9 loses to under a second of typing (measured in tmux:
bench/e2e_kill_bench.py)."""
RETRY_SECONDS = 5.0
"""After a failed save (a full disk), try again this much later."""


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Everything a save writes, taken on the event loop, safe to hand to a thread."""

    version: int
    tables: dict[str, tuple[Record, ...]]
    meta: dict[str, Any]
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class MergeReport:
    """What one merge did, for the app to tell (``Notebook.take_reports``)."""

    source: str
    """The file merged in: the notebook's own name (changed on disk) or a conflict copy's."""
    conflicts: tuple[Conflict, ...] = ()
    backup: Path | None = None
    """The notebook file as it was before the merge wrote over it."""
    moved: Path | None = None
    """Where a merged conflict copy went (``merged/``)."""
    error: str | None = None
    """Why it could not be merged (then nothing was changed)."""

    def message(self) -> str:
        if self.error is not None:
            return self.error
        text = f"Merged the changes in {self.source} from another device."
        if self.conflicts:
            names = ", ".join(dict.fromkeys(c.describe() for c in self.conflicts))
            text += (
                f" Changed on both: {names}. Notes changed on both sides keep both texts "
                "(between <<<<<<< and >>>>>>> lines); for other fields this copy's value "
                "was kept."
            )
        if self.backup is not None:
            text += f" The file before the merge is kept as {self.backup.name}."
        if self.moved is not None:
            text += f" {self.source} is moved to {self.moved.parent.name}/."
        return text


class _Unmergeable(OSError):
    """The file in the notebook's place does not read as a notebook: nothing is written."""


def _read_copy(store: NotebookStore, path: Path) -> OtherVersion:
    from ..store.store import _read, read_other

    data, st = _read(path)
    return read_other(path, data, st, KINDS)


@dataclasses.dataclass(frozen=True)
class _Merged:
    """A merge done in the worker, for ``_adopt`` on the event loop."""

    result: MergeResult | None
    """None when nothing was merged (only reports of copies that could not be)."""
    reports: tuple[MergeReport, ...]


class Autosave(Tables):
    """When to save, the save itself (on a thread or now), batches, and merges."""

    def __init__(
        self,
        store: NotebookStore | None,
        clock: Clock,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(store, clock, monotonic)
        self.saved_version = 0
        self.retry_at: float | None = None
        self.last_save_error: str | None = None
        self._saving = False
        self._batch_abandoned = False
        self._before_batch: Snapshot | None = None
        """The notebook as it was when a batch (an import) began: what a flush writes while
        the batch runs, so a signal mid-import saves the notebook before it, never half."""
        self._write_lock = threading.Lock()
        self._written_version = 0
        """Version of the snapshot last written; an older one (a slow save_async) is not written."""
        self.base: dict[str, dict[int, Record]] = {}
        """The records as both sides last agreed (the file last read from elsewhere, or at
        open): what a merge compares both versions with. Read and set under _write_lock."""
        self.base_meta: dict[str, Any] = {}
        self._first_check = True
        """Conflict copies found at the first check merge against the base kept from the last
        session (``NotebookStore.load_base``); that check then keeps the file opened as base."""
        self._folder_seen: int | None = None
        self._bad_copies: dict[Path, tuple[int, int, int] | None] = {}
        """Conflict copies that could not be merged, as they were (tried again if changed)."""
        self.reports: list[MergeReport] = []
        """Merges not yet told to the user (``take_reports``)."""
        self.conflicts: list[Conflict] = []
        """Every record changed on both sides this session (Today lists them)."""

    @property
    def dirty(self) -> bool:
        return self.version != self.saved_version

    def save_due(self) -> bool:
        """True when the debounce says a save should start now."""
        if not self.dirty or self._saving or self.busy or self.store is None:
            return False
        now = self.monotonic()
        if self.retry_at is not None and now < self.retry_at:
            return False
        assert self.last_edit_at is not None and self.first_unsaved_at is not None
        return (
            now - self.last_edit_at >= QUIET_SECONDS
            or now - self.first_unsaved_at >= MAX_WAIT_SECONDS
        )

    def snapshot(self) -> Snapshot:
        self._edited_since_snapshot_at = None
        tables = {name: tuple(records.values()) for name, records in self.tables.items()}
        return Snapshot(self.version, tables, copy.deepcopy(self.meta), self.extra_tables)

    def _write(self, snapshot: Snapshot, check: bool = True) -> _Merged | None:
        """Write ``snapshot`` (on a worker thread, or on the loop for a flush). First, unless
        ``check`` is off: is the file still the one infoview last read or wrote, and has a
        sync engine left conflict copies beside it? Then their changes are merged with the
        snapshot's (``store/merge.py``), the file before the merge kept as a backup, and the
        merge written; the result comes back for ``_adopt``. A version that does not read
        as a notebook is left as it is and nothing is written (NotebookFileError)."""
        assert self.store is not None and self.partial is None  # never write a part
        store = self.store
        with self._write_lock:
            others: list[OtherVersion] = []
            copies: list[Path] = []
            bad: list[MergeReport] = []
            base: tuple[dict[str, dict[int, Record]], dict[str, Any]] | None = None
            first, self._first_check = self._first_check, False
            if check and store.read_only is None:
                if store.disk_changed():
                    try:
                        other = store.read_changed(KINDS)
                    except NotebookFileError as exc:
                        raise _Unmergeable(
                            f"The notebook file {store.path.name} was replaced by one that "
                            f"does not read as a notebook ({exc.reason}). infoview has not "
                            "written over it; your changes are kept in memory. Put a good "
                            "notebook file back (or remove that one) and they are saved."
                        ) from None
                    if other is not None:
                        others.append(other)
                copies = self._conflict_copies(first)
                for copy_path in copies:
                    try:
                        others.append(_read_copy(store, copy_path))
                    except (OSError, NotebookFileError) as exc:
                        self._bad_copies[copy_path] = file_stamp(copy_path)
                        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", exc)
                        bad.append(
                            MergeReport(
                                copy_path.name,
                                error=f"The conflict copy {copy_path.name} could not be "
                                f"merged ({reason}); it is left where it is, unchanged.",
                            )
                        )
                if first and copies:
                    kept = store.load_base(KINDS)
                    base = (
                        (kept.records, kept.tables["meta"]["1"]) if kept is not None else ({}, {})
                    )
                if first:
                    store.remember_base()
                if bad and not others:
                    return _Merged(None, tuple(bad))
            if not others:
                if snapshot.version <= self._written_version:
                    return None  # a flush already wrote a newer snapshot while this save waited
                store.write(snapshot.tables, snapshot.meta, snapshot.extra)
                self._written_version = snapshot.version
                if check and store.read_only is None:
                    self._saw_own_write()
                return None
            return self._merge_in(snapshot, others, base, bad)

    def _saw_own_write(self) -> None:
        """Our own save changed the folder's time: not a reason to look again, unless a
        conflict copy is there (then the next tick merges it)."""
        assert self.store is not None
        self._folder_seen = folder_stamp(self.store.path)
        if self._conflict_copies(True):
            self._folder_seen = None

    def _conflict_copies(self, first: bool) -> list[Path]:
        """Conflict copies to merge now (the folder is listed only when it changed)."""
        assert self.store is not None
        stamp = folder_stamp(self.store.path)
        if not first and stamp == self._folder_seen:
            return []
        self._folder_seen = stamp
        return [
            p
            for p in conflict_copies(self.store.path)
            if p not in self._bad_copies or self._bad_copies[p] != file_stamp(p)
        ]

    def _merge_in(
        self,
        snapshot: Snapshot,
        others: list[OtherVersion],
        base: tuple[dict[str, dict[int, Record]], dict[str, Any]] | None,
        bad: list[MergeReport],
    ) -> _Merged:
        """Merge ``others`` (the changed file first, then conflict copies) into the snapshot
        and write the result over the notebook (kept as a backup first)."""
        store = self.store
        assert store is not None
        ours: dict[str, dict[int, Record]] = {
            name: {r.id: r for r in records} for name, records in snapshot.tables.items()
        }
        written = {name: {r.id: r for r in records} for name, records in store.last_written.items()}
        meta, extra = snapshot.meta, snapshot.extra
        conflicts: list[tuple[OtherVersion, MergeResult]] = []
        result: MergeResult | None = None
        for other in others:
            theirs_meta = other.tables.get("meta", {}).get("1", {})
            theirs_extra = {k: v for k, v in other.tables.items() if k != "meta"}
            is_copy = other.path != store.path
            base_tables, base_meta = (
                base if is_copy and base is not None else (self.base, self.base_meta)
            )
            label = other.path.name if is_copy else f"{other.path.name} on another device"
            result = merge_notebooks(
                base_tables,
                ours,
                other.records,
                meta=(base_meta, meta, theirs_meta),
                extra=(extra, theirs_extra),
                label=label,
                written=written,
            )
            conflicts.append((other, result))
            ours, meta, extra = result.tables, result.meta, result.extra
            if not is_copy:  # the file now agreed on: the base of the next merge
                self.base = {name: dict(records) for name, records in other.records.items()}
                self.base_meta = copy.deepcopy(theirs_meta)
        assert result is not None
        backup = store.backup_now()
        only_file = len(others) == 1 and others[0].path == store.path
        if only_file and result.same_as_theirs:
            store.accept(others[0].state)  # theirs is the merge: nothing to write back
        else:
            store.write({n: tuple(t.values()) for n, t in ours.items()}, meta, extra)
        if others[0].path == store.path:
            store.remember_base(others[0].raw)
        self._written_version = max(self._written_version, snapshot.version)
        reports = list(bad)
        for other, part in conflicts:
            moved = None
            if other.path != store.path:
                try:
                    moved = move_merged(other.path)
                except OSError:
                    self._bad_copies[other.path] = file_stamp(other.path)
            reports.append(MergeReport(other.path.name, part.conflicts, backup, moved))
        self._saw_own_write()
        final = dataclasses.replace(
            result,
            tables=ours,
            meta=meta,
            extra=extra,
            conflicts=tuple(c for _, part in conflicts for c in part.conflicts),
        )
        return _Merged(final, tuple(reports))

    def _adopt(self, snapshot: Snapshot, merged: _Merged | None) -> None:
        """Take a merge's result as the notebook (on the event loop). Edits made while it ran
        are merged on top of it, the snapshot as their base, and stay unsaved."""
        if merged is None:
            return
        self.reports.extend(merged.reports)
        result = merged.result
        if result is None:
            return
        tables, meta, extra = result.tables, result.meta, result.extra
        edited = self.version != snapshot.version
        if edited:
            again = merge_notebooks(
                {name: {r.id: r for r in records} for name, records in snapshot.tables.items()},
                self.tables,
                tables,
                meta=(snapshot.meta, self.meta, meta),
                extra=(self.extra_tables, extra),
                label="this device",
            )
            tables, meta, extra = again.tables, again.meta, again.extra
        self.tables = {kind.TABLE: dict(tables.get(kind.TABLE, {})) for kind in KINDS}
        self.meta, self.extra_tables = meta, dict(extra)
        self._last_ids = {}
        self._links_cache = None
        self.conflicts.extend(result.conflicts)
        self.version += 1
        if not edited:
            self.saved_version = self.version
            self._written_version = max(self._written_version, self.version)

    def take_reports(self) -> list[MergeReport]:
        """The merges done since the last call (each told once)."""
        reports, self.reports = self.reports, []
        return reports

    def check_due(self) -> bool:
        """True when the save tick should look at a change on disk now (``disk_changed``),
        not while a save runs or an import does, nor before a failed one's retry time."""
        if self._saving or self.busy:
            return False
        if self.retry_at is not None and self.monotonic() < self.retry_at:
            return False
        return self.disk_changed()

    def disk_changed(self) -> bool:
        """Did another program put a file in the notebook's place, or a sync engine a
        conflict copy beside it? Two stats (microseconds): the save tick asks every time."""
        store = self.store
        if store is None or store.read_only is not None or self.partial is not None:
            return False
        if self._first_check or store.disk_changed():
            return True
        return folder_stamp(store.path) != self._folder_seen

    def _saved(self, snapshot: Snapshot) -> None:
        self.saved_version = max(self.saved_version, snapshot.version)
        self.last_save_error = None
        self.retry_at = None
        # Edits made while the snapshot was being written are unsaved since they were made,
        # not since the write finished: a slow save must not stretch the loss window.
        edited = self._edited_since_snapshot_at
        if not self.dirty:
            self.first_unsaved_at = None
        else:
            self.first_unsaved_at = edited if edited is not None else self.monotonic()

    def _failed(self, exc: OSError, unmergeable: bool = False) -> str:
        self.retry_at = self.monotonic() + RETRY_SECONDS
        if unmergeable:
            self.last_save_error = str(exc)
            return self.last_save_error
        reason = exc.strerror or str(exc)
        then = (
            "infoview will try again."
            if self.store is None or self.store.read_only is None
            else "export them (ctrl+p, Export) before you quit."
        )
        self.last_save_error = (
            f"Could not save to {self.store.path if self.store else '?'}: {reason}. "
            f"Your changes are kept in memory; {then}"
        )
        return self.last_save_error

    async def save_async(self, check: bool = False) -> str | None:
        """Write a snapshot in a thread, merging what changed on disk first (``_write``).
        ``check``: also when nothing was edited (the save tick saw the file change).
        Returns an error message, or None on success."""
        if self.store is None or not (self.dirty or check) or self._saving or self.busy:
            return None
        if self.partial is not None:
            return None
        snapshot = self.snapshot()
        self._saving = True
        try:
            merged = await asyncio.to_thread(self._write, snapshot)
        except _Unmergeable as exc:
            return self._failed(exc, unmergeable=True)
        except OSError as exc:
            return self._failed(exc)
        finally:
            self._saving = False
        self._saved(snapshot)
        self._adopt(snapshot, merged)
        return None

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many edits made from a worker thread that are saved together or not at all.

        While it runs no save starts, and a flush (quit, SIGTERM, SIGHUP) writes the notebook
        as it was before the batch. If the batch raises, or was abandoned (``abandon_batch``:
        the app is closing), its edits are undone when it ends.
        """
        before = self.snapshot()
        self._before_batch = before
        self._batch_abandoned = False
        try:
            yield
            if self._batch_abandoned:
                self._roll_back(before)
        except BaseException:
            self._roll_back(before)
            raise
        finally:
            self._before_batch = None

    @property
    def busy(self) -> bool:
        """True while a batch (an import, from a worker thread) changes the notebook: no save
        starts then."""
        return self._before_batch is not None

    @property
    def batch_abandoned(self) -> bool:
        """True once ``abandon_batch`` was called for the batch under way."""
        return self._before_batch is not None and self._batch_abandoned

    def abandon_batch(self) -> bool:
        """The app is closing during a batch (an import): it is undone when it ends, and
        every flush until then writes the notebook as it was before it. True if one runs."""
        if self._before_batch is None:
            return False
        self._batch_abandoned = True
        return True

    def _roll_back(self, before: Snapshot) -> None:
        self.tables = {name: {r.id: r for r in records} for name, records in before.tables.items()}
        self.meta = before.meta
        self.extra_tables = before.extra
        self.version += 1  # caches keyed on the version are rebuilt

    def flush(self, look: bool = False) -> str | None:
        """Write now, on this thread (quit, SIGTERM, SIGHUP). Returns an error message or None.

        Unedited, it writes only to merge a file replaced under it (so a command that only
        reads, ``infoview export``, changes nothing); ``look`` also looks for conflict copies
        and keeps the merge base, as the app's save tick does (``check_due``).

        During a batch (an import) this writes the notebook as it was before the batch, and
        the notebook stays dirty.
        """
        if self.store is None or self.partial is not None:
            return None  # a start view's part is never written (nor anything merged into it)
        replaced = self.store.read_only is None and self.store.disk_changed()
        if not (self.dirty or replaced or (look and self.disk_changed())):
            return None
        before = self._before_batch
        if before is not None:
            if before.version <= self.saved_version:
                return None
            try:
                self._write(before)  # a merge is written, not taken in: the batch runs on
            except _Unmergeable as exc:
                return self._failed(exc, unmergeable=True)
            except OSError as exc:
                return self._failed(exc)
            self.saved_version = max(self.saved_version, before.version)
            return None
        snapshot = self.snapshot()
        try:
            merged = self._write(snapshot)
        except _Unmergeable as exc:
            return self._failed(exc, unmergeable=True)
        except OSError as exc:
            return self._failed(exc)
        self._saved(snapshot)
        self._adopt(snapshot, merged)
        return None

    def close(self) -> str | None:
        """Flush and release the lock. Returns an error message if the last save failed."""
        error = self.flush()
        if self.store is not None and error is None:
            self.store.close()
        return error
