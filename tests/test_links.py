"""Links between records (issue 17, item 7): a restore refuses a backup whose links docs/schema.md
rules out, all or nothing, and ``infoview check`` reports them with exit status 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.__main__ import main
from infoview_tui.model import Contact, Interview
from infoview_tui.model.links import link_problems

from .helpers import run_cli

STAMP = "2026-11-20T09:00:00+00:00"


def person(cid: int, name: str, referred_by: int | None = None) -> dict[str, Any]:
    return {
        "id": cid,
        "created": STAMP,
        "updated": STAMP,
        "name": name,
        "referred_by": referred_by,
    }


def call_with(iid: int, contact_id: int) -> dict[str, Any]:
    return {"id": iid, "created": STAMP, "updated": STAMP, "contact_id": contact_id}


CASES: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {
    "two-loop": ([person(1, "Ann", 2), person(2, "Bob", 1)], []),
    "three-loop": ([person(1, "Ann", 2), person(2, "Bob", 3), person(3, "Cat", 1)], []),
    "unknown-referrer": ([person(1, "Ann"), person(2, "Bob", 99)], []),
    "missing-contact": ([person(1, "Ann")], [call_with(1, 1), call_with(2, 5)]),
}
RESTORE_MESSAGES = {
    "two-loop": "referral loop: Ann (contacts[0] (id 1)) -> Bob (contacts[1] (id 2)) -> "
    "Ann (contacts[0] (id 1)); referred_by must not lead back",
    "three-loop": "referral loop: Ann (contacts[0] (id 1)) -> Bob (contacts[1] (id 2)) -> "
    "Cat (contacts[2] (id 3)) -> Ann (contacts[0] (id 1))",
    "unknown-referrer": "contacts[1] (id 2) (Bob): referred_by 99: no contact has that id",
    "missing-contact": "interviews[1] (id 2): contact_id 5: no contact has that id",
}
CHECK_MESSAGES = {
    "two-loop": "1 broken link between records: referral loop: Ann (contacts#1) -> "
    "Bob (contacts#2) -> Ann (contacts#1)",
    "three-loop": "referral loop: Ann (contacts#1) -> Bob (contacts#2) -> Cat (contacts#3) -> "
    "Ann (contacts#1)",
    "unknown-referrer": "contacts#2 (Bob): referred_by 99: no contact has that id",
    "missing-contact": "interviews#2: contact_id 5: no contact has that id",
}


def backup_file(path: Path, case: str) -> Path:
    contacts, interviews = CASES[case]
    doc = {
        "format": "infoview-backup",
        "version": 1,
        "schema": 1,
        "settings": {},
        "contacts": contacts,
        "interviews": interviews,
        "questions": [],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def notebook_file(path: Path, case: str) -> Path:
    """The same records as a notebook file, written raw (past the app's own checks)."""
    contacts, interviews = CASES[case]
    doc = {
        "contacts": {str(c["id"]): c for c in contacts},
        "interviews": {str(i["id"]): i for i in interviews},
        "questions": {},
        "meta": {"1": {"schema": 1, "settings": {}}},
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_restore_refuses_broken_links_and_changes_nothing(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_file(tmp_path / "backup.json", case)
    db = tmp_path / "notebook.json"
    assert main(["import", str(backup), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert RESTORE_MESSAGES[case] in err
    assert not db.exists()  # all or nothing: no notebook was made
    assert main(["import", str(backup), "--db", str(db), "--dry-run"]) == 1
    assert RESTORE_MESSAGES[case] in capsys.readouterr().err


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_reports_broken_links(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = notebook_file(tmp_path / "notebook.json", case)
    before = db.read_bytes()
    assert main(["check", "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"infoview check: {db}: ")
    assert CHECK_MESSAGES[case] in captured.err
    assert db.read_bytes() == before


def test_a_sound_backup_with_links_restores_and_checks_ok(tmp_path: Path) -> None:
    """The control: the same shapes with sound links go through (in a subprocess, as run)."""
    contacts = [person(1, "Ann"), person(2, "Bob", 1), person(3, "Cat", 2)]
    doc = {
        "format": "infoview-backup",
        "version": 1,
        "contacts": contacts,
        "interviews": [call_with(1, 3)],
        "questions": [],
    }
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(doc), encoding="utf-8")
    db = tmp_path / "notebook.json"
    restored = run_cli(tmp_path, "import", str(backup), "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    checked = run_cli(tmp_path, "check", "--db", str(db))
    assert checked.returncode == 0, checked.stderr
    assert ": OK, 3 contacts, 1 interviews" in checked.stdout
    broken = run_cli(
        tmp_path,
        "import",
        str(backup_file(tmp_path / "b2.json", "three-loop")),
        "--db",
        str(tmp_path / "other.json"),
    )
    assert broken.returncode == 1
    assert RESTORE_MESSAGES["three-loop"] in broken.stderr
    assert "Traceback" not in broken.stderr


def test_each_loop_is_reported_once_with_the_people_on_it() -> None:
    contacts = {
        c.id: c
        for c in (
            Contact.from_stored(person(1, "Ann", 2)),
            Contact.from_stored(person(2, "Bob", 1)),
            Contact.from_stored(person(3, "Cat", 1)),  # leads into the loop: not on it
            Contact.from_stored(person(4, "Dan", 4)),  # a record can only say this raw
            Contact.from_stored(person(5, "Eve", 3)),
        )
    }
    interviews = {1: Interview.from_stored(call_with(1, 4))}
    problems = link_problems(contacts, interviews)
    assert [(p.ids, p.missing) for p in problems] == [((1, 2, 1), None), ((4, 4), None)]


def test_many_problems_are_counted_and_the_first_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contacts = [person(i, f"P{i}", 100 + i) for i in range(1, 9)]
    doc = {
        "contacts": {str(c["id"]): c for c in contacts},
        "interviews": {},
        "questions": {},
        "meta": {"1": {"schema": 1, "settings": {}}},
    }
    db = tmp_path / "notebook.json"
    db.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["check", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "8 broken links between records: contacts#1 (P1): referred_by 101" in err
    assert err.rstrip().endswith("; ...")
