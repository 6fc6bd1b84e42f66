"""infoview in a tmux pane: start it, recognise its screens, read its countdown, and the
kill -9-while-typing trial that both tests/e2e/test_kill_typing.py and
bench/e2e_kill_bench.py run. No pytest here (the benchmark imports it too).

What the helpers recognise on screen is kept in the constants below, so a change of wording
in the app is a change here only.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .tmux import Pane, Tmux

REPO = Path(__file__).resolve().parents[2]

CONTACTS_TOP = "╭─ Contacts"
"""The top border of the contact list pane (the main screen)."""
NOTES_FOCUSED = "Back to the list"
"""In the footer while the notes editor has the keys."""
CALL_TITLE = "Call with "
"""The countdown's border title on the call screen."""
CHECKLIST_FOCUSED = "End call"
"""In the call screen's footer while the checklist has the keys (typing in the line at the
bottom, the footer shows "Keep it, to the checklist" instead)."""
SAVED_STATUS = " - saved"
"""The header's status once everything is on disk."""

START_TIMEOUT = 60.0
"""A loaded machine (or CI) can take many seconds to start Python and Textual."""


def app_env(home: Path, xdg_data: Path, pycache: Path | None = None) -> dict[str, str]:
    """The app's environment: a private HOME and data folder, UTC.

    With ``pycache``, bytecode is cached there (shared by every start, so only the first
    compiles), even where PYTHONDONTWRITEBYTECODE is set; the repo is never written to.
    An empty value unsets a variable.
    """
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(xdg_data),
        # This device's state folder (a notebook's lock, start view and merge base: issue
        # 15) is the test's own, so the test finds them where the app put them.
        "XDG_STATE_HOME": os.environ.get("XDG_STATE_HOME", str(home / ".local" / "state")),
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "TEXTUAL": "",  # no devtools, whatever the developer's shell says
    }
    if pycache is not None:
        env |= {"PYTHONPYCACHEPREFIX": str(pycache), "PYTHONDONTWRITEBYTECODE": ""}
    return env


def start(tmux: Tmux, db: Path, env: dict[str, str]) -> Pane:
    """``python -m infoview_tui --db DB`` in a new pane of ``tmux``."""
    return Pane(tmux, [sys.executable, "-m", "infoview_tui", "--db", str(db)], env, REPO)


# ----- what the screen shows --------------------------------------------------------------


def footer(screen: str) -> str:
    return next((line for line in reversed(screen.splitlines()) if line.strip()), "")


def on_contact_list(screen: str) -> bool:
    """The main screen is on top with the contact list taking the keys.

    The contact list pane's frame is intact from top to bottom (a dialog or another screen
    on top would cover it) and the notes editor does not have the keys.
    """
    lines = screen.splitlines()
    top = next((i for i, line in enumerate(lines) if line.startswith(CONTACTS_TOP)), None)
    if top is None:
        return False
    right = lines[top].find("╮")
    bottom = next((i for i in range(top + 1, len(lines)) if lines[i].startswith("╰")), None)
    if right < 0 or bottom is None:
        return False
    for line in lines[top + 1 : bottom]:
        if len(line) <= right or line[0] != "│" or line[right] != "│":
            return False
    return NOTES_FOCUSED not in footer(screen)


def notes_focused(screen: str) -> bool:
    return CONTACTS_TOP in screen and NOTES_FOCUSED in footer(screen)


def on_call(screen: str) -> bool:
    return any(CALL_TITLE in line for line in screen.splitlines()[:3])


def checklist_focused(screen: str) -> bool:
    return on_call(screen) and CHECKLIST_FOCUSED in footer(screen)


def call_entry_focused(screen: str) -> bool:
    """The line at the bottom of the call screen has the keys (the footer loses "End call")."""
    return on_call(screen) and CHECKLIST_FOCUSED not in footer(screen)


def to_contact_list(pane: Pane, timeout: float = START_TIMEOUT, settle: float = 0.4) -> str:
    """Wait for the contact list, pressing escape on any other screen that stays up (the
    notes after a call, a debrief, a "Today" overview at start, ...).

    The list must stay on top for ``settle`` seconds, so a screen pushed just after the first
    frame is not missed. Returns the screen.
    """
    deadline = time.monotonic() + timeout
    shown_since: float | None = None
    other_since: float | None = None
    escapes = 0
    while True:
        screen = pane.screen()
        now = time.monotonic()
        if on_contact_list(screen):
            other_since = None
            shown_since = shown_since or now
            if now - shown_since >= settle:
                return screen
        else:
            shown_since = None
            if screen.strip():  # painted, and not the list
                other_since = other_since or now
                if now - other_since >= 1.0 and escapes < 8:
                    pane.send("Escape")
                    escapes += 1
                    other_since = now
        if pane.dead():
            raise AssertionError(f"infoview exited ({pane.exit_status()}); screen:\n{screen}")
        if now > deadline:
            raise AssertionError(f"no contact list after {escapes} escapes; screen:\n{screen}")
        time.sleep(0.03)


def quit_app(pane: Pane, timeout: float = 30.0) -> int | None:
    """From anywhere: back to the list, q, and wait for the exit. Returns the exit status."""
    to_contact_list(pane, settle=0.0)
    pane.send("q")
    deadline = time.monotonic() + timeout
    while not pane.dead():
        if time.monotonic() > deadline:
            raise AssertionError(f"infoview did not quit; screen:\n{pane.screen()}")
        time.sleep(0.02)
    pane.wait_gone()
    return pane.exit_status()


def countdown(screen: str) -> float:
    """The call screen's big clock ("29:41", "+1:05" in overtime) in seconds, read from the
    three rows of Digits glyphs under the "Call with" title (overtime is negative)."""
    from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD

    glyphs: dict[tuple[str, str, str], str] = {}
    for table in (DIGITS3X3, DIGITS3X3_BOLD):
        for n, ch in enumerate(DIGITS):
            rows = tuple(table[3 * n + k].ljust(3) for k in range(3))
            glyphs.setdefault(rows, ch)  # type: ignore[arg-type]
    lines = screen.splitlines()
    title = next(i for i, line in enumerate(lines) if CALL_TITLE in line)
    rows = [line[2:] for line in lines[title + 1 : title + 4]]  # inside "│ "
    text = ""
    for x in range(0, min(len(r) for r in rows), 3):
        cell = tuple(r[x : x + 3].ljust(3) for r in rows)
        if cell == ("   ", "   ", "   ") and text:
            break  # the gap after the clock
        ch = glyphs.get(cell)  # type: ignore[call-overload]
        if ch is None:
            if text:
                break
            raise AssertionError("no clock digits under the title; rows:\n" + "\n".join(rows))
        if ch != " ":
            text += ch
    sign = -1 if text.startswith("+") else 1
    minutes, _, secs = text.lstrip("+").partition(":")
    if not minutes.isdigit() or not secs.isdigit():
        raise AssertionError(f"the clock reads {text!r}")
    return sign * (int(minutes) * 60 + int(secs))


# ----- the notebook on disk ---------------------------------------------------------------


def on_disk(db: Path) -> dict[str, Any]:
    return json.loads(db.read_text(encoding="utf-8"))


def make_notebook(db: Path, *names: str) -> None:
    """A new notebook with these contacts and nothing else (nothing due: no Today screen)."""
    from infoview_tui.model import system_clock
    from infoview_tui.notebook import Notebook

    db.parent.mkdir(parents=True, exist_ok=True)
    notebook = Notebook.open(db, system_clock)
    for name in names:
        notebook.add_contact(name=name)
    error = notebook.close()
    assert error is None, error


def infoview_check(db: Path) -> subprocess.CompletedProcess[str]:
    """``infoview check --db DB`` (exit status 0 when the file is sound)."""
    return subprocess.run(
        [sys.executable, "-m", "infoview_tui", "check", "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )


def notes_of(db: Path, name: str) -> str:
    [notes] = [c["notes"] for c in on_disk(db)["contacts"].values() if c["name"] == name]
    return notes


# ----- kill -9 while typing ---------------------------------------------------------------

TYPED = (
    "Met Ana at the alumni evening; she moved from teaching into product design two years ago "
    "and says portfolios matter more than certificates. Ask about her first ninety days, the "
    "tools her team uses, and whether they take interns in the spring. "
)
"""What the trial types into a contact's notes (plain words: every key is a printable one)."""

HUMAN_CPS = 7.0
"""About 80 words a minute; each gap varies by JITTER of itself."""
JITTER = 0.5
ALLOWED_LOSS_S = 1.0
"""What may be lost: the last second of typing (the save runs at least every 0.75 s)..."""
DELIVERY_ALLOWANCE_S = 0.25
"""...plus this for tmux and the pty to deliver a key and the app's loop to take it."""


@dataclass
class KillTrial:
    typed: str
    """Everything tmux had written to the terminal before the kill."""
    saved: str
    """The contact's notes in the file after the kill ("" if unreadable)."""
    kill_after_s: float
    """From the first key to the kill."""
    required: int
    """Characters typed more than ALLOWED_LOSS_S + DELIVERY_ALLOWANCE_S before the kill."""
    lost_chars: int
    lost_s: float
    """From the first unsaved character to the kill (0 if nothing was lost)."""
    readable: bool
    check: str
    """What ``infoview check`` (check_file) said."""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def kill_while_typing(
    tmux: Tmux,
    folder: Path,
    env: dict[str, str],
    rng: random.Random,
    kill_window: tuple[float, float] = (0.3, 5.0),
) -> KillTrial:
    """Start infoview on a new notebook with one contact, open the notes, type at human
    speed, SIGKILL it after a random time within ``kill_window`` seconds of the first key,
    then read the file."""
    from infoview_tui.check import check_file
    from infoview_tui.store import NotebookFileError

    db = folder / "notebook.json"
    make_notebook(db, "Ana Ortiz")
    pane = start(tmux, db, env)
    try:
        to_contact_list(pane)
        pane.send("n")
        pane.wait_for(notes_focused, timeout=20)
        kill_after = rng.uniform(*kill_window)
        first = time.monotonic()
        times = pane.type_text(TYPED, HUMAN_CPS, jitter=JITTER, rng=rng, until=first + kill_after)
        killed_at = pane.signal(signal.SIGKILL)
        if not pane.wait_gone(20):
            raise AssertionError("infoview outlived SIGKILL")
    finally:
        pane.close()
    typed = TYPED[: len(times)]
    problems: list[str] = []
    try:
        check = check_file(db)
        readable = True
        saved = notes_of(db, "Ana Ortiz")
    except (NotebookFileError, ValueError, KeyError) as exc:
        check, readable, saved = f"unreadable: {exc}", False, ""
        problems.append(check)
    cutoff = killed_at - ALLOWED_LOSS_S - DELIVERY_ALLOWANCE_S
    required = sum(1 for t in times if t <= cutoff)
    if not typed.startswith(saved):
        problems.append(f"the saved notes are not what was typed: {saved[-40:]!r}")
    if len(saved) < required:
        problems.append(
            f"lost {len(typed) - len(saved)} characters: {required} were typed more than "
            f"{ALLOWED_LOSS_S + DELIVERY_ALLOWANCE_S:g} s before the kill, {len(saved)} saved"
        )
    lost = max(0, len(typed) - len(saved)) if typed.startswith(saved) else len(typed)
    lost_from = len(typed) - lost
    return KillTrial(
        typed=typed,
        saved=saved,
        kill_after_s=killed_at - first,
        required=required,
        lost_chars=lost,
        lost_s=killed_at - times[lost_from] if lost else 0.0,
        readable=readable,
        check=check,
        problems=problems,
    )
