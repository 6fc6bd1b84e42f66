"""The start view's part: the first frame is drawn from a small view of the notebook
(start_view.py) before the whole file is read. While only that part is held it takes no
edit (``Tables._touch``) and is never written nor merged into (autosave.py's guards)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store import NotebookFileError, build_records
from ..store.schema import SCHEMA_VERSION
from .autosave import Autosave
from .tables import KINDS

if TYPE_CHECKING:
    from ..start_view import StartView


class PartialView(Autosave):
    """Holding a start view's part until ``load`` reads the whole notebook."""

    def open_view(self, view: StartView) -> bool:
        """Hold the part of the notebook a start view keeps (see start_view.py), until
        ``load``. False (and nothing changed) if a record in it cannot be built."""
        assert self.store is not None
        try:
            tables = build_records(self.store.path, view.tables, KINDS, consume=True)
        except (NotebookFileError, ValueError, TypeError, KeyError, AttributeError):
            return False  # a view that parses but is not what write_view writes: read it all
        self.tables = {kind.TABLE: tables.get(kind.TABLE, {}) for kind in KINDS}
        self.meta = view.meta
        self.partial = view
        return True

    @property
    def contact_count(self) -> int:
        """How many contacts the notebook has (a start view's part knows the whole's count)."""
        return self.partial.contacts if self.partial is not None else len(self.contacts)

    def _leave_view(self, loaded: object | None) -> None:
        """``load`` read the whole notebook (``loaded``; None if the file went away since the
        view was made): the part held until now, and all worked out from it, is dropped."""
        if self.partial is None:
            return
        self.partial = None
        self.version += 1  # whatever was worked out from the part is out of date
        self.saved_version = self.version
        self._written_version = self.version
        self._links_cache = None
        if loaded is None:  # the file went away since the view was made: an empty one
            self.tables = {kind.TABLE: {} for kind in KINDS}
            self.meta = {"schema": SCHEMA_VERSION, "settings": {}}
