"""Drafting, finalising and tracking cooperation requests, sharing them, and recording every read.

Every write goes through ``core.services.save``/``delete``: validated, logged, re-checked against the
policy after the write, announced as an event, in one transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.cooperation import drafting, queries
from ctassist.cooperation.choices import NEXT, OPEN, CaseStatus, Direction
from ctassist.cooperation.events import CooperationEvent
from ctassist.cooperation.models import CaseStep, CooperationRequest
from ctassist.cooperation.policies import SEND, SHARE, TRACK
from ctassist.core import audit, roles
from ctassist.core import services as core
from ctassist.core.policy import CHANGE, DELETE, VIEW, allows, enforce
from ctassist.directory.models import split_codes as directory_codes
from ctassist.geo.models import State

# The fields people edit through the drafting steps (pages and API); the rest is set by the services.
EDITABLE_FIELDS = tuple(f for step in drafting.STEPS for f in step.fields if f != "instruments")


def _author(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _reference(kind: str, requesting: State, day: datetime.date) -> str:
    prefix = "MLA" if kind == "mla" else "EXT"
    stem = f"{prefix}-{requesting.iso3}-{day.year}-"
    taken = CooperationRequest.objects.filter(reference__startswith=stem).count()
    number = taken + 1
    while CooperationRequest.objects.filter(reference=f"{stem}{number:04d}").exists():
        number += 1
    return f"{stem}{number:04d}"


def _set_fields(request: CooperationRequest, fields: Mapping[str, Any]) -> None:
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %(names)s.") % {"names": ", ".join(unknown)})
    for name, value in fields.items():
        if name == "assistance" and isinstance(value, list | tuple):
            value = ",".join(dict.fromkeys(str(v) for v in value))
        if value is None and name not in ("requested_authority", "offence_date", "reply_by"):
            value = ""
        setattr(request, name, value)


@transaction.atomic
def create_request(
    *,
    acting_user: Any,
    kind: str,
    counterpart: State,
    direction: str = Direction.OUTGOING,
    fields: Mapping[str, Any] | None = None,
    instruments: Iterable[Any] | None = None,
    received_on: datetime.date | None = None,
    drafting_state: State | None = None,
    is_demo: bool = False,
) -> CooperationRequest:
    """A new request recorded by the acting focal point's State (``drafting_state`` for the system).

    Outgoing: a draft from that State to ``counterpart``. Incoming: a request ``counterpart`` sent,
    recorded on ``received_on`` (required) as sent, so both States follow it from there.
    """
    state = drafting_state if acting_user is None else (getattr(acting_user, "state", None))
    if state is None:
        raise PermissionDenied(_("Only a State's focal point records cooperation requests."))
    if direction not in Direction.values:
        raise ValidationError({"direction": _("Choose outgoing or incoming.")})
    outgoing = direction == Direction.OUTGOING
    requesting, requested = (state, counterpart) if outgoing else (counterpart, state)
    if direction == Direction.INCOMING and received_on is None:
        raise ValidationError({"received_on": _("Give the date the request was received.")})
    request = CooperationRequest(
        kind=kind,
        direction=direction,
        drafting_state=state,
        requesting_state=requesting,
        requested_state=requested,
        created_by=_author(acting_user),
        is_demo=is_demo,
    )
    _set_fields(request, fields or {})
    if not outgoing:
        request.status = CaseStatus.SENT
        request.sent_on = request.last_step_on = received_on
    request.reference = _reference(kind, requesting, timezone.localdate())
    core.save(
        request,
        acting_user=acting_user,
        m2m={"instruments": instruments} if instruments is not None else None,
        event=CooperationEvent.REQUEST_CREATED,
        details={"kind": kind, "direction": direction, "requesting": requesting.iso3, "requested": requested.iso3},
    )
    if not outgoing:
        _step(request, acting_user, CaseStatus.SENT, received_on, _("Received."))  # type: ignore[arg-type]
    return request


@transaction.atomic
def update_request(
    *,
    acting_user: Any,
    request: CooperationRequest,
    fields: Mapping[str, Any],
    instruments: Iterable[Any] | None = None,
    expected_version: int | None,
) -> CooperationRequest:
    """Change a draft (one drafting step or several). A change undoes the finalisation."""
    current = core.lock(request, expected_version=expected_version)
    enforce(acting_user, CHANGE, current)
    before = audit.snapshot(current)
    _set_fields(current, fields)
    proposed = audit.snapshot(current, m2m=False)
    wanted = sorted(getattr(i, "pk", i) for i in instruments) if instruments is not None else before["instruments"]
    if wanted != before["instruments"] or any(proposed[k] != before.get(k) for k in proposed if k != "version"):
        current.finalised_at = None  # the document changes: it must be checked and finalised again
    core.save(
        current,
        acting_user=acting_user,
        before=before,
        m2m={"instruments": instruments} if instruments is not None else None,
        event=CooperationEvent.REQUEST_CHANGED,
        details={"fields": sorted(fields) + (["instruments"] if instruments is not None else [])},
    )
    return current


def authority_accepts(request: CooperationRequest) -> tuple[list[str], list[str]]:
    """(languages, channels) the chosen authority accepts, from its directory entry."""
    entry = request.requested_authority
    if entry is None:
        return [], []
    return directory_codes(entry.languages_accepted), directory_codes(entry.channels_accepted)


def missing_elements(user: Any, request: CooperationRequest) -> list[drafting.Missing]:
    basis = None
    if request.offence and request.basis_date:
        basis = queries.treaty_basis(
            user, request.requesting_state, request.requested_state, request.offence, request.basis_date
        ).codes
    languages, channels = authority_accepts(request)
    return drafting.missing_elements(request, basis, languages, channels)


def _refuse_incomplete(missing: list[drafting.Missing]) -> None:
    errors: dict[str, list[str]] = {}
    for item in missing:
        errors.setdefault(item.field, []).append(str(item))
    raise ValidationError(errors)


@transaction.atomic
def finalise(*, acting_user: Any, request: CooperationRequest, expected_version: int | None) -> CooperationRequest:
    """Mark a draft ready to send; refused, naming each missing element's step and field.

    A step rather than an edit: the version is checked when given (pages send it; the API's If-Match is optional).
    """
    current = core.lock(request, expected_version=expected_version, required=False)
    enforce(acting_user, CHANGE, current)
    missing = missing_elements(acting_user, current)
    if missing:
        _refuse_incomplete(missing)
    before = audit.snapshot(current)
    current.finalised_at = timezone.now()
    core.save(current, acting_user=acting_user, before=before, event=CooperationEvent.REQUEST_FINALISED)
    return current


def _step(request: CooperationRequest, user: Any, status: str, date: datetime.date, note: str) -> CaseStep:
    step = CaseStep(request=request, status=status, date=date, note=note, recorded_by=_author(user))
    core.save(step, acting_user=user)
    return step


def allowed_moves(user: Any, request: CooperationRequest) -> list[str]:
    """The statuses the user may move the request to now."""
    moves = []
    for target in NEXT.get(request.status, ()):
        action = SEND if target == CaseStatus.SENT else TRACK
        if not allows(user, action, request):
            continue
        if target == CaseStatus.WITHDRAWN and roles.state_id_of(user) not in (None, request.requesting_state_id):
            continue
        moves.append(target)
    return moves


@transaction.atomic
def move(
    *,
    acting_user: Any,
    request: CooperationRequest,
    to: str,
    date: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> CooperationRequest:
    """Move a case to its next status with the date it happened, and write the step in its case file.

    The recording State sends a finalised draft; either State records what follows; only the
    requesting State withdraws; a refusal needs its grounds.
    """
    current = core.lock(request, expected_version=expected_version, required=False)
    if to not in CaseStatus.values:
        raise ValidationError({"to": _("Unknown status %(status)s.") % {"status": to}})
    if to not in NEXT.get(current.status, ()):
        raise ValidationError(
            {"to": _("A request that is %(now)s cannot become %(next)s.")
             % {"now": current.get_status_display(), "next": CaseStatus(to).label}}
        )  # fmt: skip
    if to not in allowed_moves(acting_user, current) and acting_user is not None:
        raise core.TransitionRefused(_("You may not record this step for this request."))
    day = date or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"date": _("The date is in the future.")})
    if current.sent_on and day < current.sent_on:
        raise ValidationError({"date": _("The date is before the request was sent.")})
    note = (note or "").strip()
    if to == CaseStatus.SENT:
        if current.finalised_at is None:
            missing = missing_elements(acting_user, current)
            if missing:
                _refuse_incomplete(missing)
            raise ValidationError({"to": _("Finalise the request before sending it.")})
        current.sent_on = day
    if to == CaseStatus.REFUSED:
        if not note:
            raise ValidationError({"note": _("Give the grounds for refusal.")})
        current.refusal_grounds = note
    if to == CaseStatus.ACKNOWLEDGED:
        current.acknowledged_on = day
    if to in (CaseStatus.EXECUTED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN):
        current.closed_on = day
    before = audit.snapshot(current)
    previous = current.status
    current.status = to
    current.last_step_on = day
    core.save(
        current,
        acting_user=acting_user,
        before=before,
        action=VIEW,  # the step was checked above; afterwards the author must still see the case
        event=CooperationEvent.STATUS_CHANGED,
        details={"from": previous, "to": to, "date": day},
    )
    _step(current, acting_user, to, day, note)
    return current


@transaction.atomic
def share(*, acting_user: Any, request: CooperationRequest, shared: bool, reason: str = "") -> CooperationRequest:
    """The recording State shares a request (and its case file) with UNODC for assistance, or stops."""
    current = core.lock(request, expected_version=None, required=False)
    enforce(acting_user, SHARE, current)
    reason = (reason or "").strip()
    if shared and not reason:
        raise ValidationError({"reason": _("Say what assistance the request is shared for.")})
    if current.shared_for_assistance == shared:
        return current
    before = audit.snapshot(current)
    current.shared_for_assistance = shared
    core.save(
        current,
        acting_user=acting_user,
        before=before,
        action=SHARE,
        event=CooperationEvent.REQUEST_SHARED if shared else CooperationEvent.REQUEST_UNSHARED,
        details={"reason": reason},
    )
    return current


@transaction.atomic
def delete_request(*, acting_user: Any, request: CooperationRequest, expected_version: int | None = None) -> None:
    current = core.lock(request, expected_version=expected_version, required=False)
    enforce(acting_user, DELETE, current)
    for step in current.steps.all():
        core.delete(step, acting_user=acting_user, event=CooperationEvent.REQUEST_DELETED, check=False)
    core.delete(current, acting_user=acting_user, event=CooperationEvent.REQUEST_DELETED,
                details={"reference": current.reference})  # fmt: skip


def record_read(*, acting_user: Any, requests: Iterable[CooperationRequest], via: str) -> None:
    """Write the "request viewed" event for a read (page, API, document): one event naming every request shown."""
    requests = list(requests)
    if not requests:
        return
    audit.emit(
        CooperationEvent.REQUEST_VIEWED,
        acting_user=acting_user,
        obj=requests[0] if len(requests) == 1 else None,
        via=via,
        count=len(requests),
        requests=[r.pk for r in requests],
    )


def overdue(today: datetime.date | None = None) -> list[tuple[CooperationRequest, datetime.date]]:
    """Open cases whose expected answer is late, most overdue first (system use: reminders)."""
    today = today or timezone.localdate()
    late = []
    for request in CooperationRequest.objects.filter(status__in=OPEN).select_related(
        "requesting_state", "requested_state"
    ):
        due = request.due_on()
        if due is not None and due < today:
            late.append((request, due))
    return sorted(late, key=lambda pair: (pair[1], pair[0].reference))


@transaction.atomic
def send_reminders(today: datetime.date | None = None) -> list[tuple[CooperationRequest, datetime.date]]:
    """Record a "reminder due" event for each overdue case (the task worker or the command runs it)."""
    late = overdue(today)
    for request, due in late:
        audit.emit(CooperationEvent.REMINDER_DUE, acting_user=None, obj=request, due=due, status=request.status)
    return late
