"""Every change to reports: request one (enqueues the build), draft it again, delete it.

Records are written through ``core.services.save`` and ``core.services.delete``. The build itself
(what the task runs) is in ``reporting.drafting``; these services enqueue it through
``reporting.tasks``, and neither of those imports this module back.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.core import services as core_services
from ctassist.core.policy import CHANGE
from ctassist.reporting import drafting
from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.events import ReportingEvent
from ctassist.reporting.models import Report
from ctassist.reporting.tasks import build_report_task

# The build, for callers that run it in the foreground (the task runs the same function).
build_report = drafting.build_report


def _enqueue(report_id: int) -> None:
    transaction.on_commit(lambda: build_report_task.enqueue(report_id))


@transaction.atomic
def request_report(*, acting_user: Any, resolution, period_start: datetime.date, period_end: datetime.date) -> Report:
    """Create a queued report and enqueue its build (the page then follows its progress)."""
    report = Report(
        resolution=resolution,
        period_start=period_start,
        period_end=period_end,
        requested_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    core_services.save(
        report,
        acting_user=acting_user,
        event=ReportingEvent.REPORT_REQUESTED,
        details={"period_start": period_start, "period_end": period_end},
    )
    _enqueue(report.pk)
    return report


@transaction.atomic
def rebuild_report(*, acting_user: Any, report: Report) -> Report:
    """Queue the report's build again (its progress is reset; the build replaces content and DOCX)."""
    policy.enforce(acting_user, CHANGE, report)
    drafting.progress(report.pk, 0, _("Queued again"), status=ReportStatus.QUEUED, attempts=0)
    audit.emit(ReportingEvent.REPORT_REQUESTED, acting_user=acting_user, obj=report, rebuild=True)
    _enqueue(report.pk)
    report.refresh_from_db()
    return report


@transaction.atomic
def delete_report(*, acting_user: Any, report: Report) -> None:
    """Delete the report (logged, with an event); its DOCX file goes once the deletion is committed."""
    stored = report.docx.name if report.docx else ""
    storage = report.docx.storage
    core_services.delete(report, acting_user=acting_user, event=ReportingEvent.REPORT_DELETED)
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
