from rest_framework import serializers

from ctassist.treaties.models import Instrument, Participation, ParticipationAction


class InstrumentSerializer(serializers.ModelSerializer):
    amends = serializers.SlugRelatedField(slug_field="code", read_only=True)

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
            "actions",
        ]
