"""The one markdown editor: a TextArea with highlighting and a live preview beside it (or in
its place when the editor is narrow). The preview is rendered, wrapped and turned into lines
in a thread worker, a moment after the last key, so typing never waits for it; the pane
(``MarkdownPreview``, a Line-API widget) only swaps the lines in.

The text itself is Textual's TextArea (``EditorArea``) with four narrow speed-ups for big
notes (``textual_patches.FastTextArea``), each checked against Textual's own behaviour in
tests/test_editor_speedups.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TextArea
from textual.widgets.text_area import Location
from textual.worker import Worker, WorkerState

from ..model import record
from ..model.visible import visible
from ..textual_patches import HIGHLIGHT_MARGIN_ROWS, FastTextArea
from .markdown_preview import (
    MarkdownPreview,
    RenderedPreview,
    message_preview,
    render_preview,
)

__all__ = [
    "HIGHLIGHT_MARGIN_ROWS",
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


LIMIT_TOAST_SECONDS = 6.0
"""How long the toast saying a key went past the size limit stays (and is not repeated)."""


class EditorArea(FastTextArea):
    """The TextArea inside a MarkdownEditor: escape is reported, not a move of the focus.

    Its speed-ups for big notes (100 KB) are ``FastTextArea``'s (textual_patches.py, where
    every use of Textual's private API is kept); editing itself is Textual's.
    """

    # ----- what the user types or pastes ----------------------------------------------------

    _limit_told: float | None = None
    """When the user was last told that a key went past the size limit (time.monotonic())."""

    def keyboard_insert(self, insert: str, start: Location, end: Location) -> str | None:
        """Every key and paste comes here (``FastTextArea``'s hook).

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
        return insert

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

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            # TextArea would move the focus to the next widget; its own key handler comes
            # after this one and does not run once the default is prevented.
            event.prevent_default()
            editor = self.parent
            if isinstance(editor, MarkdownEditor):
                editor.action_escape()

    def on_paste(self, event: events.Paste) -> None:
        # Textual calls every class's paste handler down the MRO: TextArea's, next, inserts
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

    def on_paste(self, event: events.Paste) -> None:
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
