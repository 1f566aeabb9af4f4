"""Time the work queue (all, and assigned to me), a request page, the notifications and the activity list on a scale-20 demonstration database.

Plain script: ``.venv/bin/python bench/bench_assistance.py [--scale 20] [--runs 200]``.
It builds a fresh SQLite database in a temporary directory, generates the
demonstration data, then requests each page with Django's test client as a
UNODC officer, printing median and p95 in milliseconds and the SQL queries
per page (which must not grow with the data).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ctassist-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["CTASSIST_VAR_DIR"] = str(tmp)
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctassist.config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # test client without CSRF/host surprises
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    # Production settings serve hashed static file names: collect them as a deployment would.
    call_command("collectstatic", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", verbosity=0, stdout=quiet)
    call_command("generate_demo", scale=args.scale, only="participation,assistance", stdout=sys.stdout)
    print(f"database built in {time.perf_counter() - started:.1f} s ({tmp})")

    from ctassist.accounts import services as accounts
    from ctassist.accounts.choices import OrganisationKind, Role
    from ctassist.assistance.models import Activity, AssistanceRequest

    org = accounts.create_organisation(acting_user=None, kind=OrganisationKind.UNODC, name="UNODC (bench)")
    officer = accounts.create_user(
        acting_user=None, username="bench-officer", role=Role.OFFICER, organisation=org,
        password="bench-password-not-secret-1",  # noqa: S106 email="bench@example.org",
    )  # fmt: skip
    client = Client()
    client.force_login(officer)
    print(f"{AssistanceRequest.objects.count()} requests, {Activity.objects.count()} activities")

    request_ids = list(AssistanceRequest.objects.order_by("?").values_list("pk", flat=True)[: args.runs])
    # Give the officer a share of the open requests and notifications, as a working day would.
    from ctassist.assistance import services as assistance
    from ctassist.assistance.choices import OPEN_STATUSES
    from ctassist.core.services import notify

    for req in AssistanceRequest.objects.filter(status__in=OPEN_STATUSES).order_by("pk")[::7][:40]:
        assistance.assign_officer(acting_user=None, assistance_request=req, officer=officer)
    for i in range(300):
        notify([officer], lambda i=i: (f"Bench notification {i}", ""), link="/assistance/queue/")
    pages = {
        "work queue": [
            "/assistance/queue/?overdue=true" if i % 3 == 0 else f"/assistance/queue/?page={1 + i % 5}"
            for i in range(args.runs)
        ],
        "queue: mine": ["/assistance/queue/?assigned=me" for _ in range(args.runs)],
        "request page": [f"/assistance/requests/{pk}/" for pk in request_ids],
        "notifications": ["/notifications/" for _ in range(args.runs)],
        "activity list": [
            f"/assistance/activities/?page={1 + i % 20}" + ("&status=completed" if i % 2 else "")
            for i in range(args.runs)
        ],
    }
    print(f"\n{'page':<14} {'runs':>5} {'median ms':>10} {'p95 ms':>8} {'queries':>10}")
    for name, urls in pages.items():
        client.get(urls[0])  # warm up
        times, queries = [], set()
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries.add(len(captured.captured_queries))
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        span = f"{min(queries)}–{max(queries)}" if len(queries) > 1 else str(min(queries))
        print(f"{name:<14} {len(times):>5} {statistics.median(times):>10.1f} {p95:>8.1f} {span:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
