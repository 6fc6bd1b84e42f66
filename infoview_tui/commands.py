"""Command-palette entries: every key of the screen on show, by name, plus import and export.

The entries come from the screen's own ``BINDINGS`` (so the palette, the footer and the help
screen can never disagree), with a few actions that have no key of their own.
"""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

# Main-screen actions without a key: (title, help, action).
MAIN_EXTRAS: list[tuple[str, str, str]] = [
    ("Import contacts", "LinkedIn Connections.csv, vCard, or a JSON backup", "import_contacts"),
    ("Export", "JSON backup, CSV, vCard, iCalendar or Markdown", "export"),
]


class InfoviewCommands(Provider):
    """Offers the actions of the screen on show."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from .screens.main import MainScreen

        found: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for binding in type(self.screen).BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen or binding.action.startswith(("tick(", "pick(")):
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            found.append((binding.description, f"key: {key}", binding.action))
        if isinstance(self.screen, MainScreen):
            found += MAIN_EXTRAS
        return found

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, action), help=help_text
                )
