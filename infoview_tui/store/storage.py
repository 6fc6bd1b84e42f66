"""A TinyDB Storage that never leaves a half-written file and never reads a bad one as empty."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .atomic import atomic_write
from .parse import Tables, parse_notebook


class SafeJSONStorage(Storage):
    """TinyDB storage: strict reads, atomic writes, the data kept in memory once read.

    Usable as ``TinyDB(path, storage=SafeJSONStorage)``. Unlike TinyDB's ``JSONStorage`` it
    writes a temp file and renames it (so a kill or a full disk leaves the old file intact),
    and a file that does not parse raises NotebookFileError instead of opening as empty.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._data: Tables | None = None

    def read(self) -> Tables | None:
        if self._data is None:
            try:
                raw = [self.path.read_bytes()]
            except FileNotFoundError:
                return None
            # Hand the bytes over (not a reference kept here): parse_notebook lets them go as
            # soon as they are decoded, which takes the size of the file off the memory peak.
            self._data = parse_notebook(self.path, raw.pop())
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.write_chunks([text.encode("utf-8")])
        self._data = data

    def write_chunks(self, chunks: Iterable[bytes]) -> os.stat_result:
        """Write already serialised notebook bytes (the fast path the Notebook uses); returns
        the stat of the file written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        written = atomic_write(self.path, chunks)
        self._data = None
        return written

    def close(self) -> None:
        self._data = None
