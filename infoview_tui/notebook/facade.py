"""Notebook: the one object the UI talks to. Holds the data in memory; the store saves it.

Each job has its own module, and ``Notebook`` puts them together as mixins on one object
(one state, one set of names for the screens):
- tables.py: records, ids, links and the plain edits (the base of the others);
- autosave.py: autosave timing, the save thread, flush, batches, merges of changes on disk;
- partial.py: the start view's part, held until ``load``;
- workflow/: the steps of an interview: prepare.py, live_call.py, after_call.py.
Nothing here imports Textual.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ..model import Clock
from ..store import NotebookStore
from .partial import PartialView
from .tables import KINDS
from .workflow import AfterCall, LiveCall, Prepare


class Notebook(Prepare, LiveCall, AfterCall, PartialView):
    """Tables, saving and the start view's part (``PartialView`` builds on ``Autosave`` and
    ``Tables``), with the workflow steps of every phase of an interview."""

    @classmethod
    def open(cls, path: Path, clock: Clock) -> Notebook:
        """Lock and load the notebook at ``path`` (a new one if there is no file).

        Raises NotebookLockedError or NotebookFileError; the file is never written here.
        """
        store = NotebookStore(path, clock)
        try:
            notebook = cls(store, clock)
            notebook.load()
        except BaseException:
            store.close()
            raise
        return notebook

    def load(self) -> None:
        """Read the whole notebook (replacing a start view's part, if one was held)."""
        assert self.store is not None
        loaded = self.store.load_records(KINDS)
        self._leave_view(loaded)
        if loaded is None:
            return
        self.tables, tables = loaded
        self.meta = tables["meta"]["1"]
        known = {kind.TABLE for kind in KINDS} | {"meta"}
        self.extra_tables = {name: docs for name, docs in tables.items() if name not in known}
        self.base = {name: dict(records) for name, records in self.tables.items()}
        self.base_meta = copy.deepcopy(self.meta)
