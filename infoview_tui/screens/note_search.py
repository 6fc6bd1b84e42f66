"""Search every note: contact notes, research notes, interview notes and debriefs, with each
hit shown in context; enter opens the note at the hit's line."""

from __future__ import annotations

import weakref

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..model.note_search import NoteHit, NoteIndex, NoteResults
from ..navigation import OpenNoteHit
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.key_footer import KeyFooter

DEBOUNCE_SECONDS = 0.1
MATCH_STYLE = "bold $text-warning on $warning-muted"

_INDEXES: weakref.WeakKeyDictionary[Notebook, NoteIndex] = weakref.WeakKeyDictionary()


def index_of(notebook: Notebook) -> NoteIndex:
    """The notebook's prepared notes, kept between visits to the screen."""
    index = _INDEXES.get(notebook)
    if index is None:
        index = _INDEXES[notebook] = NoteIndex()
    return index


def search_notes(notebook: Notebook, query: str) -> NoteResults:
    return index_of(notebook).search(
        notebook.contacts, notebook.interviews, notebook.version, query
    )


def hit_title(notebook: Notebook, hit: NoteHit) -> str:
    """ "Maya Okafor · debrief · 22 Nov 2026 · line 3"."""
    contact = notebook.contacts.get(hit.contact_id)
    parts = [contact.name if contact else "?", hit.field.value]
    if hit.interview_id is not None and hit.interview_id in notebook.interviews:
        when = notebook.interviews[hit.interview_id].when
        parts.append(when[:10] if when else "no date")
    parts.append(f"line {hit.line_number}")
    return " · ".join(parts)


def hit_prompt(notebook: Notebook, hit: NoteHit) -> Content:
    """Two lines: where the hit is, then the line with the matches highlighted."""
    where = hit_title(notebook, hit)
    name_end = len(where.split(" · ", 1)[0])
    title = Content(where).stylize("$text-muted").stylize("bold $text", 0, name_end)
    text = Content(hit.snippet)
    for start, end in hit.spans:
        text = text.stylize(MATCH_STYLE, start, end)
    return Content.assemble(title, "\n  ", text)


class NoteSearchScreen(Screen[None]):
    """Enter posts OpenNoteHit (navigation.py): a contact-notes or research-notes hit closes
    this screen and shows the contact on the list; interview notes and debriefs open on top
    of this screen."""

    TITLE = "Search all notes"

    CSS_PATH = "note_search.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", id="note_search.close"),
        Binding("down", "to_hits", "Go to hits", show=False, id="note_search.to_hits"),
        Binding("ctrl+f", "to_query", "Edit search", show=False, id="note_search.to_query"),
    ]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook
        self.results = NoteResults((), 0, 0, ())
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Input(
            placeholder='Search all notes: words, or "a phrase" in quotes',
            id="note-query",
        )
        yield Static("", id="note-count")
        hits = OptionList(id="note-hits")
        hits.border_subtitle = "↓ to the hits · enter opens the note at that line"
        yield hits
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#note-query", Input).focus()
        # (The first search runs on the ScreenResume that follows the mount.)
        # Fold every note once the screen is painted, so the first letter typed is quick too.
        self.call_after_refresh(
            index_of(self.notebook).prepare,
            self.notebook.contacts,
            self.notebook.interviews,
            self.notebook.version,
        )

    def on_screen_resume(self) -> None:
        # Shown, or back from a note (it may have changed): search (again).
        self.run_search(keep=self.query_one("#note-hits", OptionList).highlighted)

    # ----- searching ----------------------------------------------------------------------

    @on(Input.Changed, "#note-query")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.run_search)

    def run_search(self, keep: int | None = None) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.query_one("#note-query", Input).value
        self.results = search_notes(self.notebook, query)
        hits = self.query_one("#note-hits", OptionList)
        hits.set_options(
            Option(hit_prompt(self.notebook, hit), id=str(i))
            for i, hit in enumerate(self.results.hits)
        )
        if self.results.hits:
            hits.highlighted = min(keep or 0, len(self.results.hits) - 1)
        self.query_one("#note-count", Static).update(self.count_text(query))

    def count_text(self, query: str) -> str:
        results = self.results
        if not results.terms:
            return (
                "Type to search every note: contact notes, research notes, interview notes "
                'and debriefs. Put a phrase in "quotes". Enter opens the note at the line.'
            )
        if not results.total:
            return f"No note contains {query.strip()}."
        text = results.summary()
        if results.more:
            text += f" · showing the first {len(results.hits)}, and {results.more:,} more"
        return text

    # ----- opening ------------------------------------------------------------------------

    @on(Input.Submitted, "#note-query")
    def _submitted(self) -> None:
        self.run_search()  # the debounce may not have run yet
        self.open_highlighted()

    @on(OptionList.OptionSelected, "#note-hits")
    def _selected(self) -> None:
        self.open_highlighted()

    def open_highlighted(self) -> None:
        index = self.query_one("#note-hits", OptionList).highlighted
        if index is None or not self.results.hits:
            self.notify("No hit to open", severity="warning")
            return
        self.open_hit(self.results.hits[index])

    def open_hit(self, hit: NoteHit) -> None:
        if hit.interview_id is not None and hit.interview_id not in self.notebook.interviews:
            self.notify("That interview is gone", severity="warning")
            return
        self.post_message(OpenNoteHit(hit))

    # ----- keys ---------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_to_hits(self) -> None:
        if self.results.hits:
            self.query_one("#note-hits", OptionList).focus()

    def action_to_query(self) -> None:
        self.query_one("#note-query", Input).focus()
