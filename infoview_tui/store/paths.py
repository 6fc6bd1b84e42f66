"""Where the notebook lives by default."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def default_db_path() -> Path:
    """``user_data_dir("infoview")/notebook.json``; honours XDG_DATA_HOME on Linux."""
    return Path(platformdirs.user_data_dir("infoview", appauthor=False)) / "notebook.json"
