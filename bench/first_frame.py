"""First painted frame of ``infoview --db`` against a bare Textual app, in a real terminal (tmux).

Each run starts one program in a new detached tmux session of fixed size (120x40) and polls
``capture-pane`` until the screen shows a marker proving the whole first frame is painted:

* bare app (bench/bare_app.py): "bare app ready" and the footer's "Quit";
* infoview on the sample notebook and on a generated 10,000-contact notebook, started as a
  user starts it (``--start auto``): whichever real first screen it shows. The 10,000-contact
  notebook twice: cold ("10k": no start view, as on the very first start) and as on every
  other start ("10k+view": with the start view quitting leaves, see infoview_tui/start_view.py;
  the goal's figure). The contact list:
  the first contact's name both in the list and in the details pane, and "Quit" in the footer.
  The Today screen (pushed on top of the list at start when anything is due, as it is in both
  notebooks on most days): the name of the agenda's first item, worked out by the harness
  from the notebook with ``build_agenda`` at the same clock, and "Quit" in the footer. Each
  run records which of the two it saw (``first_screen``).

The time is from asking tmux to start the program to the first capture showing the marker, so
it includes Python start-up, imports, loading the notebook and Textual's first paint. Subjects
are interleaved (bare, sample, 10k, bare, sample, 10k, ...) in one run. tmux is driven through
one control-mode client (``tmux -C``), so a poll costs a fraction of a millisecond rather than
a process start; the measured polling interval is reported as the resolution.

Each app is quit with q, its session killed if it is still there, and its process waited for
before the next run. Every run gets a fresh copy of its notebook and a fresh XDG_DATA_HOME.
The programs cache their bytecode in a temp folder (``--bytecode cached``, the default), so
after the untimed warm-up round they start like an installed app, whatever
PYTHONDONTWRITEBYTECODE says; the repo is never written to.

Also measured: loading each notebook without the UI (``Notebook.open`` then ``close``), and the
time for a bare ``import`` of Textual and of the app, to show where the time goes.

    python bench/first_frame.py [--runs 7] [--quick] [--profile]

Writes bench/out/first_frame.json.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import BENCH, REPO, fmt_ms, machine, summary, write_json

from infoview_tui.model import system_clock
from infoview_tui.notebook import Notebook
from infoview_tui.start_view import write_view
from tests.e2e.tmux import Tmux, pid_alive  # the tmux driver, shared with tests/e2e

WIDTH, HEIGHT = 120, 40
GOAL_RATIO_10K = 1.6
CONTACTS_10K = 10_000
READY_TIMEOUT = 60.0
QUIT_TIMEOUT = 10.0


# ----- subjects --------------------------------------------------------------------------


@dataclass
class Subject:
    name: str
    ready: Callable[[list[str]], bool]
    command: Callable[[Path], list[str]]
    """The argv to run, given a fresh scratch folder for this run."""
    notebook: Path | None = None
    results: list[dict[str, Any]] = field(default_factory=list)
    seen: Callable[[list[str]], str] | None = None
    """Names the first screen a run showed ("today" or "contacts"), for infoview."""


def bare_ready(lines: list[str]) -> bool:
    return any("bare app ready" in line for line in lines) and footer_ready(lines)


def footer_ready(lines: list[str]) -> bool:
    footer = next((line for line in reversed(lines) if line.strip()), "")
    return "Quit" in footer


def infoview_ready(first_name: str) -> Callable[[list[str]], bool]:
    """The first contact's name in the list (left third) and in the details (middle third)."""
    # The list truncates names (about 20 cells at 120 columns), so look for a prefix.
    prefix = first_name[:16]
    split = WIDTH // 3

    def ready(lines: list[str]) -> bool:
        in_list = any(prefix in line[:split] for line in lines)
        in_detail = any(prefix in line[split : 2 * split] for line in lines)
        return in_list and in_detail and footer_ready(lines)

    return ready


def today_ready(first_item: str) -> Callable[[list[str]], bool]:
    """The Today screen: its first agenda item's name on screen, "Quit" in the footer."""
    prefix = first_item[:16]  # Today cuts names at 22 cells

    def ready(lines: list[str]) -> bool:
        return any(prefix in line for line in lines) and footer_ready(lines)

    return ready


def first_screen_ready(path: Path) -> tuple[Callable[[list[str]], bool], Callable[..., str]]:
    """The ready check for infoview as a user starts it, and a namer of the screen seen.

    Accepts either real first screen: the contact list (first contact in the list and the
    details), or the Today screen with its first real item, when the notebook has anything due
    today (then Today is what the user sees first: it opens on top of the list).
    """
    from infoview_tui.model.due import anything_due, build_agenda

    notebook = Notebook.open(path, system_clock)
    try:
        listing = infoview_ready(first_contact_name(notebook))
        agenda = build_agenda(
            notebook.contacts, notebook.interviews, notebook.settings, system_clock()
        )
        today = today_ready(agenda.items[0].name) if anything_due(agenda) else None
    finally:
        notebook.close()

    def ready(lines: list[str]) -> bool:
        return listing(lines) or (today is not None and today(lines))

    def seen(lines: list[str]) -> str:
        return "contacts" if listing(lines) else "today" if today and today(lines) else "-"

    return ready, seen


def first_contact_name(notebook: Notebook) -> str:
    """The contact the main screen selects first (its sort order: name case-folded, then id)."""
    contacts = sorted(notebook.contacts.values(), key=lambda c: (c.name.casefold(), c.id))
    if not contacts:
        raise SystemExit("first_frame: the notebook has no contacts")
    return contacts[0].name


def infoview_command(source: Path, start_view: bool = False) -> Callable[[Path], list[str]]:
    """Runs infoview on a fresh copy of ``source``. ``start_view``: with the start view that
    quitting infoview leaves beside it (made untimed, by the same code), as on every start
    but the first (or the first after a crash, or more than start_view.DAYS days away);
    without it, a cold start."""

    def command(scratch: Path) -> list[str]:
        copy = scratch / "notebook.json"
        shutil.copyfile(source, copy)
        if start_view:
            notebook = Notebook.open(copy, system_clock)
            try:
                if not write_view(notebook, system_clock()):
                    raise SystemExit("first_frame: no start view was written")
            finally:
                notebook.close()
        return [sys.executable, "-m", "infoview_tui", "--db", str(copy)]

    return command


def bare_command(scratch: Path) -> list[str]:
    return [sys.executable, str(BENCH / "bare_app.py")]


# ----- one run ---------------------------------------------------------------------------


def child_env(pycache: Path | None) -> dict[str, str]:
    """Variables for the launched programs (on top of the harness's environment).

    With ``pycache`` set, bytecode is cached there (PYTHONPYCACHEPREFIX), as it would be for
    an installed app, even where PYTHONDONTWRITEBYTECODE is set; the repo is not written to.
    """
    if pycache is None:
        return {}
    return {"PYTHONPYCACHEPREFIX": str(pycache), "PYTHONDONTWRITEBYTECODE": ""}


def run_once(
    tmux: Tmux,
    subject: Subject,
    index: int,
    poll_s: float,
    env: dict[str, str],
    keep_screens: bool = False,
) -> dict[str, Any]:
    """One launch: time to the marker (and to the first non-blank screen), then stop it."""
    scratch = Path(tempfile.mkdtemp(prefix=f"infoview-ff-{subject.name}-"))
    session = f"{subject.name}-{index}"
    try:
        xdg = scratch / "xdg"
        xdg.mkdir()
        argv = subject.command(scratch)
        unset = [a for k, v in env.items() if not v for a in ("-u", k)]
        assigns = [f"{k}={v}" for k, v in {**env, "XDG_DATA_HOME": str(xdg)}.items() if v]
        shell = "exec env " + shlex.join([*unset, *assigns, *argv])
        new_session = (
            f"new-session -d -x {WIDTH} -y {HEIGHT} -s {session} -c {shlex.quote(str(REPO))} "
            + shlex.quote(shell)
        )
        capture = f"capture-pane -p -t ={session}:"
        polls = 0
        first_content: float | None = None
        first_screen: list[str] = []
        lines: list[str] = []
        ready_at: float | None = None
        start = time.perf_counter()
        tmux.cmd(new_session)
        last_poll = start
        while True:
            lines = tmux.cmd(capture, check=False)
            now = time.perf_counter()
            polls += 1
            last_poll = now
            if first_content is None and any(line.strip() for line in lines):
                first_content, first_screen = now - start, lines
            if subject.ready(lines):
                ready_at = now - start
                break
            if now - start > READY_TIMEOUT:
                break
            if not tmux.try_cmd(f"has-session -t ={session}"):
                break  # the program died before painting
            if poll_s:
                time.sleep(poll_s)
        result: dict[str, Any] = {
            "subject": subject.name,
            "index": index,
            "ok": ready_at is not None,
            "first_frame_ms": None if ready_at is None else ready_at * 1000,
            "first_content_ms": None if first_content is None else first_content * 1000,
            "polls": polls,
            "poll_interval_ms": (last_poll - start) / polls * 1000 if polls else None,
        }
        if subject.seen is not None and ready_at is not None:
            result["first_screen"] = subject.seen(lines)
        if keep_screens:
            result["first_content_screen"] = first_screen
        if ready_at is None or keep_screens:
            result["screen"] = lines
        if ready_at is None:
            timed_out = time.perf_counter() - start > READY_TIMEOUT
            result["error"] = "timed out" if timed_out else "exited before the marker showed"
        result.update(stop(tmux, session))
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def stop(tmux: Tmux, session: str) -> dict[str, Any]:
    """Quit with q; kill the session if it lingers; wait until the process is gone."""
    target = f"={session}:"
    info = tmux.cmd(
        f"display-message -p -t {target} '#{{pane_pid}} #{{pane_width}}x#{{pane_height}}'",
        check=False,
    )
    if not info:
        return {"quit_ms": None, "pane_size": None, "killed": False}
    pid_text, size = info[0].split()
    pid = int(pid_text)
    start = time.perf_counter()
    tmux.cmd(f"send-keys -t {target} q", check=False)
    quit_ms: float | None = None
    while time.perf_counter() - start < QUIT_TIMEOUT:
        if not tmux.try_cmd(f"has-session -t ={session}"):
            quit_ms = (time.perf_counter() - start) * 1000
            break
        time.sleep(0.005)
    killed = False
    if quit_ms is None:
        tmux.cmd(f"kill-session -t ={session}", check=False)
        killed = True
    deadline = time.monotonic() + 5
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    if pid_alive(pid):
        os.kill(pid, signal.SIGKILL)  # the pane's own process, started by this run
        killed = True
    return {"quit_ms": quit_ms, "pane_size": size, "killed": killed}


# ----- loading without the UI, and imports -----------------------------------------------


def time_load(source: Path, runs: int) -> list[float]:
    """Notebook.open then close on a fresh copy, in this process, milliseconds per run."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="infoview-ff-load-") as folder:
            copy = Path(folder) / "notebook.json"
            shutil.copyfile(source, copy)
            start = time.perf_counter()
            notebook = Notebook.open(copy, system_clock)
            notebook.close()
            times.append((time.perf_counter() - start) * 1000)
    return times


def time_import(module: str, runs: int, env: dict[str, str]) -> list[float]:
    """Wall time of a fresh ``python -c 'import MODULE'`` (interpreter start-up included).

    One untimed import first, so the bytecode cache is warm like the apps'.
    """
    environ = {k: v for k, v in {**os.environ, **env}.items() if v}
    argv = [sys.executable, "-c", f"import {module}"]
    subprocess.run(argv, cwd=REPO, env=environ, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=REPO, env=environ, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def profile_load(source: Path, top: int = 10) -> str:
    with tempfile.TemporaryDirectory(prefix="infoview-ff-prof-") as folder:
        copy = Path(folder) / "notebook.json"
        shutil.copyfile(source, copy)
        profiler = cProfile.Profile()
        profiler.enable()
        notebook = Notebook.open(copy, system_clock)
        notebook.close()
        profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    return text.getvalue()


# ----- notebooks -------------------------------------------------------------------------


def make_sample(folder: Path) -> Path:
    from infoview_tui.content.sample import write_sample

    path = folder / "sample.json"
    write_sample(path)
    return path


def make_10k(folder: Path, contacts: int) -> Path:
    from make_notebook import make_notebook

    path = folder / f"notebook-{contacts}.json"
    make_notebook(path, contacts=contacts)
    return path


# ----- main ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per subject (default 7)")
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="untimed rounds first, reported separately (default 1)",
    )
    parser.add_argument("--quick", action="store_true", help="3 runs, 1 warm-up round")
    parser.add_argument(
        "--bytecode",
        choices=("cached", "as-is"),
        default="cached",
        help="cached (default): the programs cache bytecode in a temp folder, so runs after "
        "the warm-up measure an installed app; as-is: the environment's own setting",
    )
    parser.add_argument(
        "--poll-ms",
        type=float,
        default=1.0,
        help="sleep between polls, so polling does not starve the app (default 1)",
    )
    parser.add_argument(
        "--contacts",
        type=int,
        default=CONTACTS_10K,
        help="contacts in the generated notebook (default 10000)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print a cProfile of Notebook.open on the generated notebook",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.warmup = min(args.runs, 3), 1
    if args.bytecode == "cached" and args.warmup < 1:
        parser.error("--bytecode cached needs at least one --warmup round to fill the cache")

    with tempfile.TemporaryDirectory(prefix="infoview-ff-") as folder_name:
        folder = Path(folder_name)
        started = time.perf_counter()
        sample = make_sample(folder)
        big = make_10k(folder, args.contacts)
        print(
            f"notebooks: sample {sample.stat().st_size:,} bytes; "
            f"{args.contacts:,} contacts {big.stat().st_size:,} bytes "
            f"(made in {time.perf_counter() - started:.1f} s)",
            flush=True,
        )
        big_label = "10k" if args.contacts == CONTACTS_10K else f"{args.contacts}"
        sample_ready, sample_seen = first_screen_ready(sample)
        big_ready, big_seen = first_screen_ready(big)
        subjects = [
            Subject("bare", bare_ready, bare_command),
            Subject("sample", sample_ready, infoview_command(sample), sample, seen=sample_seen),
            Subject(big_label, big_ready, infoview_command(big), big, seen=big_seen),
            Subject(
                f"{big_label}+view",
                big_ready,
                infoview_command(big, start_view=True),
                big,
                seen=big_seen,
            ),
        ]

        env = child_env(folder / "pycache" if args.bytecode == "cached" else None)
        load = {"sample": time_load(sample, args.runs), big_label: time_load(big, args.runs)}
        imports = {m: time_import(m, args.runs, env) for m in ("textual.app", "infoview_tui.app")}

        tmux = Tmux()
        warmups: list[dict[str, Any]] = []
        try:
            total = args.warmup + args.runs
            for round_no in range(total):
                for subject in subjects:
                    warm = round_no < args.warmup
                    keep = round_no == args.warmup  # the screens of the first timed round
                    result = run_once(tmux, subject, round_no, args.poll_ms / 1000, env, keep)
                    result["warmup"] = warm
                    (warmups if warm else subject.results).append(result)
                    status = fmt_ms(result["first_frame_ms"]) if result["ok"] else result["error"]
                    label = "warm-up" if warm else f"run {round_no - args.warmup + 1}/{args.runs}"
                    print(f"  {label:>9} {subject.name:>6}: {status}", flush=True)
        finally:
            tmux.close()
        profile = profile_load(big) if args.profile else None

    report = build_report(args, tmux.term, subjects, warmups, load, imports)
    print_report(report)
    if profile:
        print(f"\ncProfile of Notebook.open + close on the {big_label} notebook (cumulative):")
        print(profile)
        report["profile_10k_load"] = profile
    path = write_json("first_frame.json", report)
    print(f"\nwrote {path.relative_to(REPO)}")
    return 0 if all(r["ok"] for s in subjects for r in s.results) else 1


def build_report(
    args: argparse.Namespace,
    term: str,
    subjects: list[Subject],
    warmups: list[dict[str, Any]],
    load: dict[str, list[float]],
    imports: dict[str, list[float]],
) -> dict[str, Any]:
    stats: dict[str, Any] = {}
    for subject in subjects:
        times = [r["first_frame_ms"] for r in subject.results if r["ok"]]
        stats[subject.name] = {
            **summary(times),
            "failed": sum(1 for r in subject.results if not r["ok"]),
            "first_content": summary(
                [r["first_content_ms"] for r in subject.results if r["first_content_ms"]]
            ),
            "quit": summary([r["quit_ms"] for r in subject.results if r["quit_ms"] is not None]),
            "first_screens": sorted(
                {r["first_screen"] for r in subject.results if "first_screen" in r}
            ),
        }
    bare = stats[subjects[0].name]["median"]
    ratios: dict[str, float | None] = {}
    for subject in subjects[1:]:
        median = stats[subject.name]["median"]
        ratios[f"{subject.name}/bare"] = median / bare if median and bare else None
    # The goal is for the usual start: infoview has been quit before, leaving its start view.
    # The cold start (first ever, after a crash or days away) is reported beside it.
    big_name = subjects[3].name
    intervals = [
        r["poll_interval_ms"] for s in subjects for r in s.results if r["poll_interval_ms"]
    ]
    ratio_big = ratios[f"{big_name}/bare"]
    return {
        "what": "first painted frame, launch to marker on screen, tmux pane "
        f"{WIDTH}x{HEIGHT}, milliseconds",
        "runs": args.runs,
        "bytecode": args.bytecode,
        "warmup_rounds": args.warmup,
        "order": "interleaved: " + ", ".join(s.name for s in subjects) + ", ...",
        "terminal": {"tmux": _tmux_version(), "TERM": term, "size": f"{WIDTH}x{HEIGHT}"},
        "poll": {
            "sleep_ms": args.poll_ms,
            "resolution_ms": summary(intervals),
            "note": "resolution = mean time between polls (capture + sleep), median over runs",
        },
        "pane_sizes_seen": sorted(
            {str(r["pane_size"]) for s in subjects for r in s.results + warmups_of(s, warmups)}
        ),
        "contacts": args.contacts,
        "subjects": stats,
        "ratios": ratios,
        "goal": {
            "figure": f"{big_name}/bare",
            "max_ratio": GOAL_RATIO_10K,
            "met": None if ratio_big is None else ratio_big <= GOAL_RATIO_10K,
        },
        "load_without_ui_ms": {
            name: {**summary(times), "runs": times} for name, times in load.items()
        },
        "import_ms": {name: {**summary(times), "runs": times} for name, times in imports.items()},
        "notebooks": {s.name: str(s.notebook.name) if s.notebook else None for s in subjects},
        "machine": machine(),
        "results": [r for s in subjects for r in s.results],
        "warmup": warmups,
    }


def warmups_of(subject: Subject, warmups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in warmups if r["subject"] == subject.name]


def _tmux_version() -> str:
    done = subprocess.run(["tmux", "-V"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def print_report(report: dict[str, Any]) -> None:
    resolution = report["poll"]["resolution_ms"]["median"]
    print(
        f"\nFirst painted frame ({report['terminal']['tmux']}, {report['terminal']['size']}, "
        f"TERM={report['terminal']['TERM']}), {report['runs']} runs each after "
        f"{report['warmup_rounds']} warm-up round(s), interleaved; bytecode {report['bytecode']}; "
        f"polling every {resolution:.2f} ms (median)"
    )
    expected = report["terminal"]["size"]
    if report["pane_sizes_seen"] != [expected]:
        print(f"WARNING: pane sizes seen {report['pane_sizes_seen']}, expected {expected}")
    header = f"{'subject':<8} {'median':>9} {'p95':>9} {'min':>9} {'max':>9} {'failed':>6}"
    header += f" {'1st content':>11} {'quit (q)':>9}"
    print(header)
    print("-" * len(header))
    for name, s in report["subjects"].items():
        print(
            f"{name:<8} {fmt_ms(s['median']):>9} {fmt_ms(s['p95']):>9} {fmt_ms(s['min']):>9} "
            f"{fmt_ms(s['max']):>9} {s['failed']:>6} {fmt_ms(s['first_content']['median']):>11} "
            f"{fmt_ms(s['quit']['median']):>9}"
        )
    screens = {
        name: "/".join(s["first_screens"])
        for name, s in report["subjects"].items()
        if s["first_screens"]
    }
    if screens:
        print("first screen seen: " + ", ".join(f"{n} {v}" for n, v in screens.items()))
    print()
    goal = report["goal"]
    for name, ratio in report["ratios"].items():
        text = "-" if ratio is None else f"{ratio:.2f}x"
        note = ""
        if name == goal["figure"]:
            note = f"  (goal <= {goal['max_ratio']}x: {'met' if goal['met'] else 'NOT met'})"
        print(f"ratio {name:<11} {text}{note}")
    print("\nWithout the UI (median / p95):")
    rows = [
        (f"Notebook.open + close, {name}", s) for name, s in report["load_without_ui_ms"].items()
    ]
    rows += [(f"python -c 'import {name}'", s) for name, s in report["import_ms"].items()]
    for label, s in rows:
        print(f"  {label:<36} {fmt_ms(s['median']):>9} / {fmt_ms(s['p95'])}")


if __name__ == "__main__":
    sys.exit(main())
