"""Parser behaviour on invented documents (tests/documents/) for shapes the corpus lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctassist.mandates.parser import Resolution, parse_file, parse_text
from ctassist.mandates.parser.citations import find_citations
from ctassist.mandates.parser.text import extract_markers, heuristic_lead, lead_and_verb, normalise, verb_of

DOCS = Path(__file__).resolve().parent / "documents"


@pytest.fixture(scope="module")
def ods() -> Resolution:
    return parse_file(DOCS / "A_RES_99_901.txt")


@pytest.fixture(scope="module")
def markdown() -> Resolution:
    return parse_file(DOCS / "A_RES_100_902.md")


def test_ods_header_and_title_broken_across_lines(ods: Resolution) -> None:
    assert ods.symbol == "A/RES/99/901"
    assert ods.body == "GA"
    assert ods.title == (
        "Fictional measures to test the parser: sub-paragraphs, annexes and footnotes glued to words"
    )
    assert ods.adopted_on.isoformat() == "2044-12-14"
    # Session and agenda item only appear in the print residue after the body.
    assert (ods.session, ods.agenda_item) == ("ninety-ninth", "77 (b)")
    assert ods.committee_report == "A/99/512"
    assert ods.meeting == "92nd plenary meeting"


def test_ods_preamble_verbs_including_adjectives(ods: Resolution) -> None:
    assert [p.verb for p in ods.preamble] == ["recalling", "noting", "mindful", "concerned"]
    assert ods.preamble[3].lead == "Deeply concerned"


def test_glued_footnote_numbers_are_removed_and_recorded(ods: Resolution) -> None:
    noting, mindful = ods.preamble[1], ods.preamble[2]
    assert "Coastal Safety, adopted" in noting.text and noting.footnotes == [1]
    assert mindful.text.endswith("initiative,") and mindful.footnotes == [2]
    assert "G20" in mindful.text  # an acronym with digits is not a footnote marker
    assert ods.operative[2].text.startswith("Invites Member States to support the Strategy, including")
    assert ods.operative[2].footnotes == [3]
    assert [(f.number, f.text) for f in ods.footnotes] == [
        (1, "Resolution 96/17, annex."), (2, "A/99/330."), (3, "Resolution 95/288."),
    ]


def test_lettered_subparagraphs_with_nested_roman_items(ods: Resolution) -> None:
    op2 = ods.operative[1]
    assert op2.number == 2
    assert [s.label for s in op2.subparagraphs] == ["(a)", "(b)", "(c)"]
    assert op2.subparagraphs[1].text == (
        "Organize training courses, upon request, for: (i) Coastguard and border officials; "
        "(ii) Prosecutors and judges;"
    )
    assert op2.text.endswith("Criminal Justice at its hundredth session;")
    assert [p.number for p in ods.operative] == [1, 2, 3, 4]


def test_annex_is_neither_preamble_nor_operative(ods: Resolution) -> None:
    assert len(ods.annexes) == 1
    annex = ods.annexes[0]
    assert annex.title == "Programme of Action on Coastal Safety"
    assert annex.text.split("\n\n") == [
        "1. States will keep their lighthouses lit at all times.",
        "2. States will share good practices on fog warnings.",
    ]
    assert all("fog warnings" not in p.text for p in ods.paragraphs)


def test_ods_citations(ods: Resolution) -> None:
    assert ods.citations == ["A/RES/97/310", "S/RES/9876 (2043)", "A/RES/96/17", "A/99/330", "A/RES/95/288"]


def test_markdown_document(markdown: Resolution) -> None:
    m = markdown
    # Adopted without reference to a Main Committee: A/100/L.77 is the draft, not a committee report.
    assert (m.symbol, m.session, m.agenda_item, m.committee_report, m.draft_symbol) == (
        "A/RES/100/902", "hundredth", "12", None, "A/100/L.77",
    )
    assert m.title == "Fictional resolution on the safety of imaginary lighthouses and their keepers"
    assert [p.lead for p in m.preamble] == ["Recalling", "Recalling also", "Welcoming"]
    # A preambular paragraph broken over two lines in the source is one paragraph.
    assert m.preamble[2].text.endswith("Lighthouse Association to the work of the Organization,")


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral(markdown: Resolution) -> None:
    labels = [s.label for s in markdown.operative[1].subparagraphs]
    assert labels == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)"]


def test_list_that_starts_with_roman_numerals(markdown: Resolution) -> None:
    assert [s.label for s in markdown.operative[3].subparagraphs] == ["(i)", "(ii)"]


def test_paragraph_split_by_footnote_is_rejoined(markdown: Resolution) -> None:
    op3 = markdown.operative[2]
    assert "technical assistance to that end to requesting States, taking into account" in op3.text
    assert op3.footnotes == [3]
    assert len(markdown.operative) == 5


def test_several_annexes(markdown: Resolution) -> None:
    assert [a.title for a in markdown.annexes] == ["Declaration on Lighthouses", "Plan of action"]
    assert markdown.annexes[0].text.count("\n\n") == 1


def test_markdown_citations_use_body_context(markdown: Resolution) -> None:
    assert markdown.citations == [
        "A/RES/98/11", "A/RES/99/901", "A/HRC/RES/88/12", "A/CONF.999/5", "S/RES/9876 (2043)",
    ]


def test_security_council_resolution() -> None:
    res = parse_file(DOCS / "S_RES_9901_2099.txt")
    assert (res.symbol, res.body, res.title) == ("S/RES/9901 (2099)", "SC", None)
    assert res.adopted_on.isoformat() == "2099-03-02"
    assert res.meeting == "99999th meeting"
    assert [p.verb for p in res.preamble] == ["reaffirming", "acting"]
    assert [p.verb for p in res.operative] == ["decides", "decides"]


def test_ecosoc_resolution_with_own_paragraphs_and_titled_draft() -> None:
    res = parse_file(DOCS / "E_RES_2098_41.txt")
    assert (res.symbol, res.body, res.session, res.agenda_item) == (
        "E/RES/2098/41", "ECOSOC", "2098", "18 (b)",
    )
    assert [p.number for p in res.operative] == [1, 2]
    assert res.operative[1].text.endswith("the following draft resolution:")
    assert res.draft is not None
    assert res.draft.body == "GA"
    assert res.draft.title == "Fictional cooperation on lighthouse security"
    assert [p.lead for p in res.draft.preamble] == ["Noting with concern"]
    assert [p.verb for p in res.draft.operative] == ["urges", "requests"]
    assert res.to_dict()["draft"]["symbol"] is None


def test_to_dict_has_exactly_the_documented_keys(ods: Resolution) -> None:
    d = ods.to_dict()
    assert list(d) == [
        "symbol", "body", "title", "adopted_on", "session", "agenda_item", "committee_report", "draft_symbol",
        "meeting", "preamble", "operative", "footnotes", "annexes", "draft", "citations",
    ]
    assert set(d["preamble"][0]) == {"verb", "lead", "text", "footnotes"}
    assert set(d["operative"][0]) == {"number", "verb", "lead", "text", "subparagraphs", "footnotes", "heading"}
    assert set(d["operative"][1]["subparagraphs"][0]) == {"label", "text"}
    assert set(d["footnotes"][0]) == {"number", "text"}
    assert set(d["annexes"][0]) == {"title", "text"}


# --- text helpers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead", "verb"),
    [
        ("Expresses its appreciation to Member States", "Expresses its appreciation", "expresses"),
        ("Taking note of the report", "Taking note", "taking"),
        ("Takes note with appreciation of the work", "Takes note with appreciation", "takes"),
        ("Also calls upon the Office", "Also calls upon", "calls"),
        ("Once again urges States", "Once again urges", "urges"),
        ("Noting, in this regard, the need", "Noting", "noting"),
        ("Recalling further that", "Recalling further", "recalling"),
        ("Bearing in mind the Charter", "Bearing in mind", "bearing"),
        ("Strongly condemns all acts", "Strongly condemns", "condemns"),
    ],
)
def test_heuristic_lead(text: str, lead: str, verb: str) -> None:
    assert heuristic_lead(text) == lead
    assert verb_of(lead) == verb


def test_italic_lead_wins_over_heuristic() -> None:
    raw, clean = "*Expresses its deep gratitude* to donors", "Expresses its deep gratitude to donors"
    assert lead_and_verb(raw, clean) == (
        "Expresses its deep gratitude", "expresses",
    )


def test_glued_markdown_blocks_are_split() -> None:
    text = normalise("justice**Resolution adopted***[on the report]***1/2. Title***The General Assembly,**"
                     "Recalling* a,¹*Noting* b,")
    lines = [ln.strip("*") for ln in text.split("\n")]
    assert "The General Assembly," in lines
    assert any(ln.startswith("Recalling* a,¹") for ln in lines)
    assert any(ln.startswith("Noting* b,") for ln in lines)


def test_plain_markers_only_for_known_footnotes() -> None:
    assert extract_markers("the Strategy;1 and", frozenset({1})) == ("the Strategy; and", [1])
    assert extract_markers("the Strategy;1 and", frozenset()) == ("the Strategy;1 and", [])
    assert extract_markers("a G20 meeting", frozenset({20})) == ("a G20 meeting", [])
    assert extract_markers("rate of 1.5 per cent", frozenset({5})) == ("rate of 1.5 per cent", [])
    assert extract_markers("April 2015,3 and", frozenset({3})) == ("April 2015, and", [3])
    assert extract_markers("Rules),¹⁰ and", frozenset()) == ("Rules), and", [10])


def test_bare_citations() -> None:
    text = ("General Assembly resolutions 70/148 and 71/209; Security Council resolution 2178 (2014); "
            "Economic and Social Council decision 2015/245; Human Rights Council resolution 35/34; "
            "see A/74/400 and E/CN.15/2019/5.")
    assert find_citations(text) == [
        "A/RES/70/148", "A/RES/71/209", "S/RES/2178 (2014)", "E/DEC/2015/245", "A/HRC/RES/35/34",
        "A/74/400", "E/CN.15/2019/5",
    ]


def test_parse_text_accepts_a_string_with_windows_newlines() -> None:
    raw = (DOCS / "S_RES_9901_2099.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    res = parse_text(raw, source="pasted")
    assert res.source == "pasted" and len(res.operative) == 2
