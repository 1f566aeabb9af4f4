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
IMPORT = "import"
_kinds: dict[str, Callable[..., tuple[str, str, bytes] | None]] = {}
_atomic_kinds: set[str] = set()


def register_kind(kind: str, run: Callable[..., tuple[str, str, bytes] | None], *, atomic: bool = False) -> None:
    """``run(job, progress)`` does the work as ``job.owner`` and returns (file name, content type, bytes).

    ``run`` may return None when the work leaves no file (an import: its outcome is in
    ``job.params["outcome"]``). An ``atomic`` kind writes records: its work and the job's "done" are
    committed in one transaction, so a worker killed during it leaves nothing written and a job
    queued again, never applied twice.
    """
    _kinds[kind] = run
    if atomic:
        _atomic_kinds.add(kind)
    else:
        _atomic_kinds.discard(kind)


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
    from django.db import transaction
    from django.db.models import F
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from ctassist.core.models import Job, JobStatus

    job = Job.objects.select_related("owner").get(pk=job_id)
    if job.is_finished:
        return job.status
    progress(job.pk, 1, _("Started"), status=JobStatus.RUNNING, attempts=F("attempts") + 1)
    atomic = job.kind in _atomic_kinds
    # Inside an atomic kind's transaction a plain update would stay unseen until the end: the progress
    # is kept here and written by the heartbeat's own connection (more often, to follow the rows).
    live: dict[str, Any] = {}
    threaded = not connection.in_atomic_block

    def touch() -> None:
        Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(updated_at=timezone.now(), **dict(live))

    def report(pct: int, message: str) -> None:
        if not atomic:
            progress(job_id, pct, message)
            return
        live.update(progress=max(0, min(100, pct)), message=str(message)[:300])
        if not threaded:  # tests: one connection, one transaction, the update is seen at once
            progress(job_id, pct, message)

    interval = min(1.0, heartbeat_seconds()) if atomic else None
    with heartbeat(touch, interval=interval):
        try:
            if atomic:
                with transaction.atomic():
                    _finish(job_id, _kinds[job.kind](job, report), job.params.get("outcome"))
            else:
                made = _kinds[job.kind](job, report)
                with transaction.atomic():
                    _finish(job_id, made, job.params.get("outcome"))
        except Exception as exc:  # noqa: BLE001 - any failure is shown on the job's page
            problems = [str(p) for p in getattr(exc, "errors", [])]
            if problems:  # refused input (an import's rows): expected, shown row by row
                logger.info("Job %s refused its input: %s", job_id, "; ".join(problems[:5]))
                reason = ngettext("%(count)s problem, nothing was written", "%(count)s problems, nothing was written",
                                  len(problems)) % {"count": len(problems)}  # fmt: skip
            else:
                logger.exception("Job %s failed", job_id)
                reason = f"{type(exc).__name__}: {exc}"
            _fail(job_id, reason, problems)
    return Job.objects.get(pk=job_id).status


def _finish(job_id: int, made: tuple[str, str, bytes] | None, outcome: dict | None) -> None:
    """Mark the job done (with its file, if the work made one, and its outcome) through the service.

    The form data a job replayed (``params["post"]``: an import's whole table) is dropped once it is used.
    """
    from django.core.files.base import ContentFile
    from django.utils.translation import gettext as _

    from ctassist.core import audit, services
    from ctassist.core.models import Job, JobStatus

    job = Job.objects.select_for_update().get(pk=job_id)
    before = audit.snapshot(job)
    details: dict[str, Any] = {}
    if made is not None:
        name, content_type, data = made
        job.result.save(f"job-{job.pk}-{name}", ContentFile(data), save=False)
        job.result_name, job.content_type = name[:200], content_type[:120]
        details["size"] = len(data)
    outcome = outcome or {}
    job.params = {**{k: v for k, v in job.params.items() if k != "post"}, "outcome": outcome}
    job.status, job.progress = JobStatus.DONE, 100
    job.message = str(outcome.get("summary") or _("Ready"))[:300]
    job.finished_at = timezone.now()
    services.save(job, acting_user=None, before=before, details=details)


def _fail(job_id: int, reason: str, problems: list[str]) -> None:
    from django.utils.translation import gettext as _

    from ctassist.core.models import Job, JobStatus

    params = {k: v for k, v in Job.objects.get(pk=job_id).params.items() if k != "post"}
    fields: dict[str, Any] = {"params": {**params, "outcome": {**(params.get("outcome") or {}), "problems": problems[:500]}}}
    progress(job_id, 100, _("Failed: %(reason)s") % {"reason": reason}, status=JobStatus.FAILED,
             finished_at=timezone.now(), **fields)  # fmt: skip


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


def _replayed(job, *, post: dict | None = None) -> Any:
    """The request the job's page would have had, made again as the job's owner (GET, or POST of ``post``)."""
    from django.contrib.messages.storage import default_storage
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.test import RequestFactory

    path, query = job.params["path"], job.params.get("query", "")
    factory = RequestFactory()
    request: Any = factory.post(path, post, QUERY_STRING=query) if post is not None else factory.get(path, QUERY_STRING=query)
    request.user = job.owner
    request.session = SessionStore()
    request._messages = default_storage(request)
    request.in_job = True
    return request


def run_page_export(job, report) -> tuple[str, str, bytes]:
    """The ``page-export`` kind: the list page's own export, replayed by the worker as the job's owner.

    The page applies the same policy, filters and export path as it would in the web request, so
    the file is exactly what the user would have downloaded; ``in_job`` makes it answer inline.
    """
    import re

    from django.urls import resolve
    from django.utils import translation
    from django.utils.translation import gettext as _

    request = _replayed(job)
    match = resolve(job.params["path"])
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


def run_import(job, report) -> None:
    """The ``import`` kind: the import page's confirm step, replayed by the worker as the job's owner.

    The page checks who may import and into what, verifies the signed table and applies it through
    ``Importer.run`` exactly as in the web request, inside the job's transaction (``atomic``): all
    rows or none. Its refusal (``ImportRejected``, each problem with its row and column) fails the
    job with those problems; its outcome (the summary and where to go next) is kept in the job.
    """
    from django.urls import resolve
    from django.utils import translation
    from django.utils.translation import gettext as _

    request = _replayed(job, post=job.params.get("post") or {})
    request.job_report = report
    match = resolve(job.params["path"])
    with translation.override(job.params.get("language") or None):
        response = match.func(request, *match.args, **match.kwargs)
    outcome = getattr(request, "job_outcome", None)
    if outcome is None:
        raise ValueError(_("The import was refused (the page answered %(status)s).") % {"status": response.status_code})
    job.params["outcome"] = {**(job.params.get("outcome") or {}), **outcome}


def import_progress(request) -> Callable[[int, int], None] | None:
    """For an import applied in a job: a ``progress(done, total)`` that shows rows done on the job's page."""
    from django.utils.translation import ngettext

    report = getattr(request, "job_report", None)
    if report is None:
        return None

    def rows(done: int, total: int) -> None:
        pct = 5 + (90 * done // total if total else 90)
        report(pct, ngettext("%(done)s of %(total)s row written", "%(done)s of %(total)s rows written", total)
               % {"done": done, "total": total})  # fmt: skip

    return rows


register_kind(PAGE_EXPORT, run_page_export)
register_kind(IMPORT, run_import, atomic=True)
register_recovery("jobs", recover_stale_jobs)
