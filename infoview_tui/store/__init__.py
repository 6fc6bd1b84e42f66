"""Persistence on TinyDB: crash-safe storage, lock, schema version, migrations, backups."""

from .errors import NotebookFileError, NotebookLockedError, StoreError
from .paths import default_db_path
from .schema import SCHEMA_VERSION
from .storage import SafeJSONStorage
from .store import NotebookStore, build_records, read_tables

__all__ = [
    "SCHEMA_VERSION",
    "NotebookFileError",
    "NotebookLockedError",
    "NotebookStore",
    "SafeJSONStorage",
    "StoreError",
    "build_records",
    "default_db_path",
    "read_tables",
]
