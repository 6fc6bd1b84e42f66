"""A notebook writer to be killed: ``python tests/kill_child.py DB``.

It opens the notebook at DB (continuing whatever a killed run left there) and then, as fast
as it can, makes one step of edits and saves through ``Notebook.flush()`` (the real save
path). Every saved state is self-consistent, so ``check_state`` can tell a complete state
from a torn one:

- contacts have ids 1..n; contact i is named ``Contact i`` and its notes are ``note_for(i)``;
- contact 1's research notes hold n (the number of contacts);
- there is one interview per third contact: interview k belongs to contact 3k, notes ``str(3k)``.

It prints nothing; a failed save exits with status 2 and the message on stderr.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.model import Stage, system_clock
from infoview_tui.notebook import Notebook

STAGES = list(Stage)


def note_for(i: int) -> str:
    """Notes of contact i: its number and a variable-length tail, so the file keeps changing."""
    return f"{i}|" + "ünïcödé ✓ " * (i % 13) + "x" * (i % 97)


def step(notebook: Notebook, n: int) -> None:
    """Turn the state with n-1 contacts into the state with n contacts."""
    notebook.add_contact(
        name=f"Contact {n}",
        notes=note_for(n),
        stage=STAGES[n % len(STAGES)],
        tags=(f"t{n % 7}",),
    )
    notebook.update_contact(1, research_notes=str(n))
    if n % 3 == 0:
        notebook.add_interview(contact_id=n, notes=str(n), agreed_minutes=5 + n % 86)


def check_state(notebook: Notebook) -> str | None:
    """None if the notebook holds one complete state of this script, else what is wrong."""
    contacts = notebook.contacts
    n = len(contacts)
    if n == 0:
        return None if not notebook.interviews else "interviews without contacts"
    if sorted(contacts) != list(range(1, n + 1)):
        return f"contact ids are not 1..{n}"
    for i, contact in contacts.items():
        if contact.name != f"Contact {i}" or contact.notes != note_for(i):
            return f"contact {i} is not the one step {i} wrote"
    if contacts[1].research_notes != str(n):
        return f"{n} contacts but contact 1 counts {contacts[1].research_notes!r}"
    interviews = notebook.interviews
    if sorted(interviews) != list(range(1, n // 3 + 1)):
        return f"{len(interviews)} interviews for {n} contacts"
    for k, interview in interviews.items():
        if interview.contact_id != 3 * k or interview.notes != str(3 * k):
            return f"interview {k} is not the one step {3 * k} wrote"
    return None


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def kill_once(path: Path, delay: float, env: dict[str, str] | None = None) -> None:
    """Start this script on ``path``, let it save for ``delay`` s after its first save, SIGKILL it.

    Raises RuntimeError if the child stops by itself or never saves.
    """
    before = _signature(path)
    child = subprocess.Popen(
        [sys.executable, __file__, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 20
        while _signature(path) in (before, None):
            if child.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the writer never saved: {child.stderr.read().decode()}")
            time.sleep(0.002)
        time.sleep(delay)
        if child.poll() is not None:
            raise RuntimeError(f"the writer stopped by itself: {child.stderr.read().decode()}")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stderr.close()
    if child.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the writer ended with {child.returncode}, not by SIGKILL")


def main(path: Path) -> int:
    notebook = Notebook.open(path, system_clock)
    problem = check_state(notebook)
    if problem:
        print(f"kill_child: found an inconsistent notebook: {problem}", file=sys.stderr)
        return 3
    n = len(notebook.contacts)
    while True:
        n += 1
        step(notebook, n)
        error = notebook.flush()
        if error:
            print(f"kill_child: {error}", file=sys.stderr)
            return 2


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
