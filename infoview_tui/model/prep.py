"""Preparation rules: pitch length, question wording checks, and whether an agenda fits the time.

Pure functions, no Textual. The wording checks are heuristics that flag a question for a second
look; they never block the user.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

WORDS_PER_MINUTE = 150
"""A calm speaking pace."""
PITCH_MIN_SECONDS = 15
PITCH_MAX_SECONDS = 30
OPENING_MINUTES = 2
"""Greeting, thanks for the time, restating the purpose."""
MINUTES_PER_QUESTION = 3.0
"""An open question with its answer and a follow-up."""

# --- spoken length ---------------------------------------------------------------------------

_CJK = (
    "\u3005"  # 々 iteration mark
    "\u3040-\u30ff"  # hiragana, katakana
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width katakana
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
CJK_CHARS_PER_WORD = 2
"""Chinese and Japanese are written without spaces; two characters count as one spoken word."""


def word_count(text: str) -> float:
    """Spoken words in ``text``.

    Rule: split on whitespace. Chinese/Japanese characters (ideographs, kana) count half a word
    each, since a word there is one to three characters and the spoken syllable rate is close to
    that of English. What is left of a token, split at those characters, counts one word per
    piece that holds a letter or digit in any script (``str.isalnum``). So "well-known" is one
    word, "—" and "..." are none, "山田 太郎" is two, and "Python開発者" is 1 + 1.5. Korean is
    written with spaces and is counted like English.
    """
    words = 0.0
    for token in text.split():
        cjk = len(_CJK_CHAR.findall(token))
        words += cjk / CJK_CHARS_PER_WORD
        pieces = _CJK_CHAR.split(token) if cjk else (token,)
        words += sum(1 for piece in pieces if any(ch.isalnum() for ch in piece))
    return words


def spoken_seconds(text: str) -> float:
    """Seconds to say ``text`` aloud at ``WORDS_PER_MINUTE`` (see ``word_count`` for the rule)."""
    return word_count(text) / WORDS_PER_MINUTE * 60


def _whole(seconds: float) -> int:
    """Round half up (Python's ``round`` rounds 14.5 down to 14)."""
    return math.floor(seconds + 0.5)


def pitch_verdict(text: str) -> tuple[float, str]:
    """(seconds, message) for a 15-30 second introduction.

    The verdict uses the seconds as shown (rounded to whole seconds), so "about 30 s" is never
    told to trim to 30 s.
    """
    seconds = spoken_seconds(text)
    if seconds == 0:
        return 0.0, f"write a {PITCH_MIN_SECONDS}-{PITCH_MAX_SECONDS} second introduction"
    shown = _whole(seconds)
    if shown < PITCH_MIN_SECONDS:
        advice = "add a line about why this person"
    elif shown > PITCH_MAX_SECONDS:
        advice = f"trim it to {PITCH_MAX_SECONDS} s or less"
    else:
        advice = "a good length"
    return seconds, f"about {shown} s — {advice}"


# --- yes/no questions ------------------------------------------------------------------------

_AUXILIARIES = (
    *("am", "is", "are", "was", "were", "do", "does", "did", "have", "has", "had"),
    *("can", "could", "will", "would", "shall", "should", "may", "might", "must"),
    *("isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't"),
    *("haven't", "hasn't", "hadn't", "can't", "cannot", "couldn't", "won't", "wouldn't"),
    *("shouldn't", "mightn't", "mustn't"),
)
_FILLERS = ("and", "but", "so", "also", "ok", "okay", "well")

_YES_NO = re.compile(
    r"(?:(?:" + "|".join(_FILLERS) + r")\b[\s,]*)*"
    r"(" + "|".join(re.escape(a) for a in sorted(_AUXILIARIES, key=len, reverse=True)) + r")"
    r"(?![\w'])",
    re.IGNORECASE,
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _lead(question: str) -> str:
    """The question from its first letter or digit on, with curly apostrophes made straight."""
    text = question.translate(_APOSTROPHES)
    for i, ch in enumerate(text):
        if ch.isalnum():
            return text[i:]
    return ""


def yes_no_opener(question: str) -> str:
    """The closed-question opener ``question`` starts with ("Do", "Isn't"...), or ""."""
    match = _YES_NO.match(_lead(question))
    return match.group(1) if match else ""


def is_yes_no(question: str) -> bool:
    """Whether ``question`` is worded so that "yes" or "no" answers it.

    Rule: after leading spaces, punctuation, bullets and quotes, and after any of the openers
    "and", "but", "so", "also", "ok", "okay", "well", the first word is an auxiliary or modal
    verb: am/is/are/was/were, do/does/did, have/has/had, can/could/will/would/shall/should/
    may/might/must, or one of their negative forms ("isn't", "don't", "won't"...). That is how
    English forms a closed question ("Do you...", "Is there...", "Could you..."). Whole words
    only, so "Island..." or "Doing..." are not flagged; "How do you..." and "What is it like..."
    start with a question word and are open.
    """
    return bool(yes_no_opener(question))


def yes_no_hint(question: str) -> str:
    """A gentle suggestion for a yes/no question, or ""."""
    opener = yes_no_opener(question)
    if not opener:
        return ""
    return (
        f'Starting with "{opener}" invites a yes or a no. '
        'Try "How...", "What..." or "Why..." so they can tell you more.'
    )


# --- openings and pay ------------------------------------------------------------------------

_PAY_NOT_MONEY = (
    r"attention|heed|off|tribute|respects?|homage|a\s+visit|a\s+compliment|it\s+forward"
    r"|(?:my|your|their|his|her|our)?\s*dues"
)
_BENEFITS_VERB_OR_ADVANTAGE = (
    r"of|from|to|the|a|an|you|your|them|their|us|our|me|my|him|her|his|its|it|everyone|people"
)
_JOBS_OR_PAY = re.compile(
    r"""
    \b(?:
        job\s+(?:openings?|offers?|postings?|ads?|vacanc(?:y|ies))
      | openings | vacanc(?:y|ies)
      | (?:an|any)\s+opening
      | (?:open|available)\s+(?:positions?|roles?|jobs?|spots?)
      | (?:positions?|roles?|jobs?|spots?)\s+(?:(?:are|is)\s+)?(?:open|available)
      | (?:any|your|a)\s+jobs?\s+(?:for|available)
      | hiring(?!\s+managers?\b)
      | hire\s+me
      | (?:get|offer\s+me|give\s+me)\s+a\s+job
      | (?:pass\s+on|pass\s+along|forward)\s+my\s+(?:cv|resume|résumé)
      | (?:refer|recommend|consider|put)\s+me\s+(?:forward\s+)?for
      | (?:refer|recommend|introduce)\s+me\s+to\s+(?:a|an|the|your)\s+(?:hiring|recruiters?
            |jobs?|positions?|roles?|openings?)
      | put\s+in\s+a\s+(?:good\s+)?word\s+for\s+me
      | job\s+referrals?
      | (?:a|an|any)\s+(?:positions?|jobs?|place)\s+(?:on|in|at|with)\s+(?:your|the)\s+(?:own\s+)?
            (?:team|company|group|department|organi[sz]ation|firm|office|lab|unit|newsroom)
      | salar(?:y|ies)
      | (?:pay|pays|paid|paying)\b(?!\s+(?:"""
    + _PAY_NOT_MONEY
    + r"""))
      | pay(?:check|cheque|slip|roll)s?
      | compensation
      | wages?
      | bonus(?:es)?
      | perks?
      | benefits\b(?!\s+(?:"""
    + _BENEFITS_VERB_OR_ADVANTAGE
    + r""")\b)
      | benefits\s+package
      | stock\s+options?
      | how\s+much\s+(?:\w+\s+){0,6}?(?:make|makes|earn|earns|earning|money)
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def asks_about_jobs_or_pay(question: str) -> bool:
    """Whether ``question`` asks about openings, hiring or pay.

    Rule (whole words, any case): "job opening(s)/offer/posting/vacancy", "openings",
    "vacancy/vacancies", "an/any opening", "open positions/roles/jobs", "positions open/
    available", "hiring" (but not "hiring manager": asking what hiring managers look for is a
    fair question about skills), "hire me", "get a job", "offer/give me a job", "pass on my CV",
    asking to be put forward ("refer/recommend/consider me for", "refer me to a recruiter",
    "put in a word for me", "job referral"; "Could you refer me to someone else?" asks for a
    name and passes), "a position/job on/in/at your team/company",
    "salary", "pay/pays/paid/paying" (but not "pay attention", "pay off", "pay tribute", "pay
    your dues" and the like), "paycheck", "payroll", "compensation", "wage(s)", "bonus",
    "perks", "benefits" as the noun for perks ("What are the benefits like?", "benefits
    package"), "stock options", and "how much ... make/earn/money".

    "benefits" followed by "of", "from", "to", an article or a pronoun is taken as a verb or as
    "advantages" and not flagged: "What benefits the team most?" and "What are the benefits of
    remote work?" pass. The price is that "benefits for staff" is caught but "benefits the
    company offers" is not.
    """
    return bool(_JOBS_OR_PAY.search(question.translate(_APOSTROPHES)))


def jobs_or_pay_warning(question: str) -> str:
    """A visible warning for a question about openings or pay, or ""."""
    if not asks_about_jobs_or_pay(question):
        return ""
    return (
        "This asks about openings or pay. An informational interview is for information and "
        "advice; asking about jobs or money can put the person off. Leave it out unless they "
        "raise it."
    )


# --- agenda fit ------------------------------------------------------------------------------


def _num(minutes: float) -> str:
    """12 -> "12", 4.5 -> "4.5"."""
    return f"{minutes:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Fit:
    agreed_minutes: int
    question_minutes: float
    """Time the questions need: count x minutes per question."""
    available_minutes: float
    """Agreed minus opening minus closing, never below 0."""
    fits: bool
    question_count: int = 0
    opening_minutes: float = OPENING_MINUTES
    closing_minutes: float = 0
    per_question: float = MINUTES_PER_QUESTION

    @property
    def over_minutes(self) -> float:
        """How far the questions overrun the free time (0 when they fit)."""
        return max(0.0, self.question_minutes - self.available_minutes)

    @property
    def to_drop(self) -> int:
        """Questions to drop or shorten so the rest fit."""
        if self.over_minutes <= 0 or self.per_question <= 0:
            return 0
        return min(self.question_count, math.ceil(self.over_minutes / self.per_question - 1e-9))

    def summary(self) -> str:
        """One line for the agenda screen.

        "6 questions, about 18 min; 24 min free for questions (30 agreed - 2 opening - 4
        closing): fits" or "...: 8 min over: drop or shorten 3" (the minus signs are U+2212).
        """
        count = self.question_count
        if count == 0:
            need = "no questions yet"
        else:
            noun = "question" if count == 1 else "questions"
            need = f"{count} {noun}, about {_num(self.question_minutes)} min"
        sums = (
            f"{self.agreed_minutes} agreed − {_num(self.opening_minutes)} opening − "
            f"{_num(self.closing_minutes)} closing"
        )
        fixed = self.opening_minutes + self.closing_minutes
        if fixed > self.agreed_minutes:
            short = _num(fixed - self.agreed_minutes)
            return (
                f"{need}; no time free for questions ({sums}): opening and closing alone "
                f"need {_num(fixed)} min, {short} more than agreed"
            )
        head = f"{need}; {_num(self.available_minutes)} min free for questions ({sums})"
        if self.fits:
            return f"{head}: fits"
        return f"{head}: {_num(self.over_minutes)} min over: drop or shorten {self.to_drop}"


def agenda_fit(
    question_count: int,
    agreed_minutes: int,
    closing_minutes: int,
    opening_minutes: int = OPENING_MINUTES,
    per_question: float = MINUTES_PER_QUESTION,
) -> Fit:
    """Whether ``question_count`` questions fit the agreed time after the opening and closing.

    It fits when the questions need no more than the free time, so never when the opening and
    closing alone overrun the agreed time. Negative inputs raise ValueError.
    """
    for name, value in (
        ("question_count", question_count),
        ("agreed_minutes", agreed_minutes),
        ("closing_minutes", closing_minutes),
        ("opening_minutes", opening_minutes),
        ("per_question", per_question),
    ):
        if value < 0:
            raise ValueError(f"{name} must not be negative")
    free = agreed_minutes - opening_minutes - closing_minutes
    needed = question_count * per_question
    return Fit(
        agreed_minutes=agreed_minutes,
        question_minutes=needed,
        available_minutes=max(0.0, float(free)),
        fits=needed <= free,  # never true when opening and closing overrun the call
        question_count=question_count,
        opening_minutes=opening_minutes,
        closing_minutes=closing_minutes,
        per_question=per_question,
    )
