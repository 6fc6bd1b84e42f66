"""Command-palette entries: every flow of the main screen, reachable by name with ctrl+p."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, action on the main screen)
MAIN_COMMANDS: list[tuple[str, str, str]] = [
    ("Add a contact", "Open the contact form", "add_contact"),
    ("Edit contact", "Edit the selected contact", "edit_contact"),
    ("Change stage", "Pick the selected contact's stage", "pick_stage"),
    ("Next stage", "Move the selected contact one stage along", "advance_stage"),
    ("Log an interaction", "We were in touch today: restart the follow-up", "log_interaction"),
    ("Referral chain", "Who led to the selected contact, and whom they led to", "referrals"),
    ("Schedule a call", "Plan an interview with the selected contact", "schedule"),
    ("Prepare the call", "Agenda, question bank and introduction", "prepare"),
    ("Write outreach", "Email and phone drafts asking for 20-30 minutes", "outreach"),
    ("Question bank", "Add, edit, retire and tag questions", "question_bank"),
    ("Settings", "Profile, introduction, call lengths, follow-up intervals", "settings"),
    ("Search contacts", "Search names, organisations, roles, tags and notes", "search"),
    ("Filter contacts", "Filter by stage and tag", "filter"),
    ("Sort contacts", "Name, next action date or last contact", "cycle_sort"),
    ("Import contacts", "LinkedIn Connections.csv, vCard, or a JSON backup", "import_contacts"),
    ("Export", "JSON backup, CSV, vCard, iCalendar or Markdown", "export"),
    ("Delete contact", "Delete the selected contact (asks first)", "delete_contact"),
    ("Undo delete", "Bring back the last deleted contact", "undo_delete"),
]


class InfoviewCommands(Provider):
    """Offers the main screen's actions while the main screen is showing."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from .screens.main import MainScreen

        return MAIN_COMMANDS if isinstance(self.screen, MainScreen) else []

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
