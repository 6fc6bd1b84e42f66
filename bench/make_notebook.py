"""Make a big, realistic, deterministic notebook for benchmarks.

    python bench/make_notebook.py OUT [--contacts 10000] [--interviews 1000] [--note-bytes 5000]

Everything goes through ``Notebook`` (add_contact, add_interview, add_question, then one
flush), so the file is exactly what infoview itself writes. The same arguments and seed give
the same bytes. About 1 MB: ``--contacts 1000 --interviews 100 --note-bytes 4000``;
about 10 MB: ``--note-bytes 4000`` (10,000 contacts, 1,000 interviews); the defaults ~11 MB.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview_tui.model import FrozenClock, Stage
from infoview_tui.notebook import Notebook

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _fields(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


FIRST = _words(
    "Maya Tomás Priya Jonas Aiko Samuel Léa Ravi Elena Grace Omar Hannah Zoë Kwame Ana "
    "Yusuf Sofia Mateo Ingrid Chen Wei Fatima Lukas Amara Diego Noor Olga Pedro Sanna "
    "Tariq Yuki Björn Chiara Dmitri Esther Farah Giulia Hiroshi Imani Jamal Katarzyna "
    "Lars Mei Nikhil"
)
LAST = _words(
    "Okafor Herrera Raman Weber Tanaka Mensah Dubois Shah Petrova Liu Haddad Becker Fuchs "
    "Asante Silva Demir Rossi García Nilsson Wang Zhang Al-Sayed Müller Nwosu López "
    "Karimi Ivanova Souza Virtanen Aziz Sato Lindqvist Bianchi Volkov Cohen Haddad Romano "
    "Suzuki Mwangi Jackson Nowak Hansen Lin Gupta O'Brien Ng Kowalski Schmidt Moreau Park"
)
ROLES = (
    "Data engineer",
    "UX researcher",
    "Product manager",
    "Policy advisor",
    "Nurse practitioner",
    "Urban planner",
    "Museum educator",
    "Patent attorney",
    "Game designer",
    "Science journalist",
    "Sustainability analyst",
    "Hospital pharmacist",
    "Software engineer",
    "Grant writer",
    "Operations lead",
    "Clinical researcher",
)
ORG_A = _words("Northwind Cobalt Lumen Greenfield Pixel Harbor Valley Summit Atlas Juniper Orbit")
ORG_B = _words("Health Freight Learning Energy Labs Clinic Partners Foundation Studio Systems")
FIELDS = _fields("Health tech|Logistics|Education|Energy|Law|Games|Media|Public sector|Museums")
PLACES = _words("Leeds Madrid Remote Berlin Osaka Accra Lyon London Tallinn Toronto Amman Vienna")
MET = ("Alumni network", "LinkedIn", "Meetup", "Conference", "Career fair", "Former colleague")
TAGS = _words("ux data health climate policy product media law games education cities science")
WORDS = _words(
    "the team hires people who can explain trade-offs clearly and she suggested reading "
    "about service design before applying; most of the week is interviews synthesis "
    "planning and writing, with fewer meetings than expected. He moved from research into "
    "industry through a fellowship, and recommends learning SQL, statistics and how "
    "budgets are made. Ask who owns each input, what a good first year looks like, and "
    "which skills were hardest to learn"
)


def prose(rng: random.Random, size: int) -> str:
    """Markdown notes of at most ``size`` bytes: a heading, bullet points, some paragraphs."""
    parts = [f"# Notes {rng.randrange(1000)}\n\n## What I learned\n"]
    length = len(parts[0])
    while True:
        n = rng.randrange(8, 24)
        sentence = " ".join(rng.choices(WORDS, k=n)).capitalize() + "."
        line = f"- {sentence}\n" if rng.random() < 0.6 else f"\n{sentence} {sentence}\n\n"
        length += len(line.encode())
        if length > size:
            return "".join(parts)
        parts.append(line)


def make_notebook(
    path: Path,
    contacts: int = 10_000,
    interviews: int = 1_000,
    note_bytes: int = 5_000,
    questions: int = 60,
    seed: int = 1,
) -> Path:
    """Write a notebook with the given numbers of records to ``path`` (which must not exist)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; make_notebook writes new notebooks only")
    rng = random.Random(seed)
    clock = FrozenClock(START)
    notebook = Notebook.open(path, clock)
    notebook.device_tag = 0  # ids from the frozen clock alone: the same bytes every time
    made: list[int] = []  # contact ids in the order added (schema 3 ids are not 1, 2, 3, ...)
    try:
        stages = list(Stage)
        for i in range(contacts):
            clock.advance(rng.randrange(60, 4000))
            first, last = rng.choice(FIRST), rng.choice(LAST)
            org = f"{rng.choice(ORG_A)} {rng.choice(ORG_B)}"
            today = clock().date()
            referred_by = made[rng.randrange(1, i + 1) - 1] if i and rng.random() < 0.15 else None
            has_notes = rng.random() < 0.15
            added = notebook.add_contact(
                name=f"{first} {last}",
                role=rng.choice(ROLES),
                organization=org,
                field=rng.choice(FIELDS),
                location=rng.choice(PLACES),
                emails=(f"{first}.{last}{i}@example.org".lower().replace("'", ""),),
                phones=(f"+44 20 7946 {i % 10000:04d}",) if rng.random() < 0.4 else (),
                linkedin=f"linkedin.com/in/{first}-{last}-{i}".lower().replace("'", ""),
                how_we_met=rng.choice(MET),
                referred_by=referred_by,
                tags=tuple(rng.sample(TAGS, rng.randrange(0, 4))),
                stage=rng.choice(stages),
                research_notes=prose(rng, 250) if rng.random() < 0.05 else "",
                notes=prose(rng, rng.randrange(100, 600)) if has_notes else "",
                next_action=rng.choice(("Follow up", "Send thanks", "Ask for intro", "")),
                next_action_date=(today + timedelta(days=rng.randrange(-5, 30))).isoformat(),
                last_contact=(today - timedelta(days=rng.randrange(0, 90))).isoformat(),
            )
            made.append(added.id)
        for _ in range(interviews):
            clock.advance(rng.randrange(60, 4000))
            when = clock() + timedelta(days=rng.randrange(-30, 30))
            notebook.add_interview(
                contact_id=made[rng.randrange(1, contacts + 1) - 1],
                when=when.replace(minute=0, second=0, tzinfo=None).isoformat(timespec="minutes"),
                mode=rng.choice(("phone", "video", "in_person")),
                agreed_minutes=rng.choice((15, 20, 30, 45)),
                place=rng.choice(PLACES),
                status=rng.choice(("planned", "done", "done", "cancelled")),
                notes=prose(rng, note_bytes),
            )
        for q in range(questions):
            notebook.add_question(
                text=f"Question {q}: " + " ".join(rng.choices(WORDS, k=10)) + "?",
                topic=rng.choice(("career", "day-to-day", "industry", "advice")),
                tags=tuple(rng.sample(TAGS, 2)),
            )
        error = notebook.flush()
        if error:
            raise OSError(error)
    finally:
        notebook.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the notebook file to write (must not exist)")
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interviews", type=int, default=1_000)
    parser.add_argument("--note-bytes", type=int, default=5_000, help="size of interview notes")
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        make_notebook(
            args.out, args.contacts, args.interviews, args.note_bytes, args.questions, args.seed
        )
    except FileExistsError as exc:
        print(f"make_notebook: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    size = args.out.stat().st_size
    print(
        f"{args.out}: {args.contacts:,} contacts, {args.interviews:,} interviews, "
        f"{size:,} bytes ({size / 1e6:.1f} MB) in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
