"""No bytes make the vCard reader fail with anything but FormatError: arbitrary bytes, real
exports cut short anywhere, real exports with bytes changed, and vCard-shaped junk."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_tui.formats import vcard
from infoview_tui.formats.plan import FormatError, ImportPlan

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted((FIXTURES / "real").glob("*.vcf")) + sorted(FIXTURES.glob("*.vcf"))
REAL = [path.read_bytes() for path in FILES]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SYNTAX = (
    *(b"\r\n", b"\n ", b"=", b":", b";", b'"', b"\\", b"=\r\n", b"\r\n\r\n", b"\x00"),
    *(b"BEGIN:VCARD\r\n", b"END:VCARD\r\n", b";CHARSET=utf-16", b";CHARSET=base64"),
    *(b";ENCODING=QUOTED-PRINTABLE", b";ENCODING=b", b"\xff\xfe", b"\xc3"),
)
"""Pieces of vCard syntax (and of encodings) to insert into real files."""
NAMES = (
    *("FN", "N", "EMAIL", "TEL", "ORG", "ADR", "URL", "NOTE", "CATEGORIES", "X-FOO"),
    *("X-INFOVIEW-STAGE", "X-INFOVIEW-REFERRED-BY", "X-ABLabel", "BDAY", "KEY"),
)
PARAMS = (
    *("", ";PREF", ";TYPE=pref", ";PREF=99999999999999", ";CHARSET=x-nope"),
    *(";ENCODING=QUOTED-PRINTABLE", ";ENCODING=b", ';TYPE="a:b"', ";=", ";;"),
)


def read_or_refuse(data: bytes) -> ImportPlan | None:
    """The plan, or None for a FormatError; any other exception fails the test."""
    try:
        plan = vcard.read(data, "fuzz")
    except FormatError as exc:
        assert str(exc)
        return None
    assert isinstance(plan, ImportPlan)
    for problem in plan.problems:
        assert problem.where.startswith("card ") and problem.reason
    return plan


def test_fixtures_are_found() -> None:
    assert len(REAL) >= 10


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    read_or_refuse(data)


@FUZZ
@given(st.sampled_from(REAL), st.data())
def test_real_files_cut_short_anywhere(data: bytes, draw: st.DataObject) -> None:
    cut = draw.draw(st.integers(0, len(data)))
    read_or_refuse(data[:cut])


@FUZZ
@given(
    st.sampled_from(REAL),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=12),
)
def test_real_files_with_bytes_changed(data: bytes, changes: list[tuple[float, int]]) -> None:
    mutated = bytearray(data)
    for where, byte in changes:
        mutated[int(where * len(mutated))] = byte
    read_or_refuse(bytes(mutated))


@FUZZ
@given(
    st.sampled_from(REAL),
    st.lists(
        st.tuples(
            st.floats(0, 1, exclude_max=True),
            st.sampled_from(SYNTAX),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_real_files_with_vcard_syntax_inserted(
    data: bytes, inserts: list[tuple[float, bytes]]
) -> None:
    mutated = data
    for where, piece in inserts:
        at = int(where * len(mutated))
        mutated = mutated[:at] + piece + mutated[at:]
    read_or_refuse(mutated)


LINE = st.one_of(
    st.sampled_from(
        [
            "BEGIN:VCARD",
            "END:VCARD",
            "VERSION:2.1",
            "VERSION:4.0",
            "PROFILE:VCard",
            "AGENT:",
            "PHOTO;ENCODING=BASE64;JPEG:",
            "    /9j/4AAQ",
            "",
            " folded",
        ]
    ),
    st.builds(
        lambda group, name, params, value: f"{group}{name}{params}:{value}",
        st.sampled_from(["", "item1.", "x."]),
        st.sampled_from(NAMES),
        st.sampled_from(PARAMS),
        st.text(max_size=40),
    ),
)


@FUZZ
@given(st.lists(LINE, max_size=30), st.sampled_from(["\r\n", "\n", "\r"]))
def test_vcard_shaped_junk(lines: list[str], end: str) -> None:
    data = end.join(["BEGIN:VCARD", *lines, "END:VCARD"]).encode("utf-8", "surrogatepass")
    plan = read_or_refuse(data)
    assert plan is not None  # it has a card: never refused whole
