"""Screens do not call each other (issue 16 item 3): they post navigation messages that the App
hands to navigation.py, and they make notebook edits through edits.apply_edit."""

from __future__ import annotations

import ast
from pathlib import Path

from infoview_tui.model import FrozenClock
from infoview_tui.notebook import Notebook

from .helpers import running, screen_text

SCREENS = Path(__file__).parent.parent / "infoview_tui" / "screens"

DIALOGS = {
    "confirm",  # yes / no
    "prompt",  # one line, or a choice
    "stage_picker",
    "names_picker",
    "contact_form",
    "interview_form",
    "referrals",  # answers with the contact to jump to
    "call_outcome",  # not a screen: the missed / moved questions, asked from Today and history
}
"""Screen modules a screen may import: questions that answer the screen that asks."""

HELPERS = {
    ("debrief", "interview_notes"): {"call_summary"},
    ("thank_you", "outreach"): {"copy_draft", "profile_of"},
}
"""Functions (not screens) a screen may import from another screen's module."""


def screen_imports(path: Path) -> list[tuple[str, set[str]]]:
    """(module in screens/, names imported) for every import of a sibling screen module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            if node.level == 1 and node.module:  # from .today import ...
                found.append((node.module.split(".")[0], names))
            elif node.level == 1:  # from . import today
                found += [(name, {"*"}) for name in names]
            elif node.level == 2 and node.module and node.module.startswith("screens"):
                found.append((node.module.removeprefix("screens.").split(".")[0], names))
            elif (node.module or "").startswith("infoview_tui.screens"):
                found.append((node.module.split(".")[2], names))  # type: ignore[union-attr]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("infoview_tui.screens."):
                    found.append((alias.name.split(".")[2], {"*"}))
    return found


def test_no_screen_imports_another_screen_to_open_it() -> None:
    wrong = []
    for path in sorted(SCREENS.glob("*.py")):
        for module, names in screen_imports(path):
            if module in DIALOGS or names <= HELPERS.get((path.stem, module), set()):
                continue
            wrong.append(f"screens/{path.name} imports {sorted(names)} from screens/{module}.py")
    assert wrong == [], "post a navigation message (navigation.py) instead:\n" + "\n".join(wrong)


def test_the_check_sees_an_import(tmp_path: Path) -> None:
    """The check above can fail: each way of writing the import is seen."""
    source = tmp_path / "today.py"
    source.write_text(
        "from .main import MainScreen\nfrom . import history\n"
        "from ..screens.call import CallScreen\nimport infoview_tui.screens.prep\n"
        "from infoview_tui.screens.note_search import NoteSearchScreen\n"
    )
    assert [module for module, _ in screen_imports(source)] == [
        "main",
        "history",
        "call",
        "prep",
        "note_search",
    ]


def test_no_screen_calls_the_app_or_searches_the_stack() -> None:
    for path in SCREENS.glob("*.py"):
        text = path.read_text()
        assert "guarded(" not in text, path.name
        assert "screen_stack" not in text, path.name
        assert "except ValidationError" not in text or path.stem in {
            "contact_form",
            "interview_form",
            "settings",
        }, f"{path.name}: use edits.apply_edit"


# ----- Pilot: the one way to start a call, and a refusal as a toast -----------------------------


def two_planned_calls(path: Path, clock: FrozenClock) -> tuple[int, int]:
    notebook = Notebook.open(path, clock)
    ana = notebook.add_contact(name="Ana Lima")
    ben = notebook.add_contact(name="Ben Okafor")
    when = clock().replace(hour=15, minute=0, second=0, microsecond=0).isoformat("T", "minutes")
    first = notebook.add_interview(contact_id=ana.id, when=when, agreed_minutes=30)
    second = notebook.add_interview(contact_id=ben.id, when=when, agreed_minutes=30)
    assert notebook.close() is None
    return first.id, second.id


async def test_starting_a_call_from_prep_while_another_runs_goes_back_to_it(
    tmp_path: Path, clock: FrozenClock
) -> None:
    """Prep's start goes the way the contact list's and Today's do (navigation.StartCall)."""
    from infoview_tui.navigation import OpenPrep
    from infoview_tui.screens.call import CallScreen
    from infoview_tui.screens.main import MainScreen
    from infoview_tui.screens.prep import PrepScreen

    db = tmp_path / "notebook.json"
    ana_call, ben_call = two_planned_calls(db, clock)
    async with running(db, clock) as (app, pilot):
        assert app.notebook is not None
        app.notebook.start_call(ben_call)
        app.screen.post_message(OpenPrep(ana_call))
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("g")  # start this call
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert app.screen.interview_id == ben_call  # the running one, in place of prep
        assert app.notebook.interviews[ana_call].call is None  # not a second call
        assert any("Another call is running" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_c_on_a_contact_with_no_planned_call_asks_first(
    tmp_path: Path, clock: FrozenClock
) -> None:
    from infoview_tui.screens.call import CallScreen
    from infoview_tui.screens.prompt import PromptScreen

    db = tmp_path / "notebook.json"
    notebook = Notebook.open(db, clock)
    notebook.add_contact(name="Ana Lima")
    assert notebook.close() is None
    async with running(db, clock) as (app, pilot):
        assert app.notebook is not None
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert "No call is planned with Ana Lima" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.notebook.interviews == {}  # esc starts nothing
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        running_call = app.notebook.active_call()
        assert running_call is not None and running_call.id == app.screen.interview_id


async def test_a_refused_edit_is_a_toast_and_nothing_changes(
    tmp_path: Path, clock: FrozenClock
) -> None:
    from infoview_tui.edits import apply_edit

    db = tmp_path / "notebook.json"
    ana_call, _ = two_planned_calls(db, clock)
    async with running(db, clock) as (app, pilot):
        notebook = app.notebook
        assert notebook is not None
        notebook.start_call(ana_call)
        before = notebook.interviews[ana_call]
        moved = apply_edit(
            app.screen, lambda: notebook.reschedule(ana_call, "2030-01-01T10:00"), title="Not moved"
        )
        await pilot.pause()
        assert moved is None
        assert notebook.interviews[ana_call] == before
        toast = [n for n in app._notifications if n.title == "Not moved (when)"]
        assert len(toast) == 1 and toast[0].severity == "error"
        assert "a call that has started cannot be moved" in toast[0].message
