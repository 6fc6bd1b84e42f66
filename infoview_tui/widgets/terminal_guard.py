"""No text on screen can drive the terminal: every control character is drawn visibly.

Rich's ``Text`` and Textual's ``Content`` pass each string they are built from through a
table of control codes to strip, and every widget draws its text through one of the two
(Static, Label, Input, DataTable, OptionList, ListView, TextArea's lines, Markdown, the
notifications, the command palette, border titles, our own Line-API panes). In Textual 8.2.8
and Rich 14 that table holds five codes (BEL, BS, VT, FF, CR): ESC goes through, so a contact
named ``A ESC ] 0 ; x BEL B`` set the terminal's title and shifted the rest of its row
(tests/e2e/test_terminal_safety.py). ``guard_terminal`` puts ``model.visible.VISIBLE`` in
those tables instead: every C0 control but tab and newline, DEL and every C1 control gets a
visible stand-in (ESC is ``␛``), CR is still dropped. The stand-ins are in the text before its
width is measured, so rows stay aligned.

This is the one place that makes data text safe on screen, whatever screen or widget shows
it. It changes two module-level tables of Rich and Textual (``textual_patches``, which checks
that they are where it expects them and fails loudly at start-up when an upgrade moves them;
a test runs it too).
"""

from __future__ import annotations

from ..model.visible import VISIBLE
from ..textual_patches import keep_writing_after_hangup, replace_control_strip_tables


def guard_terminal() -> None:
    """Make Rich and Textual draw control characters visibly, and make a terminal that
    closes while the screen is busy drawing (an import's progress) end infoview after its
    save instead of hanging it (textual_patches.keep_writing_after_hangup); idempotent."""
    replace_control_strip_tables(VISIBLE)
    keep_writing_after_hangup()
