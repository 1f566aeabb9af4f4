from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.accounts.models import Organisation
from ctassist.assistance import workflow
from ctassist.assistance.choices import Language
from ctassist.assistance.models import (
    Activity,
    ActivityPartner,
    AssistanceRequest,
    Evaluation,
    Indicator,
    ParticipantCount,
    Theme,
)
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument


class RequestSerializer(serializers.ModelSerializer):
    """A State's request. ``version`` is also sent as the ``ETag``; send it back in ``If-Match`` to change it."""

    reference = serializers.CharField(read_only=True)
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all(), required=False)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Theme.objects.all(), required=False)
    instruments = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Instrument.objects.all(), required=False
    )
    preferred_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=Language.choices), required=False, source="languages"
    )
    transitions = serializers.SerializerMethodField(help_text="Transitions the caller may try from here.")
    assigned_officer: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The UNODC officer who handles the request (set on its page or with POST /requests/{id}/assign/); "
        "null while nobody is assigned.",
    )

    class Meta:
        model = AssistanceRequest
        fields = [
            "id", "reference", "state", "title", "channel", "letter_reference", "letter_date", "themes",
            "instruments", "beneficiary_institutions", "needs", "priority", "preferred_languages", "period_start",
            "period_end", "status", "submitted_at", "review_started_at", "decided_at", "closed_at",
            "decline_reason", "withdrawal_reason", "mandate_refs", "assigned_officer", "version", "is_demo",
            "transitions",
        ]  # fmt: skip
        read_only_fields = [
            "status", "submitted_at", "review_started_at", "decided_at", "closed_at", "decline_reason",
            "withdrawal_reason", "version", "is_demo",
        ]  # fmt: skip

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_transitions(self, obj) -> list[str]:
        request = self.context.get("request")
        return [t.name for t in workflow.available(getattr(request, "user", None), obj)] if request else []


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=sorted({t.name for t in workflow.TRANSITIONS} | {t.target for t in workflow.TRANSITIONS}),
        help_text="A transition name (submit, start_review, accept, decline, evaluate, withdraw) or the state it "
        "leads to. Planned, in delivery and completed follow from the request's activities: asking for them is "
        "refused (400).",
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The step's comment (a reason where one is due)."
    )


class AssignSerializer(serializers.Serializer):
    """Who handles the request: a UNODC officer's user name, or null for nobody."""

    officer = serializers.CharField(
        allow_null=True, max_length=150,
        help_text="The user name of an active UNODC officer (or administrator); null to assign nobody.",
    )  # fmt: skip
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="A comment, sent to the officer."
    )


class ActivityPartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="name", queryset=Organisation.objects.all())

    class Meta:
        model = ActivityPartner
        fields = ["organisation", "role"]


class ActivitySerializer(serializers.ModelSerializer):
    states = serializers.SlugRelatedField(slug_field="iso3", many=True, queryset=State.objects.all(), required=False)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Theme.objects.all(), required=False)
    requests = serializers.PrimaryKeyRelatedField(many=True, queryset=AssistanceRequest.objects.all(), required=False)
    partners = ActivityPartnerSerializer(many=True, read_only=True)
    participant_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id", "title", "type", "status", "start_date", "end_date", "modality", "place", "scope", "states",
            "themes", "requests", "partners", "description", "outputs", "funding_project_ref",
            "participant_total", "is_demo",
        ]  # fmt: skip
        read_only_fields = ["is_demo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only requests the caller may see can be linked.
            self.fields["requests"].child_relation.queryset = AssistanceRequest.objects.restrict(request.user)


class ParticipantCountSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())

    class Meta:
        model = ParticipantCount
        fields = ["id", "activity", "state", "sex", "agency", "count", "is_demo"]
        read_only_fields = ["is_demo"]
        validators = []  # the service sets a cell whether it exists or not


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "activity", "name", "unit", "baseline", "target", "actual", "notes", "is_demo"]
        read_only_fields = ["is_demo"]


class EvaluationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evaluation
        fields = ["id", "request", "rating", "summary", "lessons", "evaluated_on", "is_demo"]
        read_only_fields = ["is_demo"]
        validators = []
