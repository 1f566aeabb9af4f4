"""Drafting a report: compute its content and DOCX, and store the result (what the task runs).

This module is the build half of the reporting services. It imports neither the services nor
the task, so the dependency runs one way: ``services`` → ``tasks`` → ``drafting``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, jobs
from ctassist.core import services as core_services
from ctassist.reporting import builder
from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.docx import report_docx
from ctassist.reporting.events import ReportingEvent
from ctassist.reporting.models import Report

logger = logging.getLogger(__name__)


def progress(report_id: int, pct: int, message: str, **fields: Any) -> None:
    """Record how far the build of a report got.

    Progress is transient state written while the build runs: a plain update, outside the change
    log, committed at once so the page polling it sees it.
    """
    Report.objects.filter(pk=report_id).update(
        progress=max(0, min(100, pct)), message=message[:300], updated_at=timezone.now(), **fields
    )


def heartbeat(report_id: int) -> None:
    """The build's lease: a running report whose heartbeat stops is queued again (``tasks.recover_stale_reports``)."""
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(updated_at=timezone.now())


def build_report(*, acting_user: Any, report_id: int) -> Report:
    """Compute the report and its DOCX; on any error the report is marked failed with the reason.

    ``acting_user`` is None when the task runs: the report is computed as the user who asked for
    it sees the records (``requested_by``), so nobody receives figures beyond their own view.
    """
    report = Report.objects.select_related("resolution", "requested_by").get(pk=report_id)
    viewer = report.requested_by if report.requested_by_id else acting_user
    progress(report.pk, 1, _("Started"), status=ReportStatus.RUNNING, attempts=F("attempts") + 1)
    with jobs.heartbeat(lambda: heartbeat(report_id)):
        try:
            if report.period_end < report.period_start:
                raise ValidationError(_("The period ends before it starts."))
            content = builder.build_content(
                report.resolution,
                report.period_start,
                report.period_end,
                viewer,
                progress=lambda pct, message: progress(report.pk, pct, message),
            )
            data = report_docx(content)
            with transaction.atomic():
                report = Report.objects.select_for_update().get(pk=report.pk)
                before = audit.snapshot(report)
                if report.docx:
                    report.docx.delete(save=False)
                report.docx.save(f"report-{report.pk}.docx", ContentFile(data), save=False)
                report.content = content
                report.status = ReportStatus.DONE
                report.progress = 100
                report.message = _("Drafted")
                report.built_at = timezone.now()
                core_services.save(
                    report,
                    acting_user=acting_user,
                    before=before,
                    event=ReportingEvent.REPORT_BUILT,
                    details={
                        "figures": len(content["figures"]),
                        "sections": sum(len(c["sections"]) for c in content["chapters"]),
                    },
                )
        except Exception as exc:  # noqa: BLE001 - any failure is shown on the report's page
            logger.exception("Report %s failed", report_id)
            reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else f"{type(exc).__name__}: {exc}"
            progress(report_id, 100, _("Failed: %(reason)s") % {"reason": reason}, status=ReportStatus.FAILED)
            audit.emit(ReportingEvent.REPORT_FAILED, acting_user=acting_user, obj=report, reason=reason[:500])
    report.refresh_from_db()
    return report
