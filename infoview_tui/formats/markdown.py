"""A folder of Markdown files: one per interview, one per contact (their notes).

    OUT/interviews/2026-11-25 Jonas Weber.md
    OUT/contacts/Jonas Weber.md

Each file starts with YAML front matter. Values are written as JSON scalars and lists, which
are valid YAML, so no YAML library is needed and any text stays intact. An interview's file
is named by the day meant: the day it was held once its call started, else the day planned
for. Its front matter has ``date`` (that same time meant, local, ``YYYY-MM-DDTHH:MM``),
``planned`` (the time planned for, "" if unplanned), ``held_start`` and ``held_end`` (local,
from the call's clock; null if not held or not timed), ``agreed_minutes``, ``extra_minutes``
("+5" extensions) and ``actual_minutes`` (talk time, rounded to 0.1; null until timed).

File names come from names (and dates), NFC-normalised with Unicode kept; path separators,
control characters and the characters Windows forbids (``<>:"|?*``) become "-"; leading dots
and trailing dots and spaces are dropped; Windows device names (CON, NUL, ...) get a leading "_";
names are cut to 120 bytes. Two names that would be the same file on a case-insensitive disk
get " (2)", " (3)", ... in id order, so exporting again writes the same names. Exporting into
a folder that already has these files replaces them; other files there are left alone.

Links are never followed inside the folder (a shared vault may hold some): each file is
written as a temp file beside its name and renamed over it, so a symbolic link at that name
is replaced by the file and what it pointed to is left as it was; a link at ``interviews`` or
``contacts`` is refused. Every file is 0600 (readable by the user alone, as the notebook and
the other exports are) and the folders it makes are 0700.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from ..model import Contact, Interview, call
from ..notebook import Notebook
from .output import open_folder, sync_folder, write_in_folder

MAX_NAME_BYTES = 120
_FORBIDDEN = re.compile(r'[/\\<>:"|?*\x00-\x1f\x7f-\x9f\u2028\u2029]+')
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)


def safe_name(text: str, fallback: str = "untitled") -> str:
    """A file name (without extension) made from ``text``, safe on Linux, macOS and Windows."""
    name = unicodedata.normalize("NFC", text)
    name = _FORBIDDEN.sub("-", name)
    name = " ".join(name.split())
    name = name.lstrip(". ").rstrip(". ")
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        name = encoded[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(". ")
    if not name:
        name = fallback
    if _DEVICE.match(name):
        name = "_" + name
    return name


class _Names:
    """Hands out unique names within one folder (case-insensitively, as macOS and Windows
    compare them)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def take(self, stem: str) -> str:
        candidate, n = stem, 1
        while candidate.casefold() in self.taken:
            n += 1
            candidate = f"{stem} ({n})"
        self.taken.add(candidate.casefold())
        return candidate + ".md"


def _yaml(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def front_matter(fields: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}:" if value is None else f"{key}: {_yaml(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _agenda_line(item: Any) -> str:
    """An agenda item as a task-list line: [x] asked, [ ] open, struck through if skipped."""
    state = str(getattr(item, "state", "open"))
    text = item.text if state != "skipped" else f"~~{item.text}~~ (skipped)"
    must = " (must ask)" if getattr(item, "must_ask", False) else ""
    return f"- [{'x' if state == 'asked' else ' '}] {text}{must}"


def _interview_file(notebook: Notebook, interview: Interview) -> tuple[str, str]:
    contact = notebook.contacts.get(interview.contact_id)
    who = contact.name if contact else f"contact {interview.contact_id}"
    moment = interview.moment
    day = f"{moment:%Y-%m-%d}" if moment else "unscheduled"
    state = interview.call
    held_start, held_end = interview.held_start, interview.held_end
    actual = (
        round(call.actual_minutes(state), 1)
        if state is not None and state.ended_at is not None
        else None
    )
    head = front_matter(
        {
            "contact": who,
            "organization": contact.organization if contact else "",
            "date": _minutes(moment) if moment else interview.when,
            "planned": interview.when,
            "held_start": _minutes(held_start) if held_start else None,
            "held_end": _minutes(held_end) if held_end else None,
            "agreed_minutes": interview.agreed_minutes,
            "extra_minutes": state.extra_minutes if state is not None else 0,
            "actual_minutes": actual,
            "stage": contact.stage.value if contact else "",
            "status": interview.status.value,
            "mode": interview.mode.value,
            "place": interview.place,
        }
    )
    when = f"{moment:%Y-%m-%d %H:%M}" if moment else "not scheduled yet"
    body = [f"# {who}, {when}", ""]
    agenda = [_agenda_line(item) for item in getattr(interview, "agenda", ())]
    if agenda:
        body += ["## Agenda", "", *agenda, ""]
    if interview.notes:
        body += ["## Notes", "", interview.notes.rstrip("\n"), ""]
    return f"{day} {who}", head + "\n" + "\n".join(body)


def _minutes(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _contact_file(notebook: Notebook, contact: Contact) -> tuple[str, str]:
    referrer = notebook.contacts.get(contact.referred_by or 0)
    head = front_matter(
        {
            "name": contact.name,
            "organization": contact.organization,
            "role": contact.role,
            "field": contact.field,
            "location": contact.location,
            "emails": list(contact.emails),
            "phones": list(contact.phones),
            "linkedin": contact.linkedin,
            "how_we_met": contact.how_we_met,
            "referred_by": referrer.name if referrer else "",
            "stage": contact.stage.value,
            "tags": list(contact.tags),
            "next_action": contact.next_action,
            "next_action_date": contact.next_action_date,
            "last_contact": contact.last_contact,
        }
    )
    # The notes are the user's own Markdown page about them: kept as they are, with a
    # title only if they do not start with one; research notes follow in their own section.
    body = [] if contact.notes.startswith("# ") else [f"# {contact.name}", ""]
    if contact.notes:
        body += [contact.notes.rstrip("\n"), ""]
    if contact.research_notes:
        body += ["## Research", "", contact.research_notes.rstrip("\n"), ""]
    return contact.name, head + "\n" + "\n".join(body)


def files(notebook: Notebook) -> dict[str, str]:
    """Relative path -> text of every file the export writes."""
    out: dict[str, str] = {}
    names = _Names()
    for interview in sorted(notebook.interviews.values(), key=lambda i: i.id):
        stem, text = _interview_file(notebook, interview)
        out["interviews/" + names.take(safe_name(stem, "interview"))] = text
    names = _Names()
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.id):
        stem, text = _contact_file(notebook, contact)
        out["contacts/" + names.take(safe_name(stem, "contact"))] = text
    return out


def write(notebook: Notebook, folder: Path) -> str:
    """Write the files into ``folder`` (made if missing). Links are not followed inside it: a
    symbolic link at ``interviews`` or ``contacts`` is refused (OSError, nothing written), one
    at a file's name is replaced by the file (see formats/output.py); files are 0600."""
    written = files(notebook)
    top = open_folder(folder)
    subs: dict[str, int] = {}
    try:
        for sub in ("interviews", "contacts"):
            subs[sub] = open_folder(sub, parent=top)
        for relative, text in written.items():
            sub, name = relative.split("/", 1)
            write_in_folder(subs[sub], name, text.encode("utf-8"))
        for fd in (*subs.values(), top):
            sync_folder(fd)
    finally:
        for fd in (*subs.values(), top):
            os.close(fd)
    interviews = sum(1 for name in written if name.startswith("interviews/"))
    return f"{interviews} interviews and {len(written) - interviews} contacts"
