"""Small helpers shared by the benchmark scripts: paths, statistics, JSON output."""

from __future__ import annotations

import json
import math
import platform
import statistics
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float | None:
    """95th percentile by nearest rank (with fewer than 20 values this is the maximum)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, Any]:
    """n, median, p95, min, max of a list of numbers (None where there are none)."""
    return {
        "n": len(values),
        "median": median(values),
        "p95": p95(values),
        "min": min(values) if values else None,
        "max": max(values) if values else None,
    }


def machine() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def write_json(name: str, data: Any) -> Path:
    """Write ``data`` to bench/out/NAME (creating the folder) and return the path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def fmt_ms(value: object) -> str:
    """A time in ms (to 0.1 ms below 100), or "-" for a figure that is missing."""
    if not isinstance(value, int | float):
        return "-"
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def print_goal_table(rows: list[dict[str, Any]], value_head: str = "value") -> None:
    """Print rows of {figure, value, goal, meets} as one aligned table: figure, value, goal,
    and whether it meets the goal (yes / NO / - where there is no goal)."""
    table = [("figure", value_head, "goal", "meets goal")]
    for r in rows:
        meets = "-" if r["meets"] is None else "yes" if r["meets"] else "NO"
        table.append((r["figure"], r["value"], r["goal"] or "-", meets))
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    for n, line in enumerate(table):
        cells = zip(line, widths, strict=True)
        print("  ".join(cell.ljust(width) for cell, width in cells).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))
