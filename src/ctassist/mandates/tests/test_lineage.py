"""Lineage: hand-made cases for each status, then corpus versions checked against a reading of the texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctassist.core.testing import CORPUS_DIR, require_shared
from ctassist.mandates.lineage import (
    Alignment,
    Para,
    _assign,
    align,
    paras_from,
    similarity,
    theme_history,
    word_diff,
)
from ctassist.mandates.parser import Resolution, parse_file

CORPUS = CORPUS_DIR / "resolutions"

A = "Urges Member States to keep every imaginary lighthouse lit at night and in fog"
B = "Requests the Secretary-General to appoint a special rapporteur on lighthouse keepers and their families"
C = "Invites donors to contribute to the voluntary fund for the repair of coastal lighthouses and foghorns"
D = "Decides to consider the question of lighthouses at its hundredth session under the item on the sea"


def ops(*texts: str) -> list[Para]:
    return [Para("operative", i, i, t) for i, t in enumerate(texts, 1)]


def by_status(alignments: list[Alignment]) -> dict[str, list[tuple[int | None, int | None]]]:
    out: dict[str, list[tuple[int | None, int | None]]] = {}
    for al in alignments:
        key = (al.old.number if al.old else None, al.new.number if al.new else None)
        out.setdefault(al.status, []).append(key)
    return out


def test_unchanged_ignores_white_space() -> None:
    [al] = align(ops(A), ops(A.replace(" ", "  ")))
    assert (al.status, al.similarity, al.diff) == ("unchanged", 1.0, None)


def test_modified_has_word_diff() -> None:
    [al] = align(ops(A), ops(A.replace("at night", "day and night")))
    assert al.status == "modified"
    assert 0.5 <= al.similarity < 1
    assert al.inserted() == ["day", "and"] and al.deleted() == ["at"]
    assert ("equal", ("night", "and", "in", "fog")) in al.diff


def test_new_and_dropped() -> None:
    result = by_status(align(ops(A, B), ops(A, C)))
    assert result == {"unchanged": [(1, 1)], "new": [(None, 2)], "dropped": [(2, None)]}


def test_renumbering_alone_is_not_a_move() -> None:
    # A paragraph inserted at the top shifts every number by one; order is unchanged.
    result = by_status(align(ops(A, B, C), ops(D, A, B, C)))
    assert result == {"new": [(None, 1)], "unchanged": [(1, 2), (2, 3), (3, 4)]}


def test_moved_when_relative_order_changes() -> None:
    result = by_status(align(ops(A, B, C, D), ops(A, C, D, B)))
    assert result["moved"] == [(2, 4)]
    assert result["unchanged"] == [(1, 1), (3, 2), (4, 3)]


def test_moved_and_modified_keeps_the_diff() -> None:
    moved = [al for al in align(ops(A, B, C), ops(B.replace("special", "new"), A, C)) if al.status == "moved"]
    assert len(moved) == 1
    assert moved[0].inserted() == ["new"] and moved[0].deleted() == ["special"]


def test_preamble_only_matches_preamble() -> None:
    old = [Para("preamble", None, 1, A)]
    new = [Para("operative", 1, 1, A)]
    assert by_status(align(old, new)) == {"dropped": [(None, None)], "new": [(None, 1)]}


def test_below_threshold_is_new_and_dropped() -> None:
    assert similarity(A, D) < 0.5
    assert {al.status for al in align(ops(A), ops(D))} == {"new", "dropped"}


def test_assignment_is_global_not_greedy() -> None:
    # Greedy would take the best pair (0, 0) and leave row 1 without a partner.
    assert _assign([[0.9, 0.85], [0.8, 0.0]], 0.5) == [(0, 1), (1, 0)]
    assert _assign([[0.4, 0.3]], 0.5) == []
    assert _assign([[0.6], [0.7]], 0.5) == [(1, 0)]


def test_word_diff_marks_punctuation_changes() -> None:
    assert word_diff("to counter terrorism, while", "to counter terrorism while") == (
        ("equal", ("to", "counter", "terrorism")), ("delete", (",",)), ("equal", ("while",)),
    )
    assert word_diff("the A/RES/72/194 (2017)", "the A/RES/74/175 (2019)") == (
        ("equal", ("the",)), ("delete", ("A/RES/72/194",)), ("insert", ("A/RES/74/175",)),
        ("equal", ("(",)), ("delete", ("2017",)), ("insert", ("2019",)), ("equal", (")",)),
    )


def test_accepts_parser_paragraphs_and_serialises() -> None:
    res = parse_file(Path(__file__).parent / "documents" / "S_RES_9901_2099.txt")
    als = align(res.paragraphs, res.paragraphs)
    assert [al.status for al in als] == ["unchanged"] * 4
    assert als[0].to_dict()["old"]["kind"] == "preamble"


# --- corpus ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, Resolution]:
    require_shared(CORPUS)
    return {r.symbol: r for r in (parse_file(p) for p in sorted(CORPUS.glob("*.txt")))}


def _find(als: list[Alignment], kind: str, new: int | None = None, old: int | None = None) -> Alignment:
    for al in als:
        side = al.new if new is not None else al.old
        if side is not None and side.kind == kind and side.number == (new if new is not None else old):
            return al
    raise AssertionError(f"no alignment for {kind} new={new} old={old}")


def test_72_194_to_74_175(corpus: dict[str, Resolution]) -> None:
    als = align(paras_from(corpus["A/RES/72/194"]), paras_from(corpus["A/RES/74/175"]))
    op = [al for al in als if (al.new or al.old).kind == "operative"]
    new = sorted(al.new.number for al in op if al.status == "new")
    # UNTOC, forensic evidence, sharing evidence, SHERLOC, biometrics, CFT, risk assessments,
    # critical infrastructure, travel data, CBRN, prisons.
    assert new == [2, 6, 7, 8, 9, 14, 15, 17, 19, 20, 26]
    assert not [al for al in op if al.status in ("dropped", "moved")]
    assert _find(als, "operative", new=5).status == "unchanged"
    op29 = _find(als, "operative", new=29)
    assert (op29.old.number, op29.status) == (18, "unchanged")
    op10 = _find(als, "operative", new=10)
    assert (op10.old.number, op10.status, op10.inserted()) == (5, "modified", ["by", "Member", "States", ","])
    assert _find(als, "operative", new=12).inserted() == ["and", "their", "financing"]
    assert _find(als, "operative", new=21).inserted() == ["Also", "property"]
    assert _find(als, "operative", new=21).deleted() == ["heritage"]
    op30 = _find(als, "operative", new=30)
    assert (op30.old.number, op30.inserted(), op30.deleted()) == (19, ["seventy-fifth"], ["seventy-third"])
    # "Reaffirming that terrorism ... cannot be associated with any religion" moved from the end to the start.
    pp3 = [al for al in als if al.new and al.new.kind == "preamble" and al.new.index == 3][0]
    assert (pp3.status, pp3.old.index, pp3.similarity) == ("moved", 13, 1.0)


def test_ecosoc_draft_to_adopted_70_177(corpus: dict[str, Resolution]) -> None:
    als = align(paras_from(corpus["E/RES/2015/22"].draft), paras_from(corpus["A/RES/70/177"]))
    assert len(als) == 34
    assert {al.status for al in als} == {"unchanged"}


def test_68_187_to_70_177(corpus: dict[str, Resolution]) -> None:
    als = align(paras_from(corpus["A/RES/68/187"]), paras_from(corpus["A/RES/70/177"]))
    integrated = _find(als, "operative", new=13)
    assert (integrated.status, integrated.old.number) == ("moved", 4)
    assert "strategies" in integrated.deleted()  # the strategies clause was cut when it moved
    assert _find(als, "operative", old=8).status == "dropped"  # victims' best practices went to the preamble
    assert {n for n in (7, 9, 11) if _find(als, "operative", new=n).status == "new"} == {7, 9, 11}
    assert _find(als, "operative", new=10).inserted() == ["Also"]


def test_theme_history_matches_domain_facts(corpus: dict[str, Resolution]) -> None:
    ga = [corpus[s] for s in ("A/RES/68/187", "A/RES/70/177", "A/RES/72/194", "A/RES/74/175")]
    history = theme_history(ga)
    first = {code: entries[0] for code, entries in history.items()}
    assert first["border-management"] == ("A/RES/72/194", [10])
    assert first["biometrics"] == ("A/RES/74/175", [9])
    assert first["cbrn"] == ("A/RES/74/175", [20])
    assert first["prisons-radicalization"] == ("A/RES/74/175", [26])
    assert first["travel-data"] == ("A/RES/74/175", [19])
    assert first["critical-infrastructure"] == ("A/RES/74/175", [17])
    assert first["kidnapping-for-ransom"][0] == "A/RES/70/177" and 9 in first["kidnapping-for-ransom"][1]
    assert first["cultural-property"] == ("A/RES/70/177", [11])
    assert first["victims"] == ("A/RES/68/187", [8])
    assert first["ict-internet"] == ("A/RES/68/187", [9])
    assert first["strategies"] == ("A/RES/68/187", [4])
    assert first["foreign-terrorist-fighters"][0] == "A/RES/70/177"
    assert {7, 8} <= set(first["foreign-terrorist-fighters"][1])
    assert first["designated-authorities"] == ("A/RES/72/194", [3])
    assert [s for s, _ in history["border-management"]] == ["A/RES/72/194", "A/RES/74/175"]
    assert [s for s, _ in history["reporting"]] == [r.symbol for r in ga]
    assert dict(history["reporting"])["A/RES/74/175"] == [30]
