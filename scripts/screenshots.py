#!/usr/bin/env python3
"""Regenerate screenshots/*.svg from the sample notebook with a frozen clock.

python3 dev.py screenshots
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from infoview_tui.app import create_app
from infoview_tui.content.sample import sample_clock, write_sample

OUT = Path(__file__).resolve().parent.parent / "screenshots"

Steps = Callable[[Pilot[int]], Awaitable[None]]


async def _nothing(pilot: Pilot[int]) -> None:
    return None


async def _notes(pilot: Pilot[int]) -> None:
    await pilot.press("down", "down", "down", "down", "down", "down", "enter")


async def _form_errors(pilot: Pilot[int]) -> None:
    await pilot.press("a", "space", "tab", "tab", "tab", "tab", "tab", *"ada@", "ctrl+s")


async def _help(pilot: Pilot[int]) -> None:
    await pilot.press("question_mark")


async def _delete(pilot: Pilot[int]) -> None:
    await pilot.press("d")


async def _search(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"health")


async def _stage(pilot: Pilot[int]) -> None:
    await pilot.press("s")


async def _referrals(pilot: Pilot[int]) -> None:
    await pilot.press("down", "down", "r")


async def _duplicate(pilot: Pilot[int]) -> None:
    await pilot.press("a", *"Maya Okafor", "ctrl+s")


async def _by_next_action(pilot: Pilot[int]) -> None:
    await pilot.press("o")


async def _prepare(pilot: Pilot[int]) -> None:
    # Jonas Weber has a call planned: build an agenda with a must-ask and a risky question.
    await pilot.press("slash", *"jonas", "enter", "p")
    await pilot.pause()
    await pilot.press("enter", "down", "enter", "down", "down", "down", "enter")
    await pilot.press("n", *"Is the pay good", "enter")
    await pilot.pause()
    pilot.app.screen.query_one("#agenda").focus()
    await pilot.press("home", "m")


async def _outreach(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"samuel", "enter", "w")


async def _settings(pilot: Pilot[int]) -> None:
    await pilot.press("comma")


async def _bank(pilot: Pilot[int]) -> None:
    await pilot.press("b")


async def _call(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"jonas", "enter", "p")
    await pilot.pause()
    await pilot.press("enter", "down", "enter", "down", "enter", "g")
    await pilot.pause()
    await pilot.press("down", "space", "down")
    pilot.app.clock.advance(60 * 12 + 20)  # type: ignore[attr-defined]
    await pilot.pause(0.4)


async def _call_left_running(pilot: Pilot[int]) -> None:
    await _call(pilot)
    await pilot.press("escape")  # back to the list: the call keeps running
    await pilot.pause(0.3)
    pilot.app.screen.query_one("#search").value = ""  # the whole list, Jonas marked ◉
    await pilot.pause(0.3)
    pilot.app.clear_notifications()


async def _today(pilot: Pilot[int]) -> None:
    await pilot.press("t")


async def _stats(pilot: Pilot[int]) -> None:
    await pilot.press("g")


async def _note_search(pilot: Pilot[int]) -> None:
    await pilot.press("F", *"learn")


async def _history(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"priya", "enter", "h")


async def _debrief(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"priya", "enter", "D")


async def _thank_you(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"priya", "enter", "D", "ctrl+t")


async def _debrief_preview(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"priya", "enter", "D", "ctrl+r")
    await pilot.pause(0.5)


async def _names(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"priya", "enter", "D", "ctrl+n")


async def _call_closing(pilot: Pilot[int]) -> None:
    await _call(pilot)
    pilot.app.clock.advance(60 * 15)  # type: ignore[attr-defined]
    await pilot.pause(0.4)


async def _import(pilot: Pilot[int]) -> None:
    """The import dialog after Read: the report, with the rows it will not import."""
    from textual.widgets import Static

    os.chdir(OUT.parent)  # the path typed is relative: the same on every machine
    await pilot.press("ctrl+p", *"import contacts", "enter")
    await pilot.pause()
    await pilot.press(*"tests/fixtures/linkedin_with_gaps.csv", "enter")
    for _ in range(100):
        await pilot.pause(0.05)
        if "dry run" in str(pilot.app.screen.query_one("#import-report-text", Static).render()):
            break
    pilot.app.clear_notifications()


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("main-120x40", (120, 40), _notes),
    ("main-80x24", (80, 24), _nothing),
    ("search-120x40", (120, 40), _search),
    ("contact-form-errors", (120, 40), _form_errors),
    ("delete-confirm", (100, 30), _delete),
    ("help", (100, 34), _help),
    ("stage-picker", (100, 30), _stage),
    ("referral-tree", (100, 30), _referrals),
    ("duplicate-warning", (120, 40), _duplicate),
    ("sorted-by-next-action", (120, 40), _by_next_action),
    ("prepare-120x40", (120, 40), _prepare),
    ("prepare-80x24", (80, 24), _prepare),
    ("outreach", (100, 34), _outreach),
    ("settings", (100, 34), _settings),
    ("question-bank", (100, 34), _bank),
    ("call-120x40", (120, 40), _call),
    ("call-80x24", (80, 24), _call),
    ("call-closing-80x24", (80, 24), _call_closing),
    ("call-running-list-80x24", (80, 24), _call_left_running),
    ("note-search", (120, 40), _note_search),
    ("history", (120, 40), _history),
    ("today-120x40", (120, 40), _today),
    ("today-80x24", (80, 24), _today),
    ("stats", (120, 40), _stats),
    ("debrief-120x40", (120, 40), _debrief),
    ("debrief-80x24", (80, 24), _debrief),
    ("debrief-preview", (120, 40), _debrief_preview),
    ("names-to-contacts", (100, 30), _names),
    ("thank-you", (100, 30), _thank_you),
    ("import-report", (100, 34), _import),
]


async def shoot(folder: Path, name: str, size: tuple[int, int], steps: Steps) -> Path:
    db = folder / f"{name}.json"
    write_sample(db, sample_clock())
    app = create_app(db, sample_clock(), cursor_blink=False, start_screen="contacts")
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await steps(pilot)
        await pilot.pause(0.3)
        for _ in range(60):  # the header says "saved" once the debounced save has run
            if app.notebook is None or not app.notebook.dirty:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        target = OUT / f"{name}.svg"
        app.save_screenshot(str(target))
    if app.notebook is not None:
        app.notebook.close()
    return target


async def shoot_recovery(folder: Path) -> Path:
    # A fixed folder, not the random temp one: the screen shows the file's path.
    place = Path(tempfile.gettempdir()) / "infoview-screenshot"
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir()
    try:
        return await _shoot_recovery(place)
    finally:
        shutil.rmtree(place, ignore_errors=True)


async def _shoot_recovery(folder: Path) -> Path:
    db = folder / "notebook.json"
    write_sample(db, sample_clock())
    db.with_name("notebook.json.bak-20261122T180000000000Z").write_bytes(db.read_bytes())
    db.write_bytes(db.read_bytes()[:200])
    app = create_app(db, sample_clock(), cursor_blink=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        target = OUT / "recovery.svg"
        app.save_screenshot(str(target))
    app.store.close()
    return target


async def main() -> int:
    os.environ["TZ"] = "UTC"  # the same picture on every machine
    time.tzset()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = [await shoot(folder, *shot) for shot in SHOTS]
        made.append(await shoot_recovery(folder))
    for path in made:
        print(path.relative_to(OUT.parent))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
