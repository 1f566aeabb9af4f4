import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import RequestStatus
from ctassist.assistance.models import Activity, AssistanceRequest


class RequestTable(tables.Table):
    reference = tables.LinkColumn(
        "assistance:request_detail", args=[tables.A("pk")], verbose_name=_("Ref."), order_by=("id",)
    )
    title = tables.LinkColumn("assistance:request_detail", args=[tables.A("pk")])
    state = tables.Column(order_by=("state__name",))
    themes = tables.Column(verbose_name=_("Themes"), orderable=False, empty_values=())
    submitted_at = tables.DateColumn(format="j M Y", verbose_name=_("Submitted"))
    age = tables.Column(
        verbose_name=_("Days"), empty_values=(), order_by=("submitted_at",), attrs={"td": {"class": "num"}}
    )
    activity_count = tables.Column(verbose_name=_("Activities"), attrs={"td": {"class": "num"}})
    assigned_officer = tables.Column(
        verbose_name=_("Officer"), order_by=("assigned_officer__last_name", "assigned_officer__username")
    )

    class Meta:
        model = AssistanceRequest
        fields = (
            "reference",
            "title",
            "state",
            "themes",
            "priority",
            "status",
            "assigned_officer",
            "submitted_at",
            "age",
            "activity_count",
        )
        order_by = ("-submitted_at",)

    def render_themes(self, record):
        return ", ".join(str(t) for t in record.themes.all())

    def render_assigned_officer(self, value):
        return value.get_full_name() or value.username

    def value_themes(self, record):
        return self.render_themes(record)

    def render_status(self, record, value):
        badge = format_html('<span class="badge status-{}">{}</span>', record.status, value)
        if record.status == RequestStatus.SUBMITTED and not record.assigned_officer_id:
            badge = format_html('<span class="badge new">{}</span> ', _("new")) + badge
        if getattr(record, "overdue", False):
            badge += format_html(' <span class="badge overdue">{}</span>', _("overdue"))
        if record.is_demo:
            badge += format_html(' <span class="badge demo">{}</span>', _("demo"))
        return badge

    def value_status(self, record, value):
        return value

    def render_age(self, record):
        if not record.submitted_at:
            return "—"
        return (timezone.now() - record.submitted_at).days


class ActivityTable(tables.Table):
    title = tables.LinkColumn("assistance:activity_detail", args=[tables.A("pk")])
    start_date = tables.DateColumn(format="j M Y")
    end_date = tables.DateColumn(format="j M Y")
    states = tables.Column(verbose_name=_("States"), orderable=False, empty_values=())
    partners = tables.Column(verbose_name=_("Partners"), orderable=False, empty_values=())
    participant_total = tables.Column(verbose_name=_("Participants"), attrs={"td": {"class": "num"}})
    women_total = tables.Column(verbose_name=_("Women"), attrs={"td": {"class": "num"}})

    class Meta:
        model = Activity
        fields = (
            "title", "type", "start_date", "end_date", "scope", "states", "place",
            "partners", "status", "participant_total", "women_total",
        )  # fmt: skip
        order_by = ("-start_date",)

    def render_states(self, record):
        states = list(record.states.all())
        shown = ", ".join(s.name for s in states[:6])
        return shown + (f" +{len(states) - 6}" if len(states) > 6 else "")

    def value_states(self, record):
        return ", ".join(s.name for s in record.states.all())

    def render_partners(self, record):
        return ", ".join(p.organisation.acronym or p.organisation.name for p in record.partners.all())

    def render_status(self, record, value):
        badge = format_html('<span class="badge status-{}">{}</span>', record.status, value)
        if record.is_demo:
            badge += format_html(' <span class="badge demo">{}</span>', _("demo"))
        return badge

    def value_status(self, record, value):
        return value

    def render_place(self, record, value):
        return value or record.get_modality_display()
