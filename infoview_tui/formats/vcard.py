"""vCard 3.0 and 4.0 in (as Google, Apple and Thunderbird write them) and 4.0 out, on vobject.

Reading: the file is split into cards and unfolded here, on bytes, before vobject sees it:

- a fold may cut a UTF-8 character in two (some writers count octets), so lines are joined
  before decoding;
- PHOTO, LOGO, SOUND and KEY are dropped unparsed: vobject decodes a 3.0 ``ENCODING=b``
  photo eagerly and a damaged one raises binascii.Error, and a 4.0 ``data:`` URI is split at
  its comma; infoview ignores photos anyway;
- vobject's ParseError line numbers are off (they count from elsewhere), so each card is
  parsed on its own and the line at fault is found again here by its text.

Mapping: FN (or N) is the name; every EMAIL and TEL, grouped (``item1.EMAIL``) or not, the
preferred first; the first ORG component is the organisation; TITLE (or ROLE) the role; NOTE
the notes; the first ADR's locality, region and country the location; a URL or
X-SOCIALPROFILE pointing at linkedin.com (or typed ``linkedin``) the LinkedIn address (Google
and Apple write ``https\\://``); CATEGORIES the tags (Google's ``myContacts`` left out).

Writing: vCard 4.0 with the standard properties above, and infoview's own fields as
``X-INFOVIEW-*`` so that exporting then importing into an empty notebook keeps them:
X-INFOVIEW-ID, -STAGE, -FIELD, -HOW-WE-MET, -REFERRED-BY (the referrer's name, with their id
in an ``X-INFOVIEW-ID`` parameter), -NEXT-ACTION, -NEXT-ACTION-DATE, -LAST-CONTACT,
-RESEARCH-NOTES. Tags go in CATEGORIES and notes in NOTE, the standard homes other apps read
(vobject writes an X- property only as one text value, so a tag list cannot go there).
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator

import vobject
from vobject.base import Component, ContentLine, ParseError

from ..model import Contact, ValidationError
from ..notebook import Notebook
from .common import Output, field_error, stable_uid, write_output
from .plan import FormatError, ImportPlan, Incoming

IGNORED = {"PHOTO", "LOGO", "SOUND", "KEY"}
GOOGLE_ALL_CONTACTS = "mycontacts"
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")

X_ID = "X-INFOVIEW-ID"
X_FIELDS = {
    # X- property: contact field (all plain text)
    "X-INFOVIEW-STAGE": "stage",
    "X-INFOVIEW-FIELD": "field",
    "X-INFOVIEW-HOW-WE-MET": "how_we_met",
    "X-INFOVIEW-NEXT-ACTION": "next_action",
    "X-INFOVIEW-NEXT-ACTION-DATE": "next_action_date",
    "X-INFOVIEW-LAST-CONTACT": "last_contact",
    "X-INFOVIEW-RESEARCH-NOTES": "research_notes",
}
X_REFERRED_BY = "X-INFOVIEW-REFERRED-BY"


# ----- reading -----------------------------------------------------------------------------


def looks_like(text: str) -> bool:
    return "BEGIN:VCARD" in text[:4096].upper()


class _Card:
    def __init__(self, number: int, first_line: int) -> None:
        self.number = number
        self.first_line = first_line
        self.lines: list[tuple[int, str]] = []
        """(physical line number, unfolded line) without the ignored properties."""

    @property
    def where(self) -> str:
        return f"card {self.number} (line {self.first_line})"


def _logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Unfolded lines with the number of the physical line each starts on."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    current: list[bytes] = []
    start = 0
    for number, raw in enumerate(_LINE_BREAK.split(data), start=1):
        if raw[:1] in (b" ", b"\t") and current:
            current.append(raw[1:])
            continue
        if current:
            yield start, b"".join(current)
        current, start = [raw], number
    if current:
        yield start, b"".join(current)


def _split_cards(data: bytes) -> list[_Card]:
    cards: list[_Card] = []
    card: _Card | None = None
    for number, raw in _logical_lines(data):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError(
                f"line {number}: byte 0x{raw[exc.start]:02x} is not UTF-8; "
                "save the file as UTF-8 and try again"
            ) from None
        if not line.strip():
            continue
        match = _NAME.match(line)
        name = match.group(1).upper() if match else ""
        value = line.split(":", 1)[1].strip().upper() if ":" in line else ""
        if name == "BEGIN" and value == "VCARD":
            if card is not None:
                raise FormatError(f"{card.where}: no END:VCARD before the next BEGIN:VCARD")
            card = _Card(len(cards) + 1, number)
        elif card is None:
            raise FormatError(f"line {number}: text outside a card: {line[:60]!r}")
        if "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper():
            raise FormatError(
                f"{card.where}, line {number}: quoted-printable text (vCard 2.1) is not "
                "supported; export as vCard 3.0 or 4.0"
            )
        if name not in IGNORED:
            card.lines.append((number, line))
        if name == "END" and value == "VCARD":
            cards.append(card)
            card = None
    if card is not None:
        raise FormatError(f"{card.where}: the card has no END:VCARD")
    if not cards:
        raise FormatError("no vCard in this file (no BEGIN:VCARD line)")
    return cards


def _parse(card: _Card) -> Component:
    text = "\r\n".join(line for _, line in card.lines) + "\r\n"
    try:
        return vobject.readOne(text, ignoreUnreadable=False)
    except ParseError as exc:
        message = re.sub(r"^At line \d+: ", "", str(exc))
        bad = message.split("Failed to parse line: ", 1)[-1].strip()
        for number, line in card.lines:
            if bad and line.strip() == bad:
                raise FormatError(
                    f"{card.where}, line {number}: cannot read {line[:80]!r}"
                ) from None
        raise FormatError(f"{card.where}: {message}") from None
    except (binascii.Error, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise FormatError(f"{card.where}: cannot read the card: {exc}") from None


def _text(value: object) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return value if isinstance(value, str) else str(value)


def _params(line: ContentLine, name: str) -> list[str]:
    return [v.casefold() for v in line.params.get(name, [])]


def _preference(line: ContentLine) -> tuple[int, int]:
    """Sort key: preferred (4.0 PREF=1, 3.0 TYPE=pref) first, then as written."""
    pref = line.params.get("PREF", [])
    if pref and pref[0].isdigit():
        return (0, int(pref[0]))
    return (0, 0) if "pref" in _params(line, "TYPE") else (1, 0)


def _lines(component: Component, name: str) -> list[ContentLine]:
    found = component.contents.get(name.lower(), [])
    return sorted(found, key=_preference)  # stable: equal keys keep the file's order


def _first(component: Component, name: str) -> str:
    found = component.contents.get(name.lower(), [])
    return _text(found[0].value).strip() if found else ""


def _name(component: Component) -> str:
    fn = _first(component, "FN")
    if fn:
        return fn
    for line in component.contents.get("n", []):
        n = line.value
        parts = [getattr(n, key, "") for key in ("prefix", "given", "additional", "family")]
        parts.append(getattr(n, "suffix", ""))
        words = [_text(p).strip() for p in parts if _text(p).strip()]
        if words:
            return " ".join(words)
    return ""


def _organization(component: Component) -> str:
    for line in component.contents.get("org", []):
        parts = line.value if isinstance(line.value, list) else [line.value]
        for part in parts:
            if _text(part).strip():
                return _text(part).strip()
    return ""


def _location(component: Component) -> str:
    for line in _lines(component, "ADR"):
        adr = line.value
        parts = [_text(getattr(adr, key, "")).strip() for key in ("city", "region", "country")]
        if any(parts):
            return ", ".join(p for p in parts if p)
    return ""


def _linkedin(component: Component) -> str:
    for name in ("URL", "X-SOCIALPROFILE"):
        for line in _lines(component, name):
            value = _text(line.value).replace("\\:", ":").strip()
            if "linkedin" in _params(line, "TYPE") or "linkedin.com" in value.casefold():
                return value
    return ""


def _phone(value: str) -> str:
    value = value.strip()
    return value[4:] if value.casefold().startswith("tel:") else value


def _tags(component: Component) -> tuple[str, ...]:
    tags: list[str] = []
    for line in component.contents.get("categories", []):
        values = line.value if isinstance(line.value, list) else [line.value]
        tags.extend(
            _text(v).strip() for v in values if _text(v).strip().casefold() != GOOGLE_ALL_CONTACTS
        )
    return tuple(tags)


def _incoming(card: _Card) -> Incoming:
    component = _parse(card)
    if component.name.upper() != "VCARD":
        raise FormatError(f"{card.where}: not a vCard")
    fields: dict[str, object] = {
        "name": _name(component),
        "emails": tuple(_text(x.value).strip() for x in _lines(component, "EMAIL")),
        "phones": tuple(_phone(_text(x.value)) for x in _lines(component, "TEL")),
        "organization": _organization(component),
        "role": _first(component, "TITLE") or _first(component, "ROLE"),
        "location": _location(component),
        "linkedin": _linkedin(component),
        "notes": "\n".join(_text(x.value) for x in component.contents.get("note", [])),
        "tags": _tags(component),
    }
    for prop, field in X_FIELDS.items():
        found = component.contents.get(prop.lower())
        if found:
            value = _text(found[0].value)
            fields[field] = value if field == "research_notes" else value.strip()
    if not fields["name"]:
        raise FormatError(f"{card.where}: the card has no name (FN or N)")
    referrer_key = referrer_name = ""
    for line in component.contents.get(X_REFERRED_BY.lower(), [])[:1]:
        referrer_name = _text(line.value).strip()
        referrer_key = (line.params.get(X_ID) or [""])[0].strip()
    try:
        contact = Contact(**fields)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise FormatError(field_error(card.where, exc)) from None
    return Incoming(
        contact,
        card.where,
        key=_first(component, X_ID),
        referrer_key=referrer_key,
        referrer_name=referrer_name,
    )


def read(data: bytes, source: str) -> ImportPlan:
    cards = _split_cards(data)
    incoming: list[Incoming] = []
    problems: list[str] = []
    for card in cards:
        try:
            incoming.append(_incoming(card))
        except FormatError as exc:
            problems.append(str(exc))
    if problems:
        raise FormatError.from_problems(problems, "cards with problems")
    return ImportPlan("vcard", source, tuple(incoming))


# ----- writing -----------------------------------------------------------------------------


def _split_name(name: str) -> tuple[str, str]:
    """(given, family) for the N property: the last word is taken as the family name."""
    given, _, family = name.rpartition(" ")
    return (given, family) if given else ("", family)


def _one_line_notes(text: str) -> str:
    """vCard escapes \\n but has no way to write a bare CR: line ends become \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def card(notebook: Notebook, contact: Contact) -> Component:
    c = vobject.vCard()
    c.add("version").value = "4.0"
    c.add("uid").value = "urn:uuid:" + stable_uid("contact", contact)
    c.add("fn").value = contact.name
    given, family = _split_name(contact.name)
    c.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.organization:
        c.add("org").value = [contact.organization]
    if contact.role:
        c.add("title").value = contact.role
    for i, email in enumerate(contact.emails):
        line = c.add("email")
        line.value = email
        if i == 0 and len(contact.emails) > 1:
            line.params["PREF"] = ["1"]
    for i, phone in enumerate(contact.phones):
        line = c.add("tel")
        line.value = phone
        if i == 0 and len(contact.phones) > 1:
            line.params["PREF"] = ["1"]
    if contact.linkedin:
        line = c.add("url")
        line.value = contact.linkedin
        line.params["TYPE"] = ["linkedin"]
    if contact.location:
        c.add("adr").value = vobject.vcard.Address(city=contact.location)
    if contact.tags:
        c.add("categories").value = list(contact.tags)
    if contact.notes:
        c.add("note").value = _one_line_notes(contact.notes)
    c.add(X_ID.lower()).value = str(contact.id)
    for prop, field in X_FIELDS.items():
        value = str(getattr(contact, field))
        if value:
            c.add(prop.lower()).value = _one_line_notes(value)
    referrer = notebook.contacts.get(contact.referred_by) if contact.referred_by else None
    if referrer is not None:
        line = c.add(X_REFERRED_BY.lower())
        line.value = referrer.name
        line.params[X_ID] = [str(referrer.id)]
    return c


def render(notebook: Notebook) -> bytes:
    cards = (card(notebook, c) for c in sorted(notebook.contacts.values(), key=lambda c: c.id))
    return "".join(c.serialize() for c in cards).encode("utf-8")


def write(notebook: Notebook, out: Output) -> str:
    write_output(out, render(notebook))
    return f"{len(notebook.contacts)} contacts"
