import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import ActivityStatus, ActivityType, Priority, RequestStatus, Scope
from ctassist.assistance.models import Activity, AssistanceRequest, Theme
from ctassist.assistance.queries import overdue_cutoff
from ctassist.core import roles
from ctassist.core.forms import IsoDateInput
from ctassist.geo.choices import RegionalGroup

M49_REGIONS = [(r, r) for r in ("Africa", "Americas", "Asia", "Europe", "Oceania")]
ASSIGNED = [("me", _("Assigned to me")), ("nobody", _("Not assigned yet"))]
AGES = [("7", _("Submitted over 7 days ago")), ("30", _("over 30 days")), ("90", _("over 90 days"))]


class RequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Title or needs contain"))
    status = django_filters.MultipleChoiceFilter(
        choices=RequestStatus.choices, label=_("Status"), widget=forms.SelectMultiple(attrs={"size": 5})
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="code", label=_("Theme")
    )
    region = django_filters.ChoiceFilter(field_name="state__m49_region", choices=M49_REGIONS, label=_("Region"))
    regional_group = django_filters.ChoiceFilter(
        field_name="state__regional_group", choices=RegionalGroup.choices, label=_("Regional group")
    )
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO alpha-3)"))
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("State's priority"))
    age = django_filters.ChoiceFilter(choices=AGES, method="filter_age", label=_("Age"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue for review"))
    assigned = django_filters.ChoiceFilter(choices=ASSIGNED, method="filter_assigned", label=_("Officer"))
    is_demo = django_filters.BooleanFilter(label=_("Demonstration data"))

    class Meta:
        model = AssistanceRequest
        fields = ["q", "status", "theme", "region", "regional_group", "state", "priority", "age", "overdue", "assigned"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not roles.is_unodc(getattr(self.request, "user", None)):
            del self.filters["assigned"]  # who handles a request is UNODC's sorting

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(needs__icontains=value))

    def filter_age(self, queryset, name, value):
        return queryset.filter(submitted_at__lt=timezone.now() - datetime.timedelta(days=int(value)))

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assigned_officer_id=getattr(self.request, "user", None) and self.request.user.pk)
        return queryset.filter(assigned_officer__isnull=True)

    def filter_overdue(self, queryset, name, value):
        late = Q(status=RequestStatus.SUBMITTED, submitted_at__lt=overdue_cutoff())
        return queryset.filter(late) if value else queryset.exclude(late)


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title contains"))
    type = django_filters.ChoiceFilter(choices=ActivityType.choices, label=_("Type"))
    status = django_filters.ChoiceFilter(choices=ActivityStatus.choices, label=_("Status"))
    scope = django_filters.ChoiceFilter(choices=Scope.choices, label=_("Scope"))
    state = django_filters.CharFilter(method="filter_state", label=_("State (ISO alpha-3)"))
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="code", label=_("Theme")
    )
    starts_after = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Starts on or after"),
        widget=IsoDateInput(),
    )  # fmt: skip
    starts_before = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Starts on or before"),
        widget=IsoDateInput(),
    )  # fmt: skip
    request = django_filters.NumberFilter(field_name="requests", label=_("Answers request (id)"))
    is_demo = django_filters.BooleanFilter(label=_("Demonstration data"))

    class Meta:
        model = Activity
        fields = ["q", "type", "status", "scope", "state", "theme", "starts_after", "starts_before", "request"]

    def filter_state(self, queryset, name, value):
        # A sub-select rather than a join keeps one row per activity without DISTINCT.
        through = Activity.states.through.objects.filter(state__iso3__iexact=value).values("activity_id")
        return queryset.filter(pk__in=through)
