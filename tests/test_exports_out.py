"""Exports into the tools users already have (issue 14 items 3-5): infoview's CSV imports
back, --excel, vCard 3.0 next to 4.0 (both round trips), one .vcf per contact (a vdir), and
``-o -`` for standard output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vobject

from infoview_tui.content.sample import sample_clock, write_sample

from .helpers import run_cli

LINKED = ("name", "emails", "phones", "stage", "tags", "notes", "research_notes", "next_action")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "notebook.json"
    path.parent.mkdir()
    write_sample(path, sample_clock())
    return path


def people(db: Path) -> dict[str, dict[str, object]]:
    contacts = json.loads(db.read_text(encoding="utf-8"))["contacts"]
    by_id = {int(k): c["name"] for k, c in contacts.items()}
    return {
        c["name"]: {
            **{f: c[f] for f in LINKED},
            "referred_by": by_id.get(c["referred_by"]) if c["referred_by"] else None,
        }
        for c in contacts.values()
    }


def test_infoviews_csv_imports_back_as_the_same_contacts(tmp_path: Path, sample: Path) -> None:
    out = tmp_path / "contacts.csv"
    result = run_cli(tmp_path, "export", "--format", "csv", "--db", str(sample), "-o", str(out))
    assert result.returncode == 0, result.stderr
    copy = tmp_path / "copy" / "notebook.json"
    result = run_cli(tmp_path, "import", str(out), "--db", str(copy))
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout == "contacts.csv (infoview contacts CSV): 12 added, 0 merged, 0 unchanged\n"
    )
    assert people(copy) == people(sample)  # referrals too, by name


def test_excel_csv_starts_with_a_byte_order_mark_and_still_imports(
    tmp_path: Path, sample: Path
) -> None:
    out = tmp_path / "contacts.csv"
    args = ("export", "--format", "csv", "--excel", "--db", str(sample), "-o", str(out))
    assert run_cli(tmp_path, *args).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,name,")
    assert "Tomás Herrera".encode() in data
    copy = tmp_path / "copy.json"
    assert run_cli(tmp_path, "import", str(out), "--db", str(copy)).returncode == 0
    assert people(copy) == people(sample)
    wrong = run_cli(tmp_path, "export", "--format", "json", "--excel", "--db", str(sample))
    assert wrong.returncode == 1 and "--excel is for the CSV export" in wrong.stderr


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_versions_round_trip(tmp_path: Path, sample: Path, version: str) -> None:
    out = tmp_path / "contacts.vcf"
    args = ("export", "--format", "vcard", "--vcard-version", version, "-o", str(out))
    result = run_cli(tmp_path, *args, "--db", str(sample))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote 12 contacts (vCard {version}) to {out}\n"
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8"), validate=True))
    assert {c.version.value for c in cards} == {version}
    prefs = [p for c in cards for line in c.contents.get("email", []) for p in [line.params]]
    if version == "3.0":
        assert not any("PREF" in p for p in prefs)
    copy = tmp_path / "copy.json"
    result = run_cli(tmp_path, "import", str(out), "--db", str(copy))
    assert result.returncode == 0, result.stderr
    assert people(copy) == people(sample)


def test_split_writes_one_card_per_contact_named_by_its_uid(tmp_path: Path, sample: Path) -> None:
    folder = tmp_path / "vdir"
    args = ("export", "--format", "vcard", "--split", "--db", str(sample), "-o", str(folder))
    result = run_cli(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    files = sorted(folder.iterdir())
    assert len(files) == 12
    for path in files:
        (card,) = vobject.readComponents(path.read_text(encoding="utf-8"))
        assert path.name == card.uid.value.removeprefix("urn:uuid:") + ".vcf"
        assert path.stat().st_mode & 0o777 == 0o600
    again = run_cli(tmp_path, *args)  # the same names: replaced, not doubled
    assert again.returncode == 0 and sorted(folder.iterdir()) == files
    missing = run_cli(tmp_path, "export", "--format", "vcard", "--split", "--db", str(sample))
    assert missing.returncode == 1 and "--split writes a folder; name it with -o DIR" in (
        missing.stderr
    )


@pytest.mark.parametrize("fmt", ["json", "csv", "vcard", "ics"])
def test_dash_means_standard_output(tmp_path: Path, sample: Path, fmt: str) -> None:
    result = run_cli(tmp_path, "export", "--format", fmt, "--db", str(sample), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 100
    assert not (tmp_path / "-").exists()


def test_the_markdown_folder_needs_a_folder(tmp_path: Path, sample: Path) -> None:
    result = run_cli(tmp_path, "export", "--format", "md", "--db", str(sample), "-o", "-")
    assert result.returncode == 1
    assert "--format md writes a folder; name it with -o DIR" in result.stderr
    assert not (tmp_path / "-").exists()


def test_the_csv_reads_in_pandas_as_a_spreadsheet_would(tmp_path: Path, sample: Path) -> None:
    """pandas (what a data-minded user opens a CSV with) reads both the plain and the Excel
    flavour the same: every contact, accents intact, the formula guard in place."""
    pandas = pytest.importorskip("pandas")
    frames = []
    for extra in ((), ("--excel",)):
        out = tmp_path / f"contacts{len(extra)}.csv"
        args = ("export", "--format", "csv", *extra, "--db", str(sample), "-o", str(out))
        assert run_cli(tmp_path, *args).returncode == 0
        frames.append(pandas.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False))
    plain, excel = frames
    assert plain.equals(excel)
    assert len(plain) == 12 and list(plain.columns)[:3] == ["id", "name", "organization"]
    assert "Tomás Herrera" in set(plain["name"])
    assert set(people(sample)) == set(plain["name"])
