"""infoview's own contacts CSV (``infoview export --format csv``), read back.

The columns are formats/table.py's: every contact field, lists joined with "; ", the
referrer's name and id. A cell the export guarded against spreadsheet formulas (a ``'`` put
before ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) has the ``'`` taken off again.
Each row's ``id`` and ``referred_by_id`` link referrals within the file (the ids in the new
notebook are its own); ``created`` and ``updated`` are the old notebook's and are not kept.
A stage infoview does not know goes to the notes.
"""

from __future__ import annotations

from ..model import Stage
from .csvfile import Cells, Extras, Fields, Layout
from .plan import CONTACT_FIELDS
from .table import FORMULA_START, LIST_SEPARATOR

LIST_COLUMNS = ("emails", "phones", "tags")
TEXT_COLUMNS = tuple(f for f in CONTACT_FIELDS if f not in (*LIST_COLUMNS, "stage", "referred_by"))
IGNORED = ("created", "updated")


def unguard(text: str) -> str:
    """The text as it was before the export's formula guard (see table.cell): one ``'``
    off a text whose leading quotes stand before a formula character."""
    guarded = text.startswith("'") and text.lstrip("'").startswith(FORMULA_START)
    return text[1:] if guarded else text


def _recognise(names: set[str]) -> bool:
    return {"name", "stage", "referred_by_id", "research_notes"} <= names


def _row(cells: Cells) -> tuple[Fields, Extras]:
    extras: Extras = []
    fields: Fields = {name: unguard(cells.get(name)) for name in TEXT_COLUMNS}
    for name in ("notes", "research_notes"):
        fields[name] = unguard(cells.text(name))
    for name in LIST_COLUMNS:
        text = unguard(cells.get(name))
        fields[name] = tuple(item.strip() for item in text.split(LIST_SEPARATOR.strip()))
    stage = cells.get("stage")
    if stage in {s.value for s in Stage}:
        fields["stage"] = Stage(stage)
    elif stage:
        extras.append(("Stage", stage))
    for name in IGNORED:
        cells.get(name)
    fields["_link"] = {
        "key": cells.get("id"),
        "referrer_key": cells.get("referred_by_id"),
        "referrer_name": unguard(cells.get("referred_by")),
    }
    return fields, extras


LAYOUT = Layout("infoview", "infoview contacts CSV", _recognise, _row)
