"""Google Contacts' CSV export (contacts.google.com > Export > Google CSV).

Two headers are in use: the older one (``Name,Given Name,Additional Name,Family Name,...,
E-mail 1 - Type,E-mail 1 - Value,...,Organization 1 - Name,Organization 1 - Title``) and the
one Google writes since 2024 (``First Name,Middle Name,Last Name,...,Organization Name,
Organization Title,...,E-mail 1 - Label,E-mail 1 - Value``). Several values of one kind share
a cell, joined with `` ::: ``.

Mapping: the name from its parts (else ``Name`` or ``File As``); every ``E-mail n - Value``
and ``Phone n - Value``; the organisation and its title; ``Notes``; the first address's city,
region and country as the location; a website on linkedin.com as the LinkedIn address; the
labels (``Group Membership`` / ``Labels``, without Google's own ``* myContacts`` and
``* starred``) as tags. Everything else with a value (birthday, nickname, department, whole
addresses, other websites, relations, events, custom fields) goes to the notes.
"""

from __future__ import annotations

import re

from .csvfile import Cells, Extras, Fields, Layout, email_or_extra, join_name, split_values

_SYSTEM_LABELS = {"mycontacts", "starred"}
"""Google's own groups ("* My Contacts", "* starred"): not the user's labels."""
_NOISE = re.compile(
    r".* - (type|label)|.*yomi.*|phonetic .*|photo|initials|sensitivity|priority|"
    r"billing information|directory server|mileage|subject|language|short name"
)


def _recognise(names: set[str]) -> bool:
    return "e-mail 1 - value" in names or bool(
        names & {"given name", "organization 1 - name", "organization name", "file as"}
        and names & {"family name", "last name"}
    )


def _ignore(name: str, value: str) -> bool:
    return bool(_NOISE.fullmatch(name))


def _address(cells: Cells, n: int) -> str:
    formatted = cells.get(f"address {n} - formatted")
    parts = [
        cells.get(f"address {n} - {part}")
        for part in ("street", "extended address", "po box", "city", "region", "postal code")
    ]
    country = cells.get(f"address {n} - country")
    return formatted or ", ".join(p for p in [*parts, country] if p)


def _row(cells: Cells) -> tuple[Fields, Extras]:
    extras: Extras = []
    emails: list[str] = []
    for value in cells.numbered("e-mail ", " - value"):
        email_or_extra(value, emails, extras, "Email (not an address)")
    phones = [p for value in cells.numbered("phone ", " - value") for p in split_values(value)]
    whole = cells.get("name", "file as")  # Google's own display name: the parts win
    name = (
        join_name(
            cells.get("name prefix"),
            cells.get("given name", "first name"),
            cells.get("additional name", "middle name"),
            cells.get("family name", "last name"),
            cells.get("name suffix"),
        )
        or whole
    )
    city = cells.get("address 1 - city")
    region = cells.get("address 1 - region")
    country = cells.get("address 1 - country")
    location = ", ".join(p for p in (city, region, country) if p)
    for n in range(1, 10):
        address = _address(cells, n)
        if address:
            extras.append(("Address" if n == 1 else f"Address {n}", address))
    linkedin = ""
    for value in cells.numbered("website ", " - value"):
        for url in split_values(value):
            if not linkedin and "linkedin.com" in url.casefold():
                linkedin = url
            else:
                extras.append(("Website", url))
    labels = cells.get("group membership", "labels")
    tags = tuple(
        label.removeprefix("* ").strip()
        for label in split_values(labels)
        if label.removeprefix("* ").replace(" ", "").casefold() not in _SYSTEM_LABELS
    )
    fields: Fields = {
        "name": name,
        "emails": tuple(emails),
        "phones": tuple(phones),
        "organization": cells.get("organization 1 - name", "organization name"),
        "role": cells.get("organization 1 - title", "organization title"),
        "notes": cells.get("notes"),
        "location": location,
        "linkedin": linkedin,
        "tags": tags,
    }
    return fields, extras


LAYOUT = Layout("google", "Google Contacts CSV", _recognise, _row, _ignore)
