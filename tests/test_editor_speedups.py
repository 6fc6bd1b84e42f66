"""The markdown editor's speed-ups behave exactly like Textual's own code, and the Line-API
preview shows render()'s lines wrapped to the pane, re-wraps on resize and scrolls.

EditorArea keeps the wrapped document's height in constant time, remembers where rows start
in bytes and highlights only the rows around the screen; each test here drives an EditorArea
and a plain Textual TextArea side by side with the same keys and edits, and compares text,
selection, wrapping and every drawn line (text and styles, so the highlights too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.document._document import Document
from textual.document._syntax_aware_document import SyntaxAwareDocument
from textual.document._wrapped_document import WrappedDocument
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import TextArea

from infoview_tui.markdown_render import render
from infoview_tui.model import FrozenClock
from infoview_tui.widgets.markdown_editor import (
    HIGHLIGHT_MARGIN_ROWS,
    EditorArea,
    MarkdownEditor,
    MarkdownPreview,
    RenderedPreview,
    render_preview,
    theme_styles,
)
from infoview_tui.widgets.notes_editor import NotesEditor

from .helpers import (
    contacts_on_disk,
    running,
    type_text,
    wait_for_preview,
    wait_until,
    widget_text,
)

SECTION = """## Part {n}: what I learned

Met **someone {n}** from the *research team*; they moved into the field through a fellowship
and recommend learning `SQL` before applying. See [their post](https://example.org/{n}).

- most of the week is interviews, synthesis and writing
  - planning on Mondays
- [ ] send the thank-you note

> The hardest skill was explaining trade-offs.

"""

CODE_BLOCK = "```python\n" + "".join(f"value_{n} = {n}  # a line of code\n" for n in range(300))
CODE_BLOCK += "```\n\n"


def long_note() -> str:
    """~700 lines: sections, then a fenced block of 300 lines, then more sections (so a
    multi-line node starts far above the rows being highlighted)."""
    head = "".join(SECTION.format(n=n) for n in range(15))
    tail = "".join(SECTION.format(n=n) for n in range(15, 40))
    return "# A long note\n\n" + head + CODE_BLOCK + tail


class Twins(App[None]):
    """An EditorArea and a plain TextArea, the same size, the same text."""

    CSS = "TextArea { width: 34; height: 14; }"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        for area in (
            EditorArea(self.text, language="markdown", soft_wrap=True, id="ours"),
            TextArea(self.text, language="markdown", soft_wrap=True, id="textual"),
        ):
            area.cursor_blink = False
            yield area


def areas(app: App[None]) -> tuple[EditorArea, TextArea]:
    return app.query_one("#ours", EditorArea), app.query_one("#textual", TextArea)


def fresh_wrap(area: TextArea) -> WrappedDocument:
    wrapped = area.wrapped_document
    return WrappedDocument(Document(area.text), wrapped._width, wrapped._tab_width)


def drawn(area: TextArea) -> list[list[Segment]]:
    """The lines on screen, text and styles (highlights, cursor, selection). Drawn afresh:
    Textual's line cache ignores focus when the cursor does not blink."""
    area._line_cache.clear()
    return [list(area.render_line(y)) for y in range(area.size.height)]


def check_same(ours: EditorArea, textual: TextArea) -> None:
    """Same text, cursor, selection, scroll, wrapping and size (lines drawn: ``compare``)."""
    assert ours.text == textual.text
    assert ours.selection == textual.selection
    assert ours.cursor_location == textual.cursor_location
    assert ours.scroll_offset == textual.scroll_offset
    assert ours.virtual_size == textual.virtual_size
    wrapped = ours.wrapped_document
    assert type(wrapped) is not WrappedDocument  # the constant-time height is in use
    # The height read in constant time is Textual's own sum...
    assert wrapped.height == WrappedDocument.height.fget(wrapped)  # type: ignore[attr-defined]
    # ...and the incremental wrapping (Textual's) equals wrapping the text from scratch.
    fresh = fresh_wrap(ours)
    assert wrapped._wrap_offsets == fresh._wrap_offsets
    assert wrapped._offset_to_line_info == fresh._offset_to_line_info
    assert wrapped._line_index_to_offsets == fresh._line_index_to_offsets
    assert wrapped._offset_to_line_info == textual.wrapped_document._offset_to_line_info
    # Row starts in bytes, remembered, equal Textual's count from the top.
    document = ours.document
    assert isinstance(document, SyntaxAwareDocument) and type(document) is not SyntaxAwareDocument
    lines = document.line_count
    for row in {0, 1, lines // 2, lines - 1, lines}:
        for column in (0, 3):
            location = (row, column)
            expected = SyntaxAwareDocument._location_to_byte_offset(document, location)
            assert document._location_to_byte_offset(location) == expected


async def both(pilot: Pilot[None], *keys: str) -> None:
    """Press the same keys in both areas."""
    ours, textual = areas(pilot.app)
    for area in (ours, textual):
        area.focus()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    ours.focus()
    await pilot.pause()
    textual.focus()  # drawn with the same focus (cursor shown) as ours before comparing
    await pilot.pause()


async def compare(pilot: Pilot[None]) -> None:
    ours, textual = areas(pilot.app)
    textual.focus()
    await pilot.pause()
    textual_lines = drawn(textual)
    ours.focus()
    await pilot.pause()
    assert drawn(ours) == textual_lines
    check_same(ours, textual)


async def do_both(pilot: Pilot[None], action: str, *args: object) -> None:
    """Call the same TextArea method on both."""
    for area in areas(pilot.app):
        getattr(area, action)(*args)
    await pilot.pause()


@pytest.mark.parametrize("where", ["start", "middle", "end"])
async def test_typing_and_deleting_match_textual(where: str) -> None:
    app = Twins(long_note())
    async with app.run_test(size=(80, 20)) as pilot:
        ours, _ = areas(app)
        row = {"start": 0, "middle": 200, "end": ours.document.line_count - 1}[where]
        await do_both(pilot, "move_cursor", (row, 4))
        await compare(pilot)
        await both(pilot, *"typed words that wrap past the edge of the pane".replace(" ", "#"))
        await compare(pilot)
        await both(pilot, "enter", "x", "enter", "enter")
        await compare(pilot)
        await both(pilot, "backspace", "backspace", "backspace", "delete", "delete")
        await compare(pilot)
        await both(pilot, "ctrl+z")  # undo
        await compare(pilot)
        await both(pilot, "ctrl+y")  # redo
        await compare(pilot)


async def test_pastes_selection_and_cursor_moves_match_textual() -> None:
    app = Twins(long_note())
    async with app.run_test(size=(80, 20)) as pilot:
        await do_both(pilot, "move_cursor", (120, 10))
        paste = "pasted line one\n- [x] pasted **two** with `code`\n\n```\nfenced\n"
        for area in areas(app):
            # Not bubbling up: the App would hand it to the focused twin, a second time.
            event = events.Paste(paste)
            event.stop()
            area.post_message(event)
        await pilot.pause()
        await compare(pilot)
        await both(pilot, "shift+up", "shift+up", "shift+left")  # a selection over wraps
        await compare(pilot)
        await both(pilot, "x")  # typing replaces it
        await compare(pilot)
        await both(pilot, "up", "up", "up", "end", "down", "home", "pagedown", "pagedown")
        await compare(pilot)
        await both(pilot, "ctrl+z", "ctrl+z")
        await compare(pilot)
        # Far away (a jump, not a scroll by a line): the highlights there are worked out anew.
        await do_both(pilot, "move_cursor", (5, 0))
        await compare(pilot)
        await do_both(pilot, "move_cursor", (areas(app)[0].document.line_count - 1, 0))
        await compare(pilot)


async def test_deleting_everything_and_loading_new_text_match_textual() -> None:
    app = Twins(long_note())
    async with app.run_test(size=(80, 20)) as pilot:
        await do_both(pilot, "select_all")
        await both(pilot, "backspace")
        await compare(pilot)
        assert areas(app)[0].text == ""
        await both(pilot, *"#", "space", *"new")
        await compare(pilot)
        await do_both(pilot, "load_text", SECTION.format(n=7) * 3)
        await compare(pilot)
        await do_both(pilot, "move_cursor", (4, 2))
        await both(pilot, "enter", "a")
        await compare(pilot)


async def test_inside_a_long_code_block_the_highlights_match_textual() -> None:
    """The rows on screen sit in a 300-line fenced block that starts above the rows whose
    highlights are worked out: it is still highlighted as a whole."""
    app = Twins(long_note())
    async with app.run_test(size=(80, 20)) as pilot:
        ours, _ = areas(app)
        fence = ours.text.split("\n").index("```python")
        row = fence + HIGHLIGHT_MARGIN_ROWS + 100
        await do_both(pilot, "move_cursor", (row, 0))
        await compare(pilot)
        first, last = ours._highlight_rows or (0, 0)
        assert first > fence  # the fence's own row is not among those worked out
        assert first <= row <= last
        assert last - first < ours.document.line_count  # not the whole note
        await both(pilot, *"abc")
        await compare(pilot)


# ----- the preview --------------------------------------------------------------------------


class OneEditor(App[None]):
    """One editor, styled by the app's own sheet."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "infoview_tui" / "app.tcss")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield MarkdownEditor(self.text, title="Notes")


def expected_lines(app: App[None], text: str, width: int) -> list[str]:
    """What render() gives for the note, wrapped by Rich to ``width`` columns."""
    styles = theme_styles(app.get_css_variables())
    rendered = render(text, styles, width=min(80, width))
    return [line.plain for line in rendered.wrap(Console(width=width), width)]


def shown_rows(app: App[None], pane: MarkdownPreview) -> list[str]:
    region = pane.scrollable_content_region  # without the scrollbar
    strips = app.screen._compositor.render_strips()
    return [s.crop(region.x, region.right).text.rstrip() for s in strips[region.y : region.bottom]]


async def test_the_preview_shows_render_wrapped_to_its_width_and_rewraps_on_resize() -> None:
    note = long_note()
    app = OneEditor(note)
    async with app.run_test(size=(70, 24)) as pilot:
        editor = app.query_one(MarkdownEditor)
        pane = editor.query_one(MarkdownPreview)
        assert app.focused is editor.text_area
        await pilot.press("ctrl+r")  # narrow: the preview takes the text's place
        await wait_for_preview(pilot, editor)
        width = pane.wrap_width
        assert 0 < width < 70
        lines = [strip.text for strip in pane.lines]
        assert lines == expected_lines(app, note, width)
        assert any(len(line) > width - 12 for line in lines)  # some lines really were wrapped
        assert pane.virtual_size.height == len(lines)
        assert shown_rows(app, pane) == [line.rstrip() for line in lines[: pane.size.height]]

        await pilot.resize_terminal(50, 24)
        await wait_for_preview(pilot, editor)
        narrower = pane.wrap_width
        assert narrower < width
        lines = [strip.text for strip in pane.lines]
        assert lines == expected_lines(app, note, narrower)
        assert shown_rows(app, pane) == [line.rstrip() for line in lines[: pane.size.height]]


async def test_the_preview_scrolls_with_keys_and_the_mouse_wheel() -> None:
    note = long_note()
    app = OneEditor(note)
    async with app.run_test(size=(70, 24)) as pilot:
        editor = app.query_one(MarkdownEditor)
        pane = editor.query_one(MarkdownPreview)
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)
        assert app.focused is pane
        lines = [strip.text.rstrip() for strip in pane.lines]
        height = pane.size.height

        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert pane.scroll_y == 3
        assert shown_rows(app, pane)[0] == lines[3]
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y >= 3 + height - 2  # a page (Textual keeps a line or so)
        assert shown_rows(app, pane)[0] == lines[int(pane.scroll_y)]
        await pilot.press("end")
        await pilot.pause()
        assert pane.scroll_y == len(lines) - height
        assert shown_rows(app, pane)[-1] == lines[-1]
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_y == 0

        x, y = pane.content_region.x + 2, pane.content_region.y + 2
        for _ in range(2):
            pane.post_message(
                events.MouseScrollDown(pane, x, y, 0, 1, 0, False, False, False, x, y)
            )
        await pilot.pause()
        assert pane.scroll_y > 0
        assert shown_rows(app, pane)[0] == lines[int(pane.scroll_y)]


async def test_a_preview_at_its_end_follows_new_lines_at_the_end(
    sample_db: Path, clock: FrozenClock
) -> None:
    # Wide enough for the preview beside the text; the note is long enough to scroll.
    async with running(sample_db, clock, size=(400, 30)) as (app, pilot):
        editor = app.screen.query_one(NotesEditor)
        await pilot.press("n")
        editor.load(long_note())
        editor.focus_editor(end=True)
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)
        pane = editor.query_one(MarkdownPreview)
        pane.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        await type_text(pilot, "\n\nthe very last words\n")
        await wait_for_preview(pilot, editor)
        assert pane.scroll_y == pane.max_scroll_y > 0
        assert "the very last words" in widget_text(app, "#notes MarkdownPreview")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert contacts_on_disk(sample_db)["Aiko Tanaka"]["notes"].endswith("the very last words\n")


@pytest.mark.parametrize("size", [(120, 40), (400, 40), (90, 30)], ids=["narrow", "wide", "small"])
async def test_the_lines_are_drawn_for_the_width_the_pane_gets(
    sample_db: Path, clock: FrozenClock, size: tuple[int, int]
) -> None:
    """Drawn while the pane is still hidden, for the width it is expected to get: right the
    first time, so no second wrap is needed once it is shown."""
    async with running(sample_db, clock, size=size) as (app, pilot):
        editor = app.screen.query_one(NotesEditor)
        await pilot.press("n")
        expected = editor._expected_preview_width()
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)
        pane = editor.query_one(MarkdownPreview)
        assert pane.wrap_width == expected
        assert pane.rendered is not None and pane.rendered.width == expected


def segments(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


@pytest.mark.parametrize("width", [12, 29, 61])
@pytest.mark.parametrize("rows", [1, 5, 40])
def test_a_preview_sent_in_two_goes_is_the_same_as_one_wrap(width: int, rows: int) -> None:
    note = long_note() + "\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted " + "word " * 40
    note += "\n\n- 漢字の長い行 " * 5
    whole = render_preview(note, {}, width)
    sent: list[RenderedPreview] = []
    joined = render_preview(note, {}, width, None, sent.append, rows)
    assert len(sent) == 1
    first = sent[0]
    assert not first.complete and joined.complete
    assert rows <= len(first.strips) < len(whole.strips)
    assert segments(joined.strips) == segments(whole.strips)
    assert segments(first.strips) == segments(whole.strips[: len(first.strips)])


def test_a_short_note_is_sent_in_one_go() -> None:
    sent: list[RenderedPreview] = []
    result = render_preview("# Short\n\nbody", {}, 40, None, sent.append, 30)
    assert sent == [] and result.complete
    assert [strip.text for strip in result.strips] == ["Short", "", "body"]


async def test_the_top_of_a_long_note_shows_before_the_rest_is_wrapped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from infoview_tui.widgets import markdown_preview

    wrap = markdown_preview.wrap_to_strips

    def wrap_the_rest_slowly(text: Text, width: int) -> list[Strip]:
        if text.plain.count("\n") > 100:  # the rest of the note, not its first screenful
            time.sleep(2.0)
        return wrap(text, width)

    monkeypatch.setattr(markdown_preview, "wrap_to_strips", wrap_the_rest_slowly)
    note = long_note()
    app = OneEditor(note)
    async with app.run_test(size=(70, 24)) as pilot:
        editor = app.query_one(MarkdownEditor)
        pane = editor.query_one(MarkdownPreview)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(pane.lines) >= pane.size.height > 0, timeout=1.5)
        await pilot.pause()
        # Shown with its first screenful (not the "being drawn" line), the rest still to come.
        assert pane.display and not editor.text_area.display
        assert app.focused is pane
        assert not editor.preview_current
        width = pane.wrap_width
        expected = expected_lines(app, note, width)
        assert pane.size.height <= len(pane.lines) < len(expected)
        assert shown_rows(app, pane) == [line.rstrip() for line in expected[: pane.size.height]]
        await wait_for_preview(pilot, editor)
        assert [strip.text for strip in pane.lines] == expected
        assert pane.virtual_size.height == len(expected)


async def test_a_slow_preview_shows_that_it_is_being_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from infoview_tui.widgets import markdown_editor

    slow = markdown_editor.render_preview

    def render_slowly(*args: object) -> object:
        time.sleep(0.6)
        return slow(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown_editor, "render_preview", render_slowly)
    app = OneEditor("# Slow note\n\nbody")
    async with app.run_test(size=(70, 24)) as pilot:
        editor = app.query_one(MarkdownEditor)
        pane = editor.query_one(MarkdownPreview)
        await pilot.press("ctrl+r")
        await pilot.pause(markdown_editor.REVEAL_WAIT_SECONDS + 0.15)
        assert pane.display and not editor.text_area.display
        assert shown_rows(app, pane)[0] == markdown_editor.DRAWING
        assert not editor.preview_current
        await wait_for_preview(pilot, editor)
        assert shown_rows(app, pane)[:3] == ["Slow note", "", "body"]
