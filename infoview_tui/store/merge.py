"""Three-way merge of two versions of a notebook, record by record (issue 15).

``base`` is the last version both sides agreed on, ``ours`` the notebook in memory, ``theirs``
a file another device (or a sync engine's conflict copy) put beside or in place of ours. Per
record (the same id in the same table):

- changed on one side only: that side's version;
- added on either side: kept;
- deleted on one side and unchanged on the other: deleted; deleted on one side and changed on
  the other: the changed one is kept (nothing is lost; reported);
- changed on both: field by field. A field changed on one side takes that side; a list of
  texts (emails, phones, tags) changed on both keeps what either added and drops what either
  removed; a note (``notes``, ``research_notes``, an interview's ``notes`` and ``debrief``)
  changed on both keeps both texts, the other one after a conflict marker (a note that already
  holds the other's whole text, as after an earlier merge, is kept as it is); any other field
  changed on both keeps ours. Each such record is reported as a ``Conflict``.

Besides ``base``, ``written`` (what this side last wrote) may be given: a record of theirs
equal to what we wrote is one they did not change since they read ours, whatever the base.

Nothing here imports Textual; it works on model records and plain dicts, and takes no lock.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Record

NOTE_FIELDS = frozenset({"notes", "research_notes", "debrief"})
TEXT_LIST_FIELDS = frozenset({"emails", "phones", "tags", "rescheduled_from"})
SKIPPED = frozenset({"id", "created", "updated"})
MARK_BEGIN = "<<<<<<< infoview: this note was also changed in {label}; both versions are kept."
MARK_HINT = "Keep what you want and delete these marker lines. The other version:"
MARK_END = ">>>>>>> end of the version from {label}"

Table = Mapping[int, Record]
Tables = Mapping[str, Table]
_MISSING: Any = object()


@dataclasses.dataclass(frozen=True)
class Conflict:
    """A record changed on both sides in a way the merge had to choose for."""

    table: str
    id: int
    name: str
    """The contact's name (for an interview: its contact's), for the message and Today."""
    fields: tuple[str, ...]
    """The fields changed on both sides; ``deleted`` when one side deleted what the other
    changed (the changed one is kept)."""

    def describe(self) -> str:
        return f"{self.name} ({', '.join(self.fields)})"


@dataclasses.dataclass(frozen=True)
class MergeResult:
    tables: dict[str, dict[int, Record]]
    meta: dict[str, Any]
    extra: dict[str, Any]
    conflicts: tuple[Conflict, ...]
    same_as_theirs: bool
    """The result is theirs unchanged: nothing needs writing back."""

    @property
    def conflict_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for conflict in self.conflicts:
            seen.setdefault(conflict.name)
        return list(seen)


def _same(a: Any, b: Any) -> bool:
    return a is b or a == b


def merge_notes(base: str, ours: str, theirs: str, label: str) -> str:
    """Both texts of a note changed on both sides, the other after a clear marker."""
    if _same(ours, theirs) or theirs in ours:
        return ours
    if ours in theirs:
        return theirs  # theirs holds ours whole (an earlier merge's, or ours added to)
    head = ours if ours.endswith("\n") or not ours else ours + "\n"
    other = theirs if theirs.endswith("\n") or not theirs else theirs + "\n"
    return (
        f"{head}\n{MARK_BEGIN.format(label=label)}\n{MARK_HINT}\n"
        f"{other}{MARK_END.format(label=label)}\n"
    )


def _merge_list(
    base: tuple[Any, ...], ours: tuple[Any, ...], theirs: tuple[Any, ...]
) -> tuple[Any, ...]:
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    out: list[Any] = []
    for item in (*ours, *theirs):
        if item not in removed and item not in out:
            out.append(item)
    return tuple(out)


def merge_record(
    base: Record | None, ours: Record, theirs: Record, label: str
) -> tuple[Record, tuple[str, ...]]:
    """Field by field; returns the record and the fields that were changed on both sides."""
    changes: dict[str, Any] = {}
    clashes: list[str] = []
    for field in dataclasses.fields(ours):
        name = field.name
        if name in SKIPPED:
            continue
        mine, other = getattr(ours, name), getattr(theirs, name, _MISSING)
        if other is _MISSING or _same(mine, other):
            continue
        was = getattr(base, name, _MISSING) if base is not None else _MISSING
        if was is not _MISSING and _same(was, mine):
            changes[name] = other
        elif was is not _MISSING and _same(was, other):
            continue
        elif name in NOTE_FIELDS and isinstance(mine, str) and isinstance(other, str):
            text = merge_notes(was if isinstance(was, str) else "", mine, other, label)
            if text is not mine:
                changes[name] = text
            if text != mine and text != other:
                clashes.append(name)
        elif name in TEXT_LIST_FIELDS and isinstance(mine, tuple) and isinstance(other, tuple):
            changes[name] = _merge_list(was if isinstance(was, tuple) else (), mine, other)
        else:
            clashes.append(name)  # ours kept; theirs stays in the backup of their file
    updated = max(ours.updated, theirs.updated)
    if updated != ours.updated:
        changes["updated"] = updated
    if not changes:
        return ours, tuple(clashes)
    new = copy.copy(ours)  # the values were valid on their side: no rule runs again
    for name, value in changes.items():
        object.__setattr__(new, name, value)
    new.__dict__.pop("json", None)
    return new, tuple(clashes)


def merge_table(
    base: Table,
    ours: Table,
    theirs: Table,
    label: str,
    written: Table | None = None,
) -> tuple[dict[int, Record], list[tuple[int, tuple[str, ...]]]]:
    """One table: the merged records (ours' order, then theirs' new ones) and the clashes."""
    out: dict[int, Record] = {}
    clashes: list[tuple[int, tuple[str, ...]]] = []
    written = written or {}
    for key, mine in ours.items():
        was = base.get(key)
        other = theirs.get(key, _MISSING)
        if other is _MISSING:
            if was is None or not _same(mine, was):
                out[key] = mine  # added here, or changed here and deleted there
                if was is not None:
                    clashes.append((key, ("deleted",)))
            continue  # deleted there, unchanged here
        if _same(mine, other) or _same(other, written.get(key)):
            out[key] = mine
        elif was is not None and _same(mine, was):
            out[key] = other
        elif was is not None and _same(other, was):
            out[key] = mine
        else:
            merged, fields = merge_record(was, mine, other, label)
            out[key] = merged
            if fields:
                clashes.append((key, fields))
    for key, other in theirs.items():
        if key in ours:
            continue
        was = base.get(key)
        if was is None:
            out[key] = other  # added there
        elif not _same(other, was) and not _same(other, written.get(key)):
            out[key] = other  # deleted here, changed there: kept
            clashes.append((key, ("deleted",)))
    return out, clashes


def _merge_dict(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> dict[str, Any]:
    out = dict(ours)
    for key in theirs.keys() | ours.keys() | base.keys():
        was = base.get(key, _MISSING)
        mine = ours.get(key, _MISSING)
        other = theirs.get(key, _MISSING)
        if _same(mine, other) or not _same(mine, was):
            continue  # ours changed it (ours kept on a clash), or nothing to do
        if other is _MISSING:
            out.pop(key, None)
        else:
            out[key] = other
    return out


def merge_meta(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> dict[str, Any]:
    """The meta document: ``settings`` key by key, anything else as a whole value."""
    meta = _merge_dict(base, ours, theirs)
    settings = _merge_dict(
        base.get("settings") or {}, ours.get("settings") or {}, theirs.get("settings") or {}
    )
    meta["settings"] = settings
    meta["schema"] = ours.get("schema", meta.get("schema"))
    return meta


def _name(table: str, record: Record, contacts: Table) -> str:
    name = getattr(record, "name", None)
    if isinstance(name, str):
        return name
    contact = contacts.get(getattr(record, "contact_id", None))  # type: ignore[arg-type]
    if contact is not None:
        return f"{getattr(contact, 'name', '?')}'s interview"
    text = getattr(record, "text", None)
    return f"question {text[:40]!r}" if isinstance(text, str) else f"{table} #{record.id}"


def _keep_links(tables: dict[str, dict[int, Record]], sources: tuple[Tables, ...]) -> None:
    """No interview without its contact, no referral to nobody: a contact deleted on one
    side whose interview the other side added or changed is kept (nothing is lost)."""
    contacts = tables.get("contacts")
    if contacts is None:
        return

    def bring_back(key: int) -> bool:
        for source in sources:
            found = source.get("contacts", {}).get(key)
            if found is not None:
                contacts[key] = found
                return True
        return False

    for interview in tables.get("interviews", {}).values():
        key = getattr(interview, "contact_id", None)
        if isinstance(key, int) and key not in contacts:
            bring_back(key)
    for key, contact in list(contacts.items()):
        referrer = getattr(contact, "referred_by", None)
        if referrer is not None and referrer not in contacts and not bring_back(referrer):
            contacts[key] = copy.copy(contact)
            object.__setattr__(contacts[key], "referred_by", None)
            contacts[key].__dict__.pop("json", None)


def merge_notebooks(
    base: Tables,
    ours: Tables,
    theirs: Tables,
    *,
    meta: tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]],
    extra: tuple[Mapping[str, Any], Mapping[str, Any]],
    label: str,
    written: Tables | None = None,
) -> MergeResult:
    """Merge every table of ``ours`` and ``theirs`` against ``base`` (see the module doc).

    ``meta`` is (base, ours, theirs) meta documents; ``extra`` is (ours, theirs) tables this
    version does not know (theirs' added, ours' kept)."""
    tables: dict[str, dict[int, Record]] = {}
    conflicts: list[Conflict] = []
    same = True
    for name in {**ours, **theirs}:
        mine, other = ours.get(name, {}), theirs.get(name, {})
        merged, clashes = merge_table(
            base.get(name, {}), mine, other, label, (written or {}).get(name)
        )
        tables[name] = merged
        if same and (
            len(merged) != len(other)
            or any(other.get(k) is not r and other.get(k) != r for k, r in merged.items())
        ):
            same = False
        for key, fields in clashes:
            conflicts.append(Conflict(name, key, "", fields))
    _keep_links(tables, (ours, theirs, base))
    contacts = tables.get("contacts", {})
    conflicts = [
        dataclasses.replace(c, name=_name(c.table, tables[c.table][c.id], contacts))
        if c.id in tables[c.table]
        else c
        for c in conflicts
    ]
    merged_meta = merge_meta(*meta)
    if merged_meta.get("settings") != (meta[2].get("settings") or {}):
        same = False
    merged_extra = {**extra[1], **extra[0]}
    if merged_extra != dict(extra[1]):
        same = False
    return MergeResult(tables, merged_meta, merged_extra, tuple(conflicts), same)


def conflicts_line(conflicts: Sequence[Conflict]) -> str:
    """Today's line about this session's merge conflicts ("" when there were none)."""
    if not conflicts:
        return ""
    names = ", ".join(dict.fromkeys(c.describe() for c in conflicts))
    return (
        f"⚠ Changed on two devices: {names}. Notes changed on both keep both texts between "
        "<<<<<<< and >>>>>>> lines: keep what you want and delete the marker lines."
    )
