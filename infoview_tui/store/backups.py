"""Rotated copies of the last good notebook files, kept beside the notebook."""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from .errors import NotebookFileError
from .parse import parse_notebook

KEEP = 5
MARK = ".bak-"


def backups(path: Path) -> list[Path]:
    """The backups of ``path``, newest first."""
    return sorted(path.parent.glob(f"{path.name}{MARK}*"), reverse=True)


def make_backup(path: Path, now: datetime) -> Path | None:
    """Keep the current file as a backup (a hard link, else a copy); prune to the newest KEEP."""
    if not path.exists():
        return None
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}{MARK}{stamp}")
    if not target.exists():
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
    for old in backups(path)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def newest_good_backup(path: Path) -> Path | None:
    """The newest backup that parses as a notebook, or None."""
    for candidate in backups(path):
        try:
            parse_notebook(candidate, candidate.read_bytes())
        except (OSError, NotebookFileError):
            continue
        return candidate
    return None
