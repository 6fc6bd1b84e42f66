"""Notebook: the one object the UI talks to. Holds the data in memory; the store saves it.

Every edit bumps ``version`` and marks the notebook dirty. Saving is the caller's timer's job
(``save_due`` tells when; ``save_async`` writes off the event loop; ``flush`` writes now, for
quit and signals). Nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .content.questions import BANK, CLOSING_ITEMS, OPENING_REMINDER, TOPICS
from .model import (
    PIPELINE,
    AgendaItem,
    Clock,
    Contact,
    Interview,
    ItemState,
    Question,
    Record,
    Stage,
    Status,
    ValidationError,
    call,
    debrief,
)
from .model.dates import iso_now, local_now, local_today
from .model.followup import default_next_action
from .model.interview import CLOSING_KEYS, NOT_HELD, OPENING_KEY, recency_key
from .model.question import BankEntry, user_key
from .model.settings import Settings
from .store import NotebookFileError, NotebookStore, build_records, ids
from .store.conflicts import conflict_copies, file_stamp, folder_stamp, move_merged
from .store.merge import Conflict, MergeResult, merge_notebooks
from .store.schema import SCHEMA_VERSION
from .store.store import OtherVersion

if TYPE_CHECKING:
    from .start_view import StartView

R = TypeVar("R", bound=Record)

QUIET_SECONDS = 0.5
"""Save this long after the last edit..."""
MAX_WAIT_SECONDS = 0.75
"""...and at least this often while edits keep coming. With the app's 0.1 s save tick and the
write itself this bounds what a kill -9 loses to under a second of typing (measured in tmux:
bench/e2e_kill_bench.py)."""
RETRY_SECONDS = 5.0
"""After a failed save (a full disk), try again this much later."""

KINDS: tuple[type[Record], ...] = (Contact, Interview, Question)


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Everything a save writes, taken on the event loop, safe to hand to a thread."""

    version: int
    tables: dict[str, tuple[Record, ...]]
    meta: dict[str, Any]
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class MergeReport:
    """What one merge did, for the app to tell (``Notebook.take_reports``)."""

    source: str
    """The file merged in: the notebook's own name (changed on disk) or a conflict copy's."""
    conflicts: tuple[Conflict, ...] = ()
    backup: Path | None = None
    """The notebook file as it was before the merge wrote over it."""
    moved: Path | None = None
    """Where a merged conflict copy went (``merged/``)."""
    error: str | None = None
    """Why it could not be merged (then nothing was changed)."""

    def message(self) -> str:
        if self.error is not None:
            return self.error
        text = f"Merged the changes in {self.source} from another device."
        if self.conflicts:
            names = ", ".join(dict.fromkeys(c.describe() for c in self.conflicts))
            text += (
                f" Changed on both: {names}. Notes changed on both sides keep both texts "
                "(between <<<<<<< and >>>>>>> lines); for other fields this copy's value "
                "was kept."
            )
        if self.backup is not None:
            text += f" The file before the merge is kept as {self.backup.name}."
        if self.moved is not None:
            text += f" {self.source} is moved to {self.moved.parent.name}/."
        return text


class _Unmergeable(OSError):
    """The file in the notebook's place does not read as a notebook: nothing is written."""


def _read_copy(store: NotebookStore, path: Path) -> OtherVersion:
    from .store.store import _read, read_other

    data, st = _read(path)
    return read_other(path, data, st, KINDS)


@dataclasses.dataclass(frozen=True)
class _Merged:
    """A merge done in the worker, for ``_adopt`` on the event loop."""

    result: MergeResult | None
    """None when nothing was merged (only reports of copies that could not be)."""
    reports: tuple[MergeReport, ...]


@dataclasses.dataclass(frozen=True)
class Deleted:
    """What a delete removed, so it can be undone: a contact with their interviews, or
    (``contact`` None) one interview recorded by mistake."""

    contact: Contact | None
    interviews: tuple[Interview, ...]
    referrals: tuple[int, ...] = ()
    """Ids of the contacts whose ``referred_by`` the delete cleared."""


@dataclasses.dataclass(frozen=True)
class Suggested:
    """What became of a name a contact suggested (``capture_referral``)."""

    contact: Contact
    """The new contact, or the one already in the notebook."""
    added: bool
    """A new contact was made."""
    linked: bool = False
    """An existing contact with no referrer now has this one as referrer."""

    def message(self, referrer: str) -> str:
        name = self.contact.name
        if self.added:
            return f"Added {name} to contact, referred by {referrer}"
        if self.linked:
            return f"{name} is already in your contacts: now referred by {referrer}"
        return f"{name} is already in your contacts: nothing added"


@dataclasses.dataclass(frozen=True)
class _Links:
    version: int
    children: dict[int, list[int]]
    """Contact id -> ids of the contacts they referred."""
    interviews: dict[int, list[int]]
    """Contact id -> ids of their interviews."""


class Notebook:
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
        self.saved_version = 0
        self.first_unsaved_at: float | None = None
        self._edited_since_snapshot_at: float | None = None
        """When the first edit after the latest snapshot was made (what a save leaves unsaved)."""
        self.last_edit_at: float | None = None
        self.retry_at: float | None = None
        self.last_save_error: str | None = None
        self._saving = False
        self._links_cache: _Links | None = None
        self.busy = False
        """True while a worker thread changes the notebook (an import): no snapshot then."""
        self._batch_abandoned = False
        self._before_batch: Snapshot | None = None
        """The notebook as it was when a batch (an import) began: what a flush writes while
        the batch runs, so a signal mid-import saves the notebook before it, never half."""
        self._last_ids: dict[str, int] = {}
        self.device_tag = ids.new_tag()
        """Part of every id this session gives out (store/ids.py)."""
        """Highest id given out per table this session, so an undone delete finds its id free."""
        self._write_lock = threading.Lock()
        self._written_version = 0
        """Version of the snapshot last written; an older one (a slow save_async) is not written."""
        self.base: dict[str, dict[int, Record]] = {}
        """The records as both sides last agreed (the file last read from elsewhere, or at
        open): what a merge compares both versions with. Read and set under _write_lock."""
        self.base_meta: dict[str, Any] = {}
        self._first_check = True
        """Conflict copies found at the first check merge against the base kept from the last
        session (``NotebookStore.load_base``); that check then keeps the file opened as base."""
        self._folder_seen: int | None = None
        self._bad_copies: dict[Path, tuple[int, int, int] | None] = {}
        """Conflict copies that could not be merged, as they were (tried again if changed)."""
        self.reports: list[MergeReport] = []
        """Merges not yet told to the user (``take_reports``)."""
        self.conflicts: list[Conflict] = []
        """Every record changed on both sides this session (Today lists them)."""
        self.partial: StartView | None = None
        """Set while only a start view is loaded (the first frame, before ``load``): the part
        of the notebook it holds takes no edit and is never written."""

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, clock: Clock) -> Notebook:
        """Lock and load the notebook at ``path`` (a new one if there is no file).

        Raises NotebookLockedError or NotebookFileError; the file is never written here.
        """
        store = NotebookStore(path, clock)
        try:
            notebook = cls(store, clock)
            notebook.load()
        except BaseException:
            store.close()
            raise
        return notebook

    def open_view(self, view: StartView) -> bool:
        """Hold the part of the notebook a start view keeps (see start_view.py), until
        ``load``. False (and nothing changed) if a record in it cannot be built."""
        assert self.store is not None
        try:
            tables = build_records(self.store.path, view.tables, KINDS, consume=True)
        except (NotebookFileError, ValueError, TypeError, KeyError, AttributeError):
            return False  # a view that parses but is not what write_view writes: read it all
        self.tables = {kind.TABLE: tables.get(kind.TABLE, {}) for kind in KINDS}
        self.meta = view.meta
        self.partial = view
        return True

    def load(self) -> None:
        """Read the whole notebook (replacing a start view's part, if one was held)."""
        assert self.store is not None
        loaded = self.store.load_records(KINDS)
        if self.partial is not None:
            self.partial = None
            self.version += 1  # whatever was worked out from the part is out of date
            self.saved_version = self.version
            self._written_version = self.version
            self._links_cache = None
            if loaded is None:  # the file went away since the view was made: an empty one
                self.tables = {kind.TABLE: {} for kind in KINDS}
                self.meta = {"schema": SCHEMA_VERSION, "settings": {}}
        if loaded is None:
            return
        self.tables, tables = loaded
        self.meta = tables["meta"]["1"]
        known = {kind.TABLE for kind in KINDS} | {"meta"}
        self.extra_tables = {name: docs for name, docs in tables.items() if name not in known}
        self.base = {name: dict(records) for name, records in self.tables.items()}
        self.base_meta = copy.deepcopy(self.meta)

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
    def contact_count(self) -> int:
        """How many contacts the notebook has (a start view's part knows the whole's count)."""
        return self.partial.contacts if self.partial is not None else len(self.contacts)

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
            for i in self.interviews.values():
                calls.setdefault(i.contact_id, []).append(i.id)
            self._links_cache = _Links(self.version, children, calls)
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

    # ----- preparing ------------------------------------------------------------------------

    def bank(self, *, include_retired: bool = False) -> list[BankEntry]:
        """The question bank: built-in questions, then the user's own, grouped by topic."""
        retired = self.settings.retired_questions
        entries = [
            BankEntry(q.key, q.topic, q.text, builtin=True)
            for q in BANK
            if include_retired or q.key not in retired
        ]
        entries += [
            BankEntry(user_key(q.id), q.topic or "My questions", q.text, builtin=False, tags=q.tags)
            for q in self.questions.values()
            if include_retired or not q.retired
        ]
        order = {topic: i for i, topic in enumerate(TOPICS)}
        return sorted(entries, key=lambda e: order.get(e.topic, len(order)))

    def save_question(
        self, key: str | None, text: str, topic: str = "", tags: tuple[str, ...] = ()
    ) -> Question:
        """Add a question (key None) or change one. Changing a built-in one keeps the
        original retired and saves the user's version as their own."""
        if key is None or key not in {user_key(i) for i in self.questions}:
            question = self.add_question(text=text, topic=topic, tags=tags)
            if key is not None:
                self.retire_question(key)
            return question
        question_id = int(key[1:])
        return self._update(
            self.questions[question_id], {"text": text, "topic": topic, "tags": tags}
        )

    def retire_question(self, key: str) -> None:
        """Take a question out of the bank (agendas that already have it keep their copy)."""
        if key.startswith("q") and key[1:].isdigit() and int(key[1:]) in self.questions:
            self._update(self.questions[int(key[1:])], {"retired": True})
            return
        retired = sorted(self.settings.retired_questions | {key})
        self.update_settings(retired_questions=retired)

    def schedule_interview(self, contact_id: int, **fields: Any) -> Interview:
        """Plan a call; the contact moves to "scheduled"."""
        fields.setdefault("agreed_minutes", self.settings.default_minutes)
        interview = self.add_interview(contact_id=contact_id, **fields)
        self.set_stage(contact_id, Stage.SCHEDULED)
        return interview

    def set_agenda(self, interview_id: int, agenda: Iterable[AgendaItem]) -> Interview:
        return self.update_interview(interview_id, agenda=tuple(agenda))

    def save_template(self, name: str, texts: Iterable[str]) -> None:
        name = name.strip()
        if not name:
            raise ValidationError("template", "give the template a name")
        templates = {k: list(v) for k, v in self.settings.agenda_templates.items()}
        templates[name] = [t for t in texts if t.strip()]
        self.update_settings(agenda_templates=templates)

    # ----- the live call -------------------------------------------------------------------

    def active_call(self) -> Interview | None:
        """The call that has started and not ended (at most one is expected)."""
        running = [i for i in self.interviews.values() if i.call and not i.call.ended]
        return max(running, key=lambda i: i.call.started, default=None)  # type: ignore[union-attr]

    def start_call(self, interview_id: int) -> Interview:
        """Start (or keep) the clock of a call; the agenda gets its opening and closing items."""
        interview = self.interviews[interview_id]
        if interview.call is not None and not interview.call.ended:
            return interview
        agenda = list(interview.agenda)
        keys = {item.key for item in agenda}
        if OPENING_KEY not in keys:
            agenda.insert(0, AgendaItem(text=OPENING_REMINDER, key=OPENING_KEY))
        for key, text in zip(CLOSING_KEYS, CLOSING_ITEMS, strict=True):
            if key not in keys:
                agenda.append(AgendaItem(text=text, key=key))
        return self.update_interview(
            interview_id, agenda=tuple(agenda), call=call.start(self.clock())
        )

    def start_call_now(self, contact_id: int, minutes: int | None = None) -> Interview:
        """An unplanned call with a contact, starting now, of ``minutes`` (default: the
        settings' length). It was never planned: ``when`` stays empty (the call's start says
        when it was held) and the contact's stage is left alone until the call ends, so
        ``discard_call`` leaves no trace."""
        interview = self.add_interview(
            contact_id=contact_id,
            agreed_minutes=self.settings.default_minutes if minutes is None else minutes,
        )
        return self.start_call(interview.id)

    def discard_call(self, interview_id: int) -> Interview | None:
        """Undo a call started by mistake, before it ends. An unplanned one (no ``when``) is
        removed, notes and all, nothing kept (None is returned; the screen asks first and says
        so); a planned one goes back to planned
        (its clock, and the opening and closing asks the start added, gone; its questions
        open again; notes typed meanwhile kept). The contact's stage is not touched."""
        interview = self.interviews[interview_id]
        if interview.call is None or interview.call.ended:
            raise ValidationError("call", "only a call that is running can be discarded")
        if not interview.when:
            del self.interviews[interview_id]
            self._touch()
            return None
        agenda = tuple(
            dataclasses.replace(item, state=ItemState.OPEN)
            for item in interview.agenda
            if item.key not in (OPENING_KEY, *CLOSING_KEYS)
        )
        return self.update_interview(interview_id, call=None, agenda=agenda)

    def mark_not_held(self, interview_id: int, status: Status) -> Interview:
        """A planned call that did not happen: ``Status.MISSED`` or ``Status.CANCELLED``."""
        if status not in NOT_HELD:
            raise ValidationError("status", "a call not held is missed or cancelled")
        interview = self.interviews[interview_id]
        if interview.status is not Status.PLANNED or interview.call is not None:
            raise ValidationError("status", "only a planned call that has not started")
        return self.update_interview(interview_id, status=status)

    def reschedule(self, interview_id: int, when: str) -> Interview:
        """Move a planned (or missed, or cancelled) call to ``when``: planned again, the time
        it was planned for kept in ``rescheduled_from``."""
        interview = self.interviews[interview_id]
        if interview.call is not None:
            raise ValidationError("when", "a call that has started cannot be moved")
        earlier = interview.rescheduled_from
        if interview.when and interview.when != when:
            earlier = (*earlier, interview.when)
        return self.update_interview(
            interview_id, when=when, status=Status.PLANNED, rescheduled_from=earlier
        )

    def _call_of(self, interview_id: int) -> call.CallState:
        state = self.interviews[interview_id].call
        assert state is not None, "the call has not started"
        return state

    def toggle_pause(self, interview_id: int) -> Interview:
        """Pause a running call's clock, or resume a paused one."""
        state = self._call_of(interview_id)
        change = call.resume if call.is_paused(state) else call.pause
        return self.update_interview(interview_id, call=change(state, self.clock()))

    def extend_call(self, interview_id: int, minutes: int = 5) -> Interview:
        return self.update_interview(
            interview_id, call=call.extend(self._call_of(interview_id), minutes)
        )

    def end_call(self, interview_id: int) -> Interview:
        """Stop the clock; the call is done and the contact moves to "interviewed"."""
        interview = self.update_interview(
            interview_id,
            call=call.end(self._call_of(interview_id), self.clock()),
            status=Status.DONE,
        )
        self.set_stage(interview.contact_id, Stage.INTERVIEWED)
        self.update_contact(interview.contact_id, last_contact=self.today().isoformat())
        return interview

    def add_call_note(self, interview_id: int, text: str, question: str = "") -> Interview:
        """Append a line to the interview's notes, stamped with the call time (mm:ss)."""
        interview = self.interviews[interview_id]
        stamp = (
            call.format_clock(call.elapsed(interview.call, self.clock())) if interview.call else ""
        )
        about = f" (on: {question})" if question else ""
        line = f"- [{stamp}] {text.strip()}{about}\n"
        notes = interview.notes
        if notes and not notes.endswith("\n"):
            notes += "\n"
        return self.update_interview(interview_id, notes=notes + line)

    def capture_referral(self, contact_id: int, name: str, organization: str = "") -> Suggested:
        """Someone this contact suggested. Someone already in the notebook (``find_person``:
        the same name and organisation, or the contact themselves) is not added again: if
        they have no referrer and it makes no loop, this contact becomes their referrer
        (linked); else nothing changes. Anyone else is a new contact to reach out to,
        referred by this contact."""
        referrer = self.contacts[contact_id]
        existing = self.find_person(name, organization)
        if existing is not None:
            if existing.referred_by is not None or existing.id == contact_id:
                return Suggested(existing, added=False)
            try:
                self._check_referrer(contact_id, existing.id)
            except ValidationError:  # they led (perhaps through others) to this contact
                return Suggested(existing, added=False)
            linked = self.update_contact(existing.id, referred_by=contact_id)
            return Suggested(linked, added=False, linked=True)
        text, when = default_next_action(Stage.TO_CONTACT, self.today(), self.settings)
        added = self.add_contact(
            name=name,
            organization=organization,
            referred_by=contact_id,
            how_we_met=f"Referred by {referrer.name}",
            stage=Stage.TO_CONTACT,
            next_action=text,
            next_action_date=when,
        )
        return Suggested(added, added=True)

    # ----- after the call ------------------------------------------------------------------

    def set_debrief(self, interview_id: int, text: str) -> Interview:
        return self.update_interview(interview_id, debrief=text)

    def new_names(self, interview_id: int) -> list[debrief.Name]:
        """Names in the debrief that are not contacts yet (``find_person``: the same name and
        organisation)."""
        return [
            n
            for n in debrief.names(self.interviews[interview_id].debrief)
            if self.find_person(n.name, n.organization) is None
        ]

    def mark_thanked(self, interview_id: int) -> Interview:
        """The thank-you note went out today: the contact moves on to "thanked" (unless they
        are further along already), and today counts as an interaction."""
        today = self.today()
        held = self.interviews[interview_id]
        if held.status is not Status.DONE:
            raise ValidationError("thanked", "the call has not been held yet")
        if held.moment is not None and held.moment.date() > today:
            raise ValidationError("thanked", "a thank-you cannot be sent before the call")
        interview = self.update_interview(interview_id, thanked=today.isoformat())
        contact = self.contacts[interview.contact_id]
        further = contact.stage in PIPELINE and PIPELINE.index(contact.stage) > PIPELINE.index(
            Stage.THANKED
        )
        if not further:
            self.set_stage(contact.id, Stage.THANKED)
        self.update_contact(contact.id, last_contact=today.isoformat())
        return interview

    def remind_report_back(self, contact_id: int) -> Contact | None:
        """After talking to someone a contact referred: the referrer's next action becomes
        telling them how it went (tomorrow). Returns the referrer, or None if there is none."""
        contact = self.contacts[contact_id]
        if contact.referred_by is None or contact.referred_by not in self.contacts:
            return None
        when = (self.today() + timedelta(days=1)).isoformat()
        return self.update_contact(
            contact.referred_by,
            next_action=f"Tell them how the talk with {contact.name} went",
            next_action_date=when,
        )

    def mark_outreach_sent(self, contact_id: int) -> Contact:
        """The request went out today: "reached out", last contact today, follow-up dated."""
        self.set_stage(contact_id, Stage.REACHED_OUT)
        return self.update_contact(contact_id, last_contact=self.today().isoformat())

    # ----- saving --------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.version != self.saved_version

    def save_due(self) -> bool:
        """True when the debounce says a save should start now."""
        if not self.dirty or self._saving or self.busy or self.store is None:
            return False
        now = self.monotonic()
        if self.retry_at is not None and now < self.retry_at:
            return False
        assert self.last_edit_at is not None and self.first_unsaved_at is not None
        return (
            now - self.last_edit_at >= QUIET_SECONDS
            or now - self.first_unsaved_at >= MAX_WAIT_SECONDS
        )

    def snapshot(self) -> Snapshot:
        self._edited_since_snapshot_at = None
        tables = {name: tuple(records.values()) for name, records in self.tables.items()}
        return Snapshot(self.version, tables, copy.deepcopy(self.meta), self.extra_tables)

    def _write(self, snapshot: Snapshot, check: bool = True) -> _Merged | None:
        """Write ``snapshot`` (on a worker thread, or on the loop for a flush). First, unless
        ``check`` is off: is the file still the one infoview last read or wrote, and has a
        sync engine left conflict copies beside it? Then their changes are merged with the
        snapshot's (``store/merge.py``), the file before the merge kept as a backup, and the
        merge written; the result comes back for ``_adopt``. A version that does not read
        as a notebook is left as it is and nothing is written (NotebookFileError)."""
        assert self.store is not None and self.partial is None  # never write a part
        store = self.store
        with self._write_lock:
            others: list[OtherVersion] = []
            copies: list[Path] = []
            bad: list[MergeReport] = []
            base: tuple[dict[str, dict[int, Record]], dict[str, Any]] | None = None
            first, self._first_check = self._first_check, False
            if check and store.read_only is None:
                if store.disk_changed():
                    try:
                        other = store.read_changed(KINDS)
                    except NotebookFileError as exc:
                        raise _Unmergeable(
                            f"The notebook file {store.path.name} was replaced by one that "
                            f"does not read as a notebook ({exc.reason}). infoview has not "
                            "written over it; your changes are kept in memory. Put a good "
                            "notebook file back (or remove that one) and they are saved."
                        ) from None
                    if other is not None:
                        others.append(other)
                copies = self._conflict_copies(first)
                for copy_path in copies:
                    try:
                        others.append(_read_copy(store, copy_path))
                    except (OSError, NotebookFileError) as exc:
                        self._bad_copies[copy_path] = file_stamp(copy_path)
                        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", exc)
                        bad.append(
                            MergeReport(
                                copy_path.name,
                                error=f"The conflict copy {copy_path.name} could not be "
                                f"merged ({reason}); it is left where it is, unchanged.",
                            )
                        )
                if first and copies:
                    kept = store.load_base(KINDS)
                    base = (
                        (kept.records, kept.tables["meta"]["1"]) if kept is not None else ({}, {})
                    )
                if first:
                    store.remember_base()
                if bad and not others:
                    return _Merged(None, tuple(bad))
            if not others:
                if snapshot.version <= self._written_version:
                    return None  # a flush already wrote a newer snapshot while this save waited
                store.write(snapshot.tables, snapshot.meta, snapshot.extra)
                self._written_version = snapshot.version
                if check and store.read_only is None:
                    self._saw_own_write()
                return None
            return self._merge_in(snapshot, others, base, bad)

    def _saw_own_write(self) -> None:
        """Our own save changed the folder's time: not a reason to look again, unless a
        conflict copy is there (then the next tick merges it)."""
        assert self.store is not None
        self._folder_seen = folder_stamp(self.store.path)
        if self._conflict_copies(True):
            self._folder_seen = None

    def _conflict_copies(self, first: bool) -> list[Path]:
        """Conflict copies to merge now (the folder is listed only when it changed)."""
        assert self.store is not None
        stamp = folder_stamp(self.store.path)
        if not first and stamp == self._folder_seen:
            return []
        self._folder_seen = stamp
        return [
            p
            for p in conflict_copies(self.store.path)
            if p not in self._bad_copies or self._bad_copies[p] != file_stamp(p)
        ]

    def _merge_in(
        self,
        snapshot: Snapshot,
        others: list[OtherVersion],
        base: tuple[dict[str, dict[int, Record]], dict[str, Any]] | None,
        bad: list[MergeReport],
    ) -> _Merged:
        """Merge ``others`` (the changed file first, then conflict copies) into the snapshot
        and write the result over the notebook (kept as a backup first)."""
        store = self.store
        assert store is not None
        ours: dict[str, dict[int, Record]] = {
            name: {r.id: r for r in records} for name, records in snapshot.tables.items()
        }
        written = {name: {r.id: r for r in records} for name, records in store.last_written.items()}
        meta, extra = snapshot.meta, snapshot.extra
        conflicts: list[tuple[OtherVersion, MergeResult]] = []
        result: MergeResult | None = None
        for other in others:
            theirs_meta = other.tables.get("meta", {}).get("1", {})
            theirs_extra = {k: v for k, v in other.tables.items() if k != "meta"}
            is_copy = other.path != store.path
            base_tables, base_meta = (
                base if is_copy and base is not None else (self.base, self.base_meta)
            )
            label = other.path.name if is_copy else f"{other.path.name} on another device"
            result = merge_notebooks(
                base_tables,
                ours,
                other.records,
                meta=(base_meta, meta, theirs_meta),
                extra=(extra, theirs_extra),
                label=label,
                written=written,
            )
            conflicts.append((other, result))
            ours, meta, extra = result.tables, result.meta, result.extra
            if not is_copy:  # the file now agreed on: the base of the next merge
                self.base = {name: dict(records) for name, records in other.records.items()}
                self.base_meta = copy.deepcopy(theirs_meta)
        assert result is not None
        backup = store.backup_now()
        only_file = len(others) == 1 and others[0].path == store.path
        if only_file and result.same_as_theirs:
            store.accept(others[0].state)  # theirs is the merge: nothing to write back
        else:
            store.write({n: tuple(t.values()) for n, t in ours.items()}, meta, extra)
        if others[0].path == store.path:
            store.remember_base(others[0].raw)
        self._written_version = max(self._written_version, snapshot.version)
        reports = list(bad)
        for other, part in conflicts:
            moved = None
            if other.path != store.path:
                try:
                    moved = move_merged(other.path)
                except OSError:
                    self._bad_copies[other.path] = file_stamp(other.path)
            reports.append(MergeReport(other.path.name, part.conflicts, backup, moved))
        self._saw_own_write()
        final = dataclasses.replace(
            result,
            tables=ours,
            meta=meta,
            extra=extra,
            conflicts=tuple(c for _, part in conflicts for c in part.conflicts),
        )
        return _Merged(final, tuple(reports))

    def _adopt(self, snapshot: Snapshot, merged: _Merged | None) -> None:
        """Take a merge's result as the notebook (on the event loop). Edits made while it ran
        are merged on top of it, the snapshot as their base, and stay unsaved."""
        if merged is None:
            return
        self.reports.extend(merged.reports)
        result = merged.result
        if result is None:
            return
        tables, meta, extra = result.tables, result.meta, result.extra
        edited = self.version != snapshot.version
        if edited:
            again = merge_notebooks(
                {name: {r.id: r for r in records} for name, records in snapshot.tables.items()},
                self.tables,
                tables,
                meta=(snapshot.meta, self.meta, meta),
                extra=(self.extra_tables, extra),
                label="this device",
            )
            tables, meta, extra = again.tables, again.meta, again.extra
        self.tables = {kind.TABLE: dict(tables.get(kind.TABLE, {})) for kind in KINDS}
        self.meta, self.extra_tables = meta, dict(extra)
        self._last_ids = {}
        self._links_cache = None
        self.conflicts.extend(result.conflicts)
        self.version += 1
        if not edited:
            self.saved_version = self.version
            self._written_version = max(self._written_version, self.version)

    def take_reports(self) -> list[MergeReport]:
        """The merges done since the last call (each told once)."""
        reports, self.reports = self.reports, []
        return reports

    def check_due(self) -> bool:
        """True when the save tick should look at a change on disk now (``disk_changed``),
        not while a save runs or an import does, nor before a failed one's retry time."""
        if self._saving or self.busy:
            return False
        if self.retry_at is not None and self.monotonic() < self.retry_at:
            return False
        return self.disk_changed()

    def disk_changed(self) -> bool:
        """Did another program put a file in the notebook's place, or a sync engine a
        conflict copy beside it? Two stats (microseconds): the save tick asks every time."""
        store = self.store
        if store is None or store.read_only is not None or self.partial is not None:
            return False
        if self._first_check or store.disk_changed():
            return True
        return folder_stamp(store.path) != self._folder_seen

    def _saved(self, snapshot: Snapshot) -> None:
        self.saved_version = max(self.saved_version, snapshot.version)
        self.last_save_error = None
        self.retry_at = None
        # Edits made while the snapshot was being written are unsaved since they were made,
        # not since the write finished: a slow save must not stretch the loss window.
        edited = self._edited_since_snapshot_at
        if not self.dirty:
            self.first_unsaved_at = None
        else:
            self.first_unsaved_at = edited if edited is not None else self.monotonic()

    def _failed(self, exc: OSError, unmergeable: bool = False) -> str:
        self.retry_at = self.monotonic() + RETRY_SECONDS
        if unmergeable:
            self.last_save_error = str(exc)
            return self.last_save_error
        reason = exc.strerror or str(exc)
        then = (
            "infoview will try again."
            if self.store is None or self.store.read_only is None
            else "export them (ctrl+p, Export) before you quit."
        )
        self.last_save_error = (
            f"Could not save to {self.store.path if self.store else '?'}: {reason}. "
            f"Your changes are kept in memory; {then}"
        )
        return self.last_save_error

    async def save_async(self, check: bool = False) -> str | None:
        """Write a snapshot in a thread, merging what changed on disk first (``_write``).
        ``check``: also when nothing was edited (the save tick saw the file change).
        Returns an error message, or None on success."""
        if self.store is None or not (self.dirty or check) or self._saving or self.busy:
            return None
        if self.partial is not None:
            return None
        snapshot = self.snapshot()
        self._saving = True
        try:
            merged = await asyncio.to_thread(self._write, snapshot)
        except _Unmergeable as exc:
            return self._failed(exc, unmergeable=True)
        except OSError as exc:
            return self._failed(exc)
        finally:
            self._saving = False
        self._saved(snapshot)
        self._adopt(snapshot, merged)
        return None

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many edits made from a worker thread that are saved together or not at all.

        While it runs no save starts, and a flush (quit, SIGTERM, SIGHUP) writes the notebook
        as it was before the batch. If the batch raises, or was abandoned (``abandon_batch``:
        the app is closing), its edits are undone when it ends.
        """
        before = self.snapshot()
        self._before_batch = before
        self._batch_abandoned = False
        self.busy = True
        try:
            yield
            if self._batch_abandoned:
                self._roll_back(before)
        except BaseException:
            self._roll_back(before)
            raise
        finally:
            self.busy = False
            self._before_batch = None

    @property
    def batch_abandoned(self) -> bool:
        """True once ``abandon_batch`` was called for the batch under way."""
        return self._before_batch is not None and self._batch_abandoned

    def abandon_batch(self) -> bool:
        """The app is closing during a batch (an import): it is undone when it ends, and
        every flush until then writes the notebook as it was before it. True if one runs."""
        if self._before_batch is None:
            return False
        self._batch_abandoned = True
        return True

    def _roll_back(self, before: Snapshot) -> None:
        self.tables = {name: {r.id: r for r in records} for name, records in before.tables.items()}
        self.meta = before.meta
        self.extra_tables = before.extra
        self.version += 1  # caches keyed on the version are rebuilt

    def flush(self, look: bool = False) -> str | None:
        """Write now, on this thread (quit, SIGTERM, SIGHUP). Returns an error message or None.

        Unedited, it writes only to merge a file replaced under it (so a command that only
        reads, ``infoview export``, changes nothing); ``look`` also looks for conflict copies
        and keeps the merge base, as the app's save tick does (``check_due``).

        During a batch (an import) this writes the notebook as it was before the batch, and
        the notebook stays dirty.
        """
        if self.store is None or self.partial is not None:
            return None  # a start view's part is never written (nor anything merged into it)
        replaced = self.store.read_only is None and self.store.disk_changed()
        if not (self.dirty or replaced or (look and self.disk_changed())):
            return None
        before = self._before_batch
        if before is not None:
            if before.version <= self.saved_version:
                return None
            try:
                self._write(before)  # a merge is written, not taken in: the batch runs on
            except _Unmergeable as exc:
                return self._failed(exc, unmergeable=True)
            except OSError as exc:
                return self._failed(exc)
            self.saved_version = max(self.saved_version, before.version)
            return None
        snapshot = self.snapshot()
        try:
            merged = self._write(snapshot)
        except _Unmergeable as exc:
            return self._failed(exc, unmergeable=True)
        except OSError as exc:
            return self._failed(exc)
        self._saved(snapshot)
        self._adopt(snapshot, merged)
        return None

    def close(self) -> str | None:
        """Flush and release the lock. Returns an error message if the last save failed."""
        error = self.flush()
        if self.store is not None and error is None:
            self.store.close()
        return error
