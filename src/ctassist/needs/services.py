"""Every change in the needs area: needs, their status, follow-up, links, sharing, proposals.

Each change goes through ``core.services.save`` (validation, change log with many-to-many
fields, the policy re-checked after the write, the domain event, one transaction).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.choices import OrganisationKind
from ctassist.assistance import services as assistance_services
from ctassist.assistance.models import Activity, AssistanceRequest
from ctassist.core import audit, policy
from ctassist.core.services import TransitionRefused, lock, save
from ctassist.library import checklists
from ctassist.library import services as library_services
from ctassist.library.choices import Incorporation
from ctassist.needs.choices import (
    ASSESSMENT_EDITABLE,
    ASSESSMENT_OPEN,
    NEEDS_REASON,
    TRANSITIONS,
    AssessmentStatus,
    NeedSource,
    NeedStatus,
    SharingAction,
)
from ctassist.needs.events import NeedEvent
from ctassist.needs.models import AssessmentAnswer, FollowUp, Need, SelfAssessment, SharingDecision
from ctassist.needs.policies import CONFIRM, SHARE, SUBMIT, VALIDATE

NEED_FIELDS = (
    "title",
    "description",
    "source",
    "source_reference",
    "source_date",
    "mechanism",
    "review",
    "review_item",
    "source_request",
    "priority",
    "lead_institution",
    "target_date",
)
# Review items with these outcomes are gaps that legislative assistance can close.
GAP_STATUSES = (Incorporation.NOT, Incorporation.PARTLY)


def _known(fields: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown need fields: {sorted(unknown)}")


def _author(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _check_answers(state_id: int, requests: Iterable[Any] | None, activities: Iterable[Any] | None) -> None:
    """Requests and activities that answer a need concern the need's State."""
    errors: dict[str, str] = {}
    if requests is not None:
        foreign = [r.reference for r in requests if r.state_id != state_id]
        if foreign:
            errors["requests"] = _("These requests are from another State: %(refs)s") % {"refs": ", ".join(foreign)}
    if activities is not None:
        activities = list(activities)
        concerned = set(
            Activity.states.through.objects.filter(
                activity_id__in=[a.pk for a in activities], state_id=state_id
            ).values_list("activity_id", flat=True)
        )
        foreign = [a.title for a in activities if a.pk not in concerned]
        if foreign:
            errors["activities"] = _("These activities do not concern the need's State: %(titles)s") % {
                "titles": "; ".join(foreign)
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_need(
    *,
    acting_user: Any,
    state: Any,
    title: str,
    source: str,
    themes: Iterable[Any] = (),
    instruments: Iterable[Any] = (),
    requests: Iterable[Any] = (),
    activities: Iterable[Any] = (),
    status: str = NeedStatus.OPEN,
    is_demo: bool = False,
    **fields: Any,
) -> Need:
    """Record a need of ``state`` from ``source`` (open, or proposed when a review suggests it)."""
    _known(fields, NEED_FIELDS)
    if status not in (NeedStatus.OPEN, NeedStatus.PROPOSED):
        raise ValidationError({"status": _("A need is recorded open (or proposed by a review).")})
    requests, activities = list(requests), list(activities)
    _check_answers(state.pk, requests, activities)
    need = Need(
        state=state, title=title, source=source, status=status, created_by=_author(acting_user), is_demo=is_demo,
        **fields,
    )  # fmt: skip
    save(
        need,
        acting_user=acting_user,
        m2m={"themes": list(themes), "instruments": list(instruments), "requests": requests, "activities": activities},
        event=NeedEvent.NEED_PROPOSED if status == NeedStatus.PROPOSED else NeedEvent.NEED_RECORDED,
        details={"state": state.iso3, "source": source},
    )
    return need


@transaction.atomic
def update_need(
    *,
    acting_user: Any,
    need: Need,
    expected_version: int | None,
    themes: Iterable[Any] | None = None,
    instruments: Iterable[Any] | None = None,
    **fields: Any,
) -> Need:
    """Change a need's fields from the version its editor loaded (``EditConflict`` if stale)."""
    _known(fields, NEED_FIELDS)
    policy.enforce(acting_user, policy.CHANGE, need)
    current = lock(need, expected_version=expected_version)
    before = audit.snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    m2m = {"themes": themes, "instruments": instruments}
    changed = sorted(
        {k for k, v in audit.snapshot(current, m2m=False).items() if before.get(k) != v and k != "version"}
        | {k for k, v in m2m.items() if v is not None and sorted(x.pk for x in v) != before.get(k)}
    )
    save(current, acting_user=acting_user, before=before, m2m=m2m, event=NeedEvent.NEED_UPDATED,
         details={"fields": changed})  # fmt: skip
    return current


@transaction.atomic
def change_status(
    *, acting_user: Any, need: Need, to: str, reason: str = "", expected_version: int | None = None
) -> Need:
    """Move a need along its life: proposed → open or discarded; open → in progress → addressed; closed.

    Confirming or discarding a proposal is UNODC's (``confirm``); the other steps belong to whoever
    may change the need. Closing and discarding need a reason.
    """
    if to not in NeedStatus.values:
        raise ValidationError({"to": _("Unknown status “%(to)s”.") % {"to": to}})
    deciding = need.status == NeedStatus.PROPOSED
    action = CONFIRM if deciding else policy.CHANGE
    if acting_user is not None and not policy.allows(acting_user, action, need):
        raise TransitionRefused(_("You may not change the status of this need."))
    current = lock(need, expected_version=expected_version, required=False)
    if to not in TRANSITIONS.get(current.status, ()):
        raise ValidationError(
            {
                "to": _("A need that is %(status)s cannot become %(target)s.")
                % {"status": current.get_status_display().lower(), "target": NeedStatus(to).label.lower()}
            }
        )
    reason = (reason or "").strip()
    if to in NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    before = audit.snapshot(current)
    previous = current.status
    current.status = to
    current.status_reason = reason if to in NEEDS_REASON else ""
    save(current, acting_user=acting_user, before=before,
         event=NeedEvent.NEED_STATUS_CHANGED, details={"from": previous, "to": to, "reason": reason})  # fmt: skip
    return current


@transaction.atomic
def add_follow_up(
    *, acting_user: Any, need: Need, done_on: datetime.date, action: str, done_by: str, evidence: str = ""
) -> FollowUp:
    """Record what was done about a need, when, by whom, and what shows it."""
    if need.status in (NeedStatus.PROPOSED, NeedStatus.DISCARDED):
        raise ValidationError(_("Confirm the need before following it up."))
    entry = FollowUp(need=need, done_on=done_on, action=(action or "").strip(), done_by=(done_by or "").strip(),
                     evidence=(evidence or "").strip(), recorded_by=_author(acting_user), is_demo=need.is_demo)  # fmt: skip
    save(entry, acting_user=acting_user, event=NeedEvent.FOLLOW_UP_RECORDED, details={"need": need.pk})
    return entry


@transaction.atomic
def set_answers(
    *,
    acting_user: Any,
    need: Need,
    requests: Iterable[Any] | None = None,
    activities: Iterable[Any] | None = None,
    expected_version: int | None = None,
) -> Need:
    """Set the requests and activities that answer the need (``None`` leaves one as it is)."""
    policy.enforce(acting_user, policy.CHANGE, need)
    current = lock(need, expected_version=expected_version, required=False)
    requests = None if requests is None else list(requests)
    activities = None if activities is None else list(activities)
    _check_answers(current.state_id, requests, activities)
    save(current, acting_user=acting_user, m2m={"requests": requests, "activities": activities},
         event=NeedEvent.NEED_LINKED,
         details={"requests": [r.pk for r in requests] if requests is not None else None,
                  "activities": [a.pk for a in activities] if activities is not None else None})  # fmt: skip
    return current


def link_request(*, acting_user: Any, need: Need, assistance_request: AssistanceRequest) -> Need:
    """Add one request to those answering the need."""
    return set_answers(acting_user=acting_user, need=need, requests=[*need.requests.all(), assistance_request])


def link_activity(*, acting_user: Any, need: Need, activity: Activity) -> Need:
    """Add one activity to those answering the need."""
    return set_answers(acting_user=acting_user, need=need, activities=[*need.activities.all(), activity])


@transaction.atomic
def create_request_from_need(*, acting_user: Any, need: Need) -> AssistanceRequest:
    """One step: a draft request of the need's State, pre-filled from the need, linked to it."""
    policy.enforce(acting_user, policy.CHANGE, need)
    if need.status not in (NeedStatus.OPEN, NeedStatus.IN_PROGRESS):
        raise ValidationError(_("Only an open need or one in progress leads to a new request."))
    lines = [need.title, need.description.strip()]
    if need.lead_institution:
        lines.append(_("Lead national institution: %(name)s") % {"name": need.lead_institution})
    lines.append(_("From identified need %(ref)s (%(source)s).") % {"ref": need.reference,
                                                                     "source": need.get_source_display()})  # fmt: skip
    assistance_request = assistance_services.create_request(
        acting_user=acting_user,
        state=need.state,
        title=need.title[:200],
        themes=list(need.themes.all()),
        instruments=list(need.instruments.all()),
        needs="\n\n".join(line for line in lines if line),
        priority=need.priority,
        beneficiary_institutions=need.lead_institution,
        is_demo=need.is_demo,
    )
    current = lock(need, expected_version=None, required=False)
    save(current, acting_user=acting_user, m2m={"requests": [*current.requests.all(), assistance_request]},
         event=NeedEvent.REQUEST_FROM_NEED, details={"request": assistance_request.pk})  # fmt: skip
    return assistance_request


def _sharing_target(organisation: Any) -> None:
    if organisation.kind not in (OrganisationKind.PARTNER, OrganisationKind.DONOR):
        raise ValidationError({"organisation": _("A need is shared with a partner entity or a donor.")})


@transaction.atomic
def share_need(*, acting_user: Any, need: Need, organisation: Any, note: str = "") -> SharingDecision:
    """The State's focal point shares the need with one named partner or donor; the log records it."""
    if acting_user is not None and not policy.allows(acting_user, SHARE, need):
        raise TransitionRefused(_("Only the State's focal point decides with whom its needs are shared."))
    _sharing_target(organisation)
    current = lock(need, expected_version=None, required=False)
    shared = list(current.shared_with.all())
    if organisation in shared:
        raise ValidationError({"organisation": _("The need is already shared with %(name)s.") % {"name": organisation}})
    decision = SharingDecision(need=current, organisation=organisation, action=SharingAction.SHARED,
                               note=(note or "").strip(), decided_by=_author(acting_user))  # fmt: skip
    save(decision, acting_user=acting_user)
    save(current, acting_user=acting_user, m2m={"shared_with": [*shared, organisation]}, action=SHARE,
         event=NeedEvent.NEED_SHARED, details={"organisation": organisation.pk})  # fmt: skip
    return decision


@transaction.atomic
def withdraw_sharing(*, acting_user: Any, need: Need, organisation: Any, note: str = "") -> SharingDecision:
    """The State's focal point stops sharing the need with one organisation; the log records it."""
    if acting_user is not None and not policy.allows(acting_user, SHARE, need):
        raise TransitionRefused(_("Only the State's focal point decides with whom its needs are shared."))
    current = lock(need, expected_version=None, required=False)
    shared = list(current.shared_with.all())
    if organisation not in shared:
        raise ValidationError({"organisation": _("The need is not shared with %(name)s.") % {"name": organisation}})
    decision = SharingDecision(need=current, organisation=organisation, action=SharingAction.WITHDRAWN,
                               note=(note or "").strip(), decided_by=_author(acting_user))  # fmt: skip
    save(decision, acting_user=acting_user)
    save(current, acting_user=acting_user, m2m={"shared_with": [o for o in shared if o != organisation]},
         action=SHARE, event=NeedEvent.SHARING_WITHDRAWN, details={"organisation": organisation.pk})  # fmt: skip
    return decision


# -- from reviews to needs ---------------------------------------------------------------------


@transaction.atomic
def propose_from_review(*, acting_user: Any, review: Any) -> list[Need]:
    """Each item of a final review that is not, or only partly, incorporated becomes a proposed need.

    An item already proposed (the review was reopened and finalised again) is not proposed twice.
    """
    taken = set(Need.objects.filter(review=review, review_item__isnull=False).values_list("review_item_id", flat=True))
    items = review.items.filter(status__in=GAP_STATUSES).exclude(pk__in=taken).select_related("instrument")
    proposed = []
    for item in items:
        state = _("partly incorporated") if item.status == Incorporation.PARTLY else _("not incorporated")
        title = f"{item.instrument.short_name}, {item.article}: {item.requirement}"
        description = _("%(requirement)s\n\nThe review found it %(state)s.") % {
            "requirement": item.requirement, "state": state}  # fmt: skip
        if item.comment:
            description += "\n" + item.comment
        proposed.append(
            record_need(
                acting_user=acting_user,
                state=review.state,
                title=title[:250],
                source=NeedSource.LEGISLATIVE_REVIEW,
                review=review,
                review_item=item,
                description=description,
                instruments=[item.instrument],
                status=NeedStatus.PROPOSED,
                is_demo=review.is_demo,
            )  # fmt: skip
        )
    return proposed


# -- States' self-assessments ------------------------------------------------------------------


@transaction.atomic
def start_assessment(*, acting_user: Any, state: Any, instrument: Any, is_demo: bool = False) -> SelfAssessment:
    """Open a draft self-assessment of ``state`` against ``instrument``, one answer per checklist item."""
    items = checklists.items_for(instrument.code)
    if not items:
        raise ValidationError({"instrument": _("No checklist is available for %(name)s.") % {
            "name": instrument.short_name}})  # fmt: skip
    if SelfAssessment.objects.filter(state=state, instrument=instrument, status__in=ASSESSMENT_OPEN).exists():
        raise ValidationError({"instrument": _("%(state)s already has a self-assessment of %(name)s under way.") % {
            "state": state.name, "name": instrument.short_name}})  # fmt: skip
    assessment = SelfAssessment(state=state, instrument=instrument, started_by=_author(acting_user), is_demo=is_demo)
    save(assessment, acting_user=acting_user, event=NeedEvent.ASSESSMENT_STARTED,
         details={"state": state.iso3, "instrument": instrument.code})  # fmt: skip
    # The checklist is copied into the assessment (article and wording), as for a review, so a later
    # edit of the checklist never changes what the State answered; the start's entry records them.
    AssessmentAnswer.objects.bulk_create(
        AssessmentAnswer(assessment=assessment, item_key=item.key, position=position, category=item.category,
                         article=item.article, requirement=item.requirement)  # fmt: skip
        for position, item in enumerate(items, start=1)
    )
    return assessment


@transaction.atomic
def answer_item(
    *,
    acting_user: Any,
    answer: AssessmentAnswer,
    status: str,
    provisions: Iterable[Any] = (),
    comment: str = "",
    expected_version: int | None = None,
) -> AssessmentAnswer:
    """The State's answer to one item, citing the provisions of its own law that incorporate it."""
    if acting_user is not None and not policy.allows(acting_user, policy.CHANGE, answer):
        raise TransitionRefused(_("Only the State's focal point answers its self-assessment, while it is a draft."))
    current = lock(answer, expected_version=expected_version, required=False)
    if status not in Incorporation.values:
        raise ValidationError({"status": _("Unknown answer “%(value)s”.") % {"value": status}})
    provisions = list(provisions)
    state_id = current.assessment.state_id
    foreign = [p for p in provisions if p.legislation.state_id != state_id]
    if foreign:
        raise ValidationError({"provisions": _("Cite provisions of the State's own law.")})
    if status in (Incorporation.FULLY, Incorporation.PARTLY) and not provisions:
        raise ValidationError({"provisions": _("Cite the provisions of the State's law that incorporate it.")})
    before = audit.snapshot(current)
    current.status = status
    current.comment = (comment or "").strip()
    save(current, acting_user=acting_user, before=before, m2m={"provisions": provisions},
         event=NeedEvent.ASSESSMENT_ANSWERED, details={"item": current.item_key, "status": status})  # fmt: skip
    return current


@transaction.atomic
def submit_assessment(*, acting_user: Any, assessment: SelfAssessment) -> SelfAssessment:
    """The focal point submits the answered self-assessment to UNODC."""
    if acting_user is not None and not policy.allows(acting_user, SUBMIT, assessment):
        raise TransitionRefused(_("Only the State's focal point submits its self-assessment, once."))
    current = lock(assessment, expected_version=None, required=False)
    if current.status not in ASSESSMENT_EDITABLE:
        raise ValidationError(_("The self-assessment is already submitted."))
    unanswered = current.answers.filter(status="").count()
    if unanswered:
        raise ValidationError(
            _("%(n)s items are not answered yet; answer each (or mark it not applicable) first.") % {"n": unanswered}
        )
    before = audit.snapshot(current)
    current.status = AssessmentStatus.SUBMITTED
    current.submitted_on = timezone.localdate()
    save(current, acting_user=acting_user, before=before, action=policy.VIEW, event=NeedEvent.ASSESSMENT_SUBMITTED)
    return current


@transaction.atomic
def return_assessment(*, acting_user: Any, assessment: SelfAssessment, comments: str) -> SelfAssessment:
    """UNODC returns a submitted self-assessment to the State, saying what to change."""
    if acting_user is not None and not policy.allows(acting_user, VALIDATE, assessment):
        raise TransitionRefused(_("Only UNODC validates or returns a submitted self-assessment."))
    current = lock(assessment, expected_version=None, required=False)
    comments = (comments or "").strip()
    if not comments:
        raise ValidationError({"comments": _("Say what the State should change.")})
    before = audit.snapshot(current)
    current.status = AssessmentStatus.RETURNED
    current.comments = comments
    save(current, acting_user=acting_user, before=before, action=policy.VIEW, event=NeedEvent.ASSESSMENT_RETURNED)
    return current


@transaction.atomic
def validate_assessment(*, acting_user: Any, assessment: SelfAssessment, comments: str = "") -> SelfAssessment:
    """UNODC validates a submitted self-assessment: it becomes a final legislative review of the State.

    The review's items take the State's answers and cited provisions; finalising it proposes each
    gap (not or only partly incorporated) as a need for the officer to confirm (``handlers``).
    """
    if acting_user is not None and not policy.allows(acting_user, VALIDATE, assessment):
        raise TransitionRefused(_("Only UNODC validates or returns a submitted self-assessment."))
    current = lock(assessment, expected_version=None, required=False)
    answers = {a.item_key: a for a in current.answers.prefetch_related("provisions")}
    review = library_services.start_review(
        acting_user=acting_user, state=current.state, instruments=[current.instrument],
        title=_("Self-assessment of %(state)s: %(instrument)s") % {"state": current.state.name,
                                                                  "instrument": current.instrument.short_name},
        summary=(comments or "").strip(), is_demo=current.is_demo,
    )  # fmt: skip
    for item in review.items.all():
        answer = answers.get(item.item_key)
        if answer is None:  # the checklist gained an item since the State answered
            raise ValidationError(
                _("The checklist changed after the State answered (%(article)s is new): return the self-assessment "
                  "so that the State answers it.") % {"article": item.article}
            )  # fmt: skip
        library_services.assess_item(acting_user=acting_user, item=item, status=answer.status,
                                     provisions=list(answer.provisions.all()),
                                     comment=answer.comment)  # fmt: skip
    review = library_services.finalise_review(acting_user=acting_user, review=review)
    before = audit.snapshot(current)
    current.status = AssessmentStatus.VALIDATED
    current.validated_on = timezone.localdate()
    current.review = review
    if comments.strip():
        current.comments = comments.strip()
    save(current, acting_user=acting_user, before=before, action=policy.VIEW, event=NeedEvent.ASSESSMENT_VALIDATED,
         details={"review": review.pk})  # fmt: skip
    return current
