"""A private tmux server driven through one control-mode client, and programs in its panes.

Shared by the end-to-end tests (tests/e2e/) and the benchmarks that need a real terminal
(bench/first_frame.py, bench/e2e_kill_bench.py). No pytest and no Textual here.

``Tmux`` starts its own server (a unique ``-L`` socket, no config file) with one idle
``control`` session and attaches a control-mode client (``tmux -C``) to it, so each command
(a key sent, a screen captured) costs a fraction of a millisecond instead of a process start.
``Pane`` is one program running in a session of that server: send keys, type text at a given
pace, read the screen, wait for something to show, signal or kill it.
"""

from __future__ import annotations

import contextlib
import os
import random
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

WIDTH, HEIGHT = 120, 40


class TmuxError(RuntimeError):
    pass


def has_tmux() -> bool:
    return shutil.which("tmux") is not None


NO_TMUX = (
    "needs tmux: install it (apt-get install tmux, dnf install tmux, brew install tmux) "
    "or run `python3 dev.py test`, which installs it where it can"
)


class Tmux:
    """A private tmux server (its own socket, no config) driven by one control-mode client."""

    def __init__(
        self, width: int = WIDTH, height: int = HEIGHT, prefix: str = "infoview-bench"
    ) -> None:
        if not has_tmux():
            raise SystemExit("tmux is not installed (apt-get install tmux)")
        self.width, self.height = width, height
        self.socket = f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        subprocess.run(
            [*base, "new-session", "-d", "-s", "control", "-x", str(width), "-y", str(height)],
            check=True,
        )
        self.proc = subprocess.Popen(
            [*base, "-C", "attach-session", "-t", "control"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        # The attach itself answers with a block; skip everything up to our own token.
        token = f"sync-{uuid.uuid4().hex}"
        self._send(f"display-message -p {token}")
        while token not in self._block()[1]:
            pass
        term = "tmux-256color" if _has_terminfo("tmux-256color") else "screen-256color"
        self.term = term
        for option in (
            "set-option -g status off",  # the pane gets all the rows
            f"set-option -g default-terminal {term}",
            f"set-option -g default-size {width}x{height}",
            "set-option -g remain-on-exit off",
            "set-option -g history-limit 0",
        ):
            self.cmd(option)
        self.server_pid = int(self.cmd("display-message -p '#{pid}'")[0])
        self.socket_path = Path(self.cmd("display-message -p '#{socket_path}'")[0])

    def _send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()

    def _block(self) -> tuple[bool, list[str]]:
        """Read up to the next %end/%error block; notifications outside blocks are skipped."""
        assert self.proc.stdout is not None
        lines: list[str] = []
        inside = False
        while True:
            raw = self.proc.stdout.readline()
            if not raw:
                raise TmuxError("tmux control client went away")
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            if not inside:
                # Only blocks answering this client's commands (flags 1); the attach's own
                # block (flags 0) may come after the first command's.
                inside = line.startswith("%begin ") and line.endswith(" 1")
                continue
            if line.startswith(("%end ", "%error ")):
                return line.startswith("%end "), lines
            lines.append(line)

    def cmd(self, command: str, *, check: bool = True) -> list[str]:
        self._send(command)
        ok, lines = self._block()
        if not ok and check:
            raise TmuxError(f"tmux {command!r}: {' '.join(lines)}")
        return lines if ok else []

    def try_cmd(self, command: str) -> bool:
        self._send(command)
        return self._block()[0]

    def close(self) -> None:
        """Kill the private server (and with it anything still running in it)."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(
                ["tmux", "-L", self.socket, "kill-server"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
                timeout=10,
            )
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        deadline = time.monotonic() + 2
        while pid_alive(self.server_pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        if not pid_alive(self.server_pid):
            self.socket_path.unlink(missing_ok=True)  # tmux 3.3a leaves it behind


def _has_terminfo(name: str) -> bool:
    if shutil.which("infocmp") is None:
        return False
    done = subprocess.run(["infocmp", name], capture_output=True, check=False)
    return done.returncode == 0


def pid_alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def quote(text: str) -> str:
    """One argument for tmux's command parser, taken literally (no ~, $, #{} or ; meaning)."""
    return "'" + text.replace("'", "'\\''") + "'"


Screen = str
Check = str | Callable[[Screen], bool]


class Pane:
    """One program in its own session of a ``Tmux`` server.

    The pane stays after the program exits (``remain-on-exit``), so its exit status can be
    read; ``kill_session`` closes it as closing a terminal window would.
    """

    def __init__(
        self,
        tmux: Tmux,
        argv: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        name: str | None = None,
    ) -> None:
        self.tmux = tmux
        self.name = name or f"app-{uuid.uuid4().hex[:8]}"
        self.target = f"={self.name}:"
        unset = [a for k, v in env.items() if not v for a in ("-u", k)]
        assigns = [f"{k}={v}" for k, v in env.items() if v]
        shell = "exec env " + shlex.join([*unset, *assigns, *argv])
        tmux.cmd(
            f"new-session -d -x {tmux.width} -y {tmux.height} -s {self.name} "
            f"-c {quote(str(cwd))} {quote(shell)}"
        )
        tmux.cmd(f"set-option -t {self.target} remain-on-exit on", check=False)
        [pid] = tmux.cmd(f"display-message -p -t {self.target} '#{{pane_pid}}'")
        self.pid = int(pid)  # `exec env` then exec the program: the same process all along
        self.started = time.monotonic()

    # ----- keys in ------------------------------------------------------------------------

    def send(self, *keys: str) -> float:
        """Send tmux key names (``Escape``, ``C-s``, ``Enter``, ``a``); returns when tmux has
        written them to the terminal (time.monotonic())."""
        self.tmux.cmd(f"send-keys -t {self.target} " + " ".join(quote(k) for k in keys))
        return time.monotonic()

    def send_text(self, text: str) -> float:
        """Paste-fast literal text (one send-keys -l)."""
        self.tmux.cmd(f"send-keys -l -t {self.target} {quote(text)}")
        return time.monotonic()

    def type_text(
        self,
        text: str,
        cps: float,
        *,
        jitter: float = 0.0,
        rng: random.Random | None = None,
        until: float | None = None,
    ) -> list[float]:
        """Type ``text`` one character at a time, ``cps`` characters a second on average
        (each gap varies by up to ``jitter`` of itself). "\\n" is the Enter key.

        Stops before a character due after ``until`` (a time.monotonic() value) and then
        sleeps until ``until``. Returns, per character sent, when tmux had written it.
        """
        rng = rng or random.Random()
        times: list[float] = []
        due = time.monotonic()
        for ch in text:
            if until is not None and due > until:
                break
            _sleep_until(due)
            if ch == "\n":
                times.append(self.send("Enter"))
            else:
                times.append(self.send_text(ch))
            gap = 1.0 / cps
            due += gap * (1 + rng.uniform(-jitter, jitter))
        if until is not None:
            _sleep_until(until)
        return times

    # ----- screen out ---------------------------------------------------------------------

    def lines(self) -> list[str]:
        return self.tmux.cmd(f"capture-pane -p -t {self.target}", check=False)

    def screen(self) -> Screen:
        return "\n".join(self.lines())

    def wait_for(self, what: Check, timeout: float = 30.0, poll: float = 0.02) -> Screen:
        """Poll the screen until it shows ``what`` (text, or a predicate on the screen).

        Raises AssertionError with the last screen if it does not show in time, or at once
        if the program has exited.
        """
        check: Callable[[Screen], bool] = (lambda s: what in s) if isinstance(what, str) else what
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if check(screen):
                return screen
            if self.dead():
                raise AssertionError(
                    f"the program exited ({self.exit_status()}) before the screen showed "
                    f"{what!r}; last screen:\n{screen}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the screen did not show {what!r} within {timeout:g} s; it shows:\n{screen}"
                )
            time.sleep(poll)

    # ----- the process --------------------------------------------------------------------

    def _pane_state(self) -> list[str] | None:
        """[dead, exit status, signal] of the pane, or None once its session is gone.

        Read with ``list-panes -a``: tmux 3.3a's ``display-message -t`` (and ``list-panes
        -t``) leave ``pane_dead_status`` empty for every dead pane but the first.
        """
        rows = self.tmux.cmd(
            "list-panes -a -F '#{session_name}|#{pane_dead}|#{pane_dead_status}|"
            "#{pane_dead_signal}'",
            check=False,
        )
        for row in rows:
            name, *state = row.split("|")
            if name == self.name:
                return state
        return None

    def dead(self) -> bool:
        """True once the program has exited (or its session is gone)."""
        state = self._pane_state()
        return state is None or state[0] == "1"

    def exit_status(self, timeout: float = 5.0) -> int | None:
        """The exit status of a program that has exited by itself, or None (still running,
        killed by a signal, or its session closed). tmux learns the status a moment after it
        marks the pane dead, so this waits up to ``timeout`` for it."""
        deadline = time.monotonic() + timeout
        while True:
            state = self._pane_state()
            if state is None or state[0] != "1":
                return None
            if state[1].strip():
                return int(state[1])
            if state[2].strip() or time.monotonic() > deadline:
                return None
            # tmux 3.3a here sometimes misses the SIGCHLD of a pane's program (the program
            # stays a zombie, its status unknown): nudge our private server to reap it.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.tmux.server_pid, signal.SIGCHLD)
            time.sleep(0.02)

    def signal(self, sig: int) -> float:
        os.kill(self.pid, sig)
        return time.monotonic()

    def kill_session(self) -> float:
        """Close the terminal: tmux hangs up the pane (the program gets SIGHUP)."""
        self.tmux.cmd(f"kill-session -t {self.target}", check=False)
        return time.monotonic()

    def wait_gone(self, timeout: float = 20.0) -> bool:
        """Wait until the process has ended; True if it did in time."""
        deadline = time.monotonic() + timeout
        while pid_alive(self.pid):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def close(self) -> None:
        """Make sure the program is gone (SIGKILL if it lingers) and drop the session."""
        self.tmux.cmd(f"kill-session -t {self.target}", check=False)
        if not self.wait_gone(5.0):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)  # this pane's own program
            self.wait_gone(5.0)


def _sleep_until(when: float) -> None:
    delay = when - time.monotonic()
    if delay > 0:
        time.sleep(delay)
