"""Strict reading of a notebook file: every way a file can be bad gets a plain message."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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


_GAP = re.compile(r"[ \t\n\r]*")
_DOC_ID = re.compile(r'[ \t\n\r]*"([0-9]+)"[ \t\n\r]*:[ \t\n\r]*')

Build = Callable[[str, str, dict[str, Any]], tuple[Any, Any]]
"""``build(table, doc_id, doc)`` -> (key, value) to keep in place of the document."""


def stream_notebook(raw: list[bytes], build: Build) -> dict[str, dict[Any, Any]] | None:
    """Read a notebook one record at a time, handing each to ``build`` as soon as it is parsed.

    The parsed document (a dict of some twenty entries) is let go at once, so the whole file's
    documents are never held together: that is most of the memory peak of opening a big
    notebook with one ``json.loads``. ``raw`` is a list holding the file's bytes; they are taken
    out of it, so they can be freed once decoded.

    Returns None when the file is not plainly a notebook (any fault at all, or a layout this
    reader does not expect); ``parse_notebook`` then reads it again and names the fault.
    """
    data = raw.pop()
    if not data or data.startswith(b"\xef\xbb\xbf") or b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    del data
    decode = json.JSONDecoder().raw_decode
    try:
        return _stream(text, decode, build)
    except (json.JSONDecodeError, IndexError):
        return None


def _stream(
    text: str, decode: Callable[[str, int], tuple[Any, int]], build: Build
) -> dict[str, dict[Any, Any]] | None:
    def gap(text: str, at: int) -> re.Match[str]:
        found = _GAP.match(text, at)  # whitespace, maybe none: it always matches
        assert found is not None
        return found

    tables: dict[str, dict[Any, Any]] = {}
    at = gap(text, 0).end()
    if text[at] != "{":
        return None
    at = gap(text, at + 1).end()
    if text[at] == "}":
        at += 1
    else:
        while True:  # one table per turn: "name": {"id": {...}, ...}
            name, at = decode(text, at)
            at = gap(text, at).end()
            if not isinstance(name, str) or text[at] != ":":
                return None
            at = gap(text, at + 1).end()
            if text[at] != "{":
                return None
            docs: dict[Any, Any] = {}
            tables[name] = docs
            at = gap(text, at + 1).end()
            if text[at] == "}":
                at += 1
            else:
                while True:  # one record per turn
                    key = _DOC_ID.match(text, at)
                    if key is None:
                        return None
                    doc, at = decode(text, key.end())
                    if not isinstance(doc, dict):
                        return None
                    kept, value = build(name, key.group(1), doc)
                    docs[kept] = value
                    del doc, value
                    at = gap(text, at).end()
                    if text[at] == ",":
                        at += 1
                        continue
                    if text[at] != "}":
                        return None
                    at += 1
                    break
            at = gap(text, at).end()
            if text[at] == ",":
                at = gap(text, at + 1).end()
                continue
            if text[at] != "}":
                return None
            at += 1
            break
    return tables if gap(text, at).end() == len(text) else None
