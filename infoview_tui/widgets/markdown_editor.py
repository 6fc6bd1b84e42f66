"""The one markdown editor: a TextArea with highlighting and a live preview beside it (or in
its place when the editor is narrow). The preview is rendered, wrapped and turned into lines
in a thread worker, a moment after the last key, so typing never waits for it; the pane
(``MarkdownPreview``, a Line-API widget) only swaps the lines in.

The text itself is Textual's TextArea (``EditorArea``) with four narrow speed-ups for big
notes, each checked against Textual's own behaviour in tests/test_editor_speedups.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.document._document import EditResult, Location, _utf8_encode
from textual.document._syntax_aware_document import SyntaxAwareDocument
from textual.document._wrapped_document import WrappedDocument
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TextArea
from textual.worker import Worker, WorkerState

from ..model import record
from ..model.visible import visible
from .markdown_preview import (
    MarkdownPreview,
    RenderedPreview,
    message_preview,
    render_preview,
)

__all__ = [
    "EditorArea",
    "MarkdownEditor",
    "MarkdownPreview",
    "RenderedPreview",
    "render_preview",
    "theme_styles",
]

RENDER_DELAY_SECONDS = 0.2
"""The preview is redrawn this long after the last edit (while it is open)."""
WIDE_COLUMNS = 100
"""From this many columns the preview sits beside the text; below, it takes the text's place."""
RENDER_GROUP = "markdown-preview"
REVEAL_WAIT_SECONDS = 0.15
"""On the preview key the lines are drawn first and the pane shown with them (one layout, and
the thread does not compete with it); a note that takes longer than this shows the pane at
once with a line saying the preview is being drawn."""
DRAWING = "Drawing the preview…"
FIRST_SCREEN_WAIT_SECONDS = 0.25
"""When the preview opens, its first screenful is shown as soon as it is wrapped; the thread
waits for that frame to be painted (at most this long) before it wraps the rest, so the two do
not take turns with the interpreter lock while the pane is being laid out."""


ROW_CACHE_SIZE = 2_000
"""Wrapped rows kept drawn by EditorArea (the cache starts afresh when full)."""
HIGHLIGHT_MARGIN_ROWS = 150
"""Syntax highlights are worked out for the lines on screen and this many lines either side."""
LIMIT_TOAST_SECONDS = 6.0
"""How long the toast saying a key went past the size limit stays (and is not repeated)."""


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


class EditorArea(TextArea):
    """The TextArea inside a MarkdownEditor: escape is reported, not a move of the focus.

    Four narrow speed-ups over Textual's TextArea for big notes (100 KB); editing itself
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
    """

    _highlight_rows: tuple[int, int] | None = None
    """The document rows (first, last) whose highlights are in ``_highlights``."""
    _row_cache: dict[tuple[object, ...], Strip]
    """Rows away from the cursor, drawn, keyed on what they show (``_plain_row_key``)."""

    def _set_document(self, text: str, language: str | None) -> None:
        self._row_cache = {}
        super()._set_document(text, language)
        # The object Textual just made, with the constant-time height (see its docstring).
        if type(self.wrapped_document) is WrappedDocument:
            self.wrapped_document.__class__ = _FastWrappedDocument
        # And the syntax-aware document, with row starts remembered (see its docstring).
        if type(self.document) is SyntaxAwareDocument:
            self.document.__class__ = _FastSyntaxAwareDocument
            self.document._row_starts = [0]

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

    # ----- what the user types or pastes ----------------------------------------------------

    _limit_told: float | None = None
    """When the user was last told that a key went past the size limit (time.monotonic())."""

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        """Every key and paste comes here (Textual's ``_on_key`` and ``_on_paste``).

        Control characters in a paste are made visible (``model.visible``), as everywhere on
        screen: the text holds what it shows. An edit that would take the text past the
        model's size limit (``model.record.MAX_TEXT``) is not made at all, and a toast says
        so: the text on screen is always one the notebook can keep, so nothing typed is ever
        on screen but not saved (issue 17 item 5)."""
        insert = visible(insert)
        if insert and not self.read_only:
            limit = record.MAX_TEXT
            removed = len(self.get_text_range(*sorted((start, end))))
            length = len(self.text) - removed + len(insert)
            if length > limit:
                self._tell_limit(limit, length)
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def _tell_limit(self, limit: int, length: int) -> None:
        now = time.monotonic()
        if self._limit_told is not None and now - self._limit_told < LIMIT_TOAST_SECONDS:
            return  # said already: one toast for a run of keys, not one per key
        self._limit_told = now
        self.notify(
            f"The limit is {limit:,} characters; this would make {length:,}. "
            "It was not added: what you see is what is saved.",
            title="Text too long",
            severity="warning",
            timeout=LIMIT_TOAST_SECONDS,
        )

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            event.prevent_default()  # TextArea would move the focus to the next widget
            editor = self.parent
            if isinstance(editor, MarkdownEditor):
                editor.action_escape()
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual calls every class's ``_on_paste`` down the MRO: TextArea's, next, inserts
        # the text (calling it here as well pasted everything twice).
        event.stop()  # the editor forwards pastes sent to it; this one is done


def theme_styles(variables: dict[str, str]) -> dict[str, str]:
    """Preview styles with a few colours of the current theme (plain styles otherwise)."""

    def colour(name: str, style: str) -> str:
        value = variables.get(name)
        return f"{style} {value}" if value else style

    return {
        "h1": colour("primary", "bold underline"),
        "h2": colour("primary", "bold"),
        "h3": colour("secondary", "bold"),
        "code": colour("accent", "bold"),
        "code_bar": colour("accent", "dim"),
        "quote_bar": colour("primary", ""),
        "bullet": colour("accent", "bold"),
        "task": colour("accent", "bold"),
        "task_done": colour("success", "bold"),
        "link": colour("primary", "underline"),
    }


class MarkdownEditor(Widget):
    """Edits markdown; ``ctrl+r`` / ``f2`` shows the rendered note beside it or in its place."""

    BINDINGS = [
        Binding("ctrl+r,f2", "toggle_preview", "Preview", id="markdown_editor.toggle_preview"),
        Binding("escape", "escape", "Done", show=False, id="markdown_editor.escape"),
    ]

    @dataclass
    class Changed(Message):
        """The user changed the text (not posted by ``load``)."""

        editor: MarkdownEditor
        text: str

        @property
        def control(self) -> MarkdownEditor:
            return self.editor

    @dataclass
    class Escaped(Message):
        """Escape was pressed inside the editor: the user is done writing for now."""

        editor: MarkdownEditor

        @property
        def control(self) -> MarkdownEditor:
            return self.editor

    @dataclass
    class _FirstScreen(Message):
        """The first screenful of a preview, sent ahead by the thread drawing it."""

        generation: int
        preview: RenderedPreview
        painted: threading.Event

    def __init__(
        self,
        text: str = "",
        *,
        title: str = "",
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self.preview_open = False
        """The user asked for the preview (it is shown once its lines are drawn: ``shown``)."""
        self._timer: Timer | None = None
        self._reveal_timer: Timer | None = None
        self._focus_on_reveal = False
        self._generation = 0
        self._shown_generation = -1
        self._text_area = EditorArea(
            visible(text),  # control characters shown, as everywhere (model/visible.py)
            language="markdown",
            soft_wrap=True,
            tab_behavior="indent",
            placeholder=placeholder,
            compact=True,
        )

    def compose(self) -> ComposeResult:
        yield self._text_area
        yield MarkdownPreview(classes="markdown-preview")

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    # ----- API ------------------------------------------------------------------------------

    @property
    def text_area(self) -> TextArea:
        return self._text_area

    @property
    def text(self) -> str:
        return self._text_area.text

    def load(self, text: str, title: str | None = None) -> None:
        """Replace the text without posting ``Changed``. Control characters in it are made
        visible (``model.visible``): the editor holds what it shows, and an edit saves that."""
        if title is not None:
            self.border_title = title
        with self._text_area.prevent(TextArea.Changed):
            self._text_area.load_text(visible(text))
        if self.preview_open:
            self._render_now()

    @property
    def preview_shown(self) -> bool:
        """The preview pane is on screen."""
        return self.has_class("-preview")

    def focus_editor(self, end: bool = False) -> None:
        """Focus the text (showing it again if the narrow preview stood in its place)."""
        area = self.text_area
        if self.preview_open and self.has_class("-narrow"):
            self._set_preview(False)
        if end:
            area.move_cursor(area.document.end)
        area.focus()

    def focus(self, scroll_visible: bool = True) -> MarkdownEditor:
        """Focusing the editor focuses its text (or the preview standing in for it)."""
        if self.preview_shown and self.has_class("-narrow"):
            self.query_one(MarkdownPreview).focus(scroll_visible)
        else:
            self.text_area.focus(scroll_visible)
        return self

    # ----- actions ----------------------------------------------------------------------------

    def action_toggle_preview(self) -> None:
        self._set_preview(not self.preview_open)

    def action_escape(self) -> None:
        self.post_message(self.Escaped(self))

    def _set_preview(self, show: bool) -> None:
        area = self.text_area
        preview = self.query_one(MarkdownPreview)
        had_focus = area.has_focus or preview.has_focus
        self.preview_open = show
        self._stop_reveal_timer()
        if show:
            # Drawn first, in the thread, while the pane is still hidden; shown with its
            # lines (``_reveal``), or after REVEAL_WAIT_SECONDS if they take longer.
            self._focus_on_reveal = had_focus
            self._render_now()
            if self.preview_open and not self.preview_shown:
                self._reveal_timer = self.set_timer(REVEAL_WAIT_SECONDS, self._reveal)
        else:
            self._cancel_render()
            self.set_class(False, "-preview")
            preview.clear()
            if had_focus:
                area.focus()

    def _stop_reveal_timer(self) -> None:
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None

    def _reveal(self) -> None:
        """Show the pane (with its lines, or a line saying they are being drawn)."""
        self._stop_reveal_timer()
        if not self.preview_open or self.preview_shown:
            return
        preview = self.query_one(MarkdownPreview)
        if preview.rendered is None:
            preview.show(message_preview(DRAWING, self._expected_preview_width()))
        self.set_class(True, "-preview")
        if self._focus_on_reveal and self.has_class("-narrow"):
            preview.focus()
        # Drawn for the width the pane was expected to have: wrap again if it has another.
        self.call_after_refresh(self._check_preview_width)

    def _check_preview_width(self) -> None:
        preview = self.query_one(MarkdownPreview)
        rendered = preview.rendered
        width = preview.wrap_width
        if self.preview_shown and width and rendered is not None and rendered.width != width:
            self._render_now()

    def _expected_preview_width(self) -> int:
        """The columns the preview's lines will have once it is shown: its own while it is on
        screen, else worked out from the editor's width and the pane's styles."""
        preview = self.query_one(MarkdownPreview)
        if self.preview_shown and preview.wrap_width:
            return preview.wrap_width
        styles = preview.styles
        inner = self.content_region.width
        gutter = styles.padding.width + styles.scrollbar_size_vertical
        if self.has_class("-narrow"):
            return max(1, inner - gutter)
        # Beside the text: half the editor (1fr each), less the pane's border on the left.
        return max(1, inner - inner // 2 - 1 - gutter)

    # ----- messages ---------------------------------------------------------------------------

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area is not self._text_area:
            return
        text = event.text_area.text
        self.post_message(self.Changed(self, text))
        if self.preview_open:
            self._schedule_render()

    async def _on_paste(self, event: events.Paste) -> None:
        # A paste sent to the editor itself goes into its text.
        event.stop()
        self.text_area.post_message(events.Paste(event.text))

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < WIDE_COLUMNS
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            area = self.text_area
            if self.preview_shown and narrow and area.has_focus:
                self.query_one(MarkdownPreview).focus()
        # The preview re-wraps on its own WidthChanged (sent when its width changes).

    def _theme_changed(self) -> None:
        if self.preview_open:
            self._render_now()

    # ----- rendering in a thread ------------------------------------------------------------

    @on(MarkdownPreview.WidthChanged)
    def _preview_width_changed(self, event: MarkdownPreview.WidthChanged) -> None:
        """The pane was first laid out or resized: wrap again (in the thread) at once."""
        event.stop()
        if self.preview_open:
            self._render_now()

    def _schedule_render(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(RENDER_DELAY_SECONDS, self._render_now)

    def _cancel_render(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.workers.cancel_group(self, RENDER_GROUP)
        self._generation += 1

    def _render_now(self) -> None:
        """Render and wrap the current text in a thread; the newest request wins."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.preview_open:
            return
        self._generation += 1
        pane = self.query_one(MarkdownPreview)
        width = self._expected_preview_width()
        text = self.text
        styles = theme_styles(self.app.get_css_variables())
        previous = pane.rendered
        # Opening: show the top of the note as soon as it is wrapped.
        first = None if self.preview_shown else self._first_screen_sender(self._generation)
        rows = max(self.content_region.height, 10)
        self.run_worker(
            lambda: render_preview(text, styles, width, previous, first, rows),
            thread=True,
            exclusive=True,
            group=RENDER_GROUP,
            name=f"preview {self._generation}",
            exit_on_error=False,
        )

    def _first_screen_sender(self, generation: int) -> Callable[[RenderedPreview], None]:
        """For the thread: send the first screenful, wait until it is painted."""

        def send(preview: RenderedPreview) -> None:
            painted = threading.Event()
            self.post_message(self._FirstScreen(generation, preview, painted))
            painted.wait(FIRST_SCREEN_WAIT_SECONDS)

        return send

    @on(_FirstScreen)
    def _first_screen(self, message: _FirstScreen) -> None:
        message.stop()
        if message.generation == self._generation and self.preview_open:
            # Shown in place of nothing, or of the line saying the preview is being drawn.
            self.query_one(MarkdownPreview).show(message.preview)
            self._reveal()
            self.call_after_refresh(message.painted.set)
        else:
            message.painted.set()

    @on(Worker.StateChanged)
    def _rendered(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != RENDER_GROUP:
            return
        event.stop()
        name = worker.name.rsplit(" ", 1)[-1]
        generation = int(name) if name.isdigit() else -1
        if generation != self._generation or not self.preview_open:
            return
        pane = self.query_one(MarkdownPreview)
        if event.state is WorkerState.SUCCESS:
            result: Any = worker.result
            if isinstance(result, RenderedPreview):
                self._shown_generation = generation
                pane.show(result)
                self._reveal()
        elif event.state is WorkerState.ERROR:
            self._shown_generation = generation
            message = f"The preview could not be drawn: {worker.error}"
            pane.show(message_preview(message, self._expected_preview_width()))
            self._reveal()

    @property
    def preview_current(self) -> bool:
        """True when the preview is on screen with the newest requested render (for tests and
        benches)."""
        return (
            self.preview_shown
            and self._timer is None
            and self._shown_generation == self._generation
        )
