"""Where ``infoview export -o PATH`` writes (issue 17, items 8 and 9): through a symbolic link to
its file, into a FIFO or a device without replacing it, never over anything else; the Markdown
export never follows a link inside its folder; every exported file is 0600."""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoview_tui.__main__ import main
from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.formats.output import write_path

FILE_FORMATS = ("json", "csv", "vcard", "ics")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "notebook.json"
    path.parent.mkdir()
    write_sample(path, sample_clock())
    return path


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """The umask most users have (022): a file made by a plain open() would be 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def export(db: Path, fmt: str, out: Path | str) -> int:
    return main(["export", "--format", fmt, "--db", str(db), "-o", str(out)])


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# ----- -o PATH ------------------------------------------------------------------------------


def test_a_symlink_is_kept_and_its_target_updated(db: Path, tmp_path: Path) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "infoview.json"
    target.write_text("old backup\n")
    link = tmp_path / "backup.json"
    link.symlink_to(Path("Sync") / "infoview.json")  # relative, as ln -s makes them
    assert export(db, "json", link) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("Sync") / "infoview.json")
    assert target.read_text().startswith('{\n  "format": "infoview-backup"')
    assert mode(target) == 0o600
    assert sorted(p.name for p in synced.iterdir()) == ["infoview.json"]  # no temp left


def test_a_chain_of_links_and_a_dangling_link(db: Path, tmp_path: Path) -> None:
    final = tmp_path / "final.csv"
    (tmp_path / "middle.csv").symlink_to(final)
    first = tmp_path / "first.csv"
    first.symlink_to(tmp_path / "middle.csv")
    assert export(db, "csv", first) == 0  # nothing at the end yet: made there
    assert first.is_symlink() and (tmp_path / "middle.csv").is_symlink()
    assert final.read_text(encoding="utf-8").startswith("id,name,")
    assert mode(final) == 0o600


def test_a_fifo_is_streamed_into_and_kept(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    assert export(db, "vcard", fifo) == 0
    thread.join(10)
    assert not thread.is_alive()
    assert received[0].startswith(b"BEGIN:VCARD\r\n") and received[0].count(b"BEGIN:VCARD") == 12
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_fifo_is_streamed_into(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    received: list[bytes] = []
    thread = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    thread.start()
    write_path(link, b"x" * 200_000)  # more than a pipe holds: written in parts
    thread.join(10)
    assert received == [b"x" * 200_000]
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dev_null_stays_a_character_device(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = os.stat("/dev/null")
    assert export(db, "json", "/dev/null") == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert capsys.readouterr().out == "wrote 12 contacts, 5 interviews, 0 questions to /dev/null\n"


def test_a_full_device_is_an_error_not_a_replacement(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    assert export(db, "json", "/dev/full") == 1
    assert "cannot write /dev/full: No space left on device" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_socket_or_a_folder_is_never_replaced(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = tmp_path / "s"
    where.mkdir()
    sock_path = where / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(sock_path))
        assert export(db, "json", sock_path) == 1
        assert "is a socket; an export writes only a regular file" in capsys.readouterr().err
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
        link = where / "to-sock"
        link.symlink_to(sock_path)
        assert export(db, "ics", link) == 1
        assert link.is_symlink() and stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    finally:
        server.close()
    assert export(db, "csv", where) == 1
    assert "is a folder, not a file" in capsys.readouterr().err
    assert sorted(p.name for p in where.iterdir()) == ["sock", "to-sock"]


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_every_exported_file_is_0600(db: Path, tmp_path: Path, fmt: str) -> None:
    new = tmp_path / f"new.{fmt}"
    assert export(db, fmt, new) == 0
    assert mode(new) == 0o600
    old = tmp_path / f"old.{fmt}"
    old.write_text("from before")
    old.chmod(0o644)
    assert export(db, fmt, old) == 0
    assert mode(old) == 0o600 and old.read_bytes() != b"from before"


# ----- the Markdown folder ------------------------------------------------------------------


def test_markdown_files_are_0600_and_its_folders_0700(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "vault" / "infoview"
    assert export(db, "md", out) == 0
    files = sorted(out.rglob("*.md"))
    assert len(files) == 17
    assert {mode(f) for f in files} == {0o600}
    assert {mode(out / sub) for sub in ("interviews", "contacts")} == {0o700}
    again = out / "contacts" / "Maya Okafor.md"
    again.chmod(0o644)  # an old export, made when files were 0644
    assert export(db, "md", out) == 0
    assert mode(again) == 0o600
    assert not [p for p in out.rglob(".*")]  # no temp file left behind


def test_markdown_replaces_a_link_at_a_file_name_and_leaves_its_target(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "vault"
    (out / "contacts").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours to write\n")
    elsewhere.chmod(0o644)
    planted = out / "contacts" / "Maya Okafor.md"
    planted.symlink_to(elsewhere)
    assert export(db, "md", out) == 0
    assert elsewhere.read_text() == "not yours to write\n" and mode(elsewhere) == 0o644
    assert not planted.is_symlink()
    assert planted.read_text(encoding="utf-8").startswith(
        '---\ngenerator: "infoview"\ntype: "contact"\nname: "Maya Okafor"'
    )
    assert mode(planted) == 0o600


def test_markdown_refuses_a_linked_subfolder_and_writes_nothing_there(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "vault"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "interviews").symlink_to(elsewhere)
    assert export(db, "md", out) == 1
    err = capsys.readouterr().err
    assert f"cannot write {out}: its 'interviews' is a symbolic link" in err
    assert list(elsewhere.iterdir()) == []
    assert (out / "interviews").is_symlink()


def test_markdown_into_a_linked_folder_the_user_named(db: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    named = tmp_path / "named"
    named.symlink_to(real)
    assert export(db, "md", named) == 0  # the folder given with -o may be a link
    assert len(list((real / "contacts").iterdir())) == 12
