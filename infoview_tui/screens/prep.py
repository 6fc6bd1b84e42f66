"""Prepare one interview: its agenda from the question bank, the fit estimate, the pitch."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from ..edits import TOO_LONG, apply_edit, edit_made
from ..model import AgendaItem, Interview
from ..model.prep import (
    agenda_fit,
    asks_about_jobs_or_pay,
    is_yes_no,
    jobs_or_pay_warning,
    pitch_verdict,
    yes_no_hint,
)
from ..model.question import user_key
from ..navigation import OpenOutreach, StartCall
from ..notebook import Notebook
from ..widgets.agenda_list import AgendaList
from ..widgets.app_header import AppHeader
from ..widgets.bank_list import BankList
from ..widgets.key_footer import KeyFooter
from .interview_form import InterviewForm
from .prompt import ChoiceScreen, PromptScreen

MODE_WORDS = {"phone": "phone", "video": "video", "in_person": "in person"}


def describe(interview: Interview, name: str) -> str:
    when = (
        datetime.fromisoformat(interview.when).strftime("%a %d %b %Y, %H:%M")
        if interview.when
        else "no date yet"
    )
    how = MODE_WORDS.get(interview.mode.value, interview.mode.value)
    return f"Call with {name} · {when} · {how} · {interview.agreed_minutes} min agreed"


class PrepScreen(Screen[None]):
    """Dismissed with escape; every change goes straight to the Notebook."""

    # The footer is compact and shows the screen's own keys, most needed first, so start,
    # pitch and outreach are there at 80 columns; the agenda's keys are on its bottom edge,
    # templates (t, T) in the help (?) and the command palette.
    BINDINGS = [
        Binding("g", "start_call", "Start call", id="prep.start_call"),
        Binding("p", "focus_pitch", "Pitch", id="prep.focus_pitch"),
        Binding("w", "outreach", "Outreach", id="prep.outreach"),
        Binding("n", "new_question", "New question", id="prep.new_question"),
        Binding("c", "edit_call", "Details", id="prep.edit_call"),
        Binding("escape", "back", "Back", id="prep.back"),
        Binding("t", "save_template", "Save as template", show=False, id="prep.save_template"),
        Binding("T", "use_template", "Use template", show=False, id="prep.use_template"),
        Binding("slash", "find_question", "Find question", show=False, id="prep.find_question"),
        # Between the panes (the find box and the pitch keep ← → for their text).
        Binding(
            "left", "focus_pane('agenda')", "To the agenda", show=False, id="prep.focus_pane_agenda"
        ),
        Binding(
            "right", "focus_pane('bank')", "To the bank", show=False, id="prep.focus_pane_bank"
        ),
    ]

    PANE_TITLES = {
        "agenda-pane": "Agenda",
        "bank-pane": "Question bank",
        "pitch-pane": "Introduction for this call (empty: your default)",
    }
    FOCUS_MARK = "▶ "
    """Before the title of the pane the keys go to: focus told without colour."""

    def __init__(self, notebook: Notebook, interview_id: int) -> None:
        super().__init__()
        self.notebook = notebook
        self.interview_id = interview_id

    @property
    def interview(self) -> Interview:
        return self.notebook.interviews[self.interview_id]

    def compose(self) -> ComposeResult:
        interview = self.interview
        contact = self.notebook.contacts[interview.contact_id]
        yield AppHeader()
        yield Static(describe(interview, contact.name), id="prep-title")
        yield Static(self.fit_text(), id="prep-fit")
        with Horizontal(id="prep-panes"):
            with Vertical(id="agenda-pane", classes="prep-pane") as agenda_pane:
                agenda_pane.border_title = self.PANE_TITLES["agenda-pane"]
                agenda_pane.border_subtitle = "m must-ask · K/J move · x remove"
                yield AgendaList(interview.agenda, id="agenda")
            with Vertical(id="bank-pane", classes="prep-pane") as bank_pane:
                bank_pane.border_title = self.PANE_TITLES["bank-pane"]
                bank_pane.border_subtitle = "enter adds · ← agenda · / find"
                yield Input(placeholder="/ find a question", id="bank-filter", compact=True)
                yield BankList(self.notebook.bank(), id="bank")
        with Vertical(id="pitch-pane", classes="prep-pane") as pitch_pane:
            pitch_pane.border_title = self.PANE_TITLES["pitch-pane"]
            yield TextArea(interview.pitch, id="pitch", soft_wrap=True)
            yield Static(self.pitch_text(), id="pitch-estimate")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(BankList if not self.interview.agenda else AgendaList).focus()

    def on_descendant_focus(self) -> None:
        """Mark the pane that has the keys: ▶ before its title (its border is drawn heavy)."""
        focused = self.focused
        for pane in self.query(".prep-pane"):
            title = self.PANE_TITLES[pane.id or ""]
            has_keys = focused is not None and pane in focused.ancestors_with_self
            pane.border_title = self.FOCUS_MARK + title if has_keys else title

    # ----- state down -----------------------------------------------------------------

    def fit_text(self) -> str:
        interview = self.interview
        fit = agenda_fit(
            len(interview.agenda), interview.agreed_minutes, self.notebook.settings.closing_minutes
        )
        return ("✓ " if fit.fits else "✗ ") + fit.summary()

    def pitch_text(self) -> str:
        text = self.interview.pitch or self.notebook.settings.pitch
        _, message = pitch_verdict(text)
        source = "this call's" if self.interview.pitch else "your default"
        return f"{source} introduction: {message}" if text else message

    def refresh_agenda(self) -> None:
        self.query_one(AgendaList).show(self.interview.agenda)
        self.query_one("#prep-fit", Static).update(self.fit_text())

    # ----- messages up ----------------------------------------------------------------

    @on(AgendaList.Changed)
    def _agenda_changed(self, event: AgendaList.Changed) -> None:
        apply_edit(self, lambda: self.notebook.set_agenda(self.interview_id, event.items))
        self.query_one("#prep-fit", Static).update(self.fit_text())

    @on(BankList.Picked)
    def _picked(self, event: BankList.Picked) -> None:
        self.add_to_agenda(event.entry.text, event.entry.key)

    @on(Input.Changed, "#bank-filter")
    def _filter(self, event: Input.Changed) -> None:
        bank = self.query_one(BankList)
        bank.show(bank.entries, event.value)

    @on(Input.Submitted, "#bank-filter")
    def _filter_done(self) -> None:
        self.query_one(BankList).focus()

    @on(TextArea.Changed, "#pitch")
    def _pitch_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text != self.interview.pitch:
            text = event.text_area.text
            apply_edit(
                self,
                lambda: self.notebook.update_interview(self.interview_id, pitch=text),
                hint=TOO_LONG,
            )
        self.query_one("#pitch-estimate", Static).update(self.pitch_text())

    def add_to_agenda(self, text: str, key: str = "") -> None:
        agenda = self.interview.agenda
        if any(item.text == text for item in agenda):
            self.notify("That question is already on the agenda", severity="warning")
            return
        new = (*agenda, AgendaItem(text=text, key=key))
        if apply_edit(self, lambda: self.notebook.set_agenda(self.interview_id, new)) is None:
            return
        self.refresh_agenda()
        if asks_about_jobs_or_pay(text):
            self.notify(
                jobs_or_pay_warning(text), title="About jobs or pay", severity="warning", timeout=8
            )
        elif is_yes_no(text):
            self.notify(yes_no_hint(text), title="A yes/no question", timeout=6)

    # ----- actions --------------------------------------------------------------------

    def action_back(self) -> None:
        if self.focused is self.query_one("#bank-filter", Input):
            self.query_one(BankList).focus()  # out of the find box first; the filter stays
            return
        self.dismiss(None)

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(AgendaList if pane == "agenda" else BankList).focus()

    def action_find_question(self) -> None:
        self.query_one("#bank-filter", Input).focus()

    def action_focus_pitch(self) -> None:
        self.query_one("#pitch", TextArea).focus()

    def action_new_question(self) -> None:
        def typed(text: str | None) -> None:
            if text:
                question = apply_edit(
                    self, lambda: self.notebook.save_question(None, text, topic="My questions")
                )
                if question is None:
                    return
                key = user_key(question.id)
                self.query_one(BankList).show(self.notebook.bank(), select=key)
                self.add_to_agenda(question.text, key)

        self.app.push_screen(
            PromptScreen(
                "A question of your own",
                placeholder="What ...? How ...? Why ...?",
                hint="It goes into your bank and onto this agenda. Enter adds it.",
            ),
            typed,
        )

    def action_save_template(self) -> None:
        agenda = self.interview.agenda
        if not agenda:
            self.notify("The agenda is empty: nothing to save", severity="warning")
            return

        def named(name: str | None) -> None:
            if name:
                must_ask = [item.text for item in agenda if item.must_ask]

                def save() -> None:
                    self.notebook.save_template(name, [item.text for item in agenda])
                    self.notebook.update_settings(
                        agenda_template_must_ask=self.notebook.settings.must_ask_with(
                            name, must_ask
                        )
                    )

                if not edit_made(self, save):
                    return
                must = sum(item.must_ask for item in agenda)
                marked = f", {must} must-ask" if must else ""
                self.notify(f"Saved the template {name!r} ({len(agenda)} questions{marked})")

        self.app.push_screen(
            PromptScreen("Save this agenda as a template", placeholder="name"), named
        )

    def action_use_template(self) -> None:
        templates = self.notebook.settings.agenda_templates
        if not templates:
            self.notify(
                "No templates yet: build an agenda and press t to save one", severity="warning"
            )
            return

        def chosen(name: str | None) -> None:
            if name is None:
                return
            existing = {item.text for item in self.interview.agenda}
            must = self.notebook.settings.template_must_ask.get(name, frozenset())
            added = [
                AgendaItem(text=t, must_ask=t in must) for t in templates[name] if t not in existing
            ]
            new = (*self.interview.agenda, *added)
            if apply_edit(self, lambda: self.notebook.set_agenda(self.interview_id, new)) is None:
                return
            self.refresh_agenda()
            self.notify(f"Added {len(added)} questions from {name!r}")

        choices = [
            (name, f"{name}  ({len(texts)} questions)") for name, texts in sorted(templates.items())
        ]
        self.app.push_screen(ChoiceScreen("Start from a template", choices), chosen)

    def action_edit_call(self) -> None:
        contact = self.notebook.contacts[self.interview.contact_id]

        def saved(interview_id: int | None) -> None:
            if interview_id is not None:
                self.query_one("#prep-title", Static).update(describe(self.interview, contact.name))
                self.query_one("#prep-fit", Static).update(self.fit_text())

        self.app.push_screen(InterviewForm(self.notebook, contact, self.interview), saved)

    def action_start_call(self) -> None:
        """This call starts, its screen in place of this one (navigation.py's StartCall, as
        from the contact list and Today)."""
        self.post_message(StartCall(self.interview.contact_id, self.interview_id, replace=True))

    def action_outreach(self) -> None:
        self.post_message(OpenOutreach(self.interview.contact_id, self.interview.agreed_minutes))
