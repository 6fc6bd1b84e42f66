"""Figures about the user's networking: the funnel, the reply rate, call timing, referral depth.

Pure (no Textual). Every figure counts contacts (people), not interviews, except the call
timing, which counts calls. Definitions:

* to contact: contacts past research (every stage but "to research").
* reached out: contacts at "reached out" or any later stage, "no reply" and "declined"
  included, or with any interview that was not cancelled (a call means someone asked; a
  missed one was agreed to, so it counts).
* replied: contacts who reached out and answered: at "scheduled" or a later stage of the main
  path, at "declined" (a no is a reply), or with a done interview. "No reply" is not a reply.
* held: contacts with at least one done interview.
* thanked: contacts with a done interview whose thank-you note was sent (``thanked`` set).
* referrals gained: contacts whose ``referred_by`` is someone you held an interview with
  (the people your conversations led to).
* reply rate: replied / reached out (None when nobody was reached out to).
* over/under: the mean of (talk time - agreed length with its "+5" extensions) over calls
  that have a recorded end (``call.ended``); None when no call was timed. Positive means over
  time. The same figure the countdown and the debrief show (``call.over_under_seconds``).
* deepest referral chain: the longest run of "A referred B, B referred C, ..." among all
  contacts; its length counts the referrals (links), so A -> B -> C has length 2. Ties go to
  the chain whose names come first. A loop in hand-edited data is cut where it repeats.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from . import call
from .contact import Contact
from .interview import Interview, Status
from .stage import Stage

_REACHED = frozenset(
    {
        Stage.REACHED_OUT,
        Stage.SCHEDULED,
        Stage.INTERVIEWED,
        Stage.THANKED,
        Stage.KEEPING_IN_TOUCH,
        Stage.NO_REPLY,
        Stage.DECLINED,
    }
)
_REPLIED = frozenset(
    {Stage.SCHEDULED, Stage.INTERVIEWED, Stage.THANKED, Stage.KEEPING_IN_TOUCH, Stage.DECLINED}
)

FUNNEL_LABELS = (
    "to contact",
    "reached out",
    "replied",
    "held",
    "thanked",
    "referrals gained",
)


@dataclasses.dataclass(frozen=True)
class Stats:
    to_contact: int
    reached_out: int
    replied: int
    held: int
    thanked: int
    referrals_gained: int
    timed_calls: int
    """Calls with a recorded end (the ones the over/under figure averages)."""
    mean_over_seconds: float | None
    chain: tuple[str, ...]
    """Names along the deepest referral chain, first referrer first ((), if nobody referred
    anyone)."""

    @property
    def funnel(self) -> tuple[tuple[str, int], ...]:
        counts = (
            self.to_contact,
            self.reached_out,
            self.replied,
            self.held,
            self.thanked,
            self.referrals_gained,
        )
        return tuple(zip(FUNNEL_LABELS, counts, strict=True))

    @property
    def reply_rate(self) -> float | None:
        """Replied / reached out, 0..1; None when nobody was reached out to."""
        return self.replied / self.reached_out if self.reached_out else None

    @property
    def chain_length(self) -> int:
        """Referrals along the deepest chain (people - 1; 0 when there is none)."""
        return max(0, len(self.chain) - 1)


def compute(contacts: Mapping[int, Contact], interviews: Mapping[int, Interview]) -> Stats:
    booked: set[int] = set()
    held: set[int] = set()
    thanked: set[int] = set()
    overs: list[float] = []
    for interview in interviews.values():
        if interview.status is Status.CANCELLED:
            continue
        booked.add(interview.contact_id)
        if interview.status is Status.DONE:
            held.add(interview.contact_id)
            if interview.thanked:
                thanked.add(interview.contact_id)
        state = interview.call
        if state is not None and state.ended_at is not None:
            overs.append(call.over_under_seconds(state, interview.agreed_minutes))
    ids = set(contacts)
    held &= ids
    thanked &= ids
    reached = {c.id for c in contacts.values() if c.stage in _REACHED} | (booked & ids)
    replied = {c.id for c in contacts.values() if c.stage in _REPLIED} | held
    return Stats(
        to_contact=sum(1 for c in contacts.values() if c.stage is not Stage.TO_RESEARCH),
        reached_out=len(reached),
        replied=len(replied & reached),
        held=len(held),
        thanked=len(thanked),
        referrals_gained=sum(1 for c in contacts.values() if c.referred_by in held),
        timed_calls=len(overs),
        mean_over_seconds=sum(overs) / len(overs) if overs else None,
        chain=deepest_chain(contacts),
    )


def deepest_chain(contacts: Mapping[int, Contact]) -> tuple[str, ...]:
    """The names along the longest referral chain, first referrer first."""
    depth: dict[int, int] = {}
    """Contact id -> how many referrers stand above them."""

    def depth_of(start: int) -> int:
        path: list[int] = []
        on_path: set[int] = set()
        current: int | None = start
        base = 0
        while current is not None and current in contacts:
            if current in depth:
                base = depth[current] + 1
                break
            if current in on_path:  # a loop: cut it here
                break
            path.append(current)
            on_path.add(current)
            current = contacts[current].referred_by
        for offset, cid in enumerate(reversed(path)):
            depth[cid] = base + offset
        return depth.get(start, 0)

    best: tuple[int, tuple[str, ...]] = (0, ())
    for cid in contacts:
        d = depth_of(cid)
        if d == 0 or d < best[0]:
            continue
        names = _names_up(contacts, cid)
        if d > best[0] or names < best[1]:
            best = (d, names)
    return best[1]


def _names_up(contacts: Mapping[int, Contact], cid: int) -> tuple[str, ...]:
    names: list[str] = []
    seen: set[int] = set()
    current: int | None = cid
    while current is not None and current in contacts and current not in seen:
        seen.add(current)
        names.append(contacts[current].name)
        current = contacts[current].referred_by
    return tuple(reversed(names))


def format_over(seconds: float | None) -> str:
    """The mean as words: "1:40 over", "2:05 under", "on time", or "no timed calls"."""
    if seconds is None:
        return "no timed calls"
    whole = round(seconds)
    if whole == 0:
        return "on time"
    minutes, secs = divmod(abs(whole), 60)
    return f"{minutes}:{secs:02d} {'over' if whole > 0 else 'under'}"
