"""The headless layers (model, store, notebook, start view, check, content, formats) never
import Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROBE = """
import sys
import infoview_tui.model
import infoview_tui.store
import infoview_tui.notebook
import infoview_tui.start_view
import infoview_tui.check
import infoview_tui.content.sample
import infoview_tui.formats
from infoview_tui.formats import backup, ics, linkedin, markdown, table, vcard
loaded = sorted(name for name in sys.modules if name.split(".")[0] in {"textual", "rich"})
print("loaded:", ",".join(loaded) or "-")
assert "textual" not in sys.modules, loaded
assert "infoview_tui.notebook" in sys.modules and "tinydb" in sys.modules
"""


def test_headless_modules_do_not_import_textual(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("loaded: ")
    assert "textual" not in result.stdout
