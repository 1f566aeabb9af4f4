"""The library's card on the home page."""

from ctassist.library.models import CaseLaw, Legislation, Provision, Publication


def library_card(request):
    user = request.user
    return {
        "legislation": Legislation.objects.restrict(user).count(),
        "provisions": Provision.objects.restrict(user).count(),
        "cases": CaseLaw.objects.restrict(user).count(),
        "publications": Publication.objects.restrict(user).count(),
    }
