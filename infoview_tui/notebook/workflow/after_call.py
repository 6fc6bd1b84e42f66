"""After the call: the debrief, new names in it, the thank-you (stage moves), reporting
back to whoever referred the contact."""

from __future__ import annotations

from datetime import timedelta

from ...model import PIPELINE, Contact, Interview, Stage, Status, ValidationError, debrief
from ..tables import Tables


class AfterCall(Tables):
    """After the call."""

    def set_debrief(self, interview_id: int, text: str) -> Interview:
        return self.update_interview(interview_id, debrief=text)

    def new_names(self, interview_id: int) -> list[debrief.Name]:
        """Names in the debrief that are not contacts yet (``find_person``: the same name and
        organisation)."""
        return [
            n
            for n in debrief.names(self.interviews[interview_id].debrief)
            if self.find_person(n.name, n.organization) is None
        ]

    def mark_thanked(self, interview_id: int) -> Interview:
        """The thank-you note went out today: the contact moves on to "thanked" (unless they
        are further along already), and today counts as an interaction."""
        today = self.today()
        held = self.interviews[interview_id]
        if held.status is not Status.DONE:
            raise ValidationError("thanked", "the call has not been held yet")
        if held.moment is not None and held.moment.date() > today:
            raise ValidationError("thanked", "a thank-you cannot be sent before the call")
        interview = self.update_interview(interview_id, thanked=today.isoformat())
        contact = self.contacts[interview.contact_id]
        further = contact.stage in PIPELINE and PIPELINE.index(contact.stage) > PIPELINE.index(
            Stage.THANKED
        )
        if not further:
            self.set_stage(contact.id, Stage.THANKED)
        self.update_contact(contact.id, last_contact=today.isoformat())
        return interview

    def remind_report_back(self, contact_id: int) -> Contact | None:
        """After talking to someone a contact referred: the referrer's next action becomes
        telling them how it went (tomorrow). Returns the referrer, or None if there is none."""
        contact = self.contacts[contact_id]
        if contact.referred_by is None or contact.referred_by not in self.contacts:
            return None
        when = (self.today() + timedelta(days=1)).isoformat()
        return self.update_contact(
            contact.referred_by,
            next_action=f"Tell them how the talk with {contact.name} went",
            next_action_date=when,
        )
