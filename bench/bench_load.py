"""Load test: 50 simulated users of every role reading and writing at once, on SQLite or PostgreSQL.

Plain script, loopback only: ``.venv/bin/python bench/bench_load.py [--duration 300] [--users 50]``.
It builds a fresh database (SQLite in a temporary folder; with ``DATABASE_URL`` set, that
PostgreSQL database, which must be empty), loads the reference and demonstration data, creates one
account per simulated user spread over the roles (administrator, officer, focal points of two
States, partner, donor), serves ctassist with gunicorn on 127.0.0.1 and runs one thread per user
for ``--duration`` seconds. Each user signs in through the sign-in page, takes an API token, and
then loops: mostly page and API reads of what the role may open, and writes (edits of requests and
activities through the API with If-Match, the language switch through the page with CSRF). Administrators
sign in with their second factor (an authenticator the bench provisions), and every user comes from an
address of their own through a trusted proxy, so the sign-in throttles see people, not one machine.

It prints throughput, p50/p95 per page and the error count, and saves them in
bench/results/load-<engine>.json. An error is any 5xx, a refused connection or a time-out, or an
answer other than the expected one; a 412 on a write is another user's edit winning the race
(counted as a conflict, then retried with a fresh ETag), and a 403 on a write is the workflow
refusing that role's edit at that stage (counted as refused; the user edits other records), not
errors. The script exits 1 when
there is any error.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pyotp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import BIN, ROOT, Server, environment, manage, save  # noqa: E402

PASSWORD = "bench-load-password-not-secret-1"  # noqa: S105 - throwaway database

# (role key, share of the users)
ROLES = [("admin", 0.08), ("officer", 0.28), ("focal_ken", 0.2), ("focal_per", 0.2), ("partner", 0.12), ("donor", 0.12)]

# Pages and endpoints tried for every role; the warm-up keeps those the role may open (200) and
# prints the others (sign-in, 403, 404 are the policy at work, not errors).
CANDIDATE_READS = [
    "/",
    "/framework/instruments/",
    "/mandates/",
    "/library/",
    "/assistance/requests/",
    "/assistance/activities/",
    "/assistance/queue/",
    "/directory/",
    "/directory/coverage/",
    "/cooperation/",
    "/funding/donors/",
    "/funding/contributions/",
    "/training/courses/",
    "/training/sessions/",
    "/needs/",
    "/reports/",
    "/reports/countries/",
    "/reports/sg/",
    "/audit/changes/",
    "/api/states/",
    "/api/instruments/",
    "/api/requests/",
    "/api/activities/",
    "/api/directory/entries/",
    "/api/resolutions/",
    "/api/projects/",
]

SETUP = r"""
import json
from ctassist.accounts import services, twofactor
from ctassist.accounts.demo import ensure_demo_accounts
from ctassist.accounts.models import User
ensure_demo_accounts()
demo = {"admin": "demo-admin", "officer": "demo-officer", "focal_ken": "demo-focal-ken",
        "focal_per": "demo-focal-per", "partner": "demo-partner", "donor": "demo-donor"}
plan = json.loads(PLAN)
for name, role in plan:
    model = User.objects.get(username=demo[role])
    services.create_user(acting_user=None, username=name, role=model.role, organisation=model.organisation,
                         password=PASSWORD, email=f"{name}@example.org", is_demo=True)
# Administrators must use a second factor: each gets an authenticator the bench computes codes from.
secrets = {}
for name, _role in plan:
    user = User.objects.get(username=name)
    if twofactor.required_for(user):
        secrets[name] = services.provision_two_factor(acting_user=None, user=user).secret
print("SECRETS=" + json.dumps(secrets))
"""


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.conflicts = 0
        self.refused = 0
        self.writes = 0

    def record(self, label: str, ms: float) -> None:
        with self.lock:
            self.samples[label].append(ms)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def label_of(path: str) -> str:
    """The page a path is (ids and query strings folded), for the per-page figures."""
    path = path.split("?", 1)[0]
    return re.sub(r"/\d+/", "/{id}/", path)


class User:
    def __init__(self, server: Server, name: str, role: str, stats: Stats, rng: random.Random):
        self.server, self.name, self.role, self.stats, self.rng = server, name, role, stats, rng
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = ""
        self.secret = ""  # the authenticator's secret, for the accounts that must use a second factor
        # As if each user came through the reverse proxy from an address of their own (CTASSIST_TRUSTED_PROXIES=1),
        # so that the per-address sign-in throttle sees 50 people, not one machine.
        self.address = f"10.19.{len(name) % 200}.{sum(map(ord, name)) % 250 + 1}"
        self.reads: list[str] = []
        self.request_ids: list[int] = []
        self.activity_ids: list[int] = []
        self.pages: dict[str, int] = {}

    # -- HTTP ----------------------------------------------------------------------------------

    def call(self, method: str, path: str, *, data=None, headers=None, api=False, label=None, expect=(200,)):
        headers = {"X-Forwarded-For": self.address, **(headers or {})}
        body = None
        if data is not None:
            if api:
                body = json.dumps(data).encode()
                headers["Content-Type"] = "application/json"
            else:
                body = urllib.parse.urlencode(data).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        if api and self.token:
            headers["Authorization"] = f"Token {self.token}"
        request = urllib.request.Request(self.server.url(path), data=body, headers=headers, method=method)  # noqa: S310
        start = time.perf_counter()
        status, payload, answer_headers = 0, b"", {}
        try:
            with self.opener.open(request, timeout=60) as response:
                status, payload, answer_headers = response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            status, payload, answer_headers = exc.code, exc.read(), dict(exc.headers)
        except OSError as exc:
            self.stats.error(f"{method} {path}: {type(exc).__name__}: {exc}")
            return 0, b"", {}
        elapsed = (time.perf_counter() - start) * 1000
        self.stats.record(f"{method} {label or label_of(path)}", elapsed)
        if status >= 500 or status not in expect:
            self.stats.error(f"{self.role} {method} {path}: HTTP {status}")
        return status, payload, answer_headers

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    # -- session -------------------------------------------------------------------------------

    def sign_in(self) -> None:
        self.call("GET", "/accounts/sign-in/")
        status, _, _ = self.call(
            "POST",
            "/accounts/sign-in/",
            data={"username": self.name, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            headers={"Referer": self.server.url("/accounts/sign-in/")},
            expect=(200, 302),
        )
        credentials = {"username": self.name, "password": PASSWORD}
        if self.secret:
            # The second step of the sign-in page with this period's code; the token with the next period's
            # (each code is taken once, and one period either side is accepted for clock drift).
            totp = pyotp.TOTP(self.secret)
            self.call(
                "POST",
                "/accounts/sign-in/code/",
                data={"code": totp.now(), "csrfmiddlewaretoken": self.csrf()},
                headers={"Referer": self.server.url("/accounts/sign-in/code/")},
                expect=(200, 302),
            )
            credentials["otp"] = totp.at(time.time() + totp.interval)
        status, payload, _ = self.call("POST", "/api/auth/token/", data=credentials, api=True)
        if status == 200:
            self.token = json.loads(payload)["token"]

    def discover(self, shared: dict[str, list[str]], lock: threading.Lock) -> None:
        """The reads this role may make: the first user of a role tries the candidates, the others reuse them."""
        with lock:
            known = shared.get(self.role)
            if known is None:
                known = []
                for path in CANDIDATE_READS:
                    status, _, _ = self.call("GET", path, api=path.startswith("/api/"), expect=range(200, 500))
                    if status == 200:
                        known.append(path)
                shared[self.role] = known
        self.reads = list(known)
        for kind, into in (("requests", self.request_ids), ("activities", self.activity_ids)):
            if f"/api/{kind}/" in self.reads:
                status, payload, _ = self.call("GET", f"/api/{kind}/?page_size=50", api=True)
                if status == 200:
                    listing = json.loads(payload)
                    into.extend(row["id"] for row in listing["results"])
                    self.pages[f"/api/{kind}/"] = max(1, -(-listing["count"] // 50))
        if self.request_ids and "/assistance/requests/" in self.reads:
            self.reads += [f"/assistance/requests/{pk}/" for pk in self.request_ids[:20]]
        if self.activity_ids and "/assistance/activities/" in self.reads:
            self.reads += [f"/assistance/activities/{pk}/" for pk in self.activity_ids[:20]]

    # -- the work ------------------------------------------------------------------------------

    def read(self) -> None:
        path = self.rng.choice(self.reads)
        if path.endswith(("/requests/", "/activities/")):
            pages = min(3, self.pages.get(path, 1))
            path += f"?page={self.rng.randint(1, pages)}" if path.startswith("/api/") else "?sort=-id"
        self.call("GET", path, api=path.startswith("/api/"), expect=(200, 404))

    def edit(self, kind: str, pk: int, field: str) -> None:
        """GET for the ETag, PATCH with If-Match; a 412 (someone else won) is retried with the new ETag."""
        for _attempt in range(3):
            status, payload, headers = self.call("GET", f"/api/{kind}/{pk}/", api=True)
            if status != 200:
                return
            record = json.loads(payload)
            text = f"{record.get(field) or ''}".split(" [load ")[0][:500] + f" [load {self.rng.randint(0, 9999)}]"
            status, _, _ = self.call(
                "PATCH",
                f"/api/{kind}/{pk}/",
                data={field: text},
                headers={"If-Match": headers.get("ETag", "")},
                api=True,
                expect=(200, 403, 412),
            )
            with self.stats.lock:
                self.stats.writes += 1
                if status == 412:
                    self.stats.conflicts += 1
                elif status == 403:
                    self.stats.refused += 1
            if status == 403:
                # The workflow refuses this role's edit at this stage (the policy at work): edit others.
                ids = self.request_ids if kind == "requests" else self.activity_ids
                if pk in ids and len(ids) > 1:
                    ids.remove(pk)
            if status != 412:
                return

    def switch_language(self) -> None:
        language = self.rng.choice(["en", "fr", "es"])
        self.call(
            "POST",
            "/i18n/setlang/",
            data={"language": language, "next": "/", "csrfmiddlewaretoken": self.csrf()},
            headers={"Referer": self.server.url("/")},
            expect=(200, 302),
        )
        with self.stats.lock:
            self.stats.writes += 1

    def step(self) -> None:
        roll = self.rng.random()
        may_edit = self.role in ("admin", "officer", "focal_ken", "focal_per")
        if may_edit and roll < 0.12 and self.request_ids:
            self.edit("requests", self.rng.choice(self.request_ids), "needs")
        elif self.role in ("admin", "officer") and roll < 0.2 and self.activity_ids:
            self.edit("activities", self.rng.choice(self.activity_ids), "outputs")
        elif roll > 0.97:
            self.switch_language()
        else:
            self.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (default 300)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--scale", type=int, default=3, help="demonstration data scale")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between a user's requests (s)")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL")
    engine = "postgresql" if database_url and database_url.startswith("postgres") else "sqlite"
    tmp = Path(tempfile.mkdtemp(prefix="ctassist-bench-load-"))
    env = environment(tmp, database_url)
    env["CTASSIST_TRUSTED_PROXIES"] = "1"  # the users' addresses come in X-Forwarded-For, as behind a proxy
    env["LOG_LEVEL"] = "ERROR"  # refusals (403, 404) are the policy at work; server errors are still logged
    started = time.perf_counter()
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    with open(os.devnull, "w") as quiet:
        subprocess.run([str(BIN / "ctassist"), "load_reference"], env=env, cwd=ROOT, check=True, stdout=quiet)
        subprocess.run(
            [str(BIN / "ctassist"), "generate_demo", "--scale", str(args.scale)],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=quiet,
        )
    rng = random.Random(args.seed)  # noqa: S311 - a load mix, not a secret
    plan = []
    for role, share in ROLES:
        plan += [(f"load-{role}-{i}", role) for i in range(max(1, round(share * args.users)))]
    plan = plan[: args.users] if len(plan) > args.users else plan
    code = SETUP.replace("PLAN", repr(json.dumps(plan))).replace("PASSWORD", repr(PASSWORD))
    built = subprocess.run(
        [str(BIN / "ctassist"), "shell", "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    secrets = json.loads(next(line for line in built.stdout.splitlines() if line.startswith("SECRETS="))[8:])
    print(f"{engine}: database built in {time.perf_counter() - started:.0f} s, {len(plan)} users ({tmp})")

    stats = Stats()
    with Server(env, workers=args.workers, threads=args.threads) as server:
        users = [User(server, name, role, stats, random.Random(rng.random())) for name, role in plan]  # noqa: S311
        for user in users:
            user.secret = secrets.get(user.name, "")
        shared: dict[str, list[str]] = {}
        lock = threading.Lock()
        for user in users:
            user.sign_in()
            user.discover(shared, lock)
        for role, reads in shared.items():
            print(f"  {role:<10} reads {len(reads)} of {len(CANDIDATE_READS)} pages")
        warmup_errors = list(stats.errors)
        stats.samples.clear()
        stop_at = time.monotonic() + args.duration

        def run(user: User) -> None:
            while time.monotonic() < stop_at:
                user.step()
                time.sleep(user.rng.expovariate(1 / args.think) if args.think else 0)

        threads = [threading.Thread(target=run, args=(u,)) for u in users]
        load_started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - load_started

    total = sum(len(v) for v in stats.samples.values())
    pages = {}
    for label, samples in sorted(stats.samples.items(), key=lambda kv: -len(kv[1])):
        samples.sort()
        pages[label] = {
            "requests": len(samples),
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[max(0, math.ceil(0.95 * len(samples)) - 1)], 1),  # nearest rank
        }
    results = {
        "engine": engine,
        "users": len(users),
        "duration_s": round(elapsed, 1),
        "requests": total,
        "throughput_rps": round(total / elapsed, 1),
        "writes": stats.writes,
        "conflicts_412": stats.conflicts,
        "refused_403": stats.refused,
        "errors": len(stats.errors),
        "error_samples": sorted(set(stats.errors))[:20],
        "warmup_errors": len(warmup_errors),
        "server": {"workers": args.workers, "threads": args.threads},
        "pages": pages,
    }
    print(f"\n{'page':<44} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for label, row in pages.items():
        print(f"{label:<44} {row['requests']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8}")
    print(
        f"\n{engine}: {total} requests in {elapsed:.0f} s = {total / elapsed:.1f}/s by {len(users)} users; "
        f"{stats.writes} writes ({stats.conflicts} lost the race: 412, retried; {stats.refused} refused by the "
        f"workflow: 403); errors: {len(stats.errors)}"
    )
    for line in results["error_samples"]:
        print("  error:", line)
    save(f"load-{engine}", {k: v for k, v in results.items() if k != "pages"} | {"pages": pages})
    return 1 if stats.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
