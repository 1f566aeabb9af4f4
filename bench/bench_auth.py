"""Time what authentication adds to a request: API token look-up, the two-factor check, the token endpoint.

Plain script: ``.venv/bin/python bench/bench_auth.py [--runs 200]``. A fresh SQLite database with
production settings (Argon2 passwords); Django's test client. Prints median and p95 in milliseconds
and the SQL queries of one request, for: an API read with a token (an officer; an administrator,
whose two-factor set-up is checked too), the same read with a session, and ``POST /api/auth/token/``
with and without the two-factor code (each one an Argon2 password check).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from _harness import in_process_django


def _time(call, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    in_process_django()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test import Client

    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = False  # the endpoint is called many times with the right password
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", verbosity=0, stdout=quiet)

    from ctassist.accounts import services, twofactor
    from ctassist.accounts.choices import OrganisationKind, Role
    from ctassist.accounts.models import TwoFactorDevice

    password = "bench-password-not-secret-1"  # noqa: S105
    org = services.create_organisation(acting_user=None, kind=OrganisationKind.UNODC, name="UNODC (bench)")
    users = {
        role: services.create_user(acting_user=None, username=f"bench-{role}", role=role, organisation=org,
                                   password=password)  # fmt: skip
        for role in (Role.OFFICER, Role.ADMIN)
    }
    device = services.start_two_factor(acting_user=None, user=users[Role.ADMIN])
    services.confirm_two_factor(acting_user=None, user=users[Role.ADMIN], code=twofactor.current_code(device))

    url = "/api/states/?page_size=5"
    client = Client()
    results = []

    def measure(label, call):
        call()  # warm up (the first token use also writes its "last used" time)
        executed = []

        def count(execute, sql, params, many, context):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            call()
        median, p95 = _time(call, args.runs)
        results.append((label, median, p95, len(executed)))

    for role, user in users.items():
        key = services.issue_token(acting_user=user, user=user).key
        measure(f"API read, token ({role})", lambda key=key: client.get(url, HTTP_AUTHORIZATION=f"Token {key}"))
    session = Client()
    session.force_login(users[Role.OFFICER])
    measure("API read, session (officer)", lambda: session.get(url))

    def token_endpoint(username, **extra):
        cache.clear()  # stay under the per-address throttle
        answer = client.post("/api/auth/token/", {"username": username, "password": password, **extra})
        assert answer.status_code == 200, answer.content

    runs = args.runs
    args.runs = max(10, runs // 10)  # each call hashes a password with Argon2
    measure("POST /api/auth/token/ (officer)", lambda: token_endpoint("bench-officer"))

    def with_code():
        # Each code is accepted once; the bench forgets the last one used so as to call again at once.
        TwoFactorDevice.objects.filter(pk=device.pk).update(last_step=0)
        device.refresh_from_db()
        token_endpoint("bench-admin", otp=twofactor.current_code(device))

    measure("POST /api/auth/token/ + TOTP (administrator)", with_code)
    args.runs = runs

    print(f"{'request':<48} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, median, p95, queries in results:
        print(f"{label:<48} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
