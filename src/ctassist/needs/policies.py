"""Who reaches what in the needs area.

- UNODC staff: every need, follow-up and sharing decision; they record, edit and follow up
  needs, and confirm or discard the needs a legislative review proposes.
- A State's focal point: every need of its own State (whatever the source); it records needs
  for its State, edits and follows up those that are not proposals, and it alone decides to
  share one with a named partner or donor (CTED shares its assessments only with the State
  concerned, so the State decides who else sees what came of them).
- A partner entity: needs shared with its organisation by name; and needs from a source other
  than CTED that an activity it takes part in answers (as it sees those activities).
- A donor: needs shared with its organisation by name. The funding-gap page shows every donor
  aggregates from which no single need can be read.
- The public: nothing.

Self-assessments (a State's answers to an instrument's legislative checklist):
- the State's focal point sees its own State's, starts them, answers and submits them while they
  are drafts or returned; nobody else outside UNODC sees them (not the other States, partners or
  donors);
- UNODC sees every one and validates or returns the submitted ones (``validate``); it does not
  answer for the State.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ctassist.core import roles
from ctassist.core.policy import ADD, ALL, CHANGE, NONE, VIEW, Policy, register
from ctassist.needs.choices import ASSESSMENT_EDITABLE, CONFIDENTIAL_SOURCES, AssessmentStatus, NeedStatus
from ctassist.needs.models import AssessmentAnswer, FollowUp, Need, SelfAssessment, SharingDecision

SHARE = "share"
CONFIRM = "confirm"
VALIDATE = "validate"
SUBMIT = "submit"


def _external_org(user: Any) -> int | None:
    if roles.role_of(user) in (roles.PARTNER, roles.DONOR):
        return roles.organisation_id_of(user)
    return None


def need_view_rule(user: Any) -> Any:
    """The needs ``user`` may see: ``ALL``, ``NONE`` or a ``Q`` on ``Need`` (no joins that repeat rows)."""
    if roles.is_unodc(user):
        return ALL
    state_id = roles.state_id_of(user)
    if state_id:
        return Q(state_id=state_id)
    org = _external_org(user)
    if not org:
        return NONE
    rule = Q(pk__in=Need.shared_with.through.objects.filter(organisation_id=org).values("need_id"))
    if roles.role_of(user) == roles.PARTNER:
        answered = Need.activities.through.objects.filter(activity__partners__organisation=org).values("need_id")
        rule |= Q(pk__in=answered) & ~Q(source__in=CONFIDENTIAL_SOURCES)
    return rule


@register(Need)
class NeedPolicy(Policy):
    actions = (VIEW, ADD, CHANGE, SHARE, CONFIRM)

    def scope(self, user, action):
        if action == VIEW:
            return need_view_rule(user)
        if roles.is_unodc(user):
            if action == SHARE:
                return NONE  # the State's decision, not UNODC's
            if action == CONFIRM:
                return Q(status=NeedStatus.PROPOSED)
            return ALL
        state_id = roles.state_id_of(user)
        if not state_id:
            return NONE
        mine = Q(state_id=state_id)
        if action in (ADD, SHARE):
            return mine
        if action == CHANGE:
            return mine & ~Q(status__in=[NeedStatus.PROPOSED, NeedStatus.DISCARDED])
        return NONE


def _through_need(user: Any, action: str) -> Any:
    rule = NeedPolicy().scope(user, action)
    if rule is ALL or rule is NONE:
        return rule
    return Q(need_id__in=Need.objects.filter(rule).values("pk"))


@register(FollowUp)
class FollowUpPolicy(Policy):
    """Seen with the need; added by whoever may change the need; never edited afterwards."""

    actions = (VIEW, ADD)

    def scope(self, user, action):
        return _through_need(user, VIEW if action == VIEW else CHANGE)


@register(SharingDecision)
class SharingDecisionPolicy(Policy):
    """The sharing log: UNODC and the State's own focal points read it; the focal point writes it."""

    actions = (VIEW, ADD)

    def scope(self, user, action):
        if action == VIEW:
            if roles.is_unodc(user):
                return ALL
            state_id = roles.state_id_of(user)
            return Q(need__state_id=state_id) if state_id else NONE
        return _through_need(user, SHARE)


def _assessment_rule(user: Any, action: str, prefix: str = "") -> Any:
    if roles.is_unodc(user):
        if action == VIEW:
            return ALL
        if action == VALIDATE:
            return Q(**{f"{prefix}status": AssessmentStatus.SUBMITTED})
        return NONE  # the State answers for itself
    state_id = roles.state_id_of(user)
    if not state_id or action == VALIDATE:
        return NONE
    mine = Q(**{f"{prefix}state_id": state_id})
    if action in (VIEW, ADD):
        return mine
    return mine & Q(**{f"{prefix}status__in": ASSESSMENT_EDITABLE})  # CHANGE, SUBMIT


@register(SelfAssessment)
class SelfAssessmentPolicy(Policy):
    actions = (VIEW, ADD, CHANGE, SUBMIT, VALIDATE)

    def scope(self, user, action):
        return _assessment_rule(user, action)


@register(AssessmentAnswer)
class AssessmentAnswerPolicy(Policy):
    """Answers go with their self-assessment: answered by the State while it may change it."""

    actions = (VIEW, CHANGE)

    def scope(self, user, action):
        return _assessment_rule(user, action, prefix="assessment__")
