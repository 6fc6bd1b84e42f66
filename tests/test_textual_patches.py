"""Textual's and Rich's private API is used in one module only (infoview_tui/textual_patches.py),
and every private name it uses is still there in the installed Textual and Rich.

After a Textual upgrade, a failure here names each private name that is gone: the patch
module is then the one file to change."""

from __future__ import annotations

import inspect
import io
import re
import threading
from pathlib import Path

import pytest
from textual.widgets import TextArea

from infoview_tui import textual_patches
from infoview_tui.textual_patches import PRIVATE_NAMES, missing_private_names

PACKAGE = Path(textual_patches.__file__).parent
PATCHES = Path(textual_patches.__file__)


@pytest.mark.parametrize("private", PRIVATE_NAMES, ids=str)
def test_each_private_name_is_still_there(private: textual_patches.PrivateName) -> None:
    gone = [line for line in missing_private_names() if line.startswith(f"{private} ")]
    assert not gone, f"Textual/Rich no longer has {gone[0]}: update textual_patches.py"


def test_no_private_name_is_gone() -> None:
    assert missing_private_names() == [], "update textual_patches.py for: " + ", ".join(
        missing_private_names()
    )


def test_overridden_methods_keep_their_signatures() -> None:
    """The private methods FastTextArea overrides are called by Textual with these
    parameters; a change means the override must change too."""
    from textual.widgets.text_area import SyntaxAwareDocument

    expected = {
        (TextArea, "_set_document"): ["self", "text", "language"],
        (TextArea, "_build_highlight_map"): ["self"],
        (TextArea, "_render_line"): ["self", "y"],
        (TextArea, "_replace_via_keyboard"): ["self", "insert", "start", "end"],
        (SyntaxAwareDocument, "_location_to_byte_offset"): ["self", "location"],
    }
    changed = [
        f"{cls.__name__}.{name}{inspect.signature(getattr(cls, name))}"
        for (cls, name), parameters in expected.items()
        if list(inspect.signature(getattr(cls, name)).parameters) != parameters
    ]
    assert not changed, f"Textual changed these private methods: {changed}"


def test_a_missing_name_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check can fail: a name taken away is named, with why it is used."""
    import rich.control

    monkeypatch.delattr(rich.control, "_CONTROL_STRIP_TRANSLATE")
    missing = missing_private_names()
    assert len(missing) == 1
    assert missing[0].startswith("rich.control._CONTROL_STRIP_TRANSLATE (")


PRIVATE_IMPORT = re.compile(r"\b(?:textual|rich)(?:\.\w+)*\._\w")
"""``textual._wait``, ``textual.widgets._header``, ``rich._loop`` ... (in an import or not)."""


def _fenced_names() -> set[str]:
    names = {private.name for private in PRIVATE_NAMES if private.name.startswith("_")}
    # the private methods FastTextArea overrides, and the class swap
    return names | {"_on_key", "_on_paste", "__class__"}


def _our_modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if path != PATCHES)


def test_only_the_patch_module_imports_private_modules() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in _our_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE_IMPORT.search(line)
    ]
    assert not found, "private Textual/Rich modules outside textual_patches.py:\n" + "\n".join(
        found
    )


def test_only_the_patch_module_uses_the_fenced_private_names() -> None:
    names = "|".join(re.escape(name) for name in sorted(_fenced_names()))
    use = re.compile(rf"(?:\.|\bdef |[\"'])(?:{names})\b")
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in _our_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if use.search(line)
    ]
    assert not found, "Textual/Rich private names outside textual_patches.py:\n" + "\n".join(found)


def test_the_grep_can_fail() -> None:
    """The patterns above catch what they are meant to."""
    assert PRIVATE_IMPORT.search("from textual._wait import wait_for_idle")
    assert PRIVATE_IMPORT.search("from textual.widgets._header import HeaderTitle")
    assert PRIVATE_IMPORT.search("import rich._loop")
    assert not PRIVATE_IMPORT.search("from textual.widgets.text_area import Location")
    assert "_scroll_update" in _fenced_names()


def test_a_closed_terminal_never_blocks_the_writer() -> None:
    """Textual's output thread died on the first write error and the app then blocked for
    ever once 30 frames were queued (a terminal closed during an import): now it drops
    what it cannot write and still stops when asked."""
    from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

    from infoview_tui.textual_patches import keep_writing_after_hangup

    keep_writing_after_hangup()

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    writer = WriterThread(Closed())
    writer.start()
    done = threading.Event()

    def flood() -> None:
        for n in range(MAX_QUEUED_WRITES * 10):
            writer.write(f"frame {n}")
        writer.stop()
        done.set()

    threading.Thread(target=flood, daemon=True).start()
    assert done.wait(10), "the writer blocked: a closed terminal hangs the app"
    assert not writer.is_alive()
