import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.cooperation.choices import CaseStatus, Direction, Offence, RequestKind
from ctassist.cooperation.models import CooperationRequest


class RequestFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=RequestKind.choices, label=_("Kind of request"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    offence = django_filters.ChoiceFilter(choices=Offence.choices, label=_("Offence"))

    class Meta:
        model = CooperationRequest
        fields = ["kind", "direction", "status", "offence"]
