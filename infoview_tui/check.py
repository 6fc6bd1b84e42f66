"""``infoview check``: read a notebook file, never change it, and say whether it is sound."""

from __future__ import annotations

from pathlib import Path

from .notebook import KINDS
from .store import SCHEMA_VERSION, NotebookFileError, build_records, read_tables


def check_file(path: Path) -> str:
    """A one-line summary of a sound notebook; raises NotebookFileError otherwise."""
    if not path.exists():
        raise NotebookFileError(path, "no notebook file here")
    tables, version = read_tables(path)
    records = build_records(path, tables, KINDS, strict=True)
    counts = ", ".join(f"{len(found)} {name}" for name, found in records.items())
    size = path.stat().st_size
    upgrade = (
        f" (schema {version}, upgraded when infoview next saves it)"
        if version < SCHEMA_VERSION
        else ""
    )
    return f"{path}: OK, {counts}, {size:,} bytes{upgrade}"
