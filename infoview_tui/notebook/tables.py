"""The notebook's tables: records in memory, their ids, who links to whom, and the plain
edits (add, change, delete, undo). Every edit bumps ``version`` and stamps when it was made,
for autosave.py. The base of every other part of the notebook (see facade.py)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from ..model import (
    Clock,
    Contact,
    Interview,
    Question,
    Record,
    Stage,
    Status,
    ValidationError,
)
from ..model.dates import iso_now, local_now, local_today
from ..model.followup import default_next_action
from ..model.interview import recency_key
from ..model.settings import Settings
from ..store import NotebookStore, ids
from ..store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from ..start_view import StartView

R = TypeVar("R", bound=Record)

KINDS: tuple[type[Record], ...] = (Contact, Interview, Question)


@dataclasses.dataclass(frozen=True)
class Deleted:
    """What a delete removed, so it can be undone: a contact with their interviews, or
    (``contact`` None) one interview recorded by mistake."""

    contact: Contact | None
    interviews: tuple[Interview, ...]
    referrals: tuple[int, ...] = ()
    """Ids of the contacts whose ``referred_by`` the delete cleared."""


@dataclasses.dataclass(frozen=True)
class _Links:
    version: int
    children: dict[int, list[int]]
    """Contact id -> ids of the contacts they referred."""
    interviews: dict[int, list[int]]
    """Contact id -> ids of their interviews."""
    running: list[int]
    """Ids of the interviews whose call has started and not ended."""


class Tables:
    """Records by table, ids, links and the plain edits. Saving (autosave.py), the start
    view's part (partial.py) and the workflow steps (workflow/) build on it."""

    def __init__(
        self,
        store: NotebookStore | None,
        clock: Clock,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.clock = clock
        self.monotonic = monotonic
        self.tables: dict[str, dict[int, Record]] = {kind.TABLE: {} for kind in KINDS}
        self.meta: dict[str, Any] = {"schema": SCHEMA_VERSION, "settings": {}}
        self.extra_tables: dict[str, Any] = {}
        """Tables this version does not know: kept and written back unchanged."""
        self.version = 0
        self.first_unsaved_at: float | None = None
        self._edited_since_snapshot_at: float | None = None
        """When the first edit after the latest snapshot was made (what a save leaves unsaved)."""
        self.last_edit_at: float | None = None
        self._links_cache: _Links | None = None
        self._last_ids: dict[str, int] = {}
        """Highest id given out per table this session, so an undone delete finds its id free."""
        self.device_tag = ids.new_tag()
        """Part of every id this session gives out (store/ids.py)."""
        self.partial: StartView | None = None
        """Set while only a start view is loaded (the first frame, before ``load``): the part
        of the notebook it holds takes no edit and is never written (partial.py)."""

    # ----- reading -------------------------------------------------------------------------

    @property
    def contacts(self) -> dict[int, Contact]:
        return self.tables[Contact.TABLE]  # type: ignore[return-value]

    @property
    def interviews(self) -> dict[int, Interview]:
        return self.tables[Interview.TABLE]  # type: ignore[return-value]

    @property
    def questions(self) -> dict[int, Question]:
        return self.tables[Question.TABLE]  # type: ignore[return-value]

    @property
    def settings(self) -> Settings:
        return Settings.from_meta(self.meta.get("settings") or {})

    def today(self) -> date:
        """The user's local day by the clock: what "today", "overdue" and stored dates mean."""
        return local_today(self.clock())

    def _links(self) -> _Links:
        """Who referred whom and whose interviews are whose, rebuilt once per change (not on
        every look-up: the detail pane asks for them on every move through 10,000 contacts)."""
        if self._links_cache is None or self._links_cache.version != self.version:
            children: dict[int, list[int]] = {}
            for c in self.contacts.values():
                if c.referred_by is not None:
                    children.setdefault(c.referred_by, []).append(c.id)
            calls: dict[int, list[int]] = {}
            running: list[int] = []
            for i in self.interviews.values():
                calls.setdefault(i.contact_id, []).append(i.id)
                if i.call is not None and not i.call.ended:
                    running.append(i.id)
            self._links_cache = _Links(self.version, children, calls, running)
        return self._links_cache

    def interviews_of(self, contact_id: int) -> list[Interview]:
        """A contact's interviews, newest first (unscheduled ones last)."""
        found = [self.interviews[i] for i in self._links().interviews.get(contact_id, ())]
        return sorted(found, key=recency_key, reverse=True)

    def next_interview(self, contact_id: int) -> Interview | None:
        """The call to prepare: the soonest planned one, else the newest planned one."""
        planned = [i for i in self.interviews_of(contact_id) if i.status is Status.PLANNED]
        if not planned:
            return None
        now = local_now(self.clock()).isoformat(timespec="minutes")
        upcoming = sorted((i for i in planned if i.when and i.when >= now), key=lambda i: i.when)
        return upcoming[0] if upcoming else planned[0]

    def referrals_of(self, contact_id: int) -> list[Contact]:
        return [self.contacts[i] for i in self._links().children.get(contact_id, ())]

    def find_contact_by_name(self, name: str) -> Contact | None:
        wanted = name.strip().casefold()
        for contact in self.contacts.values():
            if contact.name.casefold() == wanted:
                return contact
        return None

    def find_duplicates(
        self, name: str, emails: tuple[str, ...] = (), exclude: int | None = None
    ) -> list[Contact]:
        """Contacts with the same case-folded name or any of the same emails."""
        wanted_name = name.strip().casefold()
        wanted_emails = {e.strip().casefold() for e in emails if e.strip()}
        return [
            c
            for c in self.contacts.values()
            if c.id != exclude
            and (
                (wanted_name and c.name.casefold() == wanted_name)
                or any(e.casefold() in wanted_emails for e in c.emails)
            )
        ]

    def find_person(
        self, name: str, organization: str = "", emails: tuple[str, ...] = ()
    ) -> Contact | None:
        """The contact this person already is, if any: one with any of the same emails, or
        with the same name (any case) and the same organisation (any case; an organisation
        missing on either side does not tell them apart). Built on ``find_duplicates`` (the
        contact form's check); the call's referral line and the debrief's names use it."""
        wanted_org = organization.strip().casefold()
        wanted_emails = {e.strip().casefold() for e in emails if e.strip()}
        by_name: Contact | None = None
        for contact in self.find_duplicates(name, emails):
            if any(e.casefold() in wanted_emails for e in contact.emails):
                return contact
            org = contact.organization.casefold()
            if by_name is None and (not org or not wanted_org or org == wanted_org):
                by_name = contact
        return by_name

    def led_to(self, contact_id: int) -> set[int]:
        """The ids of everyone this contact led to, directly or through the people they named."""
        children = self._links().children
        seen, todo = {contact_id}, [contact_id]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen - {contact_id}

    def referral_count(self, contact_id: int) -> int:
        """How many people this contact led to, directly or through the people they named."""
        return len(self.led_to(contact_id))

    def referral_chain(self, contact_id: int) -> list[Contact]:
        """Who led to this contact: their referrer, the referrer's referrer, ... (nearest first)."""
        chain: list[Contact] = []
        current = self.contacts[contact_id].referred_by
        while current is not None and current in self.contacts and len(chain) < len(self.contacts):
            chain.append(self.contacts[current])
            current = self.contacts[current].referred_by
        return chain

    # ----- writing -------------------------------------------------------------------------

    def _touch(self) -> None:
        if self.partial is not None:
            raise RuntimeError("a start view is a part of the notebook: it takes no edit")
        self.version += 1
        now = self.monotonic()
        self.last_edit_at = now
        if self.first_unsaved_at is None:
            self.first_unsaved_at = now
        if self._edited_since_snapshot_at is None:
            self._edited_since_snapshot_at = now

    def _insert(self, record: R) -> R:
        table = self.tables[record.TABLE]
        stamp = iso_now(self.clock())
        last = self._last_ids.get(record.TABLE)
        if last is None:  # first insert into this table this session: O(n) once, not per insert
            last = max(table, default=0)
        new_id = ids.new_id(self.clock(), last, table, self.device_tag)  # none other gives out
        self._last_ids[record.TABLE] = new_id
        record = record.replace(id=new_id, created=stamp, updated=stamp)
        table[record.id] = record
        self._touch()
        return record

    def _update(self, record: R, changes: dict[str, Any]) -> R:
        if not changes:
            return record
        new = record.replace(**changes, updated=iso_now(self.clock()))
        self.tables[record.TABLE][record.id] = new
        self._touch()
        return new

    def _check_referrer(self, referred_by: int | None, contact_id: int = 0) -> None:
        if referred_by is None:
            return
        if referred_by not in self.contacts:
            raise ValidationError("referred_by", "no such contact")
        seen = {contact_id}
        current: int | None = referred_by
        while current is not None:
            if current in seen:
                raise ValidationError("referred_by", "that would make a referral loop")
            seen.add(current)
            current = self.contacts[current].referred_by if current in self.contacts else None

    def add_contact(self, **fields: Any) -> Contact:
        """Add a contact. Raises ValidationError (with the field at fault) on bad input."""
        contact = Contact(**fields)
        self._check_referrer(contact.referred_by)
        return self._insert(contact)

    def update_contact(self, contact_id: int, **changes: Any) -> Contact:
        contact = self.contacts[contact_id]
        changes = {k: v for k, v in changes.items() if getattr(contact, k) != v}
        if "referred_by" in changes:
            self._check_referrer(changes["referred_by"], contact_id)
        return self._update(contact, changes)

    def update_settings(self, **values: Any) -> None:
        """Change stored settings (JSON-native values), keeping the others."""
        self.meta["settings"] = {**(self.meta.get("settings") or {}), **values}
        self._touch()

    def set_stage(self, contact_id: int, stage: Stage) -> Contact:
        """Move a contact to ``stage``; its next action becomes that stage's default."""
        text, when = default_next_action(stage, self.today(), self.settings)
        return self.update_contact(contact_id, stage=stage, next_action=text, next_action_date=when)

    def log_interaction(self, contact_id: int) -> Contact:
        """Record that we were in touch today: last contact is today, the follow-up restarts."""
        contact = self.contacts[contact_id]
        today = self.today()
        text, when = default_next_action(contact.stage, today, self.settings)
        return self.update_contact(
            contact_id,
            last_contact=today.isoformat(),
            next_action=contact.next_action or text,
            next_action_date=when,
        )

    def set_contact_notes(self, contact_id: int, text: str) -> Contact:
        return self.update_contact(contact_id, notes=text)

    def delete_interview(self, interview_id: int) -> Deleted:
        """Remove one interview (recorded by mistake); ``undo_delete`` puts it back. The
        contact's stage is left as it is (``s`` sets it)."""
        interview = self.interviews.pop(interview_id)
        self._touch()
        return Deleted(None, (interview,))

    def delete_contact(self, contact_id: int) -> Deleted:
        """Remove a contact and their interviews; people they referred keep no dangling link."""
        contact = self.contacts.pop(contact_id)
        interviews = tuple(self.interviews_of(contact_id))
        for interview in interviews:
            del self.interviews[interview.id]
        referrals = self.referrals_of(contact_id)
        for referred in referrals:
            self.contacts[referred.id] = referred.replace(referred_by=None)
        self._touch()
        return Deleted(contact, interviews, referrals=tuple(r.id for r in referrals))

    def undo_delete(self, deleted: Deleted) -> Contact:
        """Put back what ``delete_contact`` or ``delete_interview`` removed (ids kept,
        referral links restored). Returns the contact concerned."""
        if deleted.contact is None:
            for interview in deleted.interviews:
                if interview.contact_id in self.contacts:
                    self.interviews[interview.id] = interview
            self._touch()
            return self.contacts[deleted.interviews[0].contact_id]
        contact = deleted.contact
        if contact.referred_by is not None and contact.referred_by not in self.contacts:
            contact = contact.replace(referred_by=None)
        self.contacts[contact.id] = contact
        for interview in deleted.interviews:
            self.interviews[interview.id] = interview
        for referred_id in deleted.referrals:
            referred = self.contacts.get(referred_id)
            if referred is None or referred.referred_by is not None:
                continue
            try:
                self._check_referrer(contact.id, referred_id)
            except ValidationError:
                continue
            self.contacts[referred_id] = referred.replace(referred_by=contact.id)
        self._touch()
        return contact

    def restore(self, records: Iterable[Record], settings: dict[str, Any]) -> None:
        """Fill an empty notebook with records exactly as given (ids and timestamps kept).

        For restoring a backup. Raises ValueError if the notebook is not empty.
        """
        if any(self.tables.values()):
            raise ValueError("a backup can only be restored into an empty notebook")
        for record in records:
            self.tables[record.TABLE][record.id] = record
        self._last_ids = {name: max(table, default=0) for name, table in self.tables.items()}
        self.meta["settings"] = dict(settings)
        self._touch()

    def add_interview(self, **fields: Any) -> Interview:
        interview = Interview(**fields)
        if interview.contact_id not in self.contacts:
            raise ValidationError("contact_id", "no such contact")
        return self._insert(interview)

    def update_interview(self, interview_id: int, **changes: Any) -> Interview:
        interview = self.interviews[interview_id]
        changes = {k: v for k, v in changes.items() if getattr(interview, k) != v}
        return self._update(interview, changes)

    def add_question(self, **fields: Any) -> Question:
        return self._insert(Question(**fields))
