"""The fast paths behind issues 2 and 3 give the same answers as the plain ones they replace.

- opening a notebook one record at a time (``stream_notebook``) builds exactly what parsing it
  whole then ``build_records`` builds, shares repeated short texts, and leaves every odd file
  to the careful reader (which names the fault);
- ``fold`` (ASCII shortcut) and the contact list's ``_fit`` (no Text for plain ASCII) agree
  with the slow forms;
- typing in the search box repaints the list without laying out the whole screen again.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.screen import Screen

from infoview_tui.content.sample import write_sample
from infoview_tui.model import FrozenClock
from infoview_tui.model.search import fold, haystack
from infoview_tui.notebook import KINDS, Notebook
from infoview_tui.store import NotebookFileError, NotebookStore, build_records, read_tables
from infoview_tui.widgets.contact_list import ContactList, _cell, _fit

from .helpers import running, screen_text, type_text, wait_until, widget_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from make_notebook import make_notebook


def careful(path: Path) -> dict[str, dict[int, object]]:
    tables, _ = read_tables(path)
    return build_records(path, tables, KINDS)  # type: ignore[return-value]


def streamed(path: Path, clock: FrozenClock) -> tuple[dict[str, dict[int, object]], dict]:
    store = NotebookStore(path, clock)
    try:
        loaded = store.load_records(KINDS)
    finally:
        store.close()
    assert loaded is not None
    return loaded  # type: ignore[return-value]


def test_streamed_load_equals_whole_parse_for_a_generated_notebook(
    tmp_path: Path, clock: FrozenClock
) -> None:
    path = tmp_path / "big.json"
    make_notebook(path, contacts=300, interviews=40, note_bytes=500)
    records, rest = streamed(path, clock)
    assert records == careful(path)
    assert len(records["contacts"]) == 300 and len(records["interviews"]) == 40
    assert set(rest) == {"meta"}
    # Equal short texts are kept once: the same organisation is the same string object.
    by_org: dict[str, object] = {}
    for contact in records["contacts"].values():
        first = by_org.setdefault(contact.organization, contact.organization)  # type: ignore[attr-defined]
        assert first is contact.organization  # type: ignore[attr-defined]


def test_streamed_load_reads_the_sample_and_keeps_unknown_tables(
    tmp_path: Path, clock: FrozenClock
) -> None:
    path = tmp_path / "sample.json"
    write_sample(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["plugin_notes"] = {"1": {"anything": [1, 2, {"x": None}]}}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")  # spaced
    records, rest = streamed(path, clock)
    assert records == careful(path)
    assert rest["plugin_notes"] == {"1": {"anything": [1, 2, {"x": None}]}}
    assert rest["meta"]["1"]["schema"] == data["meta"]["1"]["schema"]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda raw: raw[: len(raw) // 2], "truncated"),
        (lambda raw: b"\xef\xbb\xbf" + raw, "byte-order mark"),
        (lambda raw: raw + b" {}", "unexpected data after the end"),
        (lambda raw: raw.replace(b'"contacts":{"1"', b'"contacts":{"x1"', 1), "ids are numbers"),
    ],
)
def test_odd_files_go_to_the_careful_reader_which_names_the_fault(
    tmp_path: Path, clock: FrozenClock, damage, message: str
) -> None:
    path = tmp_path / "notebook.json"
    write_sample(path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(NotebookFileError, match=message):
        Notebook.open(path, clock)


def test_an_invalid_record_is_named(tmp_path: Path, clock: FrozenClock) -> None:
    path = tmp_path / "notebook.json"
    write_sample(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    first = next(iter(data["contacts"]))
    data["contacts"][first]["stage"] = "bogus"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(NotebookFileError, match=f"record contacts#{first} is invalid"):
        Notebook.open(path, clock)


def slow_fold(text: str) -> str:
    """The definition: casefold, decompose (twice, so it is stable), drop the accents."""
    decomposed = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKD", text.casefold()).casefold()
    )
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@given(st.text(max_size=40))
def test_fold_matches_its_definition_and_is_stable(text: str) -> None:
    assert fold(text) == slow_fold(text)
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=30), st.integers(0, 30))
def test_fit_cuts_and_pads_like_rich(text: str, width: int) -> None:
    assert _fit(text, width) == (_cell(text, width).plain if width > 0 else "")


async def test_typing_a_search_never_lays_out_the_whole_screen(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts: list[str] = []
    original = Screen._refresh_layout

    def counted(self: Screen, *args: object, **kwargs: object) -> None:
        layouts.append(type(self).__name__)
        original(self, *args, **kwargs)

    async with running(sample_db, clock) as (app, pilot):
        everyone = len(app.screen.query_one(ContactList).rows)
        await pilot.press("slash")
        await pilot.pause()
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        await type_text(pilot, "ma")
        await pilot.pause()
        shown = app.screen.query_one(ContactList).rows
        assert app.notebook is not None
        expected = [c.id for c in app.notebook.contacts.values() if "ma" in haystack(c)]
        assert 0 < len(shown) < everyone
        assert sorted(c.id for c in shown) == sorted(expected)
        assert f"{len(shown)} of {everyone}" in screen_text(app)  # the pane's border
        assert shown[0].name[:12] in widget_text(app, "#contacts")
        assert layouts == []  # the box and the list repainted; nothing was laid out


async def test_the_saved_status_changes_without_redrawing_the_screen(
    sample_db: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing flips the header between "editing" and "saved" with every save: only the title's
    own line is redrawn (no layout, no repaint of the whole screen)."""
    from textual.widget import Widget

    from infoview_tui.widgets.app_header import StillTitle

    layouts: list[str] = []
    whole: list[str] = []
    original_layout = Screen._refresh_layout
    original_refresh = Widget.refresh

    def laid_out(self: Screen, *args: object, **kwargs: object) -> None:
        layouts.append(type(self).__name__)
        original_layout(self, *args, **kwargs)

    def refreshed(self: Widget, *args: object, **kwargs: object) -> Widget:
        if isinstance(self, Screen) or kwargs.get("layout"):
            whole.append(type(self).__name__)
        return original_refresh(self, *args, **kwargs)  # type: ignore[arg-type]

    titles: list[str] = []
    original_update = StillTitle.update

    def updated(self: StillTitle, content: object = "", **kwargs: object) -> None:
        titles.append(str(content))
        original_update(self, content, **kwargs)  # type: ignore[arg-type]

    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        monkeypatch.setattr(Screen, "_refresh_layout", laid_out)
        monkeypatch.setattr(Widget, "refresh", refreshed)
        monkeypatch.setattr(StillTitle, "update", updated)
        await type_text(pilot, "x")
        await wait_until(pilot, lambda: len(titles) >= 2)  # "editing", then the save: "saved"
        assert [title.rsplit(" ", 1)[-1] for title in titles] == ["editing", "saved"]
        assert "saved" in str(app.screen.query_one(StillTitle).render())
        assert layouts == [] and whole == []
