"""Time a training session page with 200 enrolled people and the transcript of a person with 30 sessions.

Plain script: ``.venv/bin/python bench/bench_training.py [--enrolled 200] [--sessions 30] [--runs 50]``.
It builds a fresh SQLite database in a temporary directory, records the sessions through the
services (as officers and focal points would), then requests each page with Django's test client
as a UNODC officer, printing median and p95 in milliseconds and the SQL queries per page.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time

from _harness import in_process_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrolled", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    tmp = in_process_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test import Client

    request_finished.disconnect(close_old_connections)  # keep one connection, so its queries can be counted
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", verbosity=0, stdout=quiet)

    from ctassist.accounts import services as accounts
    from ctassist.accounts.choices import OrganisationKind, Role
    from ctassist.assistance import services as assistance
    from ctassist.geo.models import State
    from ctassist.training import services

    org = accounts.create_organisation(acting_user=None, kind=OrganisationKind.UNODC, name="UNODC (bench)")
    officer = accounts.create_user(
        acting_user=None, username="bench-officer", role=Role.OFFICER, organisation=org,
        password="bench-password-not-secret-1",  # noqa: S106
    )  # fmt: skip
    state = State.objects.get(iso3="KEN")
    course = services.save_course(
        acting_user=None, code="bench", title="Bench course", objectives="Measure", languages=["en"],
        delivery_mode="face_to_face", duration_hours=14, status="published",
    )  # fmt: skip

    def person(n: int) -> dict:
        return {"identifier": f"p{n}@bench.example", "full_name": f"Person {n}", "agency": "police",
                "sex": "women" if n % 2 else "men", "language": "en", "consent": True}  # fmt: skip

    def session(day: datetime.date, seats: int):
        activity = assistance.create_activity(acting_user=None, title=f"Bench {day}", type="training",
                                              start_date=day, end_date=day + datetime.timedelta(days=2),
                                              place="Nairobi")  # fmt: skip
        return services.open_session(acting_user=None, course=course, activity=activity, language="en",
                                     seats={state: seats})  # fmt: skip

    big = session(datetime.date(2025, 1, 6), args.enrolled)
    for n in range(args.enrolled):
        nomination = services.nominate(acting_user=None, session=big, state=state, **person(n))
        services.decide(acting_user=None, nomination=nomination, decision="accepted")
    enrolled = big.nominations.values_list("pk", flat=True)
    services.record_attendance(acting_user=None, session=big, present={pk: big.days()[:2] for pk in enrolled})
    for k in range(args.sessions - 1):
        other = session(datetime.date(2023, 1, 2) + datetime.timedelta(weeks=k), 5)
        nomination = services.nominate(acting_user=None, session=other, state=state, **person(0))
        services.decide(acting_user=None, nomination=nomination, decision="accepted")
    traveller = big.nominations.get(person__identifier="p0@bench.example").person
    print(f"database built in {time.perf_counter() - started:.1f} s ({tmp}); "
          f"{big.nominations.count()} enrolled, {traveller.nominations.count()} sessions for one person")  # fmt: skip

    client = Client()
    client.force_login(officer)
    pages = {"session page": f"/training/sessions/{big.pk}/", "transcript": f"/training/people/{traveller.pk}/"}
    for name, url in pages.items():
        client.get(url)
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, {len(executed)} SQL queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
