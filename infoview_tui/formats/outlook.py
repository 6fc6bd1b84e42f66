"""Outlook's contacts CSV (Outlook: File > Open & Export > Import/Export > Export to a file >
Comma Separated Values; Outlook.com: People > Manage > Export contacts).

Header names as Outlook writes them in English: ``First Name,Middle Name,Last Name,Title,
Suffix,...,E-mail Address,E-mail 2 Address,...,Mobile Phone,Business Phone,...,Company,
Department,Job Title,Business Street,...,Notes,Categories``. ``Title`` is the courtesy title
(Mr., Dr.); ``Job Title`` the role. A German Outlook writes the same columns under German names
(``Vorname``, ``Nachname``, ``Firma``, ``Position``, ``E-Mail-Adresse``, ...): they are read
as their English twins. An Exchange address (``/o=ExchangeLabs/...``) in an email
column is not an address: it goes to the notes.

Mapping: the name from its parts (else ``Display Name`` / ``E-mail Display Name``); up to
three emails; every phone column; ``Company``, ``Job Title``, ``Notes``; the business (else
home) city, state and country as the location; a web page on linkedin.com as the LinkedIn
address; ``Categories`` (``;``-separated) as tags. Everything else with a value (department,
birthday, anniversary, whole addresses, other web pages, manager, spouse, ...) goes to the
notes, except Outlook's defaults (``Priority Normal``, ``Sensitivity Normal``, ``Private
False``, a ``0/0/00`` date).
"""

from __future__ import annotations

import re

from .csvfile import Cells, Extras, Fields, Layout, email_or_extra, join_name

PHONES = (
    "mobile phone",
    "primary phone",
    "business phone",
    "business phone 2",
    "home phone",
    "home phone 2",
    "company main phone",
    "other phone",
    "car phone",
    "radio phone",
    "pager",
    "callback",
    "assistant's phone",
    "tty/tdd phone",
    "telex",
    "isdn",
)
_DEFAULTS = {
    "priority": "normal",
    "sensitivity": "normal",
    "private": "false",
    "gender": "unspecified",
}
_NOISE = re.compile(
    r"e-mail( \d)? (type|display name)|initials|.*yomi.*|user \d|billing information"
)
_NO_DATE = re.compile(r"0?0[/.]0?0[/.]0?0(00)?")
_GERMAN = {
    "anrede": "title",
    "vorname": "first name",
    "weitere vornamen": "middle name",
    "nachname": "last name",
    "firma": "company",
    "abteilung": "department",
    "position": "job title",
    "e-mail-adresse": "e-mail address",
    "e-mail-typ": "e-mail type",
    "e-mail: angezeigter name": "e-mail display name",
    "e-mail 2: adresse": "e-mail 2 address",
    "e-mail 2: typ": "e-mail 2 type",
    "e-mail 2: angezeigter name": "e-mail 2 display name",
    "e-mail 3: adresse": "e-mail 3 address",
    "e-mail 3: typ": "e-mail 3 type",
    "e-mail 3: angezeigter name": "e-mail 3 display name",
    "telefon geschäftlich": "business phone",
    "telefon geschäftlich 2": "business phone 2",
    "telefon (privat)": "home phone",
    "telefon (privat 2)": "home phone 2",
    "mobiltelefon": "mobile phone",
    "haupttelefon": "primary phone",
    "telefon firma": "company main phone",
    "weiteres telefon": "other phone",
    "autotelefon": "car phone",
    "straße geschäftlich": "business street",
    "straße geschäftlich 2": "business street 2",
    "straße geschäftlich 3": "business street 3",
    "ort geschäftlich": "business city",
    "region geschäftlich": "business state",
    "postleitzahl geschäftlich": "business postal code",
    "land/region geschäftlich": "business country/region",
    "postfach geschäftlich": "business po box",
    "straße privat": "home street",
    "straße privat 2": "home street 2",
    "straße privat 3": "home street 3",
    "ort privat": "home city",
    "bundesland/kanton privat": "home state",
    "postleitzahl privat": "home postal code",
    "land/region privat": "home country/region",
    "postfach privat": "home po box",
    "geburtstag": "birthday",
    "jahrestag": "anniversary",
    "kategorien": "categories",
    "notizen": "notes",
    "webseite": "web page",
    "initialen": "initials",
    "priorität": "priority",
    "privat": "private",
    "vertraulichkeit": "sensitivity",
    "geschlecht": "gender",
    "abrechnungsinformation": "billing information",
}
GERMAN = {german.casefold(): english for german, english in _GERMAN.items()}
"""Outlook's German column names (Outlook 2013 and later), as their English twins."""
_DEFAULTS_DE = {"aus": "false", "nicht angegeben": "unspecified", "keine angabe": "unspecified"}


def _recognise(names: set[str]) -> bool:
    return ("e-mail address" in names or "e-mail 2 address" in names) and bool(
        names & {"job title", "business phone", "mobile phone", "home phone", "company"}
    )


def _ignore(name: str, value: str) -> bool:
    default = _DEFAULTS.get(name)
    if default is not None and default == _DEFAULTS_DE.get(value.casefold(), value.casefold()):
        return True
    if _NO_DATE.fullmatch(value):
        return True
    return bool(_NOISE.fullmatch(name))


def _address(cells: Cells, kind: str) -> str:
    parts = [
        cells.get(f"{kind} street", f"{kind} address"),
        cells.get(f"{kind} street 2"),
        cells.get(f"{kind} street 3"),
        cells.get(f"{kind} po box"),
        cells.get(f"{kind} city"),
        cells.get(f"{kind} state"),
        cells.get(f"{kind} postal code"),
        cells.get(f"{kind} country/region", f"{kind} country"),
    ]
    return ", ".join(p for p in parts if p)


def _row(cells: Cells) -> tuple[Fields, Extras]:
    extras: Extras = []
    emails: list[str] = []
    for column in ("e-mail address", "e-mail 2 address", "e-mail 3 address"):
        email_or_extra(cells.get(column), emails, extras, "Email (not an address)")
    phones = tuple(value for column in PHONES if (value := cells.get(column)))
    shown = cells.get("display name", "e-mail display name")
    name = (
        join_name(
            cells.get("first name"),
            cells.get("middle name"),
            cells.get("last name"),
            cells.get("suffix"),
        )
        or shown
    )
    location = ""
    for kind in ("business", "home", "other"):
        place = [cells.get(f"{kind} city"), cells.get(f"{kind} state")]
        place.append(cells.get(f"{kind} country/region", f"{kind} country"))
        if not location and any(place):
            location = ", ".join(p for p in place if p)
        address = _address(cells, kind)
        if address:
            extras.append((f"{kind.title()} address", address))
    linkedin = ""
    for column in ("web page", "personal web page", "business web page"):
        url = cells.get(column)
        if url and not linkedin and "linkedin.com" in url.casefold():
            linkedin = url
        elif url:
            extras.append(("Web page", url))
    tags = tuple(t.strip() for t in cells.get("categories").split(";") if t.strip())
    fields: Fields = {
        "name": name,
        "emails": tuple(emails),
        "phones": phones,
        "organization": cells.get("company"),
        "role": cells.get("job title"),
        "notes": cells.get("notes"),
        "location": location,
        "linkedin": linkedin,
        "tags": tags,
    }
    return fields, extras


LAYOUT = Layout("outlook", "Outlook contacts CSV", _recognise, _row, _ignore, GERMAN)
