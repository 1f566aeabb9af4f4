import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ctassist.library.models import CaseLaw, Legislation, LegislativeReview, Publication


class LegislationTable(tables.Table):
    title = tables.LinkColumn("library:legislation_detail", args=[tables.A("pk")])
    state = tables.Column(order_by=("state__name",))
    adopted_on = tables.DateColumn(format="Y-m-d")
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"))

    class Meta:
        model = Legislation
        fields = ("title", "state", "kind", "adopted_on", "language", "status", "is_demo")
        order_by = ("state",)


class CaseLawTable(tables.Table):
    title = tables.LinkColumn("library:case_detail", args=[tables.A("pk")])
    state = tables.Column(order_by=("state__name",))
    decided_on = tables.DateColumn(format="Y-m-d")
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"))

    class Meta:
        model = CaseLaw
        fields = ("title", "state", "court", "decided_on", "case_number", "outcome", "is_demo")
        order_by = ("-decided_on",)


class PublicationTable(tables.Table):
    title = tables.LinkColumn("library:publication_detail", args=[tables.A("pk")])
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"))

    class Meta:
        model = Publication
        fields = ("title", "kind", "year", "audience", "is_demo")
        order_by = ("-year",)


class ReviewTable(tables.Table):
    title = tables.LinkColumn("library:review_detail", args=[tables.A("pk")])
    state = tables.Column(order_by=("state__name",))
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"))

    class Meta:
        model = LegislativeReview
        fields = ("title", "state", "status", "finalised_on", "is_demo")
        order_by = ("state",)
