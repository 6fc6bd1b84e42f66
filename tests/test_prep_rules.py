"""Preparation rules: agenda fit, spoken length, pitch verdicts, the wording checks, the bank."""

from __future__ import annotations

import pytest

from infoview_tui.content.questions import (
    BANK,
    CLOSING_ITEMS,
    OPENING_REMINDER,
    TOPICS,
    BankQuestion,
    by_topic,
)
from infoview_tui.model.prep import (
    MINUTES_PER_QUESTION,
    OPENING_MINUTES,
    PITCH_MAX_SECONDS,
    PITCH_MIN_SECONDS,
    WORDS_PER_MINUTE,
    Fit,
    agenda_fit,
    asks_about_jobs_or_pay,
    is_yes_no,
    jobs_or_pay_warning,
    pitch_verdict,
    spoken_seconds,
    yes_no_hint,
)


def words(n: int) -> str:
    return " ".join(["word"] * n)


# --- agenda fit ------------------------------------------------------------------------------


def test_constants() -> None:
    assert WORDS_PER_MINUTE == 150
    assert (PITCH_MIN_SECONDS, PITCH_MAX_SECONDS) == (15, 30)
    assert OPENING_MINUTES == 2
    assert MINUTES_PER_QUESTION == 3.0


def test_fit_when_questions_fit() -> None:
    fit = agenda_fit(6, 30, 4)
    assert fit == Fit(
        agreed_minutes=30,
        question_minutes=18.0,
        available_minutes=24.0,
        fits=True,
        question_count=6,
        opening_minutes=2,
        closing_minutes=4,
        per_question=3.0,
    )
    assert fit.summary() == (
        "6 questions, about 18 min; 24 min free for questions "
        "(30 agreed − 2 opening − 4 closing): fits"
    )


def test_fit_exactly_full_still_fits() -> None:
    fit = agenda_fit(8, 30, 4)
    assert fit.question_minutes == 24
    assert fit.fits
    assert not agenda_fit(9, 30, 4).fits


def test_fit_when_over() -> None:
    fit = agenda_fit(10, 30, 4)
    assert not fit.fits
    assert fit.question_minutes == 30
    assert fit.available_minutes == 24
    assert fit.summary() == (
        "10 questions, about 30 min; 24 min free for questions "
        "(30 agreed − 2 opening − 4 closing): 6 min over: drop or shorten 2"
    )


def test_fit_over_rounds_the_drop_count_up() -> None:
    # 32.5 min needed, 24 free: 8.5 over; dropping 3 questions frees only 7.5, so 4
    fit = agenda_fit(13, 30, 4, per_question=2.5)
    assert fit.summary().endswith("8.5 min over: drop or shorten 4")
    # exactly one question over: drop 1, not 2
    assert agenda_fit(9, 30, 4).summary().endswith("3 min over: drop or shorten 1")
    # 11 x 1.1 = 12.100000000000001 in floating point: still one question over, not two
    assert (
        agenda_fit(11, 16, 3, per_question=1.1)
        .summary()
        .endswith("1.1 min over: drop or shorten 1")
    )


def test_fit_with_zero_questions() -> None:
    fit = agenda_fit(0, 20, 3)
    assert fit.fits
    assert fit.question_minutes == 0
    assert fit.available_minutes == 15
    assert fit.summary() == (
        "no questions yet; 15 min free for questions (20 agreed − 2 opening − 3 closing): fits"
    )


def test_fit_one_question_is_singular() -> None:
    assert agenda_fit(1, 20, 3).summary().startswith("1 question, about 3 min;")


def test_fit_when_closing_is_bigger_than_agreed() -> None:
    fit = agenda_fit(3, 10, 15)
    assert fit.available_minutes == 0
    assert not fit.fits
    summary = fit.summary()
    assert "no time free for questions" in summary
    assert "need 17 min, 7 more than agreed" in summary
    # even with no questions the plan does not fit: opening and closing overrun the call
    assert not agenda_fit(0, 10, 15).fits


def test_fit_phone_call_with_custom_opening_and_pace() -> None:
    fit = agenda_fit(3, 10, 2, opening_minutes=1, per_question=2.5)
    assert fit.question_minutes == 7.5
    assert fit.available_minutes == 7
    assert not fit.fits
    assert fit.summary().endswith("0.5 min over: drop or shorten 1")


def test_fit_rejects_negative_numbers() -> None:
    with pytest.raises(ValueError):
        agenda_fit(-1, 30, 4)
    with pytest.raises(ValueError):
        agenda_fit(3, 30, -4)


# --- spoken length ---------------------------------------------------------------------------


def test_spoken_seconds_at_150_words_per_minute() -> None:
    assert spoken_seconds(words(50)) == pytest.approx(20.0)
    assert spoken_seconds(words(150)) == pytest.approx(60.0)
    assert spoken_seconds("") == 0
    assert spoken_seconds("   \n\t ") == 0


def test_spoken_seconds_counts_only_tokens_with_letters_or_digits() -> None:
    # "—", "..." and "-" are not words; "well-known" and "2025" are
    assert spoken_seconds("I — a well-known ... 2025 - person") == pytest.approx(
        spoken_seconds(words(5))
    )


def test_spoken_seconds_is_unicode_aware() -> None:
    assert spoken_seconds("Zoë Ångström über straße") == pytest.approx(spoken_seconds(words(4)))
    assert spoken_seconds("Ζωή Αγγελοπούλου") == pytest.approx(spoken_seconds(words(2)))


def test_spoken_seconds_counts_two_cjk_characters_as_a_word() -> None:
    assert spoken_seconds("山田 太郎") == pytest.approx(spoken_seconds(words(2)))
    assert spoken_seconds("わたしは") == pytest.approx(spoken_seconds(words(2)))
    # Latin inside a CJK run is a word of its own: 1 + 3 characters
    assert spoken_seconds("Python開発者") == pytest.approx(spoken_seconds(words(1)) * 2.5)


# --- pitch verdicts --------------------------------------------------------------------------


def test_pitch_empty() -> None:
    assert pitch_verdict("") == (0, "write a 15-30 second introduction")
    assert pitch_verdict("  — ... ") == (0, "write a 15-30 second introduction")


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (1, "about 0 s — add a line about why this person"),
        (23, "about 9 s — add a line about why this person"),
        (36, "about 14 s — add a line about why this person"),  # 14.4 s
        (37, "about 15 s — a good length"),  # 14.8 s shows as 15
        (38, "about 15 s — a good length"),
        (55, "about 22 s — a good length"),
        (75, "about 30 s — a good length"),
        (76, "about 30 s — a good length"),  # 30.4 s shows as 30
        (77, "about 31 s — trim it to 30 s or less"),  # 30.8 s
        (103, "about 41 s — trim it to 30 s or less"),
    ],
)
def test_pitch_verdict_boundaries(count: int, message: str) -> None:
    seconds, text = pitch_verdict(words(count))
    assert seconds == pytest.approx(count * 0.4)
    assert text == message


# --- yes/no questions ------------------------------------------------------------------------

YES_NO = [
    "Do you enjoy your work?",
    "does the team work remotely?",
    "Did you study this at university?",
    "Is it hard to get started?",
    "Is there a typical path into the field?",
    "Are there many people doing this?",
    "Are you happy with your choice?",
    "Can I ask about your first role?",
    "Could you describe your day?",
    "Would you do it again?",
    "Have you always worked here?",
    "Has the field changed much?",
    "Will the role exist in ten years?",
    "Should I get a master's degree?",
    "Isn't it stressful at times?",
    "Don’t you miss research?",  # curly apostrophe
    "  - “Was it a big change?”",  # bullet and quotes before the question
    "And do you travel much?",
    "So, is remote work common?",
    "WOULD YOU RECOMMEND IT?",
    "May I mention your name?",
]

OPEN = [
    "How do you spend most of your day?",
    "What is it like to work there?",
    "Why did you choose this field?",
    "Which skills matter most?",
    "Where do people go after this role?",
    "Who else should I talk to?",
    "When did you know this was right for you?",
    "Tell me about your first year.",
    "Island life aside, what keeps you in this town?",
    "Isolation can be hard: how do you handle remote work?",
    "Doing what you do, what surprised you most?",
    "Describe a project you are proud of.",
    "If you were in my shoes, what would you do next?",
    "So what would you change about the field?",
    "Willing learners: where do they struggle most?",
    "",
]


@pytest.mark.parametrize("question", YES_NO)
def test_yes_no_detected(question: str) -> None:
    assert is_yes_no(question)
    hint = yes_no_hint(question)
    assert "yes or a no" in hint
    assert '"How..."' in hint and '"What..."' in hint and '"Why..."' in hint


@pytest.mark.parametrize("question", OPEN)
def test_open_questions_not_flagged(question: str) -> None:
    assert not is_yes_no(question)
    assert yes_no_hint(question) == ""


def test_yes_no_hint_names_the_opener() -> None:
    assert yes_no_hint("Isn't it stressful?").startswith('Starting with "Isn\'t"')
    assert yes_no_hint("do you like it?").startswith('Starting with "do"')


# --- openings and pay ------------------------------------------------------------------------

JOBS_OR_PAY = [
    "Are there any job openings on your team?",
    "What openings do you expect this spring?",
    "Do you have vacancies coming up?",
    "Is your company hiring?",
    "How do I get a job at your company?",
    "Would you hire me?",
    "Could this turn into a job offer?",
    "What does the role pay?",
    "How much do people in this field make?",
    "What salary should I expect?",
    "How is compensation structured?",
    "What are the wages like for juniors?",
    "What benefits does the company offer?",
    "Is there a yearly bonus?",
    "Are there open positions in your department?",
    "Which roles are open right now?",
    "Could you pass on my CV to your manager?",
    "How well paid is this work?",
    "Could you refer me for a position on your team?",
    "Would you recommend me for the junior role?",
    "Could you put in a good word for me with the hiring manager?",
    "Is there a job at your company for someone like me?",
    "Could you refer me to a recruiter there?",
]

NOT_JOBS_OR_PAY = [
    "What do you pay attention to when you review work?",
    "Did the extra degree pay off?",
    "What benefits the team most when deadlines are tight?",
    "What are the benefits of working in a small team?",
    "What do hiring managers look for in a portfolio?",
    "How did you get your first role?",
    "What job titles exist in this field?",
    "How do you pay your dues as a newcomer?",
    "What was the opening of your career like?",
    "How open is the team to new ideas?",
    "What position does your team hold in the company?",
    "What makes someone good at this job?",
    "Could you refer me to someone else I should talk to?",
    "If you were in my position, what would you do next?",
    "What does a role on your team look like day to day?",
]


@pytest.mark.parametrize("question", JOBS_OR_PAY)
def test_jobs_or_pay_detected(question: str) -> None:
    assert asks_about_jobs_or_pay(question)
    warning = jobs_or_pay_warning(question)
    assert "informational interview" in warning
    assert "put the person off" in warning


@pytest.mark.parametrize("question", NOT_JOBS_OR_PAY)
def test_jobs_or_pay_not_flagged(question: str) -> None:
    assert not asks_about_jobs_or_pay(question)
    assert jobs_or_pay_warning(question) == ""


# --- the bank --------------------------------------------------------------------------------


def test_topics_in_order() -> None:
    assert TOPICS == (
        "Their path",
        "A typical day or week",
        "Skills that matter",
        "Culture",
        "Challenges and trends",
        "Advice",
        "Other roles in the field",
        "Who else to talk to",
    )


def test_bank_size_topics_and_keys() -> None:
    assert 32 <= len(BANK) <= 36
    assert all(isinstance(q, BankQuestion) for q in BANK)
    keys = [q.key for q in BANK]
    assert len(set(keys)) == len(keys)
    assert all(key and key == key.lower() and " " not in key for key in keys)
    assert all(q.topic in TOPICS for q in BANK)
    assert len({q.text for q in BANK}) == len(BANK)


def test_by_topic_groups_every_question_in_topic_order() -> None:
    groups = by_topic()
    assert list(groups) == list(TOPICS)
    for topic, questions in groups.items():
        assert 4 <= len(questions) <= 5, topic
        assert all(q.topic == topic for q in questions)
    assert [q for qs in groups.values() for q in qs] == sorted(
        BANK, key=lambda q: TOPICS.index(q.topic)
    )


@pytest.mark.parametrize("question", BANK, ids=lambda q: q.key)
def test_bank_question_passes_both_checks(question: BankQuestion) -> None:
    assert question.text.endswith("?")
    assert not is_yes_no(question.text)
    assert not asks_about_jobs_or_pay(question.text)


def test_closing_items_and_opening_reminder() -> None:
    assert len(CLOSING_ITEMS) == 3
    again, names, thanks = (item.lower() for item in CLOSING_ITEMS)
    assert "get back in touch" in again
    assert "who else" in names and "names" in names
    assert "thank" in thanks
    assert "not for a job" in OPENING_REMINDER
    assert "information and advice" in OPENING_REMINDER
