"""Import and export: LinkedIn, Google and Outlook CSV, vCard and a JSON backup in; Markdown,
JSON, CSV, vCard and ICS out.

The API the CLI and the app use (no Textual here; the format modules, with vobject and
icalendar, are imported only when a format is used):

    fmt = detect_format(path)                    # "linkedin", "google", "outlook", "vcard", "json"
    plan = read_import(path, fmt)                # read row by row; raises FormatError
    plan.skipped, plan.left_out                  # rows or cards not imported, and why
    summary = preview_import(notebook, plan)     # what apply would do; changes nothing
    summary = apply_import(notebook, plan, progress)  # in memory; then notebook.flush()
    export(notebook, "vcard", path_or_binary_stream)  # "md" takes a folder

``read_import`` raises FormatError only for a file it cannot read at all (or, with
``strict=True``, for any row it would skip); ``apply_import`` only raises (ImportRefused)
before changing anything.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from ..notebook import Notebook
from .common import Output, decode_text, read_bytes
from .plan import (
    FormatError,
    ImportFailed,
    ImportPlan,
    ImportRefused,
    ImportSummary,
    Incoming,
    Problem,
    Progress,
    apply_import,
    preview_import,
)

MAX_IMPORT_BYTES = 200_000_000
"""The largest file an import reads (a 5,000-card vCard with photos is ~50 MB)."""
CSV_FORMATS: tuple[str, ...] = ("linkedin", "google", "outlook", "thunderbird", "infoview")
IMPORT_FORMATS: tuple[str, ...] = (*CSV_FORMATS, "vcard", "json")
EXPORT_FORMATS: tuple[str, ...] = ("md", "json", "csv", "vcard", "ics")
_MODULES = {
    "linkedin": "csvfile",
    "google": "csvfile",
    "outlook": "csvfile",
    "thunderbird": "csvfile",
    "infoview": "csvfile",
    "vcard": "vcard",
    "json": "backup",
    "csv": "table",
    "ics": "ics",
    "md": "markdown",
}
_EXTENSIONS = {".vcf": "vcard", ".vcard": "vcard", ".json": "json"}

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "FormatError",
    "ImportFailed",
    "ImportPlan",
    "ImportRefused",
    "ImportSummary",
    "Incoming",
    "Problem",
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
    from . import csvfile

    head = read_bytes(path, 65536)
    try:
        text = decode_text(head)[0].lstrip("\ufeff")
    except FormatError:
        text = head.decode("utf-8", errors="replace")
    if text.lstrip().startswith("{"):
        return "json"
    if "BEGIN:VCARD" in text[:4096].upper():
        return "vcard"
    layout = csvfile.detect(text)
    if layout is not None:
        return layout
    by_extension = _EXTENSIONS.get(path.suffix.casefold())
    if by_extension:
        return by_extension
    raise FormatError(
        "cannot tell what kind of file this is: not a vCard, not an infoview backup, and no "
        f"header line of a known CSV ({csvfile.known_layouts()}); "
        f"give --format {', '.join(IMPORT_FORMATS)} to say which"
    )


def read_import(path: Path, fmt: str | None = None, strict: bool = False) -> ImportPlan:
    """Read the file row by row or card by card (see ImportPlan.skipped and left_out).

    Raises FormatError for a file that cannot be read at all, naming the line or card; with
    ``strict``, also for any row or card that would be skipped or left out.
    """
    fmt = fmt or detect_format(path)
    if fmt not in IMPORT_FORMATS:
        raise FormatError(f"cannot import {fmt!r}; choose from {', '.join(IMPORT_FORMATS)}")
    data = read_bytes(path, MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise FormatError(
            f"the file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB, the most one import "
            "reads; split it (LinkedIn and address-book exports are far smaller)"
        )
    try:
        if fmt in CSV_FORMATS:
            from . import csvfile

            plan = csvfile.read(data, str(path), fmt)
        else:
            plan = _module(fmt).read(data, str(path))
    except ImportFailed:
        raise
    except Exception as exc:  # a reader's bug must not end the app: say what happened
        raise FormatError(f"could not be read ({type(exc).__name__}: {exc})") from exc
    return plan.strict() if strict else plan


def export(
    notebook: Notebook,
    fmt: str,
    out: Output,
    *,
    excel: bool = False,
    vcard_version: str = "4.0",
    split: bool = False,
    wikilinks: bool = False,
) -> str:
    """Write the notebook as ``fmt`` to ``out`` (a file path or binary stream; a folder for
    "md" and for a split vCard export). Returns a short description of what was written.
    Raises OSError on write errors, ValueError for options that do not fit the format.

    ``excel``: CSV with a UTF-8 byte-order mark. ``vcard_version``: "4.0" or "3.0".
    ``split``: vCard as one file per contact in the folder ``out`` (a vdir).
    ``wikilinks``: Markdown with Obsidian ``[[wikilinks]]`` instead of relative links.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"cannot export {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if excel and fmt != "csv":
        raise ValueError("--excel is for the CSV export")
    if (split or vcard_version != "4.0") and fmt != "vcard":
        raise ValueError("--split and --vcard-version are for the vCard export")
    if wikilinks and fmt != "md":
        raise ValueError("--wikilinks is for the Markdown export")
    if fmt == "md" and not isinstance(out, Path):
        raise ValueError("the Markdown export writes a folder; give its path with -o DIR")
    if fmt == "md":
        from . import markdown

        assert isinstance(out, Path)  # checked above
        return markdown.write(notebook, out, wikilinks=wikilinks)
    if fmt == "csv":
        from . import table

        return table.write(notebook, out, excel=excel)
    if fmt == "vcard":
        from . import vcard

        if vcard_version not in vcard.VERSIONS:
            raise ValueError(f"vCard {vcard_version}? choose {' or '.join(vcard.VERSIONS)}")
        if split:
            if not isinstance(out, Path):
                raise ValueError("--split writes a folder of .vcf files; give it with -o DIR")
            return vcard.write_split(notebook, out, vcard_version)
        return vcard.write(notebook, out, vcard_version)
    return _module(fmt).write(notebook, out)  # type: ignore[no-any-return]
