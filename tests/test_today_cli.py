"""Issue 14 item 8: ``infoview today`` prints what the Today screen shows (the same rules,
model/due.py), as text or JSON, read-only and while the app holds the notebook."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from infoview_tui.__main__ import main
from infoview_tui.model import FrozenClock, Stage
from infoview_tui.model.due import Kind
from infoview_tui.notebook import Notebook

from .helpers import folder_state, run_cli, running, screen_text


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, clock: FrozenClock) -> FrozenClock:
    """``infoview today`` run in this process reads the sample's clock (Mon 23 Nov 09:30)."""
    monkeypatch.setattr("infoview_tui.model.system_clock", clock)
    return clock


def today(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, str, str]:
    code = main(["today", *args])
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


def test_plain_text_lists_what_is_due_by_section(
    sample_db: Path, frozen: FrozenClock, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    before = folder_state(sample_db.parent)
    code, out, err = today(capsysbinary, "--db", str(sample_db))
    assert code == 0 and err == ""
    assert out == (
        "Monday 23 November 2026 · 1 call today · 1 thank-you note to send · "
        "2 follow-ups due · ! 2 overdue\n"
        "\n"
        "☎ Calls today\n"
        "  ☎ Jonas Weber: Video call, 30 min (today 15:00)\n"
        "\n"
        "☏ Calls in the next 7 days\n"
        "  ☏ Omar Haddad: Phone call, 10 min (Sun 29 Nov 15:00)\n"
        "\n"
        "✉ Thank-you notes to send\n"
        "  ✉ Priya Raman: Send a thank-you note (due by tomorrow 15:33)\n"
        "\n"
        "↻ Follow-ups due\n"
        "  ! Ravi Shah: One last polite nudge (2 days overdue)\n"
        "  ↻ Samuel Mensah: Draft outreach email (due today)\n"
        "\n"
        "↩ Awaiting a reply\n"
        "  ! Hannah Becker: Follow up (follow-up 1 day overdue, waiting 8 days)\n"
        "  ↩ Aiko Tanaka: Follow up if no reply (waiting 2 days)\n"
    )
    assert folder_state(sample_db.parent) == before  # read only: nothing written, no lock


async def test_the_json_has_what_the_today_screen_shows(
    sample_db: Path,
    clock: FrozenClock,
    frozen: FrozenClock,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """One computation: every section and every name on Today is in the output, in order."""
    code, out, _ = today(capsysbinary, "--db", str(sample_db), "--json")
    assert code == 0
    data = json.loads(out)
    async with running(sample_db, clock, start_screen="today") as (app, _pilot):
        screen = screen_text(app)
    titles = [k.title for k in Kind]
    assert [s["title"] for s in data["sections"]] == titles
    for n, section in enumerate(data["sections"]):
        part = screen.split(section["title"])[1]
        if n + 1 < len(titles):
            part = part.split(titles[n + 1])[0]
        names = [item["name"] for item in section["items"]]
        assert all(item["status"] in part for item in section["items"])
        positions = [part.index(name) for name in names]  # each one there, in order
        assert positions == sorted(positions), section["title"]
    assert sum(len(s["items"]) for s in data["sections"]) == 7


def test_json_for_scripts(
    sample_db: Path, frozen: FrozenClock, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, _ = today(capsysbinary, "--db", str(sample_db), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["today"] == "2026-11-23" and data["due"] is True and data["overdue"] == 2
    assert [s["kind"] for s in data["sections"]] == [k.value for k in Kind]  # empty ones too
    sections = {s["kind"]: s["items"] for s in data["sections"]}
    assert sections["losing_touch"] == []
    [jonas] = sections["call_today"]
    assert jonas == {
        "name": "Jonas Weber",
        "label": "Video call, 30 min",
        "status": "today 15:00",
        "overdue": False,
        "running": False,
        "when": "2026-11-23",
        "at": "2026-11-23T15:00",
        "contact_id": jonas["contact_id"],
        "interview_id": jonas["interview_id"],
    }
    [ravi, samuel] = sections["follow_up"]
    assert ravi["overdue"] is True and ravi["status"] == "2 days overdue"
    assert samuel["overdue"] is False and samuel["status"] == "due today"


def test_quiet_prints_only_when_something_is_due(
    tmp_path: Path,
    sample_db: Path,
    frozen: FrozenClock,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    empty = tmp_path / "empty.json"
    notebook = Notebook.open(empty, frozen)
    notebook.add_contact(name="Ada Lovelace")  # nothing due for her
    notebook.close()
    assert today(capsysbinary, "--db", str(empty), "--quiet") == (0, "", "")
    code, out, _ = today(capsysbinary, "--db", str(empty))
    assert (code, out) == (0, "Monday 23 November 2026 · nothing due today\n")
    code, out, _ = today(capsysbinary, "--db", str(sample_db), "-q")
    assert code == 0 and "☎ Calls today" in out


def test_control_characters_from_the_data_are_shown_not_sent(
    tmp_path: Path, frozen: FrozenClock, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = tmp_path / "notebook.json"
    notebook = Notebook.open(path, frozen)
    notebook.add_contact(
        name="A\x1b]0;pwned\x07B\x9b2J",
        stage=Stage.TO_CONTACT,
        next_action="Call",
        next_action_date="2026-11-23",
    )
    notebook.close()
    _, out, _ = today(capsysbinary, "--db", str(path))
    assert "↻ A␛]0;pwned␇B\\x9b2J: Call (due today)" in out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    _, out, _ = today(capsysbinary, "--db", str(path), "--json")
    assert "\x1b" not in out and "\x9b" not in out
    [item] = next(s for s in json.loads(out)["sections"] if s["kind"] == "follow_up")["items"]
    assert item["name"] == "A\x1b]0;pwned\x07B\x9b2J"  # the script gets the real name


def test_no_notebook_yet_is_nothing_due_and_a_bad_one_is_one_line(
    tmp_path: Path, frozen: FrozenClock, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    nowhere = tmp_path / "none" / "notebook.json"
    code, out, _ = today(capsysbinary, "--db", str(nowhere))
    assert (code, out) == (0, "Monday 23 November 2026 · nothing due today\n")
    assert not nowhere.parent.exists()  # nothing made
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = today(capsysbinary, "--db", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"infoview today: {bad}: ") and len(err.splitlines()) == 1
    code, _, err = today(capsysbinary, "--db", str(tmp_path))
    assert code == 1 and "is a folder" in err


def test_it_works_while_the_app_holds_the_notebook(tmp_path: Path) -> None:
    """A real process, on the real clock, while another holds the notebook's lock."""
    from infoview_tui.model import system_clock

    path = tmp_path / "notebook.json"
    holder = Notebook.open(path, system_clock)
    try:
        overdue = (date.today() - timedelta(days=2)).isoformat()
        holder.add_contact(
            name="Rosa Díaz", stage=Stage.TO_CONTACT, next_action="Ask for an intro",
            next_action_date=overdue,
        )  # fmt: skip
        holder.flush()
        done = run_cli(tmp_path, "today", "--db", str(path))
        assert done.returncode == 0, done.stderr
        assert "↻ Follow-ups due\n  ! Rosa Díaz: Ask for an intro (2 days overdue)\n" in (
            done.stdout
        )
        done = run_cli(tmp_path, "today", "--db", str(path), "--json")
        assert done.returncode == 0 and json.loads(done.stdout)["due"] is True
    finally:
        holder.close()


def test_the_report_imports_no_textual() -> None:
    """``infoview today`` stays quick and headless: due_report needs no Textual."""
    import subprocess
    import sys

    code = "import sys, infoview_tui.due_report; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
