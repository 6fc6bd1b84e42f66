"""The in-memory contact index: property tests against a plain oracle, and follow-up rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_tui.content.sample import sample_clock
from infoview_tui.model import Contact, Stage
from infoview_tui.model.followup import default_next_action, is_overdue, next_stage
from infoview_tui.model.search import ContactIndex, SortBy, fold, haystack
from infoview_tui.model.settings import Settings
from infoview_tui.notebook import Notebook

one_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=20
)
names = one_line.filter(lambda s: s.strip() != "")
contacts = st.builds(
    Contact,
    name=names,
    organization=one_line,
    role=one_line,
    tags=st.lists(st.text(alphabet="abcdéü中 ", min_size=1, max_size=6), max_size=3).map(tuple),
    notes=st.text(max_size=60),
    stage=st.sampled_from(list(Stage)),
    next_action_date=st.sampled_from(["", "2026-11-01", "2026-12-24", "2027-01-05"]),
    last_contact=st.sampled_from(["", "2026-10-01", "2026-11-20"]),
)


def table(people: list[Contact]) -> dict[int, Contact]:
    return {i: c.replace(id=i) for i, c in enumerate(people, start=1)}


@given(st.lists(contacts, max_size=25), st.text(max_size=8), st.sampled_from(list(SortBy)))
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
def test_search_finds_exactly_what_a_plain_scan_finds(
    people: list[Contact], query: str, sort: SortBy
) -> None:
    by_id = table(people)
    words = fold(query).split()
    expected = {c.id for c in by_id.values() if all(w in haystack(c) for w in words)}
    found = ContactIndex().rows(by_id, 1, query, sort=sort)
    assert {c.id for c in found} == expected
    assert len(found) == len(expected)


@given(st.lists(contacts, min_size=1, max_size=15), st.data())
def test_any_piece_of_a_name_finds_its_contact(people: list[Contact], data: st.DataObject) -> None:
    by_id = table(people)
    target = data.draw(st.sampled_from(list(by_id.values())))
    folded = fold(target.name)
    start = data.draw(st.integers(0, max(0, len(folded) - 1)))
    piece = folded[start : start + data.draw(st.integers(1, 6))]
    found = ContactIndex().rows(by_id, 1, piece)
    assert target.id in {c.id for c in found}


@given(st.lists(contacts, max_size=20), st.text(alphabet="abcé ", max_size=6))
def test_typing_more_letters_narrows_like_a_fresh_search(people: list[Contact], query: str) -> None:
    by_id = table(people)
    index = ContactIndex()
    for end in range(len(query) + 1):  # as the user types, letter by letter
        typed = index.rows(by_id, 1, query[:end])
        fresh = ContactIndex().rows(by_id, 1, query[:end])
        assert [c.id for c in typed] == [c.id for c in fresh]


@given(st.lists(contacts, max_size=20))
def test_sort_orders(people: list[Contact]) -> None:
    by_id = table(people)
    index = ContactIndex()
    by_name = index.rows(by_id, 1, sort=SortBy.NAME)
    assert [fold(c.name) for c in by_name] == sorted(fold(c.name) for c in by_name)
    by_next = index.rows(by_id, 1, sort=SortBy.NEXT_ACTION)
    dated = [c.next_action_date for c in by_next if c.next_action_date]
    assert dated == sorted(dated)
    assert by_next[len(dated) :] == [c for c in by_next if not c.next_action_date]


@given(st.lists(contacts, min_size=1, max_size=8))
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_field_round_trips_through_the_store(tmp_path: Path, people: list[Contact]) -> None:
    path = tmp_path / f"rt-{abs(hash(tuple(people)))}.json"
    path.unlink(missing_ok=True)
    notebook = Notebook.open(path, sample_clock())
    added = [
        notebook.add_contact(
            **{k: v for k, v in c.to_dict().items() if k not in ("id", "created", "updated")}
        )
        for c in people
    ]
    assert notebook.close() is None
    reopened = Notebook.open(path, sample_clock())
    try:
        assert [reopened.contacts[c.id] for c in added] == added
    finally:
        reopened.close()


def test_default_next_actions_follow_the_settings() -> None:
    today = date(2026, 11, 23)
    assert default_next_action(Stage.REACHED_OUT, today, Settings()) == (
        "Follow up if there is no reply",
        "2026-11-30",
    )
    custom = Settings.from_meta({"follow_up_days": {"reached_out": 3, "bogus": 1, "thanked": -4}})
    assert default_next_action(Stage.REACHED_OUT, today, custom)[1] == "2026-11-26"
    assert custom.follow_up_days[Stage.THANKED] == 30  # a negative interval is ignored
    assert default_next_action(Stage.DECLINED, today, Settings()) == ("", "")


def test_next_stage_and_overdue() -> None:
    assert next_stage(Stage.TO_RESEARCH) is Stage.TO_CONTACT
    assert next_stage(Stage.KEEPING_IN_TOUCH) is Stage.KEEPING_IN_TOUCH
    assert next_stage(Stage.NO_REPLY) is Stage.REACHED_OUT
    assert is_overdue("2026-11-22", date(2026, 11, 23))
    assert not is_overdue("2026-11-23", date(2026, 11, 23))
    assert not is_overdue("", date(2026, 11, 23))
