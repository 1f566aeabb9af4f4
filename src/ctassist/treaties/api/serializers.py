from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.treaties import queries, sources
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


class FactSourceSerializer(serializers.Serializer):
    """Where one fact about the instrument comes from: the depositary's page or the text's article."""

    fact = serializers.ChoiceField(choices=list(sources.FACTS), help_text="The fact this source is for.")
    citation = serializers.CharField(help_text="What to read: the article of the text, or the depositary's statement.")
    url = serializers.URLField(help_text="The depositary's page for the instrument.")


class InstrumentSerializer(serializers.ModelSerializer):
    amends = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    status_provenance = serializers.SerializerMethodField()
    fact_sources = serializers.SerializerMethodField(
        help_text="The source of each fact. A parties count without a 'parties' source is unverified "
        "(parties_reported is then empty); the 'status' source says where to check it."
    )

    @extend_schema_field(FactSourceSerializer(many=True))
    def get_fact_sources(self, obj: Instrument) -> list[dict]:
        return [
            {"fact": source.fact, "citation": source.citation, "url": source.url}
            for source in sources.sources_for(obj.code).values()
        ]

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
            "fact_sources",
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
