"""Background work of the reporting area (django-tasks; ``ctassist db_worker`` runs it).

The task runs the build in ``drafting``; it does not import the services, which enqueue it.
A build whose worker was killed is found by its lease (``core.jobs``) and queued again here.
"""

import functools

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ctassist.core import audit, jobs
from ctassist.reporting import drafting
from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.events import ReportingEvent
from ctassist.reporting.models import Report


@task()
def build_report_task(report_id: int) -> str:
    report = drafting.build_report(acting_user=None, report_id=report_id)
    return report.status


def recover_stale_reports() -> int:
    """Queue again every build left "running" by a worker that stopped; fail it after too many attempts.

    Each row is claimed by a conditional update (still running, still stale), so two recoveries
    running at once never queue the same build twice.
    """
    recovered = 0
    limit = jobs.max_attempts()
    stale = Report.objects.filter(status=ReportStatus.RUNNING, updated_at__lt=jobs.stale_before())
    for report_id, attempts in stale.values_list("pk", "attempts"):
        claim = Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING, updated_at__lt=jobs.stale_before())
        if attempts >= limit:
            reason = _("the worker stopped during each of %(count)s attempts") % {"count": attempts}
            if claim.update(
                status=ReportStatus.FAILED,
                progress=100,
                message=(_("Failed: %(reason)s") % {"reason": reason})[:300],
                updated_at=timezone.now(),
            ):
                report = Report.objects.get(pk=report_id)
                audit.emit(ReportingEvent.REPORT_FAILED, acting_user=None, obj=report, reason=reason)
                recovered += 1
            continue
        message = _("The worker stopped; queued again (attempt %(next)s of %(limit)s)") % {
            "next": attempts + 1,
            "limit": limit,
        }
        if claim.update(status=ReportStatus.QUEUED, progress=0, message=message[:300], updated_at=timezone.now()):
            transaction.on_commit(functools.partial(build_report_task.enqueue, report_id))
            recovered += 1
    return recovered
