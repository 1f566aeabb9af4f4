"""Fault test: a real worker killed in the middle of a job; the job is queued again, never left "running".

A real ``ctassist db_worker`` runs against a file copy of the test database (SQLite), or a copy made
from it as a template when the suite runs on PostgreSQL. The job is a directory import (an
``atomic`` kind): the worker writes every row inside the job's transaction and is killed (SIGKILL)
before it commits (``fault_worker`` holds it there). The lease is made short through the
environment; once it has expired ``ctassist recover_tasks`` queues the job again, and a new worker
applies the import once, in full.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

# ``django_db`` makes sure the test database exists (the template is copied from it); the worker
# processes use their own copy, never the test's transaction.
pytestmark = [pytest.mark.fault, pytest.mark.django_db]

SRC = Path(__file__).resolve().parents[3]
LEASE = 2
ROWS = 20


class FaultDatabase:
    """A database of its own for the worker, with plain SQL to watch it from outside."""

    def __init__(self, url: str, vendor: str, path: Path | None = None, conninfo: str = ""):
        self.url, self.vendor, self.path, self.conninfo = url, vendor, path, conninfo

    def one(self, sql: str, params: tuple = ()) -> tuple:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path, timeout=20) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchone()
        import psycopg

        with psycopg.connect(self.conninfo) as db:
            return db.execute(sql, params).fetchone()

    def job(self, pk: int) -> tuple:
        return self.one("SELECT status, attempts, message FROM core_job WHERE id = %s", (pk,))

    def entries(self) -> int:
        return self.one("SELECT COUNT(*) FROM directory_directoryentry WHERE name LIKE %s", ("%(fault test)",))[0]


def _pg_conninfo(settings: dict, name: str) -> str:
    parts = {"dbname": name, "user": settings.get("USER"), "host": settings.get("HOST"), "port": settings.get("PORT"),
             "password": settings.get("PASSWORD")}  # fmt: skip
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


@pytest.fixture(scope="module")
def fault_template(tmp_path_factory, django_db_setup, django_db_blocker):
    """A copy of the migrated test database (schema and reference data), made before any test's transaction."""
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            path = tmp_path_factory.mktemp("fault") / "template.sqlite3"
            connection.ensure_connection()
            copy = sqlite3.connect(path)
            connection.connection.backup(copy)
            copy.close()
            yield ("sqlite", path)
            return
        if connection.vendor != "postgresql":
            pytest.skip(f"no fault test for {connection.vendor}")
        import psycopg

        settings = dict(connection.settings_dict)
        name = f"{settings['NAME']}_fault_template"
        connection.close()  # a template database may have no other session
        with psycopg.connect(_pg_conninfo(settings, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
        yield ("postgresql", (settings, name))
        with psycopg.connect(_pg_conninfo(settings, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fault_database(fault_template, tmp_path):
    """A fresh database for one test's worker processes, copied from the template."""
    vendor, source = fault_template
    if vendor == "sqlite":
        path = tmp_path / "fault.sqlite3"
        shutil.copyfile(source, path)
        yield FaultDatabase(f"sqlite:///{path}", "sqlite", path=path)
        return
    import psycopg

    settings, template = source
    name = f"{settings['NAME']}_fault"
    with psycopg.connect(_pg_conninfo(settings, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    at = f"{user}{password}@" if user else ""
    url = f"postgres://{at}{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{name}"
    yield FaultDatabase(url, "postgresql", conninfo=_pg_conninfo(settings, name))
    with psycopg.connect(_pg_conninfo(settings, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(database: FaultDatabase, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "DJANGO_SETTINGS_MODULE": "ctassist.core.tests.fault_settings",
        "DATABASE_URL": database.url,
        "DB_CONN_MAX_AGE": "0",
        "CTASSIST_VAR_DIR": str(tmp_path),
        "CTASSIST_FAULT_DIR": str(tmp_path / "fault"),
        "TASK_LEASE_SECONDS": str(LEASE),
        "TASK_HEARTBEAT_SECONDS": "0.5",
        **extra,
    }
    env.setdefault("SECRET_KEY", "fault-test-" + "k" * 40)  # the same key for every process of the test
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ctassist.config.cli", *args, "--skip-checks" if args[0] != "shell" else "--no-imports"]


def _ctassist(env: dict[str, str], *args: str, timeout: float = 90) -> str:
    done = subprocess.run(  # noqa: S603 - our own command
        _command(*args), env=env, capture_output=True, text=True, timeout=timeout, cwd=env["CTASSIST_VAR_DIR"]
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _queue(env: dict[str, str], rows: int) -> subprocess.Popen:
    """Queue the import job (a process of its own, started with the worker to save a start-up)."""
    code = f"from ctassist.core.tests.fault_worker import queue_import; print(queue_import({rows}))"
    return subprocess.Popen(  # noqa: S603 - our own command
        _command("shell", "-c", code), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=env["CTASSIST_VAR_DIR"],
    )


def _queued(process: subprocess.Popen) -> int:
    out, err = process.communicate(timeout=90)
    assert process.returncode == 0, err[-3000:]
    return int(out.split()[-1])


def _worker(env: dict[str, str], tmp_path: Path, name: str) -> subprocess.Popen:
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(  # noqa: S603 - our own command
        _command("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"),
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
    )  # fmt: skip


def _stop(worker: subprocess.Popen, sig: int = signal.SIGTERM) -> int:
    if worker.poll() is None:
        worker.send_signal(sig)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    return worker.returncode


def _wait_for(condition, what: str, worker: subprocess.Popen | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if worker is not None and worker.poll() is not None:
            pytest.fail(f"the worker ended ({worker.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _kill_when_written(env: dict[str, str], tmp_path: Path, database: FaultDatabase, rows: int) -> int:
    """Queue the import, let a worker write its rows, and SIGKILL the worker before it commits."""
    (tmp_path / "fault").mkdir()
    queueing, first = _queue(env, rows), _worker(env, tmp_path, "worker-1")
    try:
        job = _queued(queueing)
        _wait_for(lambda: (tmp_path / "fault" / "applied-1").exists(), "the rows were written", first)
        status, attempts, _message = database.job(job)
        assert (status, attempts) == ("running", 1)
        assert database.entries() == 0  # written, not committed
    finally:
        assert _stop(first, signal.SIGKILL) == -signal.SIGKILL
    return job


def test_a_worker_killed_during_a_job_leaves_it_queued_again_then_done_once(fault_database, tmp_path):
    env = _env(fault_database, tmp_path)
    job = _kill_when_written(env, tmp_path, fault_database, ROWS)
    # The killed worker's transaction is gone; its job still says "running", until its lease expires.
    assert fault_database.entries() == 0
    assert fault_database.job(job)[0] == "running"
    killed_at = time.monotonic()
    (tmp_path / "fault" / "release").touch()  # the next attempt goes through
    second = _worker(env, tmp_path, "worker-2")  # a new worker, started at once (as a supervisor would)
    try:
        time.sleep(max(0.0, killed_at + LEASE + 0.5 - time.monotonic()))
        assert "1 piece(s) of work recovered" in _ctassist(env, "recover_tasks")
        _wait_for(lambda: fault_database.job(job)[0] in ("done", "failed"), "the job to finish", second)
    finally:
        _stop(second)
    status, attempts, message = fault_database.job(job)
    assert (status, attempts) == ("done", 2), (message, (tmp_path / "worker-2.log").read_text()[-3000:])
    assert message.startswith(f"Imported: {ROWS} new")
    assert fault_database.entries() == ROWS  # applied once, in full
    assert (tmp_path / "fault" / "applied-2").exists()

