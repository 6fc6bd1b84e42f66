"""Small helpers for Pilot tests: build the app the way the CLI does, read what is on screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from infoview_tui.app import InfoviewApp, create_app
from infoview_tui.model import Clock
from infoview_tui.widgets.markdown_editor import MarkdownEditor


@asynccontextmanager
async def running(
    path: Path, clock: Clock, size: tuple[int, int] = (120, 40), start_screen: str = "contacts"
) -> AsyncIterator[tuple[InfoviewApp, Pilot[int]]]:
    """Run the app on ``path``; on leaving, release the notebook as the CLI does.

    Starts on the contact list unless ``start_screen`` says otherwise ("auto", "today")."""
    app = create_app(path, clock, cursor_blink=False, start_screen=start_screen)
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            await pilot.pause()
            yield app, pilot
    finally:
        if app.notebook is not None:
            app.notebook.close()
        app.store.close()


async def wait_until(
    pilot: Pilot[Any], ready: Callable[[], bool], timeout: float = 5.0, step: float = 0.05
) -> None:
    """Pause until ``ready()`` (a threaded save, a preview drawn in a thread...), at most
    ``timeout`` seconds: a slow machine gets the time it needs, a fast one does not wait."""
    for _ in range(int(timeout / step)):
        if ready():
            return
        await pilot.pause(step)
    assert ready(), f"not ready after {timeout} s"


async def wait_for_preview(pilot: Pilot[Any], editor: MarkdownEditor) -> None:
    """Until the preview shows the newest render (it is drawn in a thread)."""
    await wait_until(pilot, lambda: editor.preview_current)
    await pilot.pause()


def on_disk(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def contacts_on_disk(path: Path) -> dict[str, dict[str, Any]]:
    return {doc["name"]: doc for doc in on_disk(path)["contacts"].values()}


def screen_text(app: InfoviewApp) -> str:
    """Everything the screen shows now, as plain text, one line per terminal row."""
    strips = app.screen._compositor.render_strips()  # private, but the plainest view we have
    return "\n".join(strip.text for strip in strips)


async def type_text(pilot: Pilot[int], text: str) -> None:
    keys = ["space" if ch == " " else ("enter" if ch == "\n" else ch) for ch in text]
    await pilot.press(*keys)


def widget_text(app: InfoviewApp, selector: str) -> str:
    """What one widget shows on screen, with line breaks and runs of spaces made single
    spaces, so a phrase that wraps in a narrow pane still reads as one."""
    widget = app.screen.query_one(selector)
    region = widget.content_region
    strips = app.screen._compositor.render_strips()
    lines = [strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]]
    return " ".join(" ".join(lines).split())


REPO = Path(__file__).resolve().parents[1]


def run_bench(
    tmp_path: Path, script: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``bench/SCRIPT`` small, in ``tmp_path`` (tests check that a benchmark runs, never
    its figures)."""
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, **(env or {})},
        check=False,
    )


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env["HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / ".config")
    # This device's state folder is the test's own (conftest): a notebook's lock lives there.
    env["XDG_STATE_HOME"] = os.environ.get(
        "XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state")
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "infoview_tui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )


def folder_state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file in ``folder`` with its bytes, mtime and inode."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(folder.iterdir())
    }


def calls_on_disk(path: Path, since: str = "2026-11-23") -> list[dict[str, Any]]:
    """Interviews on disk whose call started on or after ``since`` (default: the sample's
    today, so the sample's own calls, held in the past, are left out); with ``since=""``, the
    calls still running."""
    return [
        i
        for i in on_disk(path)["interviews"].values()
        if i.get("call") and (i["call"]["started"] >= since if since else not i["call"]["ended"])
    ]
