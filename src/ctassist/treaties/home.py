"""The legal framework's card on the home page."""

from django.db.models import Count, Q

from ctassist.geo.models import State
from ctassist.treaties.choices import Status
from ctassist.treaties.models import Instrument, Participation


def participation_card(request):
    user = request.user
    totals = Participation.objects.restrict(user).aggregate(
        parties=Count("pk", filter=Q(status=Status.PARTY)), demo=Count("pk", filter=Q(is_demo=True))
    )
    return {
        "states": State.objects.restrict(user).count(),
        "instruments": Instrument.objects.restrict(user).count(),
        "parties": totals["parties"],
        "has_demo": totals["demo"] > 0,
    }
