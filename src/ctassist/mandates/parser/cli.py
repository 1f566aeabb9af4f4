"""Command line: ``python -m ctassist.mandates.parser FILE... [--json]`` or ``--score GOLD_DIR...``.

``--score`` parses the text of every gold annotation under each folder and
prints field accuracy per file and overall (see ``scoring``); the status is 0.

Exit status: 0 when every file parsed, 2 when any file was bad input (each
reported on stderr as ``error: <file>: <what>``), 1 for an internal failure.
The Django command ``ctassist parse_resolution`` calls :func:`main` as is.
"""

from __future__ import annotations

import argparse
import json
import sys

from .model import ParseError, Resolution


def _summary(res: Resolution) -> str:
    adopted = res.adopted_on.isoformat() if res.adopted_on else "?"
    lines = [
        f"{res.source}: {res.symbol} ({res.body}, adopted {adopted}) {res.title or ''}".rstrip(),
        f"  {len(res.preamble)} preambular and {len(res.operative)} operative paragraphs, "
        f"{len(res.footnotes)} footnotes, {len(res.annexes)} annexes, {len(res.citations)} citations",
    ]
    if res.draft:
        lines.append(
            f"  recommends a draft: {len(res.draft.preamble)} preambular and "
            f"{len(res.draft.operative)} operative paragraphs"
        )
    return "\n".join(lines)


def _score(folders: list[str], problems: bool) -> int:
    from pathlib import Path

    from .scoring import field_report, score_dir

    for folder in folders:
        scores = score_dir(Path(folder))
        print(field_report(scores, folder))
        if problems:
            for s in scores:
                for p in s.problems:
                    print(f"    {s.name}: {p}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the files named in ``argv``; print JSON or a summary; return the exit status."""
    from . import parse_file  # late import: keeps ``python -m`` start-up order simple

    parser = argparse.ArgumentParser(
        prog="python -m ctassist.mandates.parser",
        description="Parse UN resolutions (.txt, .md, .docx, .pdf) into structured data.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print a JSON array of the parsed documents")
    parser.add_argument("--score", nargs="+", metavar="GOLD_DIR", help="print field accuracy against gold folders")
    parser.add_argument("--problems", action="store_true", help="with --score: list every mismatch")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors; return instead
        return int(exc.code or 0)
    if args.score:
        return _score(args.score, args.problems)
    if not args.files:
        parser.print_usage(sys.stderr)
        print("error: give FILE... or --score GOLD_DIR", file=sys.stderr)
        return 2

    parsed: list[Resolution] = []
    status = 0
    for name in args.files:
        try:
            parsed.append(parse_file(name))
        except ParseError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = max(status, 2)
        except Exception as exc:  # noqa: BLE001 - a bug must not end the whole batch with a traceback
            print(f"error: {name}: internal error ({type(exc).__name__}: {exc})", file=sys.stderr)
            status = status or 1
    if args.json:
        out = json.dumps([r.to_dict() for r in parsed], ensure_ascii=False, indent=2) + "\n"
    else:
        out = "".join(_summary(r) + "\n" for r in parsed)
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into head: not an error of ours
        pass
    return status
