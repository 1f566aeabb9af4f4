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
import functools
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

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


# -- jobs: long work a user starts from a page, followed on the job's page --------------------------

PAGE_EXPORT = "page-export"
_kinds: dict[str, Callable[..., tuple[str, str, bytes]]] = {}


def register_kind(kind: str, run: Callable[..., tuple[str, str, bytes]]) -> None:
    """``run(job, progress)`` does the work as ``job.owner`` and returns (file name, content type, bytes)."""
    _kinds[kind] = run


def in_job(request) -> bool:
    """Whether this request is the worker replaying a page for a job (then the page answers inline)."""
    return bool(getattr(request, "in_job", False))


def page_params(request) -> dict:
    from django.utils import translation

    return {"path": request.path, "query": request.META.get("QUERY_STRING", ""), "language": translation.get_language()}


def start(*, acting_user, kind: str, title: str, params: dict):
    """Create the job and queue it; the caller sends the user to the job's page."""
    from django.db import transaction

    from ctassist.core import services
    from ctassist.core.models import Job
    from ctassist.core.tasks import run_job_task

    job = Job(kind=kind, title=str(title)[:200], owner=acting_user, params=params)
    with transaction.atomic():
        services.save(job, acting_user=acting_user)
        transaction.on_commit(lambda: run_job_task.enqueue(job.pk))
    return job


def progress(job_id: int, pct: int, message: str, **fields) -> None:
    """Transient state of a running job: a plain update outside the change log, seen by the polling page."""
    from ctassist.core.models import Job

    Job.objects.filter(pk=job_id).update(
        progress=max(0, min(100, pct)), message=str(message)[:300], updated_at=timezone.now(), **fields
    )


def run(job_id: int) -> str:
    """Run a job (what the task does): the work as its owner, the file stored, or the reason it failed."""
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.db.models import F
    from django.utils.translation import gettext as _

    from ctassist.core import audit, services
    from ctassist.core.models import Job, JobStatus

    job = Job.objects.select_related("owner").get(pk=job_id)
    if job.is_finished:
        return job.status
    progress(job.pk, 1, _("Started"), status=JobStatus.RUNNING, attempts=F("attempts") + 1)

    def touch() -> None:
        Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(updated_at=timezone.now())

    with heartbeat(touch):
        try:
            name, content_type, data = _kinds[job.kind](job, lambda pct, msg: progress(job_id, pct, msg))
            with transaction.atomic():
                job = Job.objects.select_for_update().get(pk=job_id)
                before = audit.snapshot(job)
                job.result.save(f"job-{job.pk}-{name}", ContentFile(data), save=False)
                job.result_name, job.content_type = name[:200], content_type[:120]
                job.status, job.progress, job.message = JobStatus.DONE, 100, _("Ready")
                job.finished_at = timezone.now()
                services.save(job, acting_user=None, before=before, details={"size": len(data)})
        except Exception as exc:  # noqa: BLE001 - any failure is shown on the job's page
            logger.exception("Job %s failed", job_id)
            reason = f"{type(exc).__name__}: {exc}"
            progress(
                job_id, 100, _("Failed: %(reason)s") % {"reason": reason}, status=JobStatus.FAILED,
                finished_at=timezone.now(),
            )  # fmt: skip
    return Job.objects.get(pk=job_id).status


def recover_stale_jobs() -> int:
    """Queue again the jobs a stopped worker left running; fail them after too many attempts."""
    from django.db import transaction
    from django.utils.translation import gettext as _

    from ctassist.core.models import Job, JobStatus
    from ctassist.core.tasks import run_job_task

    recovered = 0
    for job_id, attempts in Job.objects.filter(status=JobStatus.RUNNING, updated_at__lt=stale_before()).values_list(
        "pk", "attempts"
    ):
        claim = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, updated_at__lt=stale_before())
        if attempts >= max_attempts():
            reason = _("the worker stopped during each of %(count)s attempts") % {"count": attempts}
            recovered += claim.update(
                status=JobStatus.FAILED, progress=100, finished_at=timezone.now(), updated_at=timezone.now(),
                message=(_("Failed: %(reason)s") % {"reason": reason})[:300],
            )  # fmt: skip
        elif claim.update(
            status=JobStatus.QUEUED, progress=0, updated_at=timezone.now(),
            message=_("The worker stopped; queued again (attempt %(next)s of %(limit)s)")
            % {"next": attempts + 1, "limit": max_attempts()},
        ):  # fmt: skip
            transaction.on_commit(functools.partial(run_job_task.enqueue, job_id))
            recovered += 1
    return recovered


def run_page_export(job, report) -> tuple[str, str, bytes]:
    """The ``page-export`` kind: the list page's own export, replayed by the worker as the job's owner.

    The page applies the same policy, filters and export path as it would in the web request, so
    the file is exactly what the user would have downloaded; ``in_job`` makes it answer inline.
    """
    import re

    from django.contrib.messages.storage import default_storage
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.test import RequestFactory
    from django.urls import resolve
    from django.utils import translation
    from django.utils.translation import gettext as _

    path, query = job.params["path"], job.params.get("query", "")
    request: Any = RequestFactory().get(path, QUERY_STRING=query)
    request.user = job.owner
    request.session = SessionStore()
    request._messages = default_storage(request)
    request.in_job = True
    match = resolve(path)
    with translation.override(job.params.get("language") or None):
        report(10, _("Selecting the records"))
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    if response.status_code != 200 or "Content-Disposition" not in response:
        raise ValueError(_("The page answered %(status)s instead of a file.") % {"status": response.status_code})
    report(95, _("Storing the file"))
    found = re.search(r'filename="([^"]+)"', response["Content-Disposition"])
    name = found.group(1) if found else "export"
    data = b"".join(response) if response.streaming else response.content
    return name, response["Content-Type"], data


register_kind(PAGE_EXPORT, run_page_export)
register_recovery("jobs", recover_stale_jobs)
