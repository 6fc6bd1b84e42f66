"""The sample notebook: a dozen fictional people at every stage, for --demo, tests, screenshots.

Dates are relative to the clock's today, so the demo always looks current.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..model import Clock, FrozenClock, Stage, call, system_clock
from ..notebook import Notebook

SAMPLE_NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
"""The frozen 'now' of screenshots and snapshot tests."""


def sample_clock() -> FrozenClock:
    return FrozenClock(SAMPLE_NOW)


_PEOPLE: list[dict[str, object]] = [
    dict(
        name="Maya Okafor",
        role="UX researcher",
        organization="Northwind Health",
        field="Health tech",
        location="Leeds",
        emails=("maya.okafor@example.org",),
        how_we_met="Alumni network",
        stage=Stage.KEEPING_IN_TOUCH,
        tags=("ux", "health"),
        next_action="Send her the survey article",
        days=(12, -40),
    ),
    dict(
        name="Tomás Herrera",
        role="Data engineer",
        organization="Cobalt Freight",
        field="Logistics",
        location="Madrid",
        emails=("tomas@example.com",),
        how_we_met="Meetup: Data Engineering Madrid",
        stage=Stage.THANKED,
        tags=("data",),
        next_action="Check in after his conference talk",
        days=(20, -3),
    ),
    dict(
        name="Priya Raman",
        role="Product manager",
        organization="Lumen Learning Co.",
        field="Education",
        location="Remote",
        emails=("priya.r@example.net",),
        how_we_met="Referred by Maya",
        referrer="Maya Okafor",
        stage=Stage.INTERVIEWED,
        tags=("product", "edtech"),
        next_action="Send thank-you note",
        days=(1, -1),
    ),
    dict(
        name="Jonas Weber",
        role="Sustainability analyst",
        organization="Greenfield Energy",
        field="Energy",
        location="Berlin",
        emails=("j.weber@example.de",),
        how_we_met="LinkedIn",
        stage=Stage.SCHEDULED,
        tags=("climate",),
        next_action="Prepare questions on grid storage",
        days=(2, -6),
    ),
    dict(
        name="Aiko Tanaka",
        role="Hospital pharmacist",
        organization="St. Clare Hospital",
        field="Healthcare",
        location="Osaka",
        how_we_met="Cousin's colleague",
        stage=Stage.REACHED_OUT,
        tags=("health",),
        next_action="Follow up if no reply",
        days=(5, -2),
    ),
    dict(
        name="Samuel Mensah",
        role="Urban planner",
        organization="City of Accra",
        field="Public sector",
        location="Accra",
        emails=("s.mensah@example.gov",),
        how_we_met="Referred by Tomás",
        referrer="Tomás Herrera",
        stage=Stage.TO_CONTACT,
        tags=("cities",),
        next_action="Draft outreach email",
        days=(0, None),
    ),
    dict(
        name="Léa Dubois",
        role="Museum educator",
        organization="Musée des Sciences",
        field="Museums",
        location="Lyon",
        how_we_met="Career fair",
        stage=Stage.TO_RESEARCH,
        tags=("education",),
        next_action="Read her blog",
        days=(3, None),
    ),
    dict(
        name="Ravi Shah",
        role="Patent attorney",
        organization="Shah & Cole LLP",
        field="Law",
        location="London",
        emails=("ravi@example.co.uk",),
        how_we_met="Former colleague",
        stage=Stage.NO_REPLY,
        tags=("law",),
        next_action="One last polite nudge",
        days=(-2, -16),
    ),
    dict(
        name="Elena Petrova",
        role="Game designer",
        organization="Pixel Harbor",
        field="Games",
        location="Tallinn",
        how_we_met="Conference",
        stage=Stage.DECLINED,
        tags=("games",),
        next_action="",
        days=(None, -30),
    ),
    dict(
        name="Grace Liu",
        role="Science journalist",
        organization="The Daily Atom",
        field="Media",
        location="Toronto",
        emails=("grace.liu@example.ca",),
        how_we_met="Referred by Priya",
        referrer="Priya Raman",
        stage=Stage.TO_CONTACT,
        tags=("media", "science"),
        next_action="Ask Priya for an intro",
        days=(4, None),
    ),
    dict(
        name="Omar Haddad",
        role="Nurse practitioner",
        organization="Valley Clinic",
        field="Healthcare",
        location="Amman",
        how_we_met="Alumni network",
        stage=Stage.SCHEDULED,
        tags=("health",),
        next_action="Confirm phone number",
        days=(6, -4),
    ),
    dict(
        name="Hannah Becker",
        role="Policy advisor",
        organization="Ministry of Transport",
        field="Public sector",
        location="Vienna",
        how_we_met="Professor's suggestion",
        stage=Stage.REACHED_OUT,
        tags=("policy",),
        next_action="Follow up",
        days=(-1, -8),
    ),
]

_NOTES = {
    "Maya Okafor": (
        "# Maya Okafor\n\n"
        "## What I learned\n"
        "- Moved from psychology into UX through a hospital *service design* project.\n"
        "- Most of her week is interviews and synthesis, less screen design.\n\n"
        "## Follow-ups\n"
        "- [x] Thank-you sent\n"
        "- [ ] Tell her how the survey course went\n"
    ),
    "Tomás Herrera": (
        "# Tomás Herrera\n\n"
        "Suggested I learn **SQL window functions** before anything else.\n\n"
        "> Pipelines break at the edges: ask who owns each input.\n\n"
        "Names he gave: Samuel Mensah (city data team).\n"
    ),
    "Priya Raman": (
        "# Priya Raman\n\n"
        "- Product work in edtech is mostly talking to teachers.\n"
        "- Suggested reading: *Inspired* by Marty Cagan.\n"
        "- Offered to introduce me to Grace Liu.\n"
    ),
    "Jonas Weber": "## Research\n\nWrote a thesis on battery storage; team of six analysts.\n",
}

_INTERVIEWS = {
    # name: (days from today, minutes, mode, status)
    "Maya Okafor": (-40, 30, "video", "done"),
    "Tomás Herrera": (-5, 20, "in_person", "done"),
    "Priya Raman": (-1, 30, "video", "done"),
    "Jonas Weber": (0, 30, "video", "planned"),
    "Omar Haddad": (6, 10, "phone", "planned"),
}

_HELD = {
    # name: (minutes the call really lasted, days after the call the thank-you went, or None)
    "Maya Okafor": (34, 1),
    "Tomás Herrera": (18, 1),
    "Priya Raman": (33, None),
}

_DEBRIEFS = {
    "Priya Raman": (
        "## What I learned\n"
        "- Product managers in edtech spend more time with teachers than with engineers.\n"
        "- Roadmaps follow the school year, so the busy season is late summer.\n\n"
        "## Still open\n"
        "- How do PMs measure learning, not just usage?\n\n"
        "## How it fits me\n"
        "- I like the mix of interviews and planning; the summer crunch worries me.\n\n"
        "## Advice\n"
        "- Read *Inspired*; sit in on a teacher panel if I can.\n\n"
        "## Names to contact\n"
        "- Grace Liu, The Daily Atom\n"
        "- Ben Carter, Lumen Learning Co.\n\n"
        "## Next steps\n"
        "- Thank-you note today; ask Grace for 20 minutes next week.\n"
    ),
    "Tomás Herrera": (
        "## What I learned\n"
        "- Data pipelines break at the edges: ask who owns each input.\n\n"
        "## Advice\n"
        "- Learn SQL window functions before any new tool.\n\n"
        "## Names to contact\n"
        "- Samuel Mensah, city data team\n"
    ),
}


def populate(notebook: Notebook) -> None:
    """Fill an empty notebook with the sample people, interviews and notes."""
    today = notebook.today()
    ids: dict[str, int] = {}
    for person in _PEOPLE:
        fields: dict[str, Any] = dict(person)
        days: tuple[int | None, int | None] = fields.pop("days")
        next_days, last_days = days
        referrer: str | None = fields.pop("referrer", None)
        contact = notebook.add_contact(
            **fields,
            referred_by=ids.get(referrer) if referrer else None,
            next_action_date=(today + timedelta(days=next_days)).isoformat()
            if next_days is not None
            else "",
            last_contact=(today + timedelta(days=last_days)).isoformat()
            if last_days is not None
            else "",
            notes=_NOTES.get(str(fields["name"]), ""),
        )
        ids[contact.name] = contact.id
    for name, (ago, minutes, mode, status) in _INTERVIEWS.items():
        when = datetime.combine(today + timedelta(days=ago), datetime.min.time()).replace(hour=15)
        interview = notebook.add_interview(
            contact_id=ids[name],
            when=when.isoformat(timespec="minutes"),
            agreed_minutes=minutes,
            mode=mode,
            status=status,
        )
        if name in _HELD:
            _hold(notebook, interview.id, when, *_HELD[name])


def _hold(
    notebook: Notebook, interview_id: int, when: datetime, lasted: int, thanked: int | None
) -> None:
    """Give a held interview its call clock, its debrief and, if sent, its thank-you date."""
    interview = notebook.interviews[interview_id]
    started = when.replace(tzinfo=UTC)
    state = call.end(call.start(started), started + timedelta(minutes=lasted))
    contact = notebook.contacts[interview.contact_id]
    notebook.update_interview(
        interview_id,
        call=state,
        debrief=_DEBRIEFS.get(contact.name, ""),
        thanked=(when.date() + timedelta(days=thanked)).isoformat() if thanked is not None else "",
    )


def write_sample(path: Path, clock: Clock = system_clock) -> None:
    """Write the sample notebook to ``path`` (which must not hold a notebook yet)."""
    notebook = Notebook.open(path, clock)
    try:
        populate(notebook)
    finally:
        error = notebook.close()
    if error:
        raise OSError(error)
