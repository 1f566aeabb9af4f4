"""Every change to reports: request one (enqueues the build), draft it again, delete it.

Records are written through ``core.services.save`` and ``core.services.delete``. The build itself
(what the task runs) is in ``reporting.drafting``; these services enqueue it through
``reporting.tasks``, and neither of those imports this module back.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.core import services as core_services
from ctassist.core.policy import CHANGE, VIEW
from ctassist.reporting import drafting, narrative
from ctassist.reporting.choices import NarrativeStatus, ReportSection, ReportStatus
from ctassist.reporting.events import ReportingEvent
from ctassist.reporting.models import Narrative, NarrativeVersion, PrimarySection, Report
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


# -- the primary section of an activity ------------------------------------------------------------

TRANSITION = "transition"


@transaction.atomic
def set_primary_section(*, acting_user: Any, activity: Any, section: str, reason: str = "") -> PrimarySection:
    """Count ``activity`` in ``section`` in every report drafted from now on (logged; replaces any earlier choice)."""
    from ctassist.assistance.models import Activity  # the record an override is about (reporting reads assistance)

    if section not in ReportSection.values:
        raise ValidationError({"section": _("Choose one of the sections of the report.")})
    if acting_user is not None and not Activity.objects.restrict(acting_user, VIEW).filter(pk=activity.pk).exists():
        raise ValidationError({"activity": _("No activity with this number is visible to you.")})
    current = PrimarySection.objects.select_for_update().filter(activity_id=activity.pk).first()
    before = audit.snapshot(current) if current is not None else None
    record = current or PrimarySection(activity_id=activity.pk)
    record.section, record.reason = section, reason.strip()
    core_services.save(
        record, acting_user=acting_user, before=before, event=ReportingEvent.PRIMARY_SECTION_SET,
        details={"activity": activity.pk, "section": section},
    )  # fmt: skip
    return record


@transaction.atomic
def remove_primary_section(*, acting_user: Any, primary_section: PrimarySection) -> None:
    """Let the rule decide again where the activity is counted (logged)."""
    core_services.delete(primary_section, acting_user=acting_user, event=ReportingEvent.PRIMARY_SECTION_REMOVED)


# -- the narrative and its clearance ---------------------------------------------------------------


def _latest(record: Narrative) -> NarrativeVersion | None:
    return record.versions.order_by("-number").first()


@transaction.atomic
def start_narrative(*, acting_user: Any, report: Report) -> Narrative:
    """The report's narrative, begun from the computed draft (version 1) if it has none yet."""
    policy.enforce(acting_user, CHANGE, report)
    existing = Narrative.objects.filter(report=report).first()
    if existing is not None:
        return existing
    if report.status != ReportStatus.DONE or not report.content:
        raise ValidationError(_("The report must be drafted before its narrative is written."))
    record = Narrative(report=report, latest_number=1)
    core_services.save(record, acting_user=acting_user, event=ReportingEvent.NARRATIVE_SAVED, details={"version": 1})
    first = NarrativeVersion(
        narrative=record, number=1, texts=narrative.generated_texts(report.content),
        author=acting_user if getattr(acting_user, "pk", None) else None, note=_("Begun from the computed draft"),
    )  # fmt: skip
    core_services.save(first, acting_user=acting_user)
    return record


@transaction.atomic
def save_narrative(
    *, acting_user: Any, narrative_record: Narrative, texts: dict[str, str], expected_version: Any, note: str = ""
) -> Narrative:
    """Keep a new version of the narrative; a cleared or returned narrative becomes a draft again.

    A narrative submitted for clearance is locked until it is cleared or returned. Each text is
    checked: a reference to a figure or footnote the report does not have is refused, naming the part.
    """
    record: Narrative = core_services.lock(narrative_record, expected_version=expected_version)
    if record.status == NarrativeStatus.SUBMITTED:
        raise core_services.TransitionRefused(_("The narrative is with the clearing officer: it cannot be edited now."))
    content = record.report.content or {}
    found = narrative.errors(texts, content)
    if found:
        raise ValidationError(found)
    latest = _latest(record)
    if latest is not None and latest.texts == texts:
        return record
    before = audit.snapshot(record)
    number = (latest.number if latest else 0) + 1
    version = NarrativeVersion(
        narrative=record, number=number, texts=texts, note=note.strip()[:300],
        author=acting_user if getattr(acting_user, "pk", None) else None,
    )  # fmt: skip
    core_services.save(version, acting_user=acting_user)
    record.status = NarrativeStatus.DRAFT
    record.cleared_by, record.cleared_at = None, None
    record.latest_number = number
    core_services.save(
        record, acting_user=acting_user, before=before, event=ReportingEvent.NARRATIVE_SAVED,
        details={"version": number},
    )  # fmt: skip
    return record


def _step(
    record: Narrative, acting_user: Any, expected_version: Any, allowed: tuple[str, ...]
) -> tuple[Narrative, dict]:
    current: Narrative = core_services.lock(record, expected_version=expected_version, required=False)
    policy.enforce(acting_user, TRANSITION, current)
    if current.status not in allowed:
        raise core_services.TransitionRefused(
            _("This step is not open to a narrative that is “%(status)s”.") % {"status": current.get_status_display()}
        )
    return current, audit.snapshot(current)


@transaction.atomic
def submit_narrative(*, acting_user: Any, narrative_record: Narrative, expected_version: Any = None) -> Narrative:
    """Send the draft (or a returned narrative) for clearance; it is locked until cleared or returned."""
    record, before = _step(
        narrative_record, acting_user, expected_version, (NarrativeStatus.DRAFT, NarrativeStatus.RETURNED)
    )
    record.status = NarrativeStatus.SUBMITTED
    record.submitted_by = acting_user if getattr(acting_user, "pk", None) else None
    core_services.save(
        record, acting_user=acting_user, before=before, action=TRANSITION, event=ReportingEvent.NARRATIVE_SUBMITTED,
        details={"version": record.latest_number},
    )  # fmt: skip
    return record


@transaction.atomic
def clear_narrative(*, acting_user: Any, narrative_record: Narrative, expected_version: Any = None) -> Narrative:
    """Clear the submitted narrative: the DOCX then carries it as cleared. Nobody clears their own submission."""
    record, before = _step(narrative_record, acting_user, expected_version, (NarrativeStatus.SUBMITTED,))
    if acting_user is not None and record.submitted_by_id == getattr(acting_user, "pk", None):
        raise core_services.TransitionRefused(_("Another officer clears a narrative you submitted."))
    record.status = NarrativeStatus.CLEARED
    record.cleared_by = acting_user if getattr(acting_user, "pk", None) else None
    record.cleared_at = timezone.now()
    record.comments = ""
    core_services.save(
        record, acting_user=acting_user, before=before, action=TRANSITION, event=ReportingEvent.NARRATIVE_CLEARED,
        details={"version": record.latest_number},
    )  # fmt: skip
    return record


@transaction.atomic
def return_narrative(
    *, acting_user: Any, narrative_record: Narrative, comments: str, expected_version: Any = None
) -> Narrative:
    """Return the submitted narrative to its drafters with the clearing officer's comments (required)."""
    if not (comments or "").strip():
        raise ValidationError({"comments": _("Say what should change before the narrative can be cleared.")})
    record, before = _step(narrative_record, acting_user, expected_version, (NarrativeStatus.SUBMITTED,))
    record.status = NarrativeStatus.RETURNED
    record.comments = comments.strip()
    core_services.save(
        record, acting_user=acting_user, before=before, action=TRANSITION, event=ReportingEvent.NARRATIVE_RETURNED,
    )  # fmt: skip
    return record
