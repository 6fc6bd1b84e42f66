"""The notebook: the one object the UI talks to (``Notebook``, in facade.py), split by job
into tables.py, autosave.py, partial.py and workflow/. Nothing here imports Textual."""

from .autosave import MAX_WAIT_SECONDS, QUIET_SECONDS, RETRY_SECONDS, MergeReport, Snapshot
from .facade import Notebook
from .tables import KINDS, Deleted
from .workflow import Suggested

__all__ = [
    "KINDS",
    "MAX_WAIT_SECONDS",
    "QUIET_SECONDS",
    "RETRY_SECONDS",
    "Deleted",
    "MergeReport",
    "Notebook",
    "Snapshot",
    "Suggested",
]
