"""Every change in the assistance area: requests and their workflow, activities, participants, results."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.choices import Role
from ctassist.assistance import workflow
from ctassist.assistance.choices import Channel, RequestStatus
from ctassist.assistance.events import AssistanceEvent
from ctassist.assistance.models import (
    Activity,
    ActivityPartner,
    Evaluation,
    Indicator,
    Participant,
    ParticipantCount,
    Request,
    RequestAttachment,
)
from ctassist.core import audit, policy, roles
from ctassist.core.models import ChangeAction

REQUEST_FIELDS = (
    "title",
    "channel",
    "letter_reference",
    "letter_date",
    "beneficiary_institutions",
    "needs",
    "priority",
    "languages",
    "period_start",
    "period_end",
    "mandate_refs",
)
ACTIVITY_FIELDS = (
    "title",
    "type",
    "status",
    "start_date",
    "end_date",
    "modality",
    "place",
    "scope",
    "description",
    "outputs",
    "funding_project_ref",
)


class EditConflict(Exception):
    """Someone else changed the object since it was loaded; nothing was saved."""

    def __init__(self, current: Any):
        super().__init__(_("Someone else changed this request since you opened it."))
        self.current = current


class TransitionRefused(PermissionDenied):
    """The user's role does not own this transition."""


def _save(obj, *, acting_user, before=None, m2m: dict[str, Iterable] | None = None) -> str:
    """full_clean, save, set many-to-many fields, then log the change with them included."""
    creating = obj._state.adding
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        if values is not None:
            getattr(obj, name).set(values)
    if creating:
        audit.log_change(acting_user=acting_user, obj=obj, action=ChangeAction.CREATE)
        return ChangeAction.CREATE
    if before is not None and before == audit.snapshot(obj):
        return ""
    audit.log_change(acting_user=acting_user, obj=obj, action=ChangeAction.UPDATE, before=before)
    return ChangeAction.UPDATE


# -- notifications -----------------------------------------------------------------------------


def _recipients(request: Request, audiences: Iterable[str]) -> list[str]:
    User = get_user_model()
    emails: set[str] = set()
    audiences = set(audiences)
    if workflow.UNODC in audiences:
        emails |= set(
            User.objects.filter(role=Role.OFFICER, is_active=True).exclude(email="").values_list("email", flat=True)
        )
    if workflow.STATE in audiences:
        emails |= set(
            User.objects.filter(role=Role.FOCAL_POINT, is_active=True, organisation__state_id=request.state_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if request.created_by_id and request.created_by.email and request.created_by.is_active:
            emails.add(request.created_by.email)
    return sorted(emails)


def _notify(request: Request, audiences: Iterable[str], subject: str, body: str) -> None:
    recipients = _recipients(request, audiences)
    if not recipients:
        return
    # Sent once the transaction commits, so a refused change never sends mail.
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients, fail_silently=True))


# -- requests ----------------------------------------------------------------------------------


@transaction.atomic
def create_request(
    *,
    acting_user: Any,
    state,
    title: str,
    themes: Iterable = (),
    instruments: Iterable = (),
    is_demo: bool = False,
    **fields: Any,
) -> Request:
    """Create a draft request for ``state``; a focal point may only create for its own State."""
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown request fields: {sorted(unknown)}")
    if roles.state_id_of(acting_user) and "channel" not in fields:
        fields["channel"] = Channel.PORTAL
    request = Request(state=state, title=title, created_by=acting_user if getattr(acting_user, "pk", None) else None)
    request.is_demo = is_demo
    for name, value in fields.items():
        setattr(request, name, value)
    _save(request, acting_user=acting_user, m2m={"themes": list(themes), "instruments": list(instruments)})
    policy.enforce(acting_user, policy.ADD, request)
    audit.emit(AssistanceEvent.REQUEST_CREATED, acting_user=acting_user, obj=request, state=state.iso3)
    return request


def _lock(request: Request, expected_version: int | None) -> Request:
    current = Request.objects.select_for_update(of=("self",)).select_related("state", "created_by").get(pk=request.pk)
    if expected_version is not None and int(expected_version) != current.version:
        raise EditConflict(current)
    return current


@transaction.atomic
def update_request(
    *,
    acting_user: Any,
    request: Request,
    expected_version: int | None,
    themes: Iterable | None = None,
    instruments: Iterable | None = None,
    **fields: Any,
) -> Request:
    """Change a request's fields. ``expected_version`` is the version the editor loaded; if
    someone saved in between, ``EditConflict`` is raised and nothing changes."""
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown request fields: {sorted(unknown)}")
    policy.enforce(acting_user, policy.CHANGE, request)
    current = _lock(request, expected_version)
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    changed = _save(current, acting_user=acting_user, before=before, m2m={"themes": themes, "instruments": instruments})
    if not changed:
        # Nothing changed: keep the version so nobody else is refused for nothing.
        Request.objects.filter(pk=current.pk).update(version=current.version - 1)
        current.version -= 1
        return current
    policy.enforce(acting_user, policy.CHANGE, current)
    audit.emit(
        AssistanceEvent.REQUEST_UPDATED,
        acting_user=acting_user,
        obj=current,
        fields=sorted(k for k in before if before[k] != audit.snapshot(current).get(k)),
    )
    return current


@transaction.atomic
def transition(
    *, acting_user: Any, request: Request, to: str, reason: str = "", expected_version: int | None = None
) -> Request:
    """Take the request along one transition of the workflow (by name or by target state).

    Refused with ``TransitionRefused`` (403) when the user's role does not own it, and with
    ``ValidationError`` when the request is not in a state it starts from or lacks the data
    the next state needs.
    """
    step = workflow.find(to)
    if step is None:
        raise ValidationError({"to": _("Unknown transition “%(to)s”.") % {"to": to}})
    if acting_user is not None and not policy.allows(acting_user, "transition", request):
        raise TransitionRefused(_("You may not act on this request."))
    current = _lock(request, expected_version)
    who = workflow.capacity(acting_user, current)
    if who not in step.owners:
        raise TransitionRefused(_("Your role may not %(action)s a request.") % {"action": str(step.label).lower()})
    if current.status not in step.sources:
        raise ValidationError(
            {
                "to": _("A request that is %(status)s cannot be %(target)s.")
                % {"status": current.get_status_display().lower(), "target": RequestStatus(step.target).label.lower()}
            }
        )
    reason = (reason or "").strip()
    if who in step.reason_required and not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    missing = step.needs(current)
    if missing:
        raise ValidationError({"to": [str(m) for m in missing]})
    before = audit.snapshot(current)
    previous = current.status
    current.status = step.target
    current.version += 1
    if step.timestamp:
        setattr(current, step.timestamp, timezone.now())
    if step.name == "decline":
        current.decline_reason = reason
    if step.name == "withdraw":
        current.withdrawal_reason = reason
    _save(current, acting_user=acting_user, before=before)
    audit.emit(
        step.event, acting_user=acting_user, obj=current, **{"from": previous, "to": step.target, "reason": reason}
    )
    subject = _("[ctassist] %(ref)s %(title)s: %(status)s") % {
        "ref": current.reference,
        "title": current.title[:80],
        "status": current.get_status_display(),
    }
    body = _("The technical assistance request %(ref)s from %(state)s (“%(title)s”) is now %(status)s.\n%(reason)s") % {
        "ref": current.reference,
        "state": current.state.name,
        "title": current.title,
        "status": current.get_status_display().lower(),
        "reason": (_("Reason: %(reason)s") % {"reason": reason}) if reason else "",
    }
    _notify(current, step.notify, subject, body)
    return current


@transaction.atomic
def add_attachment(*, acting_user: Any, request: Request, title: str, file) -> RequestAttachment:
    attachment = RequestAttachment(request=request, title=title or getattr(file, "name", ""), file=file)
    attachment.uploaded_by = acting_user if getattr(acting_user, "pk", None) else None
    _save(attachment, acting_user=acting_user)
    policy.enforce(acting_user, policy.ADD, attachment)
    audit.emit(AssistanceEvent.ATTACHMENT_ADDED, acting_user=acting_user, obj=request, title=attachment.title)
    return attachment


@transaction.atomic
def delete_request(*, acting_user: Any, request: Request) -> None:
    """Only drafts are deleted; anything submitted stays on record (withdraw it instead)."""
    policy.enforce(acting_user, policy.DELETE, request)
    if request.status != RequestStatus.DRAFT:
        raise ValidationError(_("Only a draft is deleted; withdraw a submitted request instead."))
    audit.log_change(acting_user=acting_user, obj=request, action=ChangeAction.DELETE, before=audit.snapshot(request))
    request.delete()


# -- activities --------------------------------------------------------------------------------


def _states_with_requests(states: Iterable | None, requests: Iterable | None) -> list | None:
    """An activity concerns the States of the requests it answers, so their focal points see it."""
    if states is None and requests is None:
        return None
    ids = {getattr(s, "pk", s) for s in states or ()}
    ids |= {r.state_id for r in requests or ()}
    return sorted(ids)


@transaction.atomic
def create_activity(
    *,
    acting_user: Any,
    states: Iterable = (),
    themes: Iterable = (),
    requests: Iterable = (),
    is_demo: bool = False,
    **fields: Any,
) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    requests = list(requests)
    activity = Activity(is_demo=is_demo, **fields)
    _save(
        activity,
        acting_user=acting_user,
        m2m={"states": _states_with_requests(states, requests), "themes": list(themes), "requests": requests},
    )
    policy.enforce(acting_user, policy.ADD, activity)
    audit.emit(
        AssistanceEvent.ACTIVITY_CREATED, acting_user=acting_user, obj=activity, requests=[r.pk for r in requests]
    )
    return activity


@transaction.atomic
def update_activity(
    *,
    acting_user: Any,
    activity: Activity,
    states: Iterable | None = None,
    themes: Iterable | None = None,
    requests: Iterable | None = None,
    **fields: Any,
) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    policy.enforce(acting_user, policy.CHANGE, activity)
    before = audit.snapshot(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    requests = list(requests) if requests is not None else None
    if requests is not None and states is None:
        states = activity.states.all()
    changed = _save(
        activity,
        acting_user=acting_user,
        before=before,
        m2m={"states": _states_with_requests(states, requests), "themes": themes, "requests": requests},
    )
    if changed:
        audit.emit(AssistanceEvent.ACTIVITY_UPDATED, acting_user=acting_user, obj=activity)
    return activity


@transaction.atomic
def set_partner(*, acting_user: Any, activity: Activity, organisation, role: str) -> ActivityPartner:
    policy.enforce(acting_user, policy.CHANGE, activity)
    link = ActivityPartner.objects.filter(activity=activity, organisation=organisation).first()
    before = audit.snapshot(link) if link else None
    link = link or ActivityPartner(activity=activity, organisation=organisation)
    link.role = role
    _save(link, acting_user=acting_user, before=before)
    return link


@transaction.atomic
def remove_partner(*, acting_user: Any, link: ActivityPartner) -> None:
    policy.enforce(acting_user, policy.DELETE, link)
    audit.log_change(acting_user=acting_user, obj=link, action=ChangeAction.DELETE, before=audit.snapshot(link))
    link.delete()


@transaction.atomic
def set_participant_count(*, acting_user: Any, activity: Activity, state, sex: str, agency: str, count: int):
    """Set one cell of the participant table (State × sex × agency); 0 removes it."""
    policy.enforce(acting_user, policy.CHANGE, activity)
    row = ParticipantCount.objects.filter(activity=activity, state=state, sex=sex, agency=agency).first()
    if row is not None and count == 0:
        audit.log_change(acting_user=acting_user, obj=row, action=ChangeAction.DELETE, before=audit.snapshot(row))
        row.delete()
        return None
    if row is None and count == 0:
        return None
    before = audit.snapshot(row) if row else None
    row = row or ParticipantCount(activity=activity, state=state, sex=sex, agency=agency)
    row.count = count
    _save(row, acting_user=acting_user, before=before)
    policy.enforce(acting_user, policy.CHANGE, row)
    _ensure_state(activity, state)
    audit.emit(
        AssistanceEvent.PARTICIPANTS_RECORDED,
        acting_user=acting_user,
        obj=activity,
        state=state.iso3,
        sex=sex,
        agency=agency,
        count=count,
    )
    return row


def _ensure_state(activity: Activity, state) -> None:
    if not activity.states.filter(pk=state.pk).exists():
        activity.states.add(state)


@transaction.atomic
def add_participant(*, acting_user: Any, activity: Activity, count_too: bool = True, **fields: Any) -> Participant:
    """Record a named participant (with consent) and, by default, add them to the counts."""
    policy.enforce(acting_user, policy.CHANGE, activity)
    person = Participant(activity=activity, **fields)
    if person.consent and not person.consent_date:
        person.consent_date = timezone.localdate()
    _save(person, acting_user=acting_user)
    policy.enforce(acting_user, policy.ADD, person)
    if count_too:
        _bump_count(acting_user, activity, person.state, person.sex, person.agency, 1)
    return person


def _bump_count(acting_user, activity, state, sex, agency, by: int) -> None:
    row = ParticipantCount.objects.filter(activity=activity, state=state, sex=sex, agency=agency).first()
    current = row.count if row else 0
    set_participant_count(
        acting_user=acting_user, activity=activity, state=state, sex=sex, agency=agency, count=current + by
    )


@transaction.atomic
def save_indicator(*, acting_user: Any, activity: Activity, indicator: Indicator | None = None, **fields) -> Indicator:
    policy.enforce(acting_user, policy.CHANGE, activity)
    before = audit.snapshot(indicator) if indicator else None
    indicator = indicator or Indicator(activity=activity)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _save(indicator, acting_user=acting_user, before=before)
    policy.enforce(acting_user, policy.CHANGE, indicator)
    return indicator


@transaction.atomic
def record_evaluation(
    *,
    acting_user: Any,
    request: Request,
    rating: str,
    summary: str,
    lessons: str = "",
    evaluated_on: datetime.date | None = None,
) -> Evaluation:
    """Record (or correct) the evaluation of a completed request."""
    policy.enforce(acting_user, policy.CHANGE, request)
    evaluation = Evaluation.objects.filter(request=request).first()
    before = audit.snapshot(evaluation) if evaluation else None
    evaluation = evaluation or Evaluation(request=request)
    evaluation.rating, evaluation.summary, evaluation.lessons = rating, summary, lessons
    evaluation.evaluated_on = evaluated_on or timezone.localdate()
    _save(evaluation, acting_user=acting_user, before=before)
    policy.enforce(acting_user, policy.CHANGE, evaluation)
    audit.emit(AssistanceEvent.EVALUATION_RECORDED, acting_user=acting_user, obj=request, rating=rating)
    return evaluation
