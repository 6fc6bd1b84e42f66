"""Searching, filtering and sorting contacts in memory (never through TinyDB queries)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from enum import StrEnum
from itertools import compress

from .contact import Contact
from .stage import Stage


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Tomás" and "TOMAS" both become "tomas"."""
    if text.isascii():  # most text: no accents to strip (casefold is lower for ASCII)
        return text.lower()
    # Twice: a decomposition can bring out a capital ("ꟸ" -> "Ħ"), so fold(fold(x)) == fold(x).
    decomposed = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKD", text.casefold()).casefold()
    )
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def haystack(contact: Contact) -> str:
    """The folded text a search looks in: name, organisation, role, field, location, how we
    met, tags and notes."""
    # Folded field by field (the same text as folding the whole): an accent in the name does
    # not send the long notes down the slow, character-by-character path.
    return "\n".join(
        (
            fold(contact.name),
            fold(contact.organization),
            fold(contact.role),
            fold(contact.field),
            fold(contact.location),
            fold(contact.how_we_met),
            fold(" ".join(contact.tags)),
            fold(contact.notes),
            fold(contact.research_notes),
        )
    )


def terms(query: str) -> tuple[str, ...]:
    """The folded words of a query; a contact must contain every one of them."""
    return tuple(fold(query).split())


class SortBy(StrEnum):
    NAME = "name"
    NEXT_ACTION = "next action"
    LAST_CONTACT = "last contact"

    def following(self) -> SortBy:
        members = list(SortBy)
        return members[(members.index(self) + 1) % len(members)]


def _name_key(c: Contact) -> tuple[str, int]:
    return (fold(c.name), c.id)


def _next_key(c: Contact) -> tuple[bool, str, str, int]:
    # Soonest first; contacts with no next action date go last.
    return (not c.next_action_date, c.next_action_date, fold(c.name), c.id)


def _last_key(c: Contact) -> tuple[str, str, int]:
    # Longest since the last contact first (never contacted first of all): who is slipping away.
    return (c.last_contact, fold(c.name), c.id)


SORT_KEYS: dict[SortBy, Callable[[Contact], tuple[object, ...]]] = {
    SortBy.NAME: _name_key,
    SortBy.NEXT_ACTION: _next_key,
    SortBy.LAST_CONTACT: _last_key,
}


class ContactIndex:
    """Answers "which contacts, in what order" fast at 10,000 contacts.

    Keeps each contact's folded text (recomputed only when that contact changes) and each
    sort order with the texts alongside (recomputed only when ``version`` moves), so a
    keystroke in the search box is one pass of ``in`` over two parallel lists.
    """

    def __init__(self) -> None:
        # Two flat dicts, not a (contact, text) tuple per contact: fewer objects for the GC.
        self._texts: dict[int, str] = {}
        self._text_of: dict[int, Contact] = {}
        self._rows: dict[SortBy, tuple[int, list[Contact], list[str] | None]] = {}
        self._last: tuple[tuple[object, ...], list[Contact], list[str]] | None = None

    def text_of(self, contact: Contact) -> str:
        if self._text_of.get(contact.id) is not contact:
            self._texts[contact.id] = haystack(contact)
            self._text_of[contact.id] = contact
        return self._texts[contact.id]

    def _ordered(
        self, contacts: Mapping[int, Contact], sort: SortBy, version: int, texts: bool
    ) -> tuple[list[Contact], list[str] | None]:
        """Every contact in ``sort`` order and, if ``texts``, their folded texts alongside."""
        cached = self._rows.get(sort)
        if cached is None or cached[0] != version:
            cached = (version, sorted(contacts.values(), key=SORT_KEYS[sort]), None)
        if texts and cached[2] is None:
            text_of = self.text_of
            cached = (version, cached[1], [text_of(c) for c in cached[1]])
        self._rows[sort] = cached
        return cached[1], cached[2]

    def rows(
        self,
        contacts: Mapping[int, Contact],
        version: int,
        query: str = "",
        *,
        stage: Stage | None = None,
        tag: str | None = None,
        sort: SortBy = SortBy.NAME,
    ) -> list[Contact]:
        """The contacts that match ``query`` (every word), ``stage`` and ``tag``, in order;
        with a query, those whose name matches come first."""
        words = terms(query)
        tag_key = fold(tag) if tag else None
        if not words and stage is None and tag_key is None:
            self._last = None
            return list(self._ordered(contacts, sort, version, texts=False)[0])
        # Typing one more letter only narrows the last answer: filter that, not everything.
        base = (version, stage, tag_key, sort)
        if (
            self._last is not None
            and self._last[0][:4] == base
            and _narrows(self._last[0][4], words)  # type: ignore[arg-type]
        ):
            found, texts = self._last[1], self._last[2]
        else:
            everyone, all_texts = self._ordered(contacts, sort, version, texts=True)
            assert all_texts is not None
            found, texts = everyone, all_texts
            if stage is not None or tag_key is not None:
                keep = [
                    i
                    for i, c in enumerate(everyone)
                    if (stage is None or c.stage is stage)
                    and (tag_key is None or any(fold(t) == tag_key for t in c.tags))
                ]
                found, texts = [everyone[i] for i in keep], [all_texts[i] for i in keep]
        for word in words:
            matches = [word in t for t in texts]  # no tuple per contact: less for the GC
            found, texts = list(compress(found, matches)), list(compress(texts, matches))
        self._last = ((*base, words), found, texts)
        if not words:
            return list(found)
        return _names_first(found, texts, words)


def _names_first(found: list[Contact], texts: list[str], words: tuple[str, ...]) -> list[Contact]:
    """``found`` with the contacts whose name holds every word first, each part in the sort
    order: "priya" shows Priya before Grace, whom Priya referred ("Referred by Priya" is how
    Grace was met). A folded text starts with the name, up to its first line break, and a word
    holds no line break, so a word is in the name when it is first found before that break."""
    by_name: list[Contact] = []
    others: list[Contact] = []
    for contact, text in zip(found, texts, strict=True):
        end = text.find("\n")
        if all(text.find(w) < end for w in words):
            by_name.append(contact)
        else:
            others.append(contact)
    return by_name + others if others and by_name else list(found)


def _narrows(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """True when every contact matching ``after`` must also match ``before``."""
    return len(after) >= len(before) and all(b in a for b, a in zip(before, after, strict=False))
