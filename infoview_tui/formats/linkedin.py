"""LinkedIn's ``Connections.csv`` (Settings > Data privacy > Get a copy of your data).

As LinkedIn writes it: UTF-8, CRLF line ends, a few lines of notes and a blank line before the
header, quoted fields that hold commas and doubled quotes, no email for most people:

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Ada,Lovelace,https://www.linkedin.com/in/ada,,"Analytical Engines, Ltd",Analyst,12 Mar 2024

Columns are found by their header names. The 2018 layout has no URL column, writes dates as
``1/8/18, 6:14 PM`` (month first) and sometimes an ``urn:li:member:...`` id where the email
goes (an id, not an address: dropped). Each row becomes a contact: name, linkedin, email,
organization, role, how_we_met "LinkedIn", and the "Connected On" date as last_contact (a
date that cannot be read is kept in the notes). Rows with no name (LinkedIn writes
``,,,,,,05 Feb 2024`` for hidden or closed profiles) are left out and counted.
"""

from __future__ import annotations

import re
from datetime import date

from .csvfile import Cells, Extras, Fields, Layout, join_name

HOW_WE_MET = "LinkedIn"
MONTHS = {
    name: n
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?)?")


def _year(text: str) -> int:
    return int(text) + (2000 if len(text) == 2 else 0)


def parse_date(value: str) -> str:
    """ "12 Mar 2024" (LinkedIn's own form, English month names whatever the locale), the
    2018 export's "1/8/18, 6:14 PM" (month first) or YYYY-MM-DD, as YYYY-MM-DD; raises
    ValueError otherwise."""
    value = value.strip()
    if not value:
        return ""
    us = _US_DATE.fullmatch(value)
    if us:
        return date(_year(us.group(3)), int(us.group(1)), int(us.group(2))).isoformat()
    parts = value.replace("-", " ").split()
    if len(parts) == 3 and parts[1][:3].casefold() in MONTHS and parts[0].isdigit():
        day, month, year = int(parts[0]), MONTHS[parts[1][:3].casefold()], parts[2]
        if year.isdigit() and len(year) in (2, 4):
            return date(_year(year), month, day).isoformat()
    return date.fromisoformat(value).isoformat()


def _recognise(names: set[str]) -> bool:
    return {"first name", "last name"} <= names and bool(
        names & {"connected on", "position", "company", "url", "profile url"}
    )


def _row(cells: Cells) -> tuple[Fields, Extras]:
    extras: Extras = []
    email = cells.get("email address", "email")
    emails: tuple[str, ...] = ()
    if email and not email.casefold().startswith("urn:li:"):
        if "@" in email:
            emails = (email,)
        else:
            extras.append(("Email (not an address)", email))
    connected = cells.get("connected on")
    try:
        last_contact = parse_date(connected)
    except ValueError:
        last_contact = ""
        extras.append(("Connected on", connected))
    fields: Fields = {
        "name": join_name(cells.get("first name"), cells.get("last name")),
        "linkedin": cells.get("url", "profile url"),
        "emails": emails,
        "organization": cells.get("company"),
        "role": cells.get("position"),
        "how_we_met": HOW_WE_MET,
        "last_contact": last_contact,
    }
    return fields, extras


LAYOUT = Layout("linkedin", "LinkedIn Connections.csv", _recognise, _row)
