"""The one way a screen makes a notebook edit: ``apply_edit``.

The Notebook refuses what it cannot store with a ValidationError (a note past the size limit, a
call that cannot be moved, a name left empty); the screen then shows the refusal as a toast and
what is on disk stays as it was. Forms that show the refusal next to the field at fault
(contact, interview, settings) keep doing that instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from .model import ValidationError

if TYPE_CHECKING:
    from textual.dom import DOMNode

T = TypeVar("T")

TOO_LONG = "This change is not saved; shorten it to keep it."
"""The hint for a typed text the model refuses (past the size limit, say)."""


def apply_edit(
    node: DOMNode, change: Callable[[], T], *, title: str = "Not saved", hint: str = ""
) -> T | None:
    """Make ``change`` (a Notebook edit) and return what it returned; if the Notebook refuses
    it, say why in a toast (``title``, the model's words, then ``hint``) and return None.

    ``node``: the screen (or the app) making the edit. Edits whose result may be None (and
    that can be refused) are told apart with ``edit_made``."""
    try:
        return change()
    except ValidationError as exc:
        message = f"{exc.message}. {hint}" if hint else exc.message
        node.app.notify(message, title=f"{title} ({exc.field})", severity="error", timeout=8)
        return None


def edit_made(node: DOMNode, change: Callable[[], object], **how: str) -> bool:
    """``apply_edit`` for a caller that only needs to know whether the edit was made."""
    made = False

    def run() -> None:
        nonlocal made
        change()
        made = True

    apply_edit(node, run, **how)
    return made
