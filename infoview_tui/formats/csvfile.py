"""Contact CSV files in: LinkedIn, Google Contacts and Outlook exports, as a spreadsheet may
have re-saved them.

What every layout shares lives here:

- the text is decoded by ``common.decode_text`` (UTF-8, UTF-16 with a byte-order mark,
  else Windows-1252; the summary says which);
- the separator (``,``, ``;`` as a European spreadsheet saves, or a tab) and the header line
  are found together: the first line, among the first 60, whose cells name one of the known
  layouts (LinkedIn puts a few lines of notes before its header);
- each later row is read on its own: a row with more cells than the header is skipped and
  listed; a blank row is passed over;
- every non-empty cell a layout does not map, and does not know to be noise (Google's
  ``E-mail 1 - Type``, Outlook's ``Sensitivity``), goes to the contact's notes under its
  header's name, so nothing the user had is dropped without a word.

A header that matches no layout is refused with a message that names the layouts known; no
best guess is made.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .common import Rows, decode_text
from .plan import FormatError, ImportPlan

Fields = dict[str, Any]
Extras = list[tuple[str, str]]


class Cells:
    """One row's cells by header name (case-folded), remembering which ones were used."""

    def __init__(self, header: list[str], labels: list[str], row: list[str]) -> None:
        self._values: dict[str, str] = {}
        self._raw: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        for name, label, raw in zip(header, labels, row, strict=False):
            value = raw.strip()
            if name and raw and name not in self._raw:
                self._raw[name] = raw
            if name and value and name not in self._values:
                self._values[name] = value
                self._labels[name] = label.strip()
        self.used: set[str] = set()

    def get(self, *names: str) -> str:
        """The first non-empty cell among ``names`` (marked used, as are the others)."""
        found = ""
        for name in names:
            self.used.add(name)
            if not found:
                found = self._values.get(name, "")
        return found

    def text(self, name: str) -> str:
        """A multi-line cell as written (its leading and trailing blank lines kept)."""
        self.used.add(name)
        return self._raw.get(name, "")

    def numbered(self, before: str, after: str) -> list[str]:
        """The values of numbered columns ("e-mail 1 - value", "e-mail 2 - value", ...), in
        the order of their numbers, each marked used."""
        pattern = re.compile(re.escape(before) + r"(\d+)" + re.escape(after))
        found: list[tuple[int, str]] = []
        for name, value in self._values.items():
            match = pattern.fullmatch(name)
            if match:
                self.used.add(name)
                found.append((int(match.group(1)), value))
        return [value for _, value in sorted(found)]

    def rest(self, ignore: Callable[[str, str], bool]) -> Extras:
        """The non-empty cells not used, as (header label, value), noise left out."""
        return [
            (self._labels[name], value)
            for name, value in self._values.items()
            if name not in self.used and not ignore(name, value)
        ]


@dataclass(frozen=True)
class Layout:
    """One kind of contact CSV: how to recognise its header and map a row."""

    fmt: str
    title: str
    """What the user knows the file as ("LinkedIn Connections.csv")."""
    recognise: Callable[[set[str]], bool]
    """True for the set of case-folded header names of this layout."""
    row: Callable[[Cells], tuple[Fields, Extras]]
    ignore: Callable[[str, str], bool] = field(default=lambda name, value: False)
    """Cells (header name, value) that are noise, not the user's data."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Header names in another language, to the (case-folded) English ones."""

    def names(self, row: list[str]) -> list[str]:
        return [self.aliases.get(name, name) for name in _names(row)]


def split_values(text: str) -> list[str]:
    """Google joins several values in one cell with " ::: "."""
    return [part.strip() for part in text.split(":::") if part.strip()]


def email_or_extra(value: str, emails: list[str], extras: Extras, label: str) -> None:
    """An address (anything with an @) to ``emails``; anything else (an Exchange name,
    "/o=ExchangeLabs/...") to ``extras`` so it is kept but cannot break the row."""
    for part in split_values(value):
        if "@" in part and " " not in part.strip():
            emails.append(part)
        else:
            extras.append((label, part))


def join_name(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part.strip())


def _layouts() -> dict[str, Layout]:
    from . import google, infoview_csv, linkedin, outlook, thunderbird

    modules = (linkedin, google, outlook, thunderbird, infoview_csv)
    return {m.LAYOUT.fmt: m.LAYOUT for m in modules}


def layout_titles() -> dict[str, str]:
    """Each CSV layout's title by its format name ("linkedin": "LinkedIn Connections.csv")."""
    return {fmt: layout.title for fmt, layout in _layouts().items()}


def known_layouts() -> str:
    return ", ".join(layout_titles().values())


def _names(row: list[str]) -> list[str]:
    return [" ".join(cell.strip().strip('"').casefold().split()) for cell in row]


HEADER_SEARCH = (60, 65536)
"""The header is looked for in the first 60 lines, within the file's first 64 KB."""


def _find_header(text: str, layouts: Iterable[Layout]) -> tuple[str, Layout] | None:
    """(separator, layout) of the first header line found at the start of ``text``."""
    # LinkedIn's test is the loosest (Google's newer header has First Name and Last Name
    # too): it is tried last.
    ordered = sorted(layouts, key=lambda layout: layout.fmt == "linkedin")
    lines, chars = HEADER_SEARCH
    for line in text[:chars].splitlines()[:lines]:
        for separator in (",", ";", "\t"):
            if separator not in line:
                continue
            row = next(csv.reader([line], delimiter=separator), [])
            for layout in ordered:
                if layout.recognise(set(layout.names(row))):
                    return separator, layout
    return None


def detect(text: str) -> str | None:
    """The CSV layout ``text`` (the start of a file) is in, or None."""
    found = _find_header(text, _layouts().values())
    return found[1].fmt if found else None


def read(data: bytes, source: str, fmt: str | None = None) -> ImportPlan:
    """Read a contact CSV of layout ``fmt`` (detected from the header if None)."""
    text, encoding = decode_text(data)
    layouts = _layouts()
    if fmt is not None and fmt not in layouts:
        raise ValueError(f"not a CSV layout: {fmt}")
    found = _find_header(text, [layouts[fmt]] if fmt else layouts.values())
    if found is None:
        wanted = layouts[fmt].title if fmt else f"one of: {known_layouts()}"
        raise FormatError(
            f"no header line of a known contact export in the first 60 lines; expected {wanted}"
        )
    separator, layout = found
    rows = Rows()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    labels: list[str] = []
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows.skip(f"line {start}", f"cannot read the row: {exc}")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if header is None:  # LinkedIn's notes come before its header
            if layout.recognise(set(layout.names(row))):
                header, labels = layout.names(row), row
            continue
        if not any(cell.strip() for cell in row):
            continue
        where = f"line {line}"
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            rows.skip(
                where,
                f"{len(row)} cells, but the header has {len(header)} "
                "(a separator in an unquoted cell?)",
            )
            continue
        cells = Cells(header, labels, row)
        fields, extras = layout.row(cells)
        link = fields.pop("_link", {})  # a file's own ids, for referral links (infoview's)
        rows.add(where, fields, [*extras, *cells.rest(layout.ignore)], **link)
    if header is None:
        raise FormatError(f"the header line of {layout.title} could not be read")
    return rows.plan(layout.fmt, source, encoding)
