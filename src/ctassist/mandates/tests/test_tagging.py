"""Theme and addressee tagger: specific cases, and scores against the hand-labelled corpus set.

Floors are set just below what the tagger achieves (see bench/bench_tagging.py):
operative paragraphs (in-sample: the rules were written while reading them)
themes P 0.980 / R 1.000, addressees P 1.000 / R 1.000; preambular paragraphs
(held out: labelled before the tagger ever ran on them) themes P 0.815 / R 0.800.
"""

from __future__ import annotations

import pytest

from ctassist.core.taxonomy import ADDRESSEE_CODES, THEME_CODES
from ctassist.core.testing import CORPUS_DIR, needs_shared, require_shared
from ctassist.mandates.tagging import (
    THEME_RULES,
    LabelledParagraph,
    corpus_labels,
    evaluate,
    tag_addressees,
    tag_themes,
)

CORPUS = CORPUS_DIR
needs_corpus = needs_shared(CORPUS)


def themes(text: str) -> set[str]:
    return {m.code for m in tag_themes(text)}


def addressees(text: str, verb: str | None = None) -> set[str]:
    return {m.code for m in tag_addressees(text, verb)}


def test_every_theme_has_rules_and_codes_come_from_the_taxonomy() -> None:
    assert set(THEME_RULES) == set(THEME_CODES)


def test_triggers_are_the_words_in_the_text() -> None:
    text = (
        "Calls upon Member States to strengthen border management and to share Biometric data and evidence."
    )
    matches = {m.code: m.triggers for m in tag_themes(text)}
    assert matches["border-management"] == ("border management",)
    assert matches["biometrics"] == ("Biometric",)
    for m in tag_themes(text):
        assert all(t in text for t in m.triggers)


def test_names_of_bodies_are_not_the_subject() -> None:
    text = (
        "Welcomes the compendium developed within the Working Group on Border Management and the "
        "Office of Information and Communications Technology, and the Convention against Transnational "
        "Organized Crime"
    )
    assert not themes(text) & {"border-management", "ict-internet", "organized-crime-links"}
    assert themes("links between transnational organized crime and terrorism") == {"organized-crime-links"}


def test_global_strategy_is_not_a_national_strategy() -> None:
    assert "strategies" not in themes(
        "the implementation of the United Nations Global Counter-Terrorism Strategy"
    )
    assert "strategies" in themes(
        "development of national, subregional and regional counter-terrorism strategies"
    )
    assert "strategies" not in themes(
        "effective reintegration strategies for returning foreign terrorist fighters"
    )


def test_international_is_not_national_coordination() -> None:
    assert "national-coordination" not in themes("strengthen international coordination and cooperation")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Urges Member States to become parties to the conventions;", {"member-states"}),
        (
            "Requests the United Nations Office on Drugs and Crime, in cooperation with the "
            "International Criminal "
            "Police Organization (INTERPOL) and the Counter-Terrorism Committee Executive Directorate, to "
            "continue to provide assistance;",
            {"unodc"},
        ),
        (
            "Also requests the Secretary-General to submit to the General Assembly at its "
            "ninety-ninth session a "
            "report on the implementation of the present resolution.",
            {"secretary-general"},
        ),
        (
            "Expresses its appreciation to Member States that have supported the Office, and invites Member "
            "States to consider making additional voluntary contributions;",
            {"donors"},
        ),
        (
            "Encourages Member States to cooperate, and calls upon the Office to support them, upon request;",
            {"member-states", "unodc"},
        ),
        (
            "Calls upon Member States, including through central authorities, and the "
            "United Nations Office on "
            "Drugs and Crime and other relevant United Nations entities to share best practices;",
            {"member-states", "unodc", "compact-entities"},
        ),
        (
            "Stresses the importance of fair criminal justice systems by Member States, "
            "and requests the United "
            "Nations Office on Drugs and Crime to take them into account;",
            {"unodc"},
        ),
        (
            "Requests the Counter-Terrorism Committee Executive Directorate to continue its dialogue;",
            {"ctc-cted"},
        ),
        (
            "Encourages regional and subregional organizations to cooperate with one another;",
            {"regional-organizations"},
        ),
        ("Calls upon the international community to support imaginary lighthouses;", {"other"}),
        (
            "Recommends to the General Assembly the adoption of the following draft resolution:",
            {"general-assembly"},
        ),
        (
            "Takes note with appreciation of the joint initiatives of the Office and the Task Force;",
            {"general-assembly"},
        ),
        (
            "Decides to include in the provisional agenda of its hundredth session the item;",
            {"general-assembly"},
        ),
    ],
)
def test_addressees(text: str, expected: set[str]) -> None:
    got = addressees(text)
    assert got == expected
    assert got <= ADDRESSEE_CODES


def test_addressee_triggers_name_the_verb_and_entity() -> None:
    [match] = tag_addressees("Further requests the Secretary-General to report.")
    assert match.code == "secretary-general"
    assert match.triggers == ("Further requests Secretary-General",)


# --- corpus: specific paragraphs and scores --------------------------------------------


@pytest.fixture(scope="module")
def labels() -> list[LabelledParagraph]:
    require_shared(CORPUS)
    return corpus_labels(CORPUS)


def _para(
    labels: list[LabelledParagraph], symbol: str, ref: str, part: str = "operative"
) -> LabelledParagraph:
    return next(lab for lab in labels if (lab.symbol, lab.part, lab.ref) == (symbol, part, ref))


@needs_corpus
def test_domain_facts_on_specific_paragraphs(labels: list[LabelledParagraph]) -> None:
    assert "border-management" in themes(_para(labels, "A/RES/72/194", "10").text)
    op9 = _para(labels, "A/RES/74/175", "9").text
    assert "biometrics" in themes(op9) and "border-management" not in themes(op9)
    assert "cbrn" in themes(_para(labels, "A/RES/74/175", "20").text)
    assert "prisons-radicalization" in themes(_para(labels, "A/RES/74/175", "26").text)
    assert "kidnapping-for-ransom" in themes(_para(labels, "A/RES/70/177", "9").text)
    assert "travel-data" in themes(_para(labels, "A/RES/74/175", "19").text)
    assert addressees(_para(labels, "A/RES/72/194", "3").text) == {"member-states"}
    for symbol, last in (
        ("A/RES/68/187", "15"),
        ("A/RES/70/177", "17"),
        ("A/RES/72/194", "19"),
        ("A/RES/74/175", "30"),
    ):
        para = _para(labels, symbol, last)
        assert "reporting" in themes(para.text)
        assert addressees(para.text, para.verb) == {"secretary-general"}


@needs_corpus
def test_labels_cover_every_operative_paragraph(labels: list[LabelledParagraph]) -> None:
    operative = [lab for lab in labels if lab.part != "preamble"]
    assert len(operative) == 15 + 17 + 19 + 30 + 1 + 17
    assert all(lab.themes <= THEME_CODES and lab.addressees <= ADDRESSEE_CODES for lab in operative)


@needs_corpus
def test_operative_scores(labels: list[LabelledParagraph]) -> None:
    m = evaluate([lab for lab in labels if lab.part != "preamble"])
    s = m.summary()
    detail = "\n".join(m.disagreements)
    assert s["theme_precision"] >= 0.95, detail
    assert s["theme_recall"] >= 0.97, detail
    assert s["addressee_precision"] >= 0.97, detail
    assert s["addressee_recall"] >= 0.97, detail


@needs_corpus
def test_held_out_preamble_theme_scores(labels: list[LabelledParagraph]) -> None:
    m = evaluate([lab for lab in labels if lab.part == "preamble"])
    assert m.paragraphs == 60
    assert m.themes.precision() >= 0.78, "\n".join(m.disagreements)
    assert m.themes.recall() >= 0.77, "\n".join(m.disagreements)


def test_evaluate_counts_errors() -> None:
    lab = LabelledParagraph(
        "X",
        "operative",
        "1",
        "Urges Member States to strengthen border management;",
        "urges",
        frozenset({"border-management", "victims"}),
        frozenset({"unodc"}),
    )
    m = evaluate([lab])
    assert m.themes.precision() == 1.0 and m.themes.recall() == 0.5
    assert m.addressees.precision() == 0.0 and m.addressees.recall() == 0.0
    assert len(m.disagreements) == 2
