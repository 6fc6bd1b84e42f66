"""Errors the store reports; each message is meant to be shown to the user as is."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base of the store's errors."""


class NotebookFileError(StoreError):
    """The notebook file exists but cannot be read as a notebook. It is never written over."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotebookLockedError(StoreError):
    """Another infoview has this notebook open."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is open in another infoview (lock file {path.name}.lock is held). "
            "Close the other one first; this one has not changed anything."
        )
        self.path = path
