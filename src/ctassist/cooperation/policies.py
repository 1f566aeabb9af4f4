"""Who may reach a cooperation request and its case file.

A request is confidential between two States: the focal points of the State that records it see it
from the first draft; the other State's see it once it has been sent. Nobody else does, not UNODC
staff, donors, partners, other States or the public, unless the recording State shares it with UNODC
for assistance (then UNODC staff read it, never change it). Only the recording State edits, sends,
deletes a draft and shares; either State records the steps that follow sending.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ctassist.cooperation.choices import CLOSED, CaseStatus
from ctassist.cooperation.models import CaseStep, CooperationRequest
from ctassist.core import roles
from ctassist.core.policy import ADD, CHANGE, DELETE, NONE, VIEW, Policy, register

SEND = "send"
TRACK = "track"
SHARE = "share"
REQUEST_ACTIONS = (VIEW, ADD, CHANGE, DELETE, SEND, TRACK, SHARE)


def _q(prefix: str, **lookups: Any) -> Q:
    return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})


def request_scope(user: Any, action: str, prefix: str = "") -> Any:
    state_id = roles.state_id_of(user)
    if not state_id:
        if action == VIEW and roles.is_unodc(user):
            return _q(prefix, shared_for_assistance=True)
        return NONE
    owner = _q(prefix, drafting_state_id=state_id)
    party = _q(prefix, requesting_state_id=state_id) | _q(prefix, requested_state_id=state_id)
    drafted = _q(prefix, status=CaseStatus.DRAFTED)
    if action == VIEW:
        return owner | (party & ~drafted)
    if action in (ADD, SHARE):
        return owner
    if action in (CHANGE, DELETE, SEND):
        return owner & drafted
    if action == TRACK:
        return party & ~drafted & ~_q(prefix, status__in=CLOSED)
    return NONE


@register(CooperationRequest)
class CooperationRequestPolicy(Policy):
    actions = REQUEST_ACTIONS

    def scope(self, user, action):
        return request_scope(user, action)


@register(CaseStep)
class CaseStepPolicy(Policy):
    """A step is read with its request; it is written by the services that move the request, never edited."""

    def scope(self, user, action):
        if action == VIEW:
            return request_scope(user, VIEW, prefix="request__")
        if action == ADD:
            state_id = roles.state_id_of(user)
            if not state_id:
                return NONE
            return (
                Q(request__drafting_state_id=state_id)
                | Q(request__requesting_state_id=state_id)
                | Q(request__requested_state_id=state_id)
            )
        return NONE
