"""Where the test texts are, and helpers to ingest them."""

from __future__ import annotations

from pathlib import Path

from ctassist.core.testing import CORPUS_DIR, needs_shared
from ctassist.mandates import services
from ctassist.mandates.parser import parse_file
from ctassist.mandates.parser.readers import read_path

DOCUMENTS = Path(__file__).resolve().parent / "documents"
CORPUS = CORPUS_DIR / "resolutions"
needs_corpus = needs_shared(CORPUS)


def ingest_path(path: Path, acting_user=None) -> services.IngestResult:
    return services.ingest(
        acting_user=acting_user, parsed=parse_file(path), source_name=path.name, raw_text=read_path(path)
    )


def ingest_corpus() -> dict[str, services.IngestResult]:
    return {r.resolution.symbol: r for r in (ingest_path(p) for p in sorted(CORPUS.glob("*.txt")))}
