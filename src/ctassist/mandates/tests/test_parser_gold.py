"""Compare the parser with the hand-checked gold annotations of the shared corpus.

The corpus lives in the ``shared`` folder beside the repository root; the tests
skip cleanly where it is absent. One test per document compares every gold field
and reports every mismatch at once, paragraph by paragraph.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ctassist.core.testing import CORPUS_DIR, needs_shared
from ctassist.mandates.parser import Paragraph, Resolution, parse_file

CORPUS = CORPUS_DIR
GOLD = sorted((CORPUS / "gold").glob("*.json"))


def words(text: str) -> list[str]:
    return text.split()


def starts(text: str) -> str:
    return " ".join(words(text)[:6])


def ends(text: str) -> str:
    """Last six words with the final punctuation removed, as the gold README defines it."""
    last = words(text)[-6:]
    if last:
        last[-1] = re.sub(r"[.,;:]+$", "", last[-1])
    return " ".join(last)


def compare_paragraphs(
    kind: str, gold: list[dict[str, Any]], got: list[Paragraph], problems: list[str]
) -> None:
    if len(gold) != len(got):
        problems.append(f"{kind}: {len(got)} paragraphs, gold has {len(gold)}")
    for i, (g, p) in enumerate(zip(gold, got, strict=False), 1):
        where = f"{kind} #{i}" + (f" (n={g['n']})" if "n" in g else "")
        checks = {"verb": p.verb, "starts": starts(p.text), "ends": ends(p.text)}
        if "n" in g:
            checks["n"] = p.number
            checks["subparagraphs"] = len(p.subparagraphs)
        for key, value in checks.items():
            if g[key] != value:
                problems.append(f"{where} {key}: got {value!r}, gold {g[key]!r}")


def compare(gold: dict[str, Any], res: Resolution) -> list[str]:
    problems: list[str] = []
    got = res.to_dict()
    for key in ("symbol", "body", "title", "adopted_on", "session", "agenda_item", "committee_report"):
        if got[key] != gold[key]:
            problems.append(f"{key}: got {got[key]!r}, gold {gold[key]!r}")
    compare_paragraphs("preamble", gold["preamble"], res.preamble, problems)
    compare_paragraphs("operative", gold["operative"], res.operative, problems)
    if len(res.footnotes) != gold["footnotes"]:
        problems.append(f"footnotes: got {len(res.footnotes)}, gold {gold['footnotes']}")
    if len(res.annexes) != gold["annexes"]:
        problems.append(f"annexes: got {len(res.annexes)}, gold {gold['annexes']}")
    if gold["draft"] is None:
        if res.draft is not None:
            problems.append("draft: got a draft, gold has none")
    elif res.draft is None:
        problems.append("draft: missing")
    else:
        compare_paragraphs("draft preamble", gold["draft"]["preamble"], res.draft.preamble, problems)
        compare_paragraphs("draft operative", gold["draft"]["operative"], res.draft.operative, problems)
    return problems


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_matches_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    res = parse_file(CORPUS / "resolutions" / gold["file"])
    problems = compare(gold, res)
    assert not problems, f"{gold['file']}: {len(problems)} mismatches:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_paragraph_texts_are_clean(gold_path: Path) -> None:
    """No markup, footnote markers or page-break debris survive in any stored text."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    res = parse_file(CORPUS / "resolutions" / gold["file"])
    paras = [*res.paragraphs, *(res.draft.paragraphs if res.draft else [])]
    for p in paras:
        assert "*" not in p.text and "](" not in p.text, p.text[:80]
        assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", p.text), p.text[:80]
        assert "  " not in p.text and p.text == p.text.strip()
        assert p.lead and p.text.startswith(p.lead), (p.lead, p.text[:60])
    numbers = {f.number for f in res.footnotes}
    assert {n for p in paras for n in p.footnotes} == numbers, "every footnote is referenced by a paragraph"


@needs_shared(CORPUS / "gold")
def test_comparison_reports_mismatches() -> None:
    """The gold comparison itself must notice a wrong field, a wrong verb and a missing paragraph."""
    gold = json.loads(GOLD[0].read_text(encoding="utf-8"))
    res = parse_file(CORPUS / "resolutions" / gold["file"])
    assert compare(gold, res) == []
    gold["session"] = "first"
    gold["operative"][0]["verb"] = "decides"
    gold["preamble"].append(dict(gold["preamble"][0]))
    problems = compare(gold, res)
    assert any(p.startswith("session:") for p in problems)
    assert any("operative #1 (n=1) verb" in p for p in problems)
    assert any(p.startswith("preamble:") and "gold has" in p for p in problems)


@needs_shared(CORPUS / "gold")
def test_the_gold_files_are_there() -> None:
    """The parametrized tests above run once per gold file; with none they would pass vacuously."""
    assert len(GOLD) >= 5
