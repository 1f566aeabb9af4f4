"""Parser throughput: documents per second, normalised to 25 KB documents, on one core.

    python bench/bench_parser.py [--repeats 15] [--rounds 20]

Parses every corpus text (``../shared/corpus/resolutions``; the test documents
if the corpus is absent) ``rounds`` times per repeat, takes the median repeat,
and reports bytes per second divided by 25,000. The process is pinned to one
CPU where the OS allows it. Text is read once up front: this measures parsing,
not disk access.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ctassist.mandates.parser import parse_text  # noqa: E402 - path set up just above

DOC_BYTES = 25_000


def load() -> list[tuple[str, str]]:
    # CTASSIST_SHARED: the shared folder when it is not beside the checkout (a worktree).
    corpus = Path(os.environ.get("CTASSIST_SHARED") or ROOT.parent / "shared") / "corpus" / "resolutions"
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    if not files:
        files = sorted((ROOT / "src" / "ctassist" / "mandates" / "tests" / "documents").glob("*.*"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    docs = load()
    size = sum(len(text.encode("utf-8")) for _, text in docs)
    for name, text in docs:  # warm up (regex compilation, imports) and check all parse
        parse_text(text, source=name)
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _ in range(args.rounds):
            for name, text in docs:
                parse_text(text, source=name)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    per_sec = size * args.rounds / median
    print(f"{len(docs)} documents, {size / 1000:.1f} KB in all, {args.rounds} rounds x {args.repeats} repeats")
    print(f"median {median * 1000 / args.rounds:.2f} ms per pass over the set; {per_sec / 1e6:.2f} MB/s")
    print(f"throughput: {per_sec / DOC_BYTES:.0f} documents/s at 25 KB (one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
