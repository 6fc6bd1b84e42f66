"""The call: starting it (the agenda gets its opening and closing items), its clock, notes
stamped with the call time, names the contact suggests, a call not held or moved."""

from __future__ import annotations

import dataclasses

from ...content.questions import CLOSING_ITEMS, OPENING_REMINDER
from ...model import AgendaItem, Contact, Interview, ItemState, Stage, Status, ValidationError, call
from ...model.followup import default_next_action
from ...model.interview import CLOSING_KEYS, NOT_HELD, OPENING_KEY
from ..tables import Tables


@dataclasses.dataclass(frozen=True)
class Suggested:
    """What became of a name a contact suggested (``capture_referral``)."""

    contact: Contact
    """The new contact, or the one already in the notebook."""
    added: bool
    """A new contact was made."""
    linked: bool = False
    """An existing contact with no referrer now has this one as referrer."""

    def message(self, referrer: str) -> str:
        name = self.contact.name
        if self.added:
            return f"Added {name} to contact, referred by {referrer}"
        if self.linked:
            return f"{name} is already in your contacts: now referred by {referrer}"
        return f"{name} is already in your contacts: nothing added"


class LiveCall(Tables):
    """The live call."""

    def active_call(self) -> Interview | None:
        """The call that has started and not ended (at most one is expected)."""
        # The running-call line and the bell ask every second: the scan is done once a change.
        running = [self.interviews[i] for i in self._links().running]
        return max(running, key=lambda i: i.call.started, default=None)  # type: ignore[union-attr]

    def start_call(self, interview_id: int) -> Interview:
        """Start (or keep) the clock of a call; the agenda gets its opening and closing items."""
        interview = self.interviews[interview_id]
        if interview.call is not None and not interview.call.ended:
            return interview
        agenda = list(interview.agenda)
        keys = {item.key for item in agenda}
        if OPENING_KEY not in keys:
            agenda.insert(0, AgendaItem(text=OPENING_REMINDER, key=OPENING_KEY))
        for key, text in zip(CLOSING_KEYS, CLOSING_ITEMS, strict=True):
            if key not in keys:
                agenda.append(AgendaItem(text=text, key=key))
        return self.update_interview(
            interview_id, agenda=tuple(agenda), call=call.start(self.clock())
        )

    def start_call_now(self, contact_id: int, minutes: int | None = None) -> Interview:
        """An unplanned call with a contact, starting now, of ``minutes`` (default: the
        settings' length). It was never planned: ``when`` stays empty (the call's start says
        when it was held) and the contact's stage is left alone until the call ends, so
        ``discard_call`` leaves no trace."""
        interview = self.add_interview(
            contact_id=contact_id,
            agreed_minutes=self.settings.default_minutes if minutes is None else minutes,
        )
        return self.start_call(interview.id)

    def discard_call(self, interview_id: int) -> Interview | None:
        """Undo a call started by mistake, before it ends. An unplanned one (no ``when``) is
        removed, notes and all, nothing kept (None is returned; the screen asks first and says
        so); a planned one goes back to planned
        (its clock, and the opening and closing asks the start added, gone; its questions
        open again; notes typed meanwhile kept). The contact's stage is not touched."""
        interview = self.interviews[interview_id]
        if interview.call is None or interview.call.ended:
            raise ValidationError("call", "only a call that is running can be discarded")
        if not interview.when:
            del self.interviews[interview_id]
            self._touch()
            return None
        agenda = tuple(
            dataclasses.replace(item, state=ItemState.OPEN)
            for item in interview.agenda
            if item.key not in (OPENING_KEY, *CLOSING_KEYS)
        )
        return self.update_interview(interview_id, call=None, agenda=agenda)

    def mark_not_held(self, interview_id: int, status: Status) -> Interview:
        """A planned call that did not happen: ``Status.MISSED`` or ``Status.CANCELLED``."""
        if status not in NOT_HELD:
            raise ValidationError("status", "a call not held is missed or cancelled")
        interview = self.interviews[interview_id]
        if interview.status is not Status.PLANNED or interview.call is not None:
            raise ValidationError("status", "only a planned call that has not started")
        return self.update_interview(interview_id, status=status)

    def reschedule(self, interview_id: int, when: str) -> Interview:
        """Move a planned (or missed, or cancelled) call to ``when``: planned again, the time
        it was planned for kept in ``rescheduled_from``."""
        interview = self.interviews[interview_id]
        if interview.call is not None:
            raise ValidationError("when", "a call that has started cannot be moved")
        earlier = interview.rescheduled_from
        if interview.when and interview.when != when:
            earlier = (*earlier, interview.when)
        return self.update_interview(
            interview_id, when=when, status=Status.PLANNED, rescheduled_from=earlier
        )

    def _call_of(self, interview_id: int) -> call.CallState:
        state = self.interviews[interview_id].call
        assert state is not None, "the call has not started"
        return state

    def toggle_pause(self, interview_id: int) -> Interview:
        """Pause a running call's clock, or resume a paused one."""
        state = self._call_of(interview_id)
        change = call.resume if call.is_paused(state) else call.pause
        return self.update_interview(interview_id, call=change(state, self.clock()))

    def extend_call(self, interview_id: int, minutes: int = 5) -> Interview:
        return self.update_interview(
            interview_id, call=call.extend(self._call_of(interview_id), minutes)
        )

    def end_call(self, interview_id: int) -> Interview:
        """Stop the clock; the call is done and the contact moves to "interviewed"."""
        interview = self.update_interview(
            interview_id,
            call=call.end(self._call_of(interview_id), self.clock()),
            status=Status.DONE,
        )
        self.set_stage(interview.contact_id, Stage.INTERVIEWED)
        self.update_contact(interview.contact_id, last_contact=self.today().isoformat())
        return interview

    def add_call_note(self, interview_id: int, text: str, question: str = "") -> Interview:
        """Append a line to the interview's notes, stamped with the call time (mm:ss)."""
        interview = self.interviews[interview_id]
        stamp = (
            call.format_clock(call.elapsed(interview.call, self.clock())) if interview.call else ""
        )
        about = f" (on: {question})" if question else ""
        line = f"- [{stamp}] {text.strip()}{about}\n"
        notes = interview.notes
        if notes and not notes.endswith("\n"):
            notes += "\n"
        return self.update_interview(interview_id, notes=notes + line)

    def capture_referral(self, contact_id: int, name: str, organization: str = "") -> Suggested:
        """Someone this contact suggested. Someone already in the notebook (``find_person``:
        the same name and organisation, or the contact themselves) is not added again: if
        they have no referrer and it makes no loop, this contact becomes their referrer
        (linked); else nothing changes. Anyone else is a new contact to reach out to,
        referred by this contact."""
        referrer = self.contacts[contact_id]
        existing = self.find_person(name, organization)
        if existing is not None:
            if existing.referred_by is not None or existing.id == contact_id:
                return Suggested(existing, added=False)
            try:
                self._check_referrer(contact_id, existing.id)
            except ValidationError:  # they led (perhaps through others) to this contact
                return Suggested(existing, added=False)
            linked = self.update_contact(existing.id, referred_by=contact_id)
            return Suggested(linked, added=False, linked=True)
        text, when = default_next_action(Stage.TO_CONTACT, self.today(), self.settings)
        added = self.add_contact(
            name=name,
            organization=organization,
            referred_by=contact_id,
            how_we_met=f"Referred by {referrer.name}",
            stage=Stage.TO_CONTACT,
            next_action=text,
            next_action_date=when,
        )
        return Suggested(added, added=True)
