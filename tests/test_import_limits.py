"""Huge fields and huge files on import (issue 17 item 14): a clear message, never a crash,
and the rest of the file still imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_tui.formats import MAX_IMPORT_BYTES, FormatError, read_import
from infoview_tui.model.record import MAX_SHORT, MAX_TEXT


def test_a_card_with_a_20_mb_note_is_skipped_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "big.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Note\r\nNOTE:"
        + b"x" * 20_000_000
        + b"\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Small\r\nEND:VCARD\r\n"
    )
    plan = read_import(path)
    assert [i.contact.name for i in plan.contacts] == ["Small"]
    (problem,) = plan.skipped
    assert str(problem) == (
        f"card 1 (line 1) (Big Note): notes: is 20,000,000 characters long; "
        f"the limit is {MAX_TEXT:,}"
    )


def test_a_csv_cell_longer_than_a_field_may_be_is_skipped_with_its_reason(
    tmp_path: Path,
) -> None:
    path = tmp_path / "Connections.csv"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    path.write_text(f"{header}\nAda,L,,,{'A' * 5000},,\nGrace,H,,,Navy,,\n", encoding="utf-8")
    plan = read_import(path)
    assert [i.contact.name for i in plan.contacts] == ["Grace H"]
    assert str(plan.skipped[0]) == (
        f"line 2 (Ada L): organization: is 5,000 characters long; the limit is {MAX_SHORT}"
    )


def test_a_file_over_the_import_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import infoview_tui.formats as formats

    monkeypatch.setattr(formats, "MAX_IMPORT_BYTES", 1000)
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,Company\n" + "Ada,L,Acme\n" * 200, encoding="utf-8")
    with pytest.raises(FormatError, match="larger than 0 MB"):
        read_import(path)
    assert MAX_IMPORT_BYTES == 200_000_000
