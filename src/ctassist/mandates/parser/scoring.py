"""Compare parses with gold annotations and count field accuracy.

The gold format is described in ``shared/corpus/gold/README.md``; this project
adds one optional key (documented in ``tests/gold_dev/README.md``): an
operative entry may carry ``"heading"``, the section heading printed right
before that paragraph (absent means none).

Accuracy is the share of gold checks the parse passes. Checks: the seven
header fields; the number of paragraphs of each kind; for every gold paragraph
its ``verb``, ``starts``, ``ends`` (operative also ``n``, ``subparagraphs``,
``heading``), compared by position, so a missing paragraph fails all its
checks; the footnote and annex counts; the presence of a draft.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Paragraph, ParseError, Resolution

HEADER_FIELDS = ("symbol", "body", "title", "adopted_on", "session", "agenda_item", "committee_report")
_FINAL_PUNCT = re.compile(r"[.,;:]+$")


def starts(text: str) -> str:
    return " ".join(text.split()[:6])


def ends(text: str) -> str:
    """Last six words with the final punctuation removed, as the gold README defines it."""
    last = text.split()[-6:]
    if last:
        last[-1] = _FINAL_PUNCT.sub("", last[-1])
    return " ".join(last)


@dataclass
class Score:
    name: str
    checks: int = 0
    passed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.passed / self.checks if self.checks else 1.0

    def check(self, where: str, got: Any, want: Any) -> None:
        self.checks += 1
        if got == want:
            self.passed += 1
        else:
            self.problems.append(f"{where}: got {got!r}, gold {want!r}")


def _paragraphs(score: Score, kind: str, gold: list[dict[str, Any]], got: list[Paragraph]) -> None:
    score.check(f"{kind} count", len(got), len(gold))
    for i, g in enumerate(gold):
        p = got[i] if i < len(got) else None
        where = f"{kind} #{i + 1}" + (f" (n={g['n']})" if "n" in g else "")
        values: dict[str, Any] = {
            "verb": p.verb if p else None,
            "starts": starts(p.text) if p else None,
            "ends": ends(p.text) if p else None,
        }
        if "n" in g:
            values["n"] = p.number if p else None
            values["subparagraphs"] = len(p.subparagraphs) if p else None
            values["heading"] = p.heading if p else None
        for key, value in values.items():
            score.check(f"{where} {key}", value, g.get(key))


def compare(gold: dict[str, Any], res: Resolution, name: str = "") -> Score:
    """Every gold check against one parse."""
    score = Score(name or gold.get("file", ""))
    got = res.to_dict()
    for key in HEADER_FIELDS:
        score.check(key, got[key], gold[key])
    _paragraphs(score, "preamble", gold["preamble"], res.preamble)
    _paragraphs(score, "operative", gold["operative"], res.operative)
    score.check("footnotes", len(res.footnotes), gold["footnotes"])
    score.check("annexes", len(res.annexes), gold["annexes"])
    score.check("draft", res.draft is not None, gold["draft"] is not None)
    if gold["draft"] is not None and res.draft is not None:
        _paragraphs(score, "draft preamble", gold["draft"]["preamble"], res.draft.preamble)
        _paragraphs(score, "draft operative", gold["draft"]["operative"], res.draft.operative)
    return score


def text_path(gold_path: Path, gold: dict[str, Any]) -> Path:
    """The annotated text: beside the JSON, else in ``../resolutions`` (the shared corpus layout)."""
    beside = gold_path.parent / gold["file"]
    if beside.exists():
        return beside
    return gold_path.parent.parent / "resolutions" / gold["file"]


def score_dir(folder: Path) -> list[Score]:
    """Score every ``*.json`` gold file under ``folder`` (recursively), in name order."""
    from . import parse_file  # late import: parse_file lives in the package __init__

    scores = []
    for path in sorted(folder.rglob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        name = str(path.relative_to(folder).with_suffix(""))
        try:
            res = parse_file(text_path(path, gold))
        except ParseError as exc:
            score = compare(gold, Resolution(), name)  # every gold check fails
            score.problems.insert(0, f"not parsed: {exc}")
            scores.append(score)
            continue
        scores.append(compare(gold, res, name))
    return scores


def field_report(scores: list[Score], title: str) -> str:
    """Per-file and overall field accuracy as printable lines."""
    lines = [f"{title}: field accuracy"]
    for s in scores:
        lines.append(f"  {s.name:<28} {s.accuracy:6.4f}  ({s.passed}/{s.checks})")
    checks = sum(s.checks for s in scores)
    passed = sum(s.passed for s in scores)
    overall = passed / checks if checks else 1.0
    lines.append(f"  {'overall':<28} {overall:6.4f}  ({passed}/{checks})")
    return "\n".join(lines)


def overall(scores: list[Score]) -> float:
    checks = sum(s.checks for s in scores)
    return sum(s.passed for s in scores) / checks if checks else 1.0
