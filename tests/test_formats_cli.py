"""``infoview import`` and ``infoview export`` run as a user would: subprocess, exit codes,
messages, and what is on disk (byte for byte when nothing may change)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook
from infoview_tui.start_view import read_view

from .helpers import folder_state, run_cli

FIXTURES = Path(__file__).parent / "fixtures"
OLD_MTIME_NS = 1_600_000_000_000_000_000


def names_on_disk(path: Path) -> list[str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return sorted(c["name"] for c in doc["contacts"].values())


EVERY_COMMAND = [
    ["check"],
    ["export", "--format", "json"],
    ["import", str(FIXTURES / "google.vcf")],
    ["import", "--dry-run", str(FIXTURES / "google.vcf")],
    ["today"],
    [],
]
"""Every command that reads the notebook (the last, none: the app)."""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "notebook.json"
    write_sample(path, sample_clock())
    (folder / "notebook.json.lock").unlink(missing_ok=True)
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def test_import_linkedin_merges_and_counts(tmp_path: Path, sample: Path) -> None:
    source = FIXTURES / "linkedin_connections.csv"
    result = run_cli(tmp_path, "import", str(source), "--db", str(sample))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "linkedin_connections.csv (LinkedIn Connections.csv): 4 added, 3 merged, 2 unchanged\n"
    )
    names = names_on_disk(sample)
    assert len(names) == 16 and len(set(names)) == 16
    assert {"Ada Lovelace", "Grace Hopper", "Zoë Ångström", "Wei Chen"} <= set(names)
    view = read_view(sample, system_clock())  # the next start paints from it, as after a quit
    assert view is not None and view.contacts == 16
    # again: everything is already there
    again = run_cli(tmp_path, "import", str(source), "--db", str(sample))
    assert again.returncode == 0, again.stderr
    assert again.stdout.endswith(": 0 added, 0 merged, 9 unchanged\n")
    assert names_on_disk(sample) == names


def test_dry_run_changes_nothing(tmp_path: Path, sample: Path) -> None:
    before = folder_state(sample.parent)
    source = FIXTURES / "google.vcf"
    result = run_cli(tmp_path, "import", str(source), "--db", str(sample), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "google.vcf (vCard): 2 added, 0 merged, 0 unchanged (dry run: nothing was changed)\n"
    )
    assert folder_state(sample.parent) == before  # not even a lock or backup file


def test_dry_run_on_a_new_notebook_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new" / "notebook.json"
    source = FIXTURES / "thunderbird.vcf"
    result = run_cli(tmp_path, "import", "--dry-run", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stdout
    assert not db.parent.exists()


@pytest.mark.parametrize("fixture", ["malformed.vcf"])
def test_strict_refuses_a_file_with_a_bad_card_and_changes_nothing(
    tmp_path: Path, sample: Path, fixture: str
) -> None:
    before = folder_state(sample.parent)
    source = FIXTURES / fixture
    result = run_cli(tmp_path, "import", "--strict", str(source), "--db", str(sample))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"infoview import: {source}: card 2 (line 6)")
    assert "Traceback" not in result.stderr
    assert folder_state(sample.parent) == before


def linkedin_with(tmp_path: Path, *rows: bytes) -> Path:
    good = (FIXTURES / "linkedin_connections.csv").read_bytes()
    source = tmp_path / "Connections.csv"
    source.write_bytes(good + b"".join(row + b"\r\n" for row in rows))
    return source


def test_bad_rows_are_skipped_and_listed_and_the_rest_imported(
    tmp_path: Path, sample: Path
) -> None:
    source = linkedin_with(
        tmp_path, b"Bad,Row,,,Acme,,1 Jan 2020,one too many", b",,,,,,05 Feb 2024"
    )
    result = run_cli(tmp_path, "import", str(source), "--db", str(sample))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Connections.csv (LinkedIn Connections.csv): 4 added, 3 merged, 2 unchanged, "
        "1 skipped, 1 left out (no name)",
        "Not imported:",
        "  line 14: 8 cells, but the header has 7 (a separator in an unquoted cell?)",
        "  line 15: no name and no email to make one from",
    ]
    assert len(names_on_disk(sample)) == 16 and "Bad Row" not in names_on_disk(sample)


def test_strict_refuses_a_bad_row_and_changes_nothing(tmp_path: Path, sample: Path) -> None:
    source = linkedin_with(tmp_path, b",,,,,,05 Feb 2024")
    before = folder_state(sample.parent)
    result = run_cli(tmp_path, "import", "--strict", str(source), "--db", str(sample))
    assert result.returncode == 1
    assert "line 14: no name and no email to make one from" in result.stderr
    assert "Traceback" not in result.stderr
    assert folder_state(sample.parent) == before


def test_more_than_twenty_reasons_go_to_a_file(tmp_path: Path, sample: Path) -> None:
    source = linkedin_with(tmp_path, *[b",,,,,,05 Feb 2024"] * 25)
    result = run_cli(tmp_path, "import", "--dry-run", str(source), "--db", str(sample))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("25 left out (no name) (dry run: nothing was changed)")
    assert lines[22] == "  ... and 5 more"
    assert lines[23].startswith("The full list (25): ")
    full = Path(lines[23].split(": ", 1)[1])
    # the state folder (this device's, shared with the test: a notebook's lock lives there
    # too, issue 15), not the notebook's
    assert full.is_relative_to(os.environ["XDG_STATE_HOME"])
    listed = full.read_text(encoding="utf-8").splitlines()
    assert len(listed) == 26 and listed[-1] == "line 38: no name and no email to make one from"


@pytest.mark.parametrize("command", EVERY_COMMAND)
def test_db_naming_a_folder_is_one_line_for_every_command(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    result = run_cli(tmp_path, "--db", str(folder), *command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(
        f"{folder} is a folder; --db names the notebook file "
        f"(for example {folder / 'notebook.json'})"
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(folder.iterdir()) == []


def test_json_backup_round_trip_and_refusal(tmp_path: Path, sample: Path) -> None:
    backup = tmp_path / "backup.json"
    result = run_cli(tmp_path, "export", "--format", "json", "--db", str(sample), "-o", str(backup))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote 12 contacts, 5 interviews, 0 questions to {backup}\n"

    before = folder_state(sample.parent)
    refused = run_cli(tmp_path, "import", str(backup), "--db", str(sample))
    assert refused.returncode == 1
    assert "can only be restored into an empty notebook" in refused.stderr
    assert folder_state(sample.parent) == before

    restored = tmp_path / "restored" / "notebook.json"
    result = run_cli(tmp_path, "import", str(backup), "--db", str(restored))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("12 contacts, 5 interviews, 0 questions restored\n")
    assert json.loads(restored.read_text("utf-8")) == json.loads(sample.read_text("utf-8"))


def test_vcard_round_trip_through_the_cli(tmp_path: Path, sample: Path) -> None:
    cards = tmp_path / "contacts.vcf"
    result = run_cli(tmp_path, "export", "--format", "vcard", "--db", str(sample), "-o", str(cards))
    assert result.returncode == 0, result.stderr
    restored = tmp_path / "restored.json"
    result = run_cli(tmp_path, "import", str(cards), "--db", str(restored))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(": 12 added, 0 merged, 0 unchanged\n")
    fields = ("name", "emails", "stage", "referred_by", "notes", "next_action_date", "tags")
    original = json.loads(sample.read_text("utf-8"))["contacts"]
    copy = json.loads(restored.read_text("utf-8"))["contacts"]
    assert {k: [v[f] for f in fields] for k, v in copy.items()} == {
        k: [v[f] for f in fields] for k, v in original.items()
    }


def test_export_to_stdout_while_the_notebook_is_open(tmp_path: Path, sample: Path) -> None:
    notebook = Notebook.open(sample, sample_clock())
    try:
        result = run_cli(tmp_path, "export", "--format", "csv", "--db", str(sample))
    finally:
        notebook.close()
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert len(rows) == 12 and rows[0]["name"] == "Maya Okafor"


def test_import_while_the_notebook_is_open_is_refused(tmp_path: Path, sample: Path) -> None:
    notebook = Notebook.open(sample, sample_clock())
    try:
        before = sample.read_bytes()
        source = FIXTURES / "google.vcf"
        result = run_cli(tmp_path, "import", str(source), "--db", str(sample))
    finally:
        notebook.close()
    assert result.returncode == 3
    assert "open in another infoview" in result.stderr
    assert sample.read_bytes() == before


def test_export_md_and_ics(tmp_path: Path, sample: Path) -> None:
    missing = run_cli(tmp_path, "export", "--format", "md", "--db", str(sample))
    assert missing.returncode == 1 and "-o DIR" in missing.stderr
    folder = tmp_path / "notes"
    result = run_cli(tmp_path, "export", "--format", "md", "--db", str(sample), "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert len(list((folder / "interviews").iterdir())) == 5
    assert len(list((folder / "contacts").iterdir())) == 12
    ics = run_cli(tmp_path, "export", "--format", "ics", "--db", str(sample))
    assert ics.returncode == 0, ics.stderr
    assert ics.stdout.startswith("BEGIN:VCALENDAR\n")  # text mode: CRLF read as \n
    assert ics.stdout.count("BEGIN:VEVENT") == 16


def test_unknown_kind_of_file_and_missing_notebook(tmp_path: Path, sample: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("just some text\n", encoding="utf-8")
    result = run_cli(tmp_path, "import", str(odd), "--db", str(sample))
    assert result.returncode == 1
    assert "cannot tell what kind of file this is" in result.stderr
    forced = run_cli(tmp_path, "import", str(odd), "--db", str(sample), "--format", "vcard")
    assert forced.returncode == 1 and "Traceback" not in forced.stderr
    nowhere = tmp_path / "nowhere.json"
    result = run_cli(tmp_path, "export", "--format", "json", "--db", str(nowhere))
    assert result.returncode == 1 and "no notebook file here" in result.stderr
    assert not nowhere.exists()


@pytest.mark.parametrize("command", EVERY_COMMAND)
def test_an_unreadable_notebook_is_one_line_for_every_command(
    sample: Path,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As root the tests cannot make a file unreadable, so reading it is made to fail."""
    from infoview_tui import __main__ as cli
    from infoview_tui.app import InfoviewApp

    real_read = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == sample.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    before = folder_state(sample.parent)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(InfoviewApp, "run_and_close", lambda self: 99)  # never a real TUI
    code = cli.main(["--db", str(sample), *command])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code in (1, 2), err
    assert "Permission denied" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    after = folder_state(sample.parent)
    after.pop("notebook.json.lock", None)  # an empty lock file may stay, as after any run
    assert after == before


@pytest.mark.parametrize("fmt", ["csv", "vcard", "ics", "json"])
def test_an_export_to_a_terminal_cannot_drive_it(tmp_path: Path, fmt: str) -> None:
    """Written to a terminal, a name's escape sequence is shown (issue 17 item 12); into a
    pipe the bytes stay as they are."""
    import pty

    db = tmp_path / "notebook.json"
    notebook = Notebook.open(db, sample_clock())
    notebook.add_contact(
        name="A\x1b]0;pwned\x07B", next_action="Ask", next_action_date="2026-12-08"
    )
    assert notebook.close() is None
    args = [sys.executable, "-m", "infoview_tui", "export", "--format", fmt, "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    master, slave = pty.openpty()
    try:
        process = subprocess.run(args, stdout=slave, stderr=subprocess.PIPE, env=env, timeout=60)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert process.returncode == 0, process.stderr
    assert b"\x1b" not in shown and b"\x07" not in shown
    if fmt != "json":  # JSON escapes it itself: \u001b (vCard and ics escape the ;)
        assert "A␛]0".encode() in shown and "pwned␇B".encode() in shown
    piped = subprocess.run(args, capture_output=True, env=env, timeout=60)
    assert piped.returncode == 0
    if fmt != "json":
        assert b"A\x1b]0" in piped.stdout and b"pwned\x07B" in piped.stdout
