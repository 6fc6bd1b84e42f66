"""How long imports take: LinkedIn's Connections.csv at 10,000 rows (goal: <= 3 s) and a
vCard file of 5,000 cards with photos (goal: <= 10 s), in process and in the app.

    python bench/import_bench.py [--runs 5] [--rows 10000] [--cards 5000] [--quick]

A realistic Connections.csv is generated deterministically (fixed seed): LinkedIn's notes
preamble and blank line, CRLF line ends, Unicode names, companies and positions with commas
and quotes, an email for about a quarter of the rows, "12 Mar 2024" dates, and about 3 %
rows with no name (``,,,,,,05 Feb 2024``: LinkedIn's hidden profiles, left out). Then, each
run in a fresh temp folder, timed in this process:

- parse: ``read_import`` (read, decode, csv, every row through the model's validation);
- apply: ``apply_import`` into the notebook (duplicate indexes, ``Notebook.add_contact``...);
- flush: ``Notebook.flush()``, the atomic write of the notebook file;
- total: the three together. The goal applies to the slowest run.

Three cases: into an empty notebook; the same file again into that notebook (every row a
duplicate: all unchanged); and a later export (1,000 people gone, 1,000 new, 1,000 with an
email they did not have before: added, merged, unchanged) into a notebook holding the first.

A fourth: 5,000 vCards as phones and address books write them (half vCard 2.1 with
quoted-printable names and notes and a base64 photo on indented lines, half vCard 3.0 with an
``ENCODING=b`` photo and ``item1.`` groups; photos of 8 KB), into an empty notebook.

Then both files once through the app itself, as a person does it: the import dialog (Read,
then Import), the file read and the import applied in worker threads with the progress bar;
timed from Read until the Import button is ready plus from the Import press until the dialog
says it is done (the save follows a moment later, off the key path), with the progress values
the bar showed on the way (sampled every 20 ms: it must move, not jump from 0 to done).

Prints a table and writes bench/out/import.json.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import csv
import io
import quopri
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
VCARD_GOAL_MS = 10_000.0
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
        if rng.random() < 0.03:  # a hidden or closed profile: no name, no URL
            rows.append(["", "", "", "", "", "", f"{rng.randint(1, 28):02d} Feb 2024"])
            continue
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


PHOTO = base64.b64encode(random.Random(7).randbytes(8 * 1024)).decode()


def qp(text: str) -> str:
    return quopri.encodestring(text.encode("utf-8")).decode("ascii").replace("=\n", "=\r\n")


def make_cards(rng: random.Random, count: int) -> bytes:
    """``count`` vCards, half 2.1 (quoted-printable, indented base64 photo), half 3.0."""
    cards: list[str] = []
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{slug(first)}.{slug(last)}{n}@example.com"
        company, position = rng.choice(COMPANIES), rng.choice(POSITIONS)
        if n % 2:
            photo = "\r\n".join("  " + PHOTO[i : i + 72] for i in range(0, len(PHOTO), 72))
            cards.append(
                "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(last)};{qp(first)};;;\r\n"
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(first + ' ' + last)}\r\n"
                f"TEL;CELL;PREF:+1 555 {n:07d}\r\nEMAIL;INTERNET:{email}\r\n"
                f"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(company)}\r\n"
                f"TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(position)}\r\n"
                "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
                f"{qp('Met at the meetup. Knows the field well; ask about mentoring. ' * 2)}\r\n"
                f"PHOTO;ENCODING=BASE64;JPEG:\r\n{photo}\r\n\r\nEND:VCARD\r\n"
            )
        else:
            folded = "\r\n ".join(PHOTO[i : i + 74] for i in range(0, len(PHOTO), 74))
            company, position = company.replace(",", "\\,"), position.replace(",", "\\,")
            cards.append(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"N:{last};{first};;;\r\nFN:{first} {last}\r\n"
                f"item1.EMAIL;TYPE=INTERNET:{email}\r\nitem1.X-ABLabel:work\r\n"
                f"TEL;TYPE=CELL:+44 7700 {n:06d}\r\nORG:{company};Research\r\n"
                f"TITLE:{position}\r\nBDAY:1990-01-{n % 28 + 1:02d}\r\n"
                f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD\r\n"
            )
    return "".join(cards).encode("utf-8")


def timed_import(db: Path, source: Path, fmt: str = "linkedin") -> dict[str, Any]:
    notebook = Notebook.open(db, system_clock)
    try:
        t0 = time.perf_counter()
        plan = read_import(source, fmt)
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
        "counts": {
            "added": result.added,
            "merged": result.merged,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
            "left out": result.left_out,
        },
    }


async def _in_app(db: Path, source: Path) -> dict[str, Any]:
    """One import through the app's dialog, as a person does it; see the module docstring."""
    from textual.widgets import Button, Input, ProgressBar, Static

    from infoview_tui.app import create_app
    from infoview_tui.screens.import_export import ImportScreen

    app = create_app(db, system_clock, cursor_blink=False, start_screen="contacts")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.push_screen(ImportScreen(app.notebook))  # type: ignore[arg-type]
            await pilot.pause()
            screen = app.screen
            screen.query_one("#import-path", Input).value = str(source)
            t_read = time.perf_counter()
            await pilot.press("enter")
            button = screen.query_one("#import", Button)
            while button.disabled:
                await pilot.pause(0.02)
            reading = (time.perf_counter() - t_read) * 1000
            status = screen.query_one("#import-status", Static)
            bar = screen.query_one(ProgressBar)
            seen: list[float] = []  # the bar's fraction done, each time it changed
            t0 = time.perf_counter()
            button.press()
            while "Imported" not in str(status.render()):
                fraction = bar.percentage
                if fraction is not None and fraction not in seen[-1:]:
                    seen.append(fraction)
                await asyncio.sleep(0.02)
            elapsed = (time.perf_counter() - t0) * 1000
            contacts = len(app.notebook.contacts)  # type: ignore[union-attr]
    finally:
        if app.notebook is not None:
            app.notebook.close()
        app.store.close()
    moving = sorted({p for p in seen if 0 < p < 1})
    return {
        "ms": reading + elapsed,
        "read_ms": reading,
        "import_ms": elapsed,
        "contacts": contacts,
        "progress_values_seen": len(moving),
    }


def in_app(db: Path, source: Path) -> dict[str, Any]:
    return asyncio.run(_in_app(db, source))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--cards", type=int, default=5_000)
    parser.add_argument("--no-app", action="store_true", help="skip the runs through the app")
    parser.add_argument("--quick", action="store_true", help="2 runs instead of 5")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else args.runs

    rng = random.Random(SEED)
    rows = make_rows(rng, args.rows)
    first, second = to_csv(rows), to_csv(later_export(rng, rows))
    cards = make_cards(rng, args.cards)

    cases: dict[str, list[dict[str, Any]]] = {"empty": [], "again": [], "later": [], "vcard": []}
    app_runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="infoview-import-") as tmp:
        folder = Path(tmp)
        (folder / "Connections.csv").write_bytes(first)
        (folder / "Connections-later.csv").write_bytes(second)
        (folder / "contacts.vcf").write_bytes(cards)
        for run in range(runs):
            cases["vcard"].append(
                timed_import(folder / f"vcf{run}" / "notebook.json", folder / "contacts.vcf", None)
            )
            db = folder / f"run{run}" / "notebook.json"
            cases["empty"].append(timed_import(db, folder / "Connections.csv"))
            cases["again"].append(timed_import(db, folder / "Connections.csv"))
            later_db = folder / f"later{run}" / "notebook.json"
            later_db.parent.mkdir()
            later_db.write_bytes(db.read_bytes())
            cases["later"].append(timed_import(later_db, folder / "Connections-later.csv"))
        notebook_bytes = db.stat().st_size
        if not args.no_app:
            app_runs["linkedin"] = in_app(
                folder / "app1" / "notebook.json", folder / "Connections.csv"
            )
            app_runs["vcard"] = in_app(folder / "app2" / "notebook.json", folder / "contacts.vcf")

    labels = {
        "empty": f"import {args.rows:,} LinkedIn rows into an empty notebook",
        "again": f"the same {args.rows:,} rows again (all duplicates)",
        "later": f"a later export ({args.rows:,} rows) into that notebook",
        "vcard": f"{args.cards:,} vCards with photos ({len(cards) / 1e6:.0f} MB) into an empty one",
    }
    goals = {"empty": GOAL_MS, "again": GOAL_MS, "later": GOAL_MS, "vcard": VCARD_GOAL_MS}
    figures = []
    print(
        f"Imports, {runs} runs; goal: total <= {GOAL_MS:.0f} ms for LinkedIn, "
        f"<= {VCARD_GOAL_MS:.0f} ms for the vCards"
    )
    print(f"{'case':<58} {'parse':>7} {'apply':>7} {'flush':>7} {'total':>7} {'worst':>7}  counts")
    for key, results in cases.items():
        stats = {part: summary([r[part] for r in results]) for part in ("parse", "apply", "flush")}
        total = summary([r["total"] for r in results])
        meets = total["max"] <= goals[key]
        counts = results[0]["counts"]
        figures.append(
            {
                "figure": labels[key],
                "unit": "ms",
                "goal": f"<= {goals[key]:.0f} ms (slowest run)",
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
    for key, result in app_runs.items():
        goal = GOAL_MS if key == "linkedin" else VCARD_GOAL_MS
        label = labels["empty" if key == "linkedin" else "vcard"] + ", in the app"
        meets = result["ms"] <= goal and result["progress_values_seen"] >= 3
        figures.append(
            {
                "figure": label,
                "unit": "ms",
                "goal": f"<= {goal:.0f} ms, the progress bar moving",
                "infoview": {**summary([result["ms"]]), "meets": meets},
                "progress_values_seen": result["progress_values_seen"],
                "contacts": result["contacts"],
            }
        )
        print(
            f"{label:<58} {result['ms']:>7.0f} ms (read {result['read_ms']:.0f}, import "
            f"{result['import_ms']:.0f}); the progress bar showed "
            f"{result['progress_values_seen']} values between 0 and done"
        )

    path = write_json(
        "import.json",
        {
            "what": "LinkedIn and vCard imports: parse + apply + flush in process, and in the app",
            "quick": args.quick,
            "rows": args.rows,
            "runs": runs,
            "csv_bytes": len(first),
            "notebook_bytes": notebook_bytes,
            "goal": {"total_ms": GOAL_MS, "vcard_total_ms": VCARD_GOAL_MS},
            "vcard_bytes": len(cards),
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
