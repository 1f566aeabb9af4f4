from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.treaties import queries
from ctassist.treaties.models import Instrument, Participation, ParticipationAction


class ProvenanceSerializer(serializers.Serializer):
    """Where the status of participation in the instrument comes from."""

    kind = serializers.ChoiceField(
        choices=["depositary", "demo", "recorded", "none"],
        help_text="depositary: a depositary's table was imported; demo: generated demonstration data; "
        "recorded: acts recorded one by one; none: nothing recorded.",
    )
    text = serializers.CharField(help_text="The provenance in words, as the pages show it.")
    depositary = serializers.CharField(source="record.depositary", default="", allow_blank=True)
    as_at = serializers.DateField(allow_null=True, help_text="The depositary's “status as at” date.")
    imported_at = serializers.DateTimeField(source="record.imported_at", default=None, allow_null=True)
    declared_signatories = serializers.IntegerField(source="record.declared_signatories", default=None, allow_null=True)
    declared_parties = serializers.IntegerField(source="record.declared_parties", default=None, allow_null=True)


class InstrumentSerializer(serializers.ModelSerializer):
    amends = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    status_provenance = serializers.SerializerMethodField()

    @extend_schema_field(ProvenanceSerializer)
    def get_status_provenance(self, obj: Instrument) -> dict:
        found = self.context.get("provenances", {}).get(obj.pk)
        if found is None:
            request = self.context.get("request")
            found = queries.provenance(getattr(request, "user", None), obj)
        return ProvenanceSerializer(found).data

    class Meta:
        model = Instrument
        fields = [
            "code",
            "kind",
            "family",
            "short_name",
            "official_title",
            "concluded_date",
            "place",
            "adopted_under",
            "adopting_resolution",
            "entry_into_force",
            "depositary",
            "untc_ref",
            "amends",
            "parties_reported",
            "parties_as_of",
            "parties_source",
            "dates_source",
            "notes",
            "status_provenance",
        ]


class ParticipationActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ParticipationAction
        fields = ["kind", "date", "effective_date", "text", "source"]


class ParticipationSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    state_name = serializers.CharField(source="state.name", read_only=True)
    instrument = serializers.SlugRelatedField(slug_field="code", read_only=True)
    actions = ParticipationActionSerializer(many=True, read_only=True)

    class Meta:
        model = Participation
        fields = [
            "id",
            "state",
            "state_name",
            "instrument",
            "status",
            "signature_date",
            "consent_kind",
            "consent_date",
            "denunciation_date",
            "denunciation_effective_date",
            "is_demo",
            "source",
            "notes",
            "actions",
        ]
