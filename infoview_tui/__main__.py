"""Command line: ``infoview`` opens the notebook; ``infoview check`` inspects the file;
``infoview import`` and ``infoview export`` move contacts in and out (see formats/);
``infoview today`` prints what is due (see due_report.py)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .formats import EXPORT_FORMATS, IMPORT_FORMATS
from .store import NotebookFileError, NotebookLockedError, default_db_path

if TYPE_CHECKING:
    from .notebook import Notebook

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
    parser.add_argument(
        "--start",
        choices=("auto", "today", "contacts"),
        default="auto",
        help="the first screen: auto (Today when anything is due, else the contacts; default), "
        "today, or contacts",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check", help="check that the notebook file is sound (never changes it)"
    )
    check.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)

    import_ = commands.add_parser(
        "import",
        help="add contacts from LinkedIn, Google or Outlook CSV or vCards, or restore a backup",
        description="Add contacts from LinkedIn's Connections.csv, a Google Contacts or "
        "Outlook CSV export, or a vCard file (2.1, 3.0 or 4.0). People already in the "
        "notebook (same email, or same name and organisation) are merged, never doubled. A "
        "row or card that cannot be read is skipped and listed with its line; one with no "
        "name and no email is left out and counted; the rest is imported (--strict: "
        "nothing unless every row can be). Fields infoview has no place for go into the "
        "contact's notes. Or restore a backup made by 'infoview export --format json' into "
        "an empty notebook (all or nothing).",
    )
    import_.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    import_.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    import_.add_argument(
        "--format", choices=IMPORT_FORMATS, help="the kind of file (default: detected)"
    )
    import_.add_argument(
        "--dry-run", action="store_true", help="say what would be imported; change nothing"
    )
    import_.add_argument(
        "--strict",
        action="store_true",
        help="import nothing (exit 1) if any row or card would be skipped or left out",
    )

    export = commands.add_parser(
        "export",
        help="write the notebook as Markdown, a JSON backup, CSV, vCard or iCalendar",
        description="Write the notebook out. json: a complete backup ('infoview import' "
        "restores it); csv: contacts, one row each; vcard: contacts (vCard 4.0); ics: "
        "scheduled calls and next-action dates; md: a folder of Markdown files. Reads the "
        "notebook without locking it, so it works while infoview is open.",
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="what to write")
    export.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="the file to write (default, or -: standard output); for md and --split, the "
        "folder (required)",
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="csv: start with a UTF-8 byte-order mark, so a spreadsheet shows accents right",
    )
    export.add_argument(
        "--vcard-version",
        choices=("4.0", "3.0"),
        default="4.0",
        help="vcard: 4.0 (default) or 3.0, for phones and services that read only 3.0",
    )
    export.add_argument(
        "--split",
        action="store_true",
        help="vcard: one UID.vcf file per contact in the folder -o DIR (a vdir: khard, vdirsyncer)",
    )
    export.add_argument(
        "--wikilinks",
        action="store_true",
        help="md: link the files with Obsidian [[wikilinks]] (also in the front matter) "
        "instead of relative Markdown links",
    )

    today = commands.add_parser(
        "today",
        help="print what is due: calls today and soon, thank-you notes, follow-ups, people "
        "losing touch",
        description="Print what the Today screen shows: calls today and in the next 7 days, "
        "thank-you notes to send, follow-ups due, replies awaited, people losing touch. For a "
        "shell start-up file or a cron job. Reads the notebook without locking it, so it "
        "works while infoview is open, and never changes it. Exit status 0.",
    )
    today.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    today.add_argument("--json", action="store_true", help="print JSON, for scripts")
    today.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing unless something is due (a call today, a thank-you note, a "
        "follow-up or reply whose date has come): a cron job mails only then",
    )

    config = commands.add_parser(
        "config",
        help="where the config file is, and every key you can remap in it",
        description="infoview reads config.toml from your config folder at start. Its "
        "[keymap] table gives keys of your own to any binding, by the binding's id: "
        '"main.add_contact" = "a,ctrl+n". With no option, prints the file\'s path and '
        "whether it is sound.",
    )
    config.add_argument("--path", action="store_true", help="print the config file's path")
    config.add_argument(
        "--keys",
        action="store_true",
        help="print every binding id with its keys (yours where the keymap sets them) and "
        "what it does, as lines to copy into [keymap]",
    )
    return parser


def run_check(path: Path) -> int:
    from .check import check_file

    try:
        print(check_file(path))
    except NotebookFileError as exc:
        print(f"infoview check: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_BAD_FILE
    return 0


def open_readonly(path: Path) -> Notebook:
    """The notebook at ``path`` in memory, without taking its lock (empty if no file).

    Raises NotebookFileError. Used where nothing is written: export and import --dry-run.
    """
    from .model import system_clock
    from .notebook import KINDS, Notebook
    from .store import build_records, read_tables

    notebook = Notebook(None, system_clock)
    if path.exists():
        tables, _ = read_tables(path)
        notebook.tables = build_records(path, tables, KINDS)
        notebook.meta = tables["meta"]["1"]
        known = {kind.TABLE for kind in KINDS} | {"meta"}
        notebook.extra_tables = {k: v for k, v in tables.items() if k not in known}
    return notebook


def run_import(path: Path, file: Path, fmt: str | None, dry_run: bool, strict: bool = False) -> int:
    from .formats import ImportFailed, apply_import, preview_import, read_import
    from .formats.report import report_lines
    from .model import system_clock
    from .notebook import Notebook

    try:
        plan = read_import(file, fmt, strict=strict)
    except ImportFailed as exc:
        print(f"infoview import: {file}: {exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    try:
        if plan.backup is not None and not dry_run:
            # A backup into a notebook that is not empty: refuse before taking the lock.
            preview_import(open_readonly(path), plan)
        notebook = open_readonly(path) if dry_run else Notebook.open(path, system_clock)
    except ImportFailed as exc:
        print(f"infoview import: {exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    except NotebookLockedError as exc:
        print(f"infoview import: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except NotebookFileError as exc:
        print(f"infoview import: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_BAD_FILE
    except OSError as exc:
        print(f"infoview import: cannot open {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    if dry_run:
        try:
            summary = preview_import(notebook, plan)
        except ImportFailed as exc:
            print(f"infoview import: {exc}", file=sys.stderr)
            return EXIT_BAD_FILE
        print("\n".join(report_lines(plan, summary, system_clock(), dry_run=True)))
        return 0
    try:
        summary = apply_import(notebook, plan)
    except BaseException as exc:
        assert notebook.store is not None
        notebook.store.close()  # release the lock without saving: the file stays as it was
        if isinstance(exc, ImportFailed):
            print(f"infoview import: {exc}", file=sys.stderr)
            return EXIT_BAD_FILE
        raise
    from .start_view import close_with_view

    error = close_with_view(notebook, system_clock())  # the next start paints at once
    if error:
        print(f"infoview import: {error}", file=sys.stderr)
        return EXIT_BAD_FILE
    print("\n".join(report_lines(plan, summary, system_clock())))
    return 0


def run_export(
    path: Path, fmt: str, output: Path | None, options: dict[str, Any] | None = None
) -> int:
    from .formats import export

    options = options or {}
    folder = fmt == "md" or bool(options.get("split"))
    if folder and output is None:
        what = "--format md" if fmt == "md" else "--split"
        print(f"infoview export: {what} writes a folder; name it with -o DIR", file=sys.stderr)
        return EXIT_BAD_FILE
    if not path.exists():
        print(f"infoview export: {path}: no notebook file here", file=sys.stderr)
        return EXIT_BAD_FILE
    try:
        notebook = open_readonly(path)
    except NotebookFileError as exc:
        print(f"infoview export: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_BAD_FILE
    try:
        if output is None and sys.stdout.isatty():
            what = _export_to_terminal(notebook, fmt, options)
        else:
            out = output if output is not None else sys.stdout.buffer
            what = export(notebook, fmt, out, **options)
    except BrokenPipeError:
        # The reader went away (``| head``): not an error; keep Python quiet at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = output if output is not None else "standard output"
        print(f"infoview export: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    except ValueError as exc:
        print(f"infoview export: {exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    what, *notes = what.split("\n")  # lines after the first: "note: ..." (dates left out)
    if output is not None:
        print(f"wrote {what} to {output}")
    for note in notes:
        print(f"infoview export: {note}", file=sys.stderr)
    return 0


def _export_to_terminal(notebook: Notebook, fmt: str, options: dict[str, Any]) -> str:
    """An export shown in a terminal: control characters from the data (a name with ``ESC ]
    0 ; ... BEL``) made visible, so the export cannot drive the terminal. Into a pipe or a
    file the bytes go as they are."""
    import io

    from .formats import export
    from .model.visible import visible

    buffer = io.BytesIO()
    what = export(notebook, fmt, buffer, **options)
    text = visible(buffer.getvalue().decode("utf-8", errors="replace"))
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return what


def run_today(path: Path, as_json: bool = False, quiet: bool = False) -> int:
    """``infoview today``: the Today agenda on standard output (see due_report.py)."""
    from . import due_report
    from .model import system_clock
    from .model.due import anything_due, build_agenda

    try:
        notebook = open_readonly(path)
    except NotebookFileError as exc:
        print(f"infoview today: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_BAD_FILE
    now = system_clock()
    agenda = build_agenda(notebook.contacts, notebook.interviews, notebook.settings, now)
    if quiet and not anything_due(agenda):
        return 0
    out = due_report.as_json(agenda, now) if as_json else due_report.text(agenda)
    try:
        sys.stdout.buffer.write(out.encode("utf-8"))  # UTF-8 whatever the locale (cron's C)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def run_app(path: Path, start: str = "auto") -> int:
    from .app import create_app

    try:
        app = create_app(path, start_screen=start)
    except NotebookLockedError as exc:
        print(f"infoview: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:
        print(f"infoview: cannot open {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    return app.run_and_close()


def run_demo(start: str = "auto") -> int:
    from .content.sample import write_sample

    folder = Path(tempfile.mkdtemp(prefix="infoview-demo-"))
    try:
        path = folder / "notebook.json"
        write_sample(path)
        print(f"infoview: demo notebook at {path} (deleted when you quit)", file=sys.stderr)
        return run_app(path, start)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    path: Path = (args.db or default_db_path()).expanduser()
    prog = f"infoview {args.command}" if args.command else "infoview"
    if path.is_dir():
        print(
            f"{prog}: {path} is a folder; --db names the notebook file "
            f"(for example {path / 'notebook.json'})",
            file=sys.stderr,
        )
        return EXIT_BAD_FILE
    try:
        return _run(args, path)
    except OSError as exc:  # whatever the disk says, one line and no traceback
        where = exc.filename or path
        print(f"{prog}: {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_FILE


def run_config(path_only: bool, keys: bool) -> int:
    from .keymap import config_path, describe_keys, read_keymap

    where = config_path()
    if path_only:
        print(where)
        return 0
    keymap, problems = read_keymap(where)
    for problem in problems:
        print(f"infoview config: {problem}", file=sys.stderr)
    if keys:
        print(describe_keys(keymap))
    else:
        state = "no file yet" if not where.exists() else f"{len(keymap)} keys remapped"
        print(f"{where} ({state})")
    return 1 if problems else 0


def _run(args: argparse.Namespace, path: Path) -> int:
    if args.command == "check":
        return run_check(path)
    if args.command == "import":
        return run_import(path, args.file.expanduser(), args.format, args.dry_run, args.strict)
    if args.command == "export":
        stdout = args.output is None or str(args.output) == "-"
        output = None if stdout else args.output.expanduser()
        options = {"excel": args.excel, "vcard_version": args.vcard_version, "split": args.split}
        if args.wikilinks:
            options["wikilinks"] = True
        return run_export(path, args.format, output, options)
    if args.command == "today":
        return run_today(path, args.json, args.quiet)
    if args.command == "config":
        return run_config(args.path, args.keys)
    if args.demo:
        return run_demo(args.start)
    return run_app(path, args.start)


if __name__ == "__main__":
    sys.exit(main())
