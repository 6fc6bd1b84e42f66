"""How long importing LinkedIn's Connections.csv takes at 10,000 rows (goal: <= 3 s).

    python bench/import_bench.py [--runs 5] [--rows 10000] [--quick]

A realistic Connections.csv is generated deterministically (fixed seed): LinkedIn's notes
preamble and blank line, CRLF line ends, Unicode names, companies and positions with commas
and quotes, an email for about a quarter of the rows, "12 Mar 2024" dates. Then, each run in
a fresh temp folder, timed in this process:

- parse: ``read_import`` (read, decode, csv, every row through the model's validation);
- apply: ``apply_import`` into the notebook (duplicate indexes, ``Notebook.add_contact``...);
- flush: ``Notebook.flush()``, the atomic write of the notebook file;
- total: the three together. The goal applies to the slowest run.

Three cases: into an empty notebook; the same file again into that notebook (every row a
duplicate: all skipped); and a later export (1,000 people gone, 1,000 new, 1,000 with an
email they did not have before: added, merged, skipped) into a notebook holding the first.

Prints a table and writes bench/out/import.json.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, summary, write_json

from infoview_tui.formats import apply_import, read_import
from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook

GOAL_MS = 3000.0
SEED = 20261123
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def words(text: str) -> list[str]:
    return text.split()


FIRST = words(
    "Ada Aiko Amara Ana Bjørn Camille Chen Chloé Dmitri Elif Emma Fatima Gabriel Grace Hana "
    "Ibrahim Inès Ivan Jae-won James José Julia Kwame Lars Léa Li Lucía Łukasz Maya Mehmet "
    "Mia Mohammed Nadia Noah Nguyễn Olga Omar Priya Rafael Ravi Sakura Samuel Siobhán Sofia "
    "Søren Tomás Wei Yara Zoë Ólafur"
)
LAST = words(
    "Adeyemi Andersen Bauer Chen Cohen da-Silva Dubois Fernández García Gupta Hansen Haddad "
    "Herrera Ivanova Jensen Kim Kowalski Larsen López Mensah Müller Nakamura Nowak O'Brien "
    "Okafor Park Petrova Raman Rossi Santos Schmidt Shah Smith Suzuki Tanaka Taylor Weber "
    "Wiśniewski Yılmaz Zhang Ångström"
)
COMPANIES = [
    "Acme, Inc.",
    "Northwind Health",
    'The "Blue" Company',
    "Cobalt Freight",
    "Greenfield Energy",
    "Lumen Learning Co.",
    "Ørsted A/S",
    "Shah & Cole LLP",
    "Musée des Sciences",
    "Pixel Harbor",
    "Valley Clinic",
    "City of Accra",
    "",
] + [f"Company {n}, Ltd" for n in range(60)]
POSITIONS = [
    "Software Engineer",
    "Senior Product Manager, Growth",
    'Head of "Special Projects"',
    "Data Scientist",
    "UX Researcher",
    "Founder & CEO",
    "Nurse Practitioner",
    "Policy Advisor – Transport",
    "Student",
    "",
]
MONTHS = words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")


def slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum()) or "x"


def make_rows(rng: random.Random, count: int, start: int = 0) -> list[list[str]]:
    rows = []
    for n in range(start, start + count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        url = f"https://www.linkedin.com/in/{slug(first)}-{slug(last)}-{n:05x}"
        email = f"{slug(first)}.{slug(last)}{n}@example.com" if rng.random() < 0.25 else ""
        when = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"
        rows.append([first, last, url, email, rng.choice(COMPANIES), rng.choice(POSITIONS), when])
    return rows


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return (PREAMBLE + buffer.getvalue()).encode("utf-8")


def later_export(rng: random.Random, rows: list[list[str]]) -> list[list[str]]:
    """The same network a while later: 1,000 gone, 1,000 new, 1,000 with a new email."""
    share = max(1, len(rows) // 10)
    kept = [list(r) for r in rows[share:]]
    without_email = [r for r in kept if not r[3]]
    for row in rng.sample(without_email, min(share, len(without_email))):
        row[3] = f"{slug(row[0])}.{slug(row[1])}.new{rng.randint(0, 10**9)}@example.org"
    return kept + make_rows(rng, share, start=len(rows) + 1)


def timed_import(db: Path, source: Path) -> dict[str, Any]:
    notebook = Notebook.open(db, system_clock)
    try:
        t0 = time.perf_counter()
        plan = read_import(source, "linkedin")
        t1 = time.perf_counter()
        result = apply_import(notebook, plan)
        t2 = time.perf_counter()
        error = notebook.flush()
        t3 = time.perf_counter()
        assert error is None, error
    finally:
        notebook.close()
    return {
        "parse": (t1 - t0) * 1000,
        "apply": (t2 - t1) * 1000,
        "flush": (t3 - t2) * 1000,
        "total": (t3 - t0) * 1000,
        "counts": {"added": result.added, "merged": result.merged, "skipped": result.skipped},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="2 runs instead of 5")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else args.runs

    rng = random.Random(SEED)
    rows = make_rows(rng, args.rows)
    first, second = to_csv(rows), to_csv(later_export(rng, rows))

    cases: dict[str, list[dict[str, Any]]] = {"empty": [], "again": [], "later": []}
    with tempfile.TemporaryDirectory(prefix="infoview-import-") as tmp:
        folder = Path(tmp)
        (folder / "Connections.csv").write_bytes(first)
        (folder / "Connections-later.csv").write_bytes(second)
        for run in range(runs):
            db = folder / f"run{run}" / "notebook.json"
            cases["empty"].append(timed_import(db, folder / "Connections.csv"))
            cases["again"].append(timed_import(db, folder / "Connections.csv"))
            later_db = folder / f"later{run}" / "notebook.json"
            later_db.parent.mkdir()
            later_db.write_bytes(db.read_bytes())
            cases["later"].append(timed_import(later_db, folder / "Connections-later.csv"))
        notebook_bytes = db.stat().st_size

    labels = {
        "empty": f"import {args.rows:,} LinkedIn rows into an empty notebook",
        "again": f"the same {args.rows:,} rows again (all duplicates)",
        "later": f"a later export ({args.rows:,} rows) into that notebook",
    }
    figures = []
    print(f"LinkedIn import, {args.rows:,} rows, {runs} runs; goal: total <= {GOAL_MS:.0f} ms")
    print(f"{'case':<58} {'parse':>7} {'apply':>7} {'flush':>7} {'total':>7} {'worst':>7}  counts")
    for key, results in cases.items():
        stats = {part: summary([r[part] for r in results]) for part in ("parse", "apply", "flush")}
        total = summary([r["total"] for r in results])
        meets = total["max"] <= GOAL_MS
        counts = results[0]["counts"]
        figures.append(
            {
                "figure": labels[key],
                "unit": "ms",
                "goal": f"<= {GOAL_MS:.0f} ms (slowest run)",
                "infoview": {**total, "meets": meets},
                "parts": stats,
                "counts": counts,
            }
        )
        print(
            f"{labels[key]:<58} {stats['parse']['median']:>7.0f} {stats['apply']['median']:>7.0f}"
            f" {stats['flush']['median']:>7.0f} {total['median']:>7.0f} {total['max']:>7.0f}"
            f"  {counts}"
        )
    print("(medians in ms; worst = slowest run's total)")

    path = write_json(
        "import.json",
        {
            "what": "LinkedIn Connections.csv import: parse + apply + flush, in process, ms",
            "quick": args.quick,
            "rows": args.rows,
            "runs": runs,
            "csv_bytes": len(first),
            "notebook_bytes": notebook_bytes,
            "goal": {"total_ms": GOAL_MS},
            "figures": figures,
            "goals_not_met": [f["figure"] for f in figures if not f["infoview"]["meets"]],
            "method": __doc__,
            "machine": machine(),
        },
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
