"""Today: calls, thank-you notes, follow-ups, replies awaited and people losing touch, each one
key away from the screen that acts on it. The start screen when anything is due."""

from __future__ import annotations

import dataclasses

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..edits import apply_edit
from ..model import due as agenda_rules
from ..model.due import Agenda, Item, Kind, build_agenda
from ..model.followup import logged_message
from ..navigation import (
    OpenCall,
    OpenContact,
    OpenOutreach,
    OpenPrep,
    OpenStats,
    OpenThankYou,
    StartCall,
)
from ..notebook import Notebook
from ..store.merge import conflicts_line
from ..widgets.app_header import AppHeader
from ..widgets.key_footer import KeyFooter
from ..widgets.running_call import RunningCall

REFRESH_SECONDS = 60.0
"""While Today stays open, look again this often (a thank-you turns overdue, a day passes)."""

NAME_WIDTH = 22
STATUS_WIDTH = 40
WIDE = 100
"""From this terminal width on, an item is one line; below it, what to do goes on a second."""

_EMPTY = {
    Kind.CALL_TODAY: "no calls today",
    Kind.UPCOMING: "none planned",
    Kind.THANK_YOU: "all sent",
    Kind.FOLLOW_UP: "nothing due",
    Kind.AWAITING_REPLY: "nobody",
    Kind.LOSING_TOUCH: "nobody",
}

_MORE = {
    Kind.CALL_TODAY: "the contact list shows them all",
    Kind.UPCOMING: "the contact list shows them all",
    Kind.THANK_YOU: "the oldest come first",
    Kind.FOLLOW_UP: "sort the contact list by next action (o) to see them all",
    Kind.AWAITING_REPLY: "filter the contact list by stage (f) to see them all",
    Kind.LOSING_TOUCH: "sort the contact list by last contact (o) to see them all",
}

_ACTS = {
    Kind.CALL_TODAY: "enter prepares, c starts it",
    Kind.UPCOMING: "enter prepares, c starts it",
    Kind.THANK_YOU: "enter writes the note",
    Kind.FOLLOW_UP: "enter shows the contact",
    Kind.AWAITING_REPLY: "enter opens the outreach drafts",
    Kind.LOSING_TOUCH: "enter shows the contact",
}


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def item_prompt(item: Item, wide: bool = True) -> Content:
    """One agenda item: glyph, name, state in words, what to do (on a second line when not
    ``wide``). Overdue reads "! ... overdue" in the error colour; the words carry the meaning
    without the colour."""
    name = escape(_fit(item.name, NAME_WIDTH).ljust(NAME_WIDTH))
    status = _fit(item.status, STATUS_WIDTH)
    status = escape(status.ljust(STATUS_WIDTH) if wide else status)
    label = escape(item.label)
    if item.overdue:
        head = f"[bold $error]{item.glyph} {name} {status}[/]"
    elif item.running:
        head = f"[bold $warning]{item.glyph} {name} {status}[/]"
    else:
        head = f"{item.glyph} [bold]{name}[/bold] {status}"
    gap = " " if wide else "\n" + " " * 5
    return Content.from_markup(f" {head}{gap}[$text-muted]{label}[/]")


def item_key(item: Item) -> str:
    return f"{item.kind.value}:{item.contact_id}:{item.interview_id or 0}"


def summary(agenda: Agenda) -> str:
    """The line above the list: the day and what stands out."""
    parts = []
    calls = agenda.count(Kind.CALL_TODAY)
    if calls:
        parts.append(f"{calls} call{'s' if calls != 1 else ''} today")
    notes = agenda.count(Kind.THANK_YOU)
    if notes:
        parts.append(f"{notes} thank-you note{'s' if notes != 1 else ''} to send")
    due = agenda.count(Kind.FOLLOW_UP)
    if due:
        parts.append(f"{due} follow-up{'s' if due != 1 else ''} due")
    overdue = agenda.overdue_count()
    if overdue:
        parts.append(f"! {overdue} overdue")
    day = f"{agenda.today:%A} {agenda.today.day} {agenda.today:%B %Y}"
    return f"{day} · " + (" · ".join(parts) if parts else "nothing due today")


class AgendaList(OptionList):
    """The agenda: an OptionList whose enter says what it does in the footer."""

    BINDINGS = [Binding("enter", "select", "Open", id="today.select")]


class TodayScreen(Screen[None]):
    """Built afresh from the notebook whenever it is shown again (back from a call, a note)."""

    TITLE = "Today"
    CSS_PATH = "today.tcss"
    AUTO_FOCUS = "#today-list"
    BINDINGS = [  # short labels, esc first: every key fits the footer at 80 columns
        Binding("escape", "back", "Contacts", id="today.back"),
        Binding(
            "c", "back_to_call", "Back to call", id="today.back_to_call"
        ),  # while a call runs (check_action)
        Binding("c", "start_call", "Call", tooltip="Start the call", id="today.start_call"),
        Binding("m", "outcome", "Missed/moved", id="today.outcome"),
        Binding(
            "l", "log_interaction", "Log", tooltip="Log a contact today", id="today.log_interaction"
        ),
        Binding("g", "stats", "Stats", id="today.stats"),
    ]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook
        self.items: dict[str, Item] = {}
        self._wide = True
        self.agenda = self.build()
        self._shown_once = False

    def build(self) -> Agenda:
        notebook = self.notebook
        agenda = build_agenda(
            notebook.contacts, notebook.interviews, notebook.settings, notebook.clock()
        )
        if notebook.partial is not None:  # drawn from a start view: the counts of the whole
            agenda = dataclasses.replace(agenda, whole=notebook.partial.agenda)
        return agenda

    def notebook_loaded(self) -> None:
        """The whole notebook is in (the first frame came from a start view): draw it."""
        self.rebuild()

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield RunningCall(self.notebook, id="running-call")
        yield Static(summary(self.agenda), id="today-summary")
        merged = Static(conflicts_line(self.notebook.conflicts), id="today-merged")
        merged.display = bool(self.notebook.conflicts)  # records changed on two devices
        yield merged
        yield AgendaList(*self.options(self.agenda), id="today-list")
        yield Static("", id="today-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#today-list", OptionList).action_first()
        self.set_interval(REFRESH_SECONDS, self._tick)

    def _tick(self) -> None:
        if self.is_current and self.build() != self.agenda:
            self.rebuild()

    def on_resize(self) -> None:
        if self.is_mounted and (self.app.size.width >= WIDE) != self._wide:
            self.rebuild()

    def on_screen_resume(self) -> None:
        if self._shown_once:
            self.rebuild()
            self.query_one(RunningCall).show_call()  # a call started or ended meanwhile
        self._shown_once = True

    @on(RunningCall.Changed)
    def _call_changed(self) -> None:
        self.refresh_bindings()

    # ----- state down ---------------------------------------------------------------------

    def options(self, agenda: Agenda) -> list[Option | None]:
        self.items = {}
        self._wide = wide = self.app.size.width >= WIDE
        options: list[Option | None] = []
        for n, section in enumerate(agenda.sections):
            if n:
                options.append(None)
            count = agenda.count(section.kind)
            shown = agenda_rules.AGENDA_SHOWN
            options.append(
                Option(
                    Content.from_markup(
                        f" {section.kind.glyph} [bold]{section.title}[/] [$text-muted]({count})[/]"
                    ),
                    disabled=True,
                )
            )
            if not section.items:
                options.append(
                    Option(
                        Content.from_markup(f"   [italic]{_EMPTY[section.kind]}[/]"),
                        disabled=True,
                    )
                )
            for item in section.items[:shown]:
                key = item_key(item)
                self.items[key] = item
                options.append(Option(item_prompt(item, wide), id=key))
            if count > shown:
                more = f"   [italic]and {count - shown} more[/]: {_MORE[section.kind]}"
                options.append(Option(Content.from_markup(more), disabled=True))
        return options

    def rebuild(self) -> None:
        """Read the notebook again, keeping the highlight on the same item (or near it)."""
        listing = self.query_one("#today-list", OptionList)
        was = self.highlighted()
        index = listing.highlighted
        self.agenda = self.build()
        listing.set_options(self.options(self.agenda))
        self.query_one("#today-summary", Static).update(summary(self.agenda))
        merged = self.query_one("#today-merged", Static)
        merged.update(conflicts_line(self.notebook.conflicts))
        merged.display = bool(self.notebook.conflicts)
        if was is not None and item_key(was) in self.items:
            listing.highlighted = listing.get_option_index(item_key(was))
        elif index is not None and listing.option_count:
            listing.highlighted = min(index, listing.option_count - 1)
            if listing.highlighted_option is None or listing.highlighted_option.disabled:
                listing.action_cursor_down()
        else:
            listing.action_first()
        self._show_hint()

    def highlighted(self) -> Item | None:
        option = self.query_one("#today-list", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.items.get(option.id)

    @on(OptionList.OptionHighlighted)
    def _moved(self) -> None:
        self._show_hint()

    def _show_hint(self) -> None:
        item = self.highlighted()
        hint = _ACTS[item.kind] + ", l logs a contact" if item else ""
        hint += " · t on the contacts: back here"
        self.query_one("#today-hint", Static).update(hint)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_call":
            return self.notebook.active_call() is not None
        if action == "start_call":
            if self.notebook.active_call() is not None:
                return False  # c goes back to the running call instead
            item = self.highlighted() if self.is_mounted else None
            return item is not None and item.kind in (Kind.CALL_TODAY, Kind.UPCOMING)
        if action == "outcome":
            item = self.highlighted() if self.is_mounted else None
            if item is None or item.kind not in (Kind.CALL_TODAY, Kind.UPCOMING):
                return False
            from .call_outcome import can_mark

            return can_mark(self.notebook, item.interview_id)
        return True

    # ----- actions ------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        if item.kind in (Kind.CALL_TODAY, Kind.UPCOMING):
            assert item.interview_id is not None
            if item.running:
                self.post_message(OpenCall(item.interview_id))
            else:
                self.post_message(OpenPrep(item.interview_id))
        elif item.kind is Kind.THANK_YOU:
            assert item.interview_id is not None
            self.post_message(OpenThankYou(item.interview_id))
        elif item.kind is Kind.AWAITING_REPLY:
            self.post_message(OpenOutreach(item.contact_id))
        else:
            self.post_message(OpenContact(item.contact_id))  # Today closes, the list shows it

    def action_start_call(self) -> None:
        item = self.highlighted()
        if item is None or item.interview_id is None:
            return
        if item.kind not in (Kind.CALL_TODAY, Kind.UPCOMING):
            return
        self.post_message(StartCall(item.contact_id, item.interview_id))

    def action_outcome(self) -> None:
        """The highlighted call was missed, cancelled, or is to be moved to a new date."""
        from .call_outcome import ask_outcome, can_mark

        item = self.highlighted()
        if item is None or not can_mark(self.notebook, item.interview_id):
            return
        assert item.interview_id is not None
        ask_outcome(self, self.notebook, item.interview_id, self.rebuild)

    def action_back_to_call(self) -> None:
        """The call that is running (its screen was left with esc)."""
        if (running := self.notebook.active_call()) is not None:
            self.post_message(OpenCall(running.id))

    def action_log_interaction(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        contact = apply_edit(self, lambda: self.notebook.log_interaction(item.contact_id))
        if contact is not None:
            self.notify(logged_message(contact))
        self.rebuild()

    def action_stats(self) -> None:
        self.post_message(OpenStats())

    def action_back(self) -> None:
        self.dismiss(None)
