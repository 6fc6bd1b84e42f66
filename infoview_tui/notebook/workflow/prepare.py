"""Before the call: the question bank, planning a call and its agenda, reaching out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...content.questions import BANK, TOPICS
from ...model import AgendaItem, Contact, Interview, Question, Stage, ValidationError
from ...model.question import BankEntry, user_key
from ..tables import Tables


class Prepare(Tables):
    """Preparing a call and reaching out."""

    def bank(self, *, include_retired: bool = False) -> list[BankEntry]:
        """The question bank: built-in questions, then the user's own, grouped by topic."""
        retired = self.settings.retired_questions
        entries = [
            BankEntry(q.key, q.topic, q.text, builtin=True)
            for q in BANK
            if include_retired or q.key not in retired
        ]
        entries += [
            BankEntry(user_key(q.id), q.topic or "My questions", q.text, builtin=False, tags=q.tags)
            for q in self.questions.values()
            if include_retired or not q.retired
        ]
        order = {topic: i for i, topic in enumerate(TOPICS)}
        return sorted(entries, key=lambda e: order.get(e.topic, len(order)))

    def save_question(
        self, key: str | None, text: str, topic: str = "", tags: tuple[str, ...] = ()
    ) -> Question:
        """Add a question (key None) or change one. Changing a built-in one keeps the
        original retired and saves the user's version as their own."""
        if key is None or key not in {user_key(i) for i in self.questions}:
            question = self.add_question(text=text, topic=topic, tags=tags)
            if key is not None:
                self.retire_question(key)
            return question
        question_id = int(key[1:])
        return self._update(
            self.questions[question_id], {"text": text, "topic": topic, "tags": tags}
        )

    def retire_question(self, key: str) -> None:
        """Take a question out of the bank (agendas that already have it keep their copy)."""
        if key.startswith("q") and key[1:].isdigit() and int(key[1:]) in self.questions:
            self._update(self.questions[int(key[1:])], {"retired": True})
            return
        retired = sorted(self.settings.retired_questions | {key})
        self.update_settings(retired_questions=retired)

    def schedule_interview(self, contact_id: int, **fields: Any) -> Interview:
        """Plan a call; the contact moves to "scheduled"."""
        fields.setdefault("agreed_minutes", self.settings.default_minutes)
        interview = self.add_interview(contact_id=contact_id, **fields)
        self.set_stage(contact_id, Stage.SCHEDULED)
        return interview

    def set_agenda(self, interview_id: int, agenda: Iterable[AgendaItem]) -> Interview:
        return self.update_interview(interview_id, agenda=tuple(agenda))

    def save_template(self, name: str, texts: Iterable[str]) -> None:
        name = name.strip()
        if not name:
            raise ValidationError("template", "give the template a name")
        templates = {k: list(v) for k, v in self.settings.agenda_templates.items()}
        templates[name] = [t for t in texts if t.strip()]
        self.update_settings(agenda_templates=templates)

    def mark_outreach_sent(self, contact_id: int) -> Contact:
        """The request went out today: "reached out", last contact today, follow-up dated."""
        self.set_stage(contact_id, Stage.REACHED_OUT)
        return self.update_contact(contact_id, last_contact=self.today().isoformat())
