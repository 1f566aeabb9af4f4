"""Per-theme and per-addressee precision/recall of the tagger against the hand-labelled set.

    python bench/bench_tagging.py [--disagreements]

Operative paragraphs are in-sample (the rules were written while reading
them); preambular paragraphs are a held-out check of the theme rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ctassist.mandates.tagging import Metrics, Scores, corpus_labels, evaluate  # noqa: E402 - path set above


def table(title: str, scores: Scores) -> None:
    print(f"\n{title}")
    print(f"  {'code':28} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for code in scores.codes():
        print(
            f"  {code:28} {scores.precision(code):6.3f} {scores.recall(code):6.3f} "
            f"{scores.tp[code]:4d} {scores.fp[code]:4d} {scores.fn[code]:4d}"
        )
    print(f"  {'micro':28} {scores.precision():6.3f} {scores.recall():6.3f}")


def report(name: str, m: Metrics, with_addressees: bool, disagreements: bool) -> None:
    print(f"\n=== {name}: {m.paragraphs} paragraphs")
    table("themes", m.themes)
    if with_addressees:
        table("addressees", m.addressees)
    if disagreements:
        print("\n  disagreements:")
        for line in m.disagreements:
            print("   ", line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--disagreements", action="store_true", help="list every paragraph where tagger and labels differ"
    )
    args = ap.parse_args()
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 2
    labels = corpus_labels(corpus)
    report(
        "operative (in-sample)",
        evaluate([x for x in labels if x.part != "preamble"]),
        True,
        args.disagreements,
    )
    report(
        "preamble (held out)",
        evaluate([x for x in labels if x.part == "preamble"]),
        False,
        args.disagreements,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
