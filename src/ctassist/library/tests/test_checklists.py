"""The checklists' items cite articles that exist in the instruments' texts, safeguards and UNTOC included."""

from __future__ import annotations

import re

from ctassist.core.testing import CORPUS_DIR, needs_shared
from ctassist.library import checklists
from ctassist.library.choices import ItemCategory

SAFEGUARDS = {
    "financing-1999": {"Art. 15", "Art. 17", "Art. 21"},
    "bombings-1997": {"Art. 12", "Art. 14", "Art. 19"},
    "nuclear-terrorism-2005": {"Art. 4", "Art. 12", "Art. 16"},
    "hostages-1979": {"Art. 8(2)", "Art. 9(1)", "Art. 15"},
    "beijing-convention-2010": {"Art. 6", "Art. 11", "Art. 14"},
    "sua-1988": {"Art. 2bis", "Art. 10(2)", "Art. 11ter"},
    "untoc-2000": {"Art. 16(13)", "Art. 16(14)"},
    "tip-protocol-2000": {"Art. 14(1)", "Art. 14(2)"},
    "som-protocol-2000": {"Art. 5", "Art. 19(1)", "Art. 19(2)"},
}


def test_every_item_names_its_article_category_and_requirement():
    for code, checklist in checklists.checklists().items():
        assert checklist.items, code
        keys = [i.key for i in checklist.items]
        assert len(keys) == len(set(keys)), code
        for item in checklist.items:
            assert item.key.startswith(f"{code}."), item.key
            assert item.category in ItemCategory.values, item.key
            assert item.article.startswith("Art"), item.key
            assert len(item.requirement) > 20, item.key


def test_the_safeguard_clauses_and_untoc_with_its_protocols_are_covered():
    for code, articles in SAFEGUARDS.items():
        found = {i.article for i in checklists.items_for(code) if i.category == ItemCategory.SAFEGUARDS}
        assert articles <= found, code
    for code in ("untoc-2000", "tip-protocol-2000", "som-protocol-2000", "firearms-protocol-2001"):
        checklist = checklists.checklists()[code]
        # Not in the shared corpus: described from general knowledge, and flagged as such.
        assert not checklist.verified and not any(i.verified for i in checklist.items), code
        assert "not in the corpus" in checklist.source


def _article_numbers(article: str) -> list[str]:
    """The article numbers an item cites: "Art. 8(2)" → ["8"], "Art. 2bis" → ["2bis"], "Arts. 6–10" → ["6", "10"]."""
    return re.findall(r"\d+(?:bis|ter|quater)?", article.split("(")[0]) if "Annex" not in article else []


@needs_shared(CORPUS_DIR / "instruments")
def test_verified_items_cite_articles_that_exist_in_the_corpus_text():
    for checklist in checklists.checklists().values():
        if not checklist.verified:
            continue
        path = CORPUS_DIR.parent / checklist.source.split(" (")[0].removeprefix("shared/")
        headings = {
            re.sub(r"[*\s]", "", m.group(1)).lower()
            for m in re.finditer(r"^#+\s*Art(?:icle|\.)?\s*([0-9][0-9A-Za-z*\s]*?)\s*$", path.read_text(), re.M | re.I)
        }
        for item in checklist.items:
            for number in _article_numbers(item.article):
                assert number.lower() in headings, f"{item.key}: article {number} not found in {path.name}"

