"""`make demo`: ingest the real resolutions of the shared corpus, when it is there.

These are not demonstration data: they are the published texts of real
resolutions, stored with ``is_demo=False`` and their source file name.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from ctassist.mandates import services
from ctassist.mandates.parser import ParseError, parse_file
from ctassist.mandates.parser.readers import read_path

SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def corpus_dir() -> Path:
    return Path(settings.SHARED_DIR) / "corpus" / "resolutions"


def run_corpus(*, scale: int = 1, seed: int = 0) -> str:
    folder = corpus_dir()
    if not folder.is_dir():
        return f"no corpus at {folder}: nothing ingested (use `ctassist ingest_resolution FILE...`)"
    done, failed = [], []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES):
        try:
            parsed = parse_file(path)
            raw = read_path(path)
        except ParseError as exc:
            failed.append(str(exc))
            continue
        result = services.ingest(acting_user=None, parsed=parsed, source_name=path.name, raw_text=raw)
        done.append(result.resolution.symbol)
    summary = f"{len(done)} real resolutions ingested from {folder} ({', '.join(done)})"
    if failed:
        summary += f"; {len(failed)} files not read: " + "; ".join(failed)
    return summary
