"""Helpers that build assistance objects through the services, as users would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ctassist.accounts import services as account_services
from ctassist.accounts.choices import OrganisationKind
from ctassist.assistance import services
from ctassist.assistance.choices import ActivityStatus, ActivityType, Rating
from ctassist.assistance.models import Theme


def themes(*codes):
    return list(Theme.objects.filter(code__in=codes or ("training",)))


def make_request(
    actors, state=None, *, title="Training of prosecutors", theme_codes=("training",), acting_user=None, **fields
):
    fields.setdefault("needs", "Prosecutors need training on the financing of terrorism offences.")
    return services.create_request(
        acting_user=acting_user, state=state or actors.state, title=title, themes=themes(*theme_codes), **fields
    )


def partner_org(actors):
    return actors.organisations["partner"]


def make_activity(actors, requests=(), *, status=ActivityStatus.PLANNED, partner=True, states=None, **fields):
    fields.setdefault("title", "National workshop")
    fields.setdefault("type", ActivityType.WORKSHOP)
    fields.setdefault("start_date", timezone.localdate() + datetime.timedelta(days=10))
    fields.setdefault("end_date", fields["start_date"] + datetime.timedelta(days=2))
    fields.setdefault("place", "Nairobi")
    activity = services.create_activity(
        acting_user=None,
        states=states if states is not None else [actors.state],
        themes=themes("training"),
        requests=list(requests),
        status=status,
        **fields,
    )
    if partner:
        services.set_partner(acting_user=None, activity=activity, organisation=partner_org(actors), role="co_organiser")
    return activity


def set_status(activity, status, user=None):
    """Move an activity to ``status``, as an editor who has just loaded it (its current version)."""
    activity.refresh_from_db(fields=["version"])
    return services.update_activity(
        acting_user=user, activity=activity, expected_version=activity.version, status=status
    )


def walk_to(assistance_request, target, actors):
    """Take a request along the workflow to ``target`` as the system, creating what each step needs."""
    order = ["submitted", "under_review", "accepted", "planned", "in_delivery", "completed", "evaluated"]
    for step in order[: order.index(target) + 1]:
        # Delivery follows from the activities: the request's state changes with theirs.
        if step == "planned":
            make_activity(actors, [assistance_request])
        if step == "in_delivery":
            for a in assistance_request.activities.all():
                set_status(a, ActivityStatus.IN_DELIVERY)
        if step == "completed":
            for a in assistance_request.activities.all():
                set_status(a, ActivityStatus.COMPLETED)
        if step in ("planned", "in_delivery", "completed"):
            assistance_request.refresh_from_db()
            assert assistance_request.status == step, (assistance_request.status, step)
            continue
        if step == "evaluated":
            services.record_evaluation(
                acting_user=None, assistance_request=assistance_request, rating=Rating.SATISFACTORY, summary="Met."
            )
        assistance_request = services.transition(acting_user=None, assistance_request=assistance_request, to=step)
    return assistance_request


def other_partner(name="Another partner (test)"):
    return account_services.create_organisation(acting_user=None, kind=OrganisationKind.PARTNER, name=name)
