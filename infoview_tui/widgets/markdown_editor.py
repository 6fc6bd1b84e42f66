"""The one markdown editor: a TextArea with highlighting and a live preview beside it (or in
its place when the editor is narrow). The preview is rendered in a thread worker, a moment
after the last key, so typing never waits for it."""

from __future__ import annotations

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


class EditorArea(TextArea):
    """The TextArea inside a MarkdownEditor: escape is reported, not a move of the focus.

    Two narrow speed-ups over Textual's TextArea for big notes (100 KB), both about drawing,
    neither about editing:

    - its wrapped document's ``height`` is read in constant time (``_FastWrappedDocument``);
    - syntax highlights are worked out for the lines about to be drawn (those on screen and
      ``HIGHLIGHT_MARGIN_ROWS`` either side), not for the whole note after every key:
      ``_build_highlight_map`` (called by Textual after every edit, undo and redo) only forgets
      them, and ``render_line`` asks tree-sitter for the captures of the rows around it when
      they are not known yet. Every note is still highlighted, whatever its size.
    """

    _highlight_rows: tuple[int, int] | None = None
    """The document rows (first, last) whose highlights are in ``_highlights``."""

    def _set_document(self, text: str, language: str | None) -> None:
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
        if self._highlight_query is not None:
            self._highlight_around(self.scroll_offset.y + y)
        return super().render_line(y)

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
        await super()._on_paste(event)
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
        Binding("ctrl+r,f2", "toggle_preview", "Preview"),
        Binding("escape", "escape", "Done", show=False),
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
        self._timer: Timer | None = None
        self._generation = 0
        self._shown_generation = -1
        self._text_area = EditorArea(
            text,
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
        """Replace the text without posting ``Changed``."""
        if title is not None:
            self.border_title = title
        with self._text_area.prevent(TextArea.Changed):
            self._text_area.load_text(text)
        if self.preview_open:
            self._render_now()

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
        if self.preview_open and self.has_class("-narrow"):
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
        self.set_class(show, "-preview")
        if show:
            self._render_now()
            if had_focus and self.has_class("-narrow"):
                preview.focus()
        else:
            self._cancel_render()
            preview.clear()
            if had_focus:
                area.focus()

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
            if self.preview_open and narrow and area.has_focus:
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
        """Render and wrap the current text in a thread; the newest request wins. Before the
        pane has been laid out (just shown) it waits for the pane's ``WidthChanged``."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.preview_open:
            return
        self._generation += 1
        pane = self.query_one(MarkdownPreview)
        width = pane.wrap_width
        if not width:
            # Just shown: not laid out yet. Ask again once it is (or on its WidthChanged).
            generation = self._generation
            self.call_after_refresh(self._render_if_still_waiting, generation)
            return
        text = self.text
        styles = theme_styles(self.app.get_css_variables())
        previous = pane.rendered
        self.run_worker(
            lambda: render_preview(text, styles, width, previous),
            thread=True,
            exclusive=True,
            group=RENDER_GROUP,
            name=f"preview {self._generation}",
            exit_on_error=False,
        )

    def _render_if_still_waiting(self, generation: int) -> None:
        if generation == self._generation and self.query_one(MarkdownPreview).wrap_width:
            self._render_now()

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
        elif event.state is WorkerState.ERROR:
            self._shown_generation = generation
            message = f"The preview could not be drawn: {worker.error}"
            pane.show(message_preview(message, pane.wrap_width or 40))

    @property
    def preview_current(self) -> bool:
        """True when the preview shows the newest requested render (for tests and benches)."""
        return (
            self.preview_open and self._timer is None and self._shown_generation == self._generation
        )
