"""The mandates card on the home page."""

from django.db.models import Count

from ctassist.mandates.choices import ParagraphKind
from ctassist.mandates.models import Paragraph, Resolution


def mandates_card(request):
    user = request.user
    resolutions = list(Resolution.objects.restrict(user).only("symbol", "adopted_on").order_by("-adopted_on")[:5])
    operative = Paragraph.objects.restrict(user).filter(kind=ParagraphKind.OPERATIVE).aggregate(n=Count("pk"))["n"]
    return {
        "resolutions": Resolution.objects.restrict(user).count(),
        "operative": operative,
        "latest": resolutions,
    }
