"""Library search latency: ctassist's /api/library/search/ beside Datasette, same documents, same queries.

Builds 100,000 generated provisions in a fresh SQLite database (temp dir), serves
ctassist with gunicorn from .venv on 127.0.0.1 and Datasette (installed from PyPI
into /tmp/dsvenv, created if missing: needs network access to PyPI) over a copy
of the documents with its own FTS5 index, then times the same queries over HTTP.

    .venv/bin/python bench/bench_search.py [--provisions 100000] [--queries 240]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
DSVENV = Path("/tmp/dsvenv")  # noqa: S108 - fixed location the brief asks for
WORDS = [
    "financing",
    "terrorism",
    "funds",
    "offence",
    "aircraft",
    "ship",
    "hostage",
    "explosive",
    "nuclear",
    "extradition",
    "assistance",
    "jurisdiction",
    "legal",
    "person",
    "seizure",
    "freezing",
    "penalties",
    "accomplice",
    "organisation",
    "device",
    "territory",
    "national",
    "forfeiture",
    "attempt",
    "court",
]


def queries(n: int, rng: random.Random) -> list[str]:
    out = []
    for i in range(n):
        a, b, c = rng.sample(WORDS, 3)
        out.append(
            [a, f"{a} {b}", f'"{a} of"' if i % 7 == 0 else f"{a[:5]}*", f"{a} OR {b}", f"{a} -{b}", f"{a} {b} {c}"][
                i % 6
            ]
        )
    return out


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    last: Exception | None = None
    while time.time() < deadline:
        try:
            OPENER.open(url, timeout=5).read()
            return
        except Exception as exc:  # noqa: BLE001
            last = exc
            time.sleep(0.3)
    raise SystemExit(f"server at {url} did not start: {last!r}")


def timed(urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        start = time.perf_counter()
        with OPENER.open(url, timeout=60) as response:
            response.read()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    return (
        f"{name:<10} median {statistics.median(ms):7.1f} ms   p95 {ms[int(len(ms) * 0.95) - 1]:7.1f} ms   (n={len(ms)})"
    )


def build(tmp: Path, provisions: int) -> Path:
    db = tmp / "bench.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "CTASSIST_VAR_DIR": str(tmp),
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "ctassist.config.settings",
    }
    code = f"""
import django, random, datetime
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from ctassist.geo.services import load_states
from ctassist.treaties.services import load_instruments
load_states(acting_user=None); load_instruments(acting_user=None)
from ctassist.geo.models import State
from ctassist.library.models import Legislation, Provision
from ctassist.library.demo import LAWS, law_provisions
from ctassist.library.search import index
from django.db import transaction
rng = random.Random(7)
states = list(State.objects.all())
made = 0
with transaction.atomic():
    while made < {provisions}:
        title, kind, codes, themes = rng.choice(LAWS)
        law = Legislation.objects.create(state=rng.choice(states), title=title, kind=kind, themes=themes,
            language=rng.choice(["en","en","fr","es"]), adopted_on=datetime.date(rng.randint(1990, 2024), 1, 1),
            is_demo=True)
        law._instrument_codes = codes
        drafts = law_provisions(rng, min(50, {provisions} - made))
        objs = Provision.objects.bulk_create([Provision(legislation=law, position=i, label=d.label, heading=d.heading,
            text=d.text) for i, d in enumerate(drafts)])
        for p in objs: p.legislation = law
        index.index_many(objs)
        made += len(objs)
print(made)
"""
    subprocess.run([str(VENV / "python"), "-c", code], env=env, check=True, cwd=ROOT)
    return db


def datasette_copy(db: Path, tmp: Path) -> Path:
    copy = tmp / "docs.db"
    src = sqlite3.connect(db)
    dst = sqlite3.connect(copy)
    dst.execute(
        "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, reference TEXT, body TEXT, state TEXT, "
        "kind TEXT, year INTEGER, language TEXT)"
    )
    rows = src.execute(
        "SELECT d.id, d.title, d.reference, d.body, s.iso3, d.kind, d.year, d.language FROM "
        "library_searchdocument d LEFT JOIN geo_state s ON s.id = d.state_id"
    )
    dst.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", rows)
    dst.execute(
        "CREATE VIRTUAL TABLE docs_fts USING fts5(title, reference, body, content='docs', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    dst.execute("INSERT INTO docs_fts(docs_fts) VALUES ('rebuild')")
    dst.commit()
    return copy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provisions", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=240)
    args = parser.parse_args()
    if not (DSVENV / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", str(DSVENV)], check=True)
        subprocess.run([str(DSVENV / "bin" / "pip"), "install", "-q", "datasette"], check=True)
    tmp = Path(tempfile.mkdtemp(prefix="ctassist-bench-"))
    procs = []
    try:
        t0 = time.time()
        db = build(tmp, args.provisions)
        copy = datasette_copy(db, tmp)
        ours_port, ds_port = free_port(), free_port()
        print(f"built {args.provisions} provisions in {time.time() - t0:.0f}s")
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{db}",
            "CTASSIST_VAR_DIR": str(tmp),
            "SECRET_KEY": "bench",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "ctassist.config.settings",
            "SECURE_SSL_REDIRECT": "0",
        }
        procs.append(
            subprocess.Popen(
                [str(VENV / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{ours_port}", "ctassist.config.wsgi:application"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=open(tmp / "gunicorn.log", "w"),  # noqa: SIM115
            )
        )
        procs.append(
            subprocess.Popen(
                [
                    str(DSVENV / "bin" / "datasette"),
                    str(copy),
                    "-p",
                    str(ds_port),
                    "-h",
                    "127.0.0.1",
                    "--setting",
                    "suggest_facets",
                    "off",
                    "--setting",
                    "sql_time_limit_ms",
                    "20000",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        try:
            wait(f"http://127.0.0.1:{ours_port}/api/library/search/?q=x")
        except SystemExit:
            print((tmp / "gunicorn.log").read_text()[-3000:])
            raise
        wait(f"http://127.0.0.1:{ds_port}/docs.json")
        qs = queries(args.queries, random.Random(11))
        ours = [f"http://127.0.0.1:{ours_port}/api/library/search/?{urllib.parse.urlencode({'q': q})}" for q in qs]
        theirs = [
            f"http://127.0.0.1:{ds_port}/docs/docs.json?"
            + urllib.parse.urlencode(
                [
                    ("_search", q),
                    ("_searchmode", "raw" if False else ""),
                    ("_size", "20"),
                    ("_sort_by_desc", ""),
                    ("_facet", "state"),
                    ("_facet", "kind"),
                    ("_facet", "year"),
                    ("_facet", "language"),
                ]
            )
            for q in qs
        ]
        theirs = [u.replace("&_searchmode=", "").replace("&_sort_by_desc=", "") for u in theirs]
        timed(ours[:20]), timed(theirs[:20])  # warm up
        print(summary("ctassist", timed(ours)))
        print(summary("datasette", timed(theirs)))
        print("ctassist: hits, 8 facets with counts, total, snippets; datasette: rows, 4 facets, count")
    finally:
        for proc in procs:
            proc.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
