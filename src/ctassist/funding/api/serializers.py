from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.accounts.models import Organisation
from ctassist.assistance.models import Activity, Theme
from ctassist.funding.choices import ContributionStatus
from ctassist.funding.models import EARMARK_REGIONS, ActivityCharge, Contribution, ContributionStep, Donor, Project
from ctassist.geo.models import State


class DonorSerializer(serializers.ModelSerializer):
    """A donor profile. Create it for an organisation of kind donor; its organisation then stays."""

    name = serializers.CharField(source="organisation.name", read_only=True)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    state = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Donor
        fields = ["id", "organisation", "name", "type", "state", "is_demo"]
        read_only_fields = ["is_demo"]


class ContributionStepSerializer(serializers.ModelSerializer):
    """One step of a contribution: pledged, committed, each receipt (with its rate of the day), cancelled."""

    class Meta:
        model = ContributionStep
        fields = ["status", "on", "amount", "usd_rate", "usd_amount", "reason"]
        read_only_fields = fields


class ContributionSerializer(serializers.ModelSerializer):
    """A contribution. ``usd_amount`` = amount × usd_rate, computed and stored when entered (rate of the day).
    Create with ``status`` and the dates it needs; move it forward with ``POST …/advance/``.
    ``version`` is also sent as the ``ETag``; send it back in ``If-Match`` to correct the contribution."""

    donor = serializers.PrimaryKeyRelatedField(queryset=Donor.objects.all())
    project = serializers.SlugRelatedField(
        slug_field="code", queryset=Project.objects.all(), required=False, allow_null=True
    )
    theme = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), required=False, allow_null=True
    )
    region = serializers.ChoiceField(choices=EARMARK_REGIONS, required=False, allow_blank=True)
    donor_name = serializers.CharField(source="donor.organisation.name", read_only=True)
    steps = ContributionStepSerializer(many=True, read_only=True)

    class Meta:
        model = Contribution
        fields = [
            "id", "donor", "donor_name", "reference", "kind", "status", "pledged_on", "committed_on", "received_on",
            "currency", "amount", "usd_rate", "rate_date", "usd_amount", "earmarking", "project", "theme", "region",
            "in_kind_description", "in_kind_value_usd", "notes", "cancelled_on", "cancellation_reason", "steps",
            "version", "is_demo",
        ]  # fmt: skip
        read_only_fields = ["usd_amount", "cancelled_on", "cancellation_reason", "version", "is_demo"]
        extra_kwargs = {"rate_date": {"required": False}}


class AdvanceSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=[ContributionStatus.COMMITTED, ContributionStatus.RECEIVED])
    on = serializers.DateField(required=False, help_text="Date of the new status; today if omitted.")


class ReceiptSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, help_text="In the contribution's currency.")
    on = serializers.DateField(required=False, help_text="Day of receipt; today if omitted.")
    usd_rate = serializers.DecimalField(
        max_digits=18, decimal_places=8, required=False, allow_null=True,
        help_text="US dollars for one unit of the currency on the day of receipt (1 for USD, may be omitted).",
    )  # fmt: skip


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField()
    on = serializers.DateField(required=False, help_text="Day of the cancellation; today if omitted.")


class ProjectSerializer(serializers.ModelSerializer):
    """A project. ``version`` is also sent as the ``ETag``; send it back in ``If-Match`` to change the project."""

    themes = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Theme.objects.all(), required=False)
    states = serializers.SlugRelatedField(slug_field="iso3", many=True, queryset=State.objects.all(), required=False)
    charged_usd = serializers.SerializerMethodField(help_text="Sum charged to activities (USD).")
    activity_count = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id", "code", "title", "description", "start_date", "end_date", "budget_usd", "themes", "states",
            "original_budget_usd", "charged_usd", "activity_count", "version", "is_demo",
        ]  # fmt: skip
        read_only_fields = ["original_budget_usd", "version", "is_demo"]

    @extend_schema_field(serializers.DecimalField(max_digits=18, decimal_places=2))
    def get_charged_usd(self, obj):
        value = getattr(obj, "charged_usd", None)
        return None if value is None else f"{value:.2f}"

    @extend_schema_field(serializers.IntegerField())
    def get_activity_count(self, obj) -> int:
        return getattr(obj, "activity_count", 0)


class ActivityChargeSerializer(serializers.ModelSerializer):
    """What a project pays for one activity. POST charges (or re-charges) an activity."""

    project = serializers.SlugRelatedField(slug_field="code", queryset=Project.objects.all())
    activity = serializers.PrimaryKeyRelatedField(queryset=Activity.objects.all())

    class Meta:
        model = ActivityCharge
        fields = ["id", "project", "activity", "amount_usd", "charged_on", "is_demo"]
        read_only_fields = ["is_demo"]
        extra_kwargs = {"charged_on": {"required": False}, "amount_usd": {"required": True}}
