"""Searching every note at 10 MB: the time of one query, as typed letter by letter.

    python bench/note_search_bench.py [--quick] [--notebook PATH]

Makes the benchmark notebook with bench/make_notebook.py in a temp folder (10,000 contacts,
1,000 interviews with 5,000-byte notes, ~11 MB) unless ``--notebook`` names one, opens it
with ``Notebook.open`` and measures ``NoteIndex`` (infoview_tui/model/note_search.py), the code
behind the "Search all notes" screen, without the screen:

- prepare: folding every note once (the first query after opening pays it), and again after
  one edit (only the edited record is folded again; the order is rebuilt).
- per query: each query below is typed a letter at a time ("s", "sq", "sql"), every prefix
  searched as the screen does after its 100 ms debounce; each is run ``--rounds`` times.
  Common words match thousands of lines: the first 200 hits are built, the rest counted.

Prints p50 / p95 per query (and over all of them) in milliseconds (nothing is written).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import fmt_ms, machine, summary
from make_notebook import START, make_notebook

from infoview_tui.model import FrozenClock
from infoview_tui.model.note_search import NoteIndex
from infoview_tui.notebook import Notebook

QUERIES = (
    "sql",
    "service design",
    '"service design"',
    "fellowship budgets",
    "the",
    "zebra",
    "tomás",
)


def prefixes(query: str) -> list[str]:
    return [query[:n] for n in range(1, len(query) + 1) if query[:n].strip()]


def measure(notebook: Notebook, rounds: int) -> dict[str, object]:
    index = NoteIndex()
    started = time.perf_counter()
    index.prepare(notebook.contacts, notebook.interviews, notebook.version)
    cold = (time.perf_counter() - started) * 1000

    first = next(iter(notebook.contacts))
    notebook.set_contact_notes(first, "An edit: about SQL and service design.")
    started = time.perf_counter()
    notes = index.prepare(notebook.contacts, notebook.interviews, notebook.version)
    after_edit = (time.perf_counter() - started) * 1000

    per_query: dict[str, dict[str, object]] = {}
    every: list[float] = []
    for query in QUERIES:
        times: list[float] = []
        final = None
        for _ in range(rounds):
            for typed in prefixes(query):
                started = time.perf_counter()
                final = index.search(
                    notebook.contacts, notebook.interviews, notebook.version, typed
                )
                times.append((time.perf_counter() - started) * 1000)
        assert final is not None
        every += times
        per_query[query] = {**summary(times), "result": final.summary()}
    return {
        "notes": len(notes),
        "prepare_ms": cold,
        "prepare_after_edit_ms": after_edit,
        "queries": per_query,
        "all_keystrokes": summary(every),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", type=Path, help="an existing notebook (else one is made)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a 1 MB notebook, 2 rounds")
    args = parser.parse_args(argv)
    rounds = 2 if args.quick else args.rounds
    with tempfile.TemporaryDirectory() as tmp:
        path = args.notebook
        if path is None:
            path = Path(tmp) / "notebook.json"
            if args.quick:
                make_notebook(path, contacts=1000, interviews=100, note_bytes=4000)
            else:
                make_notebook(path)
        size = path.stat().st_size
        # Work on a copy: the edit above must never reach a notebook given on the command line.
        copy = Path(tmp) / "measured.json"
        copy.write_bytes(path.read_bytes())
        notebook = Notebook.open(copy, FrozenClock(START))
        try:
            result = measure(notebook, rounds)
        finally:
            notebook.store.close()  # type: ignore[union-attr]  # nothing to save: a copy
    result = {"file_bytes": size, "rounds": rounds, "machine": machine(), **result}
    print(f"notebook: {size / 1e6:.1f} MB, {result['notes']:,} notes")
    print(f"prepare (first query): {fmt_ms(result['prepare_ms'])}")  # type: ignore[arg-type]
    print(f"prepare after one edit: {fmt_ms(result['prepare_after_edit_ms'])}")  # type: ignore[arg-type]
    print(f"{'query (typed letter by letter)':34} {'p50':>9} {'p95':>9}  result")
    for query, stats in result["queries"].items():  # type: ignore[attr-defined]
        print(
            f"{query:34} {fmt_ms(stats['median']):>9} {fmt_ms(stats['p95']):>9}  {stats['result']}"
        )
    every = result["all_keystrokes"]
    print(f"{'every keystroke':34} {fmt_ms(every['median']):>9} {fmt_ms(every['p95']):>9}")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())
