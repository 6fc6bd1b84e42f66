"""The links between records that docs/schema.md rules on, checked across a whole notebook.

- A contact's ``referred_by`` is the id of another contact in the notebook.
- Following ``referred_by`` from anyone never comes back round (no A -> B -> A, no longer loop).
- An interview's ``contact_id`` is a contact in the notebook.

The app keeps these as the user edits (``Notebook._check_referrer``, deleting a contact deletes
their interviews); a backup or a notebook file from elsewhere may break them, so a restore and
``infoview check`` run ``link_problems`` over every record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from .contact import Contact
from .interview import Interview

Where = Callable[[str, int], str]
"""How a caller names a record: (table, id) -> "contacts#7" or "contacts[3] (id 7)"."""


@dataclasses.dataclass(frozen=True)
class LinkProblem:
    """One broken link: the records involved (the first is the one to fix) and what is wrong."""

    table: str
    ids: tuple[int, ...]
    """The record at fault; for a loop, everyone on it, the first again at the end."""
    names: tuple[str, ...]
    """The contacts' names, one per id (the interview's contact is unknown: "")."""
    missing: int | None = None
    """The id a link points to that no contact has (None for a loop)."""

    def describe(self, where: Where) -> str:
        first = where(self.table, self.ids[0])
        if self.missing is None:
            chain = " -> ".join(
                f"{name} ({where(self.table, i)})"
                for i, name in zip(self.ids, self.names, strict=True)
            )
            return f"referral loop: {chain}; referred_by must not lead back"
        field = "referred_by" if self.table == "contacts" else "contact_id"
        who = f" ({self.names[0]})" if self.names[0] else ""
        return f"{first}{who}: {field} {self.missing}: no contact has that id"


def link_problems(
    contacts: Mapping[int, Contact], interviews: Mapping[int, Interview]
) -> list[LinkProblem]:
    """Every broken link, in id order: unknown referrers, referral loops (each once), and
    interviews of a contact that is not there."""
    problems: list[LinkProblem] = []
    for cid in sorted(contacts):
        referrer = contacts[cid].referred_by
        if referrer is not None and referrer not in contacts:
            problems.append(LinkProblem("contacts", (cid,), (contacts[cid].name,), referrer))
    done: set[int] = set()
    for start in sorted(contacts):
        path: list[int] = []
        on_path: set[int] = set()
        current: int | None = start
        while current is not None and current in contacts and current not in done:
            if current in on_path:
                loop = (*path[path.index(current) :], current)
                names = tuple(contacts[i].name for i in loop)
                problems.append(LinkProblem("contacts", loop, names))
                break
            path.append(current)
            on_path.add(current)
            current = contacts[current].referred_by
        done.update(path)
    for iid in sorted(interviews):
        contact_id = interviews[iid].contact_id
        if contact_id not in contacts:
            problems.append(LinkProblem("interviews", (iid,), ("",), contact_id))
    return problems
