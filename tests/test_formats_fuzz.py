"""No bytes end infoview with anything but a clear message: the CSV importers (every layout,
detected or forced), the JSON backup reader, the import front door that detects the kind of
file, and ``infoview check``, fed arbitrary bytes, real exports cut short, and real exports
with bytes changed. (The vCard reader has its own: test_formats_fuzz_vcard.py.)"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_tui.check import check_file
from infoview_tui.content.sample import sample_clock, write_sample
from infoview_tui.formats import CSV_FORMATS, IMPORT_FORMATS, csvfile, read_import
from infoview_tui.formats.plan import FormatError, ImportFailed, ImportPlan
from infoview_tui.store import NotebookFileError

from .helpers import run_bench

FIXTURES = Path(__file__).parent / "fixtures"
CSVS = [
    p.read_bytes() for p in [*sorted((FIXTURES / "real").glob("*.csv")), *FIXTURES.glob("*.csv")]
]
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CSV_SYNTAX = (
    b",",
    b";",
    b"\t",
    b'"',
    b'""',
    b"\r\n",
    b"\n",
    b"\r",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"=+@-",
)


def _sample_json() -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notebook.json"
        write_sample(path, sample_clock())
        return path.read_bytes()


NOTEBOOK = _sample_json()


def read_csv(data: bytes, fmt: str | None) -> None:
    try:
        plan = csvfile.read(data, "fuzz", fmt)
    except FormatError as exc:
        assert str(exc)
        return
    assert isinstance(plan, ImportPlan)
    for problem in plan.problems:
        assert problem.where.startswith("line ") and problem.reason


def mutate(data: bytes, draw: st.DataObject, pieces: tuple[bytes, ...]) -> bytes:
    for _ in range(draw.draw(st.integers(1, 6))):
        at = draw.draw(st.integers(0, len(data)))
        how = draw.draw(st.sampled_from(["insert", "replace", "delete"]))
        piece = draw.draw(st.one_of(st.sampled_from(pieces), st.binary(min_size=1, max_size=4)))
        if how == "insert":
            data = data[:at] + piece + data[at:]
        elif how == "replace":
            data = data[:at] + piece + data[at + len(piece) :]
        else:
            data = data[:at] + data[at + draw.draw(st.integers(1, 20)) :]
    return data


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([None, *CSV_FORMATS]))
def test_csv_arbitrary_bytes(data: bytes, fmt: str | None) -> None:
    read_csv(data, fmt)


@FUZZ
@given(st.sampled_from(CSVS), st.data(), st.sampled_from([None, *CSV_FORMATS]))
def test_csv_real_files_cut_short(data: bytes, draw: st.DataObject, fmt: str | None) -> None:
    read_csv(data[: draw.draw(st.integers(0, len(data)))], fmt)


@FUZZ
@given(st.sampled_from(CSVS), st.data())
def test_csv_real_files_with_bytes_changed(data: bytes, draw: st.DataObject) -> None:
    read_csv(mutate(data, draw, CSV_SYNTAX), None)


@FUZZ
@given(
    st.lists(
        st.lists(st.text(max_size=12), max_size=10).map(lambda cells: ",".join(cells)),
        max_size=8,
    ),
    st.sampled_from(
        [
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            "Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value,Group Membership",
            "First Name,Last Name,E-mail Address,Job Title,Company,Business Phone,Notes",
            "First Name,Last Name,Display Name,Primary Email,Notes",
        ]
    ),
)
def test_csv_rows_of_any_text_under_a_known_header(rows: list[str], header: str) -> None:
    read_csv("\r\n".join([header, *rows]).encode("utf-8", "surrogatepass"), None)


@FUZZ
@given(st.data(), st.sampled_from([None, *IMPORT_FORMATS]))
def test_the_import_front_door_on_any_file(
    tmp_path_factory: object, draw: st.DataObject, fmt: str | None
) -> None:
    source = draw.draw(st.sampled_from([*CSVS, NOTEBOOK, b""]))
    data = mutate(source, draw, (*CSV_SYNTAX, b"{", b"}", b"[", b"BEGIN:VCARD\r\n"))
    folder = Path(str(tmp_path_factory.mktemp("in")))  # type: ignore[attr-defined]
    path = folder / draw.draw(st.sampled_from(["x.csv", "x.vcf", "x.json", "x.txt"]))
    path.write_bytes(data)
    try:
        read_import(path, fmt)
    except ImportFailed as exc:
        assert str(exc)


@FUZZ
@given(st.data())
def test_check_on_any_notebook_file(tmp_path_factory: object, draw: st.DataObject) -> None:
    data = draw.draw(
        st.one_of(
            st.binary(max_size=500),
            st.just(NOTEBOOK).map(lambda d: d[: draw.draw(st.integers(0, len(d)))]),
            st.just(NOTEBOOK).map(
                lambda d: mutate(
                    d,
                    draw,
                    (
                        b"{",
                        b"}",
                        b'"',
                        b",",
                        b"null",
                        b"[]",
                        b"0",
                        b"-1",
                        b"\\u0000",
                        b"9999-12-31",
                    ),
                )
            ),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3)
                ),
                max_leaves=10,
            ).map(lambda value: json.dumps(value).encode()),
        )
    )
    folder = Path(str(tmp_path_factory.mktemp("db")))  # type: ignore[attr-defined]
    path = folder / "notebook.json"
    path.write_bytes(data)
    try:
        assert check_file(path).startswith(f"{path}: OK")
    except NotebookFileError as exc:
        assert exc.reason


def test_the_import_benchmark_runs(tmp_path: Path) -> None:
    """bench/import_bench.py on a small file (the figures themselves are not asserted)."""
    args = ("--rows", "300", "--cards", "40", "--runs", "1")
    result = run_bench(tmp_path, "import_bench.py", *args)
    assert result.returncode == 0, result.stderr
    assert "40 vCards with photos" in result.stdout
    assert "in the app" in result.stdout
