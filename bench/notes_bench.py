"""The notes editor: typing latency in big notes while the 10 MB notebook saves, and the
markdown preview's render time.

    python bench/notes_bench.py [--quick] [--keys 300] [--contacts 10000] [--profile]

One run generates a notebook with bench/make_notebook.py in a temp folder (10,000 contacts,
1,000 interviews with 5,000-byte notes, ~10 MB: the file list_bench.py uses), gives the
contact the main screen shows first a markdown note of 10 KB (then, in a second app run,
100 KB) through ``Notebook.set_contact_notes``, and opens the real app (``create_app``,
frozen clock, no cursor blink) headless at 120x40 (``App.run_test``). Then:

- typing, key -> painted: ``n`` focuses the notes pane, the cursor goes to the end of the note
  (``focus_editor(end=True)``: TextArea has no key for it), ``enter`` opens a new line; then
  ``--keys`` printable characters (300; ``--quick``: 80) are typed through ``pilot.press``, one
  every 80 ms (start to start, human pace), with ``enter`` after every 24 characters (not
  timed). Each character is timed from just before ``pilot.press`` to the first painted frame
  whose grid row at the text cursor ends, at the cursor, with the line typed so far (frames are
  seen as in bench/list_bench.py: its FrameLog wraps ``App._display`` to render, encode and
  write each frame to /dev/null, timestamped after the write, and replays frames into a
  character grid). Typing dirties the notebook, so the app's own debounced save path writes the
  whole 10 MB file (at least every 0.75 s while edits keep coming, in a thread);
  ``Notebook._write`` is wrapped in this process to count and time those writes, and the count
  that ran during the typing is reported. After the typing the app quits and the note on disk
  is checked to end with the typed text.
- preview, pure: ``infoview_tui.markdown_render.render`` on the same 10 KB and 100 KB notes
  (median of several runs, in this process, no app), and the preview worker's whole job
  (``render_preview``: render, wrap to 29 columns, make the ``Strip`` lines).
- preview, toggle key -> painted: in the same app, after the typing, ``ctrl+r`` (the notes
  pane is 40 columns wide here, so the preview takes the text's place) timed to the first
  frame showing the note's first heading, rendered (without its "#"), at the top of the pane;
  the toggle is pressed again to close it and repeated (5 times; ``--quick``: 3).
- typing with the preview open: in the 10 KB run only, the preview is opened side by side in
  a wide terminal (400x40: the notes pane, about a quarter of the width, is then >= 100
  columns), the preview is scrolled to its end (where the typing goes; it stays at its end
  as lines are added), and ``--keys`` / 3 characters are typed the same way; each is timed
  to its paint in the text, and the time from the last key to the first frame whose last
  preview line shows the last line typed is recorded (it includes the 0.2 s the preview
  waits after a key, RENDER_DELAY_SECONDS; the count is raised by a key or two so that the
  last character typed is not a space, which the preview would not show). No goal.

``--profile`` adds a pass of 100 KB typing after the figures (not in the table) with
cProfile running inside the key handling and frame updates (``Screen._on_timer_update``,
``MainScreen._notes_edited``, ``TextArea._on_key``).

Prints a table and writes bench/out/notes.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, fmt_ms, machine, print_goal_table, write_json
from list_bench import CLOCK, FrameLog, stats
from make_notebook import make_notebook

from infoview_tui.app import create_app
from infoview_tui.markdown_render import render
from infoview_tui.notebook import Notebook
from infoview_tui.screens.main import MainScreen
from infoview_tui.widgets.markdown_editor import (
    RENDER_DELAY_SECONDS,
    MarkdownEditor,
    MarkdownPreview,
    render_preview,
)
from infoview_tui.widgets.notes_editor import NotesEditor

SIZE = (120, 40)
WIDE = (400, 40)
KEY_SPACING_S = 0.08
LINE_CHARS = 24
NOTEBOOK = dict(interviews=1_000, note_bytes=5_000)

PURE_WRAP_COLUMNS = 29
"""The notes pane's preview width at 120x40 (for the worker's pure timing)."""

GOAL_PREVIEW_10K_MS = 100.0
GOAL_TYPING_P95_MS = 16.0

TYPED = "the quick brown fox jumps over the lazy dog while notes save "

SECTION = """## Section {n}: what I learned

Met **someone {n}** from the *research team*; they moved into the field through a
fellowship and recommend learning `SQL` before applying. See [their post](https://example.org/{n}).

- most of the week is interviews, synthesis and writing
- fewer meetings than expected
  - planning on Mondays
  - reviews on Fridays
- [ ] send the thank-you note
- [x] ask who else to talk to

> The hardest skill was explaining trade-offs to people outside the team.

1. Read about service design
2. Ask about the first year

<!-- hint: what surprised you? -->

| Question | Answer |
|----------|--------|
| Team size | 12 |
| Remote | yes |

"""


def note_of(size: int) -> str:
    """A markdown note of ``size`` characters (ASCII) that starts with a heading."""
    parts = ["# Bench note\n\n"]
    n = 1
    while sum(len(p) for p in parts) < size:
        parts.append(SECTION.format(n=n))
        n += 1
    return "".join(parts)[:size].rstrip() + "\n"


# ----- counting the saves --------------------------------------------------------------------


class SaveLog:
    """Wraps ``Notebook._write`` (the thread that writes the whole file) in this process."""

    def __init__(self) -> None:
        self.writes: list[tuple[float, float]] = []
        self._original = Notebook.__dict__["_write"]

    def install(self) -> None:
        original = self._original

        def write(notebook: Notebook, snapshot: Any) -> None:
            start = time.perf_counter()
            try:
                original(notebook, snapshot)
            finally:
                self.writes.append((start, time.perf_counter()))

        Notebook._write = write  # type: ignore[method-assign]

    def uninstall(self) -> None:
        Notebook._write = self._original  # type: ignore[method-assign]

    def during(self, t0: float, t1: float) -> list[float]:
        """ms of the writes that started between t0 and t1."""
        return [(b - a) * 1000 for a, b in self.writes if t0 <= a <= t1]


# ----- the app -------------------------------------------------------------------------------


def typed_line_shows(y: int, x_start: int, x_cursor: int, line: str) -> Callable[[FrameLog], bool]:
    def shows(frames: FrameLog) -> bool:
        return frames.row(y, x_start, x_cursor).endswith(line)

    return shows


def top_shows(region: Any, text: str) -> Callable[[FrameLog], bool]:
    def shows(frames: FrameLog) -> bool:
        return frames.row(region.y, region.x, region.right).strip().startswith(text)

    return shows


def preview_ends_with(region: Any, line: str) -> Callable[[FrameLog], bool]:
    """The last line with text in the preview pane shows ``line``."""

    def shows(frames: FrameLog) -> bool:
        rows = [row for row in frames.rows(region) if row.strip()]
        return bool(rows) and line in rows[-1]

    return shows


class Profiler:
    """--profile: cProfile inside the key handling and the frame updates."""

    def __init__(self) -> None:
        self.profile = cProfile.Profile()
        self._patches: list[tuple[type, str, Any]] = []
        self._depth = 0

    def install(self) -> None:
        from textual.screen import Screen
        from textual.widgets import TextArea

        for cls, name in (
            (Screen, "_on_timer_update"),
            (MainScreen, "_notes_edited"),
            (TextArea, "_on_key"),
        ):
            original = cls.__dict__[name]
            setattr(cls, name, self._wrap(original))
            self._patches.append((cls, name, original))

    def uninstall(self) -> None:
        for cls, name, original in self._patches:
            setattr(cls, name, original)

    def _wrap(self, original: Any) -> Any:
        import inspect

        if inspect.iscoroutinefunction(original):

            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                self._enter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    self._leave()

            return timed_async

        def timed(*args: Any, **kwargs: Any) -> Any:
            self._enter()
            try:
                return original(*args, **kwargs)
            finally:
                self._leave()

        return timed

    def _enter(self) -> None:
        self._depth += 1
        if self._depth == 1:
            self.profile.enable()

    def _leave(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.profile.disable()

    def report(self, lines: int = 25) -> str:
        out = io.StringIO()
        for order in ("cumulative", "tottime"):
            out.write(f"\n--- cProfile, top {lines} by {order} ---\n")
            pstats.Stats(self.profile, stream=out).strip_dirs().sort_stats(order).print_stats(lines)
        return out.getvalue()


async def type_keys(
    pilot: Any,
    log: FrameLog,
    editor: MarkdownEditor,
    keys: int,
) -> tuple[list[float | None], str, float, float, float]:
    """Type ``keys`` characters (a new line every LINE_CHARS); returns the ms per character,
    the text typed, and the perf_counter at the start, at the end and at the last key."""
    area = editor.text_area
    await pilot.press("enter")
    await pilot.pause()
    typed = "\n"
    line = ""
    samples: list[float | None] = []
    started = time.perf_counter()
    t0 = started
    for k in range(keys):
        if len(line) >= LINE_CHARS:
            await pilot.press("enter")
            await pilot.pause()
            typed += "\n"
            line = ""
        ch = TYPED[k % len(TYPED)]
        key = "space" if ch == " " else ch
        mark = log.mark()
        t0 = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        line += ch
        typed += ch
        x, y = area.cursor_screen_offset
        x0 = area.content_region.x
        painted = log.first_showing(mark, typed_line_shows(y, x0, x, line))
        samples.append(None if painted is None else (painted - t0) * 1000)
        await asyncio.sleep(max(0.0, t0 + KEY_SPACING_S - time.perf_counter()))
    return samples, typed, started, time.perf_counter(), t0


async def bench_note(
    db: Path, size: int, keys: int, toggles: int, saves: SaveLog, wide_keys: int
) -> dict[str, Any]:
    note = note_of(size)
    result: dict[str, Any] = {"note_chars": len(note)}

    app = create_app(db, CLOCK, cursor_blink=False, start_screen="contacts")
    log = FrameLog(app, SIZE)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.notebook is not None
            screen = app.screen
            assert isinstance(screen, MainScreen)
            editor = screen.query_one(NotesEditor)
            contact_id = editor.contact_id
            assert contact_id is not None
            app.notebook.set_contact_notes(contact_id, note)
            editor.show(app.notebook.contacts[contact_id])
            await pilot.press("n")
            editor.focus_editor(end=True)
            await pilot.pause(1.5)  # let the first save of the new note finish
            log.first_showing(log.mark(), lambda _f: False)
            assert app.focused is editor.text_area, app.focused
            gc.collect()

            samples, typed, t0, t1, _last = await type_keys(pilot, log, editor, keys)
            await pilot.pause(1.2)  # the last debounced save
            result["typing_ms"] = stats(samples)
            result["typing_samples_ms"] = samples
            during = saves.during(t0, t1)
            result["saves_during_typing"] = len(during)
            result["save_write_ms"] = stats(list(during))
            result["typing_seconds"] = t1 - t0

            # Preview toggle -> painted (narrow pane: the preview takes the text's place).
            pane = editor.query_one(MarkdownPreview)
            toggle_ms: list[float | None] = []
            for _ in range(toggles):
                mark = log.mark()
                start = time.perf_counter()
                await pilot.press("ctrl+r")
                painted = None
                deadline = start + 5.0
                while painted is None and time.perf_counter() < deadline:
                    await pilot.pause(0.01)
                    if editor.preview_current:
                        painted = log.first_showing(
                            mark, top_shows(pane.content_region, "Bench note")
                        )
                toggle_ms.append(None if painted is None else (painted - start) * 1000)
                result["preview_width"] = pane.wrap_width
                await pilot.press("ctrl+r")
                await pilot.pause(0.2)
                log.first_showing(log.mark(), lambda _f: False)
            result["toggle_to_preview_painted_ms"] = stats(toggle_ms)
            await pilot.press("ctrl+q")
            await pilot.pause()
    finally:
        log.close()
        if app.notebook is not None:
            app.notebook.close()
    stored = Notebook.open(db, CLOCK)
    try:
        on_disk = stored.contacts[contact_id].notes
    finally:
        stored.close()
    result["typed_text_on_disk"] = on_disk.endswith(typed)

    if wide_keys:
        result["preview_open"] = await bench_preview_open(db, contact_id, wide_keys)
    return result


async def bench_preview_open(db: Path, contact_id: int, keys: int) -> dict[str, Any]:
    """Typing with the preview open beside the text (a wide terminal)."""
    app = create_app(db, CLOCK, cursor_blink=False, start_screen="contacts")
    log = FrameLog(app, WIDE)
    out: dict[str, Any] = {}
    try:
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            editor = app.screen.query_one(NotesEditor)
            await pilot.press("n")
            editor.focus_editor(end=True)
            await pilot.pause()
            out["editor_columns"] = editor.size.width
            await pilot.press("ctrl+r")
            await pilot.pause(1.0)
            out["side_by_side"] = editor.text_area.display and editor.preview_open
            # The typing goes at the end of the note: watch the preview's end (it stays there
            # as lines are added).
            pane = editor.query_one(MarkdownPreview)
            pane.scroll_end(animate=False, immediate=True)
            await pilot.pause(0.3)
            log.first_showing(log.mark(), lambda _f: False)
            # End on a character the preview shows (a trailing space is not), so no render
            # made before the last key can already look like the one after it.
            while TYPED[(keys - 1) % len(TYPED)] == " ":
                keys += 1
            samples, typed, _t0, _t1, last_key = await type_keys(pilot, log, editor, keys)
            out["typing_ms"] = stats(samples)
            # The last key's own frames are already seen (the preview is redrawn at least
            # RENDER_DELAY_SECONDS after it): from here on, the first frame whose last line
            # of the preview is the last line typed.
            last_line = typed.rsplit("\n", 1)[-1].strip()
            shows = preview_ends_with(pane.scrollable_content_region, last_line)
            mark = log.mark()
            painted = None
            deadline = last_key + 5.0
            while painted is None and time.perf_counter() < deadline:
                await pilot.pause(0.01)
                painted = log.first_showing(mark, shows)
            out["last_key_to_preview_ms"] = None if painted is None else (painted - last_key) * 1000
            out["preview_delay_ms"] = RENDER_DELAY_SECONDS * 1000
            if painted is None:  # what the pane held instead, for the JSON
                out["preview_not_seen"] = {
                    "last_line": last_line,
                    "scroll_y": pane.scroll_y,
                    "max_scroll_y": pane.max_scroll_y,
                    "current": editor.preview_current,
                    "last_lines": [strip.text for strip in pane.lines[-3:]],
                    "rows_on_screen": log.rows(pane.scrollable_content_region)[-3:],
                }
            await pilot.press("ctrl+q")
            await pilot.pause()
    finally:
        log.close()
        if app.notebook is not None:
            app.notebook.close()
    return out


def pure_render(size: int, runs: int) -> dict[str, Any]:
    note = note_of(size)
    times = []
    worker = []
    for _ in range(runs):
        start = time.perf_counter()
        render(note)
        times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        render_preview(note, {}, PURE_WRAP_COLUMNS)
        worker.append((time.perf_counter() - start) * 1000)
    return {
        "runs": runs,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "worker_median_ms": statistics.median(worker),
        "worker_columns": PURE_WRAP_COLUMNS,
    }


# ----- report -----------------------------------------------------------------------------


def figures_of(notes: dict[str, Any], pure: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(figure: str, value: str, goal: str = "", meets: bool | None = None, **raw: Any) -> None:
        rows.append({"figure": figure, "value": value, "goal": goal, "meets": meets, **raw})

    for label, r in notes.items():
        t = r["typing_ms"]
        failed = f", {t['failed']} not seen" if t["failed"] else ""
        is_goal = label == "100 KB"
        add(
            f"typing key -> painted, p50 / p95 / max ({label} note, saves running)",
            f"{fmt_ms(t['median'])} / {fmt_ms(t['p95'])} / {fmt_ms(t['max'])} "
            f"(n={t['n']}{failed}; {r['saves_during_typing']} saves of the notebook, "
            f"{fmt_ms(r['save_write_ms']['median'])} each)",
            f"p95 <= {GOAL_TYPING_P95_MS:g} ms" if is_goal else "",
            (t["p95"] is not None and t["p95"] <= GOAL_TYPING_P95_MS and not t["failed"])
            if is_goal
            else None,
            stats=t,
            saves=r["saves_during_typing"],
        )
    for label, p in pure.items():
        is_goal = label == "10 KB"
        add(
            f"preview render() time, median ({label})",
            fmt_ms(p["median_ms"]),
            f"<= {GOAL_PREVIEW_10K_MS:g} ms" if is_goal else "",
            p["median_ms"] <= GOAL_PREVIEW_10K_MS if is_goal else None,
            value_ms=p["median_ms"],
        )
        add(
            f"preview worker's job (render + wrap to {p['worker_columns']} columns + strips), "
            f"median ({label}; in a thread, off the key path)",
            fmt_ms(p["worker_median_ms"]),
            value_ms=p["worker_median_ms"],
        )
    for label, r in notes.items():
        s = r["toggle_to_preview_painted_ms"]
        is_goal = label == "10 KB"
        add(
            f"preview key (ctrl+r) -> preview painted, median / max ({label})",
            f"{fmt_ms(s['median'])} / {fmt_ms(s['max'])} (n={s['n']}"
            + (f", {s['failed']} not seen)" if s["failed"] else ")"),
            f"<= {GOAL_PREVIEW_10K_MS:g} ms" if is_goal else "",
            (s["max"] is not None and s["max"] <= GOAL_PREVIEW_10K_MS and not s["failed"])
            if is_goal
            else None,
            stats=s,
        )
    for label, r in notes.items():
        if "preview_open" in r:
            o = r["preview_open"]
            t = o["typing_ms"]
            add(
                f"typing key -> painted with the preview open beside it, p50 / p95 ({label})",
                f"{fmt_ms(t['median'])} / {fmt_ms(t['p95'])} (n={t['n']}); last key -> "
                f"preview updated {fmt_ms(o['last_key_to_preview_ms'])} (of which "
                f"{fmt_ms(o['preview_delay_ms'])} is the wait after the last key)",
                stats=t,
            )
    return rows


async def run(args: argparse.Namespace) -> int:
    keys = args.keys or (80 if args.quick else 300)
    toggles = 3 if args.quick else 5
    runs = 3 if args.quick else 10
    sizes = {"10 KB": 10_000, "100 KB": 100_000}
    pure = {
        label: pure_render(size, runs if size < 50_000 else max(3, runs // 2))
        for label, size in sizes.items()
    }
    notes: dict[str, Any] = {}
    saves = SaveLog()
    profile_text = None
    with tempfile.TemporaryDirectory(prefix="infoview-notes-bench-") as tmp:
        started = time.perf_counter()
        db = Path(tmp) / "notebook.json"
        make_notebook(db, contacts=args.contacts, **NOTEBOOK)
        mb = db.stat().st_size / 1e6
        print(
            f"notebook: {args.contacts:,} contacts, {NOTEBOOK['interviews']:,} interviews, "
            f"{mb:.1f} MB, made in {time.perf_counter() - started:.1f} s; headless "
            f"{SIZE[0]}x{SIZE[1]}",
            flush=True,
        )
        saves.install()
        try:
            for label, size in sizes.items():
                print(f"{label} note: typing {keys} keys, preview toggles", flush=True)
                wide = keys // 3 if size == 10_000 else 0
                notes[label] = await bench_note(db, size, keys, toggles, saves, wide)
                gc.collect()
            if args.profile:
                print("--profile: 100 KB typing under cProfile", flush=True)
                profiler = Profiler()
                profiler.install()
                try:
                    await bench_note(db, 100_000, keys // 2, 0, saves, 0)
                finally:
                    profiler.uninstall()
                profile_text = profiler.report()
        finally:
            saves.uninstall()
        notebook_mb = mb

    rows = figures_of(notes, pure)
    print()
    print_goal_table(rows)
    for label, r in notes.items():
        print(
            f"{label}: {r['typing_seconds']:.1f} s of typing, {r['saves_during_typing']} saves "
            f"ran meanwhile (write {fmt_ms(r['save_write_ms']['median'])} median, "
            f"{fmt_ms(r['save_write_ms']['max'])} max, in a thread); typed text on disk after "
            f"quitting: {r['typed_text_on_disk']}; preview {r.get('preview_width')} columns."
        )
    if profile_text:
        print(profile_text)
    path = write_json(
        "notes.json",
        {
            "what": "notes editor: typing latency while saving, markdown preview render time",
            "quick": args.quick,
            "keys": keys,
            "size": f"{SIZE[0]}x{SIZE[1]}",
            "notebook_mb": notebook_mb,
            "contacts": args.contacts,
            "goal": {"preview_10k_ms": GOAL_PREVIEW_10K_MS, "typing_p95_ms": GOAL_TYPING_P95_MS},
            "figures": rows,
            "notes": notes,
            "pure_render": pure,
            "profile": profile_text,
            "goals_not_met": [r["figure"] for r in rows if r["meets"] is False],
            "method": __doc__,
            "machine": machine(),
        },
    )
    print(f"wrote {path.relative_to(REPO)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="80 keys per note, fewer runs")
    parser.add_argument("--keys", type=int, default=0, help="characters typed per note (300)")
    parser.add_argument("--contacts", type=int, default=10_000, help="contacts in the notebook")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile a pass of typing in the 100 KB note"
    )
    args = parser.parse_args(argv)
    return asyncio.run(run(args))


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
