"""The start view: the first frame drawn from a small part of the notebook, the whole read
right after, before any key; the part is never edited or written, and any doubt means a cold
start (start_view.py)."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from textual import events

import infoview_tui.model.due as due_module
import infoview_tui.start_view as start_view
from infoview_tui.app import InfoviewApp, create_app
from infoview_tui.model import FrozenClock
from infoview_tui.notebook import Notebook
from infoview_tui.screens.main import MainScreen
from infoview_tui.screens.recovery import RecoveryScreen
from infoview_tui.screens.today import TodayScreen
from infoview_tui.start_view import read_view, view_path, write_view
from infoview_tui.widgets.contact_list import ContactList

from .helpers import contacts_on_disk, on_disk, running, screen_text, type_text, wait_until

SHOWN_ROWS = 40
"""More contacts than the list shows at 120x40, fewer than the notebook has."""
EXTRA = 40


@pytest.fixture
def big_db(sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample and 40 more people (52, more than a 120x40 screen lists), and a view that
    really is a part of it: its first 40 contacts in list order, the first item of each agenda
    section (several sections have more)."""
    notebook = Notebook.open(sample_db, clock)
    for n in range(EXTRA):
        notebook.add_contact(name=f"Extra Person {n:02d}", organization="Elsewhere")
    assert notebook.close() is None
    monkeypatch.setattr(start_view, "FIRST_ROWS", SHOWN_ROWS)
    monkeypatch.setattr("infoview_tui.screens.main.FIRST_ROWS", SHOWN_ROWS)
    monkeypatch.setattr(due_module, "AGENDA_SHOWN", 1)
    return sample_db


def make_view(path: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(path, clock)
    try:
        assert write_view(notebook, clock())
    finally:
        assert notebook.close() is None


def first_frames(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Records the screen at the moment the whole notebook is about to be read."""
    seen: list[tuple[str, bool]] = []
    original = InfoviewApp._load_whole

    def load_whole(app: InfoviewApp) -> None:
        assert app.notebook is not None
        seen.append((screen_text(app), app.notebook.partial is not None))
        original(app)

    monkeypatch.setattr(InfoviewApp, "_load_whole", load_whole)
    return seen


@pytest.mark.parametrize("start", ["contacts", "auto"])
async def test_the_first_frame_from_a_view_is_the_whole_notebooks_first_frame(
    big_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    async with running(big_db, clock, start_screen=start) as (app, pilot):
        cold = screen_text(app)  # no view yet: the whole notebook, as always
        await pilot.press("q")
    make_view(big_db, clock)
    view = read_view(big_db, clock())
    assert view is not None and view.contacts == 12 + EXTRA
    assert len(view.tables["contacts"]) < 12 + EXTRA  # a real part
    seen = first_frames(monkeypatch)
    async with running(big_db, clock, start_screen=start) as (app, pilot):
        await wait_until(pilot, lambda: bool(seen))
        await pilot.pause()
        assert [partial for _, partial in seen] == [True]  # drawn from the view...
        assert seen[0][0] == cold  # ...exactly as from the whole notebook
        assert app.notebook is not None and app.notebook.partial is None
        assert screen_text(app) == cold  # and read whole right after, nothing moved
        expected = TodayScreen if start == "auto" else MainScreen
        assert isinstance(app.screen, expected)
        if start == "auto":
            # the first item of a section, and the count of the whole notebook's
            assert "Follow-ups due (2)" in screen_text(app)
            assert "and 1 more" in screen_text(app)


async def test_keys_act_on_the_whole_notebook_and_nothing_is_lost(
    big_db: Path, clock: FrozenClock
) -> None:
    before = on_disk(big_db)
    make_view(big_db, clock)
    async with running(big_db, clock) as (app, pilot):
        await wait_until(pilot, lambda: app.notebook.partial is None)  # type: ignore[union-attr]
        contacts = app.screen.query_one(ContactList)
        assert len(contacts.rows) == 12 + EXTRA and contacts.total == 0
        assert f"{12 + EXTRA} · by name" in screen_text(app)
        await pilot.press("end")  # the last contact: not in the view
        await pilot.pause()
        assert contacts.current is not None and contacts.current.name == "Tomás Herrera"
        assert "Tomás Herrera" in screen_text(app)
        await pilot.press("n")
        await type_text(pilot, "Met at the meetup. ")
        await wait_until(
            pilot,
            lambda: contacts_on_disk(big_db)["Tomás Herrera"]["notes"].startswith("Met at"),
        )
    after = on_disk(big_db)
    assert len(after["contacts"]) == 12 + EXTRA
    assert after["interviews"] == before["interviews"]
    for key, doc in before["contacts"].items():
        if doc["name"] != "Tomás Herrera":
            assert after["contacts"][key] == doc


async def test_typing_before_the_whole_notebook_is_in_is_kept(
    big_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed while infoview starts (the terminal hands them over at once) wait for the
    whole notebook, then act on it in order: here, notes for the first contact."""
    original = InfoviewApp.on_mount

    def on_mount(app: InfoviewApp) -> None:
        original(app)
        assert app.notebook is not None and app.notebook.partial is not None
        for key in ["down", "n", *"Typed_early"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))

    make_view(big_db, clock)
    monkeypatch.setattr(InfoviewApp, "on_mount", on_mount)
    async with running(big_db, clock, start_screen="contacts") as (app, pilot):
        await wait_until(
            pilot,
            lambda: contacts_on_disk(big_db)["Elena Petrova"]["notes"].startswith("Typed_early"),
        )
        assert app.notebook is not None and app.notebook.partial is None
        contacts = app.screen.query_one(ContactList)
        assert contacts.current is not None and contacts.current.name == "Elena Petrova"
        assert len(contacts_on_disk(big_db)) == 12 + EXTRA


async def test_a_notebook_holding_a_view_takes_no_edit_and_never_writes(
    big_db: Path, clock: FrozenClock
) -> None:
    sample_db = big_db
    make_view(sample_db, clock)
    raw = sample_db.read_bytes()
    app = create_app(sample_db, clock)
    notebook = app.notebook
    assert notebook is not None and notebook.partial is not None
    assert notebook.contact_count == 12 + EXTRA and len(notebook.contacts) < 12 + EXTRA
    first = next(iter(notebook.contacts))
    with pytest.raises(RuntimeError, match="takes no edit"):
        notebook.set_contact_notes(first, "lost?")
    assert not notebook.dirty and notebook.flush() is None
    assert notebook.close() is None
    assert sample_db.read_bytes() == raw


def test_a_view_serves_only_the_file_and_the_days_it_was_made_for(
    sample_db: Path, clock: FrozenClock
) -> None:
    make_view(sample_db, clock)
    assert read_view(sample_db, clock()) is not None
    assert read_view(sample_db, clock() + timedelta(days=start_view.DAYS - 1)) is not None
    assert read_view(sample_db, clock() + timedelta(days=start_view.DAYS)) is None  # too far
    assert read_view(sample_db, clock() - timedelta(days=1)) is None  # the clock went back
    notebook = Notebook.open(sample_db, clock)
    notebook.set_contact_notes(next(iter(notebook.contacts)), "changed")
    assert notebook.close() is None
    assert read_view(sample_db, clock()) is None  # the file changed since


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"{not json",
        lambda data: json.dumps({**json.loads(data), "version": 99}).encode(),
        lambda data: json.dumps(
            {**json.loads(data), "meta": {**json.loads(data)["meta"], "schema": 0}}
        ).encode(),
        lambda data: json.dumps({**json.loads(data), "days": []}).encode(),
        lambda data: json.dumps({**json.loads(data), "tables": {"contacts": []}}).encode(),
        lambda data: json.dumps(
            {**json.loads(data), "tables": {"contacts": {"x": {"name": "A"}}, "interviews": {}}}
        ).encode(),
        lambda data: json.dumps(
            {**json.loads(data), "tables": {"contacts": {"1": []}, "interviews": {}}}
        ).encode(),
    ],
    ids=[
        "not-json",
        "other-version",
        "other-schema",
        "bad-days",
        "bad-tables",
        "bad-id",
        "bad-doc",
    ],
)
async def test_a_damaged_view_means_a_cold_start(
    sample_db: Path, clock: FrozenClock, damage: object
) -> None:
    make_view(sample_db, clock)
    path = view_path(sample_db)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    # read_view refuses most; a record table it passes on, the notebook refuses to build
    async with running(sample_db, clock) as (app, _):
        assert app.notebook is not None and app.notebook.partial is None
        assert len(app.notebook.contacts) == 12
        assert "Aiko Tanaka" in screen_text(app)


async def test_a_record_the_view_cannot_build_means_a_cold_start(
    sample_db: Path, clock: FrozenClock
) -> None:
    make_view(sample_db, clock)
    path = view_path(sample_db)
    data = json.loads(path.read_bytes())
    first = next(iter(data["tables"]["contacts"]))
    data["tables"]["contacts"][first]["name"] = 42
    stat = sample_db.stat()
    path.write_text(json.dumps(data), "utf-8")
    assert sample_db.stat().st_mtime_ns == stat.st_mtime_ns
    async with running(sample_db, clock) as (app, _):
        assert app.notebook is not None and app.notebook.partial is None
        assert len(app.notebook.contacts) == 12


@pytest.mark.parametrize("start", ["contacts", "auto"])  # auto: Today over a deferred list
async def test_a_file_damaged_behind_its_view_opens_the_recovery_screen(
    sample_db: Path, clock: FrozenClock, start: str
) -> None:
    make_view(sample_db, clock)
    raw = sample_db.read_bytes()
    damaged = raw[:-10] + b"@" * 10
    with sample_db.open("r+b") as handle:
        handle.write(damaged)
    # Damage the view's key cannot see (bits lost on the disk): the view still fits.
    view = json.loads(view_path(sample_db).read_bytes())
    view["notebook"] = start_view.file_key(sample_db)
    view_path(sample_db).write_text(json.dumps(view), "utf-8")
    assert read_view(sample_db, clock()) is not None
    async with running(sample_db, clock, start_screen=start) as (app, pilot):
        await wait_until(pilot, lambda: isinstance(app.screen, RecoveryScreen))
        assert app.notebook is None
        assert "ends too early" in screen_text(app) or "not valid JSON" in screen_text(app)
    assert sample_db.read_bytes() == damaged


def test_quitting_writes_the_view_for_the_next_start(sample_db: Path, clock: FrozenClock) -> None:
    app = create_app(sample_db, clock)
    app.run = lambda *args, **kwargs: None  # type: ignore[method-assign]  # run_and_close's end
    assert app.run_and_close() == 0
    view = read_view(sample_db, clock())
    assert view is not None and view.contacts == 12


def test_no_view_while_a_call_runs(sample_db: Path, clock: FrozenClock) -> None:
    notebook = Notebook.open(sample_db, clock)
    try:
        notebook.start_call_now(next(iter(notebook.contacts)))
        assert notebook.flush() is None
        assert not write_view(notebook, clock())  # the next start resumes the call: all of it
        assert not view_path(sample_db).exists()
    finally:
        notebook.close()


@pytest.mark.parametrize("with_view", [False, True])
async def test_today_first_the_list_beneath_is_built_after_the_first_frame(
    big_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, with_view: bool
) -> None:
    """Today opens on top of the contact list; the list's panes wait for the first frame, and
    keys typed at once (back to the list, one down) reach them once they are there."""
    if with_view:
        make_view(big_db, clock)
    original_mount = InfoviewApp.on_mount
    original_after = InfoviewApp._after_first_frame
    at_first_frame: list[bool] = []

    def on_mount(app: InfoviewApp) -> None:
        original_mount(app)
        for key in ["escape", "down"]:
            app.post_message(events.Key(key, None))

    def after_first_frame(app: InfoviewApp) -> None:
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen) and isinstance(app.screen, TodayScreen)
        at_first_frame.append(main.deferred and not main.query(ContactList))
        original_after(app)

    monkeypatch.setattr(InfoviewApp, "on_mount", on_mount)
    monkeypatch.setattr(InfoviewApp, "_after_first_frame", after_first_frame)
    async with running(big_db, clock, start_screen="auto") as (app, pilot):
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.pause()
        assert at_first_frame == [True]
        contacts = app.screen.query_one(ContactList)
        await wait_until(pilot, lambda: contacts.current is not None and contacts.cursor == 1)
        assert contacts.current is not None and contacts.current.name == "Elena Petrova"
        assert f"{12 + EXTRA} · by name" in screen_text(app)
        assert "Elena Petrova" in screen_text(app)


def test_the_view_is_readable_by_the_user_alone(sample_db: Path, clock: FrozenClock) -> None:
    make_view(sample_db, clock)
    assert view_path(sample_db).stat().st_mode & 0o077 == 0  # it holds contacts and notes


@pytest.mark.parametrize("hours", range(0, 24 * start_view.DAYS, 5))
def test_the_views_counts_are_the_whole_notebooks_at_any_time_it_serves(
    sample_db: Path, clock: FrozenClock, hours: int
) -> None:
    """Counts made at quit stay right later: the next days' agendas are in the view, and a
    thank-you that turns overdue at its deadline's time of day is counted at start."""
    make_view(sample_db, clock)
    later = clock() + timedelta(hours=hours)
    view = read_view(sample_db, later)
    if later.astimezone().date() - clock().astimezone().date() >= timedelta(days=start_view.DAYS):
        assert view is None
        return
    assert view is not None
    notebook = Notebook.open(sample_db, clock)
    try:
        whole = due_module.build_agenda(
            notebook.contacts, notebook.interviews, notebook.settings, later
        )
    finally:
        notebook.close()
    assert view.agenda.counts == {section.kind: len(section.items) for section in whole.sections}
    assert view.agenda.overdue == sum(1 for item in whole.items if item.overdue)
    assert view.agenda.due == due_module.anything_due(whole)


# ----- what sits at the view's name (issue 17, item 11) --------------------------------------


def read_view_within(path: Path, clock: FrozenClock, seconds: float = 5.0) -> object:
    """read_view in a thread: a start that waits on the view file fails here, not hangs."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(read_view(path, clock())), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():  # let the stuck open return before failing
        with contextlib.suppress(OSError):
            os.close(os.open(view_path(path), os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading the start view hangs")
    return result[0]


async def test_a_fifo_at_the_views_name_never_hangs_the_start(
    sample_db: Path, clock: FrozenClock
) -> None:
    os.mkfifo(view_path(sample_db))
    assert read_view_within(sample_db, clock) is None
    async with running(sample_db, clock) as (app, _):
        assert app.notebook is not None and app.notebook.partial is None  # a cold start
        assert "Aiko Tanaka" in screen_text(app)
    assert stat.S_ISFIFO(os.lstat(view_path(sample_db)).st_mode)  # not read, not replaced


@pytest.mark.parametrize("target", ["/dev/zero", "a-real-view"])
def test_a_link_at_the_views_name_is_not_followed(
    sample_db: Path, clock: FrozenClock, target: str
) -> None:
    make_view(sample_db, clock)
    path = view_path(sample_db)
    elsewhere = sample_db.with_name("elsewhere.start")
    path.rename(elsewhere)  # a view that would serve, put behind a link
    path.symlink_to("/dev/zero" if target == "/dev/zero" else elsewhere)
    assert read_view_within(sample_db, clock) is None  # no MemoryError, no view through a link
    elsewhere.rename(path)
    assert read_view(sample_db, clock()) is not None  # the same view, in place, serves


def test_a_view_larger_than_its_notebook_is_not_read(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_view(sample_db, clock)
    path = view_path(sample_db)
    data = path.read_bytes()
    # A view is a part of its notebook and a few counts: at most SLACK more than its size.
    monkeypatch.setattr(start_view, "SLACK", len(data) - sample_db.stat().st_size + 50)
    cap = sample_db.stat().st_size + start_view.SLACK
    path.write_bytes(data + b" " * (cap - len(data)))  # at the cap: still a view
    assert read_view(sample_db, clock()) is not None
    path.write_bytes(data + b" " * (cap - len(data) + 1))  # one byte over
    assert read_view(sample_db, clock()) is None


def test_putting_an_old_mtime_back_does_not_fool_the_views_key(
    sample_db: Path, clock: FrozenClock
) -> None:
    make_view(sample_db, clock)
    before = sample_db.stat()
    raw = sample_db.read_bytes()
    middle = len(raw) // 2
    at = raw.index(b"e", middle)  # an edit in place: same size, same inode
    with sample_db.open("r+b") as handle:
        handle.seek(at)
        handle.write(b"E")
    os.utime(sample_db, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = sample_db.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert read_view(sample_db, clock()) is None
