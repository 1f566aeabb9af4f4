"""The assistance card on the home page: counts the user may see."""

from django.db.models import Count, Q

from ctassist.assistance.choices import OPEN_STATUSES, ActivityStatus
from ctassist.assistance.models import Activity, AssistanceRequest
from ctassist.core.policy import may


def assistance_card(request):
    user = request.user
    if not (may(user, "view", AssistanceRequest) or may(user, "view", Activity)):
        return None
    requests = AssistanceRequest.objects.restrict(user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        total=Count("pk"),
        demo=Count("pk", filter=Q(is_demo=True)),
    )
    activities = Activity.objects.restrict(user).aggregate(
        upcoming=Count("pk", filter=Q(status=ActivityStatus.PLANNED)), total=Count("pk")
    )
    return {
        "sees_requests": may(user, "view", AssistanceRequest),
        "open_requests": requests["open"],
        "requests": requests["total"],
        "activities": activities["total"],
        "upcoming": activities["upcoming"],
        "has_demo": requests["demo"] > 0,
    }
