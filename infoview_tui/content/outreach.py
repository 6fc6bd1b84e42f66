"""Drafts for reaching out and saying thank you: an email, a phone script, a thank-you note.

The drafts are starting points the user edits. Each one greets the person by first name, says who
the user is and how they came by the person's name, says why this person, makes clear the ask is
for information and advice rather than a job, and asks for a set number of minutes at a time that
suits them. Missing details are left out whole, so a draft never shows "None", empty brackets or
a stray comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model.contact import Contact


@dataclass(frozen=True)
class Profile:
    name: str = ""
    background: str = ""
    """One line about who the user is ("a data analyst moving into UX research")."""
    signature: str = ""


_TITLES = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame"}
_REFERRED_BY = re.compile(r"^\s*(?:referred|introduced|sent)\s+(?:to me\s+)?by\s+(.+)$", re.I)


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("strikethrough")


def _inline_text(children: list[Token]) -> str:
    """The words of an inline run: emphasis, code and link marks dropped, a link's address kept
    in brackets after its words when they differ, an image by its description."""
    out: list[str] = []
    links: list[tuple[str, int]] = []
    for token in children:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type == "softbreak":
            out.append(" ")
        elif token.type == "hardbreak":
            out.append("\n")
        elif token.type == "image":
            out.append(_inline_text(token.children or []))
        elif token.type == "link_open":
            links.append((str(token.attrs.get("href", "")), len(out)))
        elif token.type == "link_close" and links:
            href, start = links.pop()
            words = "".join(out[start:])
            shown = href.removeprefix("mailto:")
            if href and shown != words:
                out.append(f" ({shown})")
    return "".join(out)


def plain_text(markdown: str) -> str:
    """``markdown`` as the plain text an email wants: "**reproducible**" becomes
    "reproducible", "[the guide](https://x.org)" "the guide (https://x.org)", a heading its
    words, a list item "- item" (list items on lines of their own, other blocks apart by a blank
    line). HTML tags are left out."""
    tokens = _markdown().parse(markdown)
    blocks: list[tuple[bool, str]] = []  # (inside a list, text)
    prefix: list[str] = []
    numbers: list[int] = []
    pending = ""
    for token in tokens:
        if token.type == "bullet_list_open":
            numbers.append(0)
        elif token.type == "ordered_list_open":
            numbers.append(int(token.attrs.get("start", 1) or 1))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif token.type == "list_item_open":
            if numbers and numbers[-1]:
                pending = f"{numbers[-1]}. "
                numbers[-1] += 1
            else:
                pending = "- "
        elif token.type == "blockquote_open":
            prefix.append("> ")
        elif token.type == "blockquote_close":
            prefix.pop()
        elif token.type == "inline":
            text = "".join(prefix) + pending + _inline_text(token.children or [])
            blocks.append((bool(numbers), text))
            pending = ""
        elif token.type in ("fence", "code_block"):
            blocks.append((bool(numbers), token.content.rstrip("\n")))
    out = ""
    previous_in_list = False
    for in_list, text in blocks:
        if not text.strip():
            continue
        if out:
            out += "\n" if in_list and previous_in_list else "\n\n"
        out += text
        previous_in_list = in_list
    return out


def _line(text: str | None) -> str:
    """One line: runs of whitespace become one space; None becomes ""."""
    return " ".join((text or "").split())


def _sentence(text: str) -> str:
    """``text`` as a sentence: a closing full stop added unless it already ends in one."""
    text = _line(text)
    if not text:
        return ""
    if text[-1] in ".!?…":
        return text
    return text.rstrip(",;:") + "."


def first_name(contact: Contact) -> str:
    """What to call the person: the first word of their name.

    The full name when that first word is a title ("Dr Lee", "Prof. Ito") or the name is one word.
    """
    name = _line(contact.name)
    first = name.split(" ", 1)[0] if name else ""
    if not first or first.rstrip(".").lower() in _TITLES:
        return name
    return first


def _article(phrase: str) -> str:
    """ "a" or "an" before ``phrase``, by sound, roughly: "an engineer", "a UX writer", "an MBA"."""
    word = phrase.split(" ", 1)[0]
    letters = word.strip("\"'(")
    if not letters:
        return "a"
    if len(letters) > 1 and letters.isupper():  # an acronym, read letter by letter
        return "an" if letters[0] in "AEFHILMNORSX" else "a"
    low = letters.lower()
    if low.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "uro", "ura", "uri")):
        return "a"
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"


def _how_we_know(contact: Contact, referrer: Contact | None) -> tuple[str, str]:
    """(referrer's name or "", the free-text "how we met") for the draft."""
    if referrer is not None and _line(referrer.name):
        return _line(referrer.name), ""
    how = _line(contact.how_we_met)
    match = _REFERRED_BY.match(how)
    if match:
        return _line(match.group(1)).rstrip(".,;:"), ""
    return "", how


# fmt: off
_PROPER = frozenset((
    "english", "french", "german", "spanish", "italian", "portuguese", "dutch", "swedish",
    "norwegian", "danish", "finnish", "polish", "russian", "ukrainian", "greek", "turkish",
    "arabic", "hebrew", "hindi", "chinese", "mandarin", "cantonese", "japanese", "korean",
    "african", "american", "asian", "british", "european", "latin", "nordic", "python", "java",
    "javascript", "ruby", "rust", "go", "swift", "kotlin", "scala", "perl", "php", "haskell",
    "elixir", "erlang", "linux", "unix", "windows", "android", "apple", "google", "microsoft",
    "amazon", "aws", "azure", "oracle", "sap", "salesforce", "excel", "tableau", "figma",
    "adobe", "unity", "unreal", "shopify", "wordpress", "kubernetes", "docker",
))
# fmt: on
"""Words that keep their capital inside a sentence when a role or field is written
"Capitalised": languages and peoples, and the names of products and languages of programming."""
_CAPITALISED = re.compile(r"^(\W*)([A-ZÀ-ÖØ-Þ])([a-zß-öø-ÿ'’-]*)(\W*)$")


def _mid_sentence(phrase: str) -> str:
    """A role or field as it reads inside a sentence: a word stored "Capitalised" (as a form
    field's first word often is) is lowercased, so "Data journalist" reads "data journalist"
    and "Journalism" "journalism". Acronyms and words with an inner capital ("UX", "iOS",
    "DevOps") stay as written, and so do languages and product names ("English", "Python")."""
    words = []
    for word in _line(phrase).split(" "):
        match = _CAPITALISED.match(word)
        if match and match.group(3):
            core = match.group(2) + match.group(3)
            if core.lower().strip("'’-") not in _PROPER:
                word = match.group(1) + core.lower() + match.group(4)
        words.append(word)
    return " ".join(words)


def _what_they_do(contact: Contact) -> str:
    """ "you work as a data engineer at Cobalt Freight", "you work in logistics", or "".

    Role and field read as words inside the sentence (see ``_mid_sentence``); the
    organisation is a name and keeps its capitals."""
    role, org = _mid_sentence(contact.role), _line(contact.organization)
    field = _mid_sentence(contact.field)
    if role and org:
        return f"you work as {_article(role)} {role} at {org}"
    if role:
        return f"you work as {_article(role)} {role}"
    if org:
        return f"you work at {org}"
    if field:
        return f"you work in {field}"
    return ""


def _intro(profile: Profile) -> list[str]:
    name, background = _line(profile.name), _sentence(profile.background)
    parts = []
    if name:
        parts.append(f"My name is {name}.")
    if background:
        parts.append(f"A little about me: {background}")
    return [" ".join(parts)] if parts else []


def _signature_lines(profile: Profile) -> list[str]:
    return [_line(line) for line in (profile.signature or "").splitlines() if _line(line)]


def _sign_off(profile: Profile, closing: str = "Best regards") -> str:
    """The closing line and the signature (or the name); no trailing comma when both are empty."""
    signature = "\n".join(_signature_lines(profile)) or _line(profile.name)
    return f"{closing},\n{signature}" if signature else closing


def _check_minutes(minutes: int) -> None:
    if minutes <= 0:
        raise ValueError("minutes must be positive")


def outreach_email(
    contact: Contact, referrer: Contact | None, profile: Profile, minutes: int = 20
) -> tuple[str, str]:
    """(subject, body) of a first email asking for a short informational conversation."""
    _check_minutes(minutes)
    greeting = f"Hello {first_name(contact)},"
    referred, how = _how_we_know(contact, referrer)
    if referred:
        found = f"{referred} suggested I get in touch with you."
        subject = f"{referred} suggested I contact you"
    elif how:
        found = f"I came across your name via {how}."
        subject = f"Request for {minutes} minutes of your advice"
    else:
        found = "I came across your name while looking into the kind of work you do."
        subject = f"Request for {minutes} minutes of your advice"

    what = _what_they_do(contact)
    field = _mid_sentence(contact.field)
    if what and field and not what.endswith(f"in {field}"):
        why = (
            f"I'm writing to you in particular because {what}, and I'd like to understand "
            f"{field} from someone who knows it from the inside."
        )
    elif what:
        why = (
            f"I'm writing to you in particular because {what}, and I'd like to understand "
            "that work from someone who does it every day."
        )
    else:
        why = (
            "I'm writing because I'd like to learn about your line of work from someone who "
            "does it every day."
        )

    purpose = (
        "To be clear, I'm not asking you for a job. I'm hoping for information and advice: "
        "how you got to where you are, what the work is really like, and what you would "
        "suggest to someone in my position."
    )
    ask = (
        f"Would you have {minutes} minutes for a short conversation, by phone, video or in "
        "person, at a time that suits you? I'll come with a few questions and keep to the time."
    )
    paragraphs = [
        greeting,
        *_intro(profile),
        f"{found} {why}",
        purpose,
        ask,
        "Thank you for considering it.",
        _sign_off(profile),
    ]
    return subject, "\n\n".join(paragraphs) + "\n"


def phone_script(
    contact: Contact, referrer: Contact | None, profile: Profile, minutes: int = 10
) -> str:
    """What to say when calling: short, with the two likely answers to the ask."""
    _check_minutes(minutes)
    name = _line(profile.name) or next(iter(_signature_lines(profile)), "")
    background = _sentence(profile.background)
    hello = f"Hello {first_name(contact)}" + (f", this is {name}." if name else ".")
    opening = " ".join(
        part for part in (hello, f"A little about me: {background}" if background else "") if part
    )
    referred, how = _how_we_know(contact, referrer)
    if referred:
        found = f"{referred} suggested I call you."
    elif how:
        found = f"I came across your name via {how}."
    else:
        found = "I came across your name while looking into the kind of work you do."
    what = _what_they_do(contact)
    why = (
        f"I'm calling because {what}, and I'd love to hear how you see that work."
        if what
        else "I'm calling because I'd love to hear how you got into your line of work."
    )
    lines = [
        opening,
        f"{found} {why}",
        "I'm not looking for a job, just some information and advice.",
        f"Would you have {minutes} minutes to talk now, or is there a better time for me to call"
        " back?",
        f"If now works: Thank you! I'll keep it to {minutes} minutes. My first question is...",
        "If not: Of course. When would suit you? I'm happy to work around your schedule.",
        "At the end: Thank you for your time. May I get back in touch if another question comes "
        "up, and is there anyone else you think I should talk to?",
    ]
    return "\n\n".join(lines) + "\n"


def thank_you_note(contact: Contact, profile: Profile, takeaway: str = "") -> tuple[str, str]:
    """(subject, body) of a thank-you note, to send within a day or two of the conversation.

    ``takeaway`` may be Markdown (it comes from the debrief): the note has it as plain text."""
    what = _what_they_do(contact)
    talk = "Thank you for taking the time to talk with me."
    if what:
        talk += " " + _sentence(
            f"It was really helpful to hear about {what.replace('you work', 'your work', 1)}"
        )
    takeaway = _sentence(plain_text(takeaway))
    if takeaway:
        learned = f"One thing I'm taking away from our conversation: {takeaway}"
    else:
        learned = "You gave me a much clearer picture of the field and of my next steps."
    paragraphs = [
        f"Hello {first_name(contact)},",
        talk,
        learned,
        "I'll follow up on your suggestions and let you know how things go.",
        _sign_off(profile, "With thanks"),
    ]
    return "Thank you for your time", "\n\n".join(paragraphs) + "\n"
