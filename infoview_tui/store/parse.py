"""Strict reading of a notebook file: every way a file can be bad gets a plain message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import NotebookFileError

Tables = dict[str, dict[str, dict[str, Any]]]


def parse_notebook(path: Path, raw: bytes) -> Tables:
    """Parse the bytes of a notebook file into TinyDB's layout, or raise NotebookFileError."""

    def bad(reason: str) -> NotebookFileError:
        return NotebookFileError(path, reason)

    if not raw:
        raise bad("the file is empty (0 bytes)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise bad("the file begins with a byte-order mark (BOM); it was not written by infoview")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise bad(f"the file contains NUL bytes (first at byte {nul}); it is damaged")
    try:
        text = raw.decode("utf-8")
        del raw  # the caller passed its only reference: free the bytes before parsing
    except UnicodeDecodeError as exc:
        raise bad(f"the file is not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            reason = f"unexpected data after the end of the notebook at line {exc.lineno}"
        elif exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            reason = "the file ends too early (truncated)"
        else:
            reason = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise bad(reason) from None
    del text
    if not isinstance(data, dict):
        kind = {type(None): "null", list: "a list"}.get(type(data), type(data).__name__)
        raise bad(f"the file holds {kind}, not a notebook (a JSON object of tables)")
    for table, docs in data.items():
        if not isinstance(docs, dict):
            raise bad(f"table {table!r} is not a JSON object")
        for doc_id, doc in docs.items():
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise bad(f"table {table!r} has a record with id {doc_id!r}; ids are numbers")
            if not isinstance(doc, dict):
                raise bad(f"record {table}#{doc_id} is not a JSON object")
    return data
