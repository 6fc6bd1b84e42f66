"""What became of a planned call that was not held: missed, cancelled, or moved to a new date.

One flow for every screen that offers it (Today, the history): a choice, then for a new date a
one-line prompt. The Notebook makes the change; ``done`` runs after it so the screen redraws.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from textual.screen import Screen

from ..edits import apply_edit
from ..model import Status, ValidationError
from ..model.dates import check_datetime
from ..notebook import Notebook

CHOICES = [
    ("missed", "Missed: it did not happen (kept as missed)"),
    ("cancelled", "Cancelled: called off (kept as cancelled)"),
    ("reschedule", "Rescheduled: move it to a new date and time"),
]


def can_mark(notebook: Notebook, interview_id: int | None) -> bool:
    """A planned call that has not started (or a missed or cancelled one, to move it)."""
    interview = notebook.interviews.get(interview_id) if interview_id is not None else None
    return interview is not None and interview.call is None and interview.status is not Status.DONE


def ask_outcome(
    screen: Screen[Any], notebook: Notebook, interview_id: int, done: Callable[[], None]
) -> None:
    from .prompt import ChoiceScreen, PromptScreen

    interview = notebook.interviews[interview_id]
    name = notebook.contacts[interview.contact_id].name
    app = screen.app

    def moved(text: str | None) -> None:
        if text is None:
            return

        def move() -> object:
            when = check_datetime("when", text.replace(" ", "T", 1))
            if not when:
                raise ValidationError("when", "give a date and time")
            return notebook.reschedule(
                interview_id, datetime.fromisoformat(when).isoformat("T", "minutes")
            )

        if apply_edit(screen, move, title="Not moved") is None:
            return
        app.notify(f"The call with {name} is now planned for {text}")
        done()

    def chosen(choice: str | None) -> None:
        if choice is None:
            return
        if choice == "reschedule":
            planned = interview.planned_for
            start = planned or datetime.combine(
                notebook.today() + timedelta(days=1), datetime.min.time()
            ).replace(hour=15)
            if planned is not None and planned.date() <= notebook.today():
                start = planned + timedelta(days=7)
            app.push_screen(
                PromptScreen(
                    f"Move the call with {name} to (YYYY-MM-DD HH:MM):",
                    value=f"{start:%Y-%m-%d %H:%M}",
                    hint="Enter moves it (the old date is kept in its history); Esc leaves it.",
                ),
                moved,
            )
            return
        marked = apply_edit(
            screen, lambda: notebook.mark_not_held(interview_id, Status(choice)), title="Not marked"
        )
        if marked is None:
            return
        app.notify(f"The call with {name} is marked {choice}")
        done()

    app.push_screen(ChoiceScreen(f"The call with {name}: what happened?", CHOICES), chosen)
