"""Every change to reports: request one (enqueues the build), build it (the task), delete it."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.core.policy import ADD, CHANGE, DELETE
from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.events import ReportingEvent
from ctassist.reporting.models import Report

logger = logging.getLogger(__name__)


@transaction.atomic
def request_report(*, acting_user: Any, resolution, period_start: datetime.date, period_end: datetime.date) -> Report:
    """Create a queued report and enqueue its build (the page then follows its progress)."""
    report = Report(
        resolution=resolution,
        period_start=period_start,
        period_end=period_end,
        requested_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    audit.save_with_log(report, acting_user=acting_user)
    policy.enforce(acting_user, ADD, report)
    audit.emit(
        ReportingEvent.REPORT_REQUESTED,
        acting_user=acting_user,
        obj=report,
        period_start=period_start,
        period_end=period_end,
    )
    from ctassist.reporting.tasks import build_report_task

    report_id = report.pk
    transaction.on_commit(lambda: build_report_task.enqueue(report_id))
    return report


@transaction.atomic
def rebuild_report(*, acting_user: Any, report: Report) -> Report:
    policy.enforce(acting_user, CHANGE, report)
    _progress(report.pk, 0, _("Queued again"), status=ReportStatus.QUEUED)
    audit.emit(ReportingEvent.REPORT_REQUESTED, acting_user=acting_user, obj=report, rebuild=True)
    from ctassist.reporting.tasks import build_report_task

    transaction.on_commit(lambda: build_report_task.enqueue(report.pk))
    report.refresh_from_db()
    return report


def _progress(report_id: int, pct: int, message: str, **fields: Any) -> None:
    # Progress is transient state written while the build runs: a plain update, outside the change
    # log, committed at once so the page polling it sees it.
    Report.objects.filter(pk=report_id).update(
        progress=max(0, min(100, pct)), message=message[:300], updated_at=timezone.now(), **fields
    )


def build_report(*, acting_user: Any, report_id: int) -> Report:
    """Compute the report and its DOCX; on any error the report is marked failed with the reason.

    ``acting_user`` is None when the task runs: the report is computed as the user who asked for
    it sees the records (``requested_by``), so nobody receives figures beyond their own view.
    """
    from ctassist.reporting.builder import build_content
    from ctassist.reporting.docx import report_docx

    report = Report.objects.select_related("resolution", "requested_by").get(pk=report_id)
    viewer = report.requested_by if report.requested_by_id else acting_user
    _progress(report.pk, 1, _("Started"), status=ReportStatus.RUNNING)
    try:
        if report.period_end < report.period_start:
            raise ValidationError(_("The period ends before it starts."))
        content = build_content(
            report.resolution,
            report.period_start,
            report.period_end,
            viewer,
            progress=lambda pct, message: _progress(report.pk, pct, message),
        )
        data = report_docx(content)
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report.pk)
            if report.docx:
                report.docx.delete(save=False)
            report.docx.save(f"report-{report.pk}.docx", ContentFile(data), save=False)
            report.content = content
            report.status = ReportStatus.DONE
            report.progress = 100
            report.message = _("Drafted")
            report.built_at = timezone.now()
            report.full_clean()
            report.save()
            audit.emit(
                ReportingEvent.REPORT_BUILT,
                acting_user=acting_user,
                obj=report,
                figures=len(content["figures"]),
                sections=sum(len(c["sections"]) for c in content["chapters"]),
            )
    except Exception as exc:  # noqa: BLE001 - any failure is shown on the report's page
        logger.exception("Report %s failed", report_id)
        reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else f"{type(exc).__name__}: {exc}"
        _progress(report_id, 100, _("Failed: %(reason)s") % {"reason": reason}, status=ReportStatus.FAILED)
        audit.emit(ReportingEvent.REPORT_FAILED, acting_user=acting_user, obj=report, reason=reason[:500])
    report.refresh_from_db()
    return report


@transaction.atomic
def delete_report(*, acting_user: Any, report: Report) -> None:
    policy.enforce(acting_user, DELETE, report)
    before = {k: v for k, v in audit.snapshot(report).items() if k != "content"}
    audit.emit(ReportingEvent.REPORT_DELETED, acting_user=acting_user, obj=report)
    if report.docx:
        report.docx.delete(save=False)
    audit.log_change(acting_user=acting_user, obj=report, action="delete", before=before)
    report.delete()
