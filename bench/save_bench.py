"""How long a save takes, and how long it blocks the event loop, at 1 MB and 10 MB.

    python bench/save_bench.py [--runs 10]

For each size a notebook is generated with bench/make_notebook.py in a temp folder, then:

- flush: wall time of ``Notebook.flush()`` (the synchronous save used on quit), after
  changing one contact's notes each time; median and p95 over the runs.
- loop block: while ``await notebook.save_async()`` runs, a task sleeps 1 ms in a loop and
  records how much later than asked it woke up; the largest such gap is the longest time the
  loop (the UI) could not run. Median and max over the runs. "cold" is the first save after
  opening the file (no record has its JSON cached yet): it allocates a lot, which can start a
  full garbage collection that holds the GIL; "cold+freeze" is the same after ``gc.freeze()``
  (what an app can do once the notebook is loaded). Goal: <= 16 ms (one frame at 60 Hz).
- snapshot: ``Notebook.snapshot()``, the part of save_async that runs on the loop itself.

Prints a table and writes bench/out/save.json.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_notebook import make_notebook

from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "save.json"
GOAL_MS = 16.0
SIZES = {
    "1 MB": dict(contacts=1_000, interviews=100, note_bytes=4_000),
    "10 MB": dict(contacts=10_000, interviews=1_000, note_bytes=4_000),
}


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def touch(notebook: Notebook, run: int) -> None:
    """One edit, as a user typing in a contact's notes would make."""
    contact_id = 1 + (run * 7919) % len(notebook.contacts)
    notebook.set_contact_notes(contact_id, f"edited in run {run}\n\n- a new line of notes")


async def longest_block(notebook: Notebook) -> tuple[float, float, str | None]:
    """Run save_async beside a 1 ms ticker; return (largest late wake-up, save time, error)."""
    tick = 0.001
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(tick)
            gaps.append(time.perf_counter() - before - tick)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0.02)  # let the ticker settle
    gaps.clear()
    started = time.perf_counter()
    error = await notebook.save_async()
    took = time.perf_counter() - started
    done.set()
    await task
    return max(gaps, default=0.0), took, error


async def idle_block(seconds: float = 0.2) -> float:
    """The same ticker with nothing else running: the floor of what can be measured."""
    worst = 0.0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        before = time.perf_counter()
        await asyncio.sleep(0.001)
        worst = max(worst, time.perf_counter() - before - 0.001)
    return worst


def bench_size(folder: Path, label: str, runs: int) -> dict[str, object]:
    path = folder / label.replace(" ", "") / "notebook.json"
    path.parent.mkdir()
    started = time.perf_counter()
    make_notebook(path, **SIZES[label])
    made = time.perf_counter() - started
    size = path.stat().st_size

    started = time.perf_counter()
    notebook = Notebook.open(path, system_clock)
    opened = time.perf_counter() - started
    try:
        # Cold: the first save after opening serialises every record.
        touch(notebook, 0)
        cold_block, cold_save, error = asyncio.run(longest_block(notebook))
        assert error is None, error

        flushes = []
        for run in range(1, runs + 1):
            touch(notebook, run)
            started = time.perf_counter()
            error = notebook.flush()
            flushes.append(time.perf_counter() - started)
            assert error is None, error

        async def warm_runs() -> tuple[list[float], list[float], float]:
            idle = await idle_block()
            blocks, saves = [], []
            for run in range(runs + 1, 2 * runs + 1):
                touch(notebook, run)
                block, took, error = await longest_block(notebook)
                assert error is None, error
                blocks.append(block)
                saves.append(took)
            return blocks, saves, idle

        blocks, saves, idle = asyncio.run(warm_runs())

        snapshots = []
        for run in range(2 * runs + 1, 3 * runs + 1):
            touch(notebook, run)
            started = time.perf_counter()
            notebook.snapshot()
            snapshots.append(time.perf_counter() - started)
    finally:
        notebook.close()
    records = {name: len(found) for name, found in notebook.tables.items()}

    notebook = Notebook.open(path, system_clock)
    gc.collect()
    gc.freeze()
    try:
        touch(notebook, 3 * runs + 1)
        frozen_block, _, error = asyncio.run(longest_block(notebook))
        assert error is None, error
    finally:
        gc.unfreeze()
        notebook.close()

    return {
        "size": label,
        "file_bytes": size,
        "records": records,
        "generate_s": round(made, 2),
        "open_ms": ms(opened),
        "flush_ms": {"median": ms(statistics.median(flushes)), "p95": ms(p95(flushes))},
        "save_async_ms": {"median": ms(statistics.median(saves)), "max": ms(max(saves))},
        "loop_block_ms": {
            "median": ms(statistics.median(blocks)),
            "max": ms(max(blocks)),
            "cold": ms(cold_block),
            "cold_after_gc_freeze": ms(frozen_block),
            "idle_floor": ms(idle),
        },
        "cold_save_async_ms": ms(cold_save),
        "snapshot_ms": {"median": ms(statistics.median(snapshots)), "max": ms(max(snapshots))},
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="infoview-save-") as folder:
        results = [bench_size(Path(folder), label, args.runs) for label in SIZES]

    print(f"save latency and event-loop block ({args.runs} runs each; goal: block <= {GOAL_MS} ms)")
    head = (
        f"{'size':>6} {'bytes':>11} {'open':>7} {'flush med':>9} {'flush p95':>9} "
        f"{'async med':>9} {'block med':>9} {'block max':>9} {'cold':>6} {'cold+freeze':>11} "
        f"{'idle':>5} "
        f"{'snapshot':>8}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        block = r["loop_block_ms"]
        print(
            f"{r['size']:>6} {r['file_bytes']:>11,} {r['open_ms']:>7.1f} "
            f"{r['flush_ms']['median']:>9.1f} {r['flush_ms']['p95']:>9.1f} "
            f"{r['save_async_ms']['median']:>9.1f} "
            f"{block['median']:>9.2f} {block['max']:>9.2f} {block['cold']:>6.2f} "
            f"{block['cold_after_gc_freeze']:>11.2f} "
            f"{block['idle_floor']:>5.2f} {r['snapshot_ms']['median']:>8.3f}"
        )
    print("(all times in ms; block = longest late wake-up of a 1 ms ticker during save_async)")
    worst = max(max(r["loop_block_ms"]["max"], r["loop_block_ms"]["cold"]) for r in results)
    verdict = "meets" if worst <= GOAL_MS else "MISSES"
    print(f"worst loop block {worst:.2f} ms: {verdict} the {GOAL_MS:g} ms goal")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps({"goal_ms": GOAL_MS, "worst_block_ms": worst, "sizes": results}, indent=2) + "\n"
    )
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
