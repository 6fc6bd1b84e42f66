"""A person in the user's network."""

from __future__ import annotations

import dataclasses
import re
from typing import ClassVar

from .dates import check_date
from .errors import ValidationError
from .record import Record, clean_items, clean_line, clean_text, set_field
from .stage import Stage

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
"""What a stored email must look like: anything@anything (imports keep ``user@intranet``)."""
_EMAIL_STRICT = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
"""What the contact form accepts: a domain with a dot, so a typo is caught while typing."""
_URL = re.compile(r"^https?://[^\s/?#@]+\.[^\s/?#@]+([/?#]\S*)?$", re.IGNORECASE)

SHORT_FIELDS = (
    "role",
    "organization",
    "field",
    "location",
    "how_we_met",
    "next_action",
)


def check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValidationError("emails", f"{value!r} is not an email address")
    return value


def check_url(field: str, value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if "://" not in value and "." in value.split("/")[0]:
        value = "https://" + value
    if not _URL.match(value):
        raise ValidationError(field, f"{value!r} is not a web address")
    return value


def split_list(text: str) -> tuple[str, ...]:
    """Split a comma-separated form field into clean items."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


@dataclasses.dataclass(frozen=True, kw_only=True)
class Contact(Record):
    TABLE: ClassVar[str] = "contacts"
    STORED_AS_IS: ClassVar[tuple[str, ...]] = ("next_action_date", "last_contact")

    name: str
    role: str = ""
    organization: str = ""
    field: str = ""
    location: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    linkedin: str = ""
    how_we_met: str = ""
    referred_by: int | None = None
    tags: tuple[str, ...] = ()
    stage: Stage = Stage.TO_RESEARCH
    research_notes: str = ""
    notes: str = ""
    next_action: str = ""
    next_action_date: str = ""
    last_contact: str = ""

    def __post_init__(self) -> None:
        set_field(self, "name", clean_line("name", self.name, required=True))
        for name in SHORT_FIELDS:
            set_field(self, name, clean_line(name, getattr(self, name)))
        set_field(self, "emails", tuple(check_email(e) for e in clean_items("emails", self.emails)))
        set_field(self, "phones", clean_items("phones", self.phones))
        set_field(self, "tags", clean_items("tags", self.tags))
        set_field(self, "linkedin", check_url("linkedin", self.linkedin))
        set_field(self, "research_notes", clean_text("research_notes", self.research_notes))
        set_field(self, "notes", clean_text("notes", self.notes))
        set_field(self, "next_action_date", check_date("next_action_date", self.next_action_date))
        set_field(self, "last_contact", check_date("last_contact", self.last_contact))
        try:
            set_field(self, "stage", Stage(self.stage))
        except ValueError:
            raise ValidationError("stage", f"{self.stage!r} is not a stage") from None
        if self.referred_by is not None and not isinstance(self.referred_by, int):
            raise ValidationError("referred_by", "must be a contact id")
        if self.referred_by is not None and self.referred_by == self.id and self.id:
            raise ValidationError("referred_by", "a contact cannot refer themselves")

    @property
    def headline(self) -> str:
        """Role and organisation in one line ("Data engineer, Acme")."""
        return ", ".join(part for part in (self.role, self.organization) if part)


def contact_errors(fields: dict[str, object]) -> dict[str, str]:
    """Every field error in ``fields`` at once (a form shows them all, not the first only).

    The form is stricter about emails than the model (a dot in the domain): a typo is
    caught while typing, while an import keeps an address like ``user@intranet``.
    """
    errors: dict[str, str] = {}
    try:
        Contact(**fields)  # type: ignore[arg-type]
    except ValidationError:
        for key, value in fields.items():
            try:
                Contact(**{"name": "x", key: value})  # type: ignore[arg-type]
            except ValidationError as exc:
                errors.setdefault(exc.field, exc.message)
    emails = fields.get("emails", ())
    if "emails" not in errors and isinstance(emails, tuple | list):
        for email in emails:
            if isinstance(email, str) and not _EMAIL_STRICT.match(email.strip()):
                errors["emails"] = f"{email.strip()!r} is not an email address"
                break
    return errors
