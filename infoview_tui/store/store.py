"""NotebookStore: the notebook file on disk, its lock, its backups and its schema."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import operator
import os
import shutil
import stat
import threading
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import filelock

from ..model import Clock, Record, ValidationError
from .atomic import remove_stale_temp_files
from .backups import make_backup, newest_good_backup
from .errors import NotebookFileError, NotebookLockedError
from .parse import Tables, parse_notebook, stream_notebook
from .paths import make_state_dir, state_dir
from .schema import META_ID, META_TABLE, SCHEMA_VERSION, migrate, schema_version
from .storage import SafeJSONStorage

BACKUP_EVERY = timedelta(minutes=10)
CHUNK_RECORDS = 500

ChunkCache = dict[tuple[str, int], tuple[Sequence[Record], bytes]]
"""The bytes of each run of CHUNK_RECORDS records as last written, keyed by (table, start),
with the records they were made from. Records are immutable, so a run holding the very same
objects has the very same bytes: a save after typing in one note re-encodes one run, not the
whole notebook (a 10 MB save then holds the interpreter lock ~1 ms instead of ~20 ms, which
typing in the app would otherwise feel)."""


def _same(a: Sequence[Record], b: Sequence[Record]) -> bool:
    return len(a) == len(b) and all(map(operator.is_, a, b))


def lock_path(path: Path) -> Path:
    """The lock of the notebook at ``path``: in this device's state folder (``state_dir``), not
    beside the notebook, where a sync engine would carry it to another device and could
    replace it under a running infoview (two writers on one device)."""
    return state_dir(path) / "lock"


BASE_NAME = "base.json"
BASE_KEY = "base.key"


@dataclasses.dataclass(frozen=True)
class FileState:
    """What tells the notebook file infoview last read or wrote from any other: its size,
    modification time, inode (a cheap stat tells those) and the SHA-256 of its bytes."""

    size: int
    mtime_ns: int
    ino: int
    digest: str

    def same_stat(self, st: os.stat_result) -> bool:
        return (st.st_size, st.st_mtime_ns, st.st_ino) == (self.size, self.mtime_ns, self.ino)

    @classmethod
    def of(cls, st: os.stat_result, digest: str) -> FileState:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, digest)


@dataclasses.dataclass
class OtherVersion:
    """A version of the notebook from elsewhere (the file changed on disk, a conflict copy)."""

    path: Path
    records: dict[str, dict[int, Record]]
    tables: Tables
    """meta and the tables this version does not know."""
    raw: bytes
    state: FileState


class _Hashing:
    """Chunks passed through while their SHA-256 and length are taken (a save's bytes)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.digest = hashlib.sha256()

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.digest.update(chunk)
            yield chunk


def read_only_reason(path: Path) -> str | None:
    """Why the notebook at ``path`` (its real path) must not be written, or None.

    A file without its owner's write bit (0444) is the user saying "do not change this": a
    save would replace it all the same (a rename needs only the folder), so it is not made."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        pass
    else:
        if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
            return "the file is read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "its folder is read-only"
    return None


def read_tables(path: Path) -> tuple[Tables, int]:
    """Read and migrate (in memory only) a notebook file; raise NotebookFileError if bad."""
    storage = SafeJSONStorage(path)
    tables = storage.read()
    if tables is None:
        raise NotebookFileError(path, "no notebook file here")
    try:
        return migrate(tables)
    except ValueError as exc:
        raise NotebookFileError(path, str(exc)) from None


def build_records(
    path: Path,
    tables: Tables,
    kinds: Sequence[type[Record]],
    *,
    strict: bool = False,
    consume: bool = False,
) -> dict[str, dict[int, Record]]:
    """Turn raw tables into model records, naming the record at fault if one is invalid.

    By default only types are checked (``Record.from_stored``: opening 10,000 contacts takes
    a tenth of the time); ``strict`` runs every validation rule, as ``infoview check`` does.
    ``consume`` empties ``tables`` as it goes, so the parsed file and the records are never
    both held whole (it lowers the memory peak of opening a big notebook).
    """
    out: dict[str, dict[int, Record]] = {}
    shared: dict[str, str] = {}  # one copy of each short text that many records repeat
    for kind in kinds:
        records: dict[int, Record] = {}
        docs = tables.get(kind.TABLE, {})
        for doc_id in list(docs):
            doc = docs.pop(doc_id) if consume else dict(docs[doc_id])
            doc["id"] = key = int(doc_id)  # one int object for both (10,000s of them)
            try:
                records[key] = kind.from_dict(doc) if strict else kind.from_stored(doc, shared)
            except (ValidationError, TypeError) as exc:
                raise NotebookFileError(
                    path, f"record {kind.TABLE}#{doc_id} is invalid: {exc}"
                ) from None
        out[kind.TABLE] = records
    return out


def serialise(
    tables: Mapping[str, Sequence[Record]],
    meta: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
    cache: ChunkCache | None = None,
) -> Iterator[bytes]:
    """The notebook as TinyDB JSON, in chunks, so a big save never holds the GIL for long.

    ``extra`` holds tables this version does not know (from a plugin or a later minor
    version); they are written back unchanged rather than dropped. ``cache`` (updated here)
    lets runs of records that did not change since the last save reuse their bytes.
    """
    yield b"{"
    for name, docs in (extra or {}).items():
        yield f"{json.dumps(name)}:{json.dumps(docs, ensure_ascii=False)},".encode()
    for name, records in tables.items():
        yield f'"{name}":{{'.encode()
        for start in range(0, len(records), CHUNK_RECORDS):
            part = records[start : start + CHUNK_RECORDS]
            known = cache.get((name, start)) if cache is not None else None
            if known is not None and _same(known[0], part):
                yield known[1]
                continue
            text = ",".join(f'"{r.id}":{r.json}' for r in part)
            data = (("," if start else "") + text).encode("utf-8")
            if cache is not None:
                cache[(name, start)] = (part, data)
            yield data
        yield b"},"
    meta_json = json.dumps(dict(meta), ensure_ascii=False, separators=(",", ":"))
    yield f'"{META_TABLE}":{{"{META_ID}":{meta_json}}}}}'.encode()


class NotebookStore:
    """Owns the file: takes the lock on open, writes snapshots atomically, rotates backups."""

    def __init__(self, path: Path, clock: Clock) -> None:
        # A link (a notebook kept in a synced folder) is followed once, here: every save goes
        # to the file it names and the link stays; the lock, the temp files, the backups and
        # the start view sit beside that file, so two paths to one file share one lock.
        self.path = path = Path(os.path.realpath(path))
        self.clock = clock
        self.storage = SafeJSONStorage(path)
        self.write_lock = threading.Lock()
        self._chunks: ChunkCache = {}
        """Bytes of the last save's runs of records (used and updated under write_lock)."""
        self._last_backup: datetime | None = None
        self.known: FileState | None = None
        """The file as infoview last read or wrote it (None: no file yet)."""
        self.last_written: Mapping[str, Sequence[Record]] = {}
        """The records of the last save (a merge knows theirs did not change what equals it)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = filelock.FileLock(lock_path(path), timeout=0)
        self.read_only = read_only_reason(path)
        """Why nothing is written (the notebook is open for viewing), or None."""
        if self.read_only is not None:
            return  # no lock taken (it may not be creatable), nothing ever written
        try:
            make_state_dir(path)
            self._lock.acquire()
        except filelock.Timeout:
            raise NotebookLockedError(path) from None
        except OSError:
            if not path.exists():
                raise
            self.read_only = "its lock file cannot be made"
            return
        remove_stale_temp_files(path)

    def _refuse_if_read_only(self) -> None:
        if self.read_only is not None:
            raise PermissionError(
                errno.EACCES, f"opened read-only ({self.read_only}); nothing is written"
            )

    def load_records(
        self, kinds: Sequence[type[Record]]
    ) -> tuple[dict[str, dict[int, Record]], Tables] | None:
        """The records of ``kinds`` and the other tables as they are (meta, and any this
        version does not know), or None if there is no file yet. Raises NotebookFileError.

        Each record is built as soon as the file's reader reaches it (``stream_notebook``),
        so the file's parsed documents are never all held at once: opening 10,000 contacts
        peaks several MB lower than parsing it whole first. A file that is not plainly a
        current notebook (damaged, or an older schema to migrate) is read the careful way,
        ``read_tables`` then ``build_records``, which names any fault exactly.
        """
        try:
            data, st = _read(self.path)
        except FileNotFoundError:
            self.known = None
            return None
        self.known = FileState.of(st, hashlib.sha256(data).hexdigest())
        raw = [data]
        del data  # records_from_bytes lets the bytes go once decoded
        return records_from_bytes(self.path, raw, kinds)

    # ----- other versions of the notebook (issue 15) ------------------------------------

    def disk_changed(self) -> bool:
        """Is the file at the notebook's path not the one infoview last read or wrote? One
        stat (a few microseconds); a changed stat may still hold the same bytes (a sync
        engine writing back the same file): ``read_changed`` tells."""
        try:
            st = os.stat(self.path)
        except OSError:
            return False  # gone (between a sync engine's unlink and rename): the save remakes it
        return self.known is None or not self.known.same_stat(st)

    def read_changed(self, kinds: Sequence[type[Record]]) -> OtherVersion | None:
        """The file at the notebook's path if it is not what infoview last read or wrote, else
        None (a new stat with the very same bytes is taken as known). Raises
        NotebookFileError for a file that does not read as a notebook."""
        try:
            data, st = _read(self.path)
        except FileNotFoundError:
            return None
        digest = hashlib.sha256(data).hexdigest()
        if self.known is not None and digest == self.known.digest:
            self.known = FileState.of(st, digest)
            return None
        return read_other(self.path, data, st, kinds)

    def accept(self, state: FileState) -> None:
        """The file with ``state`` is now the one infoview agrees with (merged in)."""
        self.known = state

    def remember_base(self, raw: bytes | None = None) -> None:
        """Keep the version both sides last agreed on in this device's state folder (the bytes
        given, else a copy of the notebook file as it is). Never
        raises: without a base a merge only reports more conflicts."""
        if self.read_only is not None:
            return
        with contextlib.suppress(OSError):
            folder = make_state_dir(self.path)
            target = folder / BASE_NAME
            tmp = folder / (BASE_NAME + TMP)
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            if raw is not None:
                tmp.write_bytes(raw)
            else:  # a copy: a hard link would change the notebook's ctime (and start view key)
                shutil.copyfile(self.path, tmp)
            os.replace(tmp, target)
            st = os.stat(target)
            key = [st.st_size, st.st_mtime_ns, st.st_ino, os.fspath(self.path)]
            (folder / BASE_KEY).write_text(json.dumps(key), "utf-8")

    def load_base(self, kinds: Sequence[type[Record]]) -> OtherVersion | None:
        """The base kept by ``remember_base``, or None (none, or changed since it was kept)."""
        try:
            folder = state_dir(self.path)
            target = folder / BASE_NAME
            key = json.loads((folder / BASE_KEY).read_text("utf-8"))
            data, st = _read(target)
            if key != [st.st_size, st.st_mtime_ns, st.st_ino, os.fspath(self.path)]:
                return None
            return read_other(target, data, st, kinds)
        except (OSError, ValueError, NotebookFileError):
            return None

    def backup_now(self) -> Path | None:
        """Keep the file as it is now as a backup (before a merge writes over it)."""
        if self.read_only is not None:
            return None
        with self.write_lock:
            return make_backup(self.path, self.clock())

    def write(
        self,
        tables: Mapping[str, Sequence[Record]],
        meta: Mapping[str, Any],
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        """Write a snapshot. Safe to call from a worker thread; raises OSError on failure."""
        self._refuse_if_read_only()
        with self.write_lock:
            now = self.clock()
            since = None if self._last_backup is None else now - self._last_backup
            # A backup every BACKUP_EVERY (at once if the clock went back). Only a complete one
            # counts (none is made on a full disk): then the next save tries again.
            if (since is None or not timedelta(0) <= since < BACKUP_EVERY) and (
                make_backup(self.path, now) is not None or not self.path.exists()
            ):
                self._last_backup = now
            hashing = _Hashing(serialise(tables, meta, extra, self._chunks))
            try:
                written = self.storage.write_chunks(hashing)
            except BaseException:
                self._chunks.clear()  # a failed save: start again from the records
                raise
            self.known = FileState.of(written, hashing.digest.hexdigest())
            self.last_written = tables

    def newest_good_backup(self) -> Path | None:
        return newest_good_backup(self.path)

    def restore(self, backup: Path) -> Path:
        """Put ``backup`` in place of a damaged file, keeping the damaged one aside; return it."""
        self._refuse_if_read_only()
        stamp = self.clock().strftime("%Y%m%dT%H%M%S")
        damaged = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        if self.path.exists():
            self.path.rename(damaged)
        raw = backup.read_bytes()
        parse_notebook(backup, raw)
        written = self.storage.write_chunks([raw])
        self.known = FileState.of(written, hashlib.sha256(raw).hexdigest())
        return damaged

    def close(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


TMP = ".tmp"


def _read(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and its stat, the same file's (read again if it was replaced
    while being read)."""
    while True:
        before = os.stat(path)
        data = path.read_bytes()
        after = os.stat(path)
        if (before.st_ino, before.st_size, before.st_mtime_ns) == (
            after.st_ino,
            after.st_size,
            after.st_mtime_ns,
        ):
            return data, after


def read_other(
    path: Path, data: bytes, st: os.stat_result, kinds: Sequence[type[Record]]
) -> OtherVersion:
    """Another version's bytes as records; raises NotebookFileError (a newer schema too)."""
    digest = hashlib.sha256(data).hexdigest()
    records, tables = records_from_bytes(path, [data], kinds, again=data)
    return OtherVersion(path, records, tables, data, FileState.of(st, digest))


def records_from_bytes(
    path: Path, raw: list[bytes], kinds: Sequence[type[Record]], again: bytes | None = None
) -> tuple[dict[str, dict[int, Record]], Tables]:
    """Records and other tables of a notebook file's bytes (``raw`` is emptied: the bytes
    are let go as soon as they are decoded). A file that is not plainly a current notebook
    (damaged, or an older schema to migrate) is read again the careful way, which names any
    fault exactly: from ``again`` (the bytes), else from ``path``."""
    by_table = {kind.TABLE: kind for kind in kinds}
    shared: dict[str, str] = {}

    def build(table: str, doc_id: str, doc: dict[str, Any]) -> tuple[Any, Any]:
        kind = by_table.get(table)
        if kind is None:
            return doc_id, doc
        doc["id"] = key = int(doc_id)
        return key, kind.from_stored(doc, shared)

    try:
        tables = stream_notebook(raw, build)
    except (ValidationError, TypeError):
        tables = None  # a record this version cannot build (or an older schema's)
    if tables is None or schema_version(tables) != SCHEMA_VERSION:
        careful = parse_notebook(path, again if again is not None else path.read_bytes())
        try:
            careful, _ = migrate(careful)
        except ValueError as exc:
            raise NotebookFileError(path, str(exc)) from None
        return build_records(path, careful, kinds, consume=True), careful
    records = {kind.TABLE: tables.pop(kind.TABLE, {}) for kind in kinds}
    return records, tables
