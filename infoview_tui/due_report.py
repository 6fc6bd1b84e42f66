"""What ``infoview today`` prints: the Today agenda (``model.due.build_agenda``, the very rules
the Today screen shows) as plain text for a shell start-up file or a cron mail, or as JSON for
scripts. No Textual here.

Text: a line with the day and what stands out, then each section that has anything, its items
one a line: the section's mark ("!" when overdue), the name, what to do and its state in words::

    Monday 23 November 2026 · 1 call today · 1 thank-you note to send · ! 1 overdue

    ☎ Calls today
      ☎ Jonas Weber: Video call, 30 min (today 15:00)

Control characters from the data are shown, never sent (``model.visible``): a start-up file
prints to the terminal. JSON: every section in order, empty ones too, each item with its
fields; dates as ISO-8601 text; non-ASCII text kept, DEL and C1 controls escaped.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from .model.due import Agenda, Item, Kind, anything_due
from .model.visible import visible

_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def headline(agenda: Agenda) -> str:
    """The day and what stands out (as the Today screen's summary line)."""
    parts = []
    if calls := agenda.count(Kind.CALL_TODAY):
        parts.append(f"{_plural(calls, 'call')} today")
    if notes := agenda.count(Kind.THANK_YOU):
        parts.append(f"{_plural(notes, 'thank-you note')} to send")
    if due := agenda.count(Kind.FOLLOW_UP):
        parts.append(f"{_plural(due, 'follow-up')} due")
    if overdue := agenda.overdue_count():
        parts.append(f"! {overdue} overdue")
    day = f"{agenda.today:%A} {agenda.today.day} {agenda.today:%B %Y}"
    return f"{day} · " + (" · ".join(parts) if parts else "nothing due today")


def item_line(item: Item) -> str:
    return f"{item.glyph} {item.name}: {item.label} ({item.status})"


def text(agenda: Agenda) -> str:
    """The agenda as plain text (see the module docstring), ending with a newline."""
    lines = [headline(agenda)]
    for section in agenda.sections:
        if section.items:
            lines += ["", f"{section.kind.glyph} {section.title}"]
            lines += [f"  {item_line(item)}" for item in section.items]
    return visible("\n".join(lines)) + "\n"


def _item(item: Item) -> dict[str, Any]:
    return {
        "name": item.name,
        "label": item.label,
        "status": item.status,
        "overdue": item.overdue,
        "running": item.running,
        "when": item.when.isoformat() if item.when else None,
        "at": item.at.isoformat(timespec="minutes") if item.at else None,
        "contact_id": item.contact_id,
        "interview_id": item.interview_id,
    }


def as_json(agenda: Agenda, now: datetime) -> str:
    """The agenda as JSON (see the module docstring), ending with a newline."""
    data = {
        "today": agenda.today.isoformat(),
        "now": now.isoformat(timespec="seconds"),
        "due": anything_due(agenda),
        "overdue": agenda.overdue_count(),
        "sections": [
            {
                "kind": section.kind.value,
                "title": section.title,
                "items": [_item(item) for item in section.items],
            }
            for section in agenda.sections
        ],
    }
    dumped = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped) + "\n"
