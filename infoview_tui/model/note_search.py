"""Searching every note in the notebook: contact notes, research notes, interview notes and
debriefs, with each hit shown as its line, trimmed around the match.

How a query matches:

* Words are matched case- and accent-insensitively (``fold``: "tomas" finds "Tomás"), as parts
  of words ("engineer" finds "engineers").
* A phrase in double quotes ("window functions") must appear as written, spaces included.
* A note matches when it contains every word and phrase of the query, anywhere in it (one
  note = one field of one record: a contact's notes, or an interview's debrief, ...). Its hits
  are the lines that contain at least one of them, each with every match highlighted.

Order: interviews newest first (their notes, then their debrief), then contacts most recently
in touch first (their notes, then their research notes); lines in their order in the note.
At most ``limit`` hits are built; ``NoteResults.total`` still counts them all.

Speed: ``NoteIndex`` keeps each note's folded text and folded lines, prepared once per record
version (records are immutable, so a record that is the same object is unchanged), and its
order once per notebook version; a query is then a scan of prepared strings.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum

from .contact import Contact
from .interview import Interview, recency_key
from .search import fold

LIMIT = 200
"""Most hits built for one query (the rest are only counted)."""
SNIPPET_WIDTH = 96
"""Longest snippet, in characters, "…" included."""
LEAD = 24
"""Characters kept before the first match when a long line is trimmed."""
ELLIPSIS = "…"


class NoteField(StrEnum):
    """Which note a hit is in (the value is what the screen shows)."""

    NOTES = "notes"
    RESEARCH = "research notes"
    INTERVIEW = "interview notes"
    DEBRIEF = "debrief"


_INTERVIEW_FIELDS = ((NoteField.INTERVIEW, "notes"), (NoteField.DEBRIEF, "debrief"))
_CONTACT_FIELDS = ((NoteField.NOTES, "notes"), (NoteField.RESEARCH, "research_notes"))


@dataclasses.dataclass(frozen=True)
class NoteHit:
    """One line of one note that matches."""

    contact_id: int
    interview_id: int | None
    field: NoteField
    line: int
    """0-based line in the note (the editor's row)."""
    column: int
    """Where the first match starts in that line (the editor's column)."""
    snippet: str
    """The line, trimmed around the first match, with "…" where it was cut."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) of every match inside ``snippet``, in order, never overlapping."""

    @property
    def line_number(self) -> int:
        """1-based, as a person counts."""
        return self.line + 1


@dataclasses.dataclass(frozen=True)
class NoteResults:
    hits: tuple[NoteHit, ...]
    """The first ``limit`` hits, in order."""
    total: int
    """Every matching line, including those beyond the limit."""
    notes: int
    """How many notes (fields) matched."""
    terms: tuple[str, ...]

    @property
    def more(self) -> int:
        """Hits left out by the limit."""
        return self.total - len(self.hits)

    def summary(self) -> str:
        """ "12 hits in 5 notes", "1 hit in 1 note", or "no hits"."""
        if not self.total:
            return "no hits"
        hits = f"{self.total:,} hit{'s' if self.total != 1 else ''}"
        notes = f"{self.notes:,} note{'s' if self.notes != 1 else ''}"
        return f"{hits} in {notes}"


def parse_query(query: str) -> tuple[str, ...]:
    """The folded terms of a query: each quoted phrase as one term (an unclosed quote runs to
    the end), every other word as its own term; duplicates and empty phrases dropped."""
    found: list[str] = []
    for i, part in enumerate(query.replace("“", '"').replace("”", '"').split('"')):
        if i % 2:  # inside quotes
            phrase = " ".join(fold(part).split())
            candidates = [phrase] if phrase else []
        else:
            candidates = fold(part).split()
        for term in candidates:
            if term not in found:
                found.append(term)
    return tuple(found)


def fold_map(line: str) -> tuple[str, list[int]]:
    """The folded line and, for each folded character, the index of the character of ``line``
    it came from (folding can change the length: "ß" becomes "ss", "é" becomes "e")."""
    if line.isascii():
        return line.lower(), list(range(len(line)))
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(line):
        folded = fold(ch)
        chars.append(folded)
        origin.extend([i] * len(folded))
    return "".join(chars), origin


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def match_spans(line: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of any term in ``line``, as (start, end) in ``line``'s own characters,
    merged where they overlap."""
    folded, origin = fold_map(line)
    found: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        at = folded.find(term)
        while at != -1:
            end = at + len(term)
            found.append((origin[at], origin[end - 1] + 1))
            at = folded.find(term, end)
    return _merge(found)


def snippet(
    line: str, spans: list[tuple[int, int]], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The line without its surrounding blanks, trimmed to ``width`` characters around its
    first match with "…" where it was cut, and the spans moved into it (clipped at its
    edges, dropped if outside)."""
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    cut_left = cut_right = False
    if end - start > width:
        first = spans[0][0] if spans else start
        new_start = max(start, min(first - LEAD, end - width))
        cut_left, cut_right = new_start > start, new_start + width < end
        start, end = new_start, new_start + width
        start += cut_left  # room for the "…"
        end -= cut_right
    pre = ELLIPSIS if cut_left else ""
    text = pre + line[start:end] + (ELLIPSIS if cut_right else "")
    moved = tuple(
        (max(s, start) - start + len(pre), min(e, end) - start + len(pre))
        for s, e in spans
        if s < end and e > start
    )
    return text, moved


@dataclasses.dataclass
class _Note:
    """One prepared note: where it is, its text as written and folded."""

    contact_id: int
    interview_id: int | None
    field: NoteField
    text: str
    folded: str
    _text_lines: list[str] | None = None

    @property
    def text_lines(self) -> list[str]:
        """The text as written, line by line (same count as ``lines``)."""
        if self._text_lines is None:
            self._text_lines = self.text.split("\n")
        return self._text_lines


def _prepare(record: Contact | Interview, fields: tuple[tuple[NoteField, str], ...]) -> list[_Note]:
    if isinstance(record, Interview):
        contact_id, interview_id = record.contact_id, record.id
    else:
        contact_id, interview_id = record.id, None
    notes: list[_Note] = []
    for field, attr in fields:
        text = getattr(record, attr)
        if text and text.strip():
            notes.append(_Note(contact_id, interview_id, field, text, fold(text)))
    return notes


def _contact_key(contact: Contact) -> tuple[str, str, int]:
    return (contact.last_contact, contact.updated, contact.id)


class NoteIndex:
    """Prepared notes of one notebook; ``search`` is a scan of them."""

    def __init__(self) -> None:
        self._records: dict[tuple[str, int], tuple[object, list[_Note]]] = {}
        self._version: int | None = None
        self._notes: list[_Note] = []

    def _of(
        self, kind: str, record: Contact | Interview, fields: tuple[tuple[NoteField, str], ...]
    ) -> list[_Note]:
        key = (kind, record.id)
        cached = self._records.get(key)
        if cached is None or cached[0] is not record:
            cached = (record, _prepare(record, fields))
            self._records[key] = cached
        return cached[1]

    def prepare(
        self, contacts: Mapping[int, Contact], interviews: Mapping[int, Interview], version: int
    ) -> list[_Note]:
        """Every note in search order (rebuilt only when ``version`` moved)."""
        if self._version == version:
            return self._notes
        notes: list[_Note] = []
        alive: set[tuple[str, int]] = set()
        held = [i for i in interviews.values() if i.contact_id in contacts]
        for interview in sorted(held, key=recency_key, reverse=True):
            alive.add(("i", interview.id))
            notes += self._of("i", interview, _INTERVIEW_FIELDS)
        for contact in sorted(contacts.values(), key=_contact_key, reverse=True):
            alive.add(("c", contact.id))
            notes += self._of("c", contact, _CONTACT_FIELDS)
        for key in [k for k in self._records if k not in alive]:
            del self._records[key]
        self._notes = notes
        self._version = version
        return notes

    def search(
        self,
        contacts: Mapping[int, Contact],
        interviews: Mapping[int, Interview],
        version: int,
        query: str,
        limit: int = LIMIT,
    ) -> NoteResults:
        terms = parse_query(query)
        if not terms:
            return NoteResults((), 0, 0, terms)
        hits: list[NoteHit] = []
        total = matched = 0
        any_term = re.compile("|".join(map(re.escape, terms)))
        for note in self.prepare(contacts, interviews, version):
            folded = note.folded
            if not all(term in folded for term in terms):
                continue
            matched += 1
            # Jump from one line holding a term to the next (C-speed searches, no loop over
            # every line); past the limit the lines are only counted.
            row, row_start, at = 0, 0, 0
            while (found := any_term.search(folded, at)) is not None:
                total += 1
                if len(hits) < limit:
                    row += folded.count("\n", row_start, found.start())
                    row_start = found.start()
                    hits.append(_hit(note, row, terms))
                end = folded.find("\n", found.end())
                if end == -1:
                    break
                at = end + 1
        return NoteResults(tuple(hits), total, matched, terms)


def _hit(note: _Note, row: int, terms: tuple[str, ...]) -> NoteHit:
    line = note.text_lines[row]
    spans = match_spans(line, terms)
    text, moved = snippet(line, spans)
    return NoteHit(
        contact_id=note.contact_id,
        interview_id=note.interview_id,
        field=note.field,
        line=row,
        column=spans[0][0] if spans else 0,
        snippet=text,
        spans=moved,
    )
