"""Rotated copies of the last good notebook files, kept beside the notebook.

A backup is named ``<notebook>.bak-<number>-<UTC time>``; the number counts up, so the order of
creation, not the clock, decides which ones rotation keeps (a clock set back cannot make the
backup just taken look oldest). Backups of older versions (``<notebook>.bak-<UTC time>``) count
as older than every numbered one. A backup gets its name only once it is complete: a hard link
(the same file), else a copy written under a temp name, fsync'd and checked (size and SHA-256)
before it is renamed; a copy that fails (a full disk) is removed, so a broken copy never counts
and never pushes a good one out. Every backup is readable by the user alone (0600), even when
the notebook was not.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from .atomic import TMP_SUFFIX, fsync_dir
from .errors import NotebookFileError
from .parse import parse_notebook

KEEP = 5
MARK = ".bak-"
PRIVATE = 0o600
COPY_CHUNK = 1 << 20
_NUMBERED = re.compile(r"(\d+)-")


def _order(backup: Path) -> tuple[int, str]:
    """Creation order: the number of a numbered backup (older unnumbered ones count as 0)."""
    tail = backup.name.rsplit(MARK, 1)[-1]
    numbered = _NUMBERED.match(tail)
    return (int(numbered.group(1)) if numbered else 0, tail)


def backups(path: Path) -> list[Path]:
    """The backups of ``path`` (regular files only, never a link), newest (last made) first."""
    found = [p for p in path.parent.glob(f"{path.name}{MARK}*") if _regular(p)]
    return sorted(found, key=_order, reverse=True)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def make_backup(path: Path, now: datetime) -> Path | None:
    """Keep the current file as a backup and prune to the KEEP last made.

    Returns the backup, or None if there is no file or no complete backup could be made (a
    partial copy is removed; the caller may try again at its next save)."""
    try:
        source = os.stat(path)
    except FileNotFoundError:
        return None
    found = backups(path)
    number = _order(found[0])[0] + 1 if found else 1
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}{MARK}{number:06d}-{stamp}")
    try:
        _link_private(path, source, target)
    except OSError:
        try:
            _copy_verified(path, target)
        except OSError:
            return None
    fsync_dir(path.parent)
    for old in backups(path)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    for kept in backups(path):  # backups made before they were private (hard links of 0644)
        with contextlib.suppress(OSError):
            if stat.S_IMODE(kept.stat().st_mode) != PRIVATE:
                kept.chmod(PRIVATE)
    return target


def _link_private(path: Path, source: os.stat_result, target: Path) -> None:
    """A hard link to the notebook, which is made 0600 first (a link shares its mode)."""
    if stat.S_IMODE(source.st_mode) != PRIVATE:
        os.chmod(path, PRIVATE)  # what the next save makes it anyway (a new 0600 file)
    os.link(path, target)


def _copy_verified(path: Path, target: Path) -> None:
    """Copy ``path`` to ``target`` through a temp file that is fsync'd and checked first."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        expected = hashlib.sha256()
        size = 0
        with open(path, "rb") as source, os.fdopen(fd, "wb") as copy:
            while chunk := source.read(COPY_CHUNK):
                copy.write(chunk)
                expected.update(chunk)
                size += len(chunk)
            copy.flush()
            os.fsync(copy.fileno())
        if _digest(Path(tmp_name)) != (size, expected.hexdigest()):
            raise OSError(errno.EIO, "the backup copy does not match the notebook")
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def newest_good_backup(path: Path) -> Path | None:
    """The newest backup that parses as a notebook, or None."""
    for candidate in backups(path):
        try:
            parse_notebook(candidate, candidate.read_bytes())
        except (OSError, NotebookFileError):
            continue
        return candidate
    return None
