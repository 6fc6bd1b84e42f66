"""Keys a user can remap: ``[keymap]`` in ``config.toml`` (platformdirs' user config folder,
``~/.config/infoview/config.toml`` on Linux), read at start through Textual's keymap support.

Every binding has an id, ``screen.action`` ("main.add_contact", "call.end"): ``infoview
config --keys`` lists them with their keys. A keymap entry names an id and the keys it gets,
comma-separated::

    [keymap]
    "main.add_contact" = "a,ctrl+n"
    "call.extend" = "plus"

The footer and the help screen show the keys in force. A file that is not TOML, an id that no
binding has or an empty key list is a message at start, not a crash; the rest of the keymap
still applies.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs
from textual.binding import Binding

MAX_CONFIG_BYTES = 1_000_000


def config_path() -> Path:
    """Where infoview's config file is (it need not exist)."""
    return Path(platformdirs.user_config_dir("infoview", appauthor=False)) / "config.toml"


def _modules() -> Iterator[Any]:
    from . import app, screens, widgets

    yield app
    for package in (screens, widgets):
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"{package.__name__}.{info.name}")


def all_bindings() -> dict[str, Binding]:
    """Every binding of infoview by its id (the first one where two share an id)."""
    found: dict[str, Binding] = {}
    for module in _modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    found.setdefault(binding.id, binding)
    return found


def read_keymap(
    path: Path, known: set[str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """The keymap in the config file at ``path`` (none if it does not exist), and what is
    wrong with it, each problem one line for the user. Never raises.

    ``known``: the binding ids there are; by default ``all_bindings()``, worked out only when
    the file has a keymap (it imports every screen: ~130 ms a start would otherwise pay)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: cannot be read ({exc.strerror or exc}); the default keys apply"]
    if len(data) > MAX_CONFIG_BYTES:
        return {}, [f"{path}: larger than 1 MB, not read; the default keys apply"]
    try:
        config = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: not valid TOML ({exc}); the default keys apply"]
    table = config.get("keymap", {})
    if not isinstance(table, dict):
        return {}, [f'{path}: [keymap] must be a table of "binding.id" = "keys"']
    keymap: dict[str, str] = {}
    problems: list[str] = []
    if table and known is None:
        known = set(all_bindings())
    for binding_id, keys in table.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str):
            problems.append(f'{path}: keymap {binding_id!r}: give the keys as text, like "a"')
            continue
        keys = ",".join(k.strip() for k in keys.split(",") if k.strip())
        if known is None or binding_id not in known:
            problems.append(
                f"{path}: keymap {binding_id!r}: no key has that id "
                "(infoview config --keys lists them)"
            )
        elif not keys:
            problems.append(f"{path}: keymap {binding_id!r}: no keys given")
        else:
            keymap[binding_id] = keys
    return keymap, problems


def describe_keys(keymap: dict[str, str] | None = None) -> str:
    """Every binding id with its keys and what it does, as a config file a user can edit."""
    keymap = keymap or {}
    lines = [
        "# infoview's keys: copy the lines you want to change into the [keymap] table of",
        f"# {config_path()}",
        "[keymap]",
    ]
    for binding_id, binding in sorted(all_bindings().items()):
        keys = keymap.get(binding_id, binding.key)
        what = binding.description or binding.tooltip or binding.action
        lines.append(f'# "{binding_id}" = "{keys}"  # {what}')
    return "\n".join(lines)
