"""Serializers of the needs endpoints. Related records are looked up through the policy of the caller."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.accounts.models import Organisation
from ctassist.assistance.models import Activity, AssistanceRequest, Theme
from ctassist.geo.models import State
from ctassist.library.models import LegislativeReview, Provision
from ctassist.needs.choices import NeedStatus
from ctassist.needs.models import AssessmentAnswer, FollowUp, Need, SelfAssessment, SharingDecision
from ctassist.treaties.models import Instrument


class _Restricted:
    """A related field whose choices are the rows the caller may view (``restrict(user)``)."""

    model: Any

    def get_queryset(self) -> Any:
        request = self.context.get("request")  # type: ignore[attr-defined]
        return self.model._default_manager.restrict(getattr(request, "user", None))


class RestrictedSlugField(_Restricted, serializers.SlugRelatedField):
    def __init__(self, model: Any, **kwargs: Any):
        self.model = model
        # Names the model for the schema; the choices themselves come from get_queryset().
        kwargs.setdefault("queryset", model._default_manager.restrict(None).none())
        super().__init__(**kwargs)


class RestrictedPkField(_Restricted, serializers.PrimaryKeyRelatedField):
    def __init__(self, model: Any, **kwargs: Any):
        self.model = model
        # Names the model for the schema; the choices themselves come from get_queryset().
        kwargs.setdefault("queryset", model._default_manager.restrict(None).none())
        super().__init__(**kwargs)


class NeedSerializer(serializers.ModelSerializer):
    """A need. ``version`` is also the ``ETag``: send it back in ``If-Match`` to change the need.

    ``requests`` and ``activities`` list the answers the caller may see; set them with
    ``POST /needs/{id}/answers/``; move the status with ``POST /needs/{id}/status/``.
    """

    reference = serializers.CharField(read_only=True)
    state = RestrictedSlugField(State, slug_field="iso3")
    themes = RestrictedSlugField(Theme, slug_field="code", many=True, required=False)
    instruments = RestrictedSlugField(Instrument, slug_field="code", many=True, required=False)
    review = RestrictedPkField(LegislativeReview, required=False, allow_null=True)
    source_request = RestrictedPkField(AssistanceRequest, required=False, allow_null=True)
    is_confidential = serializers.BooleanField(read_only=True)
    requests = serializers.SerializerMethodField(help_text="Ids of the requests answering it that you may see.")
    activities = serializers.SerializerMethodField(help_text="Ids of the activities answering it that you may see.")

    class Meta:
        model = Need
        fields = [
            "id", "reference", "state", "title", "description", "themes", "instruments", "source",
            "source_reference", "source_date", "mechanism", "review", "review_item", "source_request", "priority",
            "lead_institution", "target_date", "status", "status_reason", "is_confidential", "requests",
            "activities", "version", "is_demo",
        ]  # fmt: skip
        read_only_fields = ["review_item", "status", "status_reason", "version", "is_demo"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_requests(self, obj: Need) -> list[int]:
        return [r.pk for r in getattr(obj, "visible_requests", [])]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_activities(self, obj: Need) -> list[int]:
        return [a.pk for a in getattr(obj, "visible_activities", [])]


class StatusSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=NeedStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class AnswersSerializer(serializers.Serializer):
    requests = RestrictedPkField(AssistanceRequest, many=True, required=False)
    activities = RestrictedPkField(Activity, many=True, required=False)


class ShareSerializer(serializers.Serializer):
    organisation = RestrictedPkField(Organisation, help_text="A partner entity or a donor.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    withdraw = serializers.BooleanField(required=False, default=False, help_text="Stop sharing instead.")


class CreatedRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()


class FollowUpSerializer(serializers.ModelSerializer):
    need = RestrictedPkField(Need)

    class Meta:
        model = FollowUp
        fields = ["id", "need", "done_on", "action", "done_by", "evidence", "created_at", "is_demo"]
        read_only_fields = ["created_at", "is_demo"]


class SharingDecisionSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = SharingDecision
        fields = ["id", "need", "organisation", "organisation_name", "action", "note", "created_at"]


class AssessmentAnswerSerializer(serializers.ModelSerializer):
    """One item of a self-assessment; the State writes ``status``, ``provisions`` and ``comment``."""

    provisions = RestrictedPkField(Provision, many=True, required=False)

    class Meta:
        model = AssessmentAnswer
        fields = ["id", "assessment", "item_key", "position", "category", "article", "requirement", "status",
                  "provisions", "comment", "version"]  # fmt: skip
        read_only_fields = ["assessment", "item_key", "position", "category", "article", "requirement", "version"]


class SelfAssessmentSerializer(serializers.ModelSerializer):
    state = RestrictedSlugField(State, slug_field="iso3")
    instrument = RestrictedSlugField(Instrument, slug_field="code")
    answered = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()

    class Meta:
        model = SelfAssessment
        fields = ["id", "state", "instrument", "status", "comments", "submitted_on", "validated_on", "review",
                  "items", "answered", "is_demo", "version"]  # fmt: skip
        read_only_fields = ["status", "comments", "submitted_on", "validated_on", "review", "is_demo", "version"]

    def get_items(self, obj: SelfAssessment) -> int:
        return len(obj.answers.all())

    def get_answered(self, obj: SelfAssessment) -> int:
        return sum(1 for a in obj.answers.all() if a.status)


class AssessmentDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["validate", "return"])
    comments = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
