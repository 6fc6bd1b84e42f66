"""Snapshot tests of every screen, from the sample notebook with a frozen clock.

Update after an intended change with: python3 dev.py test tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from infoview_tui.app import InfoviewApp, create_app
from infoview_tui.content.sample import sample_clock, write_sample


def sample_app(tmp_path: Path) -> InfoviewApp:
    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())
    return create_app(db, sample_clock(), cursor_blink=False, start_screen="contacts")


def test_main_screen_120x40(snap_compare, tmp_path: Path) -> None:
    async def open_notes(pilot: Pilot[int]) -> None:
        await pilot.press("down", "down", "down", "down", "down", "down", "enter")

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=open_notes)


def test_main_screen_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24))


def test_search(snap_compare, tmp_path: Path) -> None:
    async def search(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"health")

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=search)


def test_contact_form_with_errors(snap_compare, tmp_path: Path) -> None:
    async def bad_form(pilot: Pilot[int]) -> None:
        await pilot.press("a", "space", "tab", "tab", "tab", "tab", "tab", *"ada@", "ctrl+s")
        await pilot.pause()
        pilot.app.clear_notifications()

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=bad_form)


def test_delete_confirmation(snap_compare, tmp_path: Path) -> None:
    async def delete(pilot: Pilot[int]) -> None:
        await pilot.press("d")

    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 30), run_before=delete)


def test_help(snap_compare, tmp_path: Path) -> None:
    async def show_help(pilot: Pilot[int]) -> None:
        await pilot.press("question_mark")

    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 34), run_before=show_help)


def test_recovery(snap_compare, tmp_path: Path, monkeypatch) -> None:
    # The screen shows the notebook's real path: a fixed folder keeps it the same on every run.
    folder = Path("/tmp/infoview-snapshot-recovery")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    db = folder / "notebook.json"
    write_sample(db, sample_clock())
    db.with_name("notebook.json.bak-20261122T180000000000Z").write_bytes(db.read_bytes())
    db.write_bytes(db.read_bytes()[:200])
    app = create_app(db, sample_clock(), cursor_blink=False)
    assert snap_compare(app, terminal_size=(100, 24))


def test_list_with_every_stage_and_unicode_names(snap_compare, tmp_path: Path) -> None:
    from infoview_tui.notebook import Notebook

    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())
    notebook = Notebook.open(db, sample_clock())
    for name, org in [
        ("😀 Emoji Person", "🎉 Party Co"),
        ("山田太郎", "東京大学"),
        ("שרה לוי", "אוניברסיטה"),
        ("Zoe\u0301 Combining", "Café\u0301"),
        ("A very long name that cannot possibly fit in the column", "An organisation " * 6),
    ]:
        notebook.add_contact(name=name, organization=org, next_action_date="2026-11-30")
    notebook.close()
    app = create_app(db, sample_clock(), cursor_blink=False, start_screen="contacts")
    assert snap_compare(app, terminal_size=(120, 40))


def test_stage_picker(snap_compare, tmp_path: Path) -> None:
    async def pick(pilot: Pilot[int]) -> None:
        await pilot.press("s")

    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 30), run_before=pick)


def test_referral_tree(snap_compare, tmp_path: Path) -> None:
    async def tree(pilot: Pilot[int]) -> None:
        await pilot.press("down", "down", "r")  # Grace Liu

    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 30), run_before=tree)


def test_duplicate_warning(snap_compare, tmp_path: Path) -> None:
    async def duplicate(pilot: Pilot[int]) -> None:
        await pilot.press("a", *"Maya Okafor", "ctrl+s")
        await pilot.pause()
        pilot.app.clear_notifications()

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=duplicate)


def test_prepare_agenda(snap_compare, tmp_path: Path) -> None:
    async def prepare(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"jonas", "enter", "p")
        await pilot.pause()
        await pilot.press("enter", "down", "enter", "down", "down", "down", "enter")
        await pilot.press("n", *"Do you enjoy it", "enter")
        await pilot.pause()
        pilot.app.screen.query_one("#agenda").focus()
        await pilot.press("home", "m")
        pilot.app.clear_notifications()

    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=prepare)


def test_outreach_drafts(snap_compare, tmp_path: Path) -> None:
    async def outreach(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"samuel", "enter", "w")

    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 34), run_before=outreach)


def test_outreach_phone_script(snap_compare, tmp_path: Path) -> None:
    async def phone(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"samuel", "enter", "w")
        await pilot.pause()
        pilot.app.screen.query_one("#drafts").active = "phone-tab"

    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 34), run_before=phone)


def test_settings_screen(snap_compare, tmp_path: Path) -> None:
    async def settings(pilot: Pilot[int]) -> None:
        await pilot.press("comma")

    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 34), run_before=settings)


async def _call_in_progress(pilot: Pilot[int]) -> None:
    await pilot.press("slash", *"jonas", "enter", "p")
    await pilot.pause()
    await pilot.press("enter", "down", "enter", "down", "enter", "g")
    await pilot.pause()
    await pilot.press("down", "space", "down")
    clock = pilot.app.clock
    clock.advance(60 * 12 + 20)  # type: ignore[attr-defined]
    await pilot.pause(0.4)


def test_call_120x40(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), run_before=_call_in_progress)


def test_call_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=_call_in_progress)


def test_call_over_time(snap_compare, tmp_path: Path) -> None:
    async def over(pilot: Pilot[int]) -> None:
        await _call_in_progress(pilot)
        pilot.app.clock.advance(60 * 18 + 5)  # type: ignore[attr-defined]
        await pilot.pause(0.4)
        pilot.app.clear_notifications()

    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=over)


def test_call_closing_block_80x24(snap_compare, tmp_path: Path) -> None:
    """The closing block: the highlight (▶) on its first ask, numbers as they were."""

    async def closing(pilot: Pilot[int]) -> None:
        await _call_in_progress(pilot)
        pilot.app.clock.advance(60 * 15)  # type: ignore[attr-defined]
        await pilot.pause(0.4)
        pilot.app.clear_notifications()

    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=closing)


def test_running_call_on_the_list_80x24(snap_compare, tmp_path: Path) -> None:
    """A call left running: the line at the top with c, and ◉ on the contact's row."""

    async def left(pilot: Pilot[int]) -> None:
        await _call_in_progress(pilot)
        await pilot.press("escape")
        await pilot.pause(0.3)
        pilot.app.screen.query_one("#search").value = ""  # type: ignore[attr-defined]
        await pilot.pause(0.3)
        pilot.app.clear_notifications()

    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24), run_before=left)
