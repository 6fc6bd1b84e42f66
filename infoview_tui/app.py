"""InfoviewApp: owns the Notebook, the save timer, global keys, theme and signals."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import signal
import sys
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Footer

from .commands import InfoviewCommands
from .idle_gc import IdleCollector
from .keymap import config_path, read_keymap
from .model import Clock, system_clock
from .model import call as call_clock
from .navigation import Navigate, Navigator, OpenCall
from .notebook import Notebook
from .screens.confirm import ConfirmScreen
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.recovery import RecoveryScreen
from .start_view import close_with_view, read_view
from .store import NotebookFileError, NotebookStore
from .textual_patches import wait_for_idle
from .widgets.contact_list import ContactList
from .widgets.terminal_guard import guard_terminal

guard_terminal()  # data text on screen shows its control characters, never sends them

SAVE_TICK_SECONDS = 0.1
BELL_TICK_SECONDS = 0.25
IDLE_GC_TICK_SECONDS = 0.25
USER_INPUT = (
    events.Key,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Paste,
)
"""Events that mean the user is busy (full garbage collections wait for a pause)."""
HELD_INPUT = (events.InputEvent, events.Paste)
"""Everything the user does; held until the start is finished (``_held``)."""
SETTLE_FRAMES = 8
"""At most this many refreshes wait for the footer before the start is finished."""
REPLAY_MAX_WAIT_SECONDS = 0.1
"""Held input is handed back one event at a time, each once the app is idle (at most this)."""
EXIT_DECLINED = 1


class InfoviewApp(App[int]):
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    """App's, without the repaint of the whole screen: the header watches it and redraws its
    own title (AppHeader), and it changes with every save ("editing" / "saved")."""

    CSS_PATH = "app.tcss"
    TITLE = "infoview"
    COMMANDS = App.COMMANDS | {InfoviewCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+s", "save_now", "Save now", show=False, id="app.save_now"),
    ]

    def __init__(
        self,
        store: NotebookStore,
        clock: Clock,
        notebook: Notebook | None,
        problem: NotebookFileError | None = None,
        *,
        cursor_blink: bool = True,
        start_screen: str = "auto",
        keymap: dict[str, str] | None = None,
        keymap_problems: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.user_keymap = keymap or {}
        """The user's keys by binding id (config.toml's [keymap], see keymap.py)."""
        self._keymap_problems = keymap_problems or []
        self.store = store
        self.clock = clock
        self.notebook = notebook
        self.problem = problem
        self.cursor_blink = cursor_blink
        self.start_screen = start_screen
        """"auto" opens Today on top of the contacts when anything is due, "today" always,
        "contacts" never."""
        self._shown_error: str | None = None
        self.navigator = Navigator(self)
        """Opens the screens the screens ask for (navigation.py)."""
        self._collector = IdleCollector()
        self._held: list[events.Event] | None = (
            [] if notebook is not None and notebook.partial is not None else None
        )
        """Input that arrives before the start is finished (only a start view loaded, or the
        main screen's panes not built yet, see ``_finish_start``), handled after it."""
        self._start_today: Screen[None] | None = None
        """Today, when it is the start screen (see ``get_default_screen``)."""
        self._passing: list[events.Event] = []
        self._bell_reading: tuple[int, float] | None = None
        """The running call and its time left when the bell last looked (``_call_bell``)."""
        """Held input handed back (``_replay_held``), let through once."""
        self.sub_title = self.store.path.name
        self._show_status()

    # ----- start ------------------------------------------------------------------------

    def on_load(self) -> None:
        # Starting up makes tens of thousands of objects (widgets, styles, caches) that all live
        # on: no collections until the first frame is painted (see _after_first_frame).
        gc.disable()

    def on_unmount(self) -> None:
        self._collector.stop()  # also if the app stopped before its first frame

    def _after_first_frame(self) -> None:
        if self._held is not None:  # the start is not finished: finish it
            self._finish_when_painted(SETTLE_FRAMES)
            return
        self._start_collector()

    def _start_collector(self) -> None:
        # What the first frame built lives on too: freeze it with the notebook; from here on
        # full collections wait for the user to pause (idle_gc.py).
        self._collector.start()
        self.set_interval(IDLE_GC_TICK_SECONDS, self._collector.tick)

    def _finish_when_painted(self, frames_left: int, footer_ready: bool = False) -> None:
        """Finish the start once the first frame is painted complete: Textual fills the
        footer a refresh or two after the rest (input is held meanwhile: on_event)."""
        if not footer_ready and frames_left > 0:
            ready = all(footer.children for footer in self.screen.query(Footer))
            self.call_after_refresh(self._finish_when_painted, frames_left - 1, ready)
            return
        self.run_worker(self._finish_start(), name="finish the start")

    async def _finish_start(self) -> None:
        """What the first frame did not wait for: the whole notebook (after a start view),
        then the main screen's panes (when Today opened on top of it); then the input typed
        meanwhile, in order."""
        if self.notebook is not None and self.notebook.partial is not None:
            self._load_whole()
        main = self.screen_stack[0] if self.screen_stack else None
        if self.notebook is not None and isinstance(main, MainScreen):
            await main.build_panes()
        self._start_collector()
        await self._replay_held()

    async def on_event(self, event: events.Event) -> None:
        if (
            self._held is not None
            and isinstance(event, HELD_INPUT)
            and not isinstance(event, events.MouseMove)  # only hover: no need to hold it
            and not event.is_forwarded
        ):
            if event in self._passing:
                self._passing.remove(event)
            else:
                self._held.append(event)  # typed before the start is finished: after it
                return
        if isinstance(event, USER_INPUT):
            self._collector.input_seen()
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._on_signal, sig)  # not on Windows
        if self.notebook is not None and self.notebook.settings.theme in self.available_themes:
            self.theme = self.notebook.settings.theme
        self.set_interval(SAVE_TICK_SECONDS, self._save_tick)
        self.set_interval(BELL_TICK_SECONDS, self._call_bell)
        if not self.cursor_blink:
            self.screen_change_signal.subscribe(self, self._steady_cursors)
            self._steady_cursors(self.screen)
        self.call_after_refresh(self._after_first_frame)
        if self._start_today is not None:
            self.push_screen(self._start_today)  # the contact list stays beneath: escape to it
        if self.notebook is not None and (running := self.notebook.active_call()):
            # A call was running when infoview stopped (quit, crash, kill -9): go back to it.
            self.navigator.open_call(OpenCall(running.id))
        if self.notebook is None:
            assert self.problem is not None
            self._open_recovery(self.problem)
        for problem in self._keymap_problems:
            self.notify(problem, title="Keys", severity="warning", timeout=12)
        if self.store.read_only is not None:
            self.notify(
                f"{self.store.path} is open read-only: {self.store.read_only}. "
                "Nothing you change here is saved.",
                title="Read-only",
                severity="warning",
                timeout=10,
            )

    def watch_theme(self, theme: str) -> None:
        """Remember a theme picked anywhere (the command palette's "Theme") as the settings
        screen does, so the next start has it too. On the settings screen a theme is only a
        preview until saved there (escape takes it back): not stored here."""
        notebook = self.notebook
        if notebook is None or not theme or notebook.settings.theme == theme:
            return
        from .screens.settings import SettingsScreen

        if isinstance(self.screen, SettingsScreen):
            return
        notebook.update_settings(theme=theme)

    def _open_recovery(self, problem: NotebookFileError) -> None:
        """The file does not load: say why, offer the newest good backup."""
        self.push_screen(RecoveryScreen(problem, self.store.newest_good_backup()), self._recovered)

    def _load_whole(self) -> None:
        """The first frame came from a start view (start_view.py): read the whole notebook now,
        on the event loop, so not one key is handled before it is in, then redraw."""
        assert self.notebook is not None
        try:
            self.notebook.load()
        except NotebookFileError as exc:
            # Damaged in a way its size and time did not show: as at any start with a bad file.
            # What was typed meanwhile is dropped: it must not answer the recovery question.
            self._held = None
            self.notebook, self.problem = None, exc
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self._open_recovery(exc)
            return
        for screen in self.screen_stack:
            loaded = getattr(screen, "notebook_loaded", None)
            if loaded is not None:
                loaded()

    async def _replay_held(self) -> None:
        """Hand over what was typed while the start finished, in order and one at a time (a
        key that moves the focus has to take effect before the next one); what arrives
        meanwhile queues behind it."""
        while self._held:
            event = self._held.pop(0)
            self._passing.append(event)
            self.post_message(event)
            # As Textual's own key presses (App._press_keys) do: let it be handled, and what it
            # set off (a focus change comes as a later callback), before the next one.
            await wait_for_idle(0, REPLAY_MAX_WAIT_SECONDS)
        self._held = None

    def _today_at_start(self) -> Screen[None] | None:
        """Today, if it is the start screen: ``start_screen`` "today", or "auto" and anything
        is due; it opens on top of the contact list."""
        if self.notebook is None or self.start_screen == "contacts":
            return None
        from .model.due import anything_due
        from .screens.today import TodayScreen

        today = TodayScreen(self.notebook)
        if self.start_screen == "today" or anything_due(today.agenda):
            return today
        return None

    def _steady_cursors(self, screen: Screen[Any]) -> None:
        """Tests and screenshots: cursors that do not blink, so every picture is the same."""

        def steady() -> None:
            for widget in screen.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]

        screen.call_after_refresh(steady)

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the default one (no empty screen composed beneath it). When
        Today opens on top of it, its panes wait until after the first frame (``deferred``)."""
        if self.notebook is not None:
            self._start_today = self._today_at_start()
            if self._start_today is None:
                return MainScreen(self.notebook)
            if self._held is None:
                self._held = []  # until the panes are built (_finish_start)
            return MainScreen(self.notebook, deferred=True)
        return super().get_default_screen()

    def _recovered(self, use_backup: bool | None) -> None:
        backup = self.store.newest_good_backup()
        if not use_backup or backup is None:
            self.exit(return_code=EXIT_DECLINED)
            return
        try:
            damaged = self.store.restore(backup)
        except OSError as exc:  # a read-only notebook or folder
            self.notify(f"Could not restore {backup.name}: {exc.strerror or exc}", timeout=10)
            self.exit(return_code=EXIT_DECLINED)
            return
        notebook = Notebook(self.store, self.clock)
        notebook.load()
        self.notebook = notebook
        self.push_screen(MainScreen(notebook))
        self.notify(
            f"Opened the backup {backup.name}. The damaged file is kept as {damaged.name}.",
            timeout=10,
        )

    # ----- the one save path --------------------------------------------------------------

    def _call_bell(self) -> None:
        """The terminal bell at closing time and when time is up, on whatever screen (the call
        keeps running when its screen is left), if the settings ask for it (off by default)."""
        notebook = self.notebook
        if notebook is None or not (settings := notebook.settings).bell:
            self._bell_reading = None
            return
        running = notebook.active_call()
        if running is None or running.call is None:
            self._bell_reading = None
            return
        left = call_clock.remaining(running.call, running.agreed_minutes, self.clock())
        before = self._bell_reading
        self._bell_reading = (running.id, left)
        last = before[1] if before is not None and before[0] == running.id else None
        if call_clock.alerts(last, left, settings.closing_minutes):
            self.bell()

    async def _save_tick(self) -> None:
        notebook = self.notebook
        if notebook is None:
            return
        if notebook.save_due() or notebook.check_due():
            # One path for both: a save first merges what another device changed (issue 15).
            error = await notebook.save_async(check=True)
            self._report(error)
            self._tell_merges()
        self._show_status()

    def _tell_merges(self) -> None:
        """Say what merges did (a toast each), and let the screens show the merged notebook."""
        notebook = self.notebook
        if notebook is None:
            return
        reports = notebook.take_reports()
        if not reports:
            return
        for report in reports:
            trouble = report.error is not None or bool(report.conflicts)
            self.notify(
                report.message(),
                title="Not merged" if report.error else "Merged from another device",
                severity="error" if report.error else "warning" if trouble else "information",
                timeout=15 if trouble else 6,
            )
        if any(report.error is None for report in reports):
            for screen in self.screen_stack:
                merged = getattr(screen, "notebook_merged", None) or getattr(
                    screen, "notebook_loaded", None
                )
                if merged is not None:
                    merged()

    def _report(self, error: str | None) -> None:
        if error and error != self._shown_error:
            self.notify(error, title="Not saved", severity="error", timeout=10)
        self._shown_error = error

    def _show_status(self) -> None:
        notebook = self.notebook
        if notebook is None:
            return
        if notebook.last_save_error:
            status = "NOT SAVED"
        elif self.store.read_only is not None:
            status = "read-only"
        elif notebook.dirty:
            status = "editing"
        else:
            status = "saved"
        title = f"{self.store.path.name} - {status}"
        if self.sub_title != title:
            self.sub_title = title

    @on(Navigate)  # every subclass: a decorated handler matches the message's base classes
    def _navigate(self, message: Navigate) -> None:
        """Every screen's way to another screen (OpenContact, StartCall, ...): one place."""
        self.navigator.handle(message)

    def action_save_now(self) -> None:
        if self.notebook is not None:
            error = self.notebook.flush()
            self._report(error)
            self._tell_merges()
            self._show_status()
            if error is None:
                self.notify("Saved", timeout=2)

    def _on_signal(self, sig: int) -> None:
        """SIGTERM or SIGHUP (the terminal closed): save first, then leave."""
        if self.notebook is not None:
            self.notebook.abandon_batch()  # an import under way is left undone, never half
            self.notebook.flush()
        self.exit(return_code=128 + sig)

    async def action_quit(self) -> None:
        if self.notebook is None:
            self.exit(return_code=EXIT_DECLINED)
            return
        self.notebook.abandon_batch()  # quitting during an import leaves it undone
        error = self.notebook.flush()
        if error is None:
            self.exit(return_code=0)
            return
        self._report(error)

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(return_code=1)

        self.push_screen(
            ConfirmScreen(
                f"{error}\n\nQuit anyway and lose the unsaved changes?",
                yes="Quit anyway",
                no="Stay",
            ),
            answered,
        )

    def action_help(self) -> None:
        screen = self.screen
        groups = [
            ("Everywhere", list(self.BINDINGS)),
            ("This screen", list(screen.BINDINGS)),
        ]
        if isinstance(screen, MainScreen):
            groups.append(("Contact list", list(ContactList.BINDINGS)))
        elif self.focused is not None and type(self.focused).__module__.startswith("infoview"):
            groups.append(("The focused pane", list(type(self.focused).BINDINGS)))

        def keys(binding: Binding) -> Binding:  # the keys in force: the user's keymap's
            remapped = self.user_keymap.get(binding.id or "")
            return dataclasses.replace(binding, key=remapped) if remapped else binding

        self.push_screen(
            HelpScreen([(t, [keys(b) for b in bs if isinstance(b, Binding)]) for t, bs in groups])
        )

    # ----- stop ---------------------------------------------------------------------------

    def run_and_close(self) -> int:
        """Run the app, then save and release the notebook whatever happened."""
        try:
            self.run()
        finally:
            notebook = self.notebook
            error = close_with_view(notebook, self.clock()) if notebook is not None else None
            if notebook is None:
                self.store.close()
        if error:
            print(f"infoview: {error}", file=sys.stderr)
            return 1
        return self.return_code or 0


def create_app(
    db_path: Path,
    clock: Clock = system_clock,
    *,
    cursor_blink: bool = True,
    start_screen: str = "auto",
    start_view: bool = True,
    config: Path | None = None,
) -> InfoviewApp:
    """The one way to build the app (the CLI and the tests both use it).

    ``config``: the config file with the user's keymap (default: keymap.config_path()).

    Takes the notebook's lock (raises NotebookLockedError if another infoview holds it) and
    loads it; a file that does not load opens the recovery screen instead. With a start view
    that fits (start_view.py) it holds only that part until the first frame is painted.
    """
    store = NotebookStore(db_path, clock)
    notebook: Notebook | None = Notebook(store, clock)
    problem: NotebookFileError | None = None
    view = read_view(store.path, clock()) if start_view else None  # the real file's
    gc.disable()  # loading makes ~100,000 objects that all live on: no collections meanwhile
    try:
        if view is None or not notebook.open_view(view):  # type: ignore[union-attr]
            notebook.load()  # type: ignore[union-attr]
    except NotebookFileError as exc:
        notebook, problem = None, exc
    except BaseException:
        store.close()
        raise
    finally:
        gc.enable()
    # The loaded notebook lives as long as the app: keep it out of the collector's full
    # passes, which otherwise stall the event loop ~20 ms during a big save (bench/save_bench).
    gc.freeze()
    keymap, keymap_problems = read_keymap(config or config_path())
    return InfoviewApp(
        store,
        clock,
        notebook,
        problem,
        cursor_blink=cursor_blink,
        start_screen=start_screen,
        keymap=keymap,
        keymap_problems=keymap_problems,
    )
