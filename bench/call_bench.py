"""The live call under a blocked event loop, and key press -> checklist tick painted.

    python bench/call_bench.py [--quick] [--minutes 2] [--presses 60] [--profile]

One run writes the sample notebook (``write_sample``, real clock) to a temp folder and opens
it in the real app (``create_app`` with ``infoview_tui.model.system_clock``), headless at
80x24 (``App.run_test``). ``c`` on the highlighted contact starts a call and opens the call
screen. Then:

- countdown under a blocked loop: for ``--minutes`` (2; ``--quick``: 0.25), an asyncio task on
  the app's own loop calls ``time.sleep(1.5)`` every 5 s (the first at 2.5 s), so the whole
  loop (timers, frames) really stops. Every painted frame is replayed into a character grid
  as it is painted (no frame is held: see ``ClockLog.watch``) and the countdown's big digits
  are read back from the grid (the value as painted, cross-checked against ``Digits.value``
  read at the paint). The truth at each paint is
  worked out independently: agreed seconds - (time.time() at the paint - the call start).
  The call start is the stored ``call.started`` stamp, checked to lie between time.time()
  read just before ``c`` and just after the screen showed. The display rounds up
  (``format_clock``: "29:59" stands for a true remaining in [1798, 1799] s), so a frame's
  error is 0 when the second it shows contains the true value, else the distance to the
  nearer edge. Ticks (``CallScreen.tick``, wrapped in this process to timestamp it) are
  matched to the first frame painted after them. Figures: the worst error of the first tick
  painted after each block ends (the goal), of every tick painted, of every frame (frames
  can repaint before the first tick after a block), of the screen at any moment (what stays
  on screen during a block), and the time from a block's end to the first frame within the
  goal of the truth.
- naive countdown, same blocking: a tiny Textual app with a Digits that shows
  ``format_clock`` of a counter decremented by ``set_interval(1, ...)`` (Textual skips
  missed ticks, as its timers do by default), from the same length as the call; its truth is
  counted from ``set_interval``. No goal: it shows what counting ticks does.
- key press -> tick painted: with the call screen open and the checklist focused, ``space``
  ``--presses`` times (60; ``--quick``: 30) on the highlighted item (it ticks and unticks),
  each timed from just before ``pilot.press`` to the first frame whose grid shows the item's
  new box ("[x]" / "[ ]" after its number); the stored agenda is checked after each press.
  No blocking meanwhile; the call's 0.25 s ticks keep running.

Frames are seen as in bench/list_bench.py (its FrameLog: ``App._display`` wrapped to render,
encode and write each frame to /dev/null, timestamped after the write). Not included: the
real terminal's parsing and drawing, tty write time.

``--profile`` adds a pass of key presses after the figures (not in the table) that times the
handler work (``Notebook.set_agenda`` + ``CallScreen.tick``), the frame updates
(``Screen._on_timer_update``) and GC pauses inside each key's time, and one with cProfile
inside those calls only.

Prints a table and writes bench/out/call.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import io
import math
import pstats
import re
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, fmt_ms, machine, print_goal_table, summary, write_json
from list_bench import FrameLog, Probe, stats
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widgets import Digits

from infoview_tui.app import create_app
from infoview_tui.content.sample import write_sample
from infoview_tui.model import system_clock
from infoview_tui.model.call import format_clock
from infoview_tui.screens.call import CallScreen
from infoview_tui.widgets.checklist import BOXES, Checklist

SIZE = (80, 24)
BLOCK_SECONDS = 1.5
PERIOD_SECONDS = 5.0
FIRST_BLOCK_AT = 2.5
NAIVE_TICK_SECONDS = 1.0

GOAL_ERROR_MS = 100.0
GOAL_KEY_P95_MS = 30.0


# ----- reading the big digits back from the grid -------------------------------------------


def _glyphs() -> dict[tuple[str, str, str], str]:
    """The 3x3 glyph of every character a countdown can show, plain and bold."""
    table: dict[tuple[str, str, str], str] = {}
    for bold in (False, True):
        style = Style(bold=bold)
        for ch in "0123456789:+":
            segments = list(DigitsRenderable(ch, style).render(style))
            lines = "".join(s.text for s in segments if isinstance(s, Segment)).split("\n")
            glyph = tuple(line.ljust(3) for line in lines[:3])
            table[glyph] = ch  # type: ignore[index]
    return table


GLYPHS = _glyphs()


def decode_digits(rows: list[str]) -> str | None:
    """The text shown by Digits in these three grid rows (None if some cells are not a
    glyph)."""
    width = min(len(r) for r in rows)
    out = []
    x = 0
    while x < width:
        piece = tuple(r[x : x + 3].ljust(3) for r in rows)
        ch = GLYPHS.get(piece)  # type: ignore[arg-type]
        if ch is not None:
            out.append(ch)
            x += 3
        elif all(r[x] == " " for r in rows):
            x += 1
        else:
            return None
    return "".join(out)


def seconds_shown(text: str) -> tuple[float, float] | None:
    """The interval of true remaining seconds a ``format_clock`` text stands for."""
    match = re.fullmatch(r"(\+?)(\d+):(\d\d)", text)
    if match is None:
        return None
    whole = int(match[2]) * 60 + int(match[3])
    if match[1]:  # overtime: floor(-remaining) == whole
        return (-whole - 1.0, -float(whole))
    if whole == 0:
        return (0.0, 0.0)
    return (whole - 1.0, float(whole))


def error_ms(text: str | None, true_remaining: float) -> float | None:
    """Signed distance from the true remaining to the interval the display stands for:
    0 inside it, > 0 when the display shows more time left than there is."""
    if text is None or (shown := seconds_shown(text)) is None:
        return None
    low, high = shown
    if true_remaining < low:
        return (low - true_remaining) * 1000
    if true_remaining > high:
        return -(true_remaining - high) * 1000
    return 0.0


# ----- frames with the wall clock and the widget's value ------------------------------------


Reading = tuple[float, float, str | None, str | None]
"""One frame of the countdown: perf_counter and time.time() at the paint, the clock text
read back from the grid, and ``Digits.value`` at the paint."""


class ClockLog(FrameLog):
    """FrameLog that, while ``watch`` is on, replays each frame into the grid as it is painted
    and reads the countdown back from it (so no frame is held: see ``watch``)."""

    def __init__(self, app: App[Any], clock: Callable[[], Digits | None]) -> None:
        super().__init__(app, SIZE)
        self.readings: list[Reading] = []
        self._region: Any = None
        counted = app._display

        def display(screen: Any, renderable: Any) -> None:
            before = len(self.frames)
            counted(screen, renderable)
            if len(self.frames) > before and self._region is not None:
                wall = time.time()
                widget = clock()
                value = None if widget is None else widget.value
                self.replay()
                when = self.frames[-1][0]
                self.readings.append((when, wall, clock_text(self, self._region), value))

        app._display = display  # type: ignore[method-assign]

    def replay(self) -> None:
        """Replay every frame not yet replayed into the grid, and let them go."""
        self.first_showing(len(self.frames), lambda _log: False)

    def watch(self, region: Any) -> None:
        """Read the countdown in ``region`` at every frame from now on. Frames are replayed
        (and dropped) as they come: held for the whole run, the frames' strips (some in
        reference cycles through their caches) would reach the oldest GC generation and
        make its collections, during the run and after, much longer than the app's own."""
        self.replay()
        self.readings = []
        self._region = region

    def unwatch(self) -> list[Reading]:
        self._region = None
        return self.readings


def clock_text(log: FrameLog, region: Any) -> str | None:
    return decode_digits(
        [log.row(y, region.x, region.right) for y in range(region.y, region.y + 3)]
    )


# ----- blocking the loop --------------------------------------------------------------------


async def block_loop(started: float, seconds: float, blocks: list[tuple[float, float]]) -> None:
    """From ``started`` (perf_counter), sleep the whole loop 1.5 s every 5 s while the block
    ends at least 1 s before ``seconds`` are up."""
    k = 0
    while True:
        at = started + FIRST_BLOCK_AT + k * PERIOD_SECONDS
        if at + BLOCK_SECONDS > started + seconds - 1.0:
            return
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        begin = time.perf_counter()
        time.sleep(BLOCK_SECONDS)  # blocking the loop is the point
        blocks.append((begin, time.perf_counter()))
        k += 1


async def blocked_period(seconds: float) -> list[tuple[float, float]]:
    blocks: list[tuple[float, float]] = []
    started = time.perf_counter()
    await block_loop(started, seconds, blocks)
    await asyncio.sleep(max(0.0, started + seconds - time.perf_counter()))
    return blocks


# ----- judging the frames -------------------------------------------------------------------


def judge(
    readings: list[Reading],
    true_remaining: Callable[[float], float],
    ticks: list[tuple[float, float]],
    blocks: list[tuple[float, float]],
) -> dict[str, Any]:
    """Errors of every frame read, of the frames that painted ticks, and around each block's
    end."""
    if not readings:
        raise SystemExit("call_bench: no frames were painted")
    frames = [
        (when, wall, text, error_ms(text, true_remaining(wall)), value)
        for when, wall, text, value in readings
    ]
    unreadable = sum(1 for f in frames if f[3] is None)
    mismatched = sum(1 for f in frames if f[2] is not None and f[2] != f[4])
    times = [f[0] for f in frames]

    def first_frame_after(t: float) -> int | None:
        for i, when in enumerate(times):
            if when >= t:
                return i
        return None

    def abs_err(i: int) -> float | None:
        e = frames[i][3]
        return None if e is None else abs(e)

    # Every tick that painted: the first frame after the tick returned, before the next tick.
    tick_errors: list[float] = []
    unpainted_ticks = 0
    for n, (_t0, t1) in enumerate(ticks):
        i = first_frame_after(t1)
        next_tick = ticks[n + 1][0] if n + 1 < len(ticks) else math.inf
        if i is None or times[i] > next_tick:
            unpainted_ticks += 1
            continue
        if (e := abs_err(i)) is not None:
            tick_errors.append(e)

    per_block = []
    for begin, end in blocks:
        first_tick = next((t for t in ticks if t[0] >= end), None)
        tick_frame = None if first_tick is None else first_frame_after(first_tick[1])
        frame = first_frame_after(end)
        within = next(
            (
                i
                for i in range(frame if frame is not None else len(frames), len(frames))
                if (e := abs_err(i)) is not None and e <= GOAL_ERROR_MS
            ),
            None,
        )
        last_before = max((i for i, t in enumerate(times) if t < begin), default=None)
        per_block.append(
            {
                "block_ms": (end - begin) * 1000,
                "first_tick_after_ms": None if first_tick is None else (first_tick[0] - end) * 1000,
                "first_tick_painted_after_ms": None
                if tick_frame is None
                else (times[tick_frame] - end) * 1000,
                "first_tick_painted_error_ms": None
                if tick_frame is None
                else frames[tick_frame][3],
                "first_frame_after_ms": None if frame is None else (times[frame] - end) * 1000,
                "first_frame_error_ms": None if frame is None else frames[frame][3],
                "first_frame_within_goal_after_ms": None
                if within is None
                else (times[within] - end) * 1000,
                "shown_during_block": None if last_before is None else frames[last_before][2],
                "shown_after_block": None if frame is None else frames[frame][2],
            }
        )

    # What the screen showed at any moment: each frame stays up until the next one, and the
    # error only grows or shrinks linearly in between, so its ends are the worst.
    # Separately for the stretches a block falls in and for the others (between ticks).
    screen_worst = between_worst = 0.0
    for i, (when, wall, text, _e, _v) in enumerate(frames):
        when_end, wall_end = frames[i + 1][:2] if i + 1 < len(frames) else (when, wall)
        blocked = any(when < b1 and when_end > b0 for b0, b1 in blocks)
        for at in (wall, wall_end):
            e = error_ms(text, true_remaining(at))
            if e is not None:
                screen_worst = max(screen_worst, abs(e))
                if not blocked:
                    between_worst = max(between_worst, abs(e))

    after = [b["first_tick_painted_error_ms"] for b in per_block]
    return {
        "frames": len(frames),
        "unreadable_frames": unreadable,
        "frames_where_grid_differs_from_widget_value": mismatched,
        "ticks": len(ticks),
        "unpainted_ticks": unpainted_ticks,
        "blocks": len(blocks),
        "block_ms": summary([b["block_ms"] for b in per_block]),
        "first_tick_after_block_error_ms": stats([None if e is None else abs(e) for e in after]),
        "first_tick_after_block_painted_ms": stats(
            [b["first_tick_painted_after_ms"] for b in per_block]
        ),
        "first_frame_after_block_error_ms": stats(
            [
                None if b["first_frame_error_ms"] is None else abs(b["first_frame_error_ms"])
                for b in per_block
            ]
        ),
        "first_frame_within_goal_after_block_ms": stats(
            [b["first_frame_within_goal_after_ms"] for b in per_block]
        ),
        "tick_error_ms": summary(tick_errors),
        "frame_error_ms": summary([abs(f[3]) for f in frames if f[3] is not None]),
        "screen_worst_error_ms": screen_worst,
        "screen_worst_error_outside_blocks_ms": between_worst,
        "last_shown": frames[-1][2],
        "true_remaining_at_last_frame": true_remaining(frames[-1][1]),
        "per_block": per_block,
    }


# ----- infoview ----------------------------------------------------------------------------


class TickTimes:
    """Wraps ``CallScreen.tick`` (in this process only) to timestamp every call."""

    def __init__(self) -> None:
        self.ticks: list[tuple[float, float]] = []
        self.original = CallScreen.__dict__["tick"]

    def __enter__(self) -> TickTimes:
        original = self.original

        def tick(screen: CallScreen) -> None:
            t0 = time.perf_counter()
            try:
                original(screen)
            finally:
                self.ticks.append((t0, time.perf_counter()))

        CallScreen.tick = tick  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        CallScreen.tick = self.original  # type: ignore[method-assign]


def box_shown(region: Any, number: int, box: str) -> Callable[[FrameLog], bool]:
    """The checklist region shows item ``number`` with ``box`` ("[x]" or "[ ]")."""
    pattern = re.compile(rf"(?<!\d){number:>2} {re.escape(box)} ")

    def shows(log: FrameLog) -> bool:
        return any(pattern.search(row) for row in log.rows(region))

    return shows


async def bench_infoview(
    db: Path, seconds: float, presses: int, probe: Probe | None = None
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with TickTimes() as ticked:
        app = create_app(db, system_clock, cursor_blink=False, start_screen="contacts")
        holder: dict[str, Digits] = {}

        def clock_widget() -> Digits | None:
            return holder.get("clock")

        log = ClockLog(app, clock_widget)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                assert app.notebook is not None
                notebook = app.notebook
                wall_before = time.time()
                await pilot.press("c")
                await pilot.pause()
                wall_after = time.time()
                screen = app.screen
                if not isinstance(screen, CallScreen):
                    raise SystemExit(f"call_bench: c opened {type(screen).__name__}")
                interview = screen.interview
                call = interview.call
                assert call is not None and not call.pauses and call.extra_minutes == 0
                started = datetime.fromisoformat(call.started).timestamp()
                if not wall_before <= started <= wall_after:
                    raise SystemExit("call_bench: the stored call start is outside the bracket")
                total = interview.agreed_minutes * 60.0
                digits = screen.query_one("#clock", Digits)
                holder["clock"] = digits
                region = digits.content_region
                contact = notebook.contacts[interview.contact_id]
                result["call"] = {
                    "contact": contact.name,
                    "agreed_minutes": interview.agreed_minutes,
                    "started": call.started,
                    "start_bracket_ms": (wall_after - wall_before) * 1000,
                    "clock_region": [region.x, region.y, region.width, region.height],
                }

                def true_remaining(wall: float) -> float:
                    return total - (wall - started)

                if seconds > 0:
                    print(f"infoview: blocked loop for {seconds:g} s", flush=True)
                    log.watch(region)
                    first_tick = len(ticked.ticks)
                    blocks = await blocked_period(seconds)
                    await pilot.pause()
                    result["countdown"] = judge(
                        log.unwatch(), true_remaining, ticked.ticks[first_tick:], blocks
                    )

                print(f"infoview: {presses} x space on the checklist", flush=True)
                checklist = screen.query_one(Checklist)
                assert app.focused is checklist, app.focused
                await pilot.pause()
                log.replay()
                key_ms: list[float | None] = []
                wrong = 0
                for _ in range(presses):
                    position = checklist.highlighted
                    index = checklist.current_index()
                    assert position is not None and index is not None
                    before = screen.interview.agenda[index].state
                    start = log.mark()
                    t0 = time.perf_counter()
                    await pilot.press("space")
                    await pilot.pause()
                    state = screen.interview.agenda[index].state
                    new_position = checklist.view.order.index(index)
                    painted = log.first_showing(
                        start, box_shown(checklist.content_region, new_position + 1, BOXES[state])
                    )
                    ms = None if painted is None else (painted - t0) * 1000
                    if state is before:
                        wrong += 1
                        ms = None
                    if probe is not None and painted is not None:
                        probe.keys.append((t0, painted))
                    key_ms.append(ms)
                result["key_to_tick_painted_ms"] = stats(key_ms)
                result["key_samples_ms"] = key_ms
                result["key_wrong_state"] = wrong
                result["item"] = screen.interview.agenda[index].text
                await pilot.press("escape")
                await pilot.pause()
                await pilot.press("q")
        finally:
            log.close()
            if app.notebook is not None:
                app.notebook.close()
    return result


# ----- the naive countdown -----------------------------------------------------------------


class NaiveCountdown(App[None]):
    """Counts the seconds down by ticks, the way a countdown should not."""

    CSS = "#clock { width: auto; min-width: 20; margin: 1 2; }"

    def __init__(self, total: int) -> None:
        super().__init__()
        self.left = total
        self.started = 0.0
        self.ticks: list[tuple[float, float]] = []

    def compose(self) -> ComposeResult:
        yield Digits(format_clock(self.left), id="clock")

    def on_mount(self) -> None:
        self.started = time.time()
        self.set_interval(NAIVE_TICK_SECONDS, self.tick)

    def tick(self) -> None:
        t0 = time.perf_counter()
        self.left -= 1
        self.query_one(Digits).update(format_clock(self.left))
        self.ticks.append((t0, time.perf_counter()))


async def bench_naive(total: int, seconds: float) -> dict[str, Any]:
    app = NaiveCountdown(total)
    holder: dict[str, Digits] = {}
    log = ClockLog(app, lambda: holder.get("clock"))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            digits = app.query_one("#clock", Digits)
            holder["clock"] = digits
            region = digits.content_region
            print(f"naive: blocked loop for {seconds:g} s", flush=True)
            log.watch(region)
            first_tick = len(app.ticks)
            blocks = await blocked_period(seconds)
            await pilot.pause()

            def true_remaining(wall: float) -> float:
                return total - (wall - app.started)

            result = judge(log.unwatch(), true_remaining, app.ticks[first_tick:], blocks)
            result["counted_down"] = total - app.left
            await pilot.press("ctrl+q")
    finally:
        log.close()
    return result


# ----- profile of the key path -------------------------------------------------------------


class KeyProbe(Probe):
    """list_bench's Probe, timing the call screen's key handling instead of the search."""

    def install(self) -> None:
        from textual.screen import Screen

        from infoview_tui.notebook import Notebook

        for cls, name, kind in (
            (Notebook, "set_agenda", "handler"),
            (CallScreen, "tick", "handler"),
            (Screen, "_on_timer_update", "frame"),
        ):
            original = cls.__dict__[name]
            setattr(cls, name, self._wrap(original, self.spans[kind]))
            self._patches.append((cls, name, original))
        gc.callbacks.append(self._gc)


def print_key_probe(timed: Probe, profiled: Probe, lines: int = 12) -> dict[str, Any]:
    budget = timed.budget()
    print(
        "\n--- where key -> tick painted time goes (extra pass, not in the table; "
        "median / p95 per key) ---"
    )
    for kind, label in (
        ("total", "space -> tick painted"),
        ("handler", "handler: Notebook.set_agenda + CallScreen.tick"),
        ("frame", "frame updates: Screen._on_timer_update (layout + render)"),
        ("gc", "  of which GC pauses (inside either of the above)"),
        ("rest", "the rest: key dispatch, waiting for the frame timer, other messages"),
    ):
        median, high = fmt_ms(budget[kind]["median"]), fmt_ms(budget[kind]["p95"])
        print(f"  {label:68} {median:>8} / {high}")
    assert isinstance(profiled.profile, cProfile.Profile)
    out = io.StringIO()
    for order in ("cumulative", "tottime"):
        out.write(f"\n--- cProfile of the handler and frame updates, top {lines} by {order} ---\n")
        pstats.Stats(profiled.profile, stream=out).strip_dirs().sort_stats(order).print_stats(lines)
    print(out.getvalue())
    return {"budget_ms": budget, "cprofile": out.getvalue()}


# ----- report ------------------------------------------------------------------------------


def fmt_stats(s: dict[str, Any], hi: str = "max") -> str:
    failed = f", {s['failed']} failed" if s.get("failed") else ""
    return f"{fmt_ms(s.get('median'))} / {fmt_ms(s.get(hi))} {hi} (n={s.get('n')}{failed})"


def figures_of(infoview: dict[str, Any], naive: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    goal_error = f"<= {GOAL_ERROR_MS:g} ms"

    def add(figure: str, value: str, goal: str = "", meets: bool | None = None, **raw: Any) -> None:
        rows.append({"figure": figure, "value": value, "goal": goal, "meets": meets, **raw})

    for name, c in (("infoview", infoview["countdown"]), ("naive tick counter", naive)):
        is_goal = name == "infoview"
        after = c["first_tick_after_block_error_ms"]
        worst = after["max"]
        meets = (
            worst is not None and worst <= GOAL_ERROR_MS and not after["failed"] and c["blocks"] > 0
        )
        add(
            f"countdown error, first tick painted after each block, max ({name})",
            f"{fmt_ms(worst)} over {c['blocks']} blocks"
            + (f", {after['failed']} not seen" if after["failed"] else ""),
            goal_error if is_goal else "",
            meets if is_goal else None,
            subject=name,
            stats=after,
        )
        add(
            f"countdown error, every tick painted, max ({name})",
            f"{fmt_ms(c['tick_error_ms']['max'])} (n={c['tick_error_ms']['n']})",
            subject=name,
            stats=c["tick_error_ms"],
        )
        add(
            f"countdown error, every frame painted, max ({name})",
            f"{fmt_ms(c['frame_error_ms']['max'])} (n={c['frame_error_ms']['n']})",
            subject=name,
            stats=c["frame_error_ms"],
        )
        add(
            f"countdown error on screen at any moment (blocks too), max ({name})",
            fmt_ms(c["screen_worst_error_ms"]),
            subject=name,
            value_ms=c["screen_worst_error_ms"],
        )
        add(
            f"countdown error on screen outside blocks (between ticks), max ({name})",
            fmt_ms(c["screen_worst_error_outside_blocks_ms"]),
            subject=name,
            value_ms=c["screen_worst_error_outside_blocks_ms"],
        )
        within = c["first_frame_within_goal_after_block_ms"]
        never = within["failed"]
        add(
            f"block end -> first frame within {GOAL_ERROR_MS:g} ms of the truth ({name})",
            (fmt_stats(within) if within["n"] else "-")
            + (f"; never in {never} of {c['blocks']} blocks" if never else ""),
            subject=name,
            stats=within,
        )
    key = infoview["key_to_tick_painted_ms"]
    add(
        "key press (space) -> tick painted, p50 / p95 / max",
        f"{fmt_ms(key['median'])} / {fmt_ms(key['p95'])} / {fmt_ms(key['max'])} "
        f"(n={key['n']}" + (f", {key['failed']} failed)" if key["failed"] else ")"),
        f"p95 <= {GOAL_KEY_P95_MS:g} ms",
        key["p95"] is not None and key["p95"] <= GOAL_KEY_P95_MS and not key["failed"],
        subject="infoview",
        stats=key,
    )
    return rows


async def run(args: argparse.Namespace) -> int:
    minutes = 0.25 if args.quick else args.minutes
    presses = args.presses or (30 if args.quick else 60)
    seconds = minutes * 60
    with tempfile.TemporaryDirectory(prefix="infoview-call-bench-") as tmp:
        db = Path(tmp) / "notebook.json"
        write_sample(db, system_clock)
        infoview = await bench_infoview(db, seconds, presses)
        total = round(infoview["call"]["agreed_minutes"] * 60)
        gc.collect()
        naive = await bench_naive(total, seconds)
        probes = []
        if args.profile:
            for cprofile in (False, True):
                print(f"--profile: key presses, {'cProfile' if cprofile else 'timed'}")
                probe = KeyProbe(cprofile)
                probe.install()
                try:
                    db2 = Path(tmp) / f"profile-{cprofile}.json"
                    write_sample(db2, system_clock)
                    await bench_infoview(db2, 0, presses, probe)
                finally:
                    probe.uninstall()
                probes.append(probe)

    rows = figures_of(infoview, naive)
    print()
    print_goal_table(rows)
    c = infoview["countdown"]
    print(
        f"\n{minutes:g} min per app, {BLOCK_SECONDS:g} s blocks every {PERIOD_SECONDS:g} s "
        f"(time.sleep in a task on the app's loop), headless {SIZE[0]}x{SIZE[1]}, real clock; "
        f"call with {infoview['call']['contact']}, {infoview['call']['agreed_minutes']} min."
    )
    for name, r in (("infoview", c), ("naive", naive)):
        print(
            f"{name}: {r['frames']} frames ({r['unreadable_frames']} unreadable, "
            f"{r['frames_where_grid_differs_from_widget_value']} where the grid differs from "
            f"Digits.value), {r['ticks']} ticks ({r['unpainted_ticks']} without a frame of their "
            f"own); first tick painted {fmt_stats(r['first_tick_after_block_painted_ms'])} after "
            f"a block ends; first frame after a block: error "
            f"{fmt_stats(r['first_frame_after_block_error_ms'])}; last frame shows "
            f"{r['last_shown']} at true {r['true_remaining_at_last_frame']:.2f} s."
        )
    print(f"naive: counted down {naive['counted_down']} s in {seconds:g} s of wall time.")
    profile = print_key_probe(*probes) if probes else None

    path = write_json(
        "call.json",
        {
            "what": "live call: countdown error under a blocked loop, key -> tick painted",
            "quick": args.quick,
            "minutes": minutes,
            "presses": presses,
            "size": f"{SIZE[0]}x{SIZE[1]}",
            "blocking": {
                "block_s": BLOCK_SECONDS,
                "every_s": PERIOD_SECONDS,
                "first_at_s": FIRST_BLOCK_AT,
            },
            "goal": {"error_ms": GOAL_ERROR_MS, "key_p95_ms": GOAL_KEY_P95_MS},
            "figures": rows,
            "subjects": {"infoview": infoview, "naive": naive},
            "profile": profile,
            "goals_not_met": [r["figure"] for r in rows if r["meets"] is False],
            "method": __doc__,
            "machine": machine(),
        },
    )
    print(f"wrote {path.relative_to(REPO)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="0.25 min per blocked run, 30 presses (~35 s in all)"
    )
    parser.add_argument("--minutes", type=float, default=2.0, help="blocked run per app")
    parser.add_argument("--presses", type=int, default=0, help="space presses (default 60)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time and cProfile the work between space and its frame",
    )
    args = parser.parse_args(argv)
    return asyncio.run(run(args))


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
