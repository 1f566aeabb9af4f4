import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ctassist.cooperation.models import CooperationRequest


class RequestTable(tables.Table):
    reference = tables.LinkColumn(
        "cooperation:request_detail", args=[tables.A("pk")], verbose_name=_("Ref."), order_by=("id",)
    )
    requesting_state = tables.Column(order_by=("requesting_state__name",))
    requested_state = tables.Column(order_by=("requested_state__name",))
    sent_on = tables.DateColumn(format="j M Y")

    class Meta:
        model = CooperationRequest
        fields = ("reference", "kind", "direction", "requesting_state", "requested_state", "offence", "status",
                  "sent_on", "reply_by")  # fmt: skip
        order_by = ("-id",)
