"""Every use of Textual's and Rich's private API, in one place.

This is the only module of infoview that imports ``textual._*`` / ``rich._*`` modules, or
reads, sets or overrides a private (underscore) name of a Textual or Rich object; a test
(tests/test_textual_patches.py) keeps it so by reading the package. ``PRIVATE_NAMES`` lists
each of those names, and ``missing_private_names()`` says which the installed Textual and Rich
no longer have: upgrading Textual is this one file and one test run.

What is here, and why:

- ``FastTextArea``: Textual's TextArea with four speed-ups for big notes (100 KB), each
  checked against Textual's own behaviour in tests/test_editor_speedups.py, and one hook,
  ``keyboard_insert``, that sees (and may refuse) what a key or a paste inserts;
- ``HeaderTitle``: the header's title widget, which Textual keeps in a private module;
- ``replace_control_strip_tables``: Rich's and Textual's tables of control codes to strip;
- ``wait_for_idle``: Textual's own wait, as its Pilot uses it between key presses;
- ``scroll_update``, ``input_suggestion``, ``footer_bindings_ready``, ``node_context``: one
  private attribute each, read or called for a widget of ours.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import rich.control
import textual.content
from textual._wait import wait_for_idle
from textual.document._document import _utf8_encode
from textual.message_pump import MessagePump
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input, TextArea
from textual.widgets._header import HeaderTitle
from textual.widgets.text_area import (
    Document,
    EditResult,
    Location,
    SyntaxAwareDocument,
    WrappedDocument,
)

__all__ = [
    "HIGHLIGHT_MARGIN_ROWS",
    "PRIVATE_NAMES",
    "ROW_CACHE_SIZE",
    "FastTextArea",
    "HeaderTitle",
    "PrivateName",
    "footer_bindings_ready",
    "input_suggestion",
    "keep_writing_after_hangup",
    "missing_private_names",
    "node_context",
    "replace_control_strip_tables",
    "scroll_update",
    "wait_for_idle",
]


# ----- the names, for the test ----------------------------------------------------------------


@dataclass(frozen=True)
class PrivateName:
    """A private name this module uses: ``name`` on ``owner`` (a module, a class, or an
    instance of a class when ``instance``), and what for."""

    owner: str
    name: str
    why: str
    instance: bool = False

    def __str__(self) -> str:
        return f"{self.owner}.{self.name}"


PRIVATE_NAMES: tuple[PrivateName, ...] = (
    # modules and module-level names
    PrivateName("textual._wait", "wait_for_idle", "replaying keys typed during the start"),
    PrivateName("textual.document._document", "_utf8_encode", "row byte offsets, as Textual"),
    PrivateName("textual.widgets._header", "HeaderTitle", "a title that repaints only itself"),
    PrivateName("rich.control", "_CONTROL_STRIP_TRANSLATE", "control characters drawn visibly"),
    PrivateName("textual.content", "_CONTROL_STRIP_TRANSLATE", "control characters visibly"),
    # the documents under FastTextArea
    PrivateName(
        "textual.document._wrapped_document.WrappedDocument",
        "_offset_to_line_info",
        "wrapped rows, read for height and the row cache",
        instance=True,
    ),
    PrivateName("textual.document._document.Document", "_lines", "row byte offsets", instance=True),
    PrivateName(
        "textual.document._syntax_aware_document.SyntaxAwareDocument",
        "_location_to_byte_offset",
        "overridden: row byte offsets remembered",
    ),
    # TextArea
    PrivateName(
        "textual.widgets._text_area.TextArea",
        "_set_document",
        "overridden: the faster documents swapped in",
    ),
    PrivateName(
        "textual.widgets._text_area.TextArea",
        "_build_highlight_map",
        "overridden: highlights worked out around the screen only",
    ),
    PrivateName("textual.widgets._text_area.TextArea", "_render_line", "rows drawn for cache"),
    PrivateName(
        "textual.widgets._text_area.TextArea",
        "_replace_via_keyboard",
        "overridden: the keyboard_insert hook",
    ),
    PrivateName(
        "textual.widgets._text_area.TextArea",
        "_line_cache",
        "cleared with highlights",
        instance=True,
    ),
    PrivateName(
        "textual.widgets._text_area.TextArea", "_highlights", "highlights by row", instance=True
    ),
    PrivateName(
        "textual.widgets._text_area.TextArea",
        "_highlight_query",
        "tree-sitter query",
        instance=True,
    ),
    PrivateName(
        "textual.widgets._text_area.TextArea",
        "_matching_bracket_location",
        "its row is drawn by Textual",
        instance=True,
    ),
    # one each
    PrivateName(
        "textual.scroll_view.ScrollView",
        "_scroll_update",
        "scrollbars follow a new virtual size at once",
    ),
    PrivateName("textual.widgets._input.Input", "_suggestion", "the completion on show"),
    PrivateName("textual.widgets._footer.Footer", "_bindings_ready", "footer keys compared"),
    PrivateName("textual.message_pump.MessagePump", "_context", "data_bind outside compose"),
    PrivateName(
        "textual.drivers._writer_thread.WriterThread",
        "run",
        "replaced: output to a closed terminal is dropped, never a hang",
    ),
    PrivateName("textual.drivers._writer_thread.WriterThread", "_queue", "drained", instance=True),
    PrivateName(
        "textual.drivers._writer_thread.WriterThread", "_file", "written to", instance=True
    ),
)
"""Every private name of Textual and Rich that this module uses."""


def _resolve(dotted: str) -> Any:
    """The module or class at ``dotted`` (``package.module.Class``)."""
    import importlib

    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for part in parts[split:]:
            found = getattr(found, part)
        return found
    raise ImportError(dotted)


def _instances() -> dict[type, object]:
    """One object of each class whose instances' private attributes are used."""
    from textual.drivers._writer_thread import WriterThread

    document = Document("one\ntwo")
    return {
        Document: document,
        WrappedDocument: WrappedDocument(document, width=10),
        TextArea: TextArea("one\ntwo", language="markdown"),
        WriterThread: WriterThread(io.StringIO()),
    }


def missing_private_names() -> list[str]:
    """The names of ``PRIVATE_NAMES`` the installed Textual and Rich no longer have
    (``owner.name``, with why it is used); empty when all are there."""
    missing: list[str] = []
    instances: dict[type, object] | None = None
    for private in PRIVATE_NAMES:
        try:
            owner = _resolve(private.owner)
        except (ImportError, AttributeError):
            missing.append(f"{private} ({private.why}): {private.owner} is gone")
            continue
        if private.instance:
            if instances is None:
                instances = _instances()
            owner = next((obj for cls, obj in instances.items() if isinstance(obj, owner)), owner)
        if not hasattr(owner, private.name):
            missing.append(f"{private} ({private.why})")
    return missing


# ----- control characters ---------------------------------------------------------------------


def replace_control_strip_tables(table: Mapping[int, str | None]) -> None:
    """Put ``table`` in place of the control codes Rich's ``Text`` and Textual's ``Content``
    strip from every string they are built from (idempotent). Fails loudly when an upgrade
    moved the tables (see widgets/terminal_guard.py)."""
    for module in (rich.control, textual.content):
        strip = getattr(module, "_CONTROL_STRIP_TRANSLATE", None)
        if not isinstance(strip, dict):
            raise RuntimeError(
                f"{module.__name__}._CONTROL_STRIP_TRANSLATE is gone: infoview cannot keep "
                "control characters in data away from the terminal with this version"
            )
        strip.clear()
        strip.update(table)


# ----- the terminal closing ---------------------------------------------------------------------


def _run_until_stopped(self: Any) -> None:
    """Textual's writer thread, but a write error (the terminal closed: EIO) no longer ends
    it. Left as it was, the thread died, its queue of 30 frames filled, and the event loop
    blocked for ever on the next frame, so the SIGHUP handler never ran: nothing was saved
    and infoview never exited. Here output to a closed terminal is dropped until stop()."""
    get = self._queue.get
    qsize = self._queue.qsize
    broken = False
    while True:
        text = get()
        if text is None:
            break
        if broken:
            continue
        try:
            self._file.write(text)
            if qsize() == 0:
                self._file.flush()
        except (OSError, ValueError):  # EIO, EPIPE; ValueError: the file was closed
            broken = True
    if not broken:
        with contextlib.suppress(OSError, ValueError):
            self._file.flush()


def keep_writing_after_hangup() -> None:
    """Install ``_run_until_stopped`` as the run of Textual's output thread (idempotent)."""
    from textual.drivers._writer_thread import WriterThread

    WriterThread.run = _run_until_stopped  # type: ignore[method-assign]


# ----- one private attribute each -------------------------------------------------------------


def scroll_update(view: ScrollView) -> None:
    """Make a ScrollView's scrollbars (and its scroll offset, clamped) follow its
    ``virtual_size`` now, not at the next layout."""
    view._scroll_update(view.virtual_size)


def input_suggestion(field: Input) -> str:
    """The completion an Input has for its value now ("" for none); Textual keeps it
    privately."""
    return field._suggestion


def footer_bindings_ready(footer: Footer) -> bool:
    """Whether a Footer has had its first bindings (it composes its keys from then on)."""
    return bool(footer._bindings_ready)


def node_context(node: MessagePump) -> contextlib.AbstractContextManager[None]:
    """``node`` as the active message pump (as during its compose), so that ``data_bind`` in
    widgets made outside compose binds to it."""
    return node._context()


# ----- the text area --------------------------------------------------------------------------


ROW_CACHE_SIZE = 2_000
"""Wrapped rows kept drawn by FastTextArea (the cache starts afresh when full)."""
HIGHLIGHT_MARGIN_ROWS = 150
"""Syntax highlights are worked out for the lines on screen and this many lines either side."""


class _FastWrappedDocument(WrappedDocument):
    """Textual's ``WrappedDocument`` with a ``height`` that does not walk the whole document.

    In Textual 8.2.8 ``height`` sums every document line's wrap offsets, and ``TextArea`` reads
    it once per painted line (``_render_line``): ~3.4 million steps per key at 100 KB. Every
    wrapped line has exactly one entry in ``_offset_to_line_info`` (``wrap`` and ``wrap_range``
    keep it so), so its length is the same number, read in constant time. Only the property
    changes: no state of its own, nothing else overridden."""

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)


class _FastSyntaxAwareDocument(SyntaxAwareDocument):
    """Textual's ``SyntaxAwareDocument`` that remembers where each row starts, in bytes.

    Before each edit Textual 8.2.8 works out the byte offset of the edit's start and end by
    encoding every line above them (``_location_to_byte_offset``): twice the whole note per
    key when typing at its end. Here the offsets of the rows' starts are kept, and an edit
    forgets those after its first row (all that it can change)."""

    _row_starts: list[int]
    """``_row_starts[i]``: bytes before row ``i``; known for ``i < len(_row_starts)``."""

    def _location_to_byte_offset(self, location: Location) -> int:
        lines = self._lines
        row, column = location
        above = min(max(0, row), len(lines))
        starts = self._row_starts
        if len(starts) <= above:
            newline_bytes = len(self.newline)
            total = starts[-1] + len(_utf8_encode(lines[len(starts) - 1])) + newline_bytes
            for index in range(len(starts), above + 1):
                starts.append(total)
                if index < len(lines):
                    total += len(_utf8_encode(lines[index])) + newline_bytes
        offset = starts[above]
        if 0 <= row < len(lines):
            offset += len(_utf8_encode(lines[row][:column]))
        return offset

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        result = super().replace_range(start, end, text)
        top_row = min(start, end)[0]
        del self._row_starts[max(1, top_row + 1) :]
        return result


class FastTextArea(TextArea):
    """Textual's TextArea with four narrow speed-ups for big notes (100 KB); editing itself
    (edits, undo, redo, wrapping, cursor moves) is Textual's:

    - its wrapped document's ``height`` is read in constant time (``_FastWrappedDocument``);
    - its syntax-aware document remembers where rows start in bytes
      (``_FastSyntaxAwareDocument``), instead of encoding the whole note twice per edit;
    - syntax highlights are worked out for the lines about to be drawn (those on screen and
      ``HIGHLIGHT_MARGIN_ROWS`` either side), not for the whole note after every key:
      ``_build_highlight_map`` (called by Textual after every edit, undo and redo) only forgets
      them, and ``render_line`` asks tree-sitter for the captures of the rows around it when
      they are not known yet. Every note is still highlighted, whatever its size;
    - rows away from the cursor and the selection are kept drawn, keyed on what they show
      (``_plain_row_key``), so a key press redraws the cursor's row, not the whole screen.

    And one hook: ``keyboard_insert`` sees every key and paste before it is inserted.
    """

    _highlight_rows: tuple[int, int] | None = None
    """The document rows (first, last) whose highlights are in ``_highlights``."""
    _row_cache: dict[tuple[object, ...], Strip]
    """Rows away from the cursor, drawn, keyed on what they show (``_plain_row_key``)."""

    def keyboard_insert(self, insert: str, start: Location, end: Location) -> str | None:
        """What a key or a paste puts in place of ``start``..``end``: ``insert`` itself here;
        a subclass may change it, or return None to make no edit at all."""
        return insert

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        # Every key and paste comes here (Textual's ``_on_key`` and ``_on_paste``).
        text = self.keyboard_insert(insert, start, end)
        if text is None:
            return None
        return super()._replace_via_keyboard(text, start, end)

    def _set_document(self, text: str, language: str | None) -> None:
        self._row_cache = {}
        super()._set_document(text, language)
        # The object Textual just made, with the constant-time height (see its docstring).
        if type(self.wrapped_document) is WrappedDocument:
            self.wrapped_document.__class__ = _FastWrappedDocument
        # And the syntax-aware document, with row starts remembered (see its docstring).
        if type(self.document) is SyntaxAwareDocument:
            self.document.__class__ = _FastSyntaxAwareDocument
            cast(_FastSyntaxAwareDocument, self.document)._row_starts = [0]

    def _build_highlight_map(self) -> None:
        """Forget the highlights; ``render_line`` works out those of the rows it draws."""
        self._line_cache.clear()
        self._highlights.clear()
        self._highlight_rows = None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        offset = scroll_y + y
        if self._highlight_query is not None:
            self._highlight_around(offset)
        key = self._plain_row_key(offset, scroll_x)
        if key is None:
            return super().render_line(y)
        cache = self._row_cache
        strip = cache.get(key)
        if strip is None:
            strip = self._render_line(y)
            if len(cache) >= ROW_CACHE_SIZE:
                cache.clear()
            cache[key] = strip
        return strip

    def _plain_row_key(self, offset: int, scroll_x: int) -> tuple[object, ...] | None:
        """What a wrapped row away from the cursor, the selection and the matched bracket
        looks like, as a key: its line's text and highlights, which section of the line,
        and the widget's width and looks. None for the rows Textual draws itself.

        Textual keys its line cache on the row's position and (with soft wrap) the whole
        selection, so every key press redraws every row on screen; the rows that did not
        change are taken from here instead."""
        document = self.document
        if not self.soft_wrap or self.show_line_numbers:
            return None
        if document.line_count == 1 and not document[0]:
            return None  # empty: the placeholder
        info = self.wrapped_document._offset_to_line_info
        if not 0 <= offset < len(info):
            return None
        line_index, section = info[offset]
        selection = self.selection
        top, bottom = sorted(selection)
        if top[0] <= line_index <= bottom[0]:
            return None  # the cursor's row, or a selected one
        bracket = self._matching_bracket_location
        if bracket is not None and bracket[0] == line_index:
            return None
        wrapped = self.wrapped_document
        return (
            document[line_index],
            section,
            tuple(wrapped.get_offsets(line_index)),
            tuple(self._highlights.get(line_index, ())),
            self.scrollable_content_region.width,
            scroll_x,
            self.indent_width,
            self.theme,
        )

    def notify_style_update(self) -> None:
        self._row_cache.clear()
        super().notify_style_update()

    def _highlight_around(self, offset: int) -> None:
        """Make sure the highlights of the document row drawn at wrapped line ``offset`` (and
        of the rows on screen, with a margin) are known."""
        info = self.wrapped_document._offset_to_line_info
        count = len(info)
        if not 0 <= offset < count:
            return
        row = info[offset][0]
        known = self._highlight_rows
        if known is not None and known[0] <= row <= known[1]:
            return
        scroll_y = self.scroll_offset.y
        top = info[min(max(0, scroll_y), count - 1)][0]
        bottom = info[min(max(0, scroll_y + self.size.height), count - 1)][0]
        first = max(0, min(row, top) - HIGHLIGHT_MARGIN_ROWS)
        last = max(row, bottom) + HIGHLIGHT_MARGIN_ROWS
        self._highlight_rows_range(first, last)

    def _highlight_rows_range(self, first: int, last: int) -> None:
        """Textual's ``_build_highlight_map``, for the nodes that touch rows first..last."""
        highlights = self._highlights
        highlights.clear()
        self._highlight_rows = (first, last)
        query = self._highlight_query
        if query is None:
            return
        captures = self.document.query_syntax_tree(query, (first, 0), (last + 1, 0))
        for highlight_name, nodes in captures.items():
            for node in nodes:
                node_start_row, node_start_column = node.start_point
                node_end_row, node_end_column = node.end_point
                if node_start_row == node_end_row:
                    highlights[node_start_row].append(
                        (node_start_column, node_end_column, highlight_name)
                    )
                else:
                    highlights[node_start_row].append((node_start_column, None, highlight_name))
                    for node_row in range(node_start_row + 1, node_end_row):
                        highlights[node_row].append((0, None, highlight_name))
                    highlights[node_end_row].append((0, node_end_column, highlight_name))
