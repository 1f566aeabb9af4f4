import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ctassist.geo.models import State
from ctassist.treaties.models import Instrument, Participation


class InstrumentTable(tables.Table):
    short_name = tables.LinkColumn("treaties:instrument_detail", args=[tables.A("code")], verbose_name=_("Instrument"))
    concluded_date = tables.DateColumn(format="j M Y")
    entry_into_force = tables.DateColumn(format="j M Y")
    party_count = tables.Column(verbose_name=_("Parties recorded"), attrs={"td": {"class": "num"}})
    status_source = tables.Column(verbose_name=_("Source of status"), accessor="pk", orderable=False)

    def __init__(self, *args, provenances=None, **kwargs):
        self.provenances = provenances or {}
        super().__init__(*args, **kwargs)

    def render_status_source(self, value):
        found = self.provenances.get(value)
        return found.text if found else ""

    def value_status_source(self, value):
        return self.render_status_source(value)

    def render_official_title(self, record):
        # In the user's language where the official title is recorded (``treaties.titles``), else English.
        return record.title_shown.text

    def value_official_title(self, record):
        return self.render_official_title(record)

    class Meta:
        model = Instrument
        fields = (
            "short_name",
            "official_title",
            "family",
            "concluded_date",
            "entry_into_force",
            "depositary",
            "party_count",
            "status_source",
        )
        order_by = ("concluded_date",)


class StateTable(tables.Table):
    name = tables.LinkColumn("treaties:state_profile", args=[tables.A("iso3")])
    party_count = tables.Column(verbose_name=_("Instruments joined"), attrs={"td": {"class": "num"}})

    class Meta:
        model = State
        fields = ("name", "iso3", "m49_region", "m49_subregion", "regional_group", "membership", "party_count")
        order_by = ("name",)


class ParticipationTable(tables.Table):
    state = tables.LinkColumn("treaties:state_profile", args=[tables.A("state__iso3")], order_by=("state__name",))
    instrument = tables.LinkColumn(
        "treaties:instrument_detail", args=[tables.A("instrument__code")], order_by=("instrument__position",)
    )
    signature_date = tables.DateColumn(format="j M Y")
    consent_date = tables.DateColumn(format="j M Y")
    denunciation_effective_date = tables.DateColumn(format="j M Y")
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"))

    class Meta:
        model = Participation
        fields = (
            "state",
            "instrument",
            "status",
            "signature_date",
            "consent_kind",
            "consent_date",
            "denunciation_effective_date",
            "is_demo",
        )
        order_by = ("state",)
