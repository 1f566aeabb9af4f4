from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.cooperation import services
from ctassist.cooperation.choices import Assistance, CaseStatus, Offence, RequestKind
from ctassist.cooperation.models import CaseStep, CooperationRequest
from ctassist.directory.models import DirectoryEntry
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument


class CooperationRequestSerializer(serializers.ModelSerializer):
    """A request. ``version`` is also sent as the ``ETag``; send it back in ``If-Match`` to change it."""

    requesting_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    requested_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    drafting_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    counterpart = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), write_only=True, required=False,
        help_text="On creation: the requested State (outgoing) or the requesting State (incoming).",
    )  # fmt: skip
    received_on = serializers.DateField(write_only=True, required=False, help_text="On creation of an incoming request.")
    requested_authority = serializers.PrimaryKeyRelatedField(
        queryset=DirectoryEntry.objects.all(), required=False, allow_null=True
    )
    instruments = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Instrument.objects.all(), required=False
    )
    assistance = serializers.ListField(
        child=serializers.ChoiceField(choices=Assistance.choices), required=False, source="assistance_codes"
    )
    missing = serializers.SerializerMethodField(help_text="Essential elements still missing, each naming its step.")

    class Meta:
        model = CooperationRequest
        fields = [
            "id", "reference", "kind", "direction", "drafting_state", "requesting_state", "requested_state",
            "counterpart", "received_on", "requesting_authority", "requested_authority", "channel", "language",
            "basis_date", "instruments", "other_basis", "offence", "offence_date", "facts", "offence_description",
            "penalties", "assistance", "assistance_details", "data_identifiers", "person_sought", "person_location",
            "warrant_reference", "confidential", "confidentiality_reasons", "urgent", "urgency_reasons", "reply_by",
            "status", "finalised_at", "sent_on", "acknowledged_on", "closed_on", "refusal_grounds",
            "shared_for_assistance", "version", "is_demo", "missing",
        ]  # fmt: skip
        read_only_fields = [
            "reference", "status", "finalised_at", "sent_on", "acknowledged_on", "closed_on", "refusal_grounds",
            "shared_for_assistance", "version", "is_demo",
        ]  # fmt: skip

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["kind"].read_only = True
            fields["direction"].read_only = True
        return fields

    @extend_schema_field(
        serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    )
    def get_missing(self, obj) -> list[dict[str, str]]:
        request = self.context.get("request")
        if obj.status != CaseStatus.DRAFTED or request is None:
            return []
        return [{"step": m.step.slug, "field": m.field, "message": m.message}
                for m in services.missing_elements(request.user, obj)]  # fmt: skip

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        for name in ("counterpart", "received_on", "instruments", "kind", "direction"):
            data.pop(name, None)
        if "assistance_codes" in data:
            data["assistance"] = data.pop("assistance_codes")
        return data


class MoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=[c for c in CaseStatus.choices if c[0] != CaseStatus.DRAFTED])
    date = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ShareSerializer(serializers.Serializer):
    shared = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class CaseStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseStep
        fields = ["id", "request", "status", "date", "note"]


class BasisQuerySerializer(serializers.Serializer):
    requesting = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())
    requested = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())
    offence = serializers.ChoiceField(choices=Offence.choices)
    date = serializers.DateField(required=False)


class ReservationSerializer(serializers.Serializer):
    state = serializers.CharField()
    kind = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    text = serializers.CharField()


class BasisArticleSerializer(serializers.Serializer):
    article = serializers.CharField()
    kind = serializers.CharField()
    source = serializers.CharField()
    note = serializers.CharField()
    reservations = ReservationSerializer(many=True)


class BasisInstrumentSerializer(serializers.Serializer):
    instrument = serializers.CharField()
    title = serializers.CharField()
    requesting_party_since = serializers.DateField()
    requested_party_since = serializers.DateField()
    articles = BasisArticleSerializer(many=True)
    other_reservations = ReservationSerializer(many=True)
    is_demo = serializers.BooleanField()


class BasisSerializer(serializers.Serializer):
    requesting = serializers.CharField()
    requested = serializers.CharField()
    offence = serializers.CharField()
    date = serializers.DateField()
    instruments = BasisInstrumentSerializer(many=True)
    not_in_force = serializers.ListField(child=serializers.CharField())


class StatisticsRowSerializer(serializers.Serializer):
    requesting = serializers.CharField()
    requested = serializers.CharField()
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    offence = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    count = serializers.IntegerField()

