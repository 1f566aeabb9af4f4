"""Long work on the task queue: a lease kept alive by a heartbeat, and recovery of work whose worker died.

The worker (``ctassist db_worker``) runs tasks to the end, but a worker that is killed (deployment,
out of memory, a crash) leaves what it was doing marked "running" for ever. Every piece of long work
therefore keeps a *lease*: while it runs, a heartbeat thread touches its row every
``TASK_HEARTBEAT_SECONDS``; a row still "running" whose heartbeat is older than ``TASK_LEASE_SECONDS``
has lost its worker. Each area registers a recovery function that finds its own stale rows and
queues them again (or marks them failed after ``TASK_MAX_ATTEMPTS``). Recovery runs when any task
starts, when a page polls the progress of a piece of work, and from ``ctassist recover_tasks``
(run before the worker starts).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

_recoveries: dict[str, Callable[[], int]] = {}


def lease_seconds() -> int:
    return int(getattr(settings, "TASK_LEASE_SECONDS", 60))


def heartbeat_seconds() -> float:
    return float(getattr(settings, "TASK_HEARTBEAT_SECONDS", max(1, lease_seconds() // 4)))


def max_attempts() -> int:
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 3))


def stale_before() -> datetime.datetime:
    """A running row whose last heartbeat is older than this has lost its worker."""
    return timezone.now() - datetime.timedelta(seconds=lease_seconds())


@contextlib.contextmanager
def heartbeat(touch: Callable[[], None], interval: float | None = None) -> Iterator[None]:
    """Call ``touch`` every ``interval`` seconds in a thread while the block runs (the lease's heartbeat).

    ``touch`` is a plain update of the row's heartbeat; it runs on the thread's own connection,
    which is closed when the block ends. In tests (the immediate backend, inside the test's
    transaction) no thread is started: the row is touched once, on the caller's connection.
    """
    if connection.in_atomic_block:
        touch()
        yield
        return
    stop = threading.Event()
    every = interval if interval is not None else heartbeat_seconds()

    def beat() -> None:
        from django.db import connections

        try:
            while not stop.wait(every):
                try:
                    touch()
                except Exception:  # noqa: BLE001 - a missed beat is retried; the lease allows several
                    logger.warning("Heartbeat failed", exc_info=True)
        finally:
            connections.close_all()

    thread = threading.Thread(target=beat, name="ctassist-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


def register_recovery(name: str, recover: Callable[[], int]) -> None:
    """Register an area's recovery: it queues its stale work again and returns how many it recovered."""
    _recoveries[name] = recover


def recover_stale() -> int:
    """Run every registered recovery; a failing one is logged and does not stop the others."""
    recovered = 0
    for name, recover in list(_recoveries.items()):
        try:
            recovered += recover()
        except Exception:  # noqa: BLE001 - recovery is best effort; the next run tries again
            logger.exception("Recovery of %s failed", name)
    if recovered:
        logger.warning("Recovered %s piece(s) of work whose worker stopped", recovered)
    return recovered


def on_task_started(**kwargs) -> None:
    """``django_tasks.signals.task_started``: a worker that takes a task first recovers stale work."""
    recover_stale()
