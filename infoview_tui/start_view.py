"""The start view: a small file beside the notebook from which the next start draws its first
frame before it has read the whole notebook.

Reading 10,000 contacts takes a few hundred milliseconds; the first screen shows a few dozen.
When infoview quits, it writes ``start`` in the notebook's state folder (``view_path``: this
device's, outside the notebook's folder) holding just the records the first screen
of the next start needs: the first contacts in the list's order (with the first one's
interviews, referrer and everyone it led to), and the people on the Today agenda (the first
``AGENDA_SHOWN`` of each section for each of the next ``DAYS`` days, with all their interviews),
plus the counts the part cannot know (how many contacts; how many agenda items per section).

The next start, on the same notebook file (same size, modification and change times, inode, and
a hash of its first and last blocks: putting an old modification time back does not fool it) within
``DAYS`` days, draws its first frame from that part (``Notebook.open_view``), then reads the
whole notebook at once, before it handles a single key, and redraws. So the part never takes
an edit and is never saved (``Notebook`` refuses both); any doubt about the view (another
file, another day, damage, a call running) and the start reads the whole notebook first, as
it always did. The view is a cache: deleting it only makes the next start slower. It is read
only if it is a regular file (never through a link, never waiting on a pipe) no larger than the
notebook it was made from (plus ``SLACK``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Contact, Interview
from .model import due as agenda_rules
from .model.dates import local_now, local_today
from .model.due import AgendaCounts, Kind, anything_due, build_agenda
from .model.search import SORT_KEYS, SortBy
from .store.atomic import atomic_write, remove_stale_temp_files
from .store.paths import make_state_dir, state_dir
from .store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from .notebook import Notebook

VERSION = 2
FIRST_ROWS = 200
"""Contacts kept in list order: more than any terminal shows at once."""
DAYS = 4
"""Days the view serves: today and the three after it (the agenda moves with the date; each
day costs one agenda at quit, ~40 ms at 10,000 contacts)."""


SLACK = 1 << 20
"""A view holds a part of the notebook and a few counts: never more than this over its size."""
BLOCK = 4096


def view_path(path: Path) -> Path:
    """In this device's state folder for the notebook (``store.paths.state_dir``), not beside
    the notebook: a view is made for one device's file (its inode and times) and must not
    travel through a synced folder to another device."""
    return state_dir(path) / "start"


def file_key(path: Path) -> list[int | str] | None:
    """What tells that the notebook file is still the one the view was made from: its size,
    times (the change time cannot be put back), inode, and a hash of its first and last
    blocks."""
    try:
        with _open_regular(path) as (fd, st):
            digest = hashlib.sha256(os.pread(fd, BLOCK, 0))
            digest.update(os.pread(fd, BLOCK, max(st.st_size - BLOCK, 0)))
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest.hexdigest()]


@contextlib.contextmanager
def _open_regular(path: Path) -> Iterator[tuple[int, os.stat_result]]:
    """``path`` opened for reading if it is a regular file: a link is not followed, and a
    pipe or a device never makes the start wait (OSError otherwise)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"{path} is not a regular file")
        yield fd, st
    finally:
        os.close(fd)


def _read_view_bytes(path: Path, limit: int) -> bytes:
    """The view file's bytes, at most ``limit`` of them (OSError if it is not a plain file
    or larger)."""
    with _open_regular(view_path(path)) as (fd, st):
        if st.st_size > limit:
            raise OSError(f"{path} is larger than a start view can be")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, SLACK))):
            chunks.append(chunk)
            left -= len(chunk)
    if left <= 0:
        raise OSError(f"{path} is larger than a start view can be")
    return b"".join(chunks)


@dataclass(frozen=True)
class StartView:
    """A view read back: the part of the notebook and the counts of the whole."""

    tables: dict[str, dict[str, dict[str, Any]]]
    meta: dict[str, Any]
    contacts: int
    """How many contacts the whole notebook has."""
    agenda: AgendaCounts
    """Today's agenda counts in the whole notebook."""


def make_view(notebook: Notebook, now: datetime) -> dict[str, Any] | None:
    """The view of ``notebook`` as JSON-native data (None when a start must read it all)."""
    contacts, interviews = notebook.contacts, notebook.interviews
    if notebook.active_call() is not None:
        return None  # the next start resumes the call: it needs the whole notebook
    keep_contacts: set[int] = set()
    keep_interviews: set[int] = set()
    first = sorted(contacts.values(), key=SORT_KEYS[SortBy.NAME])[:FIRST_ROWS]
    keep_contacts.update(c.id for c in first)
    if first:
        head = first[0]
        if head.referred_by is not None:
            keep_contacts.add(head.referred_by)
        keep_contacts |= notebook.led_to(head.id)  # the detail pane counts them
    days: dict[str, Any] = {}
    deadlines: list[str] = []
    settings = notebook.settings
    for offset in range(DAYS):
        agenda = build_agenda(contacts, interviews, settings, now + timedelta(days=offset))
        for section in agenda.sections:
            for item in section.items[: agenda_rules.AGENDA_SHOWN]:
                keep_contacts.add(item.contact_id)
        days[agenda.today.isoformat()] = {
            "counts": [len(section.items) for section in agenda.sections],
            # A thank-you turns overdue at its deadline's time of day: counted at start.
            "overdue": sum(
                1 for item in agenda.items if item.overdue and item.kind is not Kind.THANK_YOU
            ),
            "due": anything_due(agenda),
        }
        if not offset:  # the same thank-yous are due every day (until one is sent)
            thank_yous = agenda.section(Kind.THANK_YOU)
            deadlines = [item.at.isoformat() for item in thank_yous if item.at is not None]
    # Every interview of every contact kept: the agenda and the detail pane read them all.
    for interview in interviews.values():
        if interview.contact_id in keep_contacts:
            keep_interviews.add(interview.id)
    return {
        "version": VERSION,
        "contacts": len(contacts),
        "days": days,
        "thank_you_deadlines": deadlines,
        "meta": notebook.meta,
        "tables": {
            Contact.TABLE: _docs(contacts, keep_contacts),
            Interview.TABLE: _docs(interviews, keep_interviews),
        },
    }


def _docs(records: dict[int, Any], keep: set[int]) -> dict[str, Any]:
    # In the notebook's own order (the file's): the agenda breaks ties by it.
    return {str(key): json.loads(record.json) for key, record in records.items() if key in keep}


def close_with_view(notebook: Notebook, now: datetime) -> str | None:
    """``Notebook.close``, leaving the start view of what was saved for the next start (quit,
    import). Returns the save's error message, if any (then no view is written)."""
    if notebook.flush() is None:
        write_view(notebook, now)
    return notebook.close()


def write_view(notebook: Notebook, now: datetime) -> bool:
    """Write the start view of a notebook that is saved (quit); never raises. True if written.

    Written as the notebook is (atomic_write: readable by the user alone, never half there)."""
    store = notebook.store
    if store is None or notebook.dirty or notebook.partial is not None or store.read_only:
        return False
    target = view_path(store.path)
    with contextlib.suppress(OSError):
        target.unlink()  # an old view must not outlive a failure below
    key = file_key(store.path)
    try:
        view = make_view(notebook, now) if key is not None else None
    except Exception:
        return False  # a cache: quitting must go on; the next start then reads it all
    if view is None:
        return False
    view["notebook"] = key
    data = json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        make_state_dir(store.path)
        remove_stale_temp_files(target)  # a quit killed while writing the last one
        atomic_write(target, [data])
    except OSError:
        return False
    return True


def read_view(path: Path, now: datetime) -> StartView | None:
    """The start view of the notebook at ``path`` if it can serve this start, else None."""
    try:
        key = file_key(path)
        if key is None:
            return None
        data = json.loads(_read_view_bytes(path, int(key[0]) + SLACK))
        if data.get("version") != VERSION or data.get("notebook") != key:
            return None
        if data["meta"].get("schema") != SCHEMA_VERSION:
            return None  # made by another version of infoview
        today: date = local_today(now)
        day = data["days"].get(today.isoformat())
        if day is None:
            return None
        local = local_now(now)
        late = sum(1 for at in data["thank_you_deadlines"] if local > datetime.fromisoformat(at))
        counts = AgendaCounts(
            counts=dict(zip(Kind, (int(n) for n in day["counts"]), strict=True)),
            overdue=int(day["overdue"]) + late,
            due=bool(day["due"]),
        )
        tables = data["tables"]
        if not all(isinstance(tables.get(kind), dict) for kind in ("contacts", "interviews")):
            return None
        return StartView(tables, dict(data["meta"]), int(data["contacts"]), counts)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
