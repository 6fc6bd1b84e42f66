"""A real infoview process in a pseudo-terminal: SIGTERM or a closed terminal while typing.

These tests drive the installed app exactly as a terminal would (bytes in, signal), then read
the notebook file. The typed text must be on disk even though the debounced save never ran.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from .helpers import calls_on_disk, contacts_on_disk

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


class Terminal:
    """A child process on a pty, with its output drained in the background."""

    def __init__(self, db: Path, cols: int = 100, rows: int = 30) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        pid, fd = pty.fork()
        if pid == 0:  # the child: become infoview
            command = ["-m", "infoview_tui", "--db", str(db), "--start", "contacts"]
            os.execve(sys.executable, [sys.executable, *command], env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.output = bytearray()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: bytes, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; got {bytes(self.output[-500:])!r}")
            time.sleep(0.05)

    def type(self, text: str, delay: float = 0.03) -> None:
        for ch in text:
            os.write(self.fd, ch.encode())
            time.sleep(delay)

    def exit_status(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("infoview did not exit")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def start_typing(db: Path, words: str) -> Terminal:
    term = Terminal(db)
    term.wait_for(b"Tom")  # the contact list is painted
    term.type("n")  # notes of the first contact
    time.sleep(0.2)
    term.type(words)
    return term


@pytest.mark.parametrize(
    "sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"]
)
def test_signal_while_typing_keeps_every_character(sample_db: Path, sig: int) -> None:
    words = "written right before the signal"
    term = start_typing(sample_db, words)
    try:
        os.kill(term.pid, sig)  # well inside the 0.5 s debounce after the last key
        status = term.exit_status()
    finally:
        term.close()
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + sig
    assert contacts_on_disk(sample_db)["Aiko Tanaka"]["notes"] == words
    assert not sample_db.with_name("notebook.json.lock").exists() or _lock_is_free(sample_db)


def test_closing_the_terminal_keeps_every_character(sample_db: Path) -> None:
    words = "the window was closed"
    term = start_typing(sample_db, words)
    term.close()  # the terminal goes away: the kernel sends SIGHUP
    term.exit_status()
    assert contacts_on_disk(sample_db)["Aiko Tanaka"]["notes"] == words
    assert _lock_is_free(sample_db)


def _lock_is_free(db: Path) -> bool:
    from infoview_tui.model import system_clock
    from infoview_tui.store import NotebookStore

    store = NotebookStore(db, system_clock)  # raises NotebookLockedError if still held
    store.close()
    return True


def test_kill_mid_call_and_restart_resumes_the_same_call(sample_db: Path) -> None:

    term = Terminal(sample_db)
    try:
        term.wait_for(b"Tom")
        term.type("c")  # an unplanned call with the first contact: asked first
        term.wait_for(b"Start")
        term.type("\r")  # the length offered: the call starts now
        term.wait_for(b"Call with Aiko Tanaka")
        time.sleep(1.6)  # the debounced save has written the running call
        [running_call] = [i["call"] for i in calls_on_disk(sample_db, since="")]
        assert running_call["ended"] == ""
        os.kill(term.pid, signal.SIGKILL)
        term.exit_status()
    finally:
        term.close()
    time.sleep(1.0)
    again = Terminal(sample_db)
    try:
        again.wait_for(b"Call with Aiko Tanaka")  # straight back into the call
        again.type("q")
        again.exit_status()
    finally:
        again.close()
    [resumed] = [i["call"] for i in calls_on_disk(sample_db, since="")]
    assert resumed["started"] == running_call["started"] and resumed["ended"] == ""
