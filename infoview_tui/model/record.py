"""What every stored record shares: an id, timestamps, and a JSON form."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable
from enum import Enum
from functools import cached_property
from typing import Any, ClassVar, Self, TypeVar

from .errors import ValidationError

_Made = TypeVar("_Made")


def _per_class(make: Callable[[Any], _Made]) -> Callable[[Any], _Made]:
    """``functools.cache`` for functions of a record class (typed: mypy takes a frozen
    dataclass's class for unhashable under ``functools.cache``)."""
    made: dict[type, _Made] = {}

    def cached(cls: type) -> _Made:
        try:
            return made[cls]
        except KeyError:
            made[cls] = result = make(cls)
            return result

    cached.__doc__ = make.__doc__
    return cached


MAX_SHORT = 500
"""Longest one-line field (a name, an organisation); a huge paste gets a clear error."""
MAX_TEXT = 2_000_000
"""Longest markdown field (2 MB of notes on one record)."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class Record:
    """Base of the stored records. ``id`` is the TinyDB document id within its table."""

    TABLE: ClassVar[str] = ""

    id: int = 0
    created: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-native values (lists, not tuples; strings, not enums)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Enum):
                value = value.value
            elif isinstance(value, tuple):
                value = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
            elif dataclasses.is_dataclass(value):
                value = value.to_dict()  # type: ignore[union-attr]
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build from stored values; unknown keys are ignored, missing ones take defaults."""
        names = _field_names(cls)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key in names:
                kwargs[key] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)

    @classmethod
    def from_stored(cls, data: dict[str, Any], shared: dict[str, str] | None = None) -> Self:
        """Build from a record infoview wrote, checking only types (fast: ~10x ``from_dict``).

        Content rules (email shapes, date formats, lengths) were checked when the record was
        written; ``infoview check`` runs them all again. A wrong type, a blank required text or
        an unknown enum value still raises ValidationError, so the UI never meets a value it
        cannot show.

        ``shared``: equal short texts met while loading (a role, an organisation, a date that
        thousands of records repeat) are kept once, the first copy standing in for the rest;
        pass the same dict for every record of a load to share across them.
        """
        record = object.__new__(cls)
        record.__dict__.update(_stored_builder(cls)(data, {} if shared is None else shared))
        return record

    STORED_AS_IS: ClassVar[tuple[str, ...]] = ()
    """Date fields whose stored value ``replace`` keeps as it is when the change is to other
    fields: a date that today's rules refuse (9999-12-31 in a file an older infoview or a hand
    wrote; ``infoview check`` names it) must not block logging a call or editing a note."""

    def replace(self, **changes: Any) -> Self:
        kept: dict[str, Any] = {}
        while True:
            try:
                values: dict[str, Any] = {**changes, **dict.fromkeys(kept, "")}
                new = dataclasses.replace(self, **values)
                break
            except ValidationError as exc:
                field = exc.field
                if field not in self.STORED_AS_IS or field in changes or field in kept:
                    raise
                kept[field] = getattr(self, field)
        for field, value in kept.items():
            object.__setattr__(new, field, value)
        return new

    @cached_property
    def json(self) -> str:
        """The record serialised once; records are immutable, so it never goes stale."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _check_str(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    return value


def _check_required_str(name: str, value: Any) -> str:
    text = _check_str(name, value)
    if not text.strip():
        raise ValidationError(name, "cannot be empty")
    return text


def _check_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, "must be a whole number")
    return value


def _check_optional_int(name: str, value: Any) -> int | None:
    return None if value is None else _check_int(name, value)


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(name, "must be true or false")
    return value


def _check_items(item: Callable[[str, Any], Any]) -> Callable[[str, Any], tuple[Any, ...]]:
    def check(name: str, value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValidationError(name, "must be a list")
        return tuple(item(name, v) for v in value)

    return check


def _check_texts(name: str, value: Any) -> tuple[str, ...]:
    """``_check_items(_check_str)`` without a call per item (emails, phones and tags of every
    contact go through here when a notebook opens)."""
    if not isinstance(value, list):
        raise ValidationError(name, "must be a list")
    for item in value:
        if not isinstance(item, str):
            raise ValidationError(name, "must be text")
    return tuple(value)


def _check_enum(enum: type[Enum]) -> Callable[[str, Any], Enum]:
    members: dict[Any, Enum] = {member.value: member for member in enum}

    def check(name: str, value: Any) -> Enum:
        try:
            return members[value]  # a dict look-up: calling the Enum class costs ~10x more
        except (KeyError, TypeError):
            raise ValidationError(name, f"{value!r} is not one of the known values") from None

    return check


_CHECKS: dict[Any, Callable[[str, Any], Any]] = {
    str: _check_str,
    int: _check_int,
    bool: _check_bool,
    int | None: _check_optional_int,
    tuple[str, ...]: _check_texts,
    tuple[int, ...]: _check_items(_check_int),
}


def _nested_item(hint: Any) -> Any:
    """For ``tuple[SomeDataclass, ...]``, the dataclass (it has from_dict); else None."""
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
            return args[0]
    return None


def _optional_item(hint: Any) -> Any:
    """For ``SomeDataclass | None``, the dataclass (it has from_dict); else None."""
    args = typing.get_args(hint)
    if len(args) == 2 and type(None) in args:
        other = args[0] if args[1] is type(None) else args[1]
        if dataclasses.is_dataclass(other):
            return other
    return None


@dataclasses.dataclass(frozen=True)
class _StoredSpec:
    defaults: dict[str, Any]
    """Every field with its default (None stands in for a required field's missing one)."""
    required: tuple[str, ...]
    texts: tuple[str, ...]
    """Optional plain text fields: checked inline."""
    checks: tuple[tuple[str, Callable[[str, Any], Any]], ...]
    """The type check of every other field."""


@_per_class
def _stored_spec(cls: type[Record]) -> _StoredSpec:
    """How to read a stored record of ``cls``: derived once from its field annotations."""
    hints = typing.get_type_hints(cls)
    defaults: dict[str, Any] = {}
    required: list[str] = []
    texts: list[str] = []
    checks: list[tuple[str, Callable[[str, Any], Any]]] = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if f.default is dataclasses.MISSING:
            required.append(f.name)
            defaults[f.name] = None
        else:
            defaults[f.name] = f.default
        item = _nested_item(hint)
        optional = _optional_item(hint)
        if optional is not None:
            checks.append((f.name, _check_optional_record(optional)))
        elif item is not None:
            checks.append((f.name, _check_items(_check_record(item))))
        elif isinstance(hint, type) and issubclass(hint, Enum):
            checks.append((f.name, _check_enum(hint)))
        elif hint is str and f.default is dataclasses.MISSING:
            checks.append((f.name, _check_required_str))
        elif hint is str:
            texts.append(f.name)
        else:
            checks.append((f.name, _CHECKS[hint]))
    return _StoredSpec(defaults, tuple(required), tuple(texts), tuple(checks))


def _check_record(kind: Any) -> Callable[[str, Any], Any]:
    """A nested dataclass (an agenda item, a call's state) built with its from_dict."""

    def check(_name: str, value: Any) -> Any:
        return kind.from_dict(value)

    return check


def _check_optional_record(kind: Any) -> Callable[[str, Any], Any]:
    def check(_name: str, value: Any) -> Any:
        return None if value is None else kind.from_dict(value)

    return check


SHARE_UP_TO = 32
"""Texts this short are shared between records by ``from_stored`` (longer ones are rarely
repeated, and hashing them would cost more than it saves)."""

_ABSENT = object()


@_per_class
def _stored_builder(
    cls: type[Record],
) -> Callable[[dict[str, Any], dict[str, str]], dict[str, Any]]:
    """``from_stored``'s reader for ``cls``: straight-line Python generated once from its
    ``_StoredSpec`` (the same checks, without a loop or a dict merge per record; opening
    10,000 contacts does this 10,000 times)."""
    spec = _stored_spec(cls)
    texts = set(spec.texts)
    checks = dict(spec.checks)
    env: dict[str, Any] = {"_ABSENT": _ABSENT, "ValidationError": ValidationError}
    lines = ["def build(data, shared):", "    get = data.get", "    share = shared.setdefault"]
    names = []
    for n, (name, default) in enumerate(spec.defaults.items()):
        var, key = f"v{n}", repr(name)
        names.append(f"{key}: {var}")
        env[f"d{n}"] = default
        lines.append(f"    {var} = get({key}, _ABSENT)")
        if name in spec.required:
            lines.append(f"    if {var} is _ABSENT: raise ValidationError({key}, 'is missing')")
        else:
            lines.append(f"    if {var} is _ABSENT: {var} = d{n}")
            lines.append("    el" + _check_line(name, var, texts, checks, env, n).lstrip())
            continue
        lines.append(_check_line(name, var, texts, checks, env, n))
    lines.append("    return {" + ", ".join(names) + "}")
    exec("\n".join(lines), env)  # our own code, generated from the field annotations
    return env["build"]  # type: ignore[no-any-return]


def _check_line(
    name: str, var: str, texts: set[str], checks: dict[str, Any], env: dict[str, Any], n: int
) -> str:
    """The statement checking (and maybe sharing) one field of a stored record."""
    key = repr(name)
    if name in texts:
        return (
            f"    if type({var}) is not str: raise ValidationError({key}, 'must be text')\n"
            f"    elif len({var}) <= {SHARE_UP_TO}: {var} = share({var}, {var})"
        )
    if checks.get(name) is _check_required_str:
        return (
            f"    if type({var}) is not str: raise ValidationError({key}, 'must be text')\n"
            f"    elif not {var}.strip(): raise ValidationError({key}, 'cannot be empty')\n"
            f"    elif len({var}) <= {SHARE_UP_TO}: {var} = share({var}, {var})"
        )
    if checks.get(name) is _check_texts:  # emails, phones, tags: share the short ones too
        env[f"c{n}"] = _check_shared_texts
        return f"    if True: {var} = c{n}({key}, {var}, share)"
    env[f"c{n}"] = checks[name]
    return f"    if True: {var} = c{n}({key}, {var})"


def _check_shared_texts(name: str, value: Any, share: Callable[[str, str], str]) -> tuple[str, ...]:
    """``_check_texts``, keeping one copy of each short item (a tag is on thousands of
    contacts)."""
    return tuple([share(v, v) if len(v) <= SHARE_UP_TO else v for v in _check_texts(name, value)])


@_per_class
def _field_names(cls: type[Record]) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def clean_line(field: str, value: object, *, required: bool = False) -> str:
    """Check a one-line text field: a string, stripped, not too long, not blank if required."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    value = value.strip()
    if required and not value:
        raise ValidationError(field, "cannot be empty")
    if len(value) > MAX_SHORT:
        raise ValidationError(field, f"is {len(value):,} characters long; the limit is {MAX_SHORT}")
    if "\n" in value or "\r" in value:
        raise ValidationError(field, "must fit on one line")
    return value


def clean_text(field: str, value: object) -> str:
    """Check a markdown text field: a string under the size limit."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    if len(value) > MAX_TEXT:
        raise ValidationError(
            field, f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}"
        )
    return value


def clean_items(field: str, value: object) -> tuple[str, ...]:
    """Check a list field (emails, phones, tags): a list of one-line strings, blanks dropped."""
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError(field, "must be a list")
    return tuple(
        clean_line(field, item) for item in value if not isinstance(item, str) or item.strip()
    )


def set_field(record: object, name: str, value: object) -> None:
    """Normalise a field of a frozen record during ``__post_init__``."""
    object.__setattr__(record, name, value)
