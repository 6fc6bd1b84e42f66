"""The conflict copies sync engines leave beside a notebook, and where merged ones go.

Syncthing: ``notebook.sync-conflict-20261206-204455-ABCDEF1.json``; Dropbox: ``notebook (Sam's
conflicted copy 2026-12-06).json``; Nextcloud: ``notebook (conflicted copy 2026-12-06
204455).json``. Once merged into the notebook a copy is moved into ``merged/`` beside it,
never deleted.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MERGED = "merged"
_MIDDLE = re.compile(
    r"\.sync-conflict-\d{8}-\d{6}-[0-9A-Za-z]{7}"  # Syncthing
    r"| \((?:[^()]+'s )?conflicted copy [^()]*(?:\(\d+\))?\)"  # Dropbox, Nextcloud
)


def _split(name: str) -> tuple[str, str]:
    stem, dot, suffix = name.rpartition(".")
    return (stem, dot + suffix) if dot and stem else (name, "")


def is_conflict_copy(notebook: Path, candidate: str) -> bool:
    stem, suffix = _split(notebook.name)
    if candidate == notebook.name or not candidate.startswith(stem):
        return False
    if not candidate.endswith(suffix):
        return False
    middle = candidate[len(stem) : len(candidate) - len(suffix) if suffix else None]
    return _MIDDLE.fullmatch(middle) is not None


def conflict_copies(notebook: Path) -> list[Path]:
    """The sync engines' conflict copies of ``notebook`` in its folder (plain files only),
    oldest name first."""
    found: list[Path] = []
    try:
        with os.scandir(notebook.parent) as entries:
            for entry in entries:
                if is_conflict_copy(notebook, entry.name) and entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))
    except OSError:
        return []
    return sorted(found)


def folder_stamp(notebook: Path) -> int | None:
    """The folder's modification time: a new file in it changes it (a cheap stat)."""
    try:
        return os.stat(notebook.parent).st_mtime_ns
    except OSError:
        return None


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def move_merged(copy: Path) -> Path:
    """Move a merged conflict copy into ``merged/`` beside it (a free name; never over one)."""
    folder = copy.parent / MERGED
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / copy.name
    n = 1
    while target.exists():
        n += 1
        stem, suffix = _split(copy.name)
        target = folder / f"{stem} ({n}){suffix}"
    os.rename(copy, target)
    return target
