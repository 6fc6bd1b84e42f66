"""``infoview check``: read a notebook file, never change it, and say whether it is sound:
every record by the rules a form applies, and the links between them (model/links.py)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from .model import Contact, Interview
from .model.links import link_problems
from .notebook import KINDS
from .store import SCHEMA_VERSION, NotebookFileError, build_records, read_tables


def check_file(path: Path) -> str:
    """A one-line summary of a sound notebook; raises NotebookFileError otherwise."""
    if not path.exists():
        raise NotebookFileError(path, "no notebook file here")
    tables, version = read_tables(path)
    records = build_records(path, tables, KINDS, strict=True)
    contacts = cast("dict[int, Contact]", records["contacts"])
    broken = link_problems(contacts, cast("dict[int, Interview]", records["interviews"]))
    if broken:
        described = [problem.describe(lambda table, i: f"{table}#{i}") for problem in broken]
        shown = "; ".join(described[:5]) + ("; ..." if len(described) > 5 else "")
        count = f"{len(described)} broken link{'s' if len(described) != 1 else ''}"
        raise NotebookFileError(path, f"{count} between records: {shown}")
    counts = ", ".join(f"{len(found)} {name}" for name, found in records.items())
    size = path.stat().st_size
    upgrade = (
        f" (schema {version}, upgraded when infoview next saves it)"
        if version < SCHEMA_VERSION
        else ""
    )
    return f"{path}: OK, {counts}, {size:,} bytes{upgrade}"
