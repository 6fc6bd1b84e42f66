"""Stats: funnel definitions, reply rate, call timing, the deepest referral chain, the bar
chart's drawing, and a snapshot of the Stats screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from infoview_tui.app import create_app
from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.model import Contact, FrozenClock, Interview, Stage, call
from infoview_tui.model.stats import compute, deepest_chain, format_over
from infoview_tui.notebook import Notebook
from infoview_tui.screens.stats import StatsScreen
from infoview_tui.widgets.bar_chart import bar

from .helpers import running, screen_text, widget_text

START = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def person(cid: int, stage: Stage = Stage.TO_CONTACT, referred_by: int | None = None) -> Contact:
    return Contact(id=cid, name=f"P{cid}", stage=stage, referred_by=referred_by)


def timed(iid: int, cid: int, agreed: int, lasted_seconds: float, **fields: object) -> Interview:
    state = call.end(call.start(START), START + timedelta(seconds=lasted_seconds))
    return Interview(
        id=iid,
        contact_id=cid,
        when="2026-11-20T15:00",
        agreed_minutes=agreed,
        status="done",
        call=state,
        **fields,  # type: ignore[arg-type]
    )


def by_id(*records):  # type: ignore[no-untyped-def]
    return {r.id: r for r in records}


def test_an_empty_notebook_has_no_rates_and_no_division_by_zero() -> None:
    stats = compute({}, {})
    assert [count for _, count in stats.funnel] == [0, 0, 0, 0, 0, 0]
    assert stats.reply_rate is None
    assert stats.mean_over_seconds is None
    assert stats.chain == () and stats.chain_length == 0
    assert format_over(stats.mean_over_seconds) == "no timed calls"


def test_funnel_definitions() -> None:
    contacts = by_id(
        person(1, Stage.TO_RESEARCH),
        person(2, Stage.TO_CONTACT),
        person(3, Stage.REACHED_OUT),
        person(4, Stage.NO_REPLY),  # reached out, no reply
        person(5, Stage.DECLINED),  # a no is a reply
        person(6, Stage.SCHEDULED),
        person(7, Stage.THANKED),
        person(8, Stage.KEEPING_IN_TOUCH),
        person(9, Stage.TO_CONTACT, referred_by=7),  # named by someone we talked to
        person(10, Stage.TO_CONTACT, referred_by=6),  # named by someone not talked to yet
        person(11, Stage.TO_CONTACT),  # a call was held, stage never moved on
    )
    interviews = by_id(
        timed(1, 7, 30, 30 * 60, thanked="2026-11-21"),
        timed(2, 8, 30, 30 * 60),  # held, thank-you not sent
        timed(3, 11, 20, 20 * 60),
        Interview(id=4, contact_id=2, when="2026-11-30T10:00", status="cancelled"),
    )
    stats = compute(contacts, interviews)
    assert dict(stats.funnel) == {
        "to contact": 10,
        "reached out": 7,  # 3, 4, 5, 6, 7, 8, and 11 (a held call)
        "replied": 5,  # 5, 6, 7, 8, 11
        "held": 3,
        "thanked": 1,
        "referrals gained": 1,
    }
    assert stats.reply_rate == 5 / 7


def test_mean_over_under_counts_only_ended_calls() -> None:
    contacts = by_id(person(1, Stage.THANKED), person(2, Stage.SCHEDULED))
    running_call = Interview(id=3, contact_id=2, when="2026-11-23T10:00", call=call.start(START))
    interviews = by_id(
        timed(1, 1, 30, 34 * 60),  # 4 min over
        timed(2, 1, 20, 18 * 60 + 30),  # 1:30 under
        running_call,
    )
    stats = compute(contacts, interviews)
    assert stats.timed_calls == 2
    assert stats.mean_over_seconds == (240 - 90) / 2
    assert format_over(stats.mean_over_seconds) == "1:15 over"
    assert format_over(-125) == "2:05 under"
    assert format_over(0.4) == "on time"


def test_deepest_chain_names_the_people_along_it() -> None:
    # 1 -> 2 -> 3 -> 4 -> 5 (depth 4), and a shorter branch 1 -> 6 -> 7
    contacts = by_id(
        person(1),
        person(2, referred_by=1),
        person(3, referred_by=2),
        person(4, referred_by=3),
        person(5, referred_by=4),
        person(6, referred_by=1),
        person(7, referred_by=6),
        person(8),
    )
    stats = compute(contacts, {})
    assert stats.chain == ("P1", "P2", "P3", "P4", "P5")
    assert stats.chain_length == 4


def test_a_deep_chain_is_quick_and_a_loop_in_edited_data_is_cut() -> None:
    long = {1: person(1)} | {n: person(n, referred_by=n - 1) for n in range(2, 3001)}
    chain = deepest_chain(long)
    assert len(chain) == 3000 and chain[0] == "P1" and chain[-1] == "P3000"
    # A hand-edited file can hold a loop (1 -> 2 -> 1): it must not hang or crash.
    loop = {
        1: Contact(id=1, name="A", referred_by=2),
        2: Contact(id=2, name="B", referred_by=1),
    }
    assert len(deepest_chain(loop)) == 2


def test_sample_figures() -> None:
    notebook = Notebook(None, sample_clock())
    from infoview_tui.content.sample import populate

    populate(notebook)
    stats = compute(notebook.contacts, notebook.interviews)
    assert dict(stats.funnel) == {
        "to contact": 11,
        "reached out": 9,
        "replied": 6,
        "held": 3,
        "thanked": 2,
        "referrals gained": 3,
    }
    assert stats.mean_over_seconds == 100  # 34/30, 18/20, 33/30 minutes
    assert stats.chain == ("Maya Okafor", "Priya Raman", "Grace Liu")


# ----- the bar chart -------------------------------------------------------------------------


def test_bars_use_eighth_blocks_for_the_fraction() -> None:
    assert bar(10, 10, 8) == "█" * 8
    assert bar(5, 10, 8) == "█" * 4
    assert bar(1, 8, 1) == "▏"
    assert bar(3, 8, 1) == "▍"  # 3/8 of a cell
    assert bar(7, 8, 2) == "█▊"  # 14 eighths
    assert bar(0, 10, 8) == ""
    assert bar(1, 1000, 8) == "▏"  # above zero always shows
    assert bar(5, 0, 8) == ""


# ----- the screen ---------------------------------------------------------------------------


async def test_g_opens_stats_from_the_contacts_and_escape_goes_back(
    sample_db: Path, clock: FrozenClock
) -> None:
    async with running(sample_db, clock) as (app, pilot):
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        chart = widget_text(app, "#funnel-chart")
        assert "to contact" in chart and "referrals gained" in chart and "█" in chart
        shown = screen_text(app)
        assert "67%" in shown
        assert "1:40 over" in shown
        assert "Maya Okafor → Priya Raman → Grace Liu" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"


def test_stats_snapshot_120x40(snap_compare, tmp_path: Path) -> None:
    db = tmp_path / "notebook.json"
    write_sample(db, sample_clock())

    async def open_stats(pilot: Pilot[int]) -> None:
        await pilot.press("g")

    app = create_app(db, sample_clock(), cursor_blink=False, start_screen="contacts")
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_stats)
