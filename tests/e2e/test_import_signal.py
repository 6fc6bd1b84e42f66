"""Closing the terminal or SIGTERM while an import is half applied (issue 17 item 3): the
notebook on disk is the one from before the import, with what the person had typed, never
part of the import."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .infoview import make_notebook, notes_focused, notes_of, on_disk, to_contact_list
from .tmux import NO_TMUX, Pane, has_tmux

pytestmark = pytest.mark.skipif(not has_tmux(), reason=NO_TMUX)

NAME = "Ana Ortiz"
ROWS = 60_000
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PERCENT = re.compile(r"\b(\d{1,2})%")


def big_export(folder: Path) -> Path:
    path = folder / "Connections.csv"
    rows = (f"P{n},Q{n},,p{n}@example.com,Org {n % 97},Analyst,1 Jan 2020" for n in range(ROWS))
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("close", ["SIGTERM", "terminal closed"])
def test_closing_during_an_import_saves_the_notebook_as_before_it(
    infoview: Callable[[Path], Pane], db: Path, tmp_path: Path, close: str
) -> None:
    source = big_export(tmp_path)
    make_notebook(db, NAME)
    pane = infoview(db)
    to_contact_list(pane)
    pane.send("n")
    pane.wait_for(notes_focused)
    pane.send_text("typed before the import")
    pane.wait_for("typed before the import", timeout=10)
    pane.send("Escape")
    pane.send("C-p")
    pane.send_text("import contacts")
    pane.wait_for("Import contacts", timeout=10)
    pane.send("Enter")
    pane.wait_for("File", timeout=10)
    pane.send_text(str(source))
    pane.send("Enter")  # read: the report, nothing changed yet
    pane.wait_for("Press Import to add", timeout=60)
    assert len(on_disk(db)["contacts"]) == 1
    pane.send("Enter")  # the Import button has the focus: import
    # Part way: the progress bar shows a percentage that is neither 0 nor 100.
    screen = pane.wait_for(
        lambda s: any(0 < int(m) < 100 for m in PERCENT.findall(str(s))), timeout=60
    )
    if close == "SIGTERM":
        pane.signal(signal.SIGTERM)
    else:
        pane.kill_session()
    assert pane.wait_gone(30), f"infoview kept running; screen:\n{screen}"
    if close == "SIGTERM":  # saved and left as it should, not ended by an error
        assert pane.exit_status() == 128 + signal.SIGTERM
    time.sleep(0.2)
    contacts = on_disk(db)["contacts"]
    assert [c["name"] for c in contacts.values()] == [NAME], "part of the import was saved"
    assert notes_of(db, NAME) == "typed before the import"
