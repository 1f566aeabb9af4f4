"""Who reaches what in the assistance area.

- UNODC staff (administrators, programme officers): everything; they alone assign a
  request to an officer.
- A State's focal point: its own State's requests (changing them only while
  draft or submitted, deleting only the drafts it wrote), and the activities that concern
  its State, with their counts, partners and results; never named participants.
- A partner entity: the activities it takes part in, with their counts,
  partners and results; no requests (a State's requests are confidential).
- A donor: the activities charged to projects its contributions are earmarked to, with their
  counts, partners and results; nothing else of assistance (no requests, evaluations or names).
  Which activities those are is funding's knowledge, and funding depends on assistance, not
  the other way round: funding hands the rule in with :func:`register_donor_activities`.
- The public: nothing.

Which workflow transition each role may take is decided by ``workflow.py``;
the ``transition`` action here only says on which requests a user may act.
"""

from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q

from ctassist.assistance import models
from ctassist.assistance.choices import RequestStatus
from ctassist.core import roles
from ctassist.core.policy import ADD, ALL, CHANGE, DELETE, NONE, VIEW, Policy, PublicReferencePolicy, register

TRANSITION = "transition"
ASSIGN = "assign"


@register(models.Theme)
class ThemePolicy(PublicReferencePolicy):
    pass


@register(models.AssistanceRequest)
class RequestPolicy(Policy):
    actions = (VIEW, ADD, CHANGE, DELETE, TRANSITION, ASSIGN)

    def scope(self, user, action):
        if roles.is_unodc(user):
            return Q(status=RequestStatus.DRAFT) if action == DELETE else ALL
        state_id = roles.state_id_of(user)
        if not state_id or action == ASSIGN:
            return NONE
        mine = Q(state_id=state_id)
        if action == DELETE:
            # A draft is its author's: another focal point of the same State leaves it be.
            return mine & Q(status=RequestStatus.DRAFT, created_by_id=user.pk)
        if action in (VIEW, ADD, TRANSITION):
            return mine
        if action == CHANGE:
            return mine & Q(status__in=[RequestStatus.DRAFT, RequestStatus.SUBMITTED])
        return mine & Q(status=RequestStatus.DRAFT)


@register(models.RequestAttachment)
class RequestAttachmentPolicy(Policy):
    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        state_id = roles.state_id_of(user)
        if not state_id:
            return NONE
        if action in (VIEW, ADD):
            return Q(request__state_id=state_id)
        return Q(request__state_id=state_id, request__status=RequestStatus.DRAFT)


# ``rule(organisation_id)`` → a queryset of the ids of the activities that donor organisation funds.
_DONOR_ACTIVITIES: list[Callable[[int], Any]] = []


def register_donor_activities(rule: Callable[[int], Any]) -> Callable[[int], Any]:
    """Let another area (funding) say which activities a donor reaches; usable as a decorator."""
    _DONOR_ACTIVITIES.append(rule)
    return rule


class _ActivityPart(Policy):
    """Rows that belong to an activity: seen with the activity, changed by UNODC only."""

    path = "activity__"

    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        if action != VIEW:
            return NONE
        state_id = roles.state_id_of(user)
        if state_id:
            return Q(**{f"{self.path}states": state_id})
        if roles.role_of(user) == roles.PARTNER and roles.organisation_id_of(user):
            return Q(**{f"{self.path}partners__organisation": roles.organisation_id_of(user)})
        organisation_id = roles.organisation_id_of(user)
        if roles.role_of(user) == roles.DONOR and organisation_id and _DONOR_ACTIVITIES:
            return reduce(or_, (Q(**{f"{self.path}id__in": rule(organisation_id)}) for rule in _DONOR_ACTIVITIES))
        return NONE


@register(models.Activity)
class ActivityPolicy(_ActivityPart):
    path = ""


@register(models.ActivityPartner)
class ActivityPartnerPolicy(_ActivityPart):
    pass


@register(models.ParticipantCount)
class ParticipantCountPolicy(_ActivityPart):
    pass


@register(models.Indicator)
class IndicatorPolicy(_ActivityPart):
    pass


@register(models.Participant)
class ParticipantPolicy(Policy):
    """Named people: UNODC only (personal data kept for certificates)."""

    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE


@register(models.Evaluation)
class EvaluationPolicy(Policy):
    def scope(self, user, action):
        if roles.is_unodc(user):
            return ALL
        state_id = roles.state_id_of(user)
        if state_id and action == VIEW:
            return Q(request__state_id=state_id)
        return NONE
