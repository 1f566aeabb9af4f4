import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ctassist.core.tables import DateColumn
from ctassist.needs.models import Need, SelfAssessment

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class NeedTable(tables.Table):
    reference = tables.LinkColumn(
        "needs:need_detail", args=[tables.A("pk")], verbose_name=_("No."), order_by=("id",), empty_values=()
    )
    state = tables.Column(order_by=("state__name",))
    title = tables.Column(verbose_name=_("What is needed"))
    themes = tables.Column(verbose_name=_("Themes"), empty_values=(), orderable=False)
    request_count = tables.Column(verbose_name=_("Requests"), attrs=NUM)
    activity_count = tables.Column(verbose_name=_("Activities"), attrs=NUM)
    target_date = DateColumn(format="j M Y")

    class Meta:
        model = Need
        fields = (
            "reference", "state", "title", "source", "priority", "status", "lead_institution", "target_date",
            "themes", "request_count", "activity_count",
        )  # fmt: skip
        order_by = ("-reference",)

    def render_title(self, record, value):
        badge = format_html(' <span class="badge">{}</span>', _("confidential")) if record.is_confidential else ""
        return format_html("{}{}", value, badge)

    def value_title(self, value):
        return value

    def render_themes(self, record):
        return "; ".join(t.label for t in record.themes.all()) or "—"

    def value_themes(self, record):
        return "; ".join(t.code for t in record.themes.all())


class AssessmentTable(tables.Table):
    instrument = tables.LinkColumn(
        "needs:assessment_detail", args=[tables.A("pk")], accessor="instrument__short_name",
        verbose_name=_("Instrument"), order_by=("instrument__short_name",),
    )  # fmt: skip
    state = tables.Column(order_by=("state__name",))
    submitted_on = DateColumn(format="j M Y")
    validated_on = DateColumn(format="j M Y")

    class Meta:
        model = SelfAssessment
        fields = ("instrument", "state", "status", "submitted_on", "validated_on")
        order_by = ("state", "instrument")
