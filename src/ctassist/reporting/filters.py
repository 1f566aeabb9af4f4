import django_filters
from django.utils.translation import gettext_lazy as _

from ctassist.reporting.choices import ReportSection, ReportStatus
from ctassist.reporting.models import PrimarySection, Report


class ReportFilter(django_filters.FilterSet):
    resolution = django_filters.CharFilter(field_name="resolution__symbol", label=_("Resolution symbol"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))

    class Meta:
        model = Report
        fields = ["resolution", "status"]


class PrimarySectionFilter(django_filters.FilterSet):
    section = django_filters.ChoiceFilter(choices=ReportSection.choices, label=_("Section"))

    class Meta:
        model = PrimarySection
        fields = ["section"]
