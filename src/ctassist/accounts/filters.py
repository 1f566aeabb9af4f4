import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import Role
from ctassist.accounts.models import User


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="username", lookup_expr="icontains", label=_("User name contains"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["q", "role", "organisation", "is_active"]
