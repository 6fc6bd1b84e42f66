#!/usr/bin/env python3
"""Set up and run infoview from a fresh checkout, with nothing but Python 3.11+.

python3 dev.py run [ARGS...]   create .venv if needed, install, launch the app
python3 dev.py test [ARGS...]  create .venv if needed, install with test extras, run every test
python3 dev.py bench           run the benchmarks under bench/
                               (test and bench install tmux with apt-get where it is missing)
python3 dev.py screenshots     regenerate screenshots/ from the sample notebook
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".infoview-installed"


def ensure_venv(extras: str = "test") -> None:
    """Create .venv and install the package (editable) when pyproject.toml changed."""
    if not PY.exists():
        print(f"creating {VENV} ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    print("installing infoview and its dependencies into .venv ...", file=sys.stderr)
    pip = [str(PY), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-e", f"{ROOT}[{extras}]"], check=True)
    STAMP.write_text(want)


def ensure_tmux() -> None:
    """The end-to-end tests (tests/e2e) and bench/first_frame.py run infoview in tmux.

    Where tmux is missing, install it with apt-get (as root, or through sudo if that works
    without a password). If it is still missing, the end-to-end tests skip and say so.
    """
    if shutil.which("tmux") is not None:
        return
    apt = shutil.which("apt-get")
    if apt is None:
        print(
            "tmux is missing and there is no apt-get: install tmux with your package "
            "manager (the end-to-end tests are skipped without it)",
            file=sys.stderr,
        )
        return
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    sudo = [] if is_root else ["sudo", "-n"]
    if not is_root and (
        shutil.which("sudo") is None
        or subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False).returncode
    ):
        print(
            "tmux is missing and apt-get needs root: run `sudo apt-get install tmux` (the "
            "end-to-end tests are skipped without it)",
            file=sys.stderr,
        )
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["update", "-q"], ["install", "-y", "-q", "tmux"]):  # update may fail: go on
        command = [*sudo, apt, *step]
        print(f"tmux is missing: {' '.join(command)}", file=sys.stderr)
        subprocess.run(command, env=env, check=False)
    if shutil.which("tmux") is None:
        print("tmux could not be installed: the end-to-end tests will be skipped", file=sys.stderr)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bench", "screenshots"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_venv()
    env = dict(os.environ)
    if command == "run":
        return subprocess.call([str(PY), "-m", "infoview_tui", *rest], env=env)
    if command in {"test", "bench"}:
        ensure_tmux()
    if command == "test":
        return subprocess.call([str(PY), "-m", "pytest", "-q", *rest], cwd=ROOT, env=env)
    if command == "bench":
        return subprocess.call([str(PY), str(ROOT / "bench" / "run_all.py"), *rest], cwd=ROOT)
    return subprocess.call([str(PY), str(ROOT / "scripts" / "screenshots.py"), *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
