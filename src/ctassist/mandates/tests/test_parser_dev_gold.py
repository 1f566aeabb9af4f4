"""Field accuracy on the gold sets: the five shared files (1.00) and the development set (>= 0.99).

The scores are printed (run with ``-s`` to see them) and are also what
``ctassist parse_resolution --score DIR`` prints.
"""

from __future__ import annotations

from pathlib import Path

from ctassist.core.testing import CORPUS_DIR, needs_shared
from ctassist.mandates.parser.scoring import field_report, overall, score_dir

HERE = Path(__file__).resolve().parent
DEV = HERE / "gold_dev"
SHARED = CORPUS_DIR / "gold"


def test_development_set_scores_at_least_0_99() -> None:
    scores = score_dir(DEV)
    assert len(scores) >= 12
    print("\n" + field_report(scores, "development set (gold_dev)"))
    problems = [f"{s.name}: {p}" for s in scores for p in s.problems]
    assert overall(scores) >= 0.99, "\n".join(problems)


@needs_shared(SHARED)
def test_shared_set_scores_1_00_on_every_field() -> None:
    scores = score_dir(SHARED)
    print("\n" + field_report(scores, "shared set"))
    problems = [f"{s.name}: {p}" for s in scores for p in s.problems]
    assert not problems, "\n".join(problems)
