"""Type checking with a baseline that may only shrink.

Runs mypy over ``src/ctassist`` (settings in pyproject.toml) and compares the errors per file with
``mypy-baseline.json``:

- files of the strict set (core, every app's services, policies and queries, the resolution parser)
  must have no error at all, unless the baseline still records them (it names them; they only shrink);
- any other file may keep at most the errors the baseline records for it; a new file starts at zero.

``--update`` rewrites the baseline from the current run, and refuses to let any count grow.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.json"
STRICT = re.compile(r"^src/ctassist/(core/.*|[a-z_]+/(services|policies|queries)\.py|mandates/parser/.*)$")
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error: ")


def run_mypy() -> tuple[Counter[str], list[str]]:
    mypy = Path(sys.executable).with_name("mypy")
    done = subprocess.run([str(mypy)], cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    lines = done.stdout.splitlines()
    counts: Counter[str] = Counter()
    for line in lines:
        m = ERROR.match(line)
        if m:
            counts[m["path"]] += 1
    if done.returncode not in (0, 1) or (done.returncode == 1 and not counts):
        sys.exit(f"mypy did not run:\n{done.stdout}{done.stderr}")
    return counts, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="record the current counts (they may only shrink)")
    args = parser.parse_args()
    counts, lines = run_mypy()
    baseline: dict[str, int] = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    problems = []
    for path, n in sorted(counts.items()):
        allowed = baseline.get(path, 0)
        if n > allowed:
            problems.append(path)
            kind = "strict set: no error allowed" if STRICT.match(path) and not allowed else f"baseline {allowed}"
            print(f"{path}: {n} errors ({kind})")
            print("\n".join("  " + line for line in lines if line.startswith(f"{path}:")))
    if problems:
        print(f"\nmypy: {len(problems)} files have more errors than allowed; fix them (the baseline only shrinks).")
        return 1
    shrunk = {p: n for p, n in baseline.items() if counts.get(p, 0) < n}
    if args.update:
        BASELINE.write_text(json.dumps(dict(sorted(counts.items())), indent=1) + "\n")
        print(f"mypy baseline recorded: {sum(counts.values())} errors in {len(counts)} files")
    elif shrunk:
        print(f"mypy: {len(shrunk)} files now have fewer errors than the baseline; run "
              "`.venv/bin/python tools/mypy_baseline.py --update` and commit mypy-baseline.json")
        return 1
    else:
        print(f"mypy: {sum(counts.values())} errors, none beyond the baseline")
    pending = sorted(p for p in baseline if STRICT.match(p))
    if pending:
        print(f"mypy: strict-set files still in the baseline: {', '.join(pending)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
