"""Kill -9 a notebook writer at random moments and count the files that did not survive.

    python bench/kill_bench.py [--trials 200] [--chain 10] [--seed N]

Each trial starts ``tests/kill_child.py`` (it adds a contact, updates notes and calls
``Notebook.flush()`` in a loop), waits for its first save, lets it run a random 0.05-0.4 s
more, then SIGKILLs it and opens the file with ``Notebook.open``. A file is *unreadable* if
the open raises NotebookFileError, *inconsistent* if it opens but is not one complete state
the writer saved. ``--chain`` trials share a file, so each writer also reopens the file a
killed writer left (stale temp file, lock released by the kernel). Writes bench/out/kill.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook
from infoview_tui.store import NotebookFileError, NotebookLockedError

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "kill.json"


def load_child():
    spec = importlib.util.spec_from_file_location("kill_child", ROOT / "tests" / "kill_child.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--chain", type=int, default=10, help="trials per file (default 10)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the kill delays")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    child = load_child()

    unreadable: list[str] = []
    inconsistent: list[str] = []
    locked: list[str] = []
    leftover_temp = 0
    contacts_seen: list[int] = []
    sizes: list[int] = []
    delays: list[float] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="infoview-kill-") as folder:
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = str(Path(folder) / "xdg-data")
        path = Path(folder) / "notebook.json"
        fresh = True
        for trial in range(args.trials):
            if fresh or trial % args.chain == 0:
                path = Path(folder) / f"from-trial-{trial}" / "notebook.json"
                path.parent.mkdir()
                fresh = False
            delay = rng.uniform(0.05, 0.4)
            delays.append(delay)
            child.kill_once(path, delay, env=env)
            leftover_temp += len(list(path.parent.glob(".*.tmp")))
            try:
                notebook = Notebook.open(path, system_clock)
            except NotebookFileError as exc:
                unreadable.append(f"trial {trial}: {exc.reason}")
                fresh = True
                continue
            except NotebookLockedError as exc:
                locked.append(f"trial {trial}: {exc}")
                fresh = True
                continue
            problem = child.check_state(notebook)
            if problem:
                inconsistent.append(f"trial {trial}: {problem}")
                fresh = True
            contacts_seen.append(len(notebook.contacts))
            sizes.append(path.stat().st_size)
            notebook.close()
    elapsed = time.monotonic() - started

    result = {
        "trials": args.trials,
        "unreadable_files": len(unreadable),
        "inconsistent_files": len(inconsistent),
        "still_locked_after_kill": len(locked),
        "killed_saves_leaving_temp_file": leftover_temp,
        "problems": unreadable + inconsistent + locked,
        "seed": seed,
        "chain": args.chain,
        "kill_delay_after_first_save_s": [0.05, 0.4],
        "median_contacts_at_kill": statistics.median(contacts_seen) if contacts_seen else 0,
        "max_file_bytes": max(sizes, default=0),
        "elapsed_s": round(elapsed, 1),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")

    print(f"kill -9 during saves ({args.trials} trials, seed {seed}, {elapsed:.1f} s)")
    print(f"  trials                  {args.trials}")
    print(f"  unreadable files        {len(unreadable)}")
    print(f"  inconsistent files      {len(inconsistent)}")
    print(f"  still locked after kill {len(locked)}")
    print(f"  kills mid-save (temp file left, removed on next open) {leftover_temp}")
    print(f"  median contacts at kill {result['median_contacts_at_kill']}")
    print(f"  largest file            {result['max_file_bytes']:,} bytes")
    for problem in result["problems"][:10]:
        print(f"  ! {problem}")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
