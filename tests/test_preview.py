"""The markdown preview: render() on each construct, and the one markdown editor's preview in
the contact notes, the interview notes and the contact form, as a user toggles and types."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.pilot import Pilot

from infoview_tui.markdown_render import render
from infoview_tui.model import FrozenClock
from infoview_tui.screens.interview_notes import InterviewNotesScreen
from infoview_tui.screens.main import MainScreen
from infoview_tui.widgets.markdown_editor import MarkdownEditor, MarkdownPreview
from infoview_tui.widgets.notes_editor import NotesEditor

from .helpers import (
    contacts_on_disk,
    on_disk,
    running,
    screen_text,
    type_text,
    wait_for_preview,
    widget_text,
)
from .test_snapshots import sample_app

# ----- render() -----------------------------------------------------------------------------


def lines(text: Text) -> list[str]:
    return text.plain.split("\n")


def style_at(text: Text, word: str) -> Style:
    at = text.plain.index(word)
    return text.get_style_at_offset(Console(), at)


def test_headings_lose_their_hashes_and_get_a_style_per_level() -> None:
    out = render("# One\n\n## Two\n\n### Three\n\ntext")
    assert lines(out) == ["One", "", "Two", "", "Three", "", "text"]
    styles = {style_at(out, w) for w in ("One", "Two", "Three")}
    assert len(styles) == 3 and all(s.bold for s in styles)
    assert not style_at(out, "text").bold


def test_a_heading_has_a_blank_line_around_it() -> None:
    assert lines(render("before\n# Head\nafter")) == ["before", "", "Head", "", "after"]


def test_emphasis_strong_strike_and_inline_code() -> None:
    out = render("a *soft* and **loud** and ~~gone~~ and `code` here")
    assert out.plain == "a soft and loud and gone and code here"
    assert style_at(out, "soft").italic
    assert style_at(out, "loud").bold
    assert style_at(out, "gone").strike
    assert style_at(out, "code").bold
    assert not style_at(out, "here").italic


def test_code_blocks_keep_their_lines_and_markup() -> None:
    out = render("```python\ndef f():\n    return *1*\n```\n\n    indented **x**")
    assert lines(out) == ["│ def f():", "│     return *1*", "", "│ indented **x**"]


def test_nested_bullets_and_numbers() -> None:
    out = render("- one\n- two\n  - inner\n\n1. first\n2. second\n")
    assert lines(out) == ["• one", "• two", "  • inner", "", "1. first", "2. second"]


def test_an_ordered_list_keeps_its_start_number() -> None:
    assert lines(render("3. three\n4. four")) == ["3. three", "4. four"]


def test_task_items_show_boxes() -> None:
    out = render("- [ ] to do\n- [x] done\n- plain")
    assert lines(out) == ["☐ to do", "☑ done", "• plain"]


def test_block_quotes_have_a_bar_on_every_line() -> None:
    out = render("> first\n> second\n>\n> third")
    assert lines(out) == ["▌ first", "▌ second", "▌", "▌ third"]


def test_links_show_their_text_and_address() -> None:
    out = render("see [the post](https://example.org/a) or <https://example.org/b>")
    assert out.plain == "see the post (https://example.org/a) or https://example.org/b"
    assert style_at(out, "the post").underline
    assert style_at(out, "(https").dim


def test_rules_and_tables() -> None:
    out = render("a\n\n---\n\n| Q | Answer |\n|---|---|\n| size | 12 |\n", width=10)
    assert lines(out) == [
        "a",
        "",
        "─" * 10,
        "",
        "Q    │ Answer",
        "─────┼───────",
        "size │ 12",
    ]
    assert style_at(out, "Answer").bold


def test_comments_and_raw_html_are_hidden() -> None:
    out = render(
        "<!-- hint: what surprised you? -->\n\nkept <!-- inline --> text\n\n<div>raw</div>"
    )
    assert out.plain == "kept  text"
    assert "hint" not in out.plain and "<" not in out.plain


def test_styles_can_be_given() -> None:
    out = render("`x` and # no", {"code": "bold red"})
    assert style_at(out, "x").color is not None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * 1_000_000,
        "> " * 500 + "deep",
        "- " * 500 + "deep",
        "[" * 20_000 + "]" * 20_000,
        "| a |\n|---|\n" + "| b |\n" * 5_000,
        "*" * 50_000,
        "\x00\x1b[31m not a colour \u202e",
    ],
    ids=["empty", "a-million", "quotes", "bullets", "brackets", "table", "stars", "control"],
)
def test_awkward_or_huge_input_does_not_raise(text: str) -> None:
    assert isinstance(render(text), Text)


# ----- the editor in the app ----------------------------------------------------------------


async def test_contact_notes_preview_renders_updates_and_hides(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("n")
        editor = app.screen.query_one(NotesEditor)
        assert editor.has_class("-narrow")  # 120 columns: the notes pane is narrow
        await type_text(pilot, "# Fresh heading\n- first point\n\n")
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)
        shown = widget_text(app, "#notes MarkdownPreview")
        assert "Fresh heading" in shown and "# Fresh" not in shown
        assert "• first point" in shown
        assert not editor.text_area.display  # in place of the text
        assert "Preview" in screen_text(app)  # the key is in the footer

        await pilot.press("ctrl+r")  # back to the text, the cursor where it was
        await pilot.pause()
        assert editor.text_area.display and app.focused is editor.text_area
        assert not app.screen.query_one(MarkdownPreview).display
        await type_text(pilot, "- second point\n")
        await pilot.press("f2")
        await wait_for_preview(pilot, editor)
        assert "• second point" in widget_text(app, "#notes MarkdownPreview")
        await pilot.press("f2", "ctrl+q")
        await pilot.pause()
    saved = contacts_on_disk(sample_db)["Aiko Tanaka"]["notes"]
    assert saved.startswith("# Fresh heading\n- first point\n\n- second point\n")


async def test_preview_beside_the_text_follows_typing(sample_db: Path, clock: FrozenClock) -> None:
    # The notes pane is about a quarter of the terminal: 400 columns make it wide.
    async with running(sample_db, clock, size=(400, 40)) as (app, pilot):
        await pilot.press("n")
        editor = app.screen.query_one(NotesEditor)
        assert not editor.has_class("-narrow")
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)
        assert editor.text_area.display and app.focused is editor.text_area
        await type_text(pilot, "## Typed live\n")
        assert "Typed live" not in widget_text(app, "#notes MarkdownPreview")  # debounced
        await wait_for_preview(pilot, editor)
        shown = widget_text(app, "#notes MarkdownPreview")
        assert "Typed live" in shown and "## Typed" not in shown
        assert widget_text(app, "#notes EditorArea").startswith("## Typed live")
        await pilot.press("escape")  # leaves the notes, as before
        await pilot.pause()
        assert app.focused is not editor.text_area
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert contacts_on_disk(sample_db)["Aiko Tanaka"]["notes"].startswith("## Typed live\n")


async def test_showing_another_contact_is_not_an_edit_and_refreshes_the_preview(
    sample_db: Path, clock: FrozenClock
) -> None:
    before = sample_db.read_bytes()
    async with running(sample_db, clock) as (app, pilot):
        notebook = app.notebook
        assert notebook is not None
        await pilot.press("n", "ctrl+r")
        editor = app.screen.query_one(NotesEditor)
        await wait_for_preview(pilot, editor)
        first = widget_text(app, "#notes MarkdownPreview")
        await pilot.press("escape")  # from the preview too: back to the list
        await pilot.pause()
        assert app.focused is not None and not editor.has_focus_within
        for _ in range(12):  # to the next contact with notes of their own
            await pilot.press("down")
            await pilot.pause()
            assert editor.contact_id is not None
            if notebook.contacts[editor.contact_id].notes.strip():
                break
        await wait_for_preview(pilot, editor)
        shown = widget_text(app, "#notes MarkdownPreview")
        assert shown != first
        rendered = render(notebook.contacts[editor.contact_id].notes).plain
        assert " ".join(rendered.split())[:30] in shown
        assert not notebook.dirty
        await pilot.pause(0.8)
    assert sample_db.read_bytes() == before


async def test_interview_notes_have_the_preview(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        assert isinstance(app.screen, MainScreen)
        interview = next(iter(app.notebook.interviews.values()))  # type: ignore[union-attr]
        app.push_screen(InterviewNotesScreen(app.notebook, interview.id))  # type: ignore[arg-type]
        await pilot.pause()
        editor = app.screen.query_one(MarkdownEditor)
        assert app.focused is editor.text_area
        await type_text(pilot, "\n\n- [x] thanked them\n")
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)
        assert not editor.has_class("-narrow") and editor.text_area.display  # side by side
        assert "☑ thanked them" in widget_text(app, "#interview-notes MarkdownPreview")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.pause(0.8)
    stored = on_disk(sample_db)["interviews"][str(interview.id)]["notes"]
    assert stored.endswith("\n\n- [x] thanked them\n")


async def test_research_notes_in_the_contact_form_use_the_editor(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen.query_one("#f-research_notes", MarkdownEditor)
        editor.focus_editor(end=True)
        await type_text(pilot, "\n**Read** their blog")
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)
        assert "Read their blog" in widget_text(app, "#f-research_notes MarkdownPreview")
        await pilot.press("ctrl+r", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.pause(0.8)
    assert contacts_on_disk(sample_db)["Aiko Tanaka"]["research_notes"].endswith(
        "\n**Read** their blog"
    )


# ----- snapshot ------------------------------------------------------------------------------


SNAPSHOT_NOTE = """# What I learned

<!-- hint: what surprised you? -->
She moved into **UX research** from psychology through a *hospital* project;
most of her week is `interviews` and synthesis.

## Follow-ups
- [x] Thank-you sent
- [ ] Tell her how the survey course went
- Ask about:
  1. the first year
  2. who else to talk to

> Learn to explain trade-offs to people outside the team.

| Question | Answer |
|----------|--------|
| Team size | 12 |
| Remote | yes |

See [her post](https://example.org/post).
"""


def test_snapshot_interview_notes_with_the_preview(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def open_preview(pilot: Pilot[int]) -> None:
        app = pilot.app
        interviews = app.notebook.interviews.values()  # type: ignore[attr-defined]
        interview = max(interviews, key=lambda i: len(i.notes))
        app.push_screen(InterviewNotesScreen(app.notebook, interview.id))  # type: ignore[attr-defined]
        await pilot.pause()
        editor = app.screen.query_one(MarkdownEditor)
        editor.load(SNAPSHOT_NOTE)
        await pilot.press("ctrl+r")
        await wait_for_preview(pilot, editor)

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 32), run_before=open_preview)
