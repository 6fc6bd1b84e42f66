"""Keys a user can remap (issue 14 item 6): config.toml's [keymap] read at start, the footer
and the help screen show the keys in force, a bad entry is a message and not a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infoview_tui.keymap import all_bindings, config_path, read_keymap
from infoview_tui.model import FrozenClock
from infoview_tui.screens.contact_form import ContactForm
from infoview_tui.screens.help import HelpScreen

from .helpers import run_cli, running, screen_text, wait_until, widget_text


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_binding_has_an_id_of_its_own() -> None:
    bindings = all_bindings()
    assert len(bindings) > 100
    assert bindings["main.add_contact"].key == "a"
    assert bindings["call.extend"].action == "extend"


def test_the_config_file_is_in_the_users_config_folder() -> None:
    assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "infoview" / "config.toml"


async def test_a_remapped_key_works_and_shows_in_the_footer_and_help(
    sample_db: Path, clock: FrozenClock
) -> None:
    write_config('[keymap]\n"main.add_contact" = "ctrl+n"\n')
    async with running(sample_db, clock) as (app, pilot):
        assert "^n Add" in widget_text(app, "KeyFooter")
        await pilot.press("a")  # the old key does nothing now
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "^n" in screen_text(app)
        await pilot.press("escape", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)


async def test_a_bad_keymap_is_a_message_at_start_and_the_rest_applies(
    sample_db: Path, clock: FrozenClock
) -> None:
    write_config('[keymap]\n"main.no_such_thing" = "x"\n"main.add_contact" = ["ctrl+n", "+"]\n')
    async with running(sample_db, clock) as (app, pilot):

        def shown() -> str:  # a toast wraps its lines
            return " ".join(screen_text(app).split())

        await wait_until(pilot, lambda: "no_such_thing" in shown())
        assert "infoview config --keys lists them" in shown()  # the toast, drawn over panes
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[keymap\n", "not valid TOML"),
        ("keymap = 3\n", "[keymap] must be a table"),
        ('[keymap]\n"main.add_contact" = 3\n', "give the keys as text"),
        ('[keymap]\n"main.add_contact" = " , "\n', "no keys given"),
        (b"\xff\xfe[keymap]", "not valid TOML"),
    ],
)
def test_a_broken_config_never_raises(text: str | bytes, said: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    keymap, problems = read_keymap(path, set(all_bindings()))
    assert keymap == {}
    assert len(problems) == 1 and said in problems[0]


def test_infoview_config_path_and_keys(tmp_path: Path) -> None:
    path = run_cli(tmp_path, "config", "--path")
    assert path.returncode == 0
    where = Path(path.stdout.strip())
    assert where == tmp_path / "home" / ".config" / "infoview" / "config.toml"
    where.parent.mkdir(parents=True)
    where.write_text('[keymap]\n"call.extend" = "ctrl+e"\n', encoding="utf-8")
    keys = run_cli(tmp_path, "config", "--keys")
    assert keys.returncode == 0, keys.stderr
    assert '# "call.extend" = "ctrl+e"' in keys.stdout
    assert '# "main.add_contact" = "a"  # Add' in keys.stdout
    where.write_text('[keymap]\n"call.nope" = "x"\n', encoding="utf-8")
    bad = run_cli(tmp_path, "config")
    assert bad.returncode == 1 and "'call.nope': no key has that id" in bad.stderr
