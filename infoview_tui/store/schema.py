"""The schema version in the ``meta`` table, and the steps that bring old files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .parse import Tables

SCHEMA_VERSION = 3
META_TABLE = "meta"
META_ID = "1"


def schema_version(tables: Tables) -> int:
    """The version a file was written with; a file with no meta is version 0."""
    meta = tables.get(META_TABLE, {}).get(META_ID, {})
    version = meta.get("schema", 0)
    return version if isinstance(version, int) else -1


def _v0_to_v1(tables: Tables) -> Tables:
    """Version 0 (a plain TinyDB file): contacts had one ``email`` string; now ``emails``."""
    for doc in tables.get("contacts", {}).values():
        if "email" in doc and "emails" not in doc:
            email = doc.pop("email")
            doc["emails"] = [email] if isinstance(email, str) and email else []
    meta: dict[str, Any] = tables.setdefault(META_TABLE, {}).setdefault(META_ID, {})
    meta.setdefault("settings", {})
    return tables


def _v1_to_v2(tables: Tables) -> Tables:
    """Version 2 (issue 13): an interview can be ``missed`` (a new status) and keeps the times
    it was planned for before it was moved (``rescheduled_from``, a new list). A version-1
    interview was never moved: it gets an empty list. Nothing else changes: ``when`` stays
    the time planned for, and the time held was always the call's own start and end."""
    for doc in tables.get("interviews", {}).values():
        if isinstance(doc, dict):
            doc.setdefault("rescheduled_from", [])
    return tables


def _v2_to_v3(tables: Tables) -> Tables:
    """Version 3 (issue 15): new records get ids that two devices cannot both give out (time
    and chance, see ``ids.py``) instead of the next number, so copies edited apart can be
    merged record by record. The ids already given stay as they are (small numbers, below
    every new one), so ``referred_by`` and ``contact_id`` links need no change; only the
    version moves, so that an infoview that still counts ids up refuses the file."""
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3}
"""MIGRATIONS[n] turns a version-n file into version n+1."""


def migrate(tables: Tables) -> tuple[Tables, int]:
    """Bring ``tables`` to SCHEMA_VERSION; return them and the version they started at.

    Raises ValueError for a file from a newer infoview or an unknown version.
    """
    start = version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"the file was written by a newer infoview (schema {version}; this one knows "
            f"{SCHEMA_VERSION}); upgrade infoview to open it"
        )
    if version < 0:
        raise ValueError("the meta table holds a schema version that is not a number")
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    tables[META_TABLE][META_ID]["schema"] = SCHEMA_VERSION
    return tables, start
