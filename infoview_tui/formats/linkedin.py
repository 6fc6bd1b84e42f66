"""LinkedIn's ``Connections.csv`` (Settings > Data privacy > Get a copy of your data).

As LinkedIn writes it: UTF-8, CRLF line ends, a few lines of notes and a blank line before the
header, quoted fields that hold commas and doubled quotes, no email for most people:

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Ada,Lovelace,https://www.linkedin.com/in/ada,,"Analytical Engines, Ltd",Analyst,12 Mar 2024

Columns are found by their header names (older exports have no URL column). Each row becomes
a contact: name, linkedin, email, organization, role, how_we_met "LinkedIn", and the
"Connected On" date as last_contact.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ..model import Contact, ValidationError
from .common import decode_utf8, field_error
from .plan import FormatError, ImportPlan, Incoming

HOW_WE_MET = "LinkedIn"
COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "linkedin",
    "profile url": "linkedin",
    "email address": "email",
    "company": "organization",
    "position": "role",
    "connected on": "connected",
}
MONTHS = {
    name: n
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def looks_like(text: str) -> bool:
    """True if ``text`` (the start of a file) has a LinkedIn connections header line."""
    for line in text.splitlines()[:50]:
        cells = {cell.strip().strip('"').casefold() for cell in line.split(",")}
        if {"first name", "last name"} <= cells:
            return True
    return False


def parse_date(value: str) -> str:
    """ "12 Mar 2024" (LinkedIn's own form, English month names whatever the locale) or
    YYYY-MM-DD, as YYYY-MM-DD; raises ValueError otherwise."""
    value = value.strip()
    if not value:
        return ""
    parts = value.replace("-", " ").split()
    if len(parts) == 3 and parts[1][:3].casefold() in MONTHS and parts[0].isdigit():
        day, month, year = int(parts[0]), MONTHS[parts[1][:3].casefold()], parts[2]
        if year.isdigit() and len(year) in (2, 4):
            full = int(year) + (2000 if len(year) == 2 else 0)
            return date(full, month, day).isoformat()
    return date.fromisoformat(value).isoformat()


def read(data: bytes, source: str) -> ImportPlan:
    text = decode_utf8(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: dict[str, int] | None = None
    header_width = 0
    incoming: list[Incoming] = []
    problems: list[str] = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                names = [cell.strip().casefold() for cell in row]
                if "first name" in names and "last name" in names:
                    header = {}
                    for i, name in enumerate(names):
                        if name in COLUMNS:
                            header.setdefault(COLUMNS[name], i)
                    header_width = len(row)
                continue  # the notes LinkedIn puts before the header
            where = f"line {line}"
            if len(row) > header_width:
                problems.append(
                    f"{where}: {len(row)} fields, but the header has {header_width} "
                    "(a comma in an unquoted field?)"
                )
                continue
            cells = {key: row[i].strip() if i < len(row) else "" for key, i in header.items()}
            try:
                incoming.append(Incoming(_contact(cells), where))
            except ValidationError as exc:
                problems.append(field_error(where, exc))
    except csv.Error as exc:
        raise FormatError(f"line {reader.line_num}: {exc}") from None
    if header is None:
        raise FormatError(
            "no header line with First Name and Last Name columns; "
            "is this LinkedIn's Connections.csv?"
        )
    if problems:
        raise FormatError.from_problems(problems, "rows with problems")
    return ImportPlan("linkedin", source, tuple(incoming))


def _contact(cells: dict[str, str]) -> Contact:
    name = " ".join(part for part in (cells.get("first", ""), cells.get("last", "")) if part)
    email = cells.get("email", "")
    try:
        connected = parse_date(cells.get("connected", ""))
    except ValueError:
        raise ValidationError(
            "Connected On", f"{cells['connected']!r} is not a date like 12 Mar 2024"
        ) from None
    return Contact(
        name=name,
        linkedin=cells.get("linkedin", ""),
        emails=(email,) if email else (),
        organization=cells.get("organization", ""),
        role=cells.get("role", ""),
        how_we_met=HOW_WE_MET,
        last_contact=connected,
    )
