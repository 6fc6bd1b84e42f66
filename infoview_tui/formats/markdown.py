"""A folder of Markdown files: one per interview, one per contact, linked to each other.

    OUT/interviews/2026-11-25 Jonas Weber.md
    OUT/contacts/Jonas Weber.md

Made to be read in Obsidian (the folder, or a folder inside a vault) and in any Markdown
viewer: each file starts with YAML front matter that Obsidian shows as typed properties, then
a plain Markdown page.

Front matter. Real YAML, written here without a YAML library: text as double-quoted scalars
(JSON's quoting, which YAML reads the same), dates as plain ``YYYY-MM-DD`` (a YAML date),
times as ``YYYY-MM-DDTHH:MM:SS`` (a YAML timestamp, local time without a zone, as infoview
shows it), numbers as numbers, lists as block lists, an unknown value as null (``key:``).
Every file carries ``generator: infoview`` and ``type: interview`` or ``type: contact``.

An interview's file is named by the day meant: the day it was held once its call started, else
the day planned for. Its front matter: ``contact``, ``organization``, ``date`` (that time
meant), ``planned`` (planned for; null if unplanned), ``held_start`` and ``held_end`` (the
call's real start and end; null if not held or still running), ``agreed_minutes``,
``extra_minutes`` ("+5" extensions), ``actual_minutes`` (talk time without pauses, to 0.1;
null until the call ended), ``mode``, ``place``, ``status``, ``stage`` (the contact's),
``thanked`` (the date the thank-you note went, null while it is to send), ``moved_from`` (the
times it was planned for before it was moved), ``asked``, ``skipped`` and ``open`` (agenda
counts). Its page: a link to the contact, the times and lengths in words, the agenda as a
task list (ticked when asked, struck through when skipped), the pitch if one was set for it,
the call notes and the debrief (its headings one level down, under "Debrief").

A contact's file: the contact's fields (dates typed, emails, phones and tags as lists,
``referred_by`` the referrer's name), then their notes, research, a list of links to their
interviews (newest first), to who referred them and to whom they referred.

Links are relative Markdown links (``[Maya Okafor](../contacts/Maya%20Okafor.md)``), which
Obsidian, VS Code, GitHub and most viewers follow. With ``wikilinks`` they are Obsidian
wikilinks with the folder named (``[[contacts/Maya Okafor|Maya Okafor]]``), also in the front
matter (``contact`` and ``referred_by``), where Obsidian makes them clickable properties.

File names come from names (and dates), NFC-normalised with Unicode kept; path separators,
control characters, the characters Windows forbids (``<>:"|?*``) and the ones that break a
wikilink (``#^[]``) become "-"; leading dots and trailing dots and spaces are dropped; Windows
device names (CON, NUL, ...) get a leading "_"; names are cut to 120 bytes. Two names that
would be the same file on a case-insensitive disk get " (2)", " (3)", ... in id order, so
exporting again writes the same names.

Exporting again into the same folder updates it: every file is written anew, and a ``.md``
file in ``interviews`` or ``contacts`` that this export did not write (a renamed or deleted
contact's, an interview's whose day changed) is removed if, and only if, its front matter
says ``generator: infoview``. Any other file there is left alone.

Links are never followed inside the folder (a shared vault may hold some): each file is
written as a temp file beside its name and renamed over it, so a symbolic link at that name
is replaced by the file and what it pointed to is left as it was; a link at ``interviews`` or
``contacts`` is refused, and a link is never read or removed as an old file. Every file is
0600 (readable by the user alone, as the notebook and the other exports are) and the folders
it makes are 0700.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..model import Contact, Interview, call
from ..model.interview import MODE_LABELS, ItemState, Status, planned_time
from ..notebook import Notebook
from .output import open_folder, sync_folder, write_in_folder

MAX_NAME_BYTES = 120
GENERATOR = "infoview"
"""The ``generator`` front-matter value that marks a file this export wrote (and may remove)."""
SUBFOLDERS = ("interviews", "contacts")
_FORBIDDEN = re.compile(r'[/\\<>:"|?*#^\[\]\x00-\x1f\x7f-\x9f\u2028\u2029]+')
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters YAML cannot hold raw in a quoted scalar (or reads as a line break: NEL, the
line and paragraph separators): written as ``\\uXXXX`` escapes, which YAML reads back."""
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,5})(?=\s)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_MARK = re.compile(r"""^generator:\s*(["']?)infoview\1\s*$""")
_HEAD_BYTES = 65536
"""How much of an old file is read to find its front matter."""


def safe_name(text: str, fallback: str = "untitled") -> str:
    """A file name (without extension) made from ``text``, safe on Linux, macOS and Windows
    and inside an Obsidian wikilink."""
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


# ----- YAML front matter -----------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = json.dumps(str(value), ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def front_matter(fields: dict[str, Any]) -> str:
    """``fields`` as a YAML front-matter block (see the module docstring for the types)."""
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            lines.append(f"{key}:")
        elif isinstance(value, (list, tuple)):
            if not value:
                lines.append(f"{key}: []")
            else:
                lines.append(f"{key}:")
                lines += [f"  - {_scalar(item)}" for item in value]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# ----- links -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Links:
    """Where each record's file is, and how to link to it from another file."""

    wikilinks: bool
    contacts: dict[int, str]
    """Contact id -> file name in contacts/."""
    interviews: dict[int, str]
    """Interview id -> file name in interviews/."""

    def to(self, folder: str, name: str, text: str, here: str) -> str:
        """A link to ``folder/name`` showing ``text``, written in a file in ``here``."""
        if self.wikilinks:
            label = re.sub(r"[\[\]|]", "-", text)
            return f"[[{folder}/{name.removesuffix('.md')}|{label}]]"
        target = quote(name) if folder == here else f"../{folder}/{quote(name)}"
        label = re.sub(r"([\\\[\]])", r"\\\1", text)
        return f"[{label}]({target})"

    def contact(self, contact: Contact, here: str) -> str:
        return self.to("contacts", self.contacts[contact.id], contact.name, here)

    def property(self, contact: Contact | None) -> str:
        """A contact as a front-matter value: their name, or a wikilink to their file."""
        if contact is None:
            return ""
        if self.wikilinks:
            return self.contact(contact, "")
        return contact.name


def _file_names(notebook: Notebook) -> tuple[dict[int, str], dict[int, str]]:
    interviews: dict[int, str] = {}
    names = _Names()
    for interview in sorted(notebook.interviews.values(), key=lambda i: i.id):
        interviews[interview.id] = names.take(safe_name(_interview_stem(notebook, interview)))
    contacts: dict[int, str] = {}
    names = _Names()
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.id):
        contacts[contact.id] = names.take(safe_name(contact.name, "contact"))
    return interviews, contacts


def _who(notebook: Notebook, interview: Interview) -> str:
    contact = notebook.contacts.get(interview.contact_id)
    return contact.name if contact else f"contact {interview.contact_id}"


def _interview_stem(notebook: Notebook, interview: Interview) -> str:
    moment = interview.moment
    day = f"{moment:%Y-%m-%d}" if moment else "unscheduled"
    return f"{day} {_who(notebook, interview)}"


# ----- an interview ------------------------------------------------------------------------


def _agenda_line(item: Any) -> str:
    """An agenda item as a task-list line: [x] asked, [ ] open, struck through if skipped."""
    skipped = item.state is ItemState.SKIPPED
    text = f"~~{item.text}~~ (skipped)" if skipped else item.text
    must = " (must ask)" if item.must_ask else ""
    return f"- [{'x' if item.state is ItemState.ASKED else ' '}] {text}{must}"


def _nested(text: str) -> str:
    """Markdown with every heading one level down (## -> ###), so it sits under a heading of
    the page; fenced code is left as it is."""
    out: list[str] = []
    fence = ""
    for line in text.rstrip("\n").splitlines():
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        else:
            line = _HEADING.sub(r"\1#", line)
        out.append(line)
    return "\n".join(out)


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def _clock(seconds: float) -> str:
    return call.format_clock(max(seconds, 0.0))


def _interview_file(notebook: Notebook, interview: Interview, links: _Links) -> str:
    contact = notebook.contacts.get(interview.contact_id)
    who = _who(notebook, interview)
    state = interview.call
    moment, planned = interview.moment, interview.planned_for
    held_start, held_end = interview.held_start, interview.held_end
    ended = state is not None and state.ended_at is not None
    actual = round(call.actual_minutes(state), 1) if state is not None and ended else None
    agenda = interview.agenda
    counts = {s: sum(1 for item in agenda if item.state is s) for s in ItemState}
    head = front_matter(
        {
            "generator": GENERATOR,
            "type": "interview",
            "contact": links.property(contact) or who,
            "organization": contact.organization if contact else "",
            "date": moment,
            "planned": planned,
            "held_start": held_start,
            "held_end": held_end,
            "agreed_minutes": interview.agreed_minutes,
            "extra_minutes": state.extra_minutes if state is not None else 0,
            "actual_minutes": actual,
            "mode": interview.mode.value,
            "place": interview.place,
            "status": interview.status.value,
            "stage": contact.stage.value if contact else "",
            "thanked": _day(interview.thanked),
            "moved_from": [t for t in map(planned_time, interview.rescheduled_from) if t],
            "asked": counts[ItemState.ASKED],
            "skipped": counts[ItemState.SKIPPED],
            "open": counts[ItemState.OPEN],
        }
    )
    title = f"{moment:%Y-%m-%d %H:%M}" if moment else "not scheduled yet"
    body = [f"# {who}, {title}", ""]
    if contact is not None:
        line = links.contact(contact, "interviews")
        body += [f"{line} · {contact.headline}" if contact.headline else line, ""]
    facts = [f"- Status: {interview.status.value}"]
    facts.append(f"- Planned for: {_when(planned) if planned else 'no time set'}")
    if interview.rescheduled_from:
        moved = [planned_time(t) for t in interview.rescheduled_from]
        facts.append("- Moved from: " + "; ".join(_when(t) for t in moved if t))
    if state is not None and held_start is not None:
        if held_end is not None:
            facts.append(f"- Held: {_when(held_start)} to {held_end:%H:%M}")
        else:
            facts.append(f"- Held: started {_when(held_start)}, not ended")
    length = f"{interview.agreed_minutes} min agreed"
    if state is not None and state.extra_minutes:
        length += f" + {state.extra_minutes} added"
    if state is not None and state.ended_at is not None:
        talked = call.actual_minutes(state) * 60
        length += f"; talked {_clock(talked)}"
        paused = (state.ended_at - state.started_at).total_seconds() - talked
        if paused >= 1:
            length += f", paused {_clock(paused)}"
    facts.append(f"- Length: {length}")
    mode = MODE_LABELS[interview.mode]
    facts.append(f"- Mode: {mode}, {interview.place}" if interview.place else f"- Mode: {mode}")
    if interview.thanked:
        facts.append(f"- Thank-you note: sent {interview.thanked}")
    elif interview.status is Status.DONE:
        facts.append("- Thank-you note: not sent yet")
    body += [*facts, ""]
    if agenda:
        tally = (
            f"{counts[ItemState.ASKED]} asked, {counts[ItemState.SKIPPED]} skipped, "
            f"{counts[ItemState.OPEN]} open"
        )
        body += ["## Agenda", "", tally, "", *(_agenda_line(item) for item in agenda), ""]
    if interview.pitch:
        body += ["## Pitch", "", interview.pitch.rstrip("\n"), ""]
    if interview.notes:
        body += ["## Call notes", "", _nested(interview.notes), ""]
    if interview.debrief:
        body += ["## Debrief", "", _nested(interview.debrief), ""]
    return head + "\n" + "\n".join(body)


# ----- a contact ---------------------------------------------------------------------------


def _contact_file(notebook: Notebook, contact: Contact, links: _Links) -> str:
    referrer = notebook.contacts.get(contact.referred_by or 0)
    head = front_matter(
        {
            "generator": GENERATOR,
            "type": "contact",
            "name": contact.name,
            "organization": contact.organization,
            "role": contact.role,
            "field": contact.field,
            "location": contact.location,
            "emails": list(contact.emails),
            "phones": list(contact.phones),
            "linkedin": contact.linkedin,
            "how_we_met": contact.how_we_met,
            "referred_by": links.property(referrer),
            "stage": contact.stage.value,
            "tags": list(contact.tags),
            "next_action": contact.next_action,
            "next_action_date": _day(contact.next_action_date),
            "last_contact": _day(contact.last_contact),
        }
    )
    # The notes are the user's own Markdown page about them: kept as they are, with a
    # title only if they do not start with one; research notes follow in their own section.
    body = [] if contact.notes.startswith("# ") else [f"# {contact.name}", ""]
    if contact.notes:
        body += [contact.notes.rstrip("\n"), ""]
    if contact.research_notes:
        body += ["## Research", "", contact.research_notes.rstrip("\n"), ""]
    interviews = notebook.interviews_of(contact.id)
    if interviews:
        body += ["## Interviews", ""]
        for interview in interviews:
            moment = interview.moment
            text = f"{moment:%Y-%m-%d %H:%M}" if moment else "not scheduled yet"
            name = links.interviews[interview.id]
            line = links.to("interviews", name, text, "contacts")
            body.append(f"- {line}: {MODE_LABELS[interview.mode]}, {interview.status.value}")
        body.append("")
    if referrer is not None:
        body += ["## Referred by", "", f"- {links.contact(referrer, 'contacts')}", ""]
    referred = notebook.referrals_of(contact.id)
    if referred:
        body += ["## Referred", ""]
        body += [f"- {links.contact(c, 'contacts')}" for c in _by_id(referred)]
        body.append("")
    return head + "\n" + "\n".join(body)


def _by_id(contacts: Iterable[Contact]) -> list[Contact]:
    return sorted(contacts, key=lambda c: c.id)


# ----- the folder --------------------------------------------------------------------------


def files(notebook: Notebook, wikilinks: bool = False) -> dict[str, str]:
    """Relative path -> text of every file the export writes."""
    interview_names, contact_names = _file_names(notebook)
    links = _Links(wikilinks, contact_names, interview_names)
    out: dict[str, str] = {}
    for interview in sorted(notebook.interviews.values(), key=lambda i: i.id):
        text = _interview_file(notebook, interview, links)
        out["interviews/" + interview_names[interview.id]] = text
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.id):
        out["contacts/" + contact_names[contact.id]] = _contact_file(notebook, contact, links)
    return out


def write(notebook: Notebook, folder: Path, wikilinks: bool = False) -> str:
    """Write the files into ``folder`` (made if missing), then remove the ones an earlier
    export wrote that this one did not. Links are not followed inside it: a symbolic link at
    ``interviews`` or ``contacts`` is refused (OSError, nothing written), one at a file's
    name is replaced by the file (see formats/output.py); files are 0600."""
    written = files(notebook, wikilinks)
    top = open_folder(folder)
    subs: dict[str, int] = {}
    removed = 0
    try:
        for sub in SUBFOLDERS:
            subs[sub] = open_folder(sub, parent=top)
        for relative, text in written.items():
            sub, name = relative.split("/", 1)
            write_in_folder(subs[sub], name, text.encode("utf-8"))
        for sub, fd in subs.items():
            keep = {r.split("/", 1)[1] for r in written if r.startswith(sub + "/")}
            removed += _remove_old(fd, keep)
        for fd in (*subs.values(), top):
            sync_folder(fd)
    finally:
        for fd in (*subs.values(), top):
            os.close(fd)
    interviews = sum(1 for name in written if name.startswith("interviews/"))
    summary = f"{interviews} interviews and {len(written) - interviews} contacts"
    if removed:
        summary += f" ({removed} old file{'s' if removed != 1 else ''} removed)"
    return summary


def _remove_old(folder: int, keep: set[str]) -> int:
    """Remove every ``.md`` file in the folder open as ``folder`` whose name is not in
    ``keep`` and which infoview wrote (``written_by_infoview``). Returns how many went.

    A name that differs from one just written only in case is that same file on a disk that
    ignores case (macOS, Windows: the same inode) and is kept; on one that tells case apart it
    is an old file like any other."""
    folded = {name.casefold(): name for name in keep}
    removed = 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md") or name in keep:
            continue
        twin = folded.get(name.casefold())
        if twin is not None and _same_file(folder, name, twin):
            continue
        if written_by_infoview(folder, name):
            try:
                os.unlink(name, dir_fd=folder)
            except FileNotFoundError:
                continue
            removed += 1
    return removed


def _same_file(folder: int, one: str, other: str) -> bool:
    try:
        a = os.stat(one, dir_fd=folder, follow_symlinks=False)
        b = os.stat(other, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return True  # cannot tell: keep it
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def written_by_infoview(folder: int, name: str) -> bool:
    """Whether ``name`` in the folder open as ``folder`` is a regular file (not a link: never
    followed) whose front matter holds ``generator: infoview``."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags, dir_fd=folder)
    except OSError:
        return False  # a link (ELOOP), gone, unreadable: not ours to remove
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, _HEAD_BYTES)
    except OSError:
        return False
    finally:
        os.close(fd)
    lines = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return False
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            return False
        if _MARK.match(line.rstrip()):
            return True
    return False
