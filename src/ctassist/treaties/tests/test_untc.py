"""Reading participant tables in the shapes the UN Treaty Collection prints."""

import contextlib
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctassist.treaties import untc

HEADER = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"


@pytest.mark.parametrize(
    ("cell", "expected", "marker"),
    [
        ("14 Dec 1973", datetime.date(1973, 12, 14), ""),
        (" 8 Nov 2001 a", datetime.date(2001, 11, 8), "a"),
        ("15 Jun 2000 A", datetime.date(2000, 6, 15), "A"),
        ("3 Mar 2005 AA", datetime.date(2005, 3, 3), "AA"),
        ("1 Sep 1993 d", datetime.date(1993, 9, 1), "d"),
        ("1 Sep 1993 s", datetime.date(1993, 9, 1), "s"),
        ("14 December 1973", datetime.date(1973, 12, 14), ""),
        ("14 Sept 2010", datetime.date(2010, 9, 14), ""),
        ("1973-12-14", datetime.date(1973, 12, 14), ""),
        ("2002-09-19 a", datetime.date(2002, 9, 19), "a"),
        ("24\u00a0Sep\u00a02003\u00a0a", datetime.date(2003, 9, 24), "a"),
    ],
)
def test_every_date_and_marker_form(cell, expected, marker):
    assert untc.parse_date(cell) == (expected, marker)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("31 Feb 2001", "not a real calendar date"),
        ("12 Foo 2001", "unknown month"),
        ("2001", "is not a date"),
        ("14 Dec 1973 x", "is not a date"),
        ("14/12/1973", "is not a date"),
    ],
)
def test_bad_dates_say_why(cell, message):
    with pytest.raises(ValueError, match=message):
        untc.parse_date(cell)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Albania 2", "Albania"),
        ("Bahrain3,4", "Bahrain"),
        ("Belgium ⁵", "Belgium"),
        ("Chile*", "Chile"),
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("Türkiye 12", "Türkiye"),
    ],
)
def test_footnote_markers_are_dropped_from_names(raw, clean):
    assert untc.clean_name(raw) == clean


def test_pasted_table_with_tabs_and_text_around_it():
    text = "\n".join(
        [
            "18. International Convention for the Suppression of the Financing of Terrorism",
            "Status as at: 22-11-2026",
            HEADER + " 1",
            "Afghanistan\t\t24 Sep 2003 a",
            "Albania 2\t10 Dec 2001\t10 Apr 2002",
            "Austria\t24 Sep 2001\t15 Apr 2002 A",
            "",
            "Bosnia and Herzegovina\t\t10 Jun 2003 d",
        ]
    )
    table = untc.parse_table(text)
    assert not table.errors
    assert [(r.line, r.name, r.consent_kind) for r in table.rows] == [
        (4, "Afghanistan", "accession"),
        (5, "Albania", "ratification"),
        (6, "Austria", "acceptance"),
        (8, "Bosnia and Herzegovina", "succession"),
    ]
    assert table.rows[1].signature == datetime.date(2001, 12, 10)


def test_space_aligned_text_keeps_cells_in_their_columns():
    text = (
        "Participant              Signature        Ratification, Acceptance(A), Approval(AA), Accession(a)\n"
        "Afghanistan                                24 Sep 2003 a\n"
        "Saint Kitts and Nevis    12 Nov 2001       16 Nov 2001\n"
        "Andorra                  11 Nov 2001\n"
    )
    table = untc.parse_table(text)
    assert not table.errors
    afg, kna, andorra = table.rows
    assert afg.signature is None and afg.consent == datetime.date(2003, 9, 24)
    assert kna.signature == datetime.date(2001, 11, 12) and kna.consent == datetime.date(2001, 11, 16)
    assert andorra.signature == datetime.date(2001, 11, 11) and andorra.consent is None


def test_csv_with_the_pages_columns():
    text = (
        'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"\n'
        "Algeria,18 Jan 2000,8 Nov 2001\n"
        '"Bolivia (Plurinational State of) 3",,7 Jan 2002 a\n'
    )
    table = untc.parse_table(text)
    assert not table.errors
    assert table.rows[1].name.startswith("Bolivia") and table.rows[1].consent_kind == "accession"


def test_csv_with_iso_dates_and_a_kind_column():
    text = (
        "Code,Name,Signature,Ratification-Acceptance-Accession-Approval-Succession,Kind\n"
        "AFG,Afghanistan,1992-06-12,2002-09-19,Ratification\nALB,Albania,,1994-10-03,Accession\n"
        "AUT,Austria,,1994-02-28,Approval\n"
    )
    table = untc.parse_table(text)
    assert not table.errors
    assert [(r.code, r.consent_kind) for r in table.rows] == [
        ("AFG", "ratification"),
        ("ALB", "accession"),
        ("AUT", "approval"),
    ]


def test_bad_lines_are_reported_with_their_numbers():
    text = "\n".join(
        [
            HEADER,
            "Afghanistan\t\t24 Sep 2003 a",
            "Albania\t\t31 Feb 2002",
            "Algeria\t18 Jan 2000\t8 Nov 1999",
            "\t\t8 Nov 1999",
            "Andorra",
            "Austria\t\t15 Apr 2002\t3 Jan 2005\tsurplus",
            "Afghanistan\t\t1 Jan 2004",
        ]
    )
    table = untc.parse_table(text)
    messages = [str(e) for e in table.errors]
    assert any(m.startswith("line 3, column “Ratification") and "calendar date" in m for m in messages)
    assert any(m.startswith("line 4") and "signature is dated after" in m for m in messages)
    assert any(m.startswith("line 5") and "name is missing" in m for m in messages)
    assert any(m.startswith("line 6") and "no date" in m for m in messages)
    assert any(m.startswith("line 7") and "cells where the header has" in m for m in messages)
    assert any(m.startswith("line 8") and "listed twice (first on line 2)" in m for m in messages)
    assert [r.name for r in table.rows] == ["Afghanistan"]


def test_kind_column_must_agree_with_the_marker():
    text = "Name,Ratification,Kind\nAlbania,1994-10-03 a,Ratification\nChad,1994-10-03,Succession (d)\n"
    table = untc.parse_table(text)
    assert [str(e) for e in table.errors] == [
        "line 2, column “Kind”: “Ratification” contradicts the marker after the date"
    ]
    assert table.rows[0].consent_kind == "succession"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n  ", "empty"),
        ("abc\x00def", "binary"),
        ("just some prose\nno table", "no header"),
        ("Participant\tNotes\nChad\tx", "no “Signature”"),
        (HEADER + "\n\n", "no participant rows"),
    ],
)
def test_unreadable_tables_raise_a_clear_error(text, message):
    with pytest.raises(untc.TableError, match=message):
        untc.parse_table(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_no_text_crashes_the_reader(text):
    with contextlib.suppress(untc.TableError):
        untc.parse_table(HEADER + "\n" + text)
