"""What an import holds once read, and how it is applied: duplicates merged or left as they are.

Reading (``read_import``) parses and validates a whole file into an ``ImportPlan`` and never
touches a notebook. A contact file (CSV, vCard) is read row by row: a row or card that cannot
be read is *skipped* and listed with its reason (``ImportPlan.skipped``), one with no usable
name (no name, no email to make one from) is *left out* and counted; the rest is imported.
``ImportPlan.strict()`` turns any skip into the all-or-nothing refusal of ``--strict``. A JSON
backup restore is always all-or-nothing.

Applying works in two steps: ``plan_changes`` decides, for every incoming contact, whether it
is added, merged into a contact already there (or into one added earlier from the same file)
or left unchanged, without changing anything (``--dry-run`` stops here); then
``apply_import`` makes those changes through the Notebook's own operations.

Two contacts are the same person when they share an email (any case) or have the same
case-folded name and organisation. Lookups go through dict indexes built once per import, so
10,000 rows against 10,000 contacts stay linear.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..model import Contact, Record, ValidationError
from ..notebook import Notebook

REASONS_SHOWN = 20
"""How many skip reasons a summary shows; the full list goes to a file."""

Progress = Callable[[int, int], None]
"""Called with (done, total) while an import is applied."""

CONTACT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Contact) if f.name not in ("id", "created", "updated")
)
FILL_FIELDS: tuple[str, ...] = (
    "role",
    "organization",
    "field",
    "location",
    "linkedin",
    "how_we_met",
    "next_action",
    "next_action_date",
    "research_notes",
    "notes",
)
"""One-value fields a merge fills when the contact already there has them empty."""


class ImportFailed(Exception):
    """Base of the import errors; ``str(exc)`` is meant for the user as is."""


class FormatError(ImportFailed):
    """The file cannot be imported. The message names the line or card at fault.

    ``problems`` lists every problem found (the message shows the first few).
    """

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        self.problems = tuple(problems) or (message,)
        super().__init__(message)

    @classmethod
    def from_problems(cls, problems: list[str], what: str = "problems") -> FormatError:
        first = problems[0]
        if len(problems) == 1:
            return cls(first, problems)
        more = len(problems) - 1
        shown = "; ".join(problems[1:4]) + ("; ..." if more > 3 else "")
        return cls(f"{first} (and {more} more {what}: {shown})", problems)


class ImportRefused(ImportFailed):
    """The file is sound but cannot go into this notebook (a backup into a non-empty one)."""


@dataclasses.dataclass(frozen=True)
class Problem:
    """A row or card of a contact file that was not imported, and why."""

    where: str
    """ "line 12", "card 3 (line 40)"."""
    reason: str
    name: str = ""
    """The name on that row or card, if it had one."""

    def __str__(self) -> str:
        who = f" ({self.name})" if self.name else ""
        return f"{self.where}{who}: {self.reason}"


NO_NAME = "no name and no email to make one from"
"""The reason given for a row or card that is left out."""


@dataclasses.dataclass(frozen=True)
class Incoming:
    """One contact read from a file, validated, not yet in any notebook."""

    contact: Contact
    where: str
    """Where it came from, for messages: "line 12", "card 3 (line 40)"."""
    key: str = ""
    """Its id in the file it came from (a vCard's X-INFOVIEW-ID), for referral links."""
    referrer_key: str = ""
    referrer_name: str = ""


@dataclasses.dataclass(frozen=True)
class Backup:
    """A whole notebook read from an infoview JSON backup."""

    records: tuple[Record, ...]
    settings: dict[str, Any]
    extra_tables: dict[str, Any]
    exported_at: str = ""

    def count(self, table: str) -> int:
        return sum(1 for r in self.records if table == r.TABLE)


@dataclasses.dataclass(frozen=True)
class ImportPlan:
    """A parsed and validated import file: contacts to merge in, or a backup to restore."""

    fmt: str
    source: str
    contacts: tuple[Incoming, ...] = ()
    backup: Backup | None = None
    skipped: tuple[Problem, ...] = ()
    """Rows or cards that could not be read, each with its reason."""
    left_out: tuple[Problem, ...] = ()
    """Rows or cards with no usable name (LinkedIn's hidden profiles, empty cards)."""
    encoding: str = ""
    """How the file's text was decoded, when that is worth saying ("Windows-1252")."""
    notes: tuple[str, ...] = ()
    """What the reader wants the user to know about the whole file."""

    def __len__(self) -> int:
        if self.backup is not None:
            return len(self.backup.records)
        return len(self.contacts)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every row or card not imported: the skipped ones, then the ones left out."""
        return self.skipped + self.left_out

    def strict(self) -> ImportPlan:
        """This plan if every row or card can be imported; else FormatError (``--strict``)."""
        if self.problems:
            raise FormatError.from_problems(
                [str(p) for p in self.problems], "rows or cards that cannot be imported"
            )
        return self


@dataclasses.dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do), counted in rows or cards.

    Every row or card of the file is exactly one of added, merged (it brought something new
    to a contact already there), unchanged (a contact already there, nothing new), skipped
    (it could not be read) or left out (no usable name).
    """

    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    left_out: int = 0
    interviews: int = 0
    """Interviews restored from a backup."""
    questions: int = 0
    """Questions restored from a backup."""
    notes: tuple[str, ...] = ()
    """Things worth telling the user (a referrer that could not be linked)."""
    problems: tuple[str, ...] = ()
    """Why each skipped or left-out row or card was not imported (skipped ones first)."""
    encoding: str = ""
    restored: bool = False

    def describe(self) -> str:
        if self.restored:
            return (
                f"{self.added} contacts, {self.interviews} interviews, "
                f"{self.questions} questions restored"
            )
        text = f"{self.added} added, {self.merged} merged, {self.unchanged} unchanged"
        if self.skipped:
            text += f", {self.skipped} skipped"
        if self.left_out:
            text += f", {self.left_out} left out (no name)"
        return text

    def reasons(self, limit: int = REASONS_SHOWN) -> list[str]:
        """The first ``limit`` problems, and a line saying how many more there are."""
        shown = list(self.problems[:limit])
        if len(self.problems) > limit:
            shown.append(f"... and {len(self.problems) - limit} more")
        return shown


# ----- deciding ----------------------------------------------------------------------------


def fold_key(text: str) -> str:
    return " ".join(text.casefold().split())


def phone_key(phone: str) -> str:
    """Phones compare by their digits (and a leading +): "+1 555-0100" is "+15550100"."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    plus = "+" if phone.strip().startswith("+") else ""
    return plus + digits if digits else fold_key(phone)


def _union(
    old: tuple[str, ...], new: tuple[str, ...], key: Callable[[str], str]
) -> tuple[str, ...]:
    seen = {key(item) for item in old}
    out = list(old)
    for item in new:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return tuple(out)


def merge_changes(old: Contact, new: Contact) -> dict[str, Any]:
    """What ``new`` adds to ``old``: empty fields filled, new emails/phones/tags appended,
    the later last-contact date. Name, stage and everything already filled stay as they are.
    """
    changes: dict[str, Any] = {}
    for name in FILL_FIELDS:
        value = getattr(new, name)
        if value and not getattr(old, name):
            changes[name] = value
    if new.last_contact > old.last_contact:
        changes["last_contact"] = new.last_contact
    for name, key in (("emails", str.casefold), ("phones", phone_key), ("tags", fold_key)):
        merged = _union(getattr(old, name), getattr(new, name), key)
        if merged != getattr(old, name):
            changes[name] = merged
    return changes


class _Slot:
    """A contact the import lands on: one already in the notebook, or a new one."""

    __slots__ = ("contact", "existing_id", "key", "new_id", "original")

    def __init__(self, contact: Contact, existing_id: int | None, key: str = "") -> None:
        self.original = contact
        self.contact = contact
        self.existing_id = existing_id
        self.key = key
        """The file's own id of the card that created a new contact (see ``_Index.find``)."""
        self.new_id: int | None = None

    @property
    def id(self) -> int | None:
        return self.existing_id if self.existing_id is not None else self.new_id


@dataclasses.dataclass
class Changes:
    """The outcome of ``plan_changes``: nothing in the notebook has changed yet."""

    summary: ImportSummary
    new: list[_Slot]
    updated: list[_Slot]
    landed: list[_Slot]
    """For each incoming contact, in order, the slot it was added or merged into."""


class _Index:
    """Who is who: contacts by email and by (name, organisation), for O(1) duplicate lookups."""

    def __init__(self, contacts: Mapping[int, Contact]) -> None:
        self.contacts = contacts
        self.by_email: dict[str, int | _Slot] = {}
        self.by_name: dict[tuple[str, str], int | _Slot] = {}
        self.slots: dict[int, _Slot] = {}
        for contact in contacts.values():
            for email in contact.emails:
                self.by_email.setdefault(email.casefold(), contact.id)
            self.by_name.setdefault(_name_key(contact), contact.id)

    def _slot(self, hit: int | _Slot) -> _Slot:
        if isinstance(hit, _Slot):
            return hit
        slot = self.slots.get(hit)
        if slot is None:
            slot = self.slots[hit] = _Slot(self.contacts[hit], hit)
        return slot

    def find(self, contact: Contact, key: str = "") -> _Slot | None:
        """The contact ``contact`` is a duplicate of, if any.

        Two records of the same file that carry different ids of their own (an infoview vCard
        export's X-INFOVIEW-ID) are different people even if they share a name: the notebook
        they came from held them apart.
        """
        hits = [self.by_email.get(email.casefold()) for email in contact.emails]
        hits.append(self.by_name.get(_name_key(contact)))
        for hit in hits:
            if hit is None:
                continue
            if isinstance(hit, _Slot) and key and hit.key and hit.key != key:
                continue
            return self._slot(hit)
        return None

    def add(self, slot: _Slot) -> None:
        for email in slot.contact.emails:
            self.by_email.setdefault(email.casefold(), slot)
        self.by_name.setdefault(_name_key(slot.contact), slot)


def _name_key(contact: Contact) -> tuple[str, str]:
    return (fold_key(contact.name), fold_key(contact.organization))


def plan_changes(contacts: Mapping[int, Contact], incoming: Iterable[Incoming]) -> Changes:
    """Decide what an import does to ``contacts`` without changing them."""
    index = _Index(contacts)
    new: list[_Slot] = []
    updated: dict[int, _Slot] = {}
    landed: list[_Slot] = []
    added = merged = unchanged = 0
    for item in incoming:
        slot = index.find(item.contact, item.key)
        if slot is None:
            slot = _Slot(item.contact, None, item.key)
            new.append(slot)
            added += 1
        else:
            changes = merge_changes(slot.contact, item.contact)
            if changes:
                slot.contact = slot.contact.replace(**changes)
                if slot.existing_id is not None:
                    updated[slot.existing_id] = slot
                merged += 1
            else:
                unchanged += 1
        index.add(slot)
        landed.append(slot)
    summary = ImportSummary(added=added, merged=merged, unchanged=unchanged)
    return Changes(summary, new, list(updated.values()), landed)


# ----- applying ----------------------------------------------------------------------------


def contact_fields(contact: Contact) -> dict[str, Any]:
    return {name: getattr(contact, name) for name in CONTACT_FIELDS}


def preview_import(notebook: Notebook, plan: ImportPlan) -> ImportSummary:
    """What ``apply_import`` would do, changing nothing (for a dry run)."""
    if plan.backup is not None:
        _check_empty(notebook, plan)
        return _restore_summary(plan.backup)
    return _with_problems(plan_changes(notebook.contacts, plan.contacts).summary, plan)


def _with_problems(summary: ImportSummary, plan: ImportPlan) -> ImportSummary:
    return dataclasses.replace(
        summary,
        skipped=len(plan.skipped),
        left_out=len(plan.left_out),
        problems=tuple(str(p) for p in plan.problems),
        encoding=plan.encoding,
        notes=plan.notes + summary.notes,
    )


def apply_import(
    notebook: Notebook, plan: ImportPlan, progress: Progress | None = None
) -> ImportSummary:
    """Put ``plan`` into ``notebook`` (in memory; the caller saves with flush/close).

    Raises ImportRefused before changing anything when a backup meets a non-empty notebook.
    ``progress(done, total)`` is called about a hundred times at most, and once at the end.
    """
    if plan.backup is not None:
        _check_empty(notebook, plan)
        notebook.restore(plan.backup.records, plan.backup.settings)
        if plan.backup.extra_tables and not notebook.extra_tables:
            notebook.extra_tables = dict(plan.backup.extra_tables)
        if progress is not None:
            progress(len(plan), len(plan))
        return _restore_summary(plan.backup)

    changes = plan_changes(notebook.contacts, plan.contacts)
    total = len(changes.new) + len(changes.updated) + len(plan.contacts)
    step = max(1, total // 100)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % step == 0 or done == total):
            progress(done, total)

    for slot in changes.new:
        slot.new_id = notebook.add_contact(**contact_fields(slot.contact)).id
        tick()
    for slot in changes.updated:
        assert slot.existing_id is not None
        fields = contact_fields(slot.contact)
        before = contact_fields(slot.original)
        notebook.update_contact(
            slot.existing_id, **{k: v for k, v in fields.items() if before[k] != v}
        )
        tick()
    notes = _link_referrers(notebook, plan.contacts, changes.landed, tick)
    if progress is not None and done < total:
        progress(total, total)
    return _with_problems(dataclasses.replace(changes.summary, notes=tuple(notes)), plan)


def _link_referrers(
    notebook: Notebook,
    incoming: tuple[Incoming, ...],
    landed: list[_Slot],
    tick: Callable[[], None],
) -> list[str]:
    """Set ``referred_by`` where the file names a referrer and the contact has none yet.

    The referrer is looked up by its id in the file first (it may be any contact of the same
    file), then by name among all contacts (only if exactly one has that name).
    """
    by_key = {item.key: slot for item, slot in zip(incoming, landed, strict=True) if item.key}
    by_name: dict[str, list[int]] | None = None
    notes: list[str] = []
    for item, slot in zip(incoming, landed, strict=True):
        tick()
        if not (item.referrer_key or item.referrer_name):
            continue
        target = slot.id
        assert target is not None
        referrer: int | None = None
        if item.referrer_key in by_key:
            referrer = by_key[item.referrer_key].id
        elif item.referrer_name:
            if by_name is None:
                by_name = {}
                for c in notebook.contacts.values():
                    by_name.setdefault(fold_key(c.name), []).append(c.id)
            found = by_name.get(fold_key(item.referrer_name), [])
            referrer = found[0] if len(found) == 1 else None
        who = item.referrer_name or f"#{item.referrer_key}"
        if referrer is None:
            notes.append(f"{item.where}: referrer {who} not found; left unset")
            continue
        if referrer == target or notebook.contacts[target].referred_by is not None:
            continue
        try:
            notebook.update_contact(target, referred_by=referrer)
        except ValidationError as exc:
            notes.append(f"{item.where}: referrer {who} not linked: {exc.message}")
    return notes


def _check_empty(notebook: Notebook, plan: ImportPlan) -> None:
    if any(notebook.tables.values()):
        counts = ", ".join(f"{len(records)} {name}" for name, records in notebook.tables.items())
        raise ImportRefused(
            f"{plan.source} is a full backup, which can only be restored into an empty "
            f"notebook; this one has {counts}. Use --db with a new file to restore it there."
        )


def _restore_summary(backup: Backup) -> ImportSummary:
    return ImportSummary(
        added=backup.count("contacts"),
        interviews=backup.count("interviews"),
        questions=backup.count("questions"),
        restored=True,
    )
