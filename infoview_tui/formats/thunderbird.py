"""Thunderbird's address book as CSV (Address Book > Tools > Export > Comma Separated).

Header as Thunderbird writes it in English (``First Name,Last Name,Display Name,Nickname,
Primary Email,Secondary Email,...,Work Phone,Home Phone,...,Job Title,Department,
Organization,Web Page 1,Web Page 2,...,Notes``); Thunderbird 102 and later write UTF-16
with a byte-order mark on Windows. Mapping: the name from its parts (else the display
name); both emails; the phones; organisation, job title, notes; the work (else home) city,
state and country as the location; a web page on linkedin.com as the LinkedIn address.
Everything else with a value goes to the notes.
"""

from __future__ import annotations

from .csvfile import Cells, Extras, Fields, Layout, email_or_extra, join_name

PHONES = ("mobile number", "work phone", "home phone", "pager number")


def _recognise(names: set[str]) -> bool:
    return {"primary email", "display name"} <= names


def _row(cells: Cells) -> tuple[Fields, Extras]:
    extras: Extras = []
    emails: list[str] = []
    for column in ("primary email", "secondary email"):
        email_or_extra(cells.get(column), emails, extras, "Email (not an address)")
    shown = cells.get("display name")
    name = join_name(cells.get("first name"), cells.get("last name")) or shown
    location = ""
    for kind in ("work", "home"):
        place = [cells.get(f"{kind} city"), cells.get(f"{kind} state")]
        place.append(cells.get(f"{kind} country"))
        if not location and any(place):
            location = ", ".join(p for p in place if p)
        street = [cells.get(f"{kind} address"), cells.get(f"{kind} address 2")]
        address = ", ".join(p for p in [*street, *place, cells.get(f"{kind} zipcode")] if p)
        if address:
            extras.append((f"{kind.title()} address", address))
    linkedin = ""
    for column in ("web page 1", "web page 2"):
        url = cells.get(column)
        if url and not linkedin and "linkedin.com" in url.casefold():
            linkedin = url
        elif url:
            extras.append(("Web page", url))
    birthday = "-".join(
        part
        for part in (cells.get("birth year"), cells.get("birth month"), cells.get("birth day"))
        if part
    )
    if birthday:
        extras.append(("Birthday", birthday))
    fields: Fields = {
        "name": name,
        "emails": tuple(emails),
        "phones": tuple(value for column in PHONES if (value := cells.get(column))),
        "organization": cells.get("organization"),
        "role": cells.get("job title"),
        "notes": cells.get("notes"),
        "location": location,
        "linkedin": linkedin,
    }
    return fields, extras


LAYOUT = Layout("thunderbird", "Thunderbird address book CSV", _recognise, _row)
