"""The middle pane: everything known about the selected contact, and their interviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from ..model import Contact, Interview, Stage, Status
from ..model.interview import planned_is_past


@dataclass(frozen=True)
class ContactView:
    """What the detail pane shows, resolved by the screen from the Notebook."""

    contact: Contact
    referrer: str
    referrals: tuple[str, ...]
    led_to: int
    """How many people this contact led to, directly or through the people they named."""
    interviews: tuple[Interview, ...]
    today: date
    now: datetime | None = None
    """The clock's time (aware): tells a planned call whose time has passed."""


MODE_LABELS = {"phone": "phone", "video": "video", "in_person": "in person"}


NO_CONTACTS = "No contacts yet.\n\nPress a to add someone you would like to talk to."


def render_view(view: ContactView | None, empty: str = "") -> RenderableType:
    """The contact's details; with no contact, ``empty`` (why the list is empty)."""
    if view is None:
        return Text(empty or NO_CONTACTS, style="italic")
    c = view.contact
    title = Text(c.name, style="bold")
    if c.headline:
        title.append(f"\n{c.headline}", style="")
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")

    def fact(label: str, value: str | Text) -> None:
        if value:
            facts.add_row(label, value)

    stage = Text(f"{c.stage.glyph} {c.stage.label}")
    fact("Stage", stage)
    if c.next_action or c.next_action_date:
        nxt = Text(c.next_action or "(next action)")
        if c.next_action_date:
            nxt.append(f"  {c.next_action_date}")
            if c.next_action_date < view.today.isoformat():
                nxt.append("  ! overdue", style="bold")
        keeping_up = c.stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH)
        fact("Check in" if keeping_up else "Next", nxt)
    fact("Last contact", c.last_contact)
    fact("Field", c.field)
    fact("Location", c.location)
    fact("Email", "\n".join(c.emails))
    fact("Phone", "\n".join(c.phones))
    fact("LinkedIn", c.linkedin)
    fact("How we met", c.how_we_met)
    fact("Referred by", view.referrer)
    if view.referrals:
        more = view.led_to - len(view.referrals)
        through = f" (+{more} through them)" if more > 0 else ""
        fact("Introduced", ", ".join(view.referrals) + through)
    fact("Tags", " ".join(f"#{t}" for t in c.tags))
    parts: list[RenderableType] = [title, Text(""), facts]
    if c.research_notes:
        parts += [Text("\nResearch", style="bold"), Text(c.research_notes)]
    parts.append(Text("\nInterviews", style="bold"))
    if not view.interviews:
        parts.append(Text("none yet", style="italic"))
    for interview in view.interviews:
        parts.append(interview_line(interview, view.now))
    if any(i.status is Status.DONE for i in view.interviews):
        parts.append(Text("h history · D debrief", style="italic"))
    return Group(*parts)


def interview_line(interview: Interview, now: datetime | None) -> Text:
    """One interview: the time meant (held at once its call started, else planned for), how,
    how long, what became of it, the thank-you."""
    moment = interview.moment
    when = f"{moment:%Y-%m-%d %H:%M}" if moment else "not scheduled"
    if interview.running:
        status = "running now"
    elif now is not None and planned_is_past(interview, now):
        status = "not held yet / missed?"
    else:
        status = interview.status.value
    extra = interview.call.extra_minutes if interview.call else 0
    length = f"{interview.agreed_minutes} min" + (f" + {extra}" if extra else "")
    line = Text(f"{when}  {MODE_LABELS.get(interview.mode, interview.mode)}, {length}  [{status}]")
    planned, held = interview.planned_for, interview.held_start
    if held is not None and planned is not None and abs(held - planned).total_seconds() >= 60:
        line.append(f"  (planned {planned:%Y-%m-%d %H:%M})")
    if interview.status is Status.DONE:
        line.append(
            f"  thanked {interview.thanked}" if interview.thanked else "  ✉ thank-you to send"
        )
    return line


class ContactDetail(VerticalScroll):
    """Shows a ContactView; the screen binds ``view`` to its own reactive."""

    view: reactive[ContactView | None] = reactive(None)
    empty: reactive[str] = reactive("")
    """What to say when there is no contact to show ("No contact matches 'oslo'...")."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(render_view(self.view, self.empty), id="detail-body")

    def watch_view(self) -> None:
        for body in self.query("#detail-body").results(Static):  # none yet while composing
            body.update(render_view(self.view, self.empty))

    def watch_empty(self) -> None:
        if self.view is None:
            self.watch_view()
