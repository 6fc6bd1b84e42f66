"""Inline form errors: a ``Static`` with id ``e-<field>`` and class ``form-error`` under each
field, shown only while that field has something wrong."""

from __future__ import annotations

from collections.abc import Mapping

from textual.dom import DOMNode
from textual.widgets import Static


def show_field_errors(form: DOMNode, errors: Mapping[str, str]) -> None:
    """Show each field's message under it and hide the others."""
    for widget in form.query(".form-error").results(Static):
        field = (widget.id or "")[2:]
        widget.update(errors.get(field, ""))
        widget.display = field in errors
