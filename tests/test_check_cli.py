"""``infoview check`` run as a user would: a subprocess, exit codes, messages, files untouched."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from infoview_tui import __version__
from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.notebook import Notebook

from .helpers import folder_state, run_cli

OLD_MTIME_NS = 1_600_000_000_000_000_000


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "notebook.json"
    write_sample(path, sample_clock())
    (folder / "notebook.json.lock").unlink(missing_ok=True)
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def test_check_sound_sample(tmp_path: Path, sample: Path) -> None:
    before = folder_state(sample.parent)
    result = run_cli(tmp_path, "check", "--db", str(sample))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith(f"{sample}: OK")
    assert "12 contacts" in line and "5 interviews" in line and "0 questions" in line
    assert f"{sample.stat().st_size:,} bytes" in line
    assert "upgraded" not in line
    assert folder_state(sample.parent) == before  # not even a lock file


def test_check_accepts_db_before_the_command(tmp_path: Path, sample: Path) -> None:
    result = run_cli(tmp_path, "--db", str(sample), "check")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout and "12 contacts" in result.stdout


def test_check_works_while_the_notebook_is_open(tmp_path: Path, sample: Path) -> None:
    notebook = Notebook.open(sample, sample_clock())
    try:
        result = run_cli(tmp_path, "check", "--db", str(sample))
    finally:
        notebook.close()
    assert result.returncode == 0, result.stderr
    assert "12 contacts" in result.stdout


def test_check_reports_an_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_bytes(b'{"contacts": {"1": {"name": "Ada", "email": "ada@example.org"}}}')
    before = path.read_bytes()
    result = run_cli(tmp_path, "check", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "1 contacts" in result.stdout
    assert "schema 0, upgraded when infoview next saves it" in result.stdout
    assert path.read_bytes() == before


def _sound() -> bytes:
    path_bytes = json.dumps(
        {
            "contacts": {"1": {"name": "Ada", "notes": "Met at the meetup in Leeds."}},
            "meta": {"1": {"schema": 1, "settings": {}}},
        }
    )
    return path_bytes.encode()


def _replace_inside(raw: bytes, new: bytes) -> bytes:
    at = raw.index(b"Met at")
    return raw[:at] + new + raw[at + len(new) :]


BAD_FILES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "empty": (lambda raw: b"", "empty (0 bytes)"),
    "null": (lambda raw: b"null", "holds null"),
    "truncated": (lambda raw: raw[: len(raw) // 2], "truncated"),
    "trailing-garbage": (lambda raw: raw + b"}}garbage", "after the end"),
    "bom": (lambda raw: b"\xef\xbb\xbf" + raw, "byte-order mark"),
    "list": (lambda raw: b"[]", "a list"),
    "invalid-utf8": (lambda raw: _replace_inside(raw, b"\xc3\x28\xff"), "not UTF-8"),
    "nul-bytes": (lambda raw: _replace_inside(raw, b"\x00"), "NUL bytes"),
    "newer-schema": (lambda raw: raw.replace(b'"schema": 1', b'"schema": 99'), "newer"),
    "invalid-record": (lambda raw: raw.replace(b'"Ada"', b'""'), "contacts#1 is invalid"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_check_bad_file(tmp_path: Path, kind: str) -> None:
    make, words = BAD_FILES[kind]
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "notebook.json"
    path.write_bytes(make(_sound()))
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    before = folder_state(folder)
    result = run_cli(tmp_path, "check", "--db", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"infoview check: {path}: ")
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert folder_state(folder) == before


def test_sound_control_for_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "notebook.json"
    path.write_bytes(_sound())
    result = run_cli(tmp_path, "check", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "1 contacts" in result.stdout


def test_check_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "notebook.json"
    result = run_cli(tmp_path, "check", "--db", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert str(path) in result.stderr and "no notebook file here" in result.stderr
    assert not path.parent.exists()  # check creates nothing


def test_check_default_path_honours_xdg_data_home(tmp_path: Path) -> None:
    expected = tmp_path / "xdg-data" / "infoview" / "notebook.json"
    result = run_cli(tmp_path, "check")
    assert result.returncode == 1
    assert str(expected) in result.stderr
    expected.parent.mkdir(parents=True)
    write_sample(expected, sample_clock())
    result = run_cli(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{expected}: OK")


def test_version(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"infoview {__version__}"
    assert __version__ == "0.1.0"
