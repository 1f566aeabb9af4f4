"""Benchmark: the ratification matrix page and the participation API with every State × instrument.

    .venv/bin/python bench/bench_framework.py [--requests 200] [--database-url URL]

Builds a fresh database, loads the reference data, fills participation for
all 195 States × 23 instruments (demonstration data), serves it with gunicorn
and times real HTTP requests: median and p95 over ``--requests`` each.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _harness import Server, environment, manage, save, time_requests

FILL = """
import datetime
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument, Participation
from ctassist.treaties.demo import generate_participation
generate_participation(seed=42)
have = set(Participation.objects.values_list("state_id", "instrument_id"))
missing = [Participation(state=s, instrument=i, status="signatory", signature_date=i.concluded_date,
                         is_demo=True, source="benchmark fill")
           for s in State.objects.all() for i in Instrument.objects.all() if (s.pk, i.pk) not in have]
Participation.objects.bulk_create(missing)
print("participation rows:", Participation.objects.count())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default=None, help="Default: a fresh SQLite file in a temporary folder.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp), args.database_url)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_reference")
        manage(env, "shell", "-c", FILL)
        manage(env, "collectstatic", "--no-input", "-v", "0")
        results = {"database": env["DATABASE_URL"].split(":", 1)[0], "rows": "195 States x 23 instruments"}
        with Server(env) as server:
            results["matrix page"] = time_requests(server, ["/framework/matrix/"], args.requests)
            results["matrix filtered (African Group, sorted)"] = time_requests(
                server, ["/framework/matrix/?regional_group=african&sort=-parties"], args.requests
            )
            results["matrix XLSX export"] = time_requests(server, ["/framework/matrix/?export=xlsx"], args.requests)
            results["participation API, 500 per page"] = time_requests(
                server, [f"/api/participation/?page_size=500&page={p}" for p in range(1, 10)], args.requests
            )
            results["participation API, one State"] = time_requests(
                server, [f"/api/participation/?state={c}" for c in ("KEN", "PER", "FRA", "CHN", "BRA")], args.requests
            )
        save("framework", results)


if __name__ == "__main__":
    main()
