"""Issue 15 with a real sync engine: two Syncthing instances on loopback keep two folders the
same, an infoview runs on each folder's notebook, and notes typed on both end up in both
files. Skipped where syncthing is not installed (Debian: ``apt-get install syncthing``).

Only loopback is used: each instance listens on 127.0.0.1 and knows the other by its
127.0.0.1 address; global and local discovery, relays, NAT traversal, usage and crash
reports and upgrades are all off."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from infoview_tui.store.conflicts import is_conflict_copy

from .infoview import make_notebook, notes_of, quit_app
from .test_two_devices import ANA, BEN, DESKTOP_WORDS, LAPTOP_WORDS, both_sides, type_notes
from .tmux import NO_TMUX, Pane, has_tmux

SYNCTHING = shutil.which("syncthing")
pytestmark = [
    pytest.mark.skipif(not has_tmux(), reason=NO_TMUX),
    pytest.mark.skipif(
        SYNCTHING is None,
        reason="syncthing is not installed (apt-get install syncthing): the test with two "
        "real Syncthing instances on loopback is skipped",
    ),
]
FOLDER_ID = "infoview-notebook"
SYNC_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def generate(home: Path) -> str:
    """A new Syncthing identity in ``home``; returns its device id."""
    result = subprocess.run(
        [str(SYNCTHING), "generate", f"--home={home}", "--no-default-folder"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found = re.search(r"Device ID: ([A-Z0-9-]+)", result.stdout + result.stderr)
    assert found, result.stdout + result.stderr
    return found.group(1)


def configure(
    home: Path, me: str, other: str, other_port: int, folder: Path, listen: int, gui: int
) -> None:
    """Loopback only, no discovery or relays; the other device at 127.0.0.1; one folder."""
    path = home / "config.xml"
    root = ET.parse(path).getroot()
    options = root.find("options")
    assert options is not None
    for old in options.findall("listenAddress"):
        options.remove(old)
    ET.SubElement(options, "listenAddress").text = f"tcp://127.0.0.1:{listen}"
    for name, value in {
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "startBrowser": "false",
        "urAccepted": "-1",
        "autoUpgradeIntervalH": "0",
        "crashReportingEnabled": "false",
    }.items():
        element = options.find(name)
        if element is None:
            element = ET.SubElement(options, name)
        element.text = value
    address = root.find("gui/address")
    assert address is not None
    address.text = f"127.0.0.1:{gui}"
    device = ET.SubElement(
        root, "device", id=other, name="other", compression="metadata", introducer="false"
    )
    ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{other_port}"
    shared = ET.SubElement(
        root,
        "folder",
        id=FOLDER_ID,
        label="notebook",
        path=str(folder),
        type="sendreceive",
        rescanIntervalS="2",
        fsWatcherEnabled="true",
        fsWatcherDelayS="1",
    )
    for device_id in (me, other):
        ET.SubElement(shared, "device", id=device_id)
    ET.ElementTree(root).write(path)
    (folder / ".stfolder").mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def two_syncthings(laptop: Path, desktop: Path, tmp_path: Path) -> Iterator[None]:
    homes = tmp_path / "st-laptop", tmp_path / "st-desktop"
    ids = [generate(home) for home in homes]
    listen = [free_port(), free_port()]
    gui = [free_port(), free_port()]
    for n, folder in enumerate((laptop, desktop)):
        configure(homes[n], ids[n], ids[1 - n], listen[1 - n], folder, listen[n], gui[n])
    env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1"}
    processes = [
        subprocess.Popen(
            [
                str(SYNCTHING),
                "serve",
                f"--home={home}",
                "--no-browser",
                "--no-restart",
                f"--logfile={home / 'log.txt'}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for home in homes
    ]
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def wait(check: Callable[[], bool], what: str, timeout: float = SYNC_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen in {timeout:.0f} s"
        time.sleep(0.2)


def same_notebook(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def test_two_real_syncthings_carry_both_sides_notes(
    infoview: Callable[[Path], Pane], tmp_path: Path
) -> None:
    laptop_db = tmp_path / "laptop" / "Sync" / "notebook.json"
    desktop_db = tmp_path / "desktop" / "Sync" / "notebook.json"
    make_notebook(laptop_db, ANA, BEN)
    desktop_db.parent.mkdir(parents=True)
    with two_syncthings(laptop_db.parent, desktop_db.parent, tmp_path):
        wait(lambda: same_notebook(laptop_db, desktop_db), "the first sync")
        laptop, desktop = infoview(laptop_db), infoview(desktop_db)
        type_notes(laptop, LAPTOP_WORDS)
        type_notes(desktop, DESKTOP_WORDS, down=1)
        wait(lambda: both_sides(laptop_db) and both_sides(desktop_db), "both sides' notes")
        assert quit_app(laptop) == 0 and quit_app(desktop) == 0
        wait(lambda: same_notebook(laptop_db, desktop_db), "the last sync")
    for db in (laptop_db, desktop_db):
        assert notes_of(db, ANA) == LAPTOP_WORDS and notes_of(db, BEN) == DESKTOP_WORDS
        # A conflict copy Syncthing made on the way was merged and moved, never left.
        assert not [p for p in db.parent.iterdir() if is_conflict_copy(db, p.name)]
