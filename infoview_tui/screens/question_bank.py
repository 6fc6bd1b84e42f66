"""The question bank: the built-in questions and the user's own; add, edit, retire, tag."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Select, Static

from ..content.questions import TOPICS
from ..edits import apply_edit, edit_made
from ..model import split_list
from ..model.prep import jobs_or_pay_warning, yes_no_hint
from ..model.question import BankEntry, user_key
from ..notebook import Notebook
from ..widgets.app_header import AppHeader
from ..widgets.bank_list import BankList
from ..widgets.key_footer import KeyFooter
from .confirm import ConfirmScreen

MINE = "My questions"


class QuestionForm(ModalScreen[tuple[str, str, tuple[str, ...]] | None]):
    """Text, topic and tags of a question; dismisses with them, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="question_bank.save"),
        Binding("escape", "cancel", "Cancel", id="question_bank.cancel"),
    ]

    def __init__(self, entry: BankEntry | None = None) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        topics = [*TOPICS, MINE]
        with Vertical(classes="dialog", id="question-form"):
            yield Static("Change a question" if entry else "A new question", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Question", classes="form-label")
                yield Input(
                    entry.text if entry else "",
                    id="q-text",
                    compact=True,
                    placeholder="What ...? How ...? Why ...?",
                )
            yield Static("", id="q-hint", classes="hint")
            with Horizontal(classes="form-row"):
                yield Label("Topic", classes="form-label")
                yield Select(
                    [(t, t) for t in topics],
                    value=entry.topic if entry else MINE,
                    allow_blank=False,
                    compact=True,
                    id="q-topic",
                )
            with Horizontal(classes="form-row"):
                yield Label("Tags", classes="form-label")
                yield Input(
                    ", ".join(entry.tags) if entry else "",
                    id="q-tags",
                    compact=True,
                    placeholder="comma-separated",
                )
            yield Static("ctrl+s saves · esc cancels", classes="muted")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#q-text", Input).focus()
        self._hint(self.query_one("#q-text", Input).value)

    @on(Input.Changed, "#q-text")
    def _typed(self, event: Input.Changed) -> None:
        self._hint(event.value)

    def _hint(self, text: str) -> None:
        hint = jobs_or_pay_warning(text) or yes_no_hint(text)
        widget = self.query_one("#q-hint", Static)
        widget.update(hint)
        widget.display = bool(hint)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#q-text", Input).value.strip()
        if not text:
            self.notify("Write the question first", severity="error")
            return
        topic = self.query_one("#q-topic", Select).value
        tags = split_list(self.query_one("#q-tags", Input).value)
        self.dismiss((text, topic if isinstance(topic, str) else MINE, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuestionBankScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="question_bank.back"),
        Binding("a", "add", "Add", id="question_bank.add"),
        Binding("e,enter", "edit", "Edit", id="question_bank.edit"),
        Binding("x", "retire", "Retire", id="question_bank.retire"),
        Binding("slash", "find", "Find", id="question_bank.find"),
    ]

    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="bank-screen") as pane:
            pane.border_title = "Question bank"
            pane.border_subtitle = "a add · e edit · x retire · / find"
            yield Input(placeholder="/ find a question", id="bank-filter", compact=True)
            yield BankList(self.notebook.bank(), id="bank")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(BankList).focus()

    def refresh_bank(self) -> None:
        self.query_one(BankList).show(self.notebook.bank())

    @on(Input.Changed, "#bank-filter")
    def _filter(self, event: Input.Changed) -> None:
        bank = self.query_one(BankList)
        bank.show(bank.entries, event.value)

    @on(Input.Submitted, "#bank-filter")
    def _filtered(self) -> None:
        self.query_one(BankList).focus()

    @on(BankList.Picked)
    def _picked(self) -> None:
        self.action_edit()

    def action_find(self) -> None:
        self.query_one("#bank-filter", Input).focus()

    def action_add(self) -> None:
        self.app.push_screen(QuestionForm(), self._save(None))

    def action_edit(self) -> None:
        entry = self.query_one(BankList).current()
        if entry is not None:
            self.app.push_screen(QuestionForm(entry), self._save(entry))

    def _save(self, entry: BankEntry | None):  # type: ignore[no-untyped-def]
        def saved(result: tuple[str, str, tuple[str, ...]] | None) -> None:
            if result is None:
                return
            text, topic, tags = result
            question = apply_edit(
                self,
                lambda: self.notebook.save_question(
                    entry.key if entry else None, text, topic, tags
                ),
            )
            if question is None:
                return
            self.query_one(BankList).show(self.notebook.bank(), select=user_key(question.id))
            self.notify(
                "Saved the question"
                + (
                    " (your version; the built-in one is retired)"
                    if entry and entry.builtin
                    else ""
                )
            )

        return saved

    def action_retire(self) -> None:
        entry = self.query_one(BankList).current()
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and edit_made(self, lambda: self.notebook.retire_question(entry.key)):
                self.refresh_bank()
                self.notify("Retired. Agendas that have it keep their copy.")

        self.app.push_screen(
            ConfirmScreen(f"Retire this question?\n\n{entry.text}", yes="Retire", no="Keep"),
            answered,
        )

    def action_back(self) -> None:
        self.dismiss(None)
