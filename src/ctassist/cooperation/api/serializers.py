from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.cooperation import services
from ctassist.cooperation.choices import DOCUMENT_LANGUAGES, Assistance, CaseStatus, Direction, Offence, RequestKind
from ctassist.cooperation.models import CaseStep, CooperationRequest
from ctassist.directory.choices import Channel
from ctassist.directory.models import DirectoryEntry
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument


def code_field(choices: Any, description: str) -> Any:
    """A choice field documented without an enum of its own: drf-spectacular would rename the enums other apps
    already publish under these field names (StatusEnum, ChannelEnum...) and warn. The codes are in the text."""

    codes = ", ".join(c for c, _label in choices)

    @extend_schema_field({"type": "string", "description": f"{description} One of: {codes}."})
    class CodeField(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=choices, **kwargs)

    return CodeField


KindField = code_field(RequestKind.choices, "mla or extradition.")
DirectionField = code_field(Direction.choices, "outgoing (the recording State requests) or incoming.")
ChannelField = code_field(Channel.choices, "How the request is transmitted; one the requested authority accepts.")
LanguageField = code_field(DOCUMENT_LANGUAGES, "Language of the request document.")
StatusField = code_field(CaseStatus.choices, "Status of the case.")
OffenceField = code_field(Offence.choices, "The offence, as the universal instruments define it.")


class CooperationRequestSerializer(serializers.ModelSerializer):
    """A request. ``version`` is also sent as the ``ETag``; send it back in ``If-Match`` to change it."""

    requesting_state = serializers.CharField(source="requesting_state.iso3", read_only=True)
    requested_state = serializers.CharField(source="requested_state.iso3", read_only=True)
    drafting_state = serializers.CharField(source="drafting_state.iso3", read_only=True)
    counterpart = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.restrict(None), write_only=True, required=False,
        help_text="On creation: the requested State (outgoing) or the requesting State (incoming).",
    )  # fmt: skip
    received_on = serializers.DateField(
        write_only=True, required=False, help_text="On creation of an incoming request."
    )
    requested_authority = serializers.PrimaryKeyRelatedField(
        queryset=DirectoryEntry.objects.restrict(None), required=False, allow_null=True,
        help_text="A published directory entry of the requested State, as the caller may read it.",
    )  # fmt: skip
    instruments = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Instrument.objects.restrict(None), required=False
    )
    assistance = serializers.ListField(
        child=serializers.ChoiceField(choices=Assistance.choices), required=False, source="assistance_codes"
    )
    kind = KindField()
    direction = DirectionField(required=False)
    channel = ChannelField(required=False, allow_blank=True)
    language = LanguageField(required=False, allow_blank=True)
    offence = OffenceField(required=False, allow_blank=True)
    status = StatusField(read_only=True)
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
        # The authority is one of the entries the caller may read (public reference data need no user).
        user = getattr(self.context.get("request"), "user", None)
        authority: Any = fields["requested_authority"]  # a PrimaryKeyRelatedField, declared above
        authority.queryset = DirectoryEntry.objects.restrict(user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["kind"].read_only = True
            fields["direction"].read_only = True
        return fields

    @extend_schema_field(serializers.ListField(child=serializers.DictField(child=serializers.CharField())))
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
    to = code_field([c for c in CaseStatus.choices if c[0] != CaseStatus.DRAFTED], "The next status.")()
    date = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class CooperationShareSerializer(serializers.Serializer):
    shared = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class CaseStepSerializer(serializers.ModelSerializer):
    status = StatusField(read_only=True)

    class Meta:
        model = CaseStep
        fields = ["id", "request", "status", "date", "note"]


class BasisQuerySerializer(serializers.Serializer):
    requesting = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.restrict(None))
    requested = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.restrict(None))
    offence = OffenceField()
    date = serializers.DateField(required=False)


class ReservationSerializer(serializers.Serializer):
    state = serializers.CharField()
    kind = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    text = serializers.CharField()


class BasisArticleSerializer(serializers.Serializer):
    article = serializers.CharField()
    kind = serializers.CharField()
    source_file = serializers.CharField()
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
    kind = KindField()
    offence = serializers.CharField(allow_blank=True)
    status = StatusField()
    count = serializers.IntegerField()
