"""Every real export, and junk made from them, through the whole import as a person runs it:
the command line (`infoview import`, every --format forced on every file) and the app's
import dialog. Whatever the file, the answer is a report or a one-line message, never a
traceback, and the app keeps running."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_tui import __main__ as cli
from infoview_tui.content.sample import sample_clock
from infoview_tui.formats import IMPORT_FORMATS, ImportFailed, apply_import, read_import
from infoview_tui.formats.report import report_lines
from infoview_tui.model import FrozenClock
from infoview_tui.notebook import Notebook
from infoview_tui.screens.import_export import ImportScreen

from .helpers import contacts_on_disk, running, widget_text

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted(
    p for p in [*(FIXTURES / "real").iterdir(), *FIXTURES.iterdir()] if p.suffix in (".csv", ".vcf")
)


def test_every_fixture_is_found() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_command_line_on_every_real_file_and_every_format(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notebook.json"
    for fmt in (None, *IMPORT_FORMATS):
        forced = ["--format", fmt] if fmt else []
        code = cli.main(["--db", str(db), "import", "--dry-run", *forced, str(path)])
        out, err = capsys.readouterr()
        assert code in (0, 1), (fmt, err)
        if code == 1:  # refused: one line that names the file
            assert len(err.strip().splitlines()) == 1 and str(path) in err, (fmt, err)
        if fmt is None:  # told from the file: every real export is read
            assert code == 0 and " added" in out, err
    assert cli.main(["--db", str(db), "import", str(path)]) == 0
    assert contacts_on_disk(db)


SYNTAX = (b",", b";", b'"', b"\r\n", b"\n ", b"=", b":", b"\x00", b"\xff\xfe", b"BEGIN:VCARD\r\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), st.data())
def test_junk_from_real_files_through_read_preview_apply_and_report(
    path: Path, data: st.DataObject
) -> None:
    """Past the reader too: the merge into a notebook that has people, and the report."""
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.one_of(st.sampled_from(SYNTAX), st.binary(max_size=6)))
    raw = raw[: data.draw(st.integers(0, len(raw)))]
    junk = Path(f"/tmp/infoview-junk-{path.stem}{path.suffix}")
    junk.write_bytes(bytes(raw))
    try:
        plan = read_import(junk, data.draw(st.sampled_from([None, *IMPORT_FORMATS])))
    except ImportFailed as exc:
        assert str(exc)
        return
    finally:
        junk.unlink(missing_ok=True)
    notebook = Notebook(None, sample_clock())
    notebook.add_contact(name="Ada Lovelace", emails=("ada@example.org",))
    try:
        summary = apply_import(notebook, plan)
    except ImportFailed as exc:  # a backup into a notebook that is not empty
        assert str(exc)
        return
    assert report_lines(plan, summary, sample_clock()())


async def test_the_app_reads_and_imports_every_real_file_and_junk(
    sample_db: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    rng = random.Random(20261206)
    junk = []
    for n, path in enumerate(FILES[:8]):  # cut short and with bytes changed
        raw = bytearray(path.read_bytes())
        for _ in range(4):
            at = rng.randrange(len(raw) + 1)
            raw[at:at] = rng.choice(SYNTAX) + rng.randbytes(3)
        junk.append(tmp_path / f"junk{n}{path.suffix}")
        junk[-1].write_bytes(bytes(raw[: rng.randrange(len(raw) + 1)]))
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("ctrl+p", *"import contacts", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        for path in [*FILES, *junk]:
            field = screen.query_one("#import-path")
            field.value = str(path)  # type: ignore[attr-defined]
            field.focus()
            await pilot.pause()  # the change is handled (it clears the last report) first
            await pilot.press("enter")  # enter in the path field reads the file
            for _ in range(200):
                await pilot.pause(0.02)
                status = widget_text(app, "#import-status")
                if "Press Import" in status or "nothing new" in status or f"{path.name}:" in status:
                    break
            else:
                raise AssertionError(f"{path.name}: no answer; status {status!r}")
            assert app.is_running and app.screen is screen, path.name
            if path in FILES:
                assert "dry run" in widget_text(app, "#import-report-text"), (path.name, status)
                if not screen.query_one("#import").disabled:
                    await pilot.click("#import")
                    for _ in range(200):
                        await pilot.pause(0.02)
                        if "Imported" in widget_text(app, "#import-status"):
                            break
                    else:
                        raise AssertionError(f"{path.name}: not imported")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
    assert len(contacts_on_disk(sample_db)) > 12 + 20
