"""The one benchmark command: run every benchmark, then print one table of figures and goals.

    python bench/run_all.py [--quick] [--only NAME ...] [--no-run]

Runs, each as a subprocess with this interpreter and in this order, whichever of
bench/save_bench.py, bench/first_frame.py, bench/kill_bench.py, bench/list_bench.py,
bench/import_bench.py, bench/call_bench.py and bench/notes_bench.py exist (``--quick`` is
passed to those whose ``--help`` mentions it), then reads bench/out/*.json and prints one
table: figure, value, goal, meets goal. A result file whose shape this script does not know
is printed as raw JSON. Writes bench/out/summary.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH, OUT, REPO, machine, print_goal_table, write_json

SCRIPTS = {
    # script: the JSON file it writes under bench/out
    "save_bench.py": "save.json",
    "first_frame.py": "first_frame.json",
    "kill_bench.py": "kill.json",
    "e2e_kill_bench.py": "e2e_kill.json",
    "list_bench.py": "list.json",
    "import_bench.py": "import.json",
    "call_bench.py": "call.json",
    "notes_bench.py": "notes.json",
}

Row = dict[str, Any]
"""figure, value, goal, meets (True/False/None), source"""


# ----- running ---------------------------------------------------------------------------


def supports(script: Path, flag: str) -> bool:
    done = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0 and flag in done.stdout


def run_scripts(names: list[str], quick: bool) -> list[dict[str, Any]]:
    runs = []
    for name in names:
        script = BENCH / name
        if not script.exists():
            runs.append({"script": name, "ran": False, "reason": "not there"})
            continue
        argv = [sys.executable, str(script)]
        if quick:
            if supports(script, "--quick"):
                argv.append("--quick")
            else:
                print(f"run_all: {name} has no --quick; running it in full", flush=True)
        out = OUT / SCRIPTS[name]
        before = out.stat().st_mtime_ns if out.exists() else None
        print(f"\n=== {' '.join([name, *argv[2:]])}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=REPO, check=False)
        elapsed = time.perf_counter() - started
        after = out.stat().st_mtime_ns if out.exists() else None
        runs.append(
            {
                "script": name,
                "ran": True,
                "argv": argv[1:],
                "returncode": done.returncode,
                "seconds": round(elapsed, 1),
                "wrote_result": after is not None and after != before,
            }
        )
    return runs


# ----- reading the results ---------------------------------------------------------------


def ms(value: Any) -> str:
    if not isinstance(value, int | float):
        return "-"
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def med_p95(stats: dict[str, Any], key_hi: str = "p95") -> str:
    """'median / p95' ('median / max max' for another upper figure)."""
    hi = stats.get(key_hi)
    if hi is None:
        return ms(stats.get("median"))
    label = "" if key_hi == "p95" else f" {key_hi}"
    return f"{ms(stats.get('median'))} / {ms(hi)}{label}"


def rows_first_frame(data: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    subjects = data["subjects"]
    goal = data.get("goal", {})
    for name, s in subjects.items():
        failed = f", {s['failed']} failed" if s.get("failed") else ""
        rows.append(
            {
                "figure": f"first frame, {name}",
                "value": f"{med_p95(s)} (n={s.get('n')}{failed})",
                "goal": "",
                "meets": None,
            }
        )
    for name, ratio in data["ratios"].items():
        is_goal = name == goal.get("figure")
        rows.append(
            {
                "figure": f"first frame ratio {name} (medians)",
                "value": "-" if ratio is None else f"{ratio:.2f}x",
                "goal": f"<= {goal['max_ratio']}x" if is_goal else "",
                "meets": goal.get("met") if is_goal else None,
            }
        )
    for name, s in data.get("load_without_ui_ms", {}).items():
        rows.append(
            {
                "figure": f"Notebook.open + close, {name} (no UI)",
                "value": med_p95(s),
                "goal": "",
                "meets": None,
            }
        )
    for name, s in data.get("import_ms", {}).items():
        rows.append(
            {"figure": f"python -c 'import {name}'", "value": med_p95(s), "goal": "", "meets": None}
        )
    return rows


def rows_save(data: dict[str, Any]) -> list[Row]:
    goal = data["goal_ms"]
    rows: list[Row] = []
    for size in data["sizes"]:
        label = size["size"]
        rows.append(
            {
                "figure": f"save: flush, {label}",
                "value": med_p95(size["flush_ms"]),
                "goal": "",
                "meets": None,
            }
        )
        block = size["loop_block_ms"]
        worst = max(block["max"], block.get("cold", 0))
        cold = f", cold {ms(block['cold'])}" if "cold" in block else ""
        rows.append(
            {
                "figure": f"save: event-loop block, {label}",
                "value": f"{med_p95(block, 'max')}{cold}",
                "goal": f"<= {goal:g} ms",
                "meets": worst <= goal,
            }
        )
    return rows


def rows_kill(data: dict[str, Any]) -> list[Row]:
    trials = data["trials"]
    rows: list[Row] = []
    for key, label in (
        ("unreadable_files", "unreadable files"),
        ("inconsistent_files", "inconsistent files"),
        ("still_locked_after_kill", "still locked after kill"),
    ):
        if key in data:
            rows.append(
                {
                    "figure": f"kill -9: {label}",
                    "value": f"{data[key]} of {trials} kills",
                    "goal": "0",
                    "meets": data[key] == 0,
                }
            )
    if "killed_saves_leaving_temp_file" in data:
        rows.append(
            {
                "figure": "kill -9: kills that landed mid-save",
                "value": f"{data['killed_saves_leaving_temp_file']} of {trials}",
                "goal": "",
                "meets": None,
            }
        )
    return rows


def rows_e2e_kill(data: dict[str, Any]) -> list[Row]:
    """kill -9 of the app in tmux while typing a note: the worst loss, and unreadable files."""
    worst = data["worst_loss_s"]
    return [
        {
            "figure": f"kill -9 while typing (tmux), {data['ran']} trials: worst loss",
            "value": "-" if worst is None else f"{worst:.2f} s ({data['worst_loss_chars']} chars)",
            "goal": f"<= {data['goal_s']:g} s",
            "meets": data["met"],
        },
        {
            "figure": "kill -9 while typing (tmux): unreadable files",
            "value": f"{data['unreadable_files']} of {data['ran']} kills",
            "goal": "0",
            "meets": data["unreadable_files"] == 0,
        },
    ]


def rows_list(data: dict[str, Any]) -> list[Row]:
    """infoview's contact list and, for comparison (no goal), an OptionList of the same rows."""
    rows: list[Row] = []
    for f in data["figures"]:
        for subject, label in (
            ("infoview", ", infoview"),
            ("optionlist", ", OptionList"),
            ("bare", ""),
        ):
            s = f.get(subject)
            if not s:
                continue
            failed = f", {s['failed']} failed" if s.get("failed") else ""
            if f["unit"] == "MB":
                value = f"{s['median']:.1f} MB" if s["median"] is not None else "-"
            else:
                value = med_p95(s)
            is_goal = subject == "infoview" and bool(f["goal"])
            rows.append(
                {
                    "figure": f"list: {f['figure']}{label}",
                    "value": f"{value} (n={s.get('n')}{failed})",
                    "goal": f["goal"] if is_goal else "",
                    "meets": s.get("meets") if is_goal else None,
                }
            )
    return rows


def rows_import(data: dict[str, Any]) -> list[Row]:
    """LinkedIn import: total time of parse + apply + flush per case (goal on the slowest)."""
    rows: list[Row] = []
    for f in data["figures"]:
        s = f["infoview"]
        rows.append(
            {
                "figure": f"import: {f['figure']}",
                "value": f"{med_p95(s, 'max')} (n={s.get('n')})",
                "goal": f["goal"],
                "meets": s.get("meets"),
            }
        )
    return rows


def rows_call(data: dict[str, Any]) -> list[Row]:
    """The live call: countdown error under a blocked loop (infoview, and a naive tick counter
    for contrast, no goal), key press -> tick painted. call_bench.py formats the values."""
    return [
        {
            "figure": f"call: {f['figure']}",
            "value": f["value"],
            "goal": f["goal"],
            "meets": f["meets"],
        }
        for f in data["figures"]
    ]


def rows_notes(data: dict[str, Any]) -> list[Row]:
    """The notes editor: typing key -> painted in 10 KB / 100 KB notes while the 10 MB
    notebook saves (goal: p95 <= 16 ms at 100 KB), preview render time (goal: 10 KB <= 100 ms).
    notes_bench.py formats the values."""
    return [
        {
            "figure": f"notes: {f['figure']}",
            "value": f["value"],
            "goal": f["goal"],
            "meets": f["meets"],
        }
        for f in data["figures"]
    ]


READERS: dict[str, Callable[[dict[str, Any]], list[Row]]] = {
    "first_frame.json": rows_first_frame,
    "save.json": rows_save,
    "kill.json": rows_kill,
    "e2e_kill.json": rows_e2e_kill,
    "list.json": rows_list,
    "import.json": rows_import,
    "call.json": rows_call,
    "notes.json": rows_notes,
}


def read_results(runs: list[dict[str, Any]]) -> tuple[list[Row], dict[str, Any]]:
    """Rows for the table, and the raw JSON of any file whose shape is not known."""
    stale = {SCRIPTS[r["script"]] for r in runs if r.get("ran") and not r["wrote_result"]}
    rows: list[Row] = []
    unknown: dict[str, Any] = {}
    known = [OUT / name for name in SCRIPTS.values()]
    others = sorted(set(OUT.glob("*.json")) - set(known))
    for path in [p for p in known if p.exists()] + others:
        if path.name == "summary.json":
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            rows.append(
                {"figure": path.name, "value": f"unreadable: {exc}", "goal": "", "meets": None}
            )
            continue
        reader = READERS.get(path.name)
        try:
            found = reader(data) if reader else None
        except (KeyError, TypeError, ValueError, AttributeError):
            found = None
        if not found:
            unknown[path.name] = data
            continue
        for row in found:
            row["source"] = path.name
            if path.name in stale:
                row["figure"] += " [STALE: not rewritten by this run]"
        rows.extend(found)
    return rows, unknown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs, where supported")
    parser.add_argument(
        "--only", nargs="+", choices=list(SCRIPTS), help="run only these scripts (default: all)"
    )
    parser.add_argument(
        "--no-run", action="store_true", help="only read bench/out/*.json and print the table"
    )
    args = parser.parse_args(argv)

    names = args.only or list(SCRIPTS)
    runs = [] if args.no_run else run_scripts(names, args.quick)
    rows, unknown = read_results(runs)

    print("\n=== summary")
    if rows:
        print_goal_table(rows, "value (median / p95)")
    for name, data in unknown.items():
        print(f"\n{name} (shape not known to run_all; raw JSON):")
        print(json.dumps(data, indent=2, ensure_ascii=False))
    failed = [r for r in runs if r.get("ran") and r["returncode"] != 0]
    for r in runs:
        if not r.get("ran"):
            print(f"\n{r['script']}: {r['reason']}, not run")
        elif r["returncode"] != 0:
            print(f"\n{r['script']} exited with {r['returncode']}")
    missed = [r["figure"] for r in rows if r["meets"] is False]
    if missed:
        print(f"\ngoals not met: {len(missed)}")

    path = write_json(
        "summary.json",
        {
            "quick": args.quick,
            "scripts": runs,
            "rows": rows,
            "unknown_results": sorted(unknown),
            "goals_not_met": missed,
            "machine": machine(),
        },
    )
    print(f"wrote {path.relative_to(REPO)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
