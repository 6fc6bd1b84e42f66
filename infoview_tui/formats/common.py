"""Small helpers the format modules share: reading input, writing output, stable ids."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import BinaryIO

from ..model import Record, ValidationError
from ..store.atomic import atomic_write
from .plan import FormatError

Output = Path | BinaryIO
"""Where an export goes: a file (replaced atomically) or an open binary stream (stdout)."""

_NAMESPACE = uuid.UUID("6f1b7e0a-3c7e-5a52-9d0e-1b7f0c2a4e11")


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """The file's bytes (the first ``limit`` only, if given); FormatError if unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        raise FormatError("no such file") from None
    except IsADirectoryError:
        raise FormatError("is a folder, not a file") from None
    except OSError as exc:
        raise FormatError(f"cannot be read: {exc.strerror or exc}") from None


def decode_utf8(data: bytes) -> str:
    """The text of a UTF-8 file (a leading byte-order mark is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"line {line}: byte 0x{data[exc.start]:02x} is not UTF-8; "
            "save the file as UTF-8 and try again"
        ) from None


def field_error(where: str, exc: ValidationError) -> str:
    return f"{where}: {exc.field}: {exc.message}"


def stable_uid(kind: str, record: Record) -> str:
    """A UID that stays the same across exports of the same record (and differs between
    notebooks, whose records were created at different moments)."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{record.id}:{record.created}"))


def write_output(out: Output, data: bytes) -> None:
    if isinstance(out, Path):
        atomic_write(out, [data])
    else:
        out.write(data)
        out.flush()
