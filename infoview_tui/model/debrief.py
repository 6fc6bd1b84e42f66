"""The debrief written right after a call: one markdown document with fixed sections.

The user writes freely; the sections are plain ``## `` headings, so the text stays readable
anywhere (an export, another editor). The rules here read it back: the first takeaway (named in
the thank-you note) and the names received (each can become a contact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("learned", "What I learned", "the points that surprised you or changed your picture"),
    ("open", "Still open", "what you still want to find out, and from whom"),
    ("fit", "How it fits me", "lifestyle, interests, skills, and your plans"),
    ("advice", "Advice", "what they suggested you do, read or try"),
    ("names", "Names to contact", "one per line: Name, organisation"),
    ("next", "Next steps", "what you will do, and by when"),
)
"""(key, heading, hint) of each section, in the order the template lists them."""

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_HINT = re.compile(r"^\s*<!--.*-->\s*$")


def template() -> str:
    """A fresh debrief: every section heading with a one-line hint as a comment."""
    parts = [f"## {heading}\n<!-- {hint} -->\n- \n" for _, heading, hint in SECTIONS]
    return "\n".join(parts)


def _key_of(heading: str) -> str | None:
    folded = heading.casefold()
    for key, title, _ in SECTIONS:
        if folded.startswith(title.casefold()):
            return key
    return None


def sections(text: str) -> dict[str, list[str]]:
    """The non-empty lines under each known section heading, bullets and hints removed."""
    found: dict[str, list[str]] = {key: [] for key, _, _ in SECTIONS}
    current: str | None = None
    for raw in text.splitlines():
        heading = _HEADING.match(raw)
        if heading:
            current = _key_of(heading.group(1))
            continue
        if current is None or _HINT.match(raw):
            continue
        line = _BULLET.sub("", raw).strip()
        if line:
            found[current].append(line)
    return found


def takeaway(text: str) -> str:
    """The first thing written under "What I learned" ("" if nothing is there yet)."""
    learned = sections(text)["learned"]
    return learned[0] if learned else ""


@dataclass(frozen=True)
class Name:
    """A person the interviewee suggested: a name and, where given, their organisation."""

    name: str
    organization: str = ""


_SPLIT = re.compile(r"\s*(?:,|\(|\bat\b|\s[-–—]\s)\s*")


def names(text: str) -> list[Name]:
    """The people listed under "Names to contact": "Name, organisation", "Name (org)",
    "Name at org" or "Name - org". Duplicates (case-folded) are listed once."""
    result: list[Name] = []
    seen: set[str] = set()
    for line in sections(text)["names"]:
        parts = _SPLIT.split(line, maxsplit=1)
        name = parts[0].strip(" .;:")
        organization = parts[1].strip(" ;:").removesuffix(")").strip() if len(parts) > 1 else ""
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        result.append(Name(name, organization))
    return result
