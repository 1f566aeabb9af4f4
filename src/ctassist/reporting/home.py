"""The reporting area's card on the home page."""

from ctassist.core import roles
from ctassist.reporting.models import Report


def reports_card(request):
    user = request.user
    latest = None
    if roles.is_unodc(user):
        latest = Report.objects.restrict(user).select_related("resolution").first()
    return {"is_unodc": roles.is_unodc(user), "latest": latest}
