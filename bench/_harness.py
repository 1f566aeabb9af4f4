"""Shared pieces of the benchmarks: a throwaway database, a real server, timed requests.

Benchmarks run ctassist under gunicorn on 127.0.0.1 with production settings
(DEBUG off) against a fresh database in a temporary folder, and time plain
HTTP requests from this process. Results are printed and saved as JSON in
bench/results/.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def environment(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ctassist.config.settings",
            "CTASSIST_VAR_DIR": str(var_dir),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "LOG_LEVEL": "WARNING",
            # This checkout's code, whichever checkout the shared environment was installed from.
            "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p),
        }
    )
    env["DATABASE_URL"] = database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}"
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "ctassist"), *args], env=env, check=True, cwd=ROOT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving ctassist on a free loopback port, stopped on exit."""

    def __init__(self, env: dict[str, str], workers: int = 2, threads: int = 1):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "ctassist.config.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(workers),
                *(["--threads", str(threads)] if threads > 1 else []),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("the server did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def time_requests(server: Server, paths: list[str], count: int, warmup: int = 5) -> dict[str, float]:
    """GET the paths in turn ``count`` times in all; return timing statistics in milliseconds."""
    for path in paths[:warmup]:
        urllib.request.urlopen(server.url(path), timeout=60).read()
    samples = []
    sizes = []
    for i in range(count):
        path = paths[i % len(paths)]
        start = time.perf_counter()
        with urllib.request.urlopen(server.url(path), timeout=60) as response:
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
        samples.append((time.perf_counter() - start) * 1000)
        sizes.append(len(body))
    samples.sort()
    return {
        "requests": count,
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
        "max_ms": round(samples[-1], 1),
        "mean_kb": round(statistics.mean(sizes) / 1024, 1),
    }


def save(name: str, results: dict) -> None:
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))


def in_process_django() -> Path:
    """Set up Django in this process on a throwaway SQLite database with production settings.

    For benchmarks that time pages through the test client rather than a server. Returns the folder
    holding the database. ``setup_test_environment`` lets the client through host and CSRF checks.
    """
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="ctassist-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["CTASSIST_VAR_DIR"] = str(tmp)
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctassist.config.settings")
    sys.path.insert(0, str(ROOT / "src"))

    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    return tmp
