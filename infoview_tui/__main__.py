"""Command line: ``infoview`` opens the notebook; ``infoview check`` inspects the file."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from . import __version__
from .store import NotebookFileError, NotebookLockedError, default_db_path

EXIT_BAD_FILE = 1
EXIT_LOCKED = 3


def build_parser() -> argparse.ArgumentParser:
    db_help = f"the notebook file (default: {default_db_path()})"
    parser = argparse.ArgumentParser(
        prog="infoview", description="A terminal notebook for informational interviews."
    )
    parser.add_argument("--version", action="version", version=f"infoview {__version__}")
    parser.add_argument("--db", type=Path, help=db_help)
    parser.add_argument(
        "--demo", action="store_true", help="open a temporary copy of the sample notebook"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check", help="check that the notebook file is sound (never changes it)"
    )
    check.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    return parser


def run_check(path: Path) -> int:
    from .check import check_file

    try:
        print(check_file(path))
    except NotebookFileError as exc:
        print(f"infoview check: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_BAD_FILE
    return 0


def run_app(path: Path) -> int:
    from .app import create_app

    try:
        app = create_app(path)
    except NotebookLockedError as exc:
        print(f"infoview: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:
        print(f"infoview: cannot open {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    return app.run_and_close()


def run_demo() -> int:
    from .content.sample import write_sample

    folder = Path(tempfile.mkdtemp(prefix="infoview-demo-"))
    try:
        path = folder / "notebook.json"
        write_sample(path)
        print(f"infoview: demo notebook at {path} (deleted when you quit)", file=sys.stderr)
        return run_app(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    path: Path = (args.db or default_db_path()).expanduser()
    if args.command == "check":
        return run_check(path)
    if args.demo:
        return run_demo()
    return run_app(path)


if __name__ == "__main__":
    sys.exit(main())
