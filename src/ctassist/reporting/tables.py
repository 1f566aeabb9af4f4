import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ctassist.geo.models import State
from ctassist.reporting.models import PrimarySection, Report


class ReportTable(tables.Table):
    resolution = tables.LinkColumn(
        "reporting:report_detail", args=[tables.A("pk")], accessor="resolution__symbol", verbose_name=_("Resolution")
    )
    period_start = tables.DateColumn(format="j M Y", verbose_name=_("From"))
    period_end = tables.DateColumn(format="j M Y", verbose_name=_("To"))
    status = tables.Column(verbose_name=_("Status"))
    progress = tables.Column(verbose_name=_("Progress (%)"), attrs={"td": {"class": "num"}})
    built_at = tables.DateTimeColumn(format="j M Y H:i", verbose_name=_("Drafted"))
    requested_by = tables.Column(verbose_name=_("Requested by"))

    class Meta:
        model = Report
        fields = ("resolution", "period_start", "period_end", "status", "progress", "built_at", "requested_by")
        order_by = ("-period_end",)


class ProfileTable(tables.Table):
    name = tables.LinkColumn("reporting:profile", args=[tables.A("iso3")], verbose_name=_("State"))
    iso3 = tables.Column(verbose_name=_("ISO"))
    regional_group = tables.Column(verbose_name=_("Regional group"))
    m49_region = tables.Column(verbose_name=_("Region"))

    class Meta:
        model = State
        fields = ("name", "iso3", "regional_group", "m49_region")
        order_by = ("name",)


class PrimarySectionTable(tables.Table):
    activity = tables.LinkColumn(
        "reporting:primary_section_edit", args=[tables.A("pk")], accessor="activity__title", verbose_name=_("Activity")
    )
    section = tables.Column(verbose_name=_("Counted in"))
    reason = tables.Column(verbose_name=_("Reason"))
    updated_at = tables.DateTimeColumn(format="j M Y H:i", verbose_name=_("Set"))

    class Meta:
        model = PrimarySection
        fields = ("activity", "section", "reason", "updated_at")
        order_by = ("-updated_at",)
