"""Property tests: any Unicode name, organisation and notes survive CSV and vCard round trips."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_tui.content.sample import sample_clock
from infoview_tui.formats import apply_import, csvfile, export, vcard
from infoview_tui.formats.common import one_line, without_controls
from infoview_tui.formats.plan import CONTACT_FIELDS
from infoview_tui.model import Contact
from infoview_tui.notebook import Notebook

ANY_CHAR = st.characters(exclude_categories=("Cs",))  # every code point UTF-8 can carry
AWKWARD = st.sampled_from(list(",;:\\\"'\n\r\t =é李😀\u2028\x85\x00"))
ONE_LINE = st.text(
    alphabet=st.one_of(ANY_CHAR, AWKWARD).filter(lambda ch: ch not in "\r\n"), max_size=40
)
NAME = ONE_LINE.filter(lambda text: text.strip())
TEXT = st.text(alphabet=st.one_of(ANY_CHAR, AWKWARD), max_size=300)

PEOPLE = st.lists(
    st.fixed_dictionaries(
        {
            "name": NAME,
            "organization": ONE_LINE,
            "role": ONE_LINE,
            "notes": TEXT,
            "research_notes": TEXT,
        }
    ),
    min_size=1,
    max_size=3,
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def notebook_of(people: list[dict[str, str]]) -> Notebook:
    notebook = Notebook(None, sample_clock())
    for n, person in enumerate(people):
        # a distinct name each, so no two of them are taken for the same person on import
        notebook.add_contact(**{**person, "name": f"{person['name']} #{n}"})
    return notebook


def fields(contact: Contact) -> dict[str, object]:
    return {name: getattr(contact, name) for name in CONTACT_FIELDS}


@SETTINGS
@given(PEOPLE)
def test_csv_round_trip(people: list[dict[str, str]]) -> None:
    notebook = notebook_of(people)
    out = io.BytesIO()
    export(notebook, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    assert len(rows) == len(notebook.contacts)
    for row, contact in zip(rows, notebook.contacts.values(), strict=True):
        assert int(row["id"]) == contact.id
        for key in ("name", "organization", "role", "notes", "research_notes"):
            value = getattr(contact, key)
            # only a text a spreadsheet could run as a formula (leading quotes aside) gets
            # a ' in front
            assert row[key] == value or (
                row[key] == "'" + value
                and value.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r")
            )


@SETTINGS
@given(PEOPLE)
def test_vcard_round_trip(people: list[dict[str, str]]) -> None:
    notebook = notebook_of(people)
    out = io.BytesIO()
    export(notebook, "vcard", out)
    copy = Notebook(None, sample_clock())
    summary = apply_import(copy, vcard.read(out.getvalue(), "memory"))
    assert summary.added == len(notebook.contacts)
    expected = [fields(c) for c in notebook.contacts.values()]
    for item in expected:
        # vCard has no bare CR: line ends come back as \n; an import takes control
        # characters out (they could drive the terminal) and one-line fields stay one line
        item["notes"] = without_controls(str(item["notes"]))
        item["research_notes"] = without_controls(str(item["research_notes"]))
        for key in ("name", "organization", "role"):
            item[key] = one_line(str(item[key]))
    assert [fields(c) for c in copy.contacts.values()] == expected


@SETTINGS
@given(PEOPLE)
def test_infoviews_own_csv_imports_back(people: list[dict[str, str]]) -> None:
    """``infoview export --format csv`` then ``infoview import`` gives the same contacts."""
    notebook = notebook_of(people)
    out = io.BytesIO()
    export(notebook, "csv", out)
    plan = csvfile.read(out.getvalue(), "memory")
    assert plan.fmt == "infoview"
    copy = Notebook(None, sample_clock())
    summary = apply_import(copy, plan)
    assert summary.added == len(notebook.contacts)
    expected = [fields(c) for c in notebook.contacts.values()]
    for item in expected:  # what any import cleans (see test_vcard_round_trip)
        item["notes"] = without_controls(str(item["notes"]))
        item["research_notes"] = without_controls(str(item["research_notes"]))
        for key in ("name", "organization", "role"):
            item[key] = one_line(str(item[key]))
    assert [fields(c) for c in copy.contacts.values()] == expected
