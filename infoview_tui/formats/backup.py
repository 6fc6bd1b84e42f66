"""The JSON backup: a whole notebook in one versioned object (see docs/schema.md).

    {"format": "infoview-backup", "version": 1, "schema": 1, "exported_at": "...",
     "settings": {...}, "contacts": [...], "interviews": [...], "questions": [...]}

Records are written exactly as the notebook stores them (ids and timestamps included), so a
restore into an empty notebook gives an equal one. A contact also carries ``email``, the
first of its ``emails`` (or ""), and ``phone``, the first of its ``phones``, for tools that
want one of each; on import they are used only when ``emails`` / ``phones`` are missing.

A restore checks every record as a form does, then the links between them (model/links.py):
a referrer that is not in the backup, a referral loop, an interview whose contact is not in
it. Any problem refuses the whole backup, naming the records (``contacts[3] (id 7)``).
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Contact, Interview, Question, Record, ValidationError
from ..model.dates import iso_now
from ..model.links import link_problems
from ..notebook import Notebook
from ..store import SCHEMA_VERSION
from .common import Output, decode_utf8, write_output
from .plan import Backup, FormatError, ImportPlan

FORMAT = "infoview-backup"
VERSION = 1
KINDS: tuple[type[Record], ...] = (Contact, Interview, Question)


def looks_like(text: str) -> bool:
    return text.lstrip().startswith("{")


# ----- writing -----------------------------------------------------------------------------


def document(notebook: Notebook) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": iso_now(notebook.clock()),
        "settings": notebook.meta.get("settings") or {},
    }
    for kind in KINDS:
        records = sorted(notebook.tables[kind.TABLE].values(), key=lambda r: r.id)
        items = []
        for record in records:
            item = record.to_dict()
            if isinstance(record, Contact):
                item["email"] = record.emails[0] if record.emails else ""
                item["phone"] = record.phones[0] if record.phones else ""
            items.append(item)
        out[kind.TABLE] = items
    if notebook.extra_tables:
        out["extra_tables"] = notebook.extra_tables
    return out


def render(notebook: Notebook) -> bytes:
    text = json.dumps(document(notebook), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write(notebook: Notebook, out: Output) -> str:
    write_output(out, render(notebook))
    counts = ", ".join(f"{len(notebook.tables[k.TABLE])} {k.TABLE}" for k in KINDS)
    return counts


# ----- reading -----------------------------------------------------------------------------


def read(data: bytes, source: str) -> ImportPlan:
    text = decode_utf8(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise FormatError("nested too deeply to be an infoview backup") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise FormatError(
            f'not an infoview backup (no "format": "{FORMAT}"); '
            "make one with: infoview export --format json"
        )
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FormatError(f'"version" must be a whole number, not {version!r}')
    if version > VERSION:
        raise FormatError(
            f"made by a newer infoview (backup version {version}); this one reads version "
            f"{VERSION}. Update infoview to restore it."
        )
    schema = doc.get("schema", SCHEMA_VERSION)
    if isinstance(schema, int) and schema > SCHEMA_VERSION:
        raise FormatError(
            f"its records use notebook schema {schema}; this infoview knows {SCHEMA_VERSION}"
        )
    settings = doc.get("settings", {})
    if not isinstance(settings, dict):
        raise FormatError('"settings" must be an object')
    extra = doc.get("extra_tables", {})
    if not isinstance(extra, dict):
        raise FormatError('"extra_tables" must be an object')

    records: list[Record] = []
    problems: list[str] = []
    positions: dict[tuple[str, int], int] = {}  # (table, id) -> its place in the list
    for kind in KINDS:
        items = doc.get(kind.TABLE, [])
        if not isinstance(items, list):
            raise FormatError(f'"{kind.TABLE}" must be a list')
        seen: set[int] = set()
        for n, item in enumerate(items):
            where = f"{kind.TABLE}[{n}]"
            try:
                record = _record(kind, item, where)
            except FormatError as exc:
                problems.append(str(exc))
                continue
            if record.id in seen:
                problems.append(f"{where}: id {record.id} appears twice")
            seen.add(record.id)
            records.append(record)
            positions.setdefault((kind.TABLE, record.id), n)
    if problems:
        raise FormatError.from_problems(problems, "records with problems")
    broken = link_problems(
        {r.id: r for r in records if isinstance(r, Contact)},
        {r.id: r for r in records if isinstance(r, Interview)},
    )
    if broken:

        def place(table: str, record_id: int) -> str:
            return f"{table}[{positions[(table, record_id)]}] (id {record_id})"

        raise FormatError.from_problems(
            [problem.describe(place) for problem in broken], "broken links"
        )
    backup = Backup(tuple(records), settings, extra, str(doc.get("exported_at", "")))
    return ImportPlan("json", source, backup=backup)


def _record(kind: type[Record], item: object, where: str) -> Record:
    if not isinstance(item, dict):
        raise FormatError(f"{where}: must be an object")
    item = dict(item)
    record_id = item.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, int) or record_id < 1:
        raise FormatError(f"{where}: id must be a whole number from 1, not {record_id!r}")
    where = f"{where} (id {record_id})"
    if kind is Contact:
        for one, many in (("email", "emails"), ("phone", "phones")):
            if many not in item and one in item:
                item[many] = [item[one]] if isinstance(item[one], str) else item[one]
    try:
        return kind.from_dict(item)
    except ValidationError as exc:
        raise FormatError(f"{where}: {exc.field}: {exc.message}") from None
    except TypeError as exc:
        raise FormatError(f"{where}: {exc}") from None
