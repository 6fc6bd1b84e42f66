"""Searching every note: the pure search (folding, fields, snippets, spans, order, cap, cache)
and the screen (F, typing, the hits in context, enter opens the note at the hit's line)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import OptionList, TextArea

from infoview_tui.content.sample import sample_clock
from infoview_tui.model import FrozenClock
from infoview_tui.model.note_search import (
    LIMIT,
    SNIPPET_WIDTH,
    NoteField,
    NoteIndex,
    NoteResults,
    match_spans,
    parse_query,
    snippet,
)
from infoview_tui.model.search import fold
from infoview_tui.notebook import Notebook
from infoview_tui.screens.contact_form import ContactForm
from infoview_tui.screens.debrief import DebriefScreen
from infoview_tui.screens.interview_notes import InterviewNotesScreen
from infoview_tui.screens.main import MainScreen
from infoview_tui.screens.note_search import NoteSearchScreen

from .helpers import contacts_on_disk, on_disk, running, screen_text, type_text, widget_text
from .test_snapshots import sample_app


def search(notebook: Notebook, query: str, limit: int = LIMIT) -> NoteResults:
    return NoteIndex().search(
        notebook.contacts, notebook.interviews, notebook.version, query, limit
    )


def small_notebook() -> Notebook:
    """Two contacts; Ana has an older and a newer interview, each with notes and a debrief."""
    notebook = Notebook(None, sample_clock())
    ana = notebook.add_contact(
        name="Ana Silva",
        notes="Met at the meetup.\nAsked about grant writing.",
        research_notes="Runs the grant office.\nWrote a book on grants.",
        last_contact="2026-11-01",
    )
    notebook.add_contact(
        name="Ben Ode", notes="Grant deadlines are in May.", last_contact="2026-10-01"
    )
    notebook.add_interview(
        contact_id=ana.id,
        when="2026-10-10T10:00",
        status="done",
        notes="Old call.\nGrant budgets are tight.",
        debrief="## What I learned\n- A grant takes months.",
    )
    notebook.add_interview(
        contact_id=ana.id,
        when="2026-11-10T10:00",
        status="done",
        notes="New call: grant panels meet twice a year.",
        debrief="## Advice\n- Read old grant proposals.",
    )
    return notebook


# ----- the query ------------------------------------------------------------------------------


def test_query_words_phrases_and_folding() -> None:
    assert parse_query("  Grant  WRITING ") == ("grant", "writing")
    assert parse_query('"Window  Functions" sql') == ("window functions", "sql")
    assert parse_query("“smart quotes” too") == ("smart quotes", "too")
    assert parse_query('open "quote runs on') == ("open", "quote runs on")
    assert parse_query('sql SQL "" "sql"') == ("sql",)
    assert parse_query("Tomás ÅNGSTRÖM") == ("tomas", "angstrom")
    assert parse_query("   ") == ()


def test_accents_and_case_fold_both_ways() -> None:
    notebook = Notebook(None, sample_clock())
    notebook.add_contact(name="T", notes="Talked to TOMÁS about the Straße project")
    for query in ("tomas", "Tomás", "TOMAS", "strasse", "STRASSE"):
        results = search(notebook, query)
        assert results.total == 1, query
    hit = search(notebook, "strasse").hits[0]
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "Straße"  # "ß" folds to "ss": the span still fits the word
    hit = search(notebook, "tomas").hits[0]
    assert hit.snippet[slice(*hit.spans[0])] == "TOMÁS"


# ----- fields, order, lines -------------------------------------------------------------------


def test_every_note_field_is_searched_in_a_useful_order() -> None:
    notebook = small_notebook()
    results = search(notebook, "grant")
    where = [(h.field, h.interview_id, h.contact_id, h.line) for h in results.hits]
    assert where == [
        # the newer interview first, its notes before its debrief
        (NoteField.INTERVIEW, 2, 1, 0),
        (NoteField.DEBRIEF, 2, 1, 1),
        # then the older interview
        (NoteField.INTERVIEW, 1, 1, 1),
        (NoteField.DEBRIEF, 1, 1, 1),
        # then contacts, the one in touch most recently first: notes, then research notes
        (NoteField.NOTES, None, 1, 1),
        (NoteField.RESEARCH, None, 1, 0),
        (NoteField.RESEARCH, None, 1, 1),
        (NoteField.NOTES, None, 2, 0),
    ]
    assert results.total == 8 and results.notes == 7
    assert results.summary() == "8 hits in 7 notes"
    first = results.hits[0]
    assert first.line_number == 1 and first.column == len("New call: ")
    assert first.snippet == "New call: grant panels meet twice a year."


def test_all_words_must_be_in_the_same_note() -> None:
    notebook = small_notebook()
    # "meetup" and "writing" are on different lines of Ana's notes: both lines are hits
    results = search(notebook, "meetup writing")
    assert [(h.field, h.line) for h in results.hits] == [(NoteField.NOTES, 0), (NoteField.NOTES, 1)]
    assert results.notes == 1
    # "meetup" is in her notes and "book" in her research notes: no single note has both
    assert search(notebook, "meetup book").total == 0
    # a phrase must appear as written
    assert search(notebook, '"grant writing"').total == 1
    assert search(notebook, '"writing grant"').total == 0
    assert search(notebook, "").hits == () and search(notebook, "").terms == ()


def test_no_hits_says_so() -> None:
    results = search(small_notebook(), "zebra")
    assert results.total == 0 and results.hits == () and results.summary() == "no hits"


def test_the_cap_counts_the_rest() -> None:
    notebook = Notebook(None, sample_clock())
    notebook.add_contact(name="Many", notes="\n".join(f"line {i} about python" for i in range(150)))
    notebook.add_contact(name="More", notes="\n".join(f"python {i}" for i in range(100)) + "\nx")
    results = search(notebook, "python", limit=LIMIT)
    assert len(results.hits) == LIMIT
    assert results.total == 250 and results.more == 50 and results.notes == 2
    assert results.summary() == "250 hits in 2 notes"


# ----- snippets and spans ---------------------------------------------------------------------


def test_long_lines_are_trimmed_around_the_match() -> None:
    line = "   " + "a" * 150 + " needle " + "b" * 150 + "   "
    spans = match_spans(line, ["needle"])
    text, moved = snippet(line, spans)
    assert len(text) == SNIPPET_WIDTH
    assert text.startswith("…") and text.endswith("…")
    assert [text[s:e] for s, e in moved] == ["needle"]
    assert moved[0][0] > 10  # some context is kept before the match
    # a match near the start: cut only on the right
    text, moved = snippet("needle " + "c" * 200, match_spans("needle " + "c" * 200, ["needle"]))
    assert not text.startswith("…") and text.endswith("…") and moved == ((0, 6),)
    # a match near the end: cut only on the left, the line's end shown
    tail = "d" * 200 + " needle"
    text, moved = snippet(tail, match_spans(tail, ["needle"]))
    assert text.startswith("…") and text.endswith("needle") and len(text) == SNIPPET_WIDTH
    assert [text[s:e] for s, e in moved] == ["needle"]
    # a short line is only stripped
    assert snippet("  - short needle  ", [(10, 16)]) == ("- short needle", ((8, 14),))


def test_spans_cover_every_match_and_merge_overlaps() -> None:
    assert match_spans("SQL and sql and Sql", ["sql"]) == [(0, 3), (8, 11), (16, 19)]
    assert match_spans("windows", ["window", "dows"]) == [(0, 7)]
    assert match_spans("Zoë and zoe", ["zoe"]) == [(0, 3), (8, 11)]


text_with_lines = st.lists(st.text(alphabet="abcÁé ßx\t", max_size=12), min_size=1, max_size=5).map(
    "\n".join
)


@given(st.lists(text_with_lines, min_size=1, max_size=6), st.sampled_from(["a", "b x", "é", "ss"]))
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=120)
def test_hits_match_a_plain_oracle(notes: list[str], query: str) -> None:
    notebook = Notebook(None, sample_clock())
    for i, text in enumerate(notes):
        notebook.add_contact(name=f"P{i}", notes=text, last_contact=f"2026-01-{i + 1:02d}")
    terms = parse_query(query)
    expected = []
    for contact in sorted(notebook.contacts.values(), key=lambda c: c.last_contact, reverse=True):
        if not contact.notes.strip() or not all(t in fold(contact.notes) for t in terms):
            continue
        for row, line in enumerate(contact.notes.split("\n")):
            if any(t in fold(line) for t in terms):
                expected.append((contact.id, row))
    results = search(notebook, query)
    assert [(h.contact_id, h.line) for h in results.hits] == expected
    for hit in results.hits:
        assert hit.spans, hit
        for start, end in hit.spans:
            assert any(t in fold(hit.snippet[start:end]) for t in terms)


def test_prepared_notes_follow_edits_and_are_reused() -> None:
    notebook = small_notebook()
    index = NoteIndex()
    first = index.prepare(notebook.contacts, notebook.interviews, notebook.version)
    assert index.prepare(notebook.contacts, notebook.interviews, notebook.version) is first
    notebook.set_contact_notes(2, "Now about orchids.")
    assert index.search(notebook.contacts, notebook.interviews, notebook.version, "orchid").total
    second = index.prepare(notebook.contacts, notebook.interviews, notebook.version)
    unchanged = [n for n in first if n.contact_id == 1]
    assert unchanged and all(any(n is m for m in second) for n in unchanged)  # not re-folded
    notebook.delete_contact(1)
    assert (
        index.search(notebook.contacts, notebook.interviews, notebook.version, "grant").total == 0
    )


# ----- the screen -----------------------------------------------------------------------------


def with_interview_notes(path: Path, name: str, notes: str) -> int:
    """Give the contact's (only) interview some notes, on disk before the app opens."""
    notebook = Notebook.open(path, sample_clock())
    try:
        contact = notebook.find_contact_by_name(name)
        assert contact is not None
        interview = notebook.interviews_of(contact.id)[0]
        notebook.update_interview(interview.id, notes=notes)
        return interview.id
    finally:
        notebook.close()


async def test_typing_shows_hits_in_context_and_enter_opens_the_debrief_at_the_line(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("F")
        assert isinstance(app.screen, NoteSearchScreen)
        await type_text(pilot, "window functions")
        await pilot.pause(0.3)
        hits = widget_text(app, "#note-hits")
        assert "Tomás Herrera · debrief · 2026-11-18 · line 5" in hits
        assert "- Learn SQL window functions before any new tool." in hits
        assert "Tomás Herrera · notes · line 3" in hits
        assert widget_text(app, "#note-count") == "2 hits in 2 notes"
        await pilot.press("enter")  # the first hit: the debrief
        await pilot.pause(0.3)
        assert isinstance(app.screen, DebriefScreen)
        editor = app.focused
        assert isinstance(editor, TextArea)
        row, column = editor.cursor_location
        assert (row, column) == (4, len("- Learn SQL "))
        assert editor.document.get_line(row) == "- Learn SQL window functions before any new tool."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteSearchScreen)  # back to the hits
        assert "2 hits in 2 notes" in screen_text(app)


async def test_a_contact_notes_hit_opens_the_notes_at_that_line(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("F")
        await type_text(pilot, "sql")
        await pilot.pause(0.3)
        await pilot.press("down", "down", "enter")  # into the hits, the second one: his notes
        await pilot.pause(0.3)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#contacts").current.name == "Tomás Herrera"  # type: ignore[attr-defined]
        assert app.focused in app.screen.query("#notes TextArea")
        assert app.focused.cursor_location[0] == 2  # type: ignore[attr-defined]
        await pilot.press("home")
        await type_text(pilot, "NB ")
        await pilot.pause(0.8)  # the save debounce
    notes = contacts_on_disk(sample_db)["Tomás Herrera"]["notes"]
    assert (
        notes.split("\n")[2]
        == "NB Suggested I learn **SQL window functions** before anything else."
    )


async def test_an_interview_notes_hit_opens_the_call_notes(
    sample_db: Path, clock: FrozenClock
) -> None:
    interview_id = with_interview_notes(
        sample_db, "Maya Okafor", "- She started in psychology\n- Loves affinity mapping\n"
    )
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("F")
        await type_text(pilot, "affinity")
        await pilot.pause(0.3)
        assert "Maya Okafor · interview notes" in widget_text(app, "#note-hits")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, InterviewNotesScreen)
        assert app.screen.interview_id == interview_id
        assert app.focused.cursor_location == (1, len("- Loves "))  # type: ignore[union-attr]
        await type_text(pilot, "really ")
        await pilot.pause(0.8)
    saved = on_disk(sample_db)["interviews"][str(interview_id)]["notes"]
    assert saved == "- She started in psychology\n- Loves really affinity mapping\n"


async def test_a_research_notes_hit_opens_the_contact_form_there(
    sample_db: Path, clock: FrozenClock
) -> None:
    notebook = Notebook.open(sample_db, clock)
    aiko = notebook.find_contact_by_name("Aiko Tanaka")
    assert aiko is not None
    notebook.update_contact(aiko.id, research_notes="Hospital site\nRuns the oncology pharmacy")
    notebook.close()
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("F")
        await type_text(pilot, "oncology")
        await pilot.pause(0.3)
        assert "Aiko Tanaka · research notes · line 2" in widget_text(app, "#note-hits")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ContactForm)
        assert app.focused in app.screen.query("#f-research_notes, #f-research_notes TextArea")
        assert app.focused.cursor_location == (1, len("Runs the "))  # type: ignore[union-attr]


async def test_no_hits_says_so_and_escape_closes(sample_db: Path, clock: FrozenClock) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("F")
        assert "Type to search every note" in widget_text(app, "#note-count")
        await type_text(pilot, "zeppelin")
        await pilot.pause(0.3)
        assert widget_text(app, "#note-count") == "No note contains zeppelin."
        assert app.screen.query_one("#note-hits", OptionList).option_count == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteSearchScreen)
        assert "No hit to open" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_command_palette_offers_search_all_notes(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("ctrl+p")
        await type_text(pilot, "search all notes")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, NoteSearchScreen)


def test_snapshot_note_search(snap_compare, tmp_path: Path) -> None:
    async def search_sql(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("F", *"learn")
        await pilot.pause(0.3)

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=search_sql)
