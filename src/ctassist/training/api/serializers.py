from typing import Any

from rest_framework import serializers

from ctassist.assistance.choices import Language
from ctassist.training.models import (
    Attendance,
    Certificate,
    Course,
    CourseModule,
    Nomination,
    Person,
    SeatAllocation,
    Session,
)


class CourseSerializer(serializers.ModelSerializer):
    themes: Any = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    languages = serializers.ListField(child=serializers.ChoiceField(choices=Language.choices))

    class Meta:
        model = Course
        fields = ["id", "code", "title", "summary", "objectives", "languages", "delivery_mode", "duration_hours",
                  "status", "min_attendance_percent", "min_post_score", "themes", "instruments", "materials",
                  "version", "is_demo"]  # fmt: skip
        read_only_fields = ["instruments", "materials", "version", "is_demo"]


class CourseModuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourseModule
        fields = ["id", "course", "position", "title", "objectives", "duration_hours"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "course", "activity", "language", "nominations_open", "nomination_deadline", "version",
                  "is_demo"]  # fmt: skip


class SeatAllocationSerializer(serializers.ModelSerializer):
    state: Any = serializers.SlugRelatedField(slug_field="iso3", read_only=True)

    class Meta:
        model = SeatAllocation
        fields = ["id", "session", "state", "seats"]


class PersonSerializer(serializers.ModelSerializer):
    state: Any = serializers.SlugRelatedField(slug_field="iso3", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "state", "identifier", "full_name", "function", "agency", "agency_name", "sex", "email",
                  "phone", "language", "consent", "consent_date", "merged_into", "erased_at"]  # fmt: skip


class NominationSerializer(serializers.ModelSerializer):
    """A nomination; POST nominates (the person's details and the stable identifier)."""

    state: Any = serializers.SlugRelatedField(slug_field="iso3", read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "session", "person", "state", "status", "reason", "decided_at", "pre_score", "post_score",
                  "satisfaction", "version"]  # fmt: skip
        read_only_fields = fields


class NominateSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(min_value=1, help_text="The training session's id.")
    identifier = serializers.CharField(max_length=200)
    state = serializers.CharField(max_length=3, required=False, help_text="UNODC only: ISO alpha-3 of the State.")

    class Meta:
        model = Person
        fields = ["session", "state", "identifier", "full_name", "function", "agency", "agency_name", "sex", "email",
                  "phone", "language", "consent"]  # fmt: skip
        extra_kwargs: dict[str, Any] = {"identifier": {"validators": []}}


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accepted", "declined"])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "nomination", "day", "present"]


class CertificateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certificate
        fields = ["id", "nomination", "code", "issued_on", "language", "revoked_at", "revocation_reason"]
