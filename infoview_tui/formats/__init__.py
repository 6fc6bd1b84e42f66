"""Import and export: LinkedIn CSV, vCard, JSON backup in; Markdown, JSON, CSV, vCard, ICS out.

The API the CLI and the app use (no Textual here; the format modules, with vobject and
icalendar, are imported only when a format is used):

    fmt = detect_format(path)                    # "linkedin", "vcard" or "json"
    plan = read_import(path, fmt)                # parsed and validated; raises FormatError
    summary = preview_import(notebook, plan)     # what apply would do; changes nothing
    summary = apply_import(notebook, plan, progress)  # in memory; then notebook.flush()
    export(notebook, "vcard", path_or_binary_stream)  # "md" takes a folder

``read_import`` either returns a plan for the whole file or raises; ``apply_import`` only
raises (ImportRefused) before changing anything.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from ..notebook import Notebook
from .common import Output, read_bytes
from .plan import (
    FormatError,
    ImportFailed,
    ImportPlan,
    ImportRefused,
    ImportSummary,
    Incoming,
    Progress,
    apply_import,
    preview_import,
)

IMPORT_FORMATS: tuple[str, ...] = ("linkedin", "vcard", "json")
EXPORT_FORMATS: tuple[str, ...] = ("md", "json", "csv", "vcard", "ics")
_MODULES = {
    "linkedin": "linkedin",
    "vcard": "vcard",
    "json": "backup",
    "csv": "table",
    "ics": "ics",
    "md": "markdown",
}
_EXTENSIONS = {".csv": "linkedin", ".vcf": "vcard", ".vcard": "vcard", ".json": "json"}

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "FormatError",
    "ImportFailed",
    "ImportPlan",
    "ImportRefused",
    "ImportSummary",
    "Incoming",
    "Progress",
    "apply_import",
    "detect_format",
    "export",
    "preview_import",
    "read_import",
]


def _module(fmt: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{_MODULES[fmt]}")


def detect_format(path: Path) -> str:
    """The import format of the file at ``path``, from its content (then its extension).

    Raises FormatError if the file cannot be read or its format cannot be told.
    """
    head = read_bytes(path, 65536).decode("utf-8", errors="replace").lstrip("\ufeff")
    if head.lstrip().startswith("{"):
        return "json"
    if "BEGIN:VCARD" in head[:4096].upper():
        return "vcard"
    from . import linkedin

    if linkedin.looks_like(head):
        return "linkedin"
    by_extension = _EXTENSIONS.get(path.suffix.casefold())
    if by_extension:
        return by_extension
    raise FormatError(
        "cannot tell what kind of file this is; give --format linkedin, vcard or json"
    )


def read_import(path: Path, fmt: str | None = None) -> ImportPlan:
    """Parse and validate the whole file. Raises FormatError naming the line or card."""
    fmt = fmt or detect_format(path)
    if fmt not in IMPORT_FORMATS:
        raise FormatError(f"cannot import {fmt!r}; choose from {', '.join(IMPORT_FORMATS)}")
    data = read_bytes(path)
    return _module(fmt).read(data, str(path))  # type: ignore[no-any-return]


def export(notebook: Notebook, fmt: str, out: Output) -> str:
    """Write the notebook as ``fmt`` to ``out`` (a file path or binary stream; a folder for
    "md"). Returns a short description of what was written. Raises OSError on write errors.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"cannot export {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if fmt == "md" and not isinstance(out, Path):
        raise ValueError("the Markdown export writes a folder; give its path")
    return _module(fmt).write(notebook, out)  # type: ignore[no-any-return]
