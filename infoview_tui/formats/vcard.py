"""vCard 2.1, 3.0 and 4.0 in (as Android, Outlook, Google, Apple, Thunderbird and Lotus Notes
write them) and 4.0 out (on vobject).

Reading is done here by hand, on bytes, card by card, so that one odd card never costs the
rest of the file and no input ends in anything but an import plan or a FormatError:

- the file is split into physical lines, unfolded (a fold may cut a UTF-8 character in two:
  some writers count octets, so lines are joined before decoding), and 2.1's
  quoted-printable soft line breaks (``=`` at a line's end) are joined too;
- PHOTO, LOGO, SOUND and KEY are dropped unparsed, with 2.1's base64 continuation lines
  (indented or not, ended by a blank line); infoview has no use for them;
- each value is decoded on its own: quoted-printable (``ENCODING=QUOTED-PRINTABLE`` or 2.1's
  bare ``QUOTED-PRINTABLE``), then the ``CHARSET`` it names; without one, UTF-8, falling back
  to Windows-1252 (then Latin-1) for a line that is not UTF-8, which the plan's encoding
  says. A UTF-16 file (with a byte-order mark or plainly so) is read as such;
- 2.1's bare parameters (``TEL;HOME;VOICE:``, ``EMAIL;INTERNET:``) are types;
- a card that cannot be read (a line that is not ``NAME[;PARAMS]:VALUE``, no END:VCARD) is
  skipped and listed with its number, first line, name and the reason; one with no name and
  no email is left out (see ``common.Rows``). Text between cards is ignored and said so in
  the plan's notes. Only a file with no card at all is refused;
- unknown properties, X- properties (even with a value that does not decode), PROFILE and
  the like are ignored.

Mapping: FN (else N, else NICKNAME, else the first ORG component) is the name; every EMAIL
and TEL, grouped (``item1.EMAIL``) or not, the preferred first (4.0 PREF, 3.0 TYPE=pref, 2.1
PREF); the first ORG component is the organisation; TITLE (or ROLE) the role; NOTE the
notes; the first ADR with a locality, region or country the location; a URL or
X-SOCIALPROFILE pointing at linkedin.com (or typed or labelled ``linkedin``) the LinkedIn
address (Google and Apple write ``https\\://``); CATEGORIES the tags (Google's ``myContacts``
left out); infoview's own X-INFOVIEW-* fields (see Writing) back into theirs.

What has no field in infoview goes into the contact's notes, under a heading
(``common.with_extras``): full addresses (beyond the location), the department (ORG's
further components), other titles and roles, birthday, anniversary and other dates,
nickname, gender, other web addresses, instant messaging and social profiles other than
LinkedIn, related people, an X.400 email.

Writing: vCard 4.0 with the standard properties above, and infoview's own fields as
``X-INFOVIEW-*`` so that exporting then importing into an empty notebook keeps them:
X-INFOVIEW-ID, -STAGE, -FIELD, -HOW-WE-MET, -REFERRED-BY (the referrer's name, with their id
in an ``X-INFOVIEW-ID`` parameter), -NEXT-ACTION, -NEXT-ACTION-DATE, -LAST-CONTACT,
-RESEARCH-NOTES. Tags go in CATEGORIES and notes in NOTE, the standard homes other apps read
(vobject writes an X- property only as one text value, so a tag list cannot go there).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import os
import re
from collections.abc import Iterator
from pathlib import Path

import vobject
from vobject.base import Component, ContentLine

from ..model import Contact, ValidationError
from ..model.contact import check_email, check_url
from ..notebook import Notebook
from .common import (
    BOMS,
    LATIN_1,
    Output,
    Rows,
    decode_unmarked,
    one_line,
    stable_uid,
    write_output,
)
from .output import open_folder, sync_folder, write_in_folder
from .plan import FormatError, ImportPlan

IGNORED = {"PHOTO", "LOGO", "SOUND", "KEY"}
GOOGLE_ALL_CONTACTS = "mycontacts"

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

EXTRA_LABELS = {
    # property: the label its value gets in the notes
    "NICKNAME": "Nickname",
    "X-NICKNAME": "Nickname",
    "X-MAIDENNAME": "Maiden name",
    "X-PHONETIC-FIRST-NAME": "Phonetic first name",
    "X-PHONETIC-MIDDLE-NAME": "Phonetic middle name",
    "X-PHONETIC-LAST-NAME": "Phonetic last name",
    "X-PHONETIC-ORG": "Phonetic organisation",
    "BDAY": "Birthday",
    "ANNIVERSARY": "Anniversary",
    "X-ANNIVERSARY": "Anniversary",
    "X-MS-ANNIVERSARY": "Anniversary",
    "X-EVOLUTION-ANNIVERSARY": "Anniversary",
    "X-ABDATE": "Date",
    "DEATHDATE": "Date of death",
    "GENDER": "Gender",
    "X-GENDER": "Gender",
    "LANG": "Language",
    "EXPERTISE": "Expertise",
    "HOBBY": "Hobby",
    "INTEREST": "Interest",
    "ORG-DIRECTORY": "Directory",
    "RELATED": "Related",
    "X-ABRELATEDNAMES": "Related",
    "X-SPOUSE": "Spouse",
    "X-MS-SPOUSE": "Spouse",
    "X-EVOLUTION-SPOUSE": "Spouse",
    "X-ASSISTANT": "Assistant",
    "X-EVOLUTION-ASSISTANT": "Assistant",
    "X-MS-ASSISTANT": "Assistant",
    "X-MANAGER": "Manager",
    "X-EVOLUTION-MANAGER": "Manager",
    "X-MS-MANAGER": "Manager",
    "IMPP": "Messaging",
    "X-AIM": "AIM",
    "X-ICQ": "ICQ",
    "X-JABBER": "Jabber",
    "X-MSN": "MSN",
    "X-YAHOO": "Yahoo",
    "X-SKYPE": "Skype",
    "X-SKYPE-USERNAME": "Skype",
    "X-GOOGLE-TALK": "Google Talk",
    "X-GTALK": "Google Talk",
    "X-QQ": "QQ",
    "X-GADUGADU": "Gadu-Gadu",
    "X-TWITTER": "Twitter",
    "X-SOCIALPROFILE": "Profile",
    "URL": "Web",
    "X-MS-IMADDRESS": "Messaging",
}
"""Properties with no field in infoview whose values go into the notes, as they are."""

NOISE_TYPES = {"pref", "internet", "voice", "text", "uri", "dom", "intl", "postal", "parcel"}
"""TYPE values not worth repeating in a label ("Web (work)", not "Web (pref, internet)")."""

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_PROPERTY = re.compile(rb"[ \t]*(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)")
_BEGIN = re.compile(rb"[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_END = re.compile(rb"[ \t]*END[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_AGENT = re.compile(rb"[ \t]*(?:[A-Za-z0-9_-]+\.)?AGENT[;:]", re.IGNORECASE)
_NAME = re.compile(r"^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)$")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_BOM = b"\xef\xbb\xbf"
_IGNORED_BYTES = {name.encode() for name in IGNORED}


class _Card:
    def __init__(self, number: int, first_line: int) -> None:
        self.number = number
        self.first_line = first_line
        self.lines: list[tuple[int, bytes]] = []
        """(physical line number, unfolded line) without the ignored properties."""
        self.problem = ""
        """Why the card as a whole cannot be read (no END:VCARD), if so."""

    @property
    def where(self) -> str:
        return f"card {self.number} (line {self.first_line})"


class _Unreadable(Exception):
    """A line of a card that is not a property."""


@dataclasses.dataclass
class _Prop:
    number: int
    group: str
    name: str
    params: dict[str, list[str]]
    value: str
    """The decoded text, still with vCard's backslash escapes."""

    def types(self) -> list[str]:
        return [t.casefold() for t in self.params.get("TYPE", [])]

    def param(self, key: str) -> str:
        values = self.params.get(key)
        return values[0] if values else ""

    @property
    def text(self) -> str:
        return _unescape(self.value)


class _Decoder:
    """Turns a line's bytes into text and remembers what it had to do for that."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.utf8 = False
        """Some non-ASCII text was UTF-8."""
        self.fallback = ""
        """The label of the fallback some line needed (Windows-1252 or Latin-1)."""
        self.declared: list[str] = []
        """CHARSET names (other than UTF-8) used, in the order first met."""

    def auto(self, data: bytes) -> str:
        if data.isascii():
            return data.decode("ascii")
        text, label = decode_unmarked(data)
        if label == "UTF-8":
            self.utf8 = True
        elif label == LATIN_1 or self.fallback != LATIN_1:  # Latin-1 is the one to say
            self.fallback = label
        return text

    def declared_as(self, data: bytes, charset: str) -> str:
        if data.isascii():
            return data.decode("ascii")
        try:
            text = data.decode(charset, errors="replace")  # a stray byte: U+FFFD, not mojibake
        except Exception:  # LookupError (no such charset), a codec's own errors
            return self.auto(data)
        name = charset.strip().upper()
        if name.replace("-", "").replace("_", "") == "UTF8":
            self.utf8 = True
        elif name not in self.declared:
            self.declared.append(name)
        return text

    def encoding(self) -> str:
        if self.fallback:
            if self.utf8:
                return f"UTF-8 and {self.fallback.split(' (')[0]} (some lines are not UTF-8)"
            return self.fallback
        if self.declared:
            return f"{', '.join(self.declared)} (as the cards say)"
        return self.label


def _transcode(data: bytes) -> tuple[bytes, str]:
    """UTF-8 bytes for a UTF-16 or UTF-32 file; the label of the file's own encoding."""
    for bom, codec, label in BOMS:
        if codec != "utf-8-sig" and data.startswith(bom):  # UTF-8's mark: _logical_lines
            return data.decode(codec, errors="replace").encode("utf-8"), label
    at = data[:64].find(b"B\x00E\x00G\x00I\x00N")  # UTF-16 without a mark
    if at >= 0:
        codec = "utf-16-le" if at % 2 == 0 else "utf-16-be"
        return data.decode(codec, errors="replace").encode("utf-8"), "UTF-16"
    return data, "UTF-8"


def _logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Unfolded lines with the number of the physical line each starts on.

    Joined to the line before: a line that starts with a space or tab (a fold); any line
    after a quoted-printable one that ends with ``=`` (a soft line break); a line with no
    colon after a base64 one (2.1 writes base64 unindented, up to a blank line). The
    properties in IGNORED are left out whole.
    """
    if data.startswith(_BOM):
        data = data[3:]
    current: list[bytes] = []
    tail = b""
    start = 0
    drop = qp = b64 = False
    for number, raw in enumerate(_LINE_BREAK.split(data), start=1):
        if current or drop:
            if qp and tail.endswith(b"=") and not (_END.match(raw) or _BEGIN.match(raw)):
                if not drop:
                    current[-1] = current[-1][:-1]
                    current.append(raw)
                tail = raw
                continue
            if raw[:1] in (b" ", b"\t") and not (
                current and (_BEGIN.match(current[0]) or _END.match(current[0]))
            ):
                if not drop:
                    current.append(raw[1:])
                tail = raw
                continue
            if b64 and b":" not in raw and raw.strip():
                if not drop:
                    current.append(raw.strip())
                tail = raw
                continue
        if current:
            yield start, b"".join(current)
        start, tail = number, raw
        head = raw.split(b":", 1)[0].upper()
        qp = b"QUOTED-PRINTABLE" in head
        b64 = b"BASE64" in head or b"ENCODING=B" in head
        match = _PROPERTY.match(raw)
        drop = bool(match) and match.group(1).upper() in _IGNORED_BYTES  # type: ignore[union-attr]
        current = [] if drop else [raw]
    if current:
        yield start, b"".join(current)


def _split_cards(data: bytes) -> tuple[list[_Card], list[tuple[int, bytes]]]:
    """The cards of the file, and the lines outside any card (ignored)."""
    cards: list[_Card] = []
    outside: list[tuple[int, bytes]] = []
    card: _Card | None = None
    started = 0
    nested = 0
    after_agent = False
    for number, raw in _logical_lines(data):
        if raw.startswith(_BOM):
            raw = raw[3:]
        if not raw.strip():
            continue
        agent, after_agent = after_agent, False
        if _BEGIN.match(raw):
            if card is not None:
                if agent or nested:  # 2.1: AGENT: then a whole card, on the next lines
                    nested += 1
                    continue
                card.problem = "no END:VCARD before the next BEGIN:VCARD"
                cards.append(card)
            started += 1
            card = _Card(started, number)
        elif card is None:
            outside.append((number, raw))
        elif _END.match(raw):
            if nested:
                nested -= 1
            else:
                cards.append(card)
                card = None
        elif not nested:
            after_agent = bool(_AGENT.match(raw)) and raw.rstrip().endswith(b":")
            card.lines.append((number, raw))
    if card is not None:
        card.problem = "the card has no END:VCARD (is the file cut short?)"
        cards.append(card)
    return cards, outside


def _split_quoted(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside double quotes."""
    if '"' not in text:
        return text.split(sep)
    parts: list[str] = []
    start = 0
    inside = False
    for i, ch in enumerate(text):
        if ch == '"':
            inside = not inside
        elif ch == sep and not inside:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _split_line(raw: bytes) -> tuple[bytes, bytes] | None:
    """(name and parameters, value): split at the first colon outside double quotes."""
    colon = raw.find(b":")
    if colon < 0:
        return None
    if b'"' not in raw[:colon]:
        return raw[:colon], raw[colon + 1 :]
    inside = False
    for i, byte in enumerate(raw):
        if byte == 0x22:
            inside = not inside
        elif byte == 0x3A and not inside:
            return raw[:i], raw[i + 1 :]
    return None


_BARE_ENCODINGS = {"quoted-printable", "base64", "b", "8bit", "7bit"}


def _parse_line(number: int, raw: bytes, decoder: _Decoder) -> _Prop | None:
    """The property on one unfolded line; None for one to ignore (its value does not decode).

    Raises _Unreadable for a line that is not a property.
    """
    split = _split_line(raw)
    if split is None:
        raise _Unreadable(f"cannot read {decoder.auto(raw).strip()[:80]!r}")
    head_bytes, value = split
    head = decoder.auto(head_bytes)
    first, *rest = _split_quoted(head, ";")
    match = _NAME.match(first.strip())
    if not match:
        raise _Unreadable(f"cannot read {decoder.auto(raw).strip()[:80]!r}")
    group, name = match.group(1) or "", match.group(2).upper()
    params: dict[str, list[str]] = {}
    for param in rest:
        key, eq, values = param.partition("=")
        key = key.strip().upper()
        if not eq:
            if not key:
                continue
            values, key = key, "ENCODING" if key.casefold() in _BARE_ENCODINGS else "TYPE"
        items = [v.strip().strip('"') for v in _split_quoted(values, ",")]
        params.setdefault(key, []).extend(v for v in items if v)
    if name in IGNORED:
        return None
    encoding = (params.get("ENCODING") or [""])[0].casefold()
    if encoding == "quoted-printable":
        value = binascii.a2b_qp(value)
    elif encoding in ("b", "base64"):
        try:
            value = base64.b64decode(b"".join(value.split()))
        except (binascii.Error, ValueError):
            return None
    charset = (params.get("CHARSET") or [""])[0]
    text = decoder.declared_as(value, charset) if charset else decoder.auto(value)
    return _Prop(number, group, name, params, text)


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _split_escaped(text: str, sep: str) -> list[str]:
    """``text`` split at each ``sep`` not escaped by a backslash (still escaped)."""
    if "\\" not in text:
        return text.split(sep)
    parts: list[str] = []
    start = i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == sep:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _components(prop: _Prop, size: int = 0) -> list[str]:
    """A structured value (N, ADR, ORG): its components, each unescaped, lists joined."""
    parts = [
        ", ".join(s for s in (_unescape(v).strip() for v in _split_escaped(p, ",")) if s)
        for p in _split_escaped(prop.value, ";")
    ]
    return parts + [""] * (size - len(parts))


def _preference(prop: _Prop) -> tuple[int, int]:
    """Sort key: preferred (4.0 PREF=1, 3.0 TYPE=pref, 2.1 PREF) first, then as written."""
    pref = prop.param("PREF").strip()
    if pref.isdigit() and len(pref) < 6:
        return (0, int(pref))
    return (0, 0) if "pref" in prop.types() else (1, 0)


class _CardFields:
    """What one card maps to: Contact fields, extras for the notes, referral links."""

    def __init__(self, props: list[_Prop]) -> None:
        self.props = props
        self.by_name: dict[str, list[_Prop]] = {}
        self.labels: dict[str, str] = {}
        for prop in props:
            self.by_name.setdefault(prop.name, []).append(prop)
            if prop.name == "X-ABLABEL" and prop.group:
                label = prop.text.strip()
                match = _APPLE_LABEL.match(label)
                self.labels[prop.group.casefold()] = match.group(1) if match else label
        self.used: set[int] = set()
        """ids of the props whose value went into a field."""

    def all(self, name: str) -> list[_Prop]:
        return self.by_name.get(name, [])

    def preferred(self, name: str) -> list[_Prop]:
        return sorted(self.all(name), key=_preference)  # stable: ties keep the file's order

    def first(self, name: str) -> str:
        for prop in self.all(name):
            text = prop.text.strip()
            if text:
                self.used.add(id(prop))
                return text
        return ""

    def label(self, base: str, prop: _Prop) -> str:
        label = self.labels.get(prop.group.casefold(), "") if prop.group else ""
        if not label:
            types = [t for t in prop.types() if t not in NOISE_TYPES]
            label = ", ".join(dict.fromkeys(types))
        return f"{base} ({label})" if label else base

    def name(self) -> str:
        fn = self.first("FN")
        if fn:
            return fn
        for prop in self.all("N"):
            family, given, additional, prefix, suffix = _components(prop, 5)[:5]
            words = " ".join(w for w in (prefix, given, additional, family, suffix) if w)
            if words:
                return words
        return self.first("NICKNAME") or self.organization()

    def organization(self) -> str:
        for prop in self.all("ORG"):
            parts = [p for p in _components(prop) if p]
            if parts:
                self.used.add(id(prop))
                return parts[0]
        return ""

    def emails(self) -> tuple[str, ...]:
        emails: list[str] = []
        for prop in self.preferred("EMAIL"):
            value = prop.text.strip()
            if value.casefold().startswith("mailto:"):
                value = value[7:].strip()
            if "<" in value and value.endswith(">"):  # "Jane Doe <jane@example.com>"
                value = value.rsplit("<", 1)[1][:-1].strip()
            try:
                emails.append(check_email(value))
            except ValidationError:  # an X.400 or Exchange name, junk: kept in the notes
                continue
            self.used.add(id(prop))
        return tuple(emails)

    def phones(self) -> tuple[str, ...]:
        phones: list[str] = []
        for prop in self.preferred("TEL"):
            value = prop.text.strip()
            if value.casefold().startswith("tel:"):
                value = value[4:].strip()
            if value:
                phones.append(value)
                self.used.add(id(prop))
        return tuple(phones)

    def role(self) -> str:
        return self.first("TITLE") or self.first("ROLE")

    def location(self) -> str:
        for prop in self.preferred("ADR"):
            pobox, extended, street, city, region, code, country = _components(prop, 7)[:7]
            if city or region or country:
                if not (pobox or extended or street or code):
                    self.used.add(id(prop))  # nothing more than the location: no extra
                return ", ".join(p for p in (city, region, country) if p)
        return ""

    def linkedin(self) -> str:
        for prop in self.preferred("URL") + self.all("X-SOCIALPROFILE") + self.all("X-LINKEDIN"):
            value = prop.text.strip()
            label = self.labels.get(prop.group.casefold(), "") if prop.group else ""
            if not (
                "linkedin" in prop.types()
                or "linkedin.com" in value.casefold()
                or label.casefold() == "linkedin"
                or prop.name == "X-LINKEDIN"
            ):
                continue
            try:
                url = check_url("linkedin", value)
            except ValidationError:
                continue
            if url:
                self.used.add(id(prop))
                return url
        return ""

    def notes(self) -> str:
        notes = [prop.text for prop in self.all("NOTE")]
        if len(notes) == 1:
            return notes[0]  # as written, blank lines too (an infoview export round trip)
        return "\n".join(n for n in notes if n.strip())

    def tags(self) -> tuple[str, ...]:
        tags: list[str] = []
        for prop in self.all("CATEGORIES"):
            for item in _split_escaped(prop.value, ","):
                tag = _unescape(item).strip()
                if tag and tag.casefold() != GOOGLE_ALL_CONTACTS:
                    tags.append(tag)
        return tuple(tags)

    def extras(self) -> list[tuple[str, str]]:
        """What has no field, in the card's order (call after the fields are read)."""
        extras: list[tuple[str, str]] = []
        has_adr = bool(self.all("ADR"))
        for prop in self.props:
            if id(prop) in self.used:
                continue
            name = prop.name
            if name == "ORG":
                extras.append((self.label("Organisation", prop), ", ".join(_components(prop))))
            elif name in ("TITLE", "ROLE"):
                extras.append((name.title(), prop.text))
            elif name == "ADR":
                parts = [p for p in _components(prop, 7) if p]
                extras.append((self.label("Address", prop), ", ".join(parts)))
            elif name == "LABEL" and not has_adr:
                extras.append((self.label("Address", prop), prop.text))
            elif name == "EMAIL":
                extras.append((self.label("Email", prop), prop.text))
            elif name == "X-ANDROID-CUSTOM":
                kind, value = [*_split_escaped(prop.value, ";"), "", ""][:2]
                kind = kind.rsplit("/", 1)[-1].casefold()
                if kind in ("nickname", "relation"):
                    extras.append((kind.title(), _unescape(value)))
            elif name in EXTRA_LABELS:
                extras.append((self.label(EXTRA_LABELS[name], prop), prop.text))
        for prop in self.all("ORG"):  # the department of the organisation used
            if id(prop) in self.used:
                parts = [p for p in _components(prop) if p][1:]
                if parts:
                    extras.insert(0, ("Department", ", ".join(parts)))
                break
        return [(label, value) for label, value in extras if value.strip()]


def _read_card(card: _Card, decoder: _Decoder, rows: Rows) -> None:
    props: list[_Prop] = []
    problem = card.problem
    for number, raw in card.lines:
        try:
            prop = _parse_line(number, raw, decoder)
        except _Unreadable as exc:
            problem = problem or f"line {number}: {exc}"
            continue
        if prop is not None:
            props.append(prop)
    found = _CardFields(props)
    name = found.name()
    if problem:
        rows.skip(card.where, problem, name)
        return
    fields: dict[str, object] = {
        "name": name,
        "emails": found.emails(),
        "phones": found.phones(),
        "organization": found.organization(),
        "role": found.role(),
        "location": found.location(),
        "linkedin": found.linkedin(),
        "notes": found.notes(),
        "tags": found.tags(),
    }
    for prop_name, field in X_FIELDS.items():
        for prop in found.all(prop_name)[:1]:
            value = prop.text
            fields[field] = value if field == "research_notes" else value.strip()
    referrer_key = referrer_name = ""
    for prop in found.all(X_REFERRED_BY)[:1]:
        referrer_name = prop.text.strip()
        referrer_key = prop.param(X_ID).strip()
    rows.add(
        card.where,
        fields,
        found.extras(),
        key=found.first(X_ID),
        referrer_key=referrer_key,
        referrer_name=referrer_name,
    )


def read(data: bytes, source: str) -> ImportPlan:
    """The contacts of a vCard file. A card that cannot be read is skipped (and listed);
    FormatError only for a file with no card in it."""
    try:
        data, label = _transcode(data)
        cards, outside = _split_cards(data)
    except Exception as exc:  # whatever the bytes: a message, not a traceback
        raise FormatError(f"cannot read the file as vCard: {exc}") from None
    if not cards:
        raise FormatError("no vCard in this file (no BEGIN:VCARD line)")
    rows = Rows()
    decoder = _Decoder(label)
    for card in cards:
        try:
            _read_card(card, decoder, rows)
        except Exception as exc:  # one odd card never costs the file
            rows.skip(card.where, f"cannot read the card ({type(exc).__name__}: {exc})"[:200])
    plan = rows.plan("vcard", source, decoder.encoding())
    if outside:
        notes = [
            f"line {number}: text outside a card, ignored: {one_line(decoder.auto(raw))[:60]!r}"
            for number, raw in outside[:3]
        ]
        if len(outside) > 3:
            notes.append(f"... and {len(outside) - 3} more lines outside a card, ignored")
        plan = dataclasses.replace(plan, notes=plan.notes + tuple(notes))
    return plan


# ----- writing -----------------------------------------------------------------------------


def _split_name(name: str) -> tuple[str, str]:
    """(given, family) for the N property: the last word is taken as the family name."""
    given, _, family = name.rpartition(" ")
    return (given, family) if given else ("", family)


def _one_line_notes(text: str) -> str:
    """vCard escapes \\n but has no way to write a bare CR: line ends become \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


VERSIONS = ("4.0", "3.0")
"""What the export writes: 4.0 (the default), or 3.0 for the phones and services that read
only 3.0 (AOSP contacts, several mail providers). 3.0 marks the preferred email and phone
with ``TYPE=pref`` where 4.0 has ``PREF=1``; the rest is the same."""


def _prefer(line: ContentLine, version: str) -> None:
    if version == "3.0":
        line.params["TYPE"] = ["pref"]
    else:
        line.params["PREF"] = ["1"]


def card(notebook: Notebook, contact: Contact, version: str = "4.0") -> Component:
    c = vobject.vCard()
    c.add("version").value = version
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
            _prefer(line, version)
    for i, phone in enumerate(contact.phones):
        line = c.add("tel")
        line.value = phone
        if i == 0 and len(contact.phones) > 1:
            _prefer(line, version)
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


def _sorted(notebook: Notebook) -> list[Contact]:
    return sorted(notebook.contacts.values(), key=lambda c: c.id)


def render(notebook: Notebook, version: str = "4.0") -> bytes:
    cards = (card(notebook, c, version) for c in _sorted(notebook))
    return "".join(c.serialize() for c in cards).encode("utf-8")


def write(notebook: Notebook, out: Output, version: str = "4.0") -> str:
    write_output(out, render(notebook, version))
    return f"{len(notebook.contacts)} contacts (vCard {version})"


def write_split(notebook: Notebook, folder: Path, version: str = "4.0") -> str:
    """One ``UID.vcf`` per contact in ``folder`` (made if missing): a vdir, as khard and
    vdirsyncer read it. Links in the folder are not followed (formats/output.py); files are
    0600. A file of this export that another run wrote is replaced, never doubled (the UID,
    and so the name, stays the same for a contact)."""
    top = open_folder(folder)
    try:
        for contact in _sorted(notebook):
            c = card(notebook, contact, version)
            name = c.uid.value.removeprefix("urn:uuid:") + ".vcf"
            write_in_folder(top, name, c.serialize().encode("utf-8"))
        sync_folder(top)
    finally:
        os.close(top)
    return f"{len(notebook.contacts)} contacts, one file each (vCard {version})"
