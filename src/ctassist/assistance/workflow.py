"""The life of a request as an explicit table of transitions.

Each ``Transition`` says from which states it starts, where it leads, who
owns it ("state": a focal point of the request's State; "unodc": UNODC staff),
which data the next state needs, which event records it and who is told.
``services.transition`` applies one; pages and the API list the ones a user
may take with ``available``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import ActivityStatus, Channel, RequestStatus
from ctassist.assistance.events import AssistanceEvent
from ctassist.assistance.models import Evaluation
from ctassist.core import roles

S = RequestStatus
STATE, UNODC = "state", "unodc"


def _needs_submission_data(assistance_request) -> list[str]:
    missing = []
    if not assistance_request.themes.exists():
        missing.append(_("Choose at least one theme."))
    if not assistance_request.needs.strip():
        missing.append(_("Describe the needs."))
    letter = assistance_request.letter_reference and assistance_request.letter_date
    if assistance_request.channel != Channel.PORTAL and not letter:
        missing.append(_("Give the reference and date of the letter or note verbale."))
    return missing


def _live_activities(assistance_request):
    return assistance_request.activities.exclude(status=ActivityStatus.CANCELLED)


def _needs_activity(assistance_request) -> list[str]:
    if not _live_activities(assistance_request).exists():
        return [_("Plan at least one activity that answers the request.")]
    return []


def _needs_activity_started(assistance_request) -> list[str]:
    live = _live_activities(assistance_request)
    if not live.filter(status__in=[ActivityStatus.IN_DELIVERY, ActivityStatus.COMPLETED]).exists():
        return [_("At least one activity must be in delivery or completed.")]
    return []


def _needs_activities_done(assistance_request) -> list[str]:
    live = _live_activities(assistance_request)
    if not live.exists() or live.exclude(status=ActivityStatus.COMPLETED).exists():
        return [_("Every activity that answers the request must be completed (or cancelled).")]
    return []


def _needs_evaluation(assistance_request) -> list[str]:
    if not Evaluation.objects.filter(request=assistance_request).exists():
        return [_("Record the evaluation first.")]
    return []


def _nothing(assistance_request) -> list[str]:
    return []


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    sources: tuple[str, ...]
    target: str
    owners: frozenset[str]
    event: AssistanceEvent
    notify: frozenset[str]
    needs: Callable[[Any], list[str]] = _nothing
    reason_required: frozenset[str] = frozenset()  # owners who must give a reason
    timestamp: str = ""  # the request's date field set when it happens
    # Follows from the request's activities (``delivery_status``): nobody takes it by hand.
    automatic: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit", _("Submit"), (S.DRAFT,), S.SUBMITTED, frozenset({STATE, UNODC}),
        AssistanceEvent.REQUEST_SUBMITTED, frozenset({UNODC, STATE}), _needs_submission_data,
        timestamp="submitted_at",
    ),
    Transition(
        "start_review", _("Start review"), (S.SUBMITTED,), S.UNDER_REVIEW, frozenset({UNODC}),
        AssistanceEvent.REVIEW_STARTED, frozenset({STATE}), timestamp="review_started_at",
    ),
    Transition(
        "accept", _("Accept"), (S.UNDER_REVIEW,), S.ACCEPTED, frozenset({UNODC}),
        AssistanceEvent.REQUEST_ACCEPTED, frozenset({STATE}), timestamp="decided_at",
    ),
    Transition(
        "decline", _("Decline"), (S.UNDER_REVIEW,), S.DECLINED, frozenset({UNODC}),
        AssistanceEvent.REQUEST_DECLINED, frozenset({STATE}), reason_required=frozenset({UNODC}),
        timestamp="decided_at",
    ),
    Transition(
        "plan", _("Mark planned"), (S.ACCEPTED,), S.PLANNED, frozenset({UNODC}),
        AssistanceEvent.REQUEST_PLANNED, frozenset({STATE}), _needs_activity, automatic=True,
    ),
    Transition(
        "start_delivery", _("Start delivery"), (S.PLANNED,), S.IN_DELIVERY, frozenset({UNODC}),
        AssistanceEvent.DELIVERY_STARTED, frozenset({STATE}), _needs_activity_started, automatic=True,
    ),
    Transition(
        "complete", _("Mark completed"), (S.IN_DELIVERY,), S.COMPLETED, frozenset({UNODC}),
        AssistanceEvent.REQUEST_COMPLETED, frozenset({STATE}), _needs_activities_done, timestamp="closed_at",
        automatic=True,
    ),
    Transition(
        "evaluate", _("Mark evaluated"), (S.COMPLETED,), S.EVALUATED, frozenset({UNODC}),
        AssistanceEvent.REQUEST_EVALUATED, frozenset({STATE}), _needs_evaluation,
    ),
    Transition(
        "withdraw", _("Withdraw"),
        (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.ACCEPTED, S.PLANNED, S.IN_DELIVERY), S.WITHDRAWN,
        frozenset({STATE, UNODC}), AssistanceEvent.REQUEST_WITHDRAWN, frozenset({UNODC, STATE}),
        reason_required=frozenset({UNODC}), timestamp="closed_at",
    ),
)  # fmt: skip

BY_NAME = {t.name: t for t in TRANSITIONS}
BY_TARGET = {t.target: t for t in TRANSITIONS}


def find(name_or_target: str) -> Transition | None:
    """A transition by its name ("accept") or by the state it leads to ("accepted")."""
    return BY_NAME.get(name_or_target) or BY_TARGET.get(name_or_target)


def capacity(user: Any, assistance_request) -> str | None:
    """In which capacity ``user`` acts on ``assistance_request``: "unodc", "state" or None."""
    if user is None or roles.is_unodc(user):
        return UNODC
    if roles.state_id_of(user) and roles.state_id_of(user) == assistance_request.state_id:
        return STATE
    return None


def available(user: Any, assistance_request) -> list[Transition]:
    """Transitions ``user`` may try from the request's current state (data checks come when taken)."""
    who = capacity(user, assistance_request)
    return [
        t for t in TRANSITIONS if assistance_request.status in t.sources and who in t.owners and not t.automatic
    ]


# The states of delivery, which follow from the request's activities.
DELIVERY_STATES = (S.ACCEPTED, S.PLANNED, S.IN_DELIVERY, S.COMPLETED)
AUTOMATIC: dict[str, str] = {S.PLANNED: "plan", S.IN_DELIVERY: "start_delivery", S.COMPLETED: "complete"}


def delivery_status(current: str, activity_statuses: list[str]) -> str:
    """The request's delivery state from its activities' statuses.

    Planned when an activity is planned, in delivery when one is (or some are done and
    others not), completed when every activity is; accepted again when every activity was
    cancelled. A request outside delivery (draft, in review, declined, evaluated,
    withdrawn) keeps its state.
    """
    if current not in DELIVERY_STATES:
        return current
    live = [s for s in activity_statuses if s != ActivityStatus.CANCELLED]
    if not live:
        return S.ACCEPTED
    if all(s == ActivityStatus.COMPLETED for s in live):
        return S.COMPLETED
    if any(s in (ActivityStatus.IN_DELIVERY, ActivityStatus.COMPLETED) for s in live):
        return S.IN_DELIVERY
    return S.PLANNED


# What the State is told happens after each step, on the page and in the message.
NEXT: dict[str, Any] = {
    S.DRAFT: _("Submit the request when it is complete; until then only your State sees it."),
    S.SUBMITTED: _(
        "UNODC is told at once. An officer takes the request into review, normally within %(days)s days; "
        "you are told when that happens."
    ),
    S.UNDER_REVIEW: _("UNODC is reviewing the request; you are told when it is accepted or declined."),
    S.ACCEPTED: _("UNODC plans activities that answer the request; the request is planned with the first."),
    S.PLANNED: _("The request is in delivery as soon as one of its activities starts."),
    S.IN_DELIVERY: _("The request is completed when every activity answering it is completed."),
    S.COMPLETED: _("UNODC records the evaluation, then marks the request evaluated."),
}
