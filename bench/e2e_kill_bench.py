"""kill -9 infoview while a person types a note, in a real terminal (tmux), many times.

    python bench/e2e_kill_bench.py [--trials 200] [--quick] [--seed N]

Each trial makes a new notebook with one contact, starts ``python -m infoview_tui --db`` in a
tmux pane (120x40), opens the contact's notes (n) and types into them at human speed (about
7 characters a second, each gap varying by half), then SIGKILLs the app at a random moment
0.3-5 s after the first key. It reads the file: ``infoview check`` must accept it, the saved
notes must be a prefix of what was typed, and what is missing is the loss, counted in
characters and in seconds (from the first missing character to the kill). The goal: the
worst loss is at most 1 s of typing. The trial itself is shared with the end-to-end tests
(tests/e2e/infoview.py); one tmux server serves every trial; each trial starts the app once.

Writes bench/out/e2e_kill.json.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import REPO, machine, summary, write_json

from tests.e2e.infoview import (
    ALLOWED_LOSS_S,
    DELIVERY_ALLOWANCE_S,
    HUMAN_CPS,
    JITTER,
    KillTrial,
    app_env,
    kill_while_typing,
)
from tests.e2e.tmux import NO_TMUX, Tmux, has_tmux

GOAL_S = ALLOWED_LOSS_S
KILL_WINDOW = (0.3, 5.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=200, help="kills (default 200)")
    parser.add_argument("--quick", action="store_true", help="20 trials")
    parser.add_argument("--seed", type=int, default=None, help="seed for pace and kill times")
    args = parser.parse_args(argv)
    if not has_tmux():
        print(f"e2e_kill_bench: {NO_TMUX}", file=sys.stderr)
        return 2
    trials = 20 if args.quick else args.trials
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)

    results: list[KillTrial] = []
    errors: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="infoview-e2e-kill-") as folder_name:
        folder = Path(folder_name)
        home = folder / "home"
        env = app_env(home, home / "data", folder / "pycache")
        tmux = Tmux(prefix="infoview-e2e-kill")
        try:
            for n in range(trials):
                trial_folder = folder / f"trial-{n}"
                try:
                    trial = kill_while_typing(tmux, trial_folder, env, rng, KILL_WINDOW)
                except AssertionError as exc:  # the app did not get as far as the typing
                    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
                    # The first line says what went wrong; the screen's last lines say why.
                    errors.append(f"trial {n}: " + " / ".join(lines[:1] + lines[-3:]))
                    print(f"  trial {n + 1:>3}/{trials}: did not run: {errors[-1]}", flush=True)
                    continue
                results.append(trial)
                flag = "" if trial.ok else "  ! " + "; ".join(trial.problems)
                print(
                    f"  trial {n + 1:>3}/{trials}: killed {trial.kill_after_s:4.2f} s in, "
                    f"{len(trial.typed):>3} typed, {len(trial.saved):>3} saved, "
                    f"lost {trial.lost_chars:>2} chars / {trial.lost_s:4.2f} s{flag}",
                    flush=True,
                )
        finally:
            tmux.close()
    elapsed = time.monotonic() - started

    report = build_report(results, errors, trials, seed, elapsed)
    path = write_json("e2e_kill.json", report)
    print_report(report)
    print(f"wrote {path.relative_to(REPO)}")
    failed = report["unreadable_files"] or report["not_prefix"] or errors or not report["met"]
    return 1 if failed else 0


def build_report(
    results: list[KillTrial], errors: list[str], trials: int, seed: int, elapsed: float
) -> dict[str, Any]:
    worst = max(results, key=lambda t: t.lost_s, default=None)
    worst_chars = max((t.lost_chars for t in results), default=None)
    return {
        "what": "kill -9 while typing a note at human speed in tmux (120x40); loss = typing "
        "not in the file after the kill",
        "trials": trials,
        "ran": len(results),
        "did_not_run": errors,
        "seed": seed,
        "typing": {"cps": HUMAN_CPS, "gap_jitter": JITTER},
        "kill_after_first_key_s": list(KILL_WINDOW),
        "unreadable_files": sum(1 for t in results if not t.readable),
        "not_prefix": sum(1 for t in results if t.readable and not t.typed.startswith(t.saved)),
        "worst_loss_s": None if worst is None else round(worst.lost_s, 3),
        "worst_loss_chars": worst_chars,
        "loss_s": summary([t.lost_s for t in results]),
        "loss_chars": summary([float(t.lost_chars) for t in results]),
        "over_goal": sum(1 for t in results if t.lost_s > GOAL_S),
        "over_goal_plus_delivery": sum(1 for t in results if t.problems),
        "goal_s": GOAL_S,
        "delivery_allowance_s": DELIVERY_ALLOWANCE_S,
        "met": worst is not None and worst.lost_s <= GOAL_S,
        "problems": [
            f"{t.kill_after_s:.2f} s: {'; '.join(t.problems)}" for t in results if t.problems
        ],
        "elapsed_s": round(elapsed, 1),
        "machine": machine(),
    }


def print_report(r: dict[str, Any]) -> None:
    print(f"\nkill -9 while typing (tmux), {r['ran']} of {r['trials']} trials, seed {r['seed']}")
    print(f"  unreadable files      {r['unreadable_files']}")
    print(f"  saved text not a prefix of the typed text  {r['not_prefix']}")
    print(f"  worst loss            {r['worst_loss_s']} s, {r['worst_loss_chars']} characters")
    loss = r["loss_s"]
    if loss["n"]:
        print(f"  loss, median / p95    {loss['median']:.2f} s / {loss['p95']:.2f} s")
    print(f"  losses over {r['goal_s']:g} s     {r['over_goal']}")
    print(
        f"  losses over {r['goal_s'] + r['delivery_allowance_s']:g} s "
        f"(with the allowance for delivery)  {r['over_goal_plus_delivery']}"
    )
    for problem in r["problems"][:10]:
        print(f"  ! {problem}")
    for error in r["did_not_run"][:10]:
        print(f"  ! {error}")
    print(f"  {r['elapsed_s']} s")


if __name__ == "__main__":
    sys.exit(main())
