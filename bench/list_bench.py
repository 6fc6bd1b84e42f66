"""The contact list at 10,000 contacts, against Textual's OptionList holding the same rows.

    python bench/list_bench.py [--quick] [--contacts 10000] [--profile]

One run generates a notebook with bench/make_notebook.py in a temp folder (10,000 contacts,
1,000 interviews with 5,000-byte notes: the same file first_frame.py uses), then measures,
headless at 120x40 (``App.run_test``):

- key press -> filtered list painted: the real app (``create_app``); ``/`` focuses the search
  box, then queries are typed letter by letter and cleared with backspace. Each key is timed
  from just before ``pilot.press`` to the first frame that shows the new search text, the
  list rows the query should give (worked out without ContactIndex's caches, at the scroll
  position the list settled on) and the match count in the pane's border. Each key also
  updates the detail and notes panes (the OptionList app below has none).
- list mount: a ContactList with every row mounted into a small running app (same CSS), from
  creating the widget to the first frame showing its rows.
- page-down: ``pagedown`` on the focused, unfiltered list, to the first frame showing the next
  page of rows.
- OptionList, same run: an Input and an OptionList (compact, markup off) in a pane of the same
  size, holding the same rows (stage glyph, name, organisation); the same filter (a second
  ContactIndex, so both widgets get identical row sets) followed by ``clear_options()`` +
  ``add_options(...)``; mount and page-down the same way.
- RSS: VmRSS and VmHWM (peak) from /proc/self/status of a fresh process that opened the
  notebook in the app headless, typed a query, cleared it and paged down; and of a bare
  Textual app (bench/bare_app.py) the same way. MB = 10^6 bytes.

How a frame is seen: headless Textual still lays out and renders every update through the
compositor but skips turning it into terminal output. This script wraps ``App._display`` to
do that part too (``render_segments``, encode, write to /dev/null), timestamps each frame
after the write, and replays the frames afterwards into a character grid (a minimal
terminal) to find the first one that shows the expected screen. Not included: the real
terminal's own parsing and drawing, and tty write time. ``pilot.press`` itself returns only
after sleeping 40 ms or more (it waits for the app to look idle), so its wall time is not the
figure.

``--profile`` adds two passes of infoview typing after the figures (not in the table): one
timing the search handler, the frame updates and GC pauses within each key's time, one with
cProfile inside those calls only.

Prints a table and writes bench/out/list.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, machine, summary, write_json
from make_notebook import make_notebook
from rich.cells import get_character_cell_size
from textual import on
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from infoview_tui.app import create_app
from infoview_tui.model import Contact, FrozenClock
from infoview_tui.model.search import SORT_KEYS, ContactIndex, SortBy, haystack, terms
from infoview_tui.notebook import Notebook
from infoview_tui.widgets.contact_list import ContactList

SIZE = (120, 40)
CLOCK = FrozenClock(datetime(2025, 9, 1, 9, 0, tzinfo=UTC))
APP_CSS = REPO / "infoview_tui" / "app.tcss"
NOTEBOOK = dict(interviews=1_000, note_bytes=5_000)

GOAL_KEY_P95_MS = 30.0
GOAL_MOUNT_MS = 50.0
GOAL_RSS_MB = 80.0

QUERIES = ("mar", "data eng", "climate", "tomas", "northwind health")
"""Typed letter by letter, each then cleared with backspaces: a name fragment, a role, a tag,
an accent-folded first name (Tomás), an organisation."""
QUICK_QUERIES = QUERIES[:3]

PLACEHOLDER = "/ search"
ELLIPSIS = "…"


# ----- seeing frames -----------------------------------------------------------------------


class FrameLog:
    """Stands in for the terminal: every frame the app produces, when it was written, and a
    character grid the frames are replayed into to see what the screen showed."""

    def __init__(self, app: App[Any], size: tuple[int, int] = SIZE) -> None:
        self.width, self.height = size
        self.frames: list[tuple[float, CompositorUpdate | None]] = []
        self.bytes = 0
        self._grid = [[" "] * self.width for _ in range(self.height)]
        self._replayed = 0
        self._sink = os.open(os.devnull, os.O_WRONLY)
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)  # headless: returns without output
            if isinstance(renderable, CompositorUpdate):
                # What a real driver does with the frame (it writes from a thread).
                data = renderable.render_segments(app.console).encode("utf-8")
                os.write(self._sink, data)
                self.bytes += len(data)
                self.frames.append((time.perf_counter(), renderable))

        app._display = display  # type: ignore[method-assign]

    def close(self) -> None:
        os.close(self._sink)

    def mark(self) -> int:
        return len(self.frames)

    def row(self, y: int, x0: int = 0, x1: int | None = None) -> str:
        return "".join(self._grid[y][x0 : self.width if x1 is None else x1])

    def rows(self, region: Region) -> list[str]:
        return [self.row(y, region.x, region.right) for y in range(region.y, region.bottom)]

    def first_showing(self, start: int, shows: Callable[[FrameLog], bool]) -> float | None:
        """Replay all frames not yet replayed; the time of the first one from ``start`` on
        after which the screen satisfies ``shows``."""
        found = None
        while self._replayed < len(self.frames):
            index = self._replayed
            when, update = self.frames[index]
            assert update is not None
            self._apply(update)
            self.frames[index] = (when, None)  # let the frame's strips go
            self._replayed += 1
            if found is None and index >= start and shows(self):
                found = when
        return found

    def _put(self, y: int, x: int, strip: Iterable[Any], x1: int, x2: int) -> int:
        row = self._grid[y]
        for segment in strip:
            if segment.control:
                continue
            for ch in segment.text:
                w = get_character_cell_size(ch)
                if w == 0:
                    if x1 <= x - 1 < x2:
                        row[x - 1] += ch
                    continue
                if x1 <= x < x2 and x < self.width:
                    row[x] = ch
                    if w == 2 and x + 1 < self.width:
                        row[x + 1] = ""
                x += w
        return x

    def _apply(self, update: CompositorUpdate) -> None:
        if isinstance(update, LayoutUpdate):
            region = update.region
            for y, line in enumerate(update.strips, region.y):
                if y >= self.height:
                    break
                x = region.x
                for strip in line:
                    x = self._put(y, x, strip, 0, self.width)
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:
                for x, strip in update.chops[y].items():
                    if strip is not None:
                        self._put(y, x, strip, x1, x2)


def shows_text(row: str, text: str, at_least: int = 5) -> bool:
    """``row`` starts with ``text``, or with a prefix of it cut short by an ellipsis."""
    if row.startswith(text):
        return True
    cut = row.find(ELLIPSIS)
    return cut >= min(at_least, len(text)) and text.startswith(row[:cut])


def contact_row_ok(row: str, contact: Contact) -> bool:
    """A ContactList row: glyph, name (maybe cut), then the organisation (maybe cut)."""
    glyph = f"{contact.stage.glyph} "
    if not row.startswith(glyph):
        return False
    rest = row[len(glyph) :]
    return shows_text(rest, contact.name) and contact.organization[:4] in rest


def prompt_of(contact: Contact) -> str:
    return f"{contact.stage.glyph} {contact.name}  {contact.organization}"


def list_shows(
    region: Region, rows: Sequence[Contact], top: int, row_ok: Callable[[str, Contact], bool]
) -> Callable[[FrameLog], bool]:
    """The list region shows ``rows[top:]`` (blank lines after the last one)."""

    def shows(log: FrameLog) -> bool:
        for i, text in enumerate(log.rows(region)):
            index = top + i
            if index < len(rows):
                if not row_ok(text, rows[index]):
                    return False
            elif text.strip():
                return False
        return True

    return shows


def input_shows(region: Region, value: str) -> Callable[[FrameLog], bool]:
    def shows(log: FrameLog) -> bool:
        return log.row(region.y, region.x, region.right).startswith(value or PLACEHOLDER)

    return shows


def count_shows(pane: Region, shown: int, total: int) -> Callable[[FrameLog], bool]:
    """infoview's list pane border says how many contacts match ("N of M", or "M ·")."""
    label = f"{shown} of {total}" if shown != total else f"{total} ·"

    def shows(log: FrameLog) -> bool:
        return label in log.row(pane.bottom - 1, pane.x, pane.right)

    return shows


def both(*checks: Callable[[FrameLog], bool]) -> Callable[[FrameLog], bool]:
    return lambda log: all(check(log) for check in checks)


def key_name(ch: str) -> str:
    return "space" if ch == " " else ch


def keystrokes(queries: Sequence[str]) -> list[tuple[str, str]]:
    """(key, search value after it): each query typed, then cleared with backspace."""
    keys = []
    for query in queries:
        for n in range(1, len(query) + 1):
            keys.append((key_name(query[n - 1]), query[:n]))
        for n in range(len(query) - 1, -1, -1):
            keys.append(("backspace", query[:n]))
    return keys


class Expected:
    """Which contacts a query should show, worked out without ContactIndex's caches."""

    def __init__(self, contacts: dict[int, Contact]) -> None:
        self.ordered = sorted(contacts.values(), key=SORT_KEYS[SortBy.NAME])
        self.hay = {c.id: haystack(c) for c in self.ordered}

    def rows(self, query: str) -> list[Contact]:
        words = terms(query)
        return [c for c in self.ordered if all(w in self.hay[c.id] for w in words)]


async def timed_key(
    pilot: Pilot[Any],
    log: FrameLog,
    key: str,
    expect: Callable[[], Callable[[FrameLog], bool]],
) -> tuple[float, float | None, float]:
    """(time before the press, time of the first frame that shows the expected screen or
    None, pilot.press wall time in ms).

    ``expect`` is called once the app has settled, to build the check from its final state
    (the scroll position); frames are then replayed to find the first one that passes."""
    start = log.mark()
    t0 = time.perf_counter()
    await pilot.press(key)
    pressed = time.perf_counter()
    await pilot.pause()
    painted = log.first_showing(start, expect())
    return t0, painted, (pressed - t0) * 1000


def ms_between(t0: float, t1: float | None) -> float | None:
    return None if t1 is None else (t1 - t0) * 1000


def stats(values: list[float | None]) -> dict[str, Any]:
    """summary() of the values that were measured; ``failed`` counts the others (None)."""
    good = [v for v in values if v is not None]
    out = summary(good)
    out["failed"] = len(values) - len(good)
    return out


class Probe:
    """--profile: where infoview's key -> paint time goes, in extra passes after the figures.

    Wraps the two pieces of synchronous work between a key and its frame, the search handler
    (``MainScreen.refresh_list``) and the screen's frame update (``Screen._on_timer_update``:
    layout, render), timing each call, and with ``cprofile`` running cProfile inside them
    only; GC pauses are timed with ``gc.callbacks``. Patches classes in this process (not the
    package's files) and must be installed before the app is created (the frame timer binds
    the method)."""

    def __init__(self, cprofile: bool) -> None:
        self.profile = cProfile.Profile() if cprofile else None
        self.spans: dict[str, list[tuple[float, float]]] = {"handler": [], "frame": [], "gc": []}
        self.keys: list[tuple[float, float]] = []
        self._patches: list[tuple[type, str, Any]] = []
        self._depth = 0
        self._gc_start = 0.0

    def install(self) -> None:
        from textual.screen import Screen

        from infoview_tui.screens.main import MainScreen

        for cls, name, kind in (
            (MainScreen, "refresh_list", "handler"),
            (Screen, "_on_timer_update", "frame"),
        ):
            original = cls.__dict__[name]
            setattr(cls, name, self._wrap(original, self.spans[kind]))
            self._patches.append((cls, name, original))
        gc.callbacks.append(self._gc)

    def uninstall(self) -> None:
        for cls, name, original in self._patches:
            setattr(cls, name, original)
        gc.callbacks.remove(self._gc)

    def _wrap(self, original: Any, spans: list[tuple[float, float]]) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._depth += 1
            if self._depth == 1 and self.profile:
                self.profile.enable()
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spans.append((start, time.perf_counter()))
                self._depth -= 1
                if self._depth == 0 and self.profile:
                    self.profile.disable()

        return timed

    def _gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.spans["gc"].append((self._gc_start, time.perf_counter()))

    def budget(self) -> dict[str, dict[str, Any]]:
        """Per key (press to paint): ms in each kind of work, and the rest."""
        parts: dict[str, list[float]] = {"total": [], "handler": [], "frame": [], "gc": []}
        for t0, t1 in self.keys:
            parts["total"].append((t1 - t0) * 1000)
            for kind in ("handler", "frame", "gc"):
                inside = sum(
                    max(0.0, min(b, t1) - max(a, t0)) for a, b in self.spans[kind] if b > t0
                )
                parts[kind].append(inside * 1000)
        parts["rest"] = [
            t - h - f
            for t, h, f in zip(parts["total"], parts["handler"], parts["frame"], strict=True)
        ]
        return {kind: summary(values) for kind, values in parts.items()}


# ----- infoview ----------------------------------------------------------------------------


async def bench_infoview(
    db: Path, queries: Sequence[str], pages: int, probe: Probe | None = None
) -> tuple[dict[str, Any], dict[int, Contact]]:
    app = create_app(db, CLOCK, cursor_blink=False, start_screen="contacts")
    log = FrameLog(app)
    result: dict[str, Any] = {}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.notebook is not None
            contacts = app.notebook.contacts
            expected = Expected(contacts)
            lst = app.screen.query_one(ContactList)
            search = app.screen.query_one("#search", Input)
            region = lst.content_region
            pane = app.screen.query_one("#left").region
            first = log.first_showing(0, list_shows(region, expected.rows(""), 0, contact_row_ok))
            if first is None:
                raise SystemExit("list_bench: the first frame does not show the contact list")

            await pilot.press("slash")
            await pilot.pause()
            assert app.focused is search, app.focused

            key_ms: list[float | None] = []
            press_ms: list[float] = []
            wrong_rows = 0
            for key, value in keystrokes(queries):
                rows = expected.rows(value)

                def expect(rows: list[Contact] = rows, value: str = value) -> Any:
                    top = round(lst.scroll_y)
                    return both(
                        input_shows(search.content_region, value),
                        list_shows(region, rows, top, contact_row_ok),
                        count_shows(pane, len(rows), len(contacts)),
                    )

                t0, painted, pressed = await timed_key(pilot, log, key, expect)
                ms = ms_between(t0, painted)
                if search.value != value or [c.id for c in lst.rows] != [c.id for c in rows]:
                    wrong_rows += 1
                    ms = None
                if probe and painted is not None:
                    probe.keys.append((t0, painted))
                key_ms.append(ms)
                press_ms.append(pressed)
            result.update(key_to_paint_ms=key_ms, wrong_rows=wrong_rows, pilot_press_ms=press_ms)

            # Page-down on the whole list: enter leaves the (now empty) search box.
            await pilot.press("enter", "home")
            await pilot.pause()
            assert app.focused is lst and lst.cursor == 0, (app.focused, lst.cursor)
            all_rows = expected.rows("")
            page_ms: list[float | None] = []
            for _ in range(pages):
                before = lst.cursor

                def expect_page() -> Any:
                    return list_shows(region, all_rows, round(lst.scroll_y), contact_row_ok)

                t0, painted, _pressed = await timed_key(pilot, log, "pagedown", expect_page)
                ms = ms_between(t0, painted)
                height = lst.scrollable_content_region.height
                if lst.cursor != min(before + height, len(all_rows) - 1):
                    ms = None
                page_ms.append(ms)
            result.update(page_down_ms=page_ms, frames=len(log.frames), bytes_written=log.bytes)
            await pilot.press("q")
    finally:
        log.close()
        if app.notebook is not None:
            app.notebook.close()
    return result, contacts


# ----- OptionList --------------------------------------------------------------------------


class OptionListApp(App[None]):
    """An Input over an OptionList, in a pane the size of infoview's contact pane."""

    CSS = """
    #left { width: 42%; min-width: 28; border: round $panel; }
    #search { margin: 0; }
    #options { height: 1fr; }
    #right { width: 1fr; }
    """
    BINDINGS = [Binding("slash", "search", "Search"), Binding("q", "quit", "Quit")]
    AUTO_FOCUS = "#options"  # as infoview focuses its list, so "/" is a key, not text

    def __init__(self, contacts: dict[int, Contact]) -> None:
        super().__init__()
        self.contacts = contacts
        self.index = ContactIndex()
        self.version = -1
        self.prompts = {c.id: prompt_of(c) for c in contacts.values()}
        self.rows = self.index.rows(contacts, self.version)

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield Input(placeholder=PLACEHOLDER, id="search", compact=True)
                yield OptionList(
                    *(self.prompts[c.id] for c in self.rows),
                    id="options",
                    markup=False,
                    compact=True,
                )
            yield Static("details", id="right")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    def action_search(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self.rows = self.index.rows(self.contacts, self.version, event.value)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([self.prompts[c.id] for c in self.rows])

    @on(Input.Submitted)
    def _to_list(self) -> None:
        self.query_one(OptionList).focus()


def option_row_ok(row: str, contact: Contact) -> bool:
    return shows_text(row, prompt_of(contact))


async def bench_optionlist(
    contacts: dict[int, Contact], queries: Sequence[str], pages: int
) -> dict[str, Any]:
    app = OptionListApp(contacts)
    log = FrameLog(app)
    expected = Expected(contacts)
    result: dict[str, Any] = {}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            options = app.query_one(OptionList)
            search = app.query_one(Input)
            region = options.content_region
            everyone = expected.rows("")
            if log.first_showing(0, list_shows(region, everyone, 0, option_row_ok)) is None:
                raise SystemExit("list_bench: the first frame does not show the OptionList")
            if options.virtual_size.height != len(everyone):
                raise SystemExit("list_bench: OptionList wrapped some rows; widen its pane")

            await pilot.press("slash")
            await pilot.pause()
            assert app.focused is search

            key_ms: list[float | None] = []
            press_ms: list[float] = []
            wrong_rows = 0
            for key, value in keystrokes(queries):
                rows = expected.rows(value)

                def expect(rows: list[Contact] = rows, value: str = value) -> Any:
                    return both(
                        input_shows(search.content_region, value),
                        list_shows(region, rows, round(options.scroll_y), option_row_ok),
                    )

                t0, painted, pressed = await timed_key(pilot, log, key, expect)
                ms = ms_between(t0, painted)
                if search.value != value or options.option_count != len(rows):
                    wrong_rows += 1
                    ms = None
                key_ms.append(ms)
                press_ms.append(pressed)
            result.update(key_to_paint_ms=key_ms, wrong_rows=wrong_rows, pilot_press_ms=press_ms)

            await pilot.press("enter")
            await pilot.pause()
            options.highlighted = 0
            await pilot.pause()
            assert app.focused is options
            page_ms: list[float | None] = []
            for _ in range(pages):
                before = options.highlighted or 0

                def expect_page() -> Any:
                    return list_shows(region, everyone, round(options.scroll_y), option_row_ok)

                t0, painted, _pressed = await timed_key(pilot, log, "pagedown", expect_page)
                ms = ms_between(t0, painted)
                height = options.scrollable_content_region.height
                if options.highlighted != min(before + height, len(everyone) - 1):
                    ms = None
                page_ms.append(ms)
            result.update(page_down_ms=page_ms, frames=len(log.frames), bytes_written=log.bytes)
            await pilot.press("q")
    finally:
        log.close()
    return result


# ----- mount -------------------------------------------------------------------------------


class MountApp(App[None]):
    """A running app with an empty pane the lists are mounted into (infoview's CSS loaded)."""

    CSS_PATH = str(APP_CSS)
    CSS = """
    #host { width: 50; height: 1fr; }
    #host OptionList { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Vertical(id="host")


async def bench_mount(contacts: dict[int, Contact], rounds: int) -> dict[str, dict[str, Any]]:
    expected = Expected(contacts)
    everyone = expected.rows("")
    prompts = [prompt_of(c) for c in everyone]
    today = CLOCK().date()
    makers: dict[str, tuple[Callable[[], Widget], Callable[[str, Contact], bool]]] = {
        "infoview": (lambda: ContactList(list(everyone), today=today), contact_row_ok),
        "optionlist": (
            lambda: OptionList(*prompts, markup=False, compact=True),
            option_row_ok,
        ),
    }
    times: dict[str, list[float | None]] = {name: [] for name in makers}
    app = MountApp()
    log = FrameLog(app)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            host = app.query_one("#host")
            for _ in range(rounds):
                for name, (make, row_ok) in makers.items():
                    gc.collect()
                    start = log.mark()
                    t0 = time.perf_counter()
                    widget = make()
                    await host.mount(widget)
                    await pilot.pause()
                    painted = log.first_showing(
                        start, list_shows(widget.content_region, everyone, 0, row_ok)
                    )
                    times[name].append(None if painted is None else (painted - t0) * 1000)
                    await widget.remove()
                    await pilot.pause()
                    log.first_showing(log.mark(), lambda _log: True)
    finally:
        log.close()
    return {name: stats(values) for name, values in times.items()}


# ----- RSS (in fresh processes) ------------------------------------------------------------


def proc_status() -> dict[str, float]:
    """VmRSS and VmHWM (peak) of this process, MB (10^6 bytes)."""
    out: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(rest.split()[0]) * 1024 / 1e6, 2)
    return out


def bare_child_source() -> str:
    """A script for ``python -c`` that opens bench/bare_app.py headless and prints its memory,
    importing only Textual (not this file, which imports infoview)."""
    return f"""
import asyncio, json, sys
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from bare_app import BareApp

def proc_status():
    out = {{}}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(rest.split()[0]) * 1024 / 1e6, 2)
    return out

async def main():
    stages = {{"imported": proc_status()["VmRSS"]}}
    app = BareApp()
    async with app.run_test(size={SIZE!r}) as pilot:
        await pilot.pause()
        stages["first_frame"] = proc_status()["VmRSS"]
        await pilot.press("q")
    return {{**proc_status(), "stages": stages}}

print(json.dumps(asyncio.run(main())))
"""


async def rss_child(kind: str, db: Path) -> dict[str, Any]:
    """Open the notebook in the app headless, use it a little, then report this process's
    memory (VmRSS at each stage, VmHWM at the end)."""
    stages = {"imported": proc_status()["VmRSS"]}
    app: App[Any]
    notebook: Notebook | None = None
    if kind == "infoview":
        app = create_app(db, CLOCK, cursor_blink=False, start_screen="contacts")
    else:
        gc.disable()
        notebook = Notebook.open(db, CLOCK)
        gc.enable()
        gc.freeze()  # as create_app does
        app = OptionListApp(notebook.contacts)
    stages["loaded"] = proc_status()["VmRSS"]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            stages["first_frame"] = proc_status()["VmRSS"]
            await pilot.press("slash", "m", "a", "r", "backspace", "backspace", "backspace")
            await pilot.press("enter", "pagedown", "pagedown", "pagedown")
            await pilot.pause()
            stages["used"] = proc_status()["VmRSS"]
            memory = proc_status()
            await pilot.press("q")
    finally:
        for book in (notebook, getattr(app, "notebook", None)):
            if isinstance(book, Notebook):
                book.close()
    return {**memory, "stages": stages}


def measure_rss(kind: str, db: Path, runs: int) -> dict[str, Any]:
    """VmRSS at the end, VmHWM (peak), and the stages of the median-peak run, in MB."""
    results = []
    for _ in range(runs):
        if kind == "bare":
            argv = [sys.executable, "-c", bare_child_source()]
        else:
            argv = [sys.executable, __file__, "--rss-child", kind, "--db", str(db)]
        done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"list_bench: RSS child {kind} failed:\n{done.stderr}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    results.sort(key=lambda r: r["VmHWM"])
    return {
        "rss_mb": summary([r["VmRSS"] for r in results]),
        "peak_mb": summary([r["VmHWM"] for r in results]),
        "stages_mb": results[len(results) // 2]["stages"],
    }


# ----- report ------------------------------------------------------------------------------


def figure(
    name: str,
    unit: str,
    subjects: dict[str, dict[str, Any] | None],
    goal: str = "",
    judge: Callable[[dict[str, Any]], bool] | None = None,
) -> dict[str, Any]:
    """One table row: the figure for each subject, and whether each meets the goal."""
    row: dict[str, Any] = {"figure": name, "unit": unit, "goal": goal}
    for subject, s in subjects.items():
        if s is None:
            row[subject] = None
            continue
        keep = {k: s.get(k) for k in ("n", "median", "p95", "min", "max", "failed")}
        meets = None
        if judge is not None:
            meets = bool(judge(s)) if s.get("median") is not None and not s.get("failed") else False
        row[subject] = {**keep, "meets": meets}
    return row


def fmt(value: Any, unit: str) -> str:
    if not isinstance(value, int | float):
        return "-"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def print_table(figures: list[dict[str, Any]]) -> None:
    head = (
        "figure",
        "infoview p50",
        "p95",
        "OptionList p50",
        "p95",
        "goal",
        "meets (infoview / OptionList)",
    )
    lines = [head]
    for f in figures:
        cells = [f["figure"]]
        meets = []
        for subject in ("infoview", "optionlist"):
            s = f.get(subject) or (f.get("bare") if subject == "infoview" else None)
            if s is None:
                cells += ["", ""]
                meets.append("")
                continue
            failed = f" ({s['failed']} failed)" if s.get("failed") else ""
            cells += [fmt(s.get("median"), f["unit"]), fmt(s.get("p95"), f["unit"]) + failed]
            meets.append("-" if s["meets"] is None else "yes" if s["meets"] else "NO")
        cells.append(f["goal"] or "-")
        cells.append(" / ".join(m for m in meets if m) if any(meets) else "-")
        lines.append(tuple(cells))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for n, line in enumerate(lines):
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def print_probe(timed: Probe, profiled: Probe, lines: int = 10) -> dict[str, Any]:
    budget = timed.budget()
    print(
        "\n--- where infoview's key -> paint time goes (extra pass, not in the table; "
        "median / p95 per key) ---"
    )
    for kind, label in (
        ("total", "key -> paint"),
        ("handler", "search handler: MainScreen.refresh_list"),
        ("frame", "frame updates: Screen._on_timer_update (layout + render)"),
        ("gc", "  of which GC pauses (inside either of the above)"),
        ("rest", "the rest: waiting for the frame timer, other messages"),
    ):
        median, high = fmt(budget[kind]["median"], "ms"), fmt(budget[kind]["p95"], "ms")
        print(f"  {label:58} {median:>8} / {high}")
    assert profiled.profile is not None
    out = io.StringIO()
    for order in ("tottime", "cumulative"):
        out.write(
            f"\n--- cProfile of the handler and frame updates (another pass), top {lines} "
            f"by {order} ---\n"
        )
        stats = pstats.Stats(profiled.profile, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(lines)
    print(out.getvalue())
    return {"budget_ms": budget, "cprofile": out.getvalue()}


async def run(args: argparse.Namespace) -> int:
    queries = QUICK_QUERIES if args.quick else QUERIES
    pages = 10 if args.quick else 30
    mounts = 3 if args.quick else 10
    rss_runs = 1 if args.quick else 3
    rounds = 1 if args.quick else 2

    with tempfile.TemporaryDirectory(prefix="infoview-list-bench-") as tmp:
        db = Path(tmp) / "notebook.json"
        started = time.perf_counter()
        make_notebook(db, contacts=args.contacts, **NOTEBOOK)
        made = time.perf_counter() - started
        size = db.stat().st_size
        print(
            f"notebook: {args.contacts:,} contacts, {NOTEBOOK['interviews']:,} interviews "
            f"({NOTEBOOK['note_bytes']:,}-byte notes), {size / 1e6:.1f} MB, "
            f"made in {made:.1f} s; headless {SIZE[0]}x{SIZE[1]}",
            flush=True,
        )
        gc.collect()

        infoview: dict[str, Any] = {}
        optionlist: dict[str, Any] = {}
        contacts: dict[int, Contact] = {}
        # Rounds alternate infoview and OptionList so drift hits both alike.
        for r in range(rounds):
            print(f"round {r + 1}/{rounds}: infoview typing + page-down", flush=True)
            got, contacts = await bench_infoview(db, queries, pages)
            merge(infoview, got)
            print(f"round {r + 1}/{rounds}: OptionList typing + page-down", flush=True)
            merge(optionlist, await bench_optionlist(contacts, queries, pages))
        print("list mount", flush=True)
        mount = await bench_mount(contacts, mounts)
        print("RSS (fresh processes)", flush=True)
        rss = {kind: measure_rss(kind, db, rss_runs) for kind in ("bare", "infoview", "optionlist")}
        probes = []
        if args.profile:
            for cprofile in (False, True):
                print(f"--profile: infoview typing, {'cProfile' if cprofile else 'timed'}")
                probe = Probe(cprofile)
                probe.install()
                try:
                    await bench_infoview(db, queries, 1, probe)
                finally:
                    probe.uninstall()
                probes.append(probe)

    for subject in (infoview, optionlist):
        for key in ("key_to_paint_ms", "page_down_ms", "pilot_press_ms"):
            subject[key] = stats(subject[key])

    key_goal = f"p95 <= {GOAL_KEY_P95_MS:g} ms"
    figures = [
        figure(
            "key press -> filtered list painted",
            "ms",
            {"infoview": infoview["key_to_paint_ms"], "optionlist": optionlist["key_to_paint_ms"]},
            key_goal,
            lambda s: s["p95"] <= GOAL_KEY_P95_MS,
        ),
        figure(
            f"list mount, {args.contacts:,} rows",
            "ms",
            mount,
            f"<= {GOAL_MOUNT_MS:g} ms (p95)",
            lambda s: s["p95"] <= GOAL_MOUNT_MS,
        ),
        figure(
            "page-down painted",
            "ms",
            {"infoview": infoview["page_down_ms"], "optionlist": optionlist["page_down_ms"]},
        ),
        figure(
            "RSS peak (VmHWM), notebook open, searched, paged",
            "MB",
            {"infoview": rss["infoview"]["peak_mb"], "optionlist": rss["optionlist"]["peak_mb"]},
            f"<= {GOAL_RSS_MB:g} MB",
            lambda s: s["p95"] <= GOAL_RSS_MB,
        ),
        figure(
            "RSS now (VmRSS), same processes",
            "MB",
            {"infoview": rss["infoview"]["rss_mb"], "optionlist": rss["optionlist"]["rss_mb"]},
        ),
        figure(
            "RSS peak, bare Textual app (baseline)",
            "MB",
            {"bare": rss["bare"]["peak_mb"]},
        ),
    ]

    print()
    print_table(figures)
    keys = infoview["key_to_paint_ms"]["n"] + infoview["key_to_paint_ms"]["failed"]
    print(
        f"\n{keys} keys ({rounds} x queries {', '.join(repr(q) for q in queries)}, each typed "
        f"then cleared); {pages * rounds} page-downs; {mounts} mounts each; RSS over "
        f"{rss_runs} process(es) each. p95 = nearest rank (= max below 20 values)."
    )
    print(
        "max key -> paint: infoview "
        f"{fmt(infoview['key_to_paint_ms']['max'], 'ms')}, OptionList "
        f"{fmt(optionlist['key_to_paint_ms']['max'], 'ms')}; "
        f"pilot.press itself (harness sleeps included, not a figure): median "
        f"{fmt(infoview['pilot_press_ms']['median'], 'ms')}"
    )

    for kind in ("infoview", "optionlist", "bare"):
        stages = ", ".join(f"{k} {v:.1f}" for k, v in rss[kind]["stages_mb"].items())
        print(f"VmRSS by stage, {kind} (MB, median-peak run): {stages}")
    profile = print_probe(*probes) if probes else None

    path = write_json(
        "list.json",
        {
            "what": "contact list vs OptionList at N contacts, headless 120x40, ms and MB",
            "quick": args.quick,
            "contacts": args.contacts,
            "notebook": {**NOTEBOOK, "bytes": size},
            "size": f"{SIZE[0]}x{SIZE[1]}",
            "queries": list(queries),
            "rounds": rounds,
            "goal": {
                "key_to_paint_p95_ms": GOAL_KEY_P95_MS,
                "mount_ms": GOAL_MOUNT_MS,
                "rss_mb": GOAL_RSS_MB,
            },
            "figures": figures,
            "subjects": {"infoview": infoview, "optionlist": optionlist},
            "mount_ms": mount,
            "rss": rss,
            "profile": profile,
            "goals_not_met": [
                f"{f['figure']} ({name})"
                for f in figures
                for name in ("infoview",)
                if f.get(name) and f[name]["meets"] is False
            ],
            "method": __doc__,
            "machine": machine(),
        },
    )
    print(f"wrote {path.relative_to(REPO)}")
    return 0


def merge(into: dict[str, Any], got: dict[str, Any]) -> None:
    """Add one round's raw samples (lists) and counts (numbers) to the earlier rounds'."""
    for key, value in got.items():
        into[key] = into.get(key, type(value)()) + value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer keys, pages, mounts, runs")
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time and cProfile the work between infoview's keys and frames",
    )
    parser.add_argument("--rss-child", choices=("infoview", "optionlist"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child:
        print(json.dumps(asyncio.run(rss_child(args.rss_child, args.db))))
        return 0
    return asyncio.run(run(args))


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
