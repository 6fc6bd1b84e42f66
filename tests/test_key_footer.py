"""KeyFooter: the footer shows the keys of what has focus, and is rebuilt only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from infoview_tui.widgets.key_footer import KeyFooter


class Keyed(Button):
    BINDINGS = [Binding("x", "noop", "Extra")]

    def action_noop(self) -> None:
        pass


class FooterApp(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield Keyed("keyed", id="keyed")
        yield KeyFooter()


def footer_text(app: FooterApp) -> str:
    footer = app.query_one(KeyFooter)
    return " ".join(str(key.render()) for key in footer.children)


async def test_the_footer_follows_the_keys_and_is_rebuilt_only_when_they_change() -> None:
    app = FooterApp()
    rebuilds: list[int] = []
    async with app.run_test() as pilot:
        footer = app.query_one(KeyFooter)
        original = footer.recompose

        async def counted() -> None:
            rebuilds.append(1)
            await original()

        footer.recompose = counted  # type: ignore[method-assign]
        app.query_one("#one").focus()
        await pilot.pause()
        assert "Quit" in footer_text(app) and "Extra" not in footer_text(app)
        before = len(rebuilds)
        await pilot.press("tab")  # one -> two: the same keys
        await pilot.pause()
        assert app.focused is app.query_one("#two")
        assert len(rebuilds) == before
        await pilot.press("tab")  # two -> keyed: one more key
        await pilot.pause()
        assert app.focused is app.query_one("#keyed")
        assert len(rebuilds) == before + 1
        assert "Extra" in footer_text(app) and "Quit" in footer_text(app)
        await pilot.press("shift+tab")  # back: the extra key goes again
        await pilot.pause()
        assert len(rebuilds) == before + 2
        assert "Extra" not in footer_text(app)
