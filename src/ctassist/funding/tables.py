import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ctassist.funding.models import Contribution, Donor, Project

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


def _usd(value):
    return "—" if value is None else f"{value:,.2f}"


class DonorTable(tables.Table):
    name = tables.Column(accessor="organisation__name", verbose_name=_("Donor"), order_by=("organisation__name",))
    type = tables.Column()
    state = tables.Column(order_by=("state__name",))
    contribution_count = tables.Column(verbose_name=_("Contributions"), attrs=NUM)
    received_usd = tables.Column(verbose_name=_("Received (USD)"), attrs=NUM)
    edit = tables.Column(empty_values=(), verbose_name="", orderable=False, exclude_from_export=True)

    class Meta:
        model = Donor
        fields = ("name", "type", "state", "contribution_count", "received_usd")
        order_by = ("name",)

    def render_edit(self, record):
        return format_html('<a href="{}">{}</a>', reverse("funding:donor_edit", args=[record.pk]), _("Edit"))

    def render_name(self, record):
        return format_html(
            '<a href="{}?donor={}">{}</a>{}',
            reverse("funding:contribution_list"),
            record.pk,
            record.organisation.name,
            format_html(' <span class="badge demo">{}</span>', _("demo")) if record.is_demo else "",
        )

    def value_name(self, record):
        return record.organisation.name

    def render_received_usd(self, value):
        return _usd(value)

    def value_received_usd(self, value):
        return value


class ContributionTable(tables.Table):
    id = tables.LinkColumn("funding:contribution_detail", args=[tables.A("pk")], verbose_name=_("No."))
    donor = tables.Column(order_by=("donor__organisation__name",))
    currency = tables.Column(verbose_name=_("Cur."))
    amount = tables.Column(attrs=NUM)
    usd_amount = tables.Column(verbose_name=_("USD equivalent"), attrs=NUM)
    earmarked_to = tables.Column(verbose_name=_("Earmarked to"), empty_values=(), orderable=False)
    pledged_on = tables.DateColumn(format="j M Y")
    committed_on = tables.DateColumn(format="j M Y")
    received_on = tables.DateColumn(format="j M Y")

    class Meta:
        model = Contribution
        fields = (
            "id",
            "donor",
            "kind",
            "status",
            "pledged_on",
            "committed_on",
            "received_on",
            "currency",
            "amount",
            "usd_rate",
            "usd_amount",
            "in_kind_value_usd",
            "earmarking",
            "earmarked_to",
        )
        order_by = ("-pledged_on",)

    def render_status(self, record, value):
        badge = format_html('<span class="badge status-{}">{}</span>', record.status, value)
        if record.is_demo:
            badge += format_html(' <span class="badge demo">{}</span>', _("demo"))
        return badge

    def value_status(self, record, value):
        return value

    def render_amount(self, value):
        return _usd(value)

    def render_usd_amount(self, value):
        return _usd(value)

    def value_amount(self, value):
        return value

    def value_usd_amount(self, value):
        return value

    def render_earmarked_to(self, record):
        if record.project_id:
            return format_html(
                '<a href="{}">{}</a>', reverse("funding:project_detail", args=[record.project_id]), record.project.code
            )
        if record.theme_id:
            return record.theme.label
        return record.get_region_display() or "—"

    def value_earmarked_to(self, record):
        if record.project_id:
            return record.project.code
        if record.theme_id:
            return record.theme.code
        return record.region


class ProjectTable(tables.Table):
    code = tables.LinkColumn("funding:project_detail", args=[tables.A("pk")])
    title = tables.LinkColumn("funding:project_detail", args=[tables.A("pk")])
    states = tables.Column(verbose_name=_("States"), orderable=False, empty_values=())
    start_date = tables.DateColumn(format="j M Y")
    end_date = tables.DateColumn(format="j M Y")
    budget_usd = tables.Column(verbose_name=_("Budget (USD)"), attrs=NUM)
    charged_usd = tables.Column(verbose_name=_("Charged to activities (USD)"), attrs=NUM)
    delivery = tables.Column(verbose_name=_("Delivery"), empty_values=(), order_by=("charged_usd",), attrs=NUM)
    activity_count = tables.Column(verbose_name=_("Activities"), attrs=NUM)

    class Meta:
        model = Project
        fields = ("code", "title", "start_date", "end_date", "states", "budget_usd", "charged_usd", "delivery",
                  "activity_count")  # fmt: skip
        order_by = ("-start_date",)

    def render_states(self, record):
        names = [s.iso3 for s in record.states.all()]
        if not names:
            return "—"
        return ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")

    def value_states(self, record):
        return ", ".join(s.iso3 for s in record.states.all())

    def render_budget_usd(self, value):
        return _usd(value)

    def render_charged_usd(self, value):
        return _usd(value)

    def value_budget_usd(self, value):
        return value

    def value_charged_usd(self, value):
        return value

    def render_delivery(self, record):
        if not record.budget_usd:
            return "—"
        return f"{record.charged_usd * 100 / record.budget_usd:.0f} %"

    def value_delivery(self, record):
        if not record.budget_usd:
            return ""
        return f"{record.charged_usd * 100 / record.budget_usd:.1f}"
