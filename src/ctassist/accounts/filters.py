import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import Role
from ctassist.accounts.models import Organisation, User


def _organisations(request):
    """Only the organisations of the accounts the user may see (a focal point: their own office)."""
    user = getattr(request, "user", None)
    visible = User.objects.restrict(user).values("organisation_id")
    return Organisation.objects.restrict(user).filter(pk__in=visible).order_by("name")


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="username", lookup_expr="icontains", label=_("User name contains"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))
    organisation = django_filters.ModelChoiceFilter(queryset=_organisations, label=_("Organisation"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["q", "role", "organisation", "is_active"]
