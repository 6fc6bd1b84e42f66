"""Contacts as CSV, one row each, for a spreadsheet (stdlib ``csv``; lists joined with "; ").

UTF-8 without a byte-order mark, CRLF line ends (RFC 4180), every field quoted only when it
has to be. ``referred_by`` holds the referrer's name and ``referred_by_id`` their id.
"""

from __future__ import annotations

import csv
import io

from ..model import Contact
from ..notebook import Notebook
from .common import Output, write_output

LIST_SEPARATOR = "; "
COLUMNS = (
    "id",
    "name",
    "organization",
    "role",
    "field",
    "location",
    "emails",
    "phones",
    "linkedin",
    "how_we_met",
    "referred_by",
    "referred_by_id",
    "stage",
    "tags",
    "next_action",
    "next_action_date",
    "last_contact",
    "research_notes",
    "notes",
    "created",
    "updated",
)


def row(notebook: Notebook, contact: Contact) -> dict[str, str]:
    out: dict[str, str] = {}
    for column in COLUMNS:
        if column == "referred_by":
            referrer = notebook.contacts.get(contact.referred_by or 0)
            out[column] = referrer.name if referrer else ""
        elif column == "referred_by_id":
            out[column] = "" if contact.referred_by is None else str(contact.referred_by)
        else:
            value = getattr(contact, column)
            out[column] = LIST_SEPARATOR.join(value) if isinstance(value, tuple) else str(value)
    return out


def render(notebook: Notebook) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.id):
        writer.writerow(row(notebook, contact))
    return buffer.getvalue().encode("utf-8")


def write(notebook: Notebook, out: Output) -> str:
    write_output(out, render(notebook))
    return f"{len(notebook.contacts)} contacts"
