"""Time the needs list (pages, filters, export-free) and its endpoint at 10,000 needs.

Plain script: ``.venv/bin/python bench/bench_needs.py [--needs 10000] [--runs 200]``.
It builds a fresh SQLite database in a temporary directory with the reference data and
``--needs`` needs spread over every State, source, status and theme (written in bulk: the
services' per-record change log would make building the data the slow part, and it is the
reading that is measured), with requests answering a third of them. It then requests each page
with Django's test client as a UNODC officer and as a focal point, printing median and p95 in
milliseconds and the SQL queries per page (which must not grow with the data).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import time

from _harness import in_process_django


def build(count: int) -> None:
    from django.utils import timezone

    from ctassist.assistance.models import AssistanceRequest, Theme
    from ctassist.geo.models import State
    from ctassist.needs.choices import NeedSource, NeedStatus
    from ctassist.needs.models import Need

    rng = random.Random(15)
    states = list(State.objects.all())
    themes = list(Theme.objects.all())
    today = timezone.localdate()
    sources = [s for s in NeedSource.values if s not in ("legislative_review", "state_request")]
    statuses = [NeedStatus.OPEN, NeedStatus.IN_PROGRESS, NeedStatus.ADDRESSED]
    rows = []
    for index in range(count):
        source = sources[index % len(sources)]
        rows.append(
            Need(
                state=states[index % len(states)], title=f"Benchmark need {index}", source=source,
                source_reference=f"REF-{index}", source_date=today - datetime.timedelta(days=30 + index % 900),
                mechanism="FATF" if source == NeedSource.OTHER_MECHANISM else "",
                status=statuses[index % len(statuses)], priority=("high", "medium", "low")[index % 3], is_demo=True,
            )
        )  # fmt: skip
    Need.objects.bulk_create(rows, batch_size=2000)
    needs = list(Need.objects.values_list("pk", "state_id"))
    through = Need.themes.through
    through.objects.bulk_create(
        [through(need_id=pk, theme_id=t.pk) for pk, _ in needs for t in rng.sample(themes, 2)], batch_size=5000
    )
    requests = AssistanceRequest.objects.bulk_create(
        [AssistanceRequest(state_id=state_id, title=f"Benchmark request {i}", is_demo=True)
         for i, (_, state_id) in enumerate(needs[::3])],
        batch_size=2000,
    )  # fmt: skip
    answers = Need.requests.through
    answers.objects.bulk_create(
        [answers(need_id=pk, assistancerequest_id=r.pk) for (pk, _), r in zip(needs[::3], requests, strict=True)],
        batch_size=5000,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--no-settle", action="store_true",
                        help="leave the heap as it is (no gc.freeze), unlike a worker loading ctassist.config.wsgi")  # fmt: skip
    args = parser.parse_args()

    tmp = in_process_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", verbosity=0, stdout=quiet)
    build(args.needs)
    print(f"database built in {time.perf_counter() - started:.1f} s ({tmp})")

    from ctassist.accounts import services as accounts
    from ctassist.accounts.choices import OrganisationKind, Role
    from ctassist.geo.models import State
    from ctassist.needs.models import Need

    kenya = State.objects.get(iso3="KEN")
    orgs = {
        "officer": accounts.create_organisation(acting_user=None, kind=OrganisationKind.UNODC, name="UNODC (bench)"),
        "focal point": accounts.create_organisation(
            acting_user=None, kind=OrganisationKind.STATE, name="Kenya (bench)", state=kenya
        ),
    }
    users = {
        name: accounts.create_user(
            acting_user=None, username=f"bench-{i}", role=role, organisation=orgs[name],
            password="bench-password-not-secret-1", email=f"bench{i}@example.org",  # noqa: S106
        )
        for i, (name, role) in enumerate((("officer", Role.OFFICER), ("focal point", Role.FOCAL_POINT)))
    }  # fmt: skip
    print(f"{Need.objects.count()} needs")
    if not args.no_settle:
        # What a gunicorn worker does once it has loaded the product (ctassist.config.wsgi), before its first request.
        from ctassist.config.wsgi import settle_heap

        settle_heap()
        print("heap settled as ctassist.config.wsgi settles it (gc.freeze)")

    def pages(deep: int) -> dict[str, list[str]]:
        """The pages to time; ``deep`` is how many pages of the full list the user has at least."""
        return {
            "home page": ["/" for i in range(args.runs)],  # for scale: the same shell with no list in it
            "needs list": [f"/needs/?page={1 + i % deep}" for i in range(args.runs)],
            "needs filtered": ["/needs/?status=open&theme=training&sort=-target_date" for i in range(args.runs)],
            "unanswered": [f"/needs/unanswered/?page={1 + i % deep}" for i in range(args.runs)],
            "API list": [f"/api/needs/?page={1 + i % deep}" for i in range(args.runs)],
        }

    # Wall-clock times include waiting for a CPU on a shared machine; the CPU time this process spent on each
    # request (SQLite runs in the same process) is the request's own cost, shown beside it.
    print(f"\n{'who':<12} {'page':<15} {'runs':>5} {'median ms':>10} {'p95 ms':>8} {'cpu p95':>8} {'queries':>8}")
    for who, user in users.items():
        client = Client()
        client.force_login(user)
        # The officer sees all the needs (hundreds of pages); Kenya's focal point about 1/190 of them.
        for name, urls in pages(20 if who == "officer" else 1).items():
            client.get(urls[0])  # warm up
            times, cpu, queries = [], [], set()
            for url in urls:
                with CaptureQueriesContext(connection) as captured:
                    t0, c0 = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.process_time() - c0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                queries.add(len(captured.captured_queries))
            times.sort()
            cpu.sort()
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            cpu95 = cpu[min(len(cpu) - 1, int(0.95 * len(cpu)))]
            span = f"{min(queries)}–{max(queries)}" if len(queries) > 1 else str(min(queries))
            print(f"{who:<12} {name:<15} {len(times):>5} {statistics.median(times):>10.1f} {p95:>8.1f} {cpu95:>8.1f} {span:>8}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
