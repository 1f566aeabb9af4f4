from rest_framework import serializers

from ctassist.mandates.models import Resolution
from ctassist.reporting.models import Narrative, NarrativeVersion, PrimarySection, Report


class ReportSerializer(serializers.ModelSerializer):
    resolution = serializers.SlugRelatedField(slug_field="symbol", queryset=Resolution.objects.all())
    docx_url = serializers.SerializerMethodField()
    # A plain string: a choice field here would add one more "status" enumeration to the schema.
    status = serializers.CharField(read_only=True, help_text="queued, running, done or failed")

    class Meta:
        model = Report
        fields = [
            "id",
            "resolution",
            "period_start",
            "period_end",
            "status",
            "progress",
            "message",
            "built_at",
            "docx_url",
            "created_at",
        ]
        read_only_fields = ["status", "progress", "message", "built_at", "docx_url", "created_at"]

    def get_docx_url(self, obj: Report) -> str | None:
        from django.urls import reverse

        return reverse("reporting:report_docx", args=[obj.pk]) if obj.docx else None

    def validate(self, attrs):
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError({"period_end": "The period ends before it starts."})
        return attrs


class ReportContentSerializer(ReportSerializer):
    content = serializers.JSONField(read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "content"]


class InstrumentStatusSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    status = serializers.CharField()
    signature_date = serializers.DateField(allow_null=True)
    consent_date = serializers.DateField(allow_null=True)
    consent_kind = serializers.CharField()


class CountryProfileSerializer(serializers.Serializer):
    state = serializers.DictField(child=serializers.CharField())
    instruments = InstrumentStatusSerializer(many=True)
    parties = serializers.IntegerField()
    reviews = serializers.ListField(child=serializers.DictField())
    gaps = serializers.ListField(child=serializers.DictField())
    requests = serializers.DictField()
    activities = serializers.DictField()
    trained = serializers.DictField(child=serializers.IntegerField())
    legislation = serializers.ListField(child=serializers.DictField())
    cases = serializers.ListField(child=serializers.DictField())
    authorities = serializers.ListField(child=serializers.DictField(), allow_null=True)


class NarrativeVersionSerializer(serializers.ModelSerializer):
    author: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = NarrativeVersion
        fields = ["id", "narrative", "number", "texts", "author", "note", "created_at"]
        read_only_fields = fields


class NarrativeSerializer(serializers.ModelSerializer):
    submitted_by: serializers.StringRelatedField = serializers.StringRelatedField()
    cleared_by: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = Narrative
        fields = [
            "id",
            "report",
            "status",
            "comments",
            "version",
            "submitted_by",
            "cleared_by",
            "cleared_at",
            "updated_at",
        ]
        read_only_fields = fields


class PrimarySectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PrimarySection
        fields = ["id", "activity", "section", "reason", "updated_at"]
        read_only_fields = fields
