"""The directory's card on the home page: public counts for everyone, the stale count for readers."""

from django.db.models import Count

from ctassist.core.policy import VIEW, may
from ctassist.directory import queries
from ctassist.directory.choices import EntryStatus
from ctassist.directory.models import DirectoryEntry, stale_q


def directory_card(request):
    user = request.user
    can_view = bool(user.is_authenticated and may(user, VIEW, DirectoryEntry))
    stale = 0
    if can_view:
        stale = (
            DirectoryEntry.objects.restrict(user)
            .filter(status=EntryStatus.PUBLISHED)
            .aggregate(n=Count("pk", filter=stale_q()))["n"]
        )
    return {"coverage": queries.coverage(), "can_view": can_view, "stale": stale}
