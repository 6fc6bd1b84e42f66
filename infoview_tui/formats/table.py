"""Contacts as CSV, one row each, for a spreadsheet (stdlib ``csv``; lists joined with "; ").

UTF-8 without a byte-order mark (with one for Excel: ``excel=True``, ``--excel``), CRLF line
ends (RFC 4180), every field quoted only when it has to be. ``infoview import`` reads the file
back (formats/infoview_csv.py). ``referred_by`` holds the referrer's name and
``referred_by_id`` their id.

A text that a spreadsheet would run as a formula (it begins with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return: "=HYPERLINK(...)" pasted into a note, say) is written with a ``'``
in front, so opening the file never runs it (OWASP's advice on CSV injection). Phone numbers
and other plain numbers ("+44 20 7946 0018", "-3") are left as they are.
"""

from __future__ import annotations

import csv
import io
import re

from ..model import Contact
from ..notebook import Notebook
from .common import Output, write_output

LIST_SEPARATOR = "; "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 ().;+\-/]*")
"""Phone numbers (a list of them too), a signed number: no letters, nothing that could run."""
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


def cell(text: str) -> str:
    """``text`` as it is safe to put in a spreadsheet cell (see the module docstring).

    A text that already starts with ``'`` before a formula character gets one more, so that
    taking one ``'`` off on import (infoview_csv.unguard) gives back exactly what was there.
    """
    bare = text.lstrip("'")
    if bare.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


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
        out[column] = cell(out[column])
    return out


def render(notebook: Notebook, excel: bool = False) -> bytes:
    """The CSV; ``excel`` puts a UTF-8 byte-order mark first, without which Excel reads the
    file as the system's code page and shows accents as mojibake."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.id):
        writer.writerow(row(notebook, contact))
    return buffer.getvalue().encode("utf-8-sig" if excel else "utf-8")


def write(notebook: Notebook, out: Output, excel: bool = False) -> str:
    write_output(out, render(notebook, excel))
    return f"{len(notebook.contacts)} contacts"
