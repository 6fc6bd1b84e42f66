"""The built-in question bank: open-ended questions for an informational interview, by topic.

Every text here is written for this app. The questions are open (none can be answered with a
plain yes or no) and none asks about openings, hiring or pay: the point of the conversation is
to learn, and the tests check the bank against both rules in ``model.prep``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BankQuestion:
    key: str
    """Stable slug, unique in the bank (settings remember retired questions by key)."""
    topic: str
    """One of ``TOPICS``."""
    text: str


TOPICS: tuple[str, ...] = (
    "Their path",
    "A typical day or week",
    "Skills that matter",
    "Culture",
    "Challenges and trends",
    "Advice",
    "Other roles in the field",
    "Who else to talk to",
)

_PATH, _DAY, _SKILLS, _CULTURE, _TRENDS, _ADVICE, _ROLES, _WHO = TOPICS


def _q(key: str, topic: str, text: str) -> BankQuestion:
    return BankQuestion(key=key, topic=topic, text=text)


BANK: tuple[BankQuestion, ...] = (
    _q("path-first-spark", _PATH, "What first drew you to this kind of work?"),
    _q("path-steps", _PATH, "What steps took you from your first role to the one you hold now?"),
    _q(
        "path-surprises",
        _PATH,
        "Looking back, what turned out differently from what you expected when you started?",
    ),
    _q(
        "path-turning-point",
        _PATH,
        "Which decision or turning point shaped your career the most, and why?",
    ),
    _q("path-start-over", _PATH, "If you were starting over today, what would you do differently?"),
    _q("day-walkthrough", _DAY, "What does an ordinary day look like for you, start to finish?"),
    _q(
        "day-time-split",
        _DAY,
        "How is your week divided between meetings, focused work and everything else?",
    ),
    _q(
        "day-energy",
        _DAY,
        "Which parts of your work give you energy, and which ones wear you down?",
    ),
    _q("day-people", _DAY, "Who do you work with most closely, and how do you work together?"),
    _q("day-rhythm", _DAY, "How does the pace of your work shift over the course of a year?"),
    _q("skills-core", _SKILLS, "Which skills do you lean on most in your work?"),
    _q("skills-earlier", _SKILLS, "What skill do you wish you had built earlier in your career?"),
    _q("skills-newcomers", _SKILLS, "Where do newcomers to this field tend to struggle most?"),
    _q(
        "skills-show",
        _SKILLS,
        "How can someone without direct experience show they have what this work takes?",
    ),
    _q(
        "skills-learning",
        _SKILLS,
        "What courses, books or communities helped you grow the most in this work?",
    ),
    _q(
        "culture-together",
        _CULTURE,
        "How would you sum up the way people work together where you are?",
    ),
    _q("culture-decisions", _CULTURE, "How are decisions made on your team, and who gets a say?"),
    _q(
        "culture-thrive",
        _CULTURE,
        "What kind of person thrives in your workplace, and who finds it hard going?",
    ),
    _q("culture-growth", _CULTURE, "How does your organization help people learn and grow?"),
    _q(
        "trends-hardest-problem",
        _TRENDS,
        "What is the hardest problem your field is wrestling with right now?",
    ),
    _q("trends-change", _TRENDS, "How has this line of work changed since you started?"),
    _q(
        "trends-next-years",
        _TRENDS,
        "Where do you see the field heading over the next five years?",
    ),
    _q(
        "trends-new-tools",
        _TRENDS,
        "Which new tools or ideas are changing the way you do your work?",
    ),
    _q("advice-my-shoes", _ADVICE, "If you were in my position, what would you do next?"),
    _q(
        "advice-prepare",
        _ADVICE,
        "What would best prepare someone with my background to move into this field?",
    ),
    _q(
        "advice-mistakes",
        _ADVICE,
        "What mistakes do people often make when they try to move into this area?",
    ),
    _q("advice-keep-up", _ADVICE, "How do you keep up with what is happening in your field?"),
    _q(
        "roles-neighbours",
        _ROLES,
        "Which other roles work closely with yours, and what do they do all day?",
    ),
    _q("roles-entry-points", _ROLES, "What are the usual ways people first get into this field?"),
    _q("roles-hidden", _ROLES, "Which roles in this field do outsiders rarely hear about?"),
    _q("roles-next", _ROLES, "Where do people in your role tend to go next?"),
    _q(
        "who-names",
        _WHO,
        "Who else would you suggest I speak with, and may I mention that you sent me?",
    ),
    _q(
        "who-different-view",
        _WHO,
        "Whose view of this work differs most from yours, and why would it be worth hearing?",
    ),
    _q(
        "who-organizations",
        _WHO,
        "Which other organizations are doing interesting work in this area?",
    ),
    _q(
        "who-groups",
        _WHO,
        "Which associations, meetups or online groups would be worth my time?",
    ),
)

CLOSING_ITEMS: tuple[str, ...] = (
    "Ask whether you may get back in touch if another question comes up later.",
    "Ask who else they would suggest you talk to, and note down the names.",
    "Thank them for their time and for sharing what they know.",
)
"""The closing asks, in the order they usually come at the end of the conversation."""

OPENING_REMINDER = (
    "Start by restating why you asked for this time: you are looking for information "
    "and advice, not for a job."
)


def by_topic() -> dict[str, list[BankQuestion]]:
    """The bank grouped by topic, every topic present (in ``TOPICS`` order), bank order within."""
    groups: dict[str, list[BankQuestion]] = {topic: [] for topic in TOPICS}
    for question in BANK:
        groups[question.topic].append(question)
    return groups
