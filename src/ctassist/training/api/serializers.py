from typing import Any

from rest_framework import serializers

from ctassist.assistance.choices import Language
from ctassist.assistance.models import Theme
from ctassist.training.models import (
    Attendance,
    Certificate,
    Course,
    CourseModule,
    Nomination,
    Person,
    SeatAllocation,
    Session,
    SessionTrainer,
    Trainer,
)
from ctassist.treaties.models import Instrument


class CourseSerializer(serializers.ModelSerializer):
    themes: Any = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Theme.objects.restrict(None),
                                               required=False)  # fmt: skip
    languages = serializers.ListField(child=serializers.ChoiceField(choices=Language.choices))

    class Meta:
        model = Course
        fields = ["id", "code", "title", "summary", "objectives", "languages", "delivery_mode", "duration_hours",
                  "status", "min_attendance_percent", "min_post_score", "themes", "instruments", "materials",
                  "version", "is_demo"]  # fmt: skip
        read_only_fields = ["materials", "version", "is_demo"]


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


class TrainerSerializer(serializers.ModelSerializer):
    """A trainer of the roster; ``email`` and ``phone`` are empty for callers who may not read them."""

    themes: Any = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Theme.objects.restrict(None),
                                               required=False)  # fmt: skip
    instruments: Any = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Instrument.objects.restrict(None),
                                                    required=False)  # fmt: skip
    languages = serializers.ListField(child=serializers.ChoiceField(choices=Language.choices))
    sessions_delivered = serializers.IntegerField(read_only=True)
    average_rating = serializers.DecimalField(max_digits=3, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = Trainer
        fields = ["id", "full_name", "kind", "organisation", "expertise", "themes", "instruments", "languages",
                  "availability", "email", "phone", "active", "sessions_delivered", "average_rating", "version",
                  "is_demo"]  # fmt: skip
        read_only_fields = ["version", "is_demo"]

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        if instance.pk not in self.context.get("contact_visible", set()):
            data["email"] = data["phone"] = ""
        return data


class SessionTrainerSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionTrainer
        fields = ["id", "session", "trainer", "role", "rating"]


class SessionWriteSerializer(serializers.ModelSerializer):
    """A session as edited: its course and activity stay; nomination settings and the notes change."""

    class Meta:
        model = Session
        fields = ["id", "course", "activity", "language", "nominations_open", "nomination_deadline",
                  "satisfaction_notes", "follow_up_notes", "version", "is_demo"]  # fmt: skip
        read_only_fields = ["course", "activity", "version", "is_demo"]


class OpenSessionSerializer(serializers.Serializer):
    course = serializers.IntegerField(min_value=1)
    activity = serializers.IntegerField(min_value=1, help_text="A training, e-learning or workshop activity's id.")
    language = serializers.ChoiceField(choices=Language.choices)
    nomination_deadline = serializers.DateField(required=False, allow_null=True)
    seats = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=500), required=False,
                                  help_text="ISO alpha-3 of a State → its seats.")  # fmt: skip


class AttendanceWriteSerializer(serializers.Serializer):
    present = serializers.DictField(
        child=serializers.ListField(child=serializers.DateField()),
        help_text="Enrolled nomination id → the days it was present; every other day of the session is absent.",
    )


class ResultsSerializer(serializers.Serializer):
    pre_score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False,
                                         allow_null=True)  # fmt: skip
    post_score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False,
                                          allow_null=True)  # fmt: skip
    satisfaction = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
