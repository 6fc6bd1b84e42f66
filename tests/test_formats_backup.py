"""The JSON backup: its shape, an exact restore into an empty notebook, and its refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.formats import (
    FormatError,
    ImportRefused,
    apply_import,
    detect_format,
    export,
    preview_import,
    read_import,
)
from infoview_tui.model import FrozenClock
from infoview_tui.notebook import Notebook


def backup_of(db: Path, clock: FrozenClock, out: Path) -> dict[str, Any]:
    notebook = Notebook.open(db, clock)
    try:
        notebook.update_settings(follow_up_days={"reached_out": 5})
        notebook.add_question(text="What surprised you most?", topic="path", tags=("start",))
        notebook.update_contact(1, phones=("+44 113 496 0000", "+44 7700 900000"))
    finally:
        assert notebook.close() is None
    notebook = Notebook.open(db, clock)
    try:
        export(notebook, "json", out)
    finally:
        notebook.close()
    return json.loads(out.read_text(encoding="utf-8"))


def test_backup_shape(sample_db: Path, clock: FrozenClock, tmp_path: Path) -> None:
    doc = backup_of(sample_db, clock, tmp_path / "backup.json")
    assert doc["format"] == "infoview-backup"
    assert doc["version"] == 1
    assert doc["exported_at"] == "2026-11-23T09:30:00+00:00"
    assert doc["settings"] == {"follow_up_days": {"reached_out": 5}}
    assert len(doc["contacts"]) == 12 and len(doc["interviews"]) == 5
    assert doc["questions"][0]["text"] == "What surprised you most?"
    maya = doc["contacts"][0]
    for key in (
        "name",
        "organization",
        "role",
        "email",
        "emails",
        "phone",
        "phones",
        "linkedin",
        "how_we_met",
        "referred_by",
        "stage",
        "tags",
        "id",
        "created",
        "updated",
    ):
        assert key in maya, key
    assert maya["email"] == "maya.okafor@example.org" == maya["emails"][0]
    assert maya["phone"] == "+44 113 496 0000"
    aiko = next(c for c in doc["contacts"] if c["name"] == "Aiko Tanaka")
    assert aiko["email"] == "" and aiko["emails"] == []
    priya = next(c for c in doc["contacts"] if c["name"] == "Priya Raman")
    assert priya["referred_by"] == maya["id"]


def test_restore_gives_an_equal_notebook(
    sample_db: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    backup_of(sample_db, clock, backup)
    assert detect_format(backup) == "json"
    restored = tmp_path / "restored" / "notebook.json"
    notebook = Notebook.open(restored, clock)
    summary = apply_import(notebook, read_import(backup))
    assert notebook.close() is None
    assert summary.describe() == "12 contacts, 5 interviews, 1 questions restored"
    original = json.loads(sample_db.read_text(encoding="utf-8"))
    copy = json.loads(restored.read_text(encoding="utf-8"))
    assert copy == original  # every table, every id and timestamp, the settings
    notebook = Notebook.open(restored, clock)  # ids continue after the restored ones
    try:
        assert notebook.add_contact(name="Someone New").id == 13
    finally:
        notebook.close()


def test_restore_into_a_notebook_that_is_not_empty_is_refused(
    sample_db: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    backup_of(sample_db, clock, backup)
    before = sample_db.read_bytes()
    plan = read_import(backup)
    notebook = Notebook.open(sample_db, clock)
    try:
        with pytest.raises(ImportRefused, match="only be restored into an empty notebook"):
            preview_import(notebook, plan)
        with pytest.raises(ImportRefused, match="12 contacts, 5 interviews, 1 questions"):
            apply_import(notebook, plan)
        assert not notebook.dirty
    finally:
        notebook.close()
    assert sample_db.read_bytes() == before


def _write(tmp_path: Path, doc: Any) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


BASE = {"format": "infoview-backup", "version": 1, "settings": {}}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([1, 2], "not an infoview backup"),
        ({"contacts": []}, "not an infoview backup"),
        ({**BASE, "version": 2}, "newer infoview (backup version 2)"),
        ({**BASE, "version": "1"}, '"version" must be a whole number'),
        ({**BASE, "contacts": {}}, '"contacts" must be a list'),
        ({**BASE, "contacts": [{"id": 1, "name": ""}]}, "contacts[0] (id 1): name: cannot be"),
        ({**BASE, "contacts": [{"name": "Ada"}]}, "contacts[0]: id must be a whole number"),
        (
            {**BASE, "contacts": [{"id": 1, "name": "A"}, {"id": 1, "name": "B"}]},
            "contacts[1]: id 1 appears twice",
        ),
        (
            {**BASE, "interviews": [{"id": 1, "contact_id": 1, "agreed_minutes": 500}]},
            "interviews[0] (id 1): agreed_minutes",
        ),
        ({**BASE, "questions": [{"id": 3}]}, "questions[0] (id 3): "),
        ({**BASE, "settings": []}, '"settings" must be an object'),
    ],
)
def test_bad_backups(tmp_path: Path, doc: Any, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_import(_write(tmp_path, doc), "json")
    assert message in str(caught.value)


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text('{\n  "format": "infoview-backup",\n  "version": 1,,\n}', encoding="utf-8")
    with pytest.raises(FormatError, match="line 3, column 16: not valid JSON"):
        read_import(path)


def test_a_single_email_string_is_accepted(tmp_path: Path, clock: FrozenClock) -> None:
    doc = {**BASE, "contacts": [{"id": 4, "name": "Ada", "email": "ada@example.org"}]}
    notebook = Notebook(None, clock)
    apply_import(notebook, read_import(_write(tmp_path, doc)))
    assert notebook.contacts[4].emails == ("ada@example.org",)
