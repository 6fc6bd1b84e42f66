"""The one error type the model raises for bad input."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value the user gave cannot be stored. ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
