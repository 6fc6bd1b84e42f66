"""What an import tells the user: the counts, the first reasons, and where the full list is.

The command line and the app's import dialog show the same lines. When more rows were
skipped or left out than the summary shows, the full list is written to a text file under
``platformdirs.user_state_dir("infoview")/imports/`` (outside the notebook's folder, which
may be synced), one line per row, and the summary names that file.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import platformdirs

from ..store.atomic import atomic_write
from . import csvfile
from .plan import REASONS_SHOWN, ImportPlan, ImportSummary

TITLES = {**csvfile.layout_titles(), "vcard": "vCard", "json": "infoview JSON backup"}
"""What the user knows each kind of file as (the CSV layouts' own titles)."""


def reports_dir() -> Path:
    return Path(platformdirs.user_state_dir("infoview", appauthor=False)) / "imports"


def save_full_list(summary: ImportSummary, source: str, now: datetime) -> Path | None:
    """Write every skip reason to a file when the summary does not show them all.

    Returns the file's path, or None when there is nothing more to show or it cannot be
    written (the summary then says so instead).
    """
    if len(summary.problems) <= REASONS_SHOWN:
        return None
    name = Path(source).name.replace(os.sep, "_") or "import"
    path = reports_dir() / f"{now.strftime('%Y-%m-%d %H%M%S')} {name}.txt"
    lines = [f"{source}: {summary.describe()}", *summary.problems, ""]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, ["\n".join(lines).encode("utf-8")])
    except OSError:
        return None
    return path


def heading(plan: ImportPlan, summary: ImportSummary) -> str:
    """ "Connections.csv (LinkedIn Connections.csv, Windows-1252 ...)": what was read."""
    what = TITLES.get(plan.fmt, plan.fmt)
    if plan.encoding and plan.encoding != "UTF-8":
        what += f", read as {plan.encoding}"
    return f"{Path(plan.source).name} ({what})"


def report_lines(
    plan: ImportPlan, summary: ImportSummary, now: datetime, dry_run: bool = False
) -> list[str]:
    """The summary line, the first reasons, the notes, and where the full list is."""
    lines = [f"{heading(plan, summary)}: {summary.describe()}"]
    if dry_run:
        lines[0] += " (dry run: nothing was changed)"
    if summary.problems:
        lines.append("Not imported:")
        lines.extend(f"  {reason}" for reason in summary.reasons())
        if len(summary.problems) > REASONS_SHOWN:
            saved = save_full_list(summary, plan.source, now)
            lines.append(
                f"The full list ({len(summary.problems)}): {saved}"
                if saved
                else f"The full list could not be written to {reports_dir()}"
            )
    lines.extend(f"Note: {note}" for note in summary.notes)
    return lines
