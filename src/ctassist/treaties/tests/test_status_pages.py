"""Reading a depositary's whole status page: every shape, the header block, footnotes and the notes below."""

import datetime
from pathlib import Path

import pytest

from ctassist.core.importing import ImportRejected, html_text, markup_kind, read_text, xml_text
from ctassist.geo.names import normalize
from ctassist.treaties import untc

FIXTURES = Path(__file__).parent / "fixtures"
HOSTAGE_ROWS = [
    ("Afghanistan", [], None, datetime.date(2003, 9, 24), "accession"),
    ("Algeria", [], None, datetime.date(2000, 12, 18), "accession"),
    ("Austria", [], datetime.date(1980, 12, 3), datetime.date(1986, 8, 22), "ratification"),
    ("Bosnia and Herzegovina", ["1"], None, datetime.date(1993, 9, 1), "succession"),
    ("Canada", [], datetime.date(1980, 2, 18), datetime.date(1985, 12, 4), "ratification"),
    ("Chile", [], datetime.date(1980, 1, 3), datetime.date(1981, 11, 12), "ratification"),
    ("China", ["2", "3"], None, datetime.date(1993, 1, 26), "accession"),
    ("Germany", ["4"], datetime.date(1979, 12, 18), datetime.date(1980, 12, 15), "ratification"),
    ("Kenya", [], None, datetime.date(1981, 12, 8), "accession"),
    ("Netherlands (Kingdom of the)", ["5"], datetime.date(1980, 12, 18), datetime.date(1988, 12, 6), "ratification"),
    ("Türkiye", [], None, datetime.date(1989, 8, 15), "accession"),
    ("Venezuela (Bolivarian Republic of)", [], datetime.date(1979, 12, 18), None, ""),
]


def read(name):
    page = untc.read_status((FIXTURES / name).read_text(encoding="utf-8"))
    table = untc.parse_records(page.header, page.body)
    notes = untc.read_notes(page.sections, [r.name for r in table.rows], normalize)
    return page, table, notes


@pytest.mark.parametrize(("name", "shape"), [("hostages_page.txt", "lines"), ("hostages_page.tsv", "tsv")])
def test_the_hostages_page_as_text_and_as_tabs_reads_the_same(name, shape):
    page, table, notes = read(name)
    assert page.shape == shape and not table.errors
    assert [(r.name, r.footnotes, r.signature, r.consent, r.consent_kind) for r in table.rows] == HOSTAGE_ROWS
    assert page.facts == {
        "as_at": "2024-04-18",
        "entry_into_force": "3 June 1983, in accordance with article 18(1).",
        "registration": "3 June 1983, No. 21931.",
        "signatories": "39",
        "parties": "176",
    }
    assert notes.endnotes["4"] == "The German Democratic Republic had acceded to the Convention on 2 Oct 1990."
    assert set(notes.endnotes) == {"1", "2", "3", "4", "5"}
    [algeria] = notes.by_name["Algeria"]
    assert (algeria.section, algeria.kind) == ("declarations", "reservation")
    assert algeria.text.startswith("The Government of Algeria does not consider itself bound by article 16")
    assert [(s.kind, s.section) for s in notes.by_name["Türkiye"]] == [("declaration", "declarations")]
    [objection] = notes.by_name["Germany"]
    assert objection.kind == "objection" and objection.text.splitlines() == [
        "Germany objects to the declaration made by Türkiye upon accession.",
        "The objection does not preclude the entry into force of the Convention between the two States.",
    ]
    [territory] = notes.by_name["Netherlands (Kingdom of the)"]
    assert (territory.section, territory.text) == ("territorial", "6 Dec 1988 Aruba")
    # The notes' own preamble and the territorial table's header are not anybody's notes.
    assert "Participant" not in notes.by_name and all("(Unless" not in s.text for v in notes.by_name.values() for s in v)


def test_one_cell_per_line_with_the_consent_header_split_over_lines():
    text = "\n".join(
        [
            "Participant", "Signature", "Ratification,", "Acceptance(A),", "Approval(AA), Accession(a),",
            "Succession(d)", "Austria", "15 Sep 2005", "14 Sep 2006", "Kenya", "", "15 Sep 2005", "France 3",
            "1 Dec 2006 AA", "Mexico", "27 Jun 2006 a 2",
        ]
    )  # fmt: skip
    page = untc.read_status(text)
    assert page.header == [
        "Participant", "Signature", "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"
    ]  # fmt: skip
    table = untc.parse_records(page.header, page.body)
    assert not table.errors
    assert [(r.line, r.name, r.signature, r.consent, r.consent_kind, r.footnotes) for r in table.rows] == [
        (7, "Austria", datetime.date(2005, 9, 15), datetime.date(2006, 9, 14), "ratification", []),
        # a date alone without a letter is a signature: a ratification follows a signature
        (10, "Kenya", datetime.date(2005, 9, 15), None, "", []),
        (13, "France", None, datetime.date(2006, 12, 1), "approval", ["3"]),
        (15, "Mexico", None, datetime.date(2006, 6, 27), "accession", ["2"]),
    ]


def test_the_page_text_with_a_bad_date_names_its_line():
    page = untc.read_status("Participant\nSignature\nRatification, Accession(a)\nKenya\n31 Feb 2002 a\nChad\n1 Jan 2001\n")
    table = untc.parse_records(page.header, page.body)
    assert [str(e) for e in table.errors] == [
        "line 4, column “Ratification, Accession(a)”: “31 Feb 2002 a” is not a real calendar date"
    ]
    assert [r.name for r in table.rows] == ["Chad"]


def test_the_saved_html_page():
    page, table, notes = read("bombings_page.html")
    assert not table.errors
    assert [(r.name, r.consent_kind) for r in table.rows] == [
        ("Albania", "accession"), ("Belgium", "ratification"), ("Côte d'Ivoire", "ratification"),
        ("France", "approval"), ("Pakistan", "accession"), ("Sweden", "ratification"),
    ]  # fmt: skip
    assert table.rows[1].footnotes == ["1"]
    assert page.facts["as_at"] == "2024-04-18" and page.facts["signatories"] == "58" and page.facts["parties"] == "6"
    assert page.facts["registration"] == "23 May 2001, No. 37517."
    assert [s.kind for s in notes.by_name["Pakistan"]] == ["declaration"]
    assert [s.kind for s in notes.by_name["Sweden"]] == ["objection"]
    # the page footer is not part of the last note; the layout and the script are not read as rows
    assert notes.endnotes == {"1": "With a declaration that the Convention applies to the Kingdom of Belgium as a whole."}


def test_the_status_xml():
    page, table, notes = read("financing_status.xml")
    assert not table.errors
    assert [(r.name, r.footnotes, r.consent_kind) for r in table.rows] == [
        ("Kenya", [], "accession"), ("Peru", [], "ratification"), ("Türkiye", ["1"], "ratification"),
        ("Côte d'Ivoire", [], "approval"),
    ]  # fmt: skip
    assert page.facts == {
        "as_at": "2024-01-02", "entry_into_force": "10 April 2002, in accordance with article 26(1).",
        "registration": "10 April 2002, No. 38349.", "signatories": "2", "parties": "4",
    }  # fmt: skip
    assert notes.endnotes == {"1": "With a declaration under article 2, paragraph 2 (a)."}


def test_aligned_columns_and_csv_keep_the_header_block():
    page, table, _notes = read("nuclear_terrorism_aligned.txt")
    assert page.shape == "aligned" and not table.errors
    assert [(r.name, r.signature is not None, r.consent is not None) for r in table.rows] == [
        ("Austria", True, True), ("India", True, True), ("Kenya", True, False), ("Mexico", True, True)
    ]  # fmt: skip
    assert page.facts["signatories"] == "115"
    page, table, _notes = read("protected_persons.csv")
    assert page.shape == "csv" and [r.name for r in table.rows] == ["Algeria", "Argentina", "Denmark"]
    assert page.facts == {"as_at": "2024-04-18", "signatories": "25", "parties": "3"}


@pytest.mark.parametrize(
    ("raw", "name", "notes"),
    [("China 3, 4", "China", ["3", "4"]), ("Bahrain3,4", "Bahrain", ["3", "4"]), ("Belgium ⁵", "Belgium", ["5"]),
     ("Chile*", "Chile", []), ("Türkiye", "Türkiye", [])],
)  # fmt: skip
def test_footnote_numbers_are_split_off_names(raw, name, notes):
    assert untc.split_name(raw) == (name, notes)


def test_footnote_numbers_after_a_date():
    assert untc.parse_date_notes("10 Nov 2001 a 5") == (datetime.date(2001, 11, 10), "a", ["5"])
    assert untc.parse_date_notes("3 Jun 1983 2, 3") == (datetime.date(1983, 6, 3), "", ["2", "3"])


def test_markup_is_recognised_and_dangerous_xml_refused():
    assert markup_kind("<!DOCTYPE html><html>") == "html" and markup_kind("<?xml version='1.0'?><a/>") == "xml"
    assert markup_kind("Participant\tSignature") == ""
    bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbb">]><a>&b;&b;</a>'
    with pytest.raises(ImportRejected, match="entities"):
        xml_text(bomb)
    with pytest.raises(ImportRejected, match="cannot be read"):
        xml_text("<?xml version='1.0'?><a><b></a>")


def test_html_tables_for_every_importer():
    page = "<html><body><table><tr><td>Menu</td></tr></table><table><tr><th>Name</th><th>Ratification</th></tr>"
    page += "<tr><td>Kenya</td><td>2003-06-27 a</td></tr><tr><td>Peru</td><td>2001-11-10</td></tr></table></body></html>"
    table = read_text(page)
    assert table.format == "html" and table.header == ["Name", "Ratification"]
    assert [r.cells for r in table.rows] == [["Kenya", "2003-06-27 a"], ["Peru", "2001-11-10"]]
    assert "Kenya\t2003-06-27 a" in html_text(page)
