import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ctassist.assistance.choices import Language
from ctassist.training.models import Course, Person, Session, Trainer


class CourseTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Course
        fields = ("code", "title", "delivery_mode", "duration_hours", "status")
        order_by = ("title",)


class SessionTable(tables.Table):
    course = tables.Column(linkify=False, order_by=("course__title",))
    start = tables.Column(accessor="activity__start_date", verbose_name=_("starts"))
    place = tables.Column(accessor="activity__place", verbose_name=_("place"))
    link = tables.LinkColumn("training:session_detail", args=[tables.A("pk")], text=_("open"), orderable=False,
                             verbose_name="", exclude_from_export=True)  # fmt: skip

    class Meta:
        model = Session
        fields = ("course", "start", "place", "language", "nominations_open")
        order_by = ("-start",)


class PersonTable(tables.Table):
    full_name = tables.Column(linkify=True)
    state = tables.Column(order_by=("state__name",))

    class Meta:
        model = Person
        fields = ("full_name", "state", "function", "agency", "sex")
        order_by = ("full_name",)


class TrainerTable(tables.Table):
    full_name = tables.Column(linkify=True)
    languages = tables.Column(verbose_name=_("languages"), orderable=False)
    sessions_delivered = tables.Column(verbose_name=_("sessions delivered"), attrs={"td": {"class": "num"}})
    average_rating = tables.Column(verbose_name=_("average rating"), attrs={"td": {"class": "num"}})

    class Meta:
        model = Trainer
        fields = ("full_name", "kind", "organisation", "expertise", "languages", "availability",
                  "sessions_delivered", "average_rating")  # fmt: skip
        order_by = ("full_name",)

    def render_languages(self, value):
        labels = dict(Language.choices)
        return ", ".join(str(labels.get(code, code)) for code in value or [])

    def value_languages(self, value):
        return ", ".join(value or [])

    def render_average_rating(self, value):
        return f"{value:.1f}" if value is not None else "—"
