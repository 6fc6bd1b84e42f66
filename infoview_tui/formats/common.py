"""Small helpers the format modules share: reading input, writing output, stable ids, and
``Rows``, which turns what a contact reader found on each row or card into an import plan."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Contact, Record, ValidationError
from .output import write_path
from .plan import NO_NAME, FormatError, ImportPlan, Incoming, Problem

Output = Path | BinaryIO
"""Where an export goes: a file (replaced atomically) or an open binary stream (stdout)."""

_NAMESPACE = uuid.UUID("6f1b7e0a-3c7e-5a52-9d0e-1b7f0c2a4e11")


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """The file's bytes (the first ``limit`` only, if given); FormatError if unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        raise FormatError("no such file") from None
    except IsADirectoryError:
        raise FormatError("is a folder, not a file") from None
    except OSError as exc:
        raise FormatError(f"cannot be read: {exc.strerror or exc}") from None


def decode_utf8(data: bytes) -> str:
    """The text of a UTF-8 file (a leading byte-order mark is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"line {line}: byte 0x{data[exc.start]:02x} is not UTF-8; "
            "save the file as UTF-8 and try again"
        ) from None


BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
WINDOWS_1252 = "Windows-1252 (the file is not UTF-8)"
LATIN_1 = "Latin-1 (the file is not UTF-8)"


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a file a spreadsheet or address book may have saved, and how it was read.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); without one the file is UTF-8 if it
    decodes as UTF-8, else Windows-1252 (what Excel and Outlook write on Windows), else
    Latin-1. The second value names the encoding used, for the import's summary; it is
    "UTF-8" in the usual case. Raises FormatError for a file with a mark that lies.
    """
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                raise FormatError(f"the file starts as {label} but is not valid {label}") from None
    return decode_unmarked(data)


def decode_unmarked(data: bytes) -> tuple[str, str]:
    """Bytes with no byte-order mark: UTF-8 if they decode as UTF-8, else Windows-1252, else
    Latin-1 (which decodes anything), with the label of the one used."""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), WINDOWS_1252
    except UnicodeDecodeError:
        return data.decode("latin-1"), LATIN_1


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
ONE_LINE_FIELDS = ("name", "role", "organization", "field", "location", "how_we_met", "linkedin")
TEXT_FIELDS = ("notes", "research_notes")
EXTRAS_HEADING = "From the import (no field for these in infoview):"


def one_line(text: str) -> str:
    """``text`` with line breaks, tabs and terminal control characters turned into spaces."""
    return " ".join(_CONTROL_LINE.sub(" ", text).split())


def without_controls(text: str) -> str:
    """A multi-line text without terminal control characters (line ends and tabs kept)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def with_extras(notes: str, extras: Iterable[tuple[str, str]]) -> str:
    """``notes`` with the fields infoview has no place for listed under a short heading."""
    lines = [f"- {label}: {one_line(value)}" for label, value in extras if value.strip()]
    if not lines:
        return notes
    block = "\n".join([EXTRAS_HEADING, *lines])
    return f"{notes.rstrip()}\n\n{block}" if notes.strip() else block


class Rows:
    """What a contact reader made of each row or card: imported, skipped or left out.

    A reader calls ``add`` with the fields it mapped (Contact's field names) for each row;
    ``skip`` for a row it could not read at all; then ``plan`` for the ImportPlan.
    """

    def __init__(self) -> None:
        self.incoming: list[Incoming] = []
        self.skipped: list[Problem] = []
        self.left_out: list[Problem] = []

    def skip(self, where: str, reason: str, name: str = "") -> None:
        self.skipped.append(Problem(where, reason, one_line(name)[:80]))

    def add(
        self,
        where: str,
        fields: dict[str, Any],
        extras: Sequence[tuple[str, str]] = (),
        **link: str,
    ) -> None:
        """One row or card. ``fields`` are cleaned (control characters out, blanks dropped);
        a row with no name takes its first email as its name, and one with neither is left
        out. ``extras`` (label, value) go into the notes. ``link``: Incoming's key,
        referrer_key and referrer_name."""
        fields = dict(fields)
        for key in ONE_LINE_FIELDS:
            if isinstance(fields.get(key), str):
                fields[key] = one_line(fields[key])
        for key in ("emails", "phones", "tags"):
            if key in fields:
                fields[key] = _unique(one_line(item) for item in fields[key])
        for key in TEXT_FIELDS:
            if isinstance(fields.get(key), str):
                fields[key] = without_controls(fields[key])
        if not fields.get("name"):
            if not fields.get("emails"):
                self.left_out.append(Problem(where, NO_NAME))
                return
            fields["name"] = fields["emails"][0]
        fields["notes"] = with_extras(fields.get("notes", ""), extras)
        try:
            contact = Contact(**fields)
        except ValidationError as exc:
            self.skip(where, f"{exc.field}: {exc.message}", fields["name"])
            return
        self.incoming.append(Incoming(contact, where, **link))

    def plan(self, fmt: str, source: str, encoding: str = "UTF-8") -> ImportPlan:
        return ImportPlan(
            fmt,
            source,
            tuple(self.incoming),
            skipped=tuple(self.skipped),
            left_out=tuple(self.left_out),
            encoding=encoding,
        )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return tuple(out)


def stable_uid(kind: str, record: Record) -> str:
    """A UID that stays the same across exports of the same record (and differs between
    notebooks, whose records were created at different moments)."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{record.id}:{record.created}"))


def write_output(out: Output, data: bytes) -> None:
    """Write an export: to a path as formats/output.py says (a file replaced atomically, a
    link's target, a pipe or device streamed into), or to an open binary stream."""
    if isinstance(out, Path):
        write_path(out, data)
    else:
        out.write(data)
        out.flush()
