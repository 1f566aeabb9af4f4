"""Refusing a decompression bomb: time and peak memory of the legislation upload's reading step.

    python bench/bench_bomb.py [--expanded-mb 200]

Builds a Word file whose document part expands to ``--expanded-mb`` MB (the issue's sample: 524 KB on
disk, 200 MB expanded, which took 27 s and 1.75 GB before the limits) and times
``library.extraction.extract_text`` refusing it, with the peak memory the refusal allocated
(tracemalloc). In process, no server, no database.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctassist.config.settings_test")

import django  # noqa: E402 - path and settings set up just above

django.setup()

from ctassist.library.extraction import ExtractionError, extract_text  # noqa: E402


def bomb(expanded_mb: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            for _ in range(expanded_mb):
                part.write(chunk)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--expanded-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    content = bomb(args.expanded_mb)
    timings = []
    tracemalloc.start()
    for _ in range(args.runs):
        start = time.perf_counter()
        try:
            extract_text("law.docx", content)
        except ExtractionError as exc:
            message = str(exc)
        else:
            raise SystemExit("the bomb was read: the limits did not hold")
        timings.append(time.perf_counter() - start)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    timings.sort()
    print(f"bomb: {len(content) / 1024:.0f} KB on disk, {args.expanded_mb} MB expanded")
    print(f"refused in median {timings[len(timings) // 2] * 1000:.2f} ms (max {timings[-1] * 1000:.2f} ms), "
          f"peak allocation {peak / 1024:.0f} KB over {args.runs} runs")  # fmt: skip
    print(f"message: {message}")


if __name__ == "__main__":
    main()
