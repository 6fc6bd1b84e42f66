"""Control characters from data made visible, so no text can drive the terminal.

A name or a note can carry control characters (a vCard, a CSV, a restored backup, a hand-edited
notebook, a paste): ``ESC ] 0 ; title BEL`` sets the terminal's title, other sequences move the
cursor, clear the screen or worse. Rich and Textual strip only five of them (BEL, BS, VT, FF,
CR) and pass ESC through to the terminal. Here every C0 control but tab and newline, DEL and
every C1 control (U+0080..U+009F) get a printable stand-in: the C0 ones and DEL their Unicode
control pictures, one cell wide (ESC is ``␛``, BEL ``␇``, NUL ``␀``, DEL ``␡``), the C1 ones
(which have no pictures) their code as ``\\x9b``. A carriage return is the one exception:
dropped, as Rich and Textual drop it, so a note with CRLF line ends shows no marks at their ends.

``VISIBLE`` is the table; ``visible`` applies it to one string. The screen applies the same
table to every text it draws (``widgets/terminal_guard.py``); the notes editor and the exports
written to a terminal call ``visible`` themselves (they are not drawn through that table).
No Textual import here.
"""

from __future__ import annotations

import re
from typing import Final


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {c: chr(0x2400 + c) for c in range(0x20)}
    del table[ord("\t")], table[ord("\n")]
    table[ord("\r")] = None
    table[0x7F] = "\u2421"  # ␡
    table.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})  # no pictures for C1
    return table


VISIBLE: Final[dict[int, str | None]] = _table()
"""``str.translate`` table: C0 (but tab and newline), DEL and C1 to printable stand-ins, CR
dropped."""

CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Any character that ``VISIBLE`` changes."""


def visible(text: str) -> str:
    """``text`` with its control characters made visible (see the module's docstring). Text
    without any (nearly all) is returned as it is, after one fast scan."""
    if CONTROL.search(text) is None:
        return text
    return text.translate(VISIBLE)


def has_control(text: str) -> bool:
    """True if ``visible`` would change ``text``."""
    return CONTROL.search(text) is not None
