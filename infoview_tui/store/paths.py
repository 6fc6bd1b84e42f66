"""Where the notebook lives by default."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs


def default_db_path() -> Path:
    """``user_data_dir("infoview")/notebook.json``; honours XDG_DATA_HOME on Linux."""
    return Path(platformdirs.user_data_dir("infoview", appauthor=False)) / "notebook.json"


def state_dir(notebook: Path) -> Path:
    """This device's own folder for one notebook, outside the notebook's (synced) folder:
    ``user_state_dir("infoview")/notebooks/<name>-<hash of its real path>``. It holds the lock,
    the start view and the merge base, which must never travel to another device. Not made
    here: ``make_state_dir`` makes it (0700) where something is written. Honours
    XDG_STATE_HOME on Linux."""
    real = os.path.realpath(notebook)
    key = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    folder = Path(platformdirs.user_state_dir("infoview", appauthor=False)) / "notebooks"
    return folder / f"{Path(real).name}-{key}"


def make_state_dir(notebook: Path) -> Path:
    """``state_dir``, made if missing (0700); raises OSError if it cannot be."""
    folder = state_dir(notebook)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder
