"""Every change in the assistance area: requests and their workflow, activities, participants, results.

Each change is written through ``core.services.save`` or ``core.services.delete``
(validation, the change log with many-to-many fields, the policy re-checked after
the write, the domain event, in one transaction). The assistance request an
argument names is always ``assistance_request``: ``request`` is the HTTP request.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
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
    AssistanceRequest,
    Evaluation,
    Indicator,
    Participant,
    ParticipantCount,
    RequestAttachment,
)
from ctassist.core import audit, policy, roles
from ctassist.core.services import TransitionRefused, delete, lock, notify, save

TRANSITION = "transition"
ASSIGN = "assign"
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


def _known(fields: Mapping[str, Any], allowed: Iterable[str], kind: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {kind} fields: {sorted(unknown)}")


def _author(acting_user: Any) -> Any:
    """The user to record as author (``None`` for the system or an unsaved user)."""
    return acting_user if getattr(acting_user, "pk", None) else None


def _edit(
    record: Any,
    *,
    acting_user: Any,
    expected_version: int | None,
    fields: Mapping[str, Any],
    m2m: Callable[[Any], Mapping[str, Iterable | None]],
    event: AssistanceEvent,
) -> Any:
    """Change a versioned record from the version its editor loaded; the event names the fields changed.

    ``m2m(current)`` gives the many-to-many values to set, from the locked current row.
    """
    # Checked first: an edit that changes nothing writes nothing, so is never checked after a save.
    policy.enforce(acting_user, policy.CHANGE, record)
    current = lock(record, expected_version=expected_version)
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    wanted = m2m(current)
    after = audit.snapshot(current, m2m=False)
    after.update({k: sorted(getattr(v, "pk", v) for v in values) for k, values in wanted.items() if values is not None})
    changed = sorted(k for k, value in after.items() if k != "version" and before.get(k) != value)
    save(current, acting_user=acting_user, before=before, m2m=wanted, event=event, details={"fields": changed})
    return current


# -- notifications -----------------------------------------------------------------------------


def _recipients(assistance_request: AssistanceRequest, audiences: Iterable[str]) -> list[Any]:
    """The users to tell, each once; they are written to in their own language.

    UNODC: the officer assigned to the request, or every programme officer while nobody is.
    The State: its focal points and the request's author.
    """
    User = get_user_model()
    users: dict[int, Any] = {}
    audiences = set(audiences)
    if workflow.UNODC in audiences:
        officer = assistance_request.assigned_officer
        if officer is not None and officer.is_active:
            users[officer.pk] = officer
        else:
            users.update({u.pk: u for u in User.objects.filter(role=Role.OFFICER, is_active=True)})
    if workflow.STATE in audiences:
        focal_points = User.objects.filter(
            role=Role.FOCAL_POINT, is_active=True, organisation__state_id=assistance_request.state_id
        )
        users.update({u.pk: u for u in focal_points})
        author = assistance_request.created_by
        if author is not None and author.is_active:
            users[author.pk] = author
    return sorted(users.values(), key=lambda u: (u.email, u.pk))


def _notify(
    assistance_request: AssistanceRequest,
    people: Iterable[Any],
    compose: Callable[[], tuple[str, str]],
    *,
    author: Any = None,
) -> None:
    """Tell ``people`` in-app and by e-mail (sent once the transaction commits), each in their language.

    The author of the change is not told of what they have just done themselves.
    """
    people = [u for u in people if getattr(u, "pk", None) and u.pk != getattr(author, "pk", None)]
    if people:
        notify(people, compose, link=assistance_request.get_absolute_url())


def _status_message(current: AssistanceRequest, comment: str) -> Callable[[], tuple[str, str]]:
    def compose() -> tuple[str, str]:
        subject = _("[ctassist] %(ref)s %(title)s: %(status)s") % {
            "ref": current.reference,
            "title": current.title[:80],
            "status": current.get_status_display(),
        }
        body = _(
            "The technical assistance request %(ref)s from %(state)s (“%(title)s”) is now %(status)s.\n%(reason)s"
        ) % {
            "ref": current.reference,
            "state": current.state.name,
            "title": current.title,
            "status": current.get_status_display().lower(),
            "reason": (_("Comment: %(reason)s") % {"reason": comment}) if comment else "",
        }
        return subject, body

    return compose


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
) -> AssistanceRequest:
    """Create a draft request for ``state``; a focal point may only create for its own State."""
    _known(fields, REQUEST_FIELDS, "request")
    if roles.state_id_of(acting_user) and "channel" not in fields:
        fields["channel"] = Channel.PORTAL
    assistance_request = AssistanceRequest(
        state=state, title=title, created_by=_author(acting_user), is_demo=is_demo, **fields
    )
    save(
        assistance_request,
        acting_user=acting_user,
        m2m={"themes": list(themes), "instruments": list(instruments)},
        event=AssistanceEvent.REQUEST_CREATED,
        details={"state": state.iso3},
    )
    return assistance_request


@transaction.atomic
def update_request(
    *,
    acting_user: Any,
    assistance_request: AssistanceRequest,
    expected_version: int | None,
    themes: Iterable | None = None,
    instruments: Iterable | None = None,
    **fields: Any,
) -> AssistanceRequest:
    """Change a request's fields. ``expected_version`` is the version the editor loaded: if
    someone saved in between, ``EditConflict`` is raised (``VersionRequired`` without one)
    and nothing changes."""
    _known(fields, REQUEST_FIELDS, "request")
    return _edit(
        assistance_request,
        acting_user=acting_user,
        expected_version=expected_version,
        fields=fields,
        m2m=lambda current: {"themes": themes, "instruments": instruments},
        event=AssistanceEvent.REQUEST_UPDATED,
    )


@transaction.atomic
def transition(
    *,
    acting_user: Any,
    assistance_request: AssistanceRequest,
    to: str,
    reason: str = "",
    expected_version: int | None = None,
) -> AssistanceRequest:
    """Take the request along one transition of the workflow (by name or by target state).

    Refused with ``TransitionRefused`` (403) when the user's role does not own it, with
    ``ValidationError`` when the request is not in a state it starts from or lacks the data
    the next state needs, and with ``EditConflict`` when ``expected_version`` (optional
    here: a step names no field values) is not the current one.
    """
    step = workflow.find(to)
    if step is None:
        raise ValidationError({"to": _("Unknown transition “%(to)s”.") % {"to": to}})
    if step.automatic:
        raise ValidationError(
            {"to": _("A request is %(target)s when its activities are: change the activities instead.")
             % {"target": RequestStatus(step.target).label.lower()}}
        )  # fmt: skip
    if acting_user is not None and not policy.allows(acting_user, TRANSITION, assistance_request):
        raise TransitionRefused(_("You may not act on this request."))
    current = lock(assistance_request, expected_version=expected_version, required=False)
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
    if step.timestamp:
        setattr(current, step.timestamp, timezone.now())
    if step.name == "decline":
        current.decline_reason = reason
    if step.name == "withdraw":
        current.withdrawal_reason = reason
    save(
        current,
        acting_user=acting_user,
        before=before,
        action=TRANSITION,
        event=step.event,
        details={"from": previous, "to": step.target, "reason": reason},
    )

    _notify(current, _recipients(current, step.notify), _status_message(current, reason), author=acting_user)
    return current


def _follow_activities(acting_user: Any, request_ids: Iterable[int]) -> None:
    """Bring each request's delivery state in line with its activities (``workflow.delivery_status``).

    The consequence of an activity's change, not a step anyone takes: logged and announced like
    a transition (the event of the step, the State told), checked as the system's own write.
    """
    ids = sorted(set(request_ids))
    if not ids:
        return
    rows = AssistanceRequest.objects.filter(pk__in=ids, status__in=workflow.DELIVERY_STATES)
    for row in rows.select_related("state", "assigned_officer", "created_by"):
        statuses = list(row.activities.values_list("status", flat=True))
        target = workflow.delivery_status(row.status, statuses)
        if target == row.status:
            continue
        current = lock(row, expected_version=None, required=False)
        before = audit.snapshot(current)
        previous = current.status
        current.status = target
        step = workflow.BY_NAME.get(workflow.AUTOMATIC.get(target, ""))
        if step is not None and step.timestamp and not getattr(current, step.timestamp):
            setattr(current, step.timestamp, timezone.now())
        if target != RequestStatus.COMPLETED:
            current.closed_at = None
        event = step.event if step is not None else AssistanceEvent.REQUEST_UPDATED
        save(current, acting_user=acting_user, before=before, action=TRANSITION, event=event,
             details={"from": previous, "to": target, "because": "activities"})  # fmt: skip
        if step is not None:
            _notify(current, _recipients(current, step.notify), _status_message(current, ""), author=acting_user)


@transaction.atomic
def assign_officer(
    *,
    acting_user: Any,
    assistance_request: AssistanceRequest,
    officer: Any,
    comment: str = "",
    expected_version: int | None = None,
) -> AssistanceRequest:
    """Give the request to a UNODC officer (``None``: nobody); only UNODC staff assign.

    Logged with the officer before and after; the officer newly assigned is told.
    """
    if acting_user is not None and not policy.allows(acting_user, ASSIGN, assistance_request):
        raise TransitionRefused(_("Only UNODC staff assign a request to an officer."))
    current = lock(assistance_request, expected_version=expected_version, required=False)
    before = audit.snapshot(current)
    previous = current.assigned_officer
    current.assigned_officer = officer
    comment = (comment or "").strip()
    changed = save(
        current,
        acting_user=acting_user,
        before=before,
        action=ASSIGN,
        event=AssistanceEvent.REQUEST_ASSIGNED,
        details={
            "officer": str(officer.get_full_name() or officer.username) if officer else "",
            "previous": str(previous.get_full_name() or previous.username) if previous else "",
            "reason": comment,
        },
    )
    if changed and officer is not None:

        def compose() -> tuple[str, str]:
            subject = _("[ctassist] %(ref)s %(title)s: assigned to you") % {
                "ref": current.reference,
                "title": current.title[:80],
            }
            body = _("The technical assistance request %(ref)s from %(state)s is now yours to handle.\n%(comment)s") % {
                "ref": current.reference,
                "state": current.state.name,
                "comment": (_("Comment: %(reason)s") % {"reason": comment}) if comment else "",
            }
            return subject, body

        _notify(current, [officer], compose, author=acting_user)
    return current


@transaction.atomic
def add_attachment(*, acting_user: Any, assistance_request: AssistanceRequest, title: str, file) -> RequestAttachment:
    """Attach a document to a request."""
    attachment = RequestAttachment(
        request=assistance_request,
        title=title or getattr(file, "name", ""),
        file=file,
        uploaded_by=_author(acting_user),
    )
    save(attachment, acting_user=acting_user)
    # Announced on the request itself, so that the request's timeline shows it.
    audit.emit(
        AssistanceEvent.ATTACHMENT_ADDED, acting_user=acting_user, obj=assistance_request, title=attachment.title
    )
    return attachment


@transaction.atomic
def delete_request(*, acting_user: Any, assistance_request: AssistanceRequest) -> None:
    """Only drafts are deleted; anything submitted stays on record (withdraw it instead)."""
    # The policy first, so that a user is refused (403) before being told the rule below,
    # which holds for the system itself too.
    policy.enforce(acting_user, policy.DELETE, assistance_request)
    if assistance_request.status != RequestStatus.DRAFT:
        raise ValidationError(_("Only a draft is deleted; withdraw a submitted request instead."))
    delete(
        assistance_request,
        acting_user=acting_user,
        event=AssistanceEvent.REQUEST_DELETED,
        details={"reference": assistance_request.reference, "state": assistance_request.state.iso3},
        check=False,  # checked above
    )


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
    funding_project: int | None = None,
    **fields: Any,
) -> Activity:
    """Create an activity; it concerns the given States and those of the requests it answers.

    ``funding_project``: the id of the project that pays for it (recorded by the funding area).
    """
    _known(fields, ACTIVITY_FIELDS, "activity")
    requests = list(requests)
    activity = Activity(is_demo=is_demo, **fields)
    save(
        activity,
        acting_user=acting_user,
        m2m={"states": _states_with_requests(states, requests), "themes": list(themes), "requests": requests},
        event=AssistanceEvent.ACTIVITY_CREATED,
        details={"requests": [r.pk for r in requests]},
    )
    _link_funding(acting_user, activity, funding_project)
    _follow_activities(acting_user, [r.pk for r in requests])
    return activity


@transaction.atomic
def update_activity(
    *,
    acting_user: Any,
    activity: Activity,
    expected_version: int | None,
    states: Iterable | None = None,
    themes: Iterable | None = None,
    requests: Iterable | None = None,
    funding_project: int | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity from the version the editor loaded (``EditConflict`` if it is stale).

    ``funding_project``: a project that pays for it (added to those that do; never removes one).
    """
    _known(fields, ACTIVITY_FIELDS, "activity")
    requests = list(requests) if requests is not None else None

    def m2m(current: Activity) -> dict[str, Iterable | None]:
        # Answering other requests keeps the States chosen, and adds those of the requests.
        chosen = current.states.all() if requests is not None and states is None else states
        return {"states": _states_with_requests(chosen, requests), "themes": themes, "requests": requests}

    answered_before = set(activity.requests.values_list("pk", flat=True))
    current = _edit(
        activity,
        acting_user=acting_user,
        expected_version=expected_version,
        fields=fields,
        m2m=m2m,
        event=AssistanceEvent.ACTIVITY_UPDATED,
    )
    _link_funding(acting_user, current, funding_project)
    # The requests it answers now and those it no longer answers both follow.
    _follow_activities(acting_user, answered_before | set(current.requests.values_list("pk", flat=True)))
    return current


def _ensure_state(acting_user: Any, activity: Activity, state) -> None:
    """Participants of a State make the activity concern that State (so its focal point sees it).

    A change of the activity's States like any other: logged, and a new version, so an
    editor who loaded the States before cannot silently take this one away again.
    """
    current = lock(activity, expected_version=None, required=False)
    states = list(current.states.values_list("pk", flat=True))
    if state.pk in states:
        return
    save(
        current,
        acting_user=acting_user,
        m2m={"states": [*states, state.pk]},
        event=AssistanceEvent.ACTIVITY_UPDATED,
        details={"fields": ["states"]},
    )


def ensure_state(*, acting_user: Any, activity: Activity, state) -> None:
    """Make ``activity`` concern ``state`` (another area's records for that State: training seats)."""
    _ensure_state(acting_user, activity, state)


@transaction.atomic
def set_partner(*, acting_user: Any, activity: Activity, organisation, role: str) -> ActivityPartner:
    """Add a partner entity to an activity, or change its role there."""
    policy.enforce(acting_user, policy.CHANGE, activity)
    link = ActivityPartner.objects.filter(activity=activity, organisation=organisation).first()
    link = link or ActivityPartner(activity=activity, organisation=organisation)
    link.role = role
    save(link, acting_user=acting_user, event=AssistanceEvent.PARTNER_SET, details={"role": role})
    return link


@transaction.atomic
def remove_partner(*, acting_user: Any, link: ActivityPartner) -> None:
    """Take a partner entity off an activity."""
    delete(
        link,
        acting_user=acting_user,
        event=AssistanceEvent.PARTNER_REMOVED,
        details={"activity": link.activity_id, "organisation": str(link.organisation)},
    )


# -- the project that pays for an activity: funding's knowledge, handed in by funding -----------
#
# Funding depends on assistance (its charges point at activities), so assistance may not import it.
# The activity form still offers the projects: funding registers, in its ``ready()``, how to list the
# projects a user may choose, which one pays for an activity, and how to record the choice (a charge
# of the project, joining its charges). Without funding installed, the form has no such field.


@dataclass(frozen=True)
class FundingLink:
    choices: Callable[[Any], list[tuple[int, str]]]  # (project id, label) the user may choose
    current: Callable[[Activity], int | None]  # the project that pays for the activity, if any
    link: Callable[..., Any]  # link(acting_user=, activity=, project_id=) records the choice


_FUNDING_LINKS: list[FundingLink] = []


def register_funding_link(link: FundingLink) -> FundingLink:
    """Let the funding area offer its projects on the activity form."""
    _FUNDING_LINKS[:] = [link]
    return link


def funding_link() -> FundingLink | None:
    return _FUNDING_LINKS[0] if _FUNDING_LINKS else None


def _link_funding(acting_user: Any, activity: Activity, project_id: int | None) -> None:
    link = funding_link()
    if link is not None and project_id:
        link.link(acting_user=acting_user, activity=activity, project_id=int(project_id))


# ``source(activity)`` → whether another area (training) derives this activity's counts from its own
# records; such counts are written only by that area (``derived=True``), never typed by hand.
_COUNT_SOURCES: list[Callable[[Activity], bool]] = []


def register_count_source(source: Callable[[Activity], bool]) -> Callable[[Activity], bool]:
    """Let another area say which activities it counts itself; usable as a decorator."""
    _COUNT_SOURCES.append(source)
    return source


def counts_are_derived(activity: Activity) -> bool:
    """Whether the participant table of ``activity`` comes from another area's records."""
    return any(source(activity) for source in _COUNT_SOURCES)


@transaction.atomic
def set_participant_count(
    *, acting_user: Any, activity: Activity, state, sex: str, agency: str, count: int, derived: bool = False
) -> ParticipantCount | None:
    """Set one cell of the participant table (State × sex × agency); 0 removes it.

    Refused for an activity whose counts another area derives (its enrolments), unless
    that area is the caller (``derived=True``): the counts are never entered twice.
    """
    policy.enforce(acting_user, policy.CHANGE, activity)
    if not derived and counts_are_derived(activity):
        raise ValidationError(
            _("The participants of this activity are counted from its enrolments; they cannot be entered by hand.")
        )
    cell = {"activity": activity, "state": state, "sex": sex, "agency": agency}
    row = ParticipantCount.objects.filter(**cell).first()
    details = {"state": state.iso3, "sex": sex, "agency": agency, "count": count}
    if count == 0:
        if row is not None:
            delete(row, acting_user=acting_user, event=AssistanceEvent.PARTICIPANT_COUNT_REMOVED, details=details)
        return None
    row = row or ParticipantCount(**cell)
    row.count = count
    save(row, acting_user=acting_user, event=AssistanceEvent.PARTICIPANTS_RECORDED, details=details)
    _ensure_state(acting_user, activity, state)
    return row


@transaction.atomic
def bump_participant_count(
    *, acting_user: Any, activity: Activity, state, sex: str, agency: str, by: int = 1
) -> ParticipantCount | None:
    """Add ``by`` participants to one cell of the participant table."""
    row = ParticipantCount.objects.filter(activity=activity, state=state, sex=sex, agency=agency).first()
    return set_participant_count(
        acting_user=acting_user,
        activity=activity,
        state=state,
        sex=sex,
        agency=agency,
        count=(row.count if row else 0) + by,
    )


@transaction.atomic
def add_participant(*, acting_user: Any, activity: Activity, count_too: bool = True, **fields: Any) -> Participant:
    """Record a named participant (with consent) and, by default, add them to the counts."""
    policy.enforce(acting_user, policy.CHANGE, activity)
    person = Participant(activity=activity, **fields)
    if person.consent and not person.consent_date:
        person.consent_date = timezone.localdate()
    save(person, acting_user=acting_user)
    if count_too:
        bump_participant_count(
            acting_user=acting_user, activity=activity, state=person.state, sex=person.sex, agency=person.agency
        )
    return person


@transaction.atomic
def import_participants(*, acting_user: Any, activity: Activity, people: Iterable[Mapping[str, Any]]) -> int:
    """Count everyone on a participant list and keep by name those who consented.

    Each person is ``{full_name, state, sex, agency, institution, email, consent}``;
    returns how many were kept by name.
    """
    people = list(people)
    named = 0
    for person in people:
        if person["consent"]:
            add_participant(acting_user=acting_user, activity=activity, **person)
            named += 1
        else:
            bump_participant_count(
                acting_user=acting_user,
                activity=activity,
                state=person["state"],
                sex=person["sex"],
                agency=person["agency"],
            )
    audit.emit(
        AssistanceEvent.PARTICIPANTS_IMPORTED, acting_user=acting_user, obj=activity, rows=len(people), named=named
    )
    return named


@transaction.atomic
def save_indicator(*, acting_user: Any, activity: Activity, indicator: Indicator | None = None, **fields) -> Indicator:
    """Record a result of an activity, or correct one."""
    policy.enforce(acting_user, policy.CHANGE, activity)
    indicator = indicator or Indicator(activity=activity)
    for name, value in fields.items():
        setattr(indicator, name, value)
    save(indicator, acting_user=acting_user)
    return indicator


@transaction.atomic
def record_evaluation(
    *,
    acting_user: Any,
    assistance_request: AssistanceRequest,
    rating: str,
    summary: str,
    lessons: str = "",
    evaluated_on: datetime.date | None = None,
) -> Evaluation:
    """Record (or correct) the evaluation of a completed request."""
    policy.enforce(acting_user, policy.CHANGE, assistance_request)
    evaluation = Evaluation.objects.filter(request=assistance_request).first() or Evaluation(request=assistance_request)
    evaluation.rating, evaluation.summary, evaluation.lessons = rating, summary, lessons
    evaluation.evaluated_on = evaluated_on or timezone.localdate()
    if save(evaluation, acting_user=acting_user):
        # Announced on the request itself, so that the request's timeline shows it.
        audit.emit(AssistanceEvent.EVALUATION_RECORDED, acting_user=acting_user, obj=assistance_request, rating=rating)
    return evaluation
